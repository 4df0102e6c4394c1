"""The three real exports in ../shared/data, loaded the way `tyndau ingest` loads them.

Each test ingests a real file into a real DuckDB file (make_connector + pipeline.ingest on a
migrated warehouse), compares the warehouse with figures computed here from the raw file with plain
Python, loads the file a second time to prove the load is idempotent, and checks that personal data
was redacted where the source has free text. The data is never copied into the repository; if it
is missing, the tests fail (they never skip): see /work/shared/README.md.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from ingestion.pipeline import LoadReport, ingest
from ingestion.redact import redact_text
from ingestion.registry import make_connector
from warehouse.config import Settings, load_settings
from warehouse.db import connect, migrate

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SPB_FILE = "spb-nashgorod-appeals/appeals.jsonl.gz"
BOSTON_DIR = "boston-311-2015"
CSPS_FILE = "uk-civil-service-people-survey/Civil-Service-People-Survey-2019-All-Organisation-Scores-CSV-format.csv"
BOSTON_TIME = "%m/%d/%Y %I:%M:%S %p"
# The zones the exports write their wall clocks in, without an offset: each is loaded as a deployment
# in that zone would load it (docs/connectors.md, Time zones), and its times are stored in UTC.
SPB_ZONE = "Europe/Moscow"
BOSTON_ZONE = "America/New_York"


def in_utc(wall_clock: datetime, zone: str) -> datetime:
    """What the warehouse stores for a wall clock of `zone`: the instant in UTC (naive)."""
    return wall_clock.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)


def real_data(relative: str) -> Path:
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.fail(f"Real export {path} is missing. These tests read the shared data in place at "
                    f"{SHARED_DATA} (a sibling of the repository; see shared/README.md); they never skip.",
                    pytrace=False)
    return path


@dataclass
class Warehouse:
    con: duckdb.DuckDBPyConnection
    settings: Settings

    def ingest(self, connector: str, location: Path, mapping: str | None = None) -> LoadReport:
        return ingest(self.con, make_connector(connector, str(location), mapping), self.settings)

    def one(self, sql: str, params: list | None = None):
        return self.con.execute(sql, params or []).fetchone()

    def all(self, sql: str, params: list | None = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()


def new_warehouse(folder: Path, zone: str = "Asia/Almaty") -> Warehouse:
    settings = load_settings(folder / "no-config.toml", db_path=str(folder / "tyndau.duckdb"),
                             salt="test-salt-not-for-deployment", timezone=zone)
    con = connect(settings.db_path)
    migrate(con, zone)
    return Warehouse(con, settings)


def assert_idempotent(report: LoadReport) -> None:
    assert (report.counts.inserted, report.counts.updated) == (0, 0), report.counts
    assert report.counts.unchanged > 0


# ---------------------------------------------------------------- St Petersburg portal


@dataclass
class SpbLoad:
    warehouse: Warehouse
    first: LoadReport
    second: LoadReport
    threads: list[dict]


@pytest.fixture(scope="module")
def spb(tmp_path_factory) -> SpbLoad:
    """One load of the 60k threads (and the idempotency re-load), shared by the SPB tests."""
    path = real_data(SPB_FILE)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        threads = [json.loads(line) for line in fh if line.strip()]
    warehouse = new_warehouse(tmp_path_factory.mktemp("spb"), SPB_ZONE)
    first = warehouse.ingest("spb-portal", path)
    second = warehouse.ingest("spb-portal", path)
    return SpbLoad(warehouse, first, second, threads)


def _final_answers(thread: dict) -> list[dict]:
    return sorted((a for a in thread["answers"] if a["type"] == "Окончательный ответ"), key=lambda a: a["dt"])


def _agency(thread: dict) -> str | None:
    authors = [a["author"] for a in sorted(thread["answers"], key=lambda a: a["dt"]) if a.get("author")]
    return thread.get("responsible_org") or (authors[-1] if authors else None)


def test_spb_appeals_match_the_raw_export(spb: SpbLoad):
    threads, w = spb.threads, spb.warehouse
    assert len(threads) == 59_849  # as the shared README states
    created = [in_utc(datetime.fromisoformat(t["created_dt"]), SPB_ZONE) for t in threads]
    agencies = {_agency(t) for t in threads} - {None}
    answered = sum(1 for t in threads if _final_answers(t))
    closed = sum(1 for t in threads if any(s["status"].startswith("Завершено") for s in t["statuses"]))
    satisfied = sum(1 for t in threads if t["final_status"] == "Завершено: Пользователь удовлетворен решением проблемы")

    count, first, last, n_agencies, n_answered, n_closed, n_satisfied = w.one(
        """select count(*), min(registered_at), max(registered_at), count(distinct agency_name),
                  count(answered_at), count(closed_at),
                  count(*) filter (status = 'Завершено: Пользователь удовлетворен решением проблемы')
           from raw_appeals where source = 'spb-nashgorod'""")
    assert count == len(threads) == spb.first.counts.by_table["raw_appeals"]["inserted"]
    assert (first, last) == (min(created), max(created))
    assert n_agencies == len(agencies)
    assert n_answered / count == pytest.approx(answered / len(threads))
    assert n_closed == closed
    assert n_satisfied == satisfied
    assert spb.first.counts.rejected == 0


def test_spb_lifecycle_of_one_thread(spb: SpbLoad):
    """Thread 2947909: moderation, review, answer, automatic closure twenty days later. Times in UTC:
    Moscow's 16:33 is 13:33, and the closure at 01:30 on 13 November is 22:30 on the 12th."""
    row = spb.warehouse.one(
        "select answered_at, closed_at, status, category, agency_name, region_name, appeal_type, channel "
        "from raw_appeals where external_id = '2947909'")
    assert row == (datetime(2020, 10, 22, 13, 33, 46, 128707), datetime(2020, 11, 12, 22, 30, 54, 728196),
                   "Завершено: Автоматически", "Содержание МКД / Неудовлетворительное состояние парадной",
                   "Администрация Приморского района", "Приморский", "application", "portal")
    events = spb.warehouse.all(
        "select event_seq, event_type, status from raw_appeal_events where external_id = '2947909' order by event_seq")
    assert [e[1] for e in events] == ["registered", "status_change", "status_change", "final_answer",
                                      "status_change", "status_change"]
    assert [e[0] for e in events] == [1, 2, 3, 4, 5, 6]


