"""Instants are stored in UTC; months, days and deadlines count in the deployment's zone.

Ingestion writes every date-time as the instant in UTC (an offset as written; a time without one is
the deployment's wall clock). Staging shows it in the deployment's zone (the `timezone` setting),
so the marts count as the law and the users do. Migration 0009 converts an old warehouse's
wall-clock rows once. See docs/connectors.md, "Time zones".

Kazakhstan's offsets behind the expected values: Almaty was UTC+6 until 1 March 2024 and is UTC+5
since; Aqtobe has been UTC+5 throughout."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import duckdb
import polars as pl
import pytest

from ingestion.mapping import apply_mapping, parse_mapping
from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.build import (build_models, build_one, define_local_time, parse_model, set_setting_variables,
                             settings_key)
from warehouse.db import available_migrations, current_version, migrate
from warehouse.errors import WarehouseError
from warehouse.workdays import add_working_days

APPEAL_COLUMNS = ("appeal_no", "reg_date", "channel", "appeal_kind", "agency_code", "agency_name", "region_kato",
                  "region_name", "language", "text", "status", "due_date", "answer_date", "close_date",
                  "answer_text", "satisfaction", "applicant_id", "age_band", "sex", "disability", "rural")
MAPPING = parse_mapping({"name": "t", "target": "raw_appeals", "fields": {"external_id": "id", "registered_at": "at"}},
                        "test")


def stored(values: list[str], zone: str) -> list[str]:
    """What ingestion stores for these source texts, read by a mapping in `zone`."""
    frame = pl.DataFrame({"id": [str(i) for i in range(len(values))], "at": values,
                          "_row_number": list(range(1, len(values) + 1))})
    good, rejected = apply_mapping(MAPPING, frame, {"registered_at": "TIMESTAMP"}, zone)
    assert rejected.height == 0, rejected["reason"].to_list()
    return [str(v) for v in good["registered_at"]]


def load_appeals(con, settings, tmp_path, rows: dict[str, str]) -> None:
    """Appeals (number -> registration time as the export writes it) through the shipped e-Otinish mapping."""
    path = tmp_path / "appeals.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=APPEAL_COLUMNS)
        writer.writeheader()
        writer.writerows({"appeal_no": no, "reg_date": at, "agency_code": "AK31", "agency_name": "Акимат г. Тараз",
                          "text": "Прошу отремонтировать дорогу", "status": "registered"} for no, at in rows.items())
    report = ingest(con, make_connector("csv", str(path), "eotinish-sample"), settings)
    assert (report.counts.inserted, report.counts.rejected) == (len(rows), 0)


def appeal_facts(con) -> dict[str, tuple]:
    """external_id -> (registered_at in local time as text, registered_month, legal_due_date)."""
    return {r[0]: r[1:] for r in con.execute(
        "select external_id, registered_at::varchar, registered_month, legal_due_date from fct_appeals").fetchall()}


def raw_times(con) -> dict[str, str]:
    return dict(con.execute("select external_id, registered_at::varchar from raw_appeals").fetchall())


# ---------------------------------------------------------------- what ingestion stores


def test_an_offset_is_the_instant_and_no_offset_is_the_deployments_wall_clock():
    assert stored(["2012-05-23T15:55:28-04:00", "2012-05-23T21:55:28+02:00", "2012-05-23T19:55:28Z"],
                  "Asia/Almaty") == ["2012-05-23 19:55:28"] * 3, "one instant, written three ways"
    # the same digits without an offset are 10:00 in the deployment's zone
    assert stored(["2024-01-15 10:00:00"], "Asia/Aqtobe") == ["2024-01-15 05:00:00"]  # UTC+5
    assert stored(["2024-01-15 10:00:00"], "Asia/Almaty") == ["2024-01-15 04:00:00"]  # UTC+6 until March 2024
    assert stored(["2024-06-15 10:00:00"], "Asia/Almaty") == ["2024-06-15 05:00:00"]  # UTC+5 since
    assert stored(["2024-06-15T10:00:00+05:00"], "Asia/Aqtobe") == stored(["2024-06-15T10:00:00+05:00"], "UTC"), \
        "a written offset does not depend on the zone"


def test_a_plain_date_stays_the_day_written():
    mapping = parse_mapping({"name": "t", "target": "raw_course_sessions",
                             "fields": {"session_id": "id", "session_date": "day"}}, "test")
    frame = pl.DataFrame({"id": ["1", "2"], "day": ["2024-07-01", "2024-06-30T20:00:00Z"], "_row_number": [1, 2]})
    good, rejected = apply_mapping(mapping, frame, {"session_date": "DATE"}, "Asia/Almaty")
    assert rejected.height == 0
    # a date is not an instant: no shift; a time with an offset gives the day it falls on in the zone
    assert good["session_date"].to_list() == [date(2024, 7, 1), date(2024, 7, 1)]


def test_an_unreadable_time_is_still_a_clear_rejection():
    frame = pl.DataFrame({"id": ["1"], "at": ["2024-13-45 25:00:00+05:00"], "_row_number": [1]})
    good, rejected = apply_mapping(MAPPING, frame, {"registered_at": "TIMESTAMP"}, "Asia/Almaty")
    assert good.height == 0
    assert rejected["reason"].to_list() == ["cannot read 2024-13-45 25:00:00+05:00 as a timestamp"]


# ---------------------------------------------------------------- what the marts count


def test_an_offset_that_crosses_midnight_moves_the_day_and_the_deadline(con, settings, tmp_path):
    load_appeals(con, settings, tmp_path, {"NY": "2012-05-23T15:55:28-04:00", "ALA": "2012-05-23T15:55:28"})
    assert raw_times(con) == {"NY": "2012-05-23 19:55:28", "ALA": "2012-05-23 09:55:28"}
    build_models(con, settings)
    facts = appeal_facts(con)
    # 19:55:28 UTC is 01:55:28 on Thursday 24 May in Almaty (UTC+6 in 2012): the term counts from the 24th
    assert facts["NY"] == ("2012-05-24 01:55:28", date(2012, 5, 1), add_working_days(date(2012, 5, 24), 15))
    assert facts["ALA"] == ("2012-05-23 15:55:28", date(2012, 5, 1), add_working_days(date(2012, 5, 23), 15))
    assert facts["NY"][2] == date(2012, 6, 14) and facts["ALA"][2] == date(2012, 6, 13), "a working day apart"


def test_months_count_in_local_time_at_both_edges(con, settings, tmp_path):
    load_appeals(con, settings, tmp_path, {
        "LATE-ON-THE-31ST": "2024-07-31T23:30:00",   # 18:30 UTC, the same day
        "EARLY-ON-THE-1ST": "2024-07-01T01:00:00",   # 20:00 UTC on 30 June
        "UTC-ON-THE-30TH": "2024-06-30T20:30:00Z",   # 01:30 on 1 July in Almaty
    })
    assert raw_times(con) == {"LATE-ON-THE-31ST": "2024-07-31 18:30:00", "EARLY-ON-THE-1ST": "2024-06-30 20:00:00",
                              "UTC-ON-THE-30TH": "2024-06-30 20:30:00"}
    build_models(con, settings)
    months = {no: f[1] for no, f in appeal_facts(con).items()}
    assert months == {"LATE-ON-THE-31ST": date(2024, 7, 1), "EARLY-ON-THE-1ST": date(2024, 7, 1),
                      "UTC-ON-THE-30TH": date(2024, 7, 1)}


def test_the_next_build_honours_a_changed_zone(con, settings, tmp_path):
    load_appeals(con, settings, tmp_path, {"EARLY-ON-THE-1ST": "2024-07-01T01:00:00"})
    build_models(con, replace(settings, timezone="UTC"))
    assert appeal_facts(con)["EARLY-ON-THE-1ST"][:2] == ("2024-06-30 20:00:00", date(2024, 6, 1))
    build_models(con, settings)
    assert appeal_facts(con)["EARLY-ON-THE-1ST"][:2] == ("2024-07-01 01:00:00", date(2024, 7, 1))


def test_an_incremental_model_is_rebuilt_in_full_when_the_zone_changes(con, settings, tmp_path):
    """Nothing was loaded between the builds, so an incremental build would recompute no month; the
    changed zone moves the appeal to another month all the same."""
    load_appeals(con, settings, tmp_path, {"EARLY-ON-THE-1ST": "2024-07-01T01:00:00"})
    model = parse_model("inc_months", "marts", """-- grain: one row per month
