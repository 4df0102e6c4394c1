"""The warehouse itself: migrations upgrade a file in place, models declare and keep
their keys, a failing build leaves the previous one, and the working-day calendar."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from warehouse import build as build_module
from warehouse.build import Model, build_models, discover_models, parse_model
from warehouse.db import available_migrations, current_version, migrate
from warehouse.load import table_spec
from warehouse.errors import ConfigError, KeyCheckError, WarehouseError
from warehouse.workdays import add_working_days, calendar_frame, read_overrides


def test_migrations_upgrade_an_existing_file_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table schema_migrations (version integer primary key, name varchar, applied_at timestamp)")
    first = available_migrations()[0]
    con.execute(first[2])
    con.execute("insert into schema_migrations values (?, ?, now())", [first[0], first[1]])
    con.execute("insert into ref_regions values ('31', 'Жамбыл', 'Жамбылская', 'Zhambyl')")
    applied = migrate(con)
    assert [a for a in applied] == [m[1] for m in available_migrations()[1:]]
    assert current_version(con) == available_migrations()[-1][0]
    assert con.execute("select name_en from ref_regions").fetchall() == [("Zhambyl",)], "data survives the upgrade"
    assert migrate(con) == [], "a second run applies nothing"


def test_raw_tables_lose_their_key_indexes_but_keep_rows_keys_and_not_nulls(tmp_path):
    """Migration 0004 rebuilds the raw tables without PRIMARY KEY indexes (see its header)."""
    con = duckdb.connect(str(tmp_path / "v3.duckdb"))
    con.execute("create table schema_migrations (version integer primary key, name varchar, applied_at timestamp)")
    for number, name, sql in [m for m in available_migrations() if m[0] <= 3]:
        con.execute(sql)
        con.execute("insert into schema_migrations values (?, ?, now())", [number, name])
    con.execute("""insert into raw_appeals (source, external_id, status, row_hash, source_file, load_run_id, loaded_at)
                   values ('eotinish', 'KZ-1', 'closed', 'h', 'f.csv', 1, now())""")
    assert migrate(con, "Asia/Almaty") == [m[1] for m in available_migrations() if m[0] > 3]
    assert con.execute("select external_id, status from raw_appeals").fetchall() == [("KZ-1", "closed")]
    indexed = con.execute("""select table_name from duckdb_constraints()
                             where constraint_type = 'PRIMARY KEY' and table_name in (select table_name from raw_table_keys)""").fetchall()
    assert indexed == []
    assert table_spec(con, "raw_appeals").key == ("source", "external_id")
    assert table_spec(con, "raw_appeal_events").key == ("source", "external_id", "event_seq")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("""insert into raw_appeals (source, external_id, row_hash, source_file, load_run_id, loaded_at)
                       values (null, 'KZ-2', 'h', 'f.csv', 1, now())""")


def test_every_model_declares_grain_and_key():
    models = discover_models()
    assert {m.layer for m in models} == {"staging", "marts"}
    for m in models:
        assert m.grain and m.key, m.name
    names = [m.name for m in models]
    assert names.index("stg_appeals") < names.index("fct_appeals") < names.index("mart_responsiveness")


def test_models_read_raw_tables_only_through_staging():
    import re

    reads_raw = re.compile(r"\b(from|join)\s+raw_\w+", re.IGNORECASE)
    for m in discover_models():
        if m.layer == "marts":
            assert not reads_raw.search(m.sql), f"{m.name} reads a raw table; read its stg_ model instead"


def test_build_checks_keys_and_leaves_the_previous_build_on_failure(con, settings, monkeypatch):
    build_models(con, settings)
    before = con.execute("select count(*) from stg_appeals").fetchone()[0]
    broken = parse_model("stg_broken", "staging", "-- grain: one row per x\n-- key: x\nselect 1 as x union all select 1")
    monkeypatch.setattr(build_module, "discover_models", lambda: [*discover_models(), broken])
    with pytest.raises(KeyCheckError, match="stg_broken: 1 duplicated key"):
        build_models(con, settings)
    assert con.execute("select count(*) from duckdb_tables() where table_name = 'stg_broken'").fetchone()[0] == 0
    assert con.execute("select count(*) from stg_appeals").fetchone()[0] == before


def test_null_keys_are_caught(con):
    model = Model("stg_nulls", "staging", "select null::varchar as k", "one row", ("k",))
    with pytest.raises(KeyCheckError, match="null key"):
        build_module.build_one(con, model)


def test_a_model_without_header_is_refused():
    with pytest.raises(WarehouseError, match="grain"):
        parse_model("x", "marts", "select 1")


def test_working_days_skip_kazakhstan_holidays_and_weekends():
    # 2024-03-05 (Tue) + 15 working days: 8 March (Women's Day), 21-22 March (Nauryz) and 25 March
    # (Nauryz's Saturday moved to Monday) are off, so the term ends on Monday 1 April, not 26 March.
    assert add_working_days(date(2024, 3, 5), 15) == date(2024, 4, 1)
    frame = calendar_frame(date(2024, 3, 1), date(2024, 3, 31), "KZ")
    off = {d for d, w in zip(frame["day"], frame["is_working_day"]) if not w}
    assert date(2024, 3, 8) in off and date(2024, 3, 21) in off and date(2024, 3, 22) in off
    assert date(2024, 3, 12) not in off


def test_transferred_working_days_follow_the_law():
    # Saturday 4 May 2024 was worked and Wednesday 8 May was off in its place (likewise Sunday
    # 5 January and Friday 3 January 2025): 15 working days after Monday 22 April 2024 end on
    # Thursday 16 May, counted by hand (weekday-minus-holidays gave 17 May).
    assert add_working_days(date(2024, 4, 22), 15) == date(2024, 5, 16)
    assert add_working_days(date(2024, 12, 31), 15) == date(2025, 1, 24)
    frame = calendar_frame(date(2024, 5, 1), date(2025, 1, 31), "KZ")
    working = dict(zip(frame["day"], frame["is_working_day"]))
    assert working[date(2024, 5, 4)] and working[date(2025, 1, 5)]  # working Saturday, Sunday
    assert not working[date(2024, 5, 8)] and not working[date(2025, 1, 3)]  # transferred days off
    assert not working[date(2024, 5, 11)]  # an ordinary Saturday stays off


def test_an_override_adds_a_transfer_the_package_lacks(tmp_path):
    overrides = tmp_path / "transfers.csv"
    overrides.write_text("day,is_working_day,reason\n2024-06-15,true,test transfer\n2024-06-17,false,test day off\n",
                         encoding="utf-8")
    frame = calendar_frame(date(2024, 6, 14), date(2024, 6, 18), "KZ", overrides=read_overrides(overrides))
    rows = {d: (w, name) for d, w, name in zip(frame["day"], frame["is_working_day"], frame["holiday_name"])}
    assert rows[date(2024, 6, 15)] == (True, "test transfer")
    assert rows[date(2024, 6, 17)] == (False, "test day off")
    assert rows[date(2024, 6, 16)][0] is False


def test_a_bad_override_row_is_reported_with_its_line(tmp_path):
    overrides = tmp_path / "transfers.csv"
    overrides.write_text("day,is_working_day,reason\n2024-06-15,true,ok\n15.06.2024,true,bad\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 3"):
        read_overrides(overrides)


def test_the_legal_deadline_is_fifteen_working_days(con, settings):
    from ingestion.pipeline import ingest
    from ingestion.registry import make_connector
    from pathlib import Path

    ingest(con, make_connector("csv", str(Path(__file__).parent / "good_inputs" / "appeals_utf8.csv"), "eotinish-sample"),
           settings)
    build_models(con, settings)
    due = dict(con.execute("select external_id, legal_due_date from fct_appeals").fetchall())
    assert due["KZ-1"] == add_working_days(date(2024, 3, 5), 15)
