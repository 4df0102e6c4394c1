"""The legal clock through the real build: CSV exports loaded by the real connectors into a DuckDB
file, the real models built, and the deadlines read back from fct_appeals and mart_responsiveness.

Every expected date below is counted by hand on the 2024 Kazakhstan calendar: 1 May, 7-9 May are off
(8 May is the day off swapped with Saturday 4 May, which was a working day)."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.build import build_models

APPEAL_COLUMNS = ("appeal_no", "reg_date", "channel", "appeal_kind", "agency_code", "agency_name", "region_kato",
                  "region_name", "language", "text", "status", "due_date", "answer_date", "close_date",
                  "answer_text", "satisfaction", "applicant_id", "age_band", "sex", "disability", "rural")
EVENT_COLUMNS = ("appeal_no", "seq", "event_type", "event_at", "status", "from_agency_code", "to_agency_code", "note")


def appeal(no: str, registered: str, answered: str = "") -> dict:
    return {"appeal_no": no, "reg_date": registered, "channel": "e-Otinish", "appeal_kind": "complaint",
            "agency_code": "AK31", "agency_name": "Акимат г. Тараз", "region_kato": "31", "region_name": "Жамбыл",
            "language": "ru", "text": "Прошу отремонтировать дорогу", "status": "answered" if answered else "registered",
            "answer_date": answered}


def history(no: str, registered: str, *events: tuple[str, str]) -> list[dict]:
    rows = [("registered", registered), *events]
    return [{"appeal_no": no, "seq": i, "event_type": kind, "event_at": at, "from_agency_code": "AK31"}
            for i, (kind, at) in enumerate(rows, start=1)]


def write_csv(path, columns, rows) -> str:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


@pytest.fixture
def built(con, settings, tmp_path):
    appeals = [
        # 15 working days after Monday 22 April 2024 end on Thursday 16 May: an answer on 17 May is late
        appeal("LATE-BY-A-DAY", "2024-04-22T10:00:00", "2024-05-17T11:00:00"),
        appeal("ON-THE-DAY", "2024-04-22T10:00:00", "2024-05-16T17:00:00"),
        # extended on 15 April: the term runs 60 days from the decision (14 June), not from registration (31 May)
        appeal("EXTENDED", "2024-04-01T09:00:00", "2024-06-05T12:00:00"),
        # extended on Thursday 2 May; the notice is due within 3 working days: 3 May, Saturday 4 May, 6 May
        appeal("NOTICE-LATE", "2024-04-22T10:00:00"),
        appeal("NOTICE-ON-TIME", "2024-04-22T10:00:00"),
        appeal("NOTICE-MISSING", "2024-04-22T10:00:00"),
        appeal("DATA-END", "2024-07-01T09:00:00"),  # the data's last day, long after every notice fell due
    ]
    events = [
        *history("LATE-BY-A-DAY", "2024-04-22T10:00:00", ("final_answer", "2024-05-17T11:00:00")),
        *history("ON-THE-DAY", "2024-04-22T10:00:00", ("final_answer", "2024-05-16T17:00:00")),
        *history("EXTENDED", "2024-04-01T09:00:00", ("extension", "2024-04-15T10:00:00"),
                 ("extension_notice", "2024-04-17T10:00:00"), ("final_answer", "2024-06-05T12:00:00")),
        *history("NOTICE-LATE", "2024-04-22T10:00:00", ("extension", "2024-05-02T10:00:00"),
                 ("extension_notice", "2024-05-10T10:00:00")),
        *history("NOTICE-ON-TIME", "2024-04-22T10:00:00", ("extension", "2024-05-02T10:00:00"),
                 ("extension_notice", "2024-05-06T16:00:00")),
        *history("NOTICE-MISSING", "2024-04-22T10:00:00", ("extension", "2024-05-02T10:00:00")),
        *history("DATA-END", "2024-07-01T09:00:00"),
    ]
    ingest(con, make_connector("csv", write_csv(tmp_path / "appeals.csv", APPEAL_COLUMNS, appeals), "eotinish-sample"),
           settings)
    ingest(con, make_connector("csv", write_csv(tmp_path / "events.csv", EVENT_COLUMNS, events),
                               "eotinish-sample-events"), settings)
    build_models(con, settings)
    return con


def facts(con) -> dict[str, dict]:
    cursor = con.execute("""select external_id, legal_due_date, extended_due_date, due_date, is_on_time,
                                   extension_decided_at, extension_notice_at, is_extension_notice_late
                            from fct_appeals""")
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}


def test_the_term_counts_the_working_saturday(built):
    f = facts(built)
    assert f["LATE-BY-A-DAY"]["legal_due_date"] == date(2024, 5, 16)
    assert f["LATE-BY-A-DAY"]["is_on_time"] is False
    assert f["ON-THE-DAY"]["is_on_time"] is True
    calendar = dict(built.execute("select day, is_working_day from ref_calendar "
                                  "where day in ('2024-05-04', '2024-05-08', '2024-05-11')").fetchall())
    assert calendar == {date(2024, 5, 4): True, date(2024, 5, 8): False, date(2024, 5, 11): False}


def test_the_extended_term_runs_from_the_decision(built):
    extended = facts(built)["EXTENDED"]
    assert extended["legal_due_date"] == date(2024, 4, 22)
    assert extended["extended_due_date"] == date(2024, 6, 14)  # 15 April + 60 days
    assert extended["due_date"] == date(2024, 6, 14)
    assert extended["is_on_time"] is True  # answered 5 June: late if the two months ran from registration


def test_a_late_or_missing_extension_notice_is_flagged(built):
    f = facts(built)
    assert f["EXTENDED"]["is_extension_notice_late"] is False  # 2 working days
    assert f["NOTICE-ON-TIME"]["is_extension_notice_late"] is False  # 6 May: the 3rd, with Saturday 4 May
    assert f["NOTICE-LATE"]["is_extension_notice_late"] is True  # 10 May: the 4th working day
    assert f["NOTICE-MISSING"]["is_extension_notice_late"] is True  # never told, long past the 3 days
    assert f["NOTICE-MISSING"]["extension_notice_at"] is None
    assert f["LATE-BY-A-DAY"]["is_extension_notice_late"] is None  # no extension: nothing to judge
    checked, late, extended = built.execute(
        "select sum(extension_notice_checked), sum(extension_notice_late), sum(extended) "
        "from mart_responsiveness").fetchone()
    assert (checked, late, extended) == (4, 2, 4)


def test_a_source_that_never_records_notices_is_not_judged_on_them(con, settings, tmp_path):
    appeals = [appeal("EXT", "2024-04-01T09:00:00"), appeal("END", "2024-07-01T09:00:00")]
    events = [*history("EXT", "2024-04-01T09:00:00", ("extension", "2024-04-15T10:00:00")),
              *history("END", "2024-07-01T09:00:00")]
    ingest(con, make_connector("csv", write_csv(tmp_path / "a.csv", APPEAL_COLUMNS, appeals), "eotinish-sample"),
           settings)
    ingest(con, make_connector("csv", write_csv(tmp_path / "e.csv", EVENT_COLUMNS, events), "eotinish-sample-events"),
           settings)
    build_models(con, settings)
    assert facts(con)["EXT"]["is_extension_notice_late"] is None
    assert con.execute("select sum(extension_notice_checked), sum(extended) from mart_responsiveness").fetchone() == (0, 1)


def test_a_bad_override_file_stops_the_build_and_keeps_the_previous_one(built, settings, tmp_path):
    from dataclasses import replace

    from warehouse.errors import ConfigError

    before = built.execute("select count(*), sum(working_day_index) from ref_calendar").fetchone()
    bad = tmp_path / "transfers.csv"
    bad.write_text("day,is_working_day,reason\n2024-05-11,perhaps,unsure\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 2"):
        build_models(built, replace(settings, calendar_overrides_file=str(bad)))
    assert built.execute("select count(*), sum(working_day_index) from ref_calendar").fetchone() == before
    assert facts(built)["LATE-BY-A-DAY"]["legal_due_date"] == date(2024, 5, 16)


def test_an_override_moves_the_deadline_through_the_build(built, settings, tmp_path):
    from dataclasses import replace

    transfers = tmp_path / "transfers.csv"  # a made-up transfer, to show the mechanism only
    transfers.write_text("day,is_working_day,reason\n2024-05-13,false,test day off\n", encoding="utf-8")
    build_models(built, replace(settings, calendar_overrides_file=str(transfers)))
    assert facts(built)["LATE-BY-A-DAY"]["legal_due_date"] == date(2024, 5, 17)
    assert built.execute("select holiday_name from ref_calendar where day = '2024-05-13'").fetchone() == ("test day off",)