-- key: registered_month
-- materialized: incremental
-- partition: registered_month
select date_trunc('month', local_time(registered_at))::date as registered_month, count(*) as appeals
from raw_appeals where loaded_at > getvariable('incremental_since_at') group by 1""")

    def build(zone: str) -> list[tuple]:
        zoned = replace(settings, timezone=zone)
        set_setting_variables(con, zoned)
        define_local_time(con)
        build_one(con, model, datetime(2100, 1, 1), settings_key(zoned))
        return con.execute("select * from inc_months").fetchall()

    assert build("Asia/Almaty") == [(date(2024, 7, 1), 1)]
    assert build("Asia/Almaty") == [(date(2024, 7, 1), 1)], "unchanged: nothing to recompute"
    assert build("UTC") == [(date(2024, 6, 1), 1)]


def test_an_unknown_zone_stops_the_build_with_a_hint(con, settings):
    from warehouse.errors import ConfigError

    with pytest.raises(ConfigError, match="Asia/Almatty") as info:
        build_models(con, replace(settings, timezone="Asia/Almatty"))
    assert "IANA" in info.value.hint


# ---------------------------------------------------------------- upgrading a warehouse


def old_warehouse(path) -> duckdb.DuckDBPyConnection:
    """A warehouse at migration 0008, whose raw times are the deployment's wall clock, as they were stored."""
    con = duckdb.connect(str(path))
    con.execute("create table schema_migrations (version integer primary key, name varchar, applied_at timestamp)")
    for number, name, sql in [m for m in available_migrations() if m[0] <= 8]:
        con.execute(sql)
        con.execute("insert into schema_migrations values (?, ?, now())", [number, name])
    lineage = "'h', 'old.csv', 1, timestamp '2024-08-01 12:00:00'"
    con.execute(f"""insert into raw_appeals (source, external_id, registered_at, due_at, answered_at, closed_at,
                                              row_hash, source_file, load_run_id, loaded_at)
                    values ('eotinish', 'EARLY-ON-THE-1ST', '2024-07-01 01:00:00', '2024-07-22 00:00:00',
                            '2024-07-10 09:00:00', null, {lineage}),
                           ('eotinish', 'IN-2012', '2012-05-24 01:55:28', null, null, null, {lineage})""")
    con.execute(f"""insert into raw_appeal_events (source, external_id, event_seq, event_type, event_at, row_hash,
                                                    source_file, load_run_id, loaded_at)
                    values ('eotinish', 'EARLY-ON-THE-1ST', 1, 'registered', '2024-07-01 01:00:00', {lineage})""")
    con.execute(f"""insert into raw_survey_responses (source, response_id, item_id, submitted_at, row_hash,
                                                       source_file, load_run_id, loaded_at)
                    values ('kobo', 'r1', 'q1', '2024-07-01 01:00:00', {lineage})""")
    return con


