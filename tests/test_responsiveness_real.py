"""Responsiveness marts checked on real data: the St Petersburg portal threads.

The expected figures are computed independently, straight from the raw JSON Lines file
with plain Python, and compared with what the warehouse's marts say."""

from __future__ import annotations

import gzip
import json
import statistics
from collections import defaultdict
from datetime import datetime

import pytest
from conftest import shared_data

from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from insights.responsiveness import first_answer_by_agency
from insights.scope import Filters
from warehouse.build import build_models

SATISFIED = "Завершено: Пользователь удовлетворен решением проблемы"


def independent_figures(path):
    """Per organisation: days from registration to the first answer; thread counts; satisfied closures."""
    days, threads, satisfied, closed = defaultdict(list), 0, 0, 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)
            threads += 1
            answers = t.get("answers") or []
            org = t.get("responsible_org") or (answers[-1]["author"] if answers else None)
            if answers:
                first = min(datetime.fromisoformat(a["dt"]) for a in answers)
                days[org].append((first - datetime.fromisoformat(t["created_dt"])).total_seconds() / 86400)
            final = t.get("final_status") or ""
            closed += final.startswith("Завершено")
            satisfied += final == SATISFIED
    return days, threads, satisfied, closed


@pytest.fixture(scope="module")
def spb_warehouse(tmp_path_factory):
    from warehouse.config import load_settings
    from warehouse.db import connect, migrate
    from warehouse.refdata import load_reference_data

    tmp = tmp_path_factory.mktemp("spb")
    settings = load_settings(tmp / "none.toml", db_path=str(tmp / "spb.duckdb"), salt="test-salt-not-for-deployment",
                             working_days_to_answer=30, calendar_days_only=True, holiday_country="RU")
    con = connect(settings.db_path)
    migrate(con)
    load_reference_data(con)
    ingest(con, make_connector("spb-portal", str(shared_data("spb-nashgorod-appeals", "appeals.jsonl.gz"))), settings)
    build_models(con, settings)
    yield con
    con.close()


def test_median_days_to_first_answer_per_organisation_matches_the_raw_file(spb_warehouse):
    days, _, _, _ = independent_figures(shared_data("spb-nashgorod-appeals", "appeals.jsonl.gz"))
    mart = first_answer_by_agency(spb_warehouse, Filters(), min_count=20)
    assert mart.height >= 40
    checked = 0
    for row in mart.iter_rows(named=True):
        expected = statistics.median(days[row["agency"]])
        assert row["answered"] == len(days[row["agency"]]), row["agency"]
        assert row["median_days_to_first_answer"] == pytest.approx(expected, abs=1e-4), row["agency"]
        checked += 1
    assert checked == mart.height


def test_share_of_threads_closed_with_the_citizen_satisfied_matches(spb_warehouse):
    _, threads, satisfied, closed = independent_figures(shared_data("spb-nashgorod-appeals", "appeals.jsonl.gz"))
    total, closed_mart, satisfied_mart = spb_warehouse.execute(
        "select sum(appeals), sum(closed), sum(closed_satisfied) from mart_responsiveness").fetchone()
    assert (total, closed_mart, satisfied_mart) == (threads, closed, satisfied)
    assert satisfied_mart / total == pytest.approx(satisfied / threads)
    assert 0.55 < satisfied / closed < 0.65  # 59.1 % of closed threads: the real figure of this export
