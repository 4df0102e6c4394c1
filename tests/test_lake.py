"""The Parquet lake (`tyndau export-parquet`): another process, reading only the Parquet files with
DuckDB's read_parquet(hive_partitioning), gets the same figures as insights on the warehouse; nothing
the snapshot leaves out reaches the lake; a second run rewrites only the months that changed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from dashboard_support import build_warehouse, environment
from typer.testing import CliRunner

from insights.responsiveness import (
    monthly_responsiveness,
    responsiveness_by,
    responsiveness_kpis,
)
from insights.scope import Filters
from tyndau.cli import app
from warehouse.db import in_snapshot
from warehouse.lake import MANIFEST, LakeError, export_lake

REPO = Path(__file__).resolve().parents[1]

# The second process: nothing of Tyndau is imported there, only duckdb and the Parquet files.
READER = r"""
import json, sys
import duckdb

lake, first, last = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect()
con.execute(f"create view cube as select * from read_parquet('{lake}/mart_responsiveness/**/*.parquet', "
            "hive_partitioning = true)")
con.execute(f"create view appeals as select * from read_parquet('{lake}/fct_appeals/**/*.parquet', "
            "hive_partitioning = true)")
period = "make_date(year, month, 1) between ?::date and ?::date"
measures = "sum(appeals), sum(answered), sum(on_time), sum(decided), sum(redirected), sum(rated), sum(satisfied)"
out = {
    "kpis": con.execute(f"select {measures} from cube where {period}", [first, last]).fetchone(),
    "by_agency": con.execute(f"select agency_key, {measures} from cube where {period} group by agency_key "
                             "order by agency_key", [first, last]).fetchall(),
    "by_month": con.execute(f"select year, month, {measures} from cube where {period} group by year, month "
                            "order by year, month", [first, last]).fetchall(),
    "appeals": con.execute("select count(*), count(distinct appeal_id) from appeals").fetchone(),
    "appeals_by_language": con.execute("select language, count(*) from appeals group by language "
                                       "order by language").fetchall(),
}
print(json.dumps(out, default=float))
"""
MEASURES = ("appeals", "answered", "on_time", "decided", "redirected", "rated", "satisfied")
PERIOD = Filters(date(2024, 7, 1), date(2025, 6, 30))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("lake-warehouse"))


@pytest.fixture(scope="module")
def lake(warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("lake") / "lake"
    return out, export_lake(warehouse.resolved_snapshot_path(), out)


def read_in_another_process(lake_dir: Path, f: Filters) -> dict:
    done = subprocess.run([sys.executable, "-c", READER, str(lake_dir), str(f.date_from), str(f.date_to)],
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


def snapshot_reader(settings):
    return duckdb.connect(settings.resolved_snapshot_path(), read_only=True)


def test_another_process_reading_the_parquet_gets_the_warehouse_figures(warehouse, lake):
    figures = read_in_another_process(lake[0], PERIOD)
    con = snapshot_reader(warehouse)
    kpis = responsiveness_kpis(con, PERIOD)
    assert kpis["appeals"] > 500, "the period must hold enough of the sample to compare"
    assert figures["kpis"] == [kpis[m] for m in MEASURES]
    by_agency = responsiveness_by(con, PERIOD, "agency").sort("key")
    assert figures["by_agency"] == [[row["key"], *(row[m] for m in MEASURES)]
                                    for row in by_agency.iter_rows(named=True)]
    monthly = monthly_responsiveness(con, PERIOD)
    assert len(figures["by_month"]) == 12
    assert figures["by_month"] == [[row["key"].year, row["key"].month, *(row[m] for m in MEASURES)]
                                   for row in monthly.iter_rows(named=True)]
    appeals = con.execute("select count(*) from fct_appeals").fetchone()[0]
    assert figures["appeals"] == [appeals, appeals]
    assert figures["appeals_by_language"] == [list(r) for r in con.execute(
        "select language, count(*) from fct_appeals group by language order by language").fetchall()]


def test_the_lake_holds_only_facts_marts_and_dimensions_of_the_snapshot(warehouse, lake):
    out, report = lake
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    exported = set(manifest["tables"])
    assert {"fct_appeals", "mart_responsiveness", "dim_agencies"} <= exported
    folders = {p.name for p in out.iterdir() if p.is_dir()}
    assert folders == exported
    assert all(in_snapshot(t) and t.startswith(("fct_", "mart_", "dim_")) for t in exported)
    assert not any(t.startswith(("raw_", "stg_", "int_")) or t == "text_area_scores" for t in folders)
    con = snapshot_reader(warehouse)
    for table, entry in manifest["tables"].items():
        assert entry["rows"] == con.execute(f'select count(*) from "{table}"').fetchone()[0], table
        assert [c for c, _ in entry["columns"]] == [r[0] for r in con.execute(f'describe "{table}"').fetchall()]
    assert manifest["tables"]["mart_responsiveness"]["partitioned_by"] == "registered_month"
    assert manifest["snapshot"]["schema_version"] >= 5 and manifest["snapshot"]["last_load_run"]
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files and all(p.stat().st_mode & 0o077 == 0 for p in files), "the lake is as private as the snapshot"
    assert sum(t.written for t in report.tables) == sum(len(e["partitions"]) for e in manifest["tables"].values())


def test_a_second_export_rewrites_only_the_months_that_changed(warehouse, lake, tmp_path):
    snapshot = tmp_path / "changed.duckdb"
    shutil.copy(warehouse.resolved_snapshot_path(), snapshot)
    out = tmp_path / "lake"
    shutil.copytree(lake[0], out)
    untouched = next((out / "mart_responsiveness" / "year=2024" / "month=3").glob("*.parquet"))
    untouched_mtime = untouched.stat().st_mtime_ns
    assert sum(t.written for t in export_lake(snapshot, out).tables) == 0, "nothing changed, nothing written"

    con = duckdb.connect(str(snapshot))
    con.execute("delete from mart_responsiveness where registered_month = date '2024-01-01'")
    con.execute("update fct_appeals set language = 'en' where appeal_id = "
                "(select min(appeal_id) from fct_appeals where registered_month = date '2025-02-01')")
    con.close()
    by_table = {t.name: t for t in export_lake(snapshot, out).tables}
    assert (by_table["mart_responsiveness"].written, by_table["mart_responsiveness"].removed) == (0, 1)
    assert (by_table["fct_appeals"].written, by_table["fct_appeals"].removed) == (1, 0)
    assert sum(t.written + t.removed for t in by_table.values()) == 2
    assert not (out / "mart_responsiveness" / "year=2024" / "month=1").exists()
    assert untouched.stat().st_mtime_ns == untouched_mtime

    figures = read_in_another_process(out, Filters(date(2023, 1, 1), date(2026, 12, 31)))
    changed = duckdb.connect(str(snapshot), read_only=True)
    assert figures["kpis"][0] == changed.execute("select sum(appeals) from mart_responsiveness").fetchone()[0]
    assert figures["appeals_by_language"] == [list(r) for r in changed.execute(
        "select language, count(*) from fct_appeals group by language order by language").fetchall()]


def test_a_folder_that_is_not_a_lake_is_refused(warehouse, tmp_path):
    (tmp_path / MANIFEST).write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(LakeError, match="not a Tyndau lake"):
        export_lake(warehouse.resolved_snapshot_path(), tmp_path)


def test_the_command_exports_and_explains_a_missing_snapshot(warehouse, tmp_path):
    runner = CliRunner(env=environment(warehouse))
    result = runner.invoke(app, ["export-parquet", "--out", str(tmp_path / "lake")])
    assert result.exit_code == 0, result.output
    assert "fct_appeals" in result.output and (tmp_path / "lake" / MANIFEST).exists()
    missing = runner.invoke(app, ["export-parquet", "--out", str(tmp_path / "l2"), "--db", str(tmp_path / "no.duckdb")])
    assert missing.exit_code == 2 and "tyndau build" in missing.output


def test_the_benchmark_scale_up_multiplies_every_count_and_keeps_every_rate(warehouse, tmp_path):
    """bench/scale_up.py (the 10 M benchmark's warehouse): k copies with unique ids; sums k times the
    base's, rates unchanged, search scores within 1 % (BM25's +0.5 terms), every copied appeal reachable by its id."""
    sys.path.insert(0, str(REPO / "bench"))
    from scale_up import scale_snapshot

    from insights.themes import appeal_detail, search_texts
    from warehouse.search import load_fts

    k, base = 3, snapshot_reader(warehouse)
    scaled_path = tmp_path / "scaled.duckdb"
    made = scale_snapshot(Path(warehouse.resolved_snapshot_path()), scaled_path, k, memory_limit="1GB")
    scaled = duckdb.connect(str(scaled_path), read_only=True)
    for con in (base, scaled):
        load_fts(con)
    before, after = responsiveness_kpis(base, PERIOD), responsiveness_kpis(scaled, PERIOD)
    assert [after[m] for m in MEASURES] == [k * before[m] for m in MEASURES]
    assert after["on_time_rate"] == pytest.approx(before["on_time_rate"])
    appeals = base.execute("select count(*) from fct_appeals").fetchone()[0]
    assert made["rows"]["main.fct_appeals"] == k * appeals
    assert scaled.execute("select count(distinct appeal_id) from fct_appeals").fetchone()[0] == k * appeals
    assert made["rows"]["main.dim_agencies"] == base.execute("select count(*) from dim_agencies").fetchone()[0]
    found_base, found = search_texts(base, "ответ", Filters(), 5 * k), search_texts(scaled, "ответ", Filters(), 5 * k)
    assert found_base.height and found["score"].max() == pytest.approx(found_base["score"].max(), rel=1e-2)
    copy = next(i for i in found["appeal_id"] if i.endswith(f"~{k - 1}"))
    assert appeal_detail(scaled, copy)["text"] == appeal_detail(base, copy.rsplit("~", 1)[0])["text"]


def test_rows_without_a_month_get_their_own_partition_and_only_facts_and_marts_are_exported(tmp_path):
    snapshot = tmp_path / "small.duckdb"
    con = duckdb.connect(str(snapshot))
    con.execute("create table schema_migrations (version integer, name varchar, applied_at timestamp)")
    con.execute("insert into schema_migrations values (5, '0005', now())")
    con.execute("create table load_runs (load_run_id bigint, finished_at timestamp, status varchar)")
    con.execute("insert into load_runs values (1, now(), 'succeeded')")
    con.execute("create table fct_things as select range as id, case when range % 5 = 0 then null else "
                "(date '2024-01-01' + to_months(range % 3))::date end as registered_month from range(20)")
    con.execute("create table raw_things as select 'a payload' as payload")
    con.close()
    out = tmp_path / "lake"
    (first,) = export_lake(snapshot, out).tables
    assert (first.name, first.rows, first.partitions, first.written) == ("fct_things", 20, 4, 4)
    read = duckdb.sql(f"select year, month, count(*) from read_parquet('{out}/fct_things/**/*.parquet', "
                      "hive_partitioning = true) group by all order by all").fetchall()
    assert read == [(2024, 1, 5), (2024, 2, 6), (2024, 3, 5), (None, None, 4)]
    assert not (out / "raw_things").exists()
    con = duckdb.connect(str(snapshot))
    con.execute("delete from fct_things where registered_month is null")
    con.close()
    (second,) = export_lake(snapshot, out).tables
    assert (second.rows, second.written, second.removed) == (16, 0, 1)
    assert sorted(p.name for p in (out / "fct_things").iterdir()) == ["year=2024"]
