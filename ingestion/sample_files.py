"""Which shipped mapping reads which file of the bundled sample dataset (sample_data/default/).

Why here: `tyndau demo`, the dashboard tests and the benchmark all load the same files the
same way; one list keeps them in step. Order matters only for readability (agencies first).
`regions.csv` is not listed: regions are reference data every warehouse already holds, and
`appeal_labels.csv` is the generator's ground truth, which the classifier must not see.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from ingestion.pipeline import LoadReport, ingest
from ingestion.registry import make_connector
from warehouse.config import Settings

SAMPLE_FILES: tuple[tuple[str, str], ...] = (
    ("agencies.csv", "sample-agencies"),
    ("appeals.csv", "eotinish-sample"),
    ("appeal_events.csv", "eotinish-sample-events"),
    ("survey_360.csv", "survey-360-generic"),
    ("training_catalogue.csv", "sample-training-catalogue"),
    ("course_sessions.csv", "sample-course-sessions"),
)


def ingest_sample_dataset(con: duckdb.DuckDBPyConnection, folder: str | Path, settings: Settings,
                          on_file: Callable[[str, LoadReport], None] | None = None) -> list[LoadReport]:
    """Load every sample file present in `folder` with its mapping; missing optional files are skipped."""
    reports = []
    for name, mapping in SAMPLE_FILES:
        path = Path(folder) / name
        if not path.exists():
            continue
        report = ingest(con, make_connector("csv", str(path), mapping), settings)
        reports.append(report)
        if on_file:
            on_file(name, report)
    return reports
