"""A warehouse of the committed sample dataset (sample_data/default) with the generator's own labels,
for the training planners' tests: the planted gaps and the planted training effect are documented for
exactly this dataset (sample_data/README.md), so the checks run on it rather than on a smaller one.

Labels come through the classifier's own protocol and write path (`nlp.classify.classify_pending`
with :class:`dashboard_support.GroundTruthClassifier`), as the dashboard tests do: fast, fixed, and
independent of how well the trained model does.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from dashboard_support import GroundTruthClassifier
from ingestion.sample_files import ingest_sample_dataset
from warehouse.build import build_models
from warehouse.config import Settings, load_settings
from warehouse.db import connect, migrate, publish_snapshot
from warehouse.refdata import load_reference_data

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_data" / "default"


def sample_truth(con: duckdb.DuckDBPyConnection, labels_csv: Path) -> GroundTruthClassifier:
    """Each appeal's (redacted) text mapped to the generator's labels of that appeal."""
    labels = pl.read_csv(labels_csv)
    texts = con.execute("select external_id as appeal_no, text from raw_appeals").pl()
    truth: dict[str, dict[str, str]] = {}
    for row in texts.join(labels, on="appeal_no").iter_rows(named=True):
        truth.setdefault(row["text"], {})[row["area"]] = row["polarity"]
    return GroundTruthClassifier(truth)


def build_sample_warehouse(workdir: Path, folder: Path = SAMPLE) -> Settings:
    """Ingest the sample files, label them with the ground truth, build every model, publish."""
    from nlp.classify import classify_pending

    settings = load_settings(workdir / "none.toml", db_path=str(workdir / "tyndau.duckdb"), salt="test-salt")
    con = connect(settings.db_path)
    migrate(con)
    load_reference_data(con)
    ingest_sample_dataset(con, folder, settings)
    classify_pending(con, sample_truth(con, folder / "appeal_labels.csv"))
    build_models(con, settings)
    con.execute("checkpoint")
    con.close()
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path())
    return settings