def test_spb_events_match_the_raw_histories(spb: SpbLoad):
    expected = Counter()
    for t in spb.threads:
        expected["registered"] += 1
        expected["status_change"] += len(t["statuses"])
        expected["followup"] += sum(1 for s in t["statuses"][1:] if s["status"] == "Модерация")
        for a in t["answers"]:
            expected["final_answer" if a["type"] == "Окончательный ответ" else "interim_answer"] += 1
    stored = dict(spb.warehouse.all("select event_type, count(*) from raw_appeal_events group by 1"))
    assert stored == dict(expected)
    # the portal's own follow-up counter agrees, except for follow-ups still in moderation at export time
    assert sum(t["n_followups"] for t in spb.threads) <= expected["followup"]


def test_spb_second_load_changes_nothing(spb: SpbLoad):
    assert_idempotent(spb.second)
    assert spb.warehouse.one("select count(*) from raw_appeals")[0] == len(spb.threads)


def test_spb_texts_are_redacted(spb: SpbLoad):
    """Texts holding a phone-like number (appeals and final answers): stored exactly as redacted."""
    phone_like = re.compile(r"\d{3}[-\s]\d{2}[-\s]\d{2}")
    expected = {}
    for t in spb.threads:
        finals = _final_answers(t)
        for column, text in (("text", t["text"]), ("answer_text", finals[-1]["text"] if finals else None)):
            if text and phone_like.search(text):
                expected[(str(t["id"]), column)] = redact_text(text.strip())
    stored = {(i, c): v for i, c, v in spb.warehouse.all(
        "unpivot (select external_id, text, answer_text from raw_appeals) on text, answer_text "
        "into name column_name value stored_text")}
    assert len(expected) > 100
    assert all(stored[key] == value for key, value in expected.items())
    assert sum("[PHONE]" in value for value in expected.values()) > 100

    answers = {(str(t["id"]), in_utc(datetime.fromisoformat(a["dt"]), SPB_ZONE)): redact_text(a["text"].strip())
               for t in spb.threads for a in t["answers"] if a["text"] and phone_like.search(a["text"])}
    events = {(i, at): text for i, at, text in spb.warehouse.all(
        "select external_id, event_at, text from raw_appeal_events where event_type like '%answer'")}
    assert len(answers) > 100
    assert all(events[key] == value for key, value in answers.items())


# ---------------------------------------------------------------- Boston 311


def boston_rows() -> dict[str, list[dict]]:
    folder = real_data(BOSTON_DIR)
    files = sorted(folder.glob("*.csv"))
    assert files, f"no CSV files in {folder}"
    return {f.name: list(csv.DictReader(f.open(encoding="utf-8", newline=""))) for f in files}


def boston_appeal_type(title: str) -> str:
    """The rule docs/connectors.md states, written out in plain Python."""
    low = title.lower()
    for needle, kind in (("complim", "feedback"), ("compla", "complaint"), ("suggest", "proposal"),
                         ("inquir", "inquiry"), ("comment", "feedback")):
        if needle in low:
            return kind
    return "complaint"


