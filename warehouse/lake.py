"""The facts and marts as Hive-partitioned Parquet by month: the step from one DuckDB file to many readers.

Why: DuckDB has one writer per file and the dashboard reads one snapshot on one machine. Parquet
partitioned by month (``<table>/year=2025/month=3/*.parquet``) is what every existing engine reads
(DuckDB, Spark, Trino, polars, a lakehouse catalogue such as DuckLake or Iceberg on object storage),
so several dashboard replicas or batch jobs can read the same figures without this machine.

What is exported: only the snapshot (never the writer's file), and only its ``fct_*``, ``mart_*``
and ``dim_*`` tables, each checked again with :func:`warehouse.db.in_snapshot`; so raw payloads,
staging copies and per-text scores cannot reach the lake. The snapshot's redacted appeal texts are
in ``fct_appeals``: the lake's files get the warehouse's file mode, like the snapshot itself.

Incremental: every month of a table has a fingerprint (row count and a sum of row hashes); a run
rewrites only the months whose fingerprint changed since the manifest, deletes months that are
gone, and writes the manifest last (tables, row counts, schema, the snapshot's version). A run
that fails removes its temporary files and leaves the previous manifest in place; a month it had
already replaced is rewritten by the next run, because the manifest still holds its old print.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.config import PRIVATE_FILE_MODE
from warehouse.db import connect, current_version, in_snapshot
from warehouse.diskfull import disk_full_error, is_disk_full
from warehouse.errors import TyndauError
from warehouse.files import restrict_new_files, write_private_text

LAKE_FORMAT = "tyndau-lake/1"
MANIFEST = "manifest.json"
LAKE_PREFIXES = ("fct_", "mart_", "dim_")
MONTH_COLUMNS = ("registered_month", "month_start")  # preferred partition columns, in order
WHOLE = "all"  # the one "partition" of a table without a month column
NO_MONTH = "none"  # rows whose month is null
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"  # the folder name Hive (and DuckDB) give a null partition value
STAGING = ".staging"
KEPT = ("The warehouse was not changed; the folder keeps its previous manifest.json, and the next export "
        "rewrites every month that differs from it.")


class LakeError(TyndauError):
    hint = "Check that the output folder is writable and not used by another export, then run the command again."


@dataclass(frozen=True)
class TableExport:
    name: str
    rows: int
    partitions: int
    written: int
    removed: int


@dataclass(frozen=True)
class LakeReport:
    out_dir: Path
    tables: list[TableExport]
    seconds: float
    bytes: int


def export_lake(snapshot_path: str | Path, out_dir: str | Path, mode: int = PRIVATE_FILE_MODE) -> LakeReport:
    """Write (or bring up to date) the Parquet lake of a snapshot in `out_dir`."""
    started = time.perf_counter()
    out = Path(out_dir)
    previous = read_manifest(out)
    restrict_new_files(mode)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    con = connect(snapshot_path, read_only=True)
    try:
        tables, results = {}, []
        for table in lake_tables(con):
            entry, result = _export_table(con, table, out, staging, previous.get("tables", {}).get(table))
            tables[table] = entry
            results.append(result)
        _remove_dropped_tables(out, previous, tables)
        manifest = {"format": LAKE_FORMAT, "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "snapshot": snapshot_version(con, Path(snapshot_path)), "tables": tables}
    except (duckdb.Error, OSError) as exc:
        if is_disk_full(exc):
            raise disk_full_error(exc, out, outcome=KEPT) from None
        raise LakeError(f"The Parquet export stopped: {exc}. {KEPT}") from None
    finally:
        con.close()
        shutil.rmtree(staging, ignore_errors=True)
    write_private_text(out / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False), mode)
    return LakeReport(out, results, time.perf_counter() - started, folder_bytes(out))


def read_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LakeError(f"{path} cannot be read: {exc}",
                        hint="Export to an empty folder, or delete the folder's manifest.json to rewrite it all.") from None
    if manifest.get("format") != LAKE_FORMAT:
        raise LakeError(f"{path} is not a Tyndau lake manifest ({LAKE_FORMAT}).",
                        hint="Export to an empty folder or to a folder written by `tyndau export-parquet`.")
    return manifest


def lake_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The snapshot's facts, marts and dimensions (the main schema only: not the search index)."""
    names = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' order by table_name").fetchall()]
    return [n for n in names if n.startswith(LAKE_PREFIXES) and in_snapshot(n)]


def month_column(columns: list[list[str]]) -> str | None:
    """The table's month column (a DATE), if it has one: what it is partitioned by. A table with a column
    of its own named `year` or `month` is written whole: the Hive keys would collide with it."""
    if {name for name, _ in columns} & {"year", "month"}:
        return None
    dates = {name for name, kind in columns if kind == "DATE"}
    return next((c for c in MONTH_COLUMNS if c in dates), None)


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[list[str]]:
    return [[r[0], r[1]] for r in con.execute(
        "select column_name, data_type from duckdb_columns() where database_name = current_database() "
        "and schema_name = 'main' and table_name = ? order by column_index", [table]).fetchall()]


