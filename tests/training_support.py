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

from dashboard_support import GroundTruthClassifier, generator_labels, labelled_warehouse
from warehouse.config import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_data" / "default"


def sample_truth(con: duckdb.DuckDBPyConnection, labels_csv: Path) -> GroundTruthClassifier:
    """Each appeal's (redacted) text mapped to the generator's labels of that appeal."""
    return GroundTruthClassifier(generator_labels(con, labels_csv))


def build_sample_warehouse(workdir: Path, folder: Path = SAMPLE) -> Settings:
    """Ingest the sample files, label them with the ground truth, build every model, publish."""
    settings = load_settings(workdir / "none.toml", db_path=str(workdir / "tyndau.duckdb"),
                             salt="test-salt-not-for-deployment")
    return labelled_warehouse(settings, folder, sample_truth)