def test_boston_311_files_load_with_the_shipped_mapping(tmp_path):
    files = boston_rows()
    rows = [r for batch in files.values() for r in batch]
    assert len(files["General Comments For An Employee.csv"]) == 728
    assert len(files["General Comments For a Program or Policy.csv"]) == 4_840
    w = new_warehouse(tmp_path, BOSTON_ZONE)
    firsts = [w.ingest("file", real_data(f"{BOSTON_DIR}/{name}"), "boston-311") for name in files]
    seconds = [w.ingest("file", real_data(f"{BOSTON_DIR}/{name}"), "boston-311") for name in files]

    opened = [in_utc(datetime.strptime(r["OPEN_DT"], BOSTON_TIME), BOSTON_ZONE) for r in rows]
    closed = [r for r in rows if r["CLOSED_DT"].strip()]
    count, first, last, departments, n_closed, n_answered, n_due, n_geo = w.one(
        """select count(*), min(registered_at), max(registered_at), count(distinct agency_code),
                  count(closed_at), count(answered_at), count(due_at), count(latitude)
           from raw_appeals where source = 'boston-311'""")
    assert count == len({r["CASE_ENQUIRY_ID"] for r in rows}) == len(rows)
    assert (first, last) == (min(opened), max(opened))
    assert departments == len({r["Department"] for r in rows})
    assert n_closed == n_answered == len(closed)
    assert n_due == sum(1 for r in rows if r["TARGET_DT"].strip())
    assert n_geo == sum(1 for r in rows if r["Geocoded_Location"] != "(0, 0)")
    assert sum(r.counts.rejected for r in firsts) == 0
    for report in seconds:
        assert_idempotent(report)

    expected_types = Counter(boston_appeal_type(r["CASE_TITLE"]) for r in rows if r["CASE_TITLE"].strip())
    stored_types = dict(w.all("select appeal_type, count(*) from raw_appeals where appeal_type is not null group by 1"))
    assert stored_types == dict(expected_types)
    assert w.one("select count(*) from raw_appeals where latitude = 42.3594 and longitude = -71.0587")[0] == 0


def test_boston_closure_notes_are_redacted(tmp_path):
    rows = boston_rows()["General Comments For a Program or Policy.csv"]
    w = new_warehouse(tmp_path)
    w.ingest("file", real_data(f"{BOSTON_DIR}/General Comments For a Program or Policy.csv"), "boston-311")
    with_email = {r["CASE_ENQUIRY_ID"]: r["CLOSURE_REASON"].strip() for r in rows if "@" in r["CLOSURE_REASON"]}
    stored = dict(w.all("select external_id, answer_text from raw_appeals where external_id in (select unnest(?))",
                        [list(with_email)]))
    assert len(stored) == len(with_email) > 5
    assert all(stored[i] == redact_text(with_email[i]) for i in with_email)
    assert not any(re.search(r"[\w.]+@boston\.gov", text, re.IGNORECASE) for text in stored.values())


# ---------------------------------------------------------------- UK Civil Service People Survey


def test_uk_csps_scores_unpivot_with_wording_and_areas(tmp_path):
    path = real_data(CSPS_FILE)
    with path.open(encoding="utf-8-sig", newline="") as fh:  # UTF-8 with a BOM, whatever its name says
        header, *data = list(csv.reader(fh))
    measures = header[3:]
    cells = [(row[1], m, v) for row in data for m, v in zip(measures, row[3:])]
    values = [float(v.rstrip("%")) for _, _, v in cells if v.endswith("%")]
    areas = tomllib.loads((resources.files("ingestion.mappings") / "uk-csps-areas.toml").read_text("utf-8"))["areas"]

    w = new_warehouse(tmp_path)
    first = w.ingest("uk-csps", path)
    second = w.ingest("uk-csps", path)

    count, orgs, n_measures, n_values, low, high, n_text, n_area = w.one(
        """select count(*), count(distinct organisation), count(distinct measure_id), count(value),
                  min(value), max(value), count(measure_text), count(competency_area)
           from raw_survey_scores where source = 'uk-csps' and period = '2019'""")
    assert (orgs, n_measures) == (len(data), len(measures)) == (111, 92)
    assert count == len(cells) == first.counts.inserted
    assert n_values == len(values)
    assert (low, high) == (min(values), max(values))
    assert n_text == count  # every 2019 measure has its wording in the reference files
    assert n_area == len(data) * sum(1 for m in measures if m in areas)
    assert first.counts.rejected == 0
    assert_idempotent(second)

    assert w.one("select value, competency_area, measure_text from raw_survey_scores "
                 "where organisation = 'Civil Service Benchmark (median)' and measure_id = 'My manager'") == (
        71.0, "leadership", "My manager theme score")
    assert w.one("select count(*) from raw_survey_scores where organisation like '%Arm’s Length%'")[0] == len(measures)
    assert w.one("select count(*) from raw_survey_scores where organisation like '%â%' or organisation like '%ï»¿%'")[0] == 0