def test_the_upgrade_converts_wall_clock_rows_to_utc_once(tmp_path):
    con = old_warehouse(tmp_path / "old.duckdb")
    assert migrate(con, "Asia/Almaty") == ["0009_instants_in_utc.sql"]
    assert dict(con.execute("select external_id, [registered_at, due_at, answered_at, closed_at]::varchar[] "
                            "from raw_appeals").fetchall()) == {
        "EARLY-ON-THE-1ST": ["2024-06-30 20:00:00", "2024-07-21 19:00:00", "2024-07-10 04:00:00", None],
        "IN-2012": ["2012-05-23 19:55:28", None, None, None],  # UTC+6 in 2012
    }
    assert con.execute("select event_at::varchar from raw_appeal_events").fetchall() == [("2024-06-30 20:00:00",)]
    assert con.execute("select submitted_at::varchar from raw_survey_responses").fetchall() == [("2024-06-30 20:00:00",)]
    assert migrate(con, "Asia/Almaty") == [] and con.execute(
        "select registered_at::varchar from raw_appeals where external_id = 'IN-2012'").fetchone() == (
        "2012-05-23 19:55:28",), "converted once, not again"


def test_the_upgrade_uses_the_deployments_own_zone(tmp_path):
    con = old_warehouse(tmp_path / "old.duckdb")
    migrate(con, "Asia/Aqtobe")
    assert con.execute("select registered_at::varchar from raw_appeals where external_id = 'IN-2012'").fetchone() \
        == ("2012-05-23 20:55:28",)  # Aqtobe: UTC+5