def _export_table(con, table: str, out: Path, staging: Path, before: dict | None) -> tuple[dict, TableExport]:
    columns = table_columns(con, table)
    month = month_column(columns)
    prints = partition_prints(con, table, month)
    old = before.get("partitions", {}) if before and before.get("columns") == columns else None
    if old is None:
        shutil.rmtree(out / table, ignore_errors=True)  # new table or a changed schema: all of it again
        old = {}
    changed = [p for p, info in prints.items() if old.get(p, {}).get("fingerprint") != info["fingerprint"]]
    removed = [p for p in old if p not in prints]
    if changed:
        _write_partitions(con, table, month, changed, out, staging)
    for partition in removed:
        gone = partition_dir(out / table, partition)
        shutil.rmtree(gone, ignore_errors=True)
        if gone.parent != out / table and not any(gone.parent.iterdir()):
            gone.parent.rmdir()  # a year with no month left
    rows = sum(info["rows"] for info in prints.values())
    if not prints:
        _write_empty(con, table, out)
    entry = {"partitioned_by": month, "rows": rows, "columns": columns, "partitions": prints}
    return entry, TableExport(table, rows, len(prints), len(changed), len(removed))


def _write_empty(con, table: str, out: Path) -> None:
    """An empty table still gets a file with its columns, so `read_parquet('<table>/**/*.parquet')`
    answers zero rows instead of "no files found"."""
    folder = out / table
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    con.execute(f"copy (select * from \"{table}\" limit 0) to '{_sql_path(folder / 'data.parquet')}' (format parquet)")


def partition_prints(con, table: str, month: str | None) -> dict[str, dict]:
    """Per month ('2025-03', or 'none' for rows without one; 'all' without a month column): rows and
    a fingerprint of their content (a sum of row hashes: equal content, equal print, in any order)."""
    key = f"coalesce(strftime(t.{month}, '%Y-%m'), '{NO_MONTH}')" if month else f"'{WHOLE}'"
    rows = con.execute(f'select {key} as p, count(*), coalesce(sum(hash(t)), 0)::varchar '
                       f'from "{table}" t group by p order by p').fetchall()
    return {p: {"rows": n, "fingerprint": f"{n}:{h}"} for p, n, h in rows}


def partition_dir(table_dir: Path, partition: str) -> Path:
    if partition == WHOLE:
        return table_dir
    if partition == NO_MONTH:
        return table_dir / f"year={HIVE_NULL}" / f"month={HIVE_NULL}"
    year, month = partition.split("-")
    return table_dir / f"year={int(year)}" / f"month={int(month)}"


def _write_partitions(con, table: str, month: str | None, partitions: list[str], out: Path, staging: Path) -> None:
    """COPY the changed months to a staging folder, then move each month into place."""
    target = staging / table
    target.mkdir(parents=True, exist_ok=True)
    if month is None:
        file = target / "data.parquet"
        con.execute(f"copy \"{table}\" to '{_sql_path(file)}' (format parquet, compression zstd)")
        (out / table).mkdir(parents=True, exist_ok=True)
        file.replace(out / table / "data.parquet")
        return
    con.execute(f"""
        copy (select *, year({month}) as year, month({month}) as month from "{table}"
              where coalesce(strftime({month}, '%Y-%m'), '{NO_MONTH}') in (select unnest(?)))
        to '{_sql_path(target)}' (format parquet, compression zstd, partition_by (year, month), overwrite_or_ignore)""",
                [partitions])
    for partition in partitions:
        fresh, final = partition_dir(target, partition), partition_dir(out / table, partition)
        shutil.rmtree(final, ignore_errors=True)
        final.parent.mkdir(parents=True, exist_ok=True)
        fresh.replace(final)


def _sql_path(path: Path) -> str:
    """COPY takes no parameter for its target; the path is ours (the output folder and a table name)."""
    return str(path).replace("'", "''")


def _remove_dropped_tables(out: Path, previous: dict, tables: dict) -> None:
    for table in previous.get("tables", {}):
        if table not in tables:
            shutil.rmtree(out / table, ignore_errors=True)


def snapshot_version(con, snapshot: Path) -> dict:
    """What the lake was exported from: the schema version and the latest successful load."""
    last = con.execute("select max(load_run_id), max(finished_at) from load_runs where status = 'succeeded'").fetchone()
    modified = datetime.fromtimestamp(snapshot.stat().st_mtime, UTC).isoformat(timespec="seconds")
    return {"file": snapshot.name, "schema_version": current_version(con), "last_load_run": last[0],
            "last_load_finished_at": str(last[1]) if last[1] else None, "modified_at": modified}


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
