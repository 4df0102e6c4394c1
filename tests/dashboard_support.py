"""A small, deterministic warehouse for the dashboard tests, built the way `tyndau demo` builds one.

Why not the trained classifier: training takes minutes and its labels move when the model does;
the dashboard tests need labels that are fast and fixed. The generator writes the ground truth of
every text (appeal_labels.csv), so :class:`GroundTruthClassifier` answers with it through the
classifier's own protocol and `nlp.classify.classify_pending`, i.e. the same tables and the same
write path a real model uses.

One hostile appeal is added to the generated file, so tests can check that nothing a citizen
writes is ever rendered as HTML.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from dashboard.users import add_user
from ingestion.sample_files import ingest_sample_dataset
from nlp.model import AreaLabel, Prediction
from warehouse.build import build_models
from warehouse.config import Settings, load_settings
from warehouse.db import connect, migrate, publish_snapshot
from warehouse.refdata import load_reference_data
from warehouse.taxonomy import area_ids

APPEALS = 3000
SEED = 20260101
HOSTILE_ID = "ЖТ-2025-999999"
HOSTILE_TEXT = ('<script>alert("xss")</script><img src=x onerror=alert(1)> **bold** [link](javascript:alert(2)) '
                "Ғимаратта пандус жоқ, арбамен қабылдауға кіре алмаймын.")
UNCLASSIFIABLE_ID = "ЖТ-2025-999998"
PASSWORDS = {"leader": "leader-pass-1", "analyst": "analyst-pass-1", "planner": "planner-pass-1",
             "admin": "admin-pass-1"}
ROLES = {"leader": "leadership", "analyst": "analyst", "planner": "training_planner", "admin": "admin"}


@dataclass
class GroundTruthClassifier:
    """The generator's own labels, served through the Classifier protocol (texts are the keys)."""

    truth: dict[str, dict[str, str]]
    name: str = "ground-truth"
    version: str = "truth-1"
    model_hash: str = "0" * 64
    fail_on: set[str] = field(default_factory=set)

    def predict(self, texts):
        return [self._one(text) for text in texts]

    def _one(self, text: str) -> Prediction:
        if not text or text in self.fail_on:
            return Prediction(failure="empty: no text to classify")
        areas = self.truth.get(text, {})
        labels = tuple(AreaLabel(area, polarity, 0.55 + 0.4 * ((len(text) + i) % 10) / 10, 0.8)
                       for i, (area, polarity) in enumerate(sorted(areas.items())))
        return Prediction(areas=labels, area_scores={a.area: a.score for a in labels},
                          area_thresholds=dict.fromkeys(area_ids(), 0.5), language="ru")

    def explain(self, text: str, top: int = 5):
        return {}


SHIPPED_SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "default"


def generate_files(folder: Path, appeals: int = APPEALS, seed: int = SEED, source: Path | None = None) -> Path:
    """A copy of `source` (the shipped sample) or a freshly generated sample, plus the special appeals."""
    if source is not None:
        shutil.copytree(source, folder)
    else:
        from sample_data.generate import generate

        generate(folder, n_appeals=appeals, seed=seed)
    _append_special_appeals(folder / "appeals.csv")
    return folder


def _append_special_appeals(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, first = reader.fieldnames, next(reader)
    rows = []
    for appeal_no, text in ((HOSTILE_ID, HOSTILE_TEXT), (UNCLASSIFIABLE_ID, "")):
        row = dict(first)
        row.update(appeal_no=appeal_no, reg_date="2025-12-01T10:00:00", text=text, appeal_kind="complaint",
                   answer_date="", close_date="", status="registered", satisfaction="")
        rows.append(row)
    with path.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=columns).writerows(rows)


def generator_labels(con: duckdb.DuckDBPyConnection, labels_csv: Path) -> dict[str, dict[str, str]]:
    """Each appeal's (redacted) text mapped to the generator's labels of that appeal."""
    labels = pl.read_csv(labels_csv)
    texts = con.execute("select external_id as appeal_no, text from raw_appeals").pl()
    truth: dict[str, dict[str, str]] = {}
    for row in texts.join(labels, on="appeal_no").iter_rows(named=True):
        truth.setdefault(row["text"], {})[row["area"]] = row["polarity"]
    return truth


def ground_truth(con: duckdb.DuckDBPyConnection, labels_csv: Path) -> GroundTruthClassifier:
    """The generator's labels, plus the planted hostile letter as an inclusiveness complaint."""
    truth = generator_labels(con, labels_csv)
    hostile = con.execute("select text from raw_appeals where external_id = ?", [HOSTILE_ID]).fetchone()[0]
    truth[hostile] = {"inclusiveness": "negative"}
    return GroundTruthClassifier(truth)


def labelled_warehouse(settings: Settings, files: Path, classifier_for) -> Settings:
    """Ingest the sample files, label them with `classifier_for(con, labels_csv)`, build, publish."""
    from nlp.classify import classify_pending

    con = connect(settings.db_path)
    migrate(con)
    load_reference_data(con)
    ingest_sample_dataset(con, files, settings)
    classify_pending(con, classifier_for(con, files / "appeal_labels.csv"))
    build_models(con, settings)
    con.execute("checkpoint")
    con.close()
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path())
    return settings


def build_warehouse(workdir: Path, appeals: int = APPEALS, source: Path | None = None,
                    edit_files: Callable[[Path], None] | None = None) -> Settings:
    """Generate (or copy `source`), ingest, classify (ground truth), build and publish; one user per role.

    `edit_files(folder)` may change the generated files before they are ingested (hostile data)."""
    files = generate_files(workdir / "sample", appeals, source=source)
    if edit_files:
        edit_files(files)
    settings = load_settings(workdir / "none.toml", db_path=str(workdir / "tyndau.duckdb"),
                             salt="test-salt-not-for-deployment",
                             users_file=str(workdir / "users.toml"), model_dir=str(workdir / "no-model"))
    labelled_warehouse(settings, files, ground_truth)
    for name, password in PASSWORDS.items():
        add_user(settings.users_file, name, ROLES[name], password, display_name=name.title())
    return settings


def environment(settings: Settings) -> dict[str, str]:
    """The TYNDAU_* variables that point a dashboard process at this warehouse."""
    return {"TYNDAU_DB_PATH": settings.db_path, "TYNDAU_USERS_FILE": settings.users_file,
            "TYNDAU_MODEL_DIR": settings.model_dir, "TYNDAU_SALT": settings.salt,
            "TYNDAU_CONFIG": str(Path(settings.db_path).with_name("none.toml")),
            "TYNDAU_DASHBOARD_LANGUAGE": "en"}


@contextmanager
def environment_applied(env: dict[str, str]):
    """These environment variables for the duration (a module's warehouse), then as they were."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def listed_ids(at, key: str) -> list[str]:
    """The appeal ids of a text list (`components.text_list(..., key)`), in the order shown."""
    table = next(df for df in at.dataframe if df.key == f"texts.{key}")
    return [str(v) for v in table.value.iloc[:, 0].tolist()]


def open_text(at, key: str, appeal_id: str) -> None:
    """Open a text the way a reader does: select its row in the list (AppTest cannot click a table,
    so the selection is written to the table's widget state, which Streamlit then reports)."""
    row = listed_ids(at, key).index(appeal_id)
    at.session_state[f"texts.{key}"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