def test_an_upgraded_warehouse_builds_the_same_local_months(tmp_path, settings):
    con = old_warehouse(tmp_path / "old.duckdb")
    migrate(con, settings.timezone)
    build_models(con, settings, only=["stg_appeals", "stg_appeal_events", "stg_survey_responses"])
    assert con.execute("select registered_at::varchar, date_trunc('month', registered_at)::date from stg_appeals "
                       "where external_id = 'EARLY-ON-THE-1ST'").fetchone() == ("2024-07-01 01:00:00", date(2024, 7, 1))
    assert con.execute("select event_at::varchar from stg_appeal_events").fetchone() == ("2024-07-01 01:00:00",)
    assert con.execute("select submitted_at::varchar from stg_survey_responses").fetchone() == ("2024-07-01 01:00:00",)


def test_tyndau_init_upgrades_with_the_timezone_setting(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from tyndau.cli import app

    old_warehouse(tmp_path / "old.duckdb").close()
    monkeypatch.setenv("TYNDAU_TIMEZONE", "Asia/Aqtobe")
    result = CliRunner().invoke(app, ["init", "--config", str(tmp_path / "none.toml"), "--db", str(tmp_path / "old.duckdb")])
    assert result.exit_code == 0 and "0009_instants_in_utc.sql" in result.output, result.output
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    assert con.execute("select registered_at::varchar from raw_appeals where external_id = 'IN-2012'").fetchone() \
        == ("2012-05-23 20:55:28",)


def test_an_upgrade_without_the_zone_changes_nothing_and_says_what_to_do(tmp_path):
    con = old_warehouse(tmp_path / "old.duckdb")
    with pytest.raises(WarehouseError, match="needs the deployment's time zone") as info:
        migrate(con)
    assert "tyndau init" in info.value.hint and "timezone" in info.value.hint
    assert current_version(con) == 8
    assert con.execute("select registered_at::varchar from raw_appeals where external_id = 'IN-2012'").fetchone() \
        == ("2012-05-24 01:55:28",)


def test_a_new_warehouse_needs_no_zone(tmp_path):
    con = duckdb.connect(str(tmp_path / "new.duckdb"))
    assert migrate(con) == [m[1] for m in available_migrations()]


# ---------------------------------------------------------------- what users see outside the marts


def test_a_stored_utc_time_is_shown_on_the_deployments_clock(settings):
    """Alert acknowledgements are stored in UTC; the dashboard shows the deployment's day."""
    assert settings.local_time(datetime(2024, 6, 30, 20, 0)) == datetime(2024, 7, 1, 1, 0)
    assert replace(settings, timezone="Asia/Aqtobe").local_time(datetime(2012, 5, 23, 19, 55, 28)) \
        == datetime(2012, 5, 24, 0, 55, 28)
    now = settings.local_now()
    assert now.tzinfo is None and abs((now - datetime.now(ZoneInfo("Asia/Almaty")).replace(tzinfo=None)).total_seconds()) < 60
