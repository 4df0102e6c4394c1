"""`tyndau classify`: label every appeal and survey comment the current model has not labelled yet.

Incremental by construction: a text is pending when no row of ``text_classifications`` or
``classification_failures`` has this model's hash and this text's hash. So a second run
does nothing, a new model version re-labels everything (its hash differs), and a text that
was changed at the source is labelled again. Each batch is written in its own transaction:
an interrupted run keeps what it finished and the next run resumes from there.

With the shipped classifier, each appeal's meaning vector (the encoder's last layer) is stored in
``text_vectors`` in the same transaction as its labels, when the classifier's encoder is the one
emerging themes use (:func:`nlp.textvectors.shared_encoder_hash`): the encoder has read the text
already, and ``tyndau topics build`` then embeds nothing twice.

Reads only redacted text (``raw_appeals.text``, ``raw_survey_responses.free_text``, both
redacted at ingestion); the un-redacted ``original_texts`` table is never read here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import numpy as np
import polars as pl

from nlp.model import Classifier, Prediction
from nlp.labels import area_ids
from warehouse.db import require_schema, transaction

SOURCES_SQL = """
    select 'appeal' as text_kind, source || ':' || external_id as text_id, text
    from raw_appeals
    union all
    select 'survey_comment', source || ':' || response_id || ':' || item_id, free_text
    from raw_survey_responses where free_text is not null and trim(free_text) <> ''
"""

PENDING_SQL = f"""
    with texts as ({SOURCES_SQL}),
    hashed as (select text_kind, text_id, coalesce(text, '') as text, sha256(coalesce(text, '')) as text_hash from texts),
    done as (
        select text_kind, text_id, text_hash from text_classifications where model_hash = $model_hash
        union all
        select text_kind, text_id, text_hash from classification_failures where model_hash = $model_hash
    )
    select h.text_kind, h.text_id, h.text, h.text_hash
    from hashed h anti join done d using (text_kind, text_id, text_hash)
    order by h.text_kind, h.text_id
"""


@dataclass
class ClassifyReport:
    model_name: str
    model_version: str
    classified: int = 0
    failed: int = 0
    batches: int = 0
    seconds: float = 0.0
    failures: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return (self.classified + self.failed) / self.seconds if self.seconds else 0.0


def count_pending(con: duckdb.DuckDBPyConnection, model_hash: str) -> int:
    return con.execute(f"select count(*) from ({PENDING_SQL})", {"model_hash": model_hash}).fetchone()[0]


def classify_pending(con: duckdb.DuckDBPyConnection, classifier: Classifier, batch_size: int = 256,
                     limit: int | None = None, on_batch: Callable[[int], None] | None = None) -> ClassifyReport:
    """Classify what is pending for ``classifier``, one transaction per batch."""
    require_schema(con)
    started = time.perf_counter()
    report = ClassifyReport(classifier.name, classifier.version)
    sql = PENDING_SQL + (f" limit {int(limit)}" if limit else "")
    vector_hash = themes_encoder_hash(classifier)
    reader = con.cursor().execute(sql, {"model_hash": classifier.model_hash}).to_arrow_reader(batch_size)
    for batch in reader:
        rows = pl.from_arrow(batch)
        if rows.is_empty():
            continue
        predictions = _predict_safely(classifier, rows["text"].to_list())
        with transaction(con):
            write_batch(con, classifier, rows, predictions, vector_hash)
        _count(report, predictions)
        if on_batch:
            on_batch(rows.height)
    report.seconds = time.perf_counter() - started
    return report


def themes_encoder_hash(classifier: Classifier) -> str | None:
    """The encoder hash to store this classifier's meaning vectors under, or None to store none.

    A classifier without an encoder (a test's fake, another backend) stores none, and needs no torch.
    """
    encoder = getattr(classifier, "encoder", None)
    if encoder is None:
        return None
    from nlp.textvectors import shared_encoder_hash

    return shared_encoder_hash(encoder)


def _predict_safely(classifier: Classifier, texts: list[str]) -> list[Prediction]:
    """A batch-level error never stops the run: retry one by one, and record what still fails."""
    try:
        return classifier.predict(texts)
    except Exception:  # noqa: BLE001 - recorded per text below, the run goes on
        out = []
        for text in texts:
            try:
                out.append(classifier.predict([text])[0])
            except Exception as exc:  # noqa: BLE001
                out.append(Prediction(failure=f"error: {type(exc).__name__}: {str(exc)[:200]}"))
        return out


def _count(report: ClassifyReport, predictions: list[Prediction]) -> None:
    report.batches += 1
    for p in predictions:
        if p.failure:
            report.failed += 1
            reason = p.failure.split(":")[0]
            report.failures[reason] = report.failures.get(reason, 0) + 1
        else:
            report.classified += 1


def write_batch(con: duckdb.DuckDBPyConnection, classifier: Classifier, rows: pl.DataFrame,
                predictions: list[Prediction], vector_hash: str | None = None) -> None:
    """Replace this model's rows for these texts by the new answers (inside the caller's transaction);
    with ``vector_hash``, also the appeals' meaning vectors under that encoder hash."""
    now = datetime.now()
    keys = rows.select("text_kind", "text_id")
    con.register("batch_keys", keys.to_arrow())
    for table in ("text_classifications", "text_area_scores", "classification_failures"):
        con.execute(f"delete from {table} t using batch_keys k where t.text_kind = k.text_kind "
                    f"and t.text_id = k.text_id and t.model_hash = ?", [classifier.model_hash])
    con.unregister("batch_keys")
    labels, scores, failures = _frames(classifier, rows, predictions, now)
    for table, frame in (("text_classifications", labels), ("text_area_scores", scores),
                         ("classification_failures", failures)):
        if frame.height:
            con.register("batch_rows", frame.to_arrow())
            con.execute(f"insert into {table} by name select * from batch_rows")
            con.unregister("batch_rows")
    if vector_hash:
        _write_vectors(con, vector_hash, rows, predictions)


