"""Human review: analysts' corrections, stored apart from the model's labels, and what they measure.

Why apart: a correction is a new row in ``label_corrections`` (plus its areas), never an
update of ``text_classifications``, so "where people changed the AI" and the measured
precision of each model version stay computable, and the next ``tyndau train`` can learn
from the corrections (:func:`corrections_as_examples`).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime

import duckdb

from nlp.corpus import Example
from nlp.errors import CorpusError
from nlp.labels import APPEAL_TYPES, POLARITIES, area_ids
from warehouse.db import transaction

TEXT_SQL = {
    "appeal": "select text from raw_appeals where source || ':' || external_id = ?",
    "survey_comment": "select free_text from raw_survey_responses where source || ':' || response_id || ':' || item_id = ?",
}


@dataclass(frozen=True)
class PrecisionReport:
    """Measured on reviewed texts: of the areas the model predicted, how many the analyst kept."""

    model_hash: str | None
    reviewed_texts: int
    predicted: int
    confirmed: int
    missed: int                    # areas the analyst added that the model did not predict
    polarity_agreed: int
    by_area: dict[str, dict]

    @property
    def precision(self) -> float | None:
        return self.confirmed / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.confirmed / (self.confirmed + self.missed) if self.confirmed + self.missed else None

    def precision_interval(self) -> tuple[float, float] | None:
        return wilson(self.confirmed, self.predicted)


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """95 % Wilson interval of a proportion: honest for the small samples analysts review."""
    if not n:
        return None
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)


def store_correction(con: duckdb.DuckDBPyConnection, text_id: str, areas: dict[str, str], analyst: str,
                     text_kind: str = "appeal", appeal_type: str | None = None, note: str | None = None,
                     reviewed_model_version: str | None = None, correction_id: str | None = None) -> str:
    """Store an analyst's full label set for one text; idempotent on ``correction_id``.

    The model's rows are untouched. The reviewed model is the latest classification of the
    text unless the caller says which version the analyst saw.
    """
    _validate(areas, appeal_type, text_kind)
    correction_id = correction_id or uuid.uuid4().hex
    if con.execute("select 1 from label_corrections where correction_id = ?", [correction_id]).fetchone():
        return correction_id
    model_hash, model_version = _reviewed_model(con, text_kind, text_id, reviewed_model_version)
    with transaction(con):
        con.execute("insert into label_corrections values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [correction_id, text_kind, text_id, model_version, model_hash, appeal_type, analyst, note,
                     datetime.now()])
        for area, polarity in sorted(areas.items()):
            con.execute("insert into label_correction_areas values (?, ?, ?)", [correction_id, area, polarity])
    return correction_id


def _validate(areas: dict[str, str], appeal_type: str | None, text_kind: str) -> None:
    unknown = [f"{a}:{p}" for a, p in areas.items() if a not in area_ids() or p not in POLARITIES]
    if unknown:
        raise CorpusError(f"Unknown label(s) {', '.join(unknown)}.")
    if appeal_type is not None and appeal_type not in APPEAL_TYPES:
        raise CorpusError(f"Unknown appeal type {appeal_type!r}.")
    if text_kind not in TEXT_SQL:
        raise CorpusError(f"Unknown text kind {text_kind!r}; use one of {', '.join(TEXT_SQL)}.")


def _reviewed_model(con, text_kind: str, text_id: str, version: str | None) -> tuple[str | None, str | None]:
    sql = ("select model_hash, model_version from text_classifications where text_kind = ? and text_id = ? "
           + ("and model_version = ? " if version else "") + "order by classified_at desc limit 1")
    row = con.execute(sql, [text_kind, text_id] + ([version] if version else [])).fetchone()
    return (row[0], row[1]) if row else (None, version)


LATEST_SQL = """
    select c.correction_id, c.text_kind, c.text_id, c.reviewed_model_hash, c.appeal_type
    from label_corrections c
    qualify row_number() over (partition by c.text_kind, c.text_id order by c.corrected_at desc, c.correction_id desc) = 1
"""


def latest_corrections(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str | None, str | None, dict]]:
    """(correction_id, text_kind, text_id, reviewed_model_hash, appeal_type, areas) of each text's latest review."""
    rows = con.execute(LATEST_SQL).fetchall()
    areas: dict[str, dict] = {}
    for cid, area, polarity in con.execute("select correction_id, area_id, polarity from label_correction_areas").fetchall():
        areas.setdefault(cid, {})[area] = polarity
    return [(cid, kind, tid, mh, at, areas.get(cid, {})) for cid, kind, tid, mh, at in rows]


def measured_precision(con: duckdb.DuckDBPyConnection, model_hash: str | None = None) -> PrecisionReport:
    """Precision (and recall) of a model's predicted areas on the texts analysts reviewed.

    Compares each text's latest correction with that model's labels of the same text
    (default: the model each correction reviewed).
    """
    predicted = confirmed = missed = agreed = texts = 0
    by_area = {a: {"predicted": 0, "confirmed": 0, "missed": 0} for a in area_ids()}
    for _, kind, tid, reviewed_hash, _, truth in latest_corrections(con):
        model = _model_labels(con, kind, tid, model_hash or reviewed_hash)
        if model is None:
            continue
        texts += 1
        for area, polarity in model.items():
            predicted += 1
            by_area[area]["predicted"] += 1
            if area in truth:
                confirmed += 1
                by_area[area]["confirmed"] += 1
                agreed += truth[area] == polarity
        for area in set(truth) - set(model):
            missed += 1
            by_area[area]["missed"] += 1
    return PrecisionReport(model_hash, texts, predicted, confirmed, missed, agreed, by_area)


def _model_labels(con, kind: str, tid: str, model_hash: str | None) -> dict[str, str] | None:
    if model_hash is None:
        return None
    exists = con.execute("select 1 from text_classifications where text_kind = ? and text_id = ? and model_hash = ?",
                         [kind, tid, model_hash]).fetchone()
    if not exists:
        return None
    rows = con.execute("select area_id, polarity from text_area_scores where text_kind = ? and text_id = ? "
                       "and model_hash = ? and is_predicted", [kind, tid, model_hash]).fetchall()
    return dict(rows)


def corrections_as_examples(con: duckdb.DuckDBPyConnection) -> list[Example]:
    """Each reviewed text with its latest correction, as training examples (texts are redacted)."""
    from nlp.langid import identify

    examples = []
    for cid, kind, tid, _, appeal_type, areas in latest_corrections(con):
        row = con.execute(TEXT_SQL[kind], [tid]).fetchone()
        if not row or not row[0]:
            continue
        lang = identify(row[0]).lang
        examples.append(Example(id=f"correction-{cid}", text=row[0], lang=lang if lang in ("kk", "ru", "en") else "ru",
                                areas=areas, appeal_type=appeal_type, kind=kind))
    return examples