def _write_vectors(con: duckdb.DuckDBPyConnection, vector_hash: str, rows: pl.DataFrame,
                   predictions: list[Prediction]) -> None:
    """Appeals only (themes group appeals), and only texts a vector was computed for (no failures)."""
    from nlp.textvectors import store_appeal_vectors

    kept = [(row["text_id"], row["text"], p.meaning_vector) for row, p in zip(rows.iter_rows(named=True), predictions)
            if row["text_kind"] == "appeal" and p.meaning_vector is not None and not p.failure]
    if kept:
        store_appeal_vectors(con, vector_hash, [(i, t) for i, t, _ in kept], np.vstack([v for _, _, v in kept]))


def _frames(classifier: Classifier, rows: pl.DataFrame, predictions: list[Prediction],
            now: datetime) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    model = {"model_hash": classifier.model_hash}
    labels, scores, failures = [], [], []
    for row, p in zip(rows.iter_rows(named=True), predictions):
        key = {"text_kind": row["text_kind"], "text_id": row["text_id"]}
        if p.failure:
            reason, _, detail = p.failure.partition(":")
            failures.append({**key, **model, "model_name": classifier.name, "model_version": classifier.version,
                             "text_hash": row["text_hash"], "reason": reason, "detail": detail.strip() or None,
                             "failed_at": now})
            continue
        labels.append({**key, **model, "model_name": classifier.name, "model_version": classifier.version,
                       "text_hash": row["text_hash"], "language": p.language, "script": p.script,
                       "transliterated": p.transliterated, "appeal_type": p.appeal_type,
                       "appeal_type_score": p.appeal_type_score, "n_areas": len(p.areas), "classified_at": now})
        scores.extend(_area_rows(key, model, p))
    return (pl.DataFrame(labels, schema=_LABEL_SCHEMA), pl.DataFrame(scores, schema=_SCORE_SCHEMA),
            pl.DataFrame(failures, schema=_FAILURE_SCHEMA))


def _area_rows(key: dict, model: dict, p: Prediction) -> list[dict]:
    found = {a.area: a for a in p.areas}
    return [{**key, **model, "area_id": area, "score": float(p.area_scores.get(area, found[area].score if area in found
             else 0.0)), "is_predicted": area in found, "polarity": found[area].polarity if area in found else None,
             "polarity_score": found[area].polarity_score if area in found else None,
             "threshold": p.area_thresholds.get(area)} for area in area_ids()]


_KEY = {"text_kind": pl.Utf8, "text_id": pl.Utf8, "model_hash": pl.Utf8}
_LABEL_SCHEMA = {**_KEY, "model_name": pl.Utf8, "model_version": pl.Utf8, "text_hash": pl.Utf8, "language": pl.Utf8,
                 "script": pl.Utf8, "transliterated": pl.Boolean, "appeal_type": pl.Utf8,
                 "appeal_type_score": pl.Float64, "n_areas": pl.Int32, "classified_at": pl.Datetime("us")}
_SCORE_SCHEMA = {**_KEY, "area_id": pl.Utf8, "score": pl.Float64, "is_predicted": pl.Boolean, "polarity": pl.Utf8,
                 "polarity_score": pl.Float64, "threshold": pl.Float64}
_FAILURE_SCHEMA = {**_KEY, "model_name": pl.Utf8, "model_version": pl.Utf8, "text_hash": pl.Utf8, "reason": pl.Utf8,
                   "detail": pl.Utf8, "failed_at": pl.Datetime("us")}
