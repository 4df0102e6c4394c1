"""Writing canonical rows into raw tables: idempotent upserts, lineage and load runs.

The raw tables' own definitions (migrations) are the single source of truth for
columns and keys: :func:`table_spec` reads them back from DuckDB, so a new raw table
needs a migration and nothing here.

Idempotency: every row gets a content hash over its non-lineage columns; a re-load
of the same content changes nothing, a changed row (a newer export with a new
status) replaces the old one under the same key, a new key is inserted.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import polars as pl

from warehouse.errors import WarehouseError

LINEAGE_COLUMNS = ("row_hash", "source_file", "load_run_id", "loaded_at")
UPSERTABLE = (
    "raw_appeals",
    "raw_appeal_events",
    "raw_survey_responses",
    "raw_survey_scores",
    "raw_agencies",
    "raw_training_courses",
    "raw_course_sessions",
)


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: dict[str, str]  # name -> DuckDB type, in table order
    key: tuple[str, ...]

    @property
    def content_columns(self) -> list[str]:
        return [c for c in self.columns if c not in LINEAGE_COLUMNS]


@dataclass
class LoadCounts:
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    by_table: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, table: str, inserted: int, updated: int, unchanged: int) -> None:
        t = self.by_table.setdefault(table, {"inserted": 0, "updated": 0, "unchanged": 0})
        t["inserted"] += inserted
        t["updated"] += updated
        t["unchanged"] += unchanged


_SPEC_CACHE: dict[tuple[int, str], TableSpec] = {}


def table_spec(con: duckdb.DuckDBPyConnection, table: str) -> TableSpec:
    """Columns and primary key of a raw table, as the migrations declared them."""
    cols = con.execute(
        "select column_name, data_type from duckdb_columns() where table_name = ? and schema_name = 'main' order by column_index",
        [table],
    ).fetchall()
    if not cols:
        raise WarehouseError(f"The warehouse has no table {table}.")
    key = con.execute(
        "select constraint_column_names from duckdb_constraints() where table_name = ? and constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchone()
    return TableSpec(table, dict(cols), tuple(key[0]) if key else ())


def start_run(con: duckdb.DuckDBPyConnection, connector: str, source_uri: str) -> int:
    run_id = con.execute("select nextval('load_run_seq')").fetchone()[0]
    con.execute(
        "insert into load_runs (load_run_id, connector, source_uri, started_at, status) values (?, ?, ?, now(), 'running')",
        [run_id, connector, source_uri],
    )
    return int(run_id)


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, counts: LoadCounts, status: str, error: str | None = None) -> None:
    con.execute(
        """update load_runs set finished_at = now(), status = ?, rows_read = ?, rows_inserted = ?,
           rows_updated = ?, rows_unchanged = ?, rows_rejected = ?, error = ? where load_run_id = ?""",
        [status, counts.read, counts.inserted, counts.updated, counts.unchanged, counts.rejected, error, run_id],
    )


def record_failed_run(con: duckdb.DuckDBPyConnection, connector: str, source_uri: str, counts: LoadCounts, error: str) -> int:
    """After a rollback, leave one trace of the failure (and nothing else)."""
    run_id = start_run(con, connector, source_uri)
    finish_run(con, run_id, counts, "failed", error)
    return run_id


def _hash_expression(spec: TableSpec) -> str:
    parts = ", ".join(f"coalesce(cast(\"{c}\" as varchar), '\u2205')" for c in spec.content_columns)
    return f"md5(concat_ws('\u241f', {parts}))"


def _select_conformed(spec: TableSpec, frame_columns: list[str]) -> str:
    """Cast every table column from the incoming frame; missing columns become null."""
    items = []
    for col, dtype in spec.columns.items():
        if col in LINEAGE_COLUMNS:
            continue
        expr = f'"{col}"' if col in frame_columns else "null"
        items.append(f'cast({expr} as {dtype}) as "{col}"')
    return ", ".join(items)


def upsert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, run_id: int, source_file: str,
           loaded_at: datetime, counts: LoadCounts) -> None:
    """Insert new keys, replace rows whose content changed, leave identical rows alone."""
    if table not in UPSERTABLE:
        raise WarehouseError(f"{table} is not a raw table ingestion may write.")
    if frame.height == 0:
        return
    spec = table_spec(con, table)
    _stage_incoming(con, spec, frame)
    if _table_is_empty(con, table):
        new, changed = frame.height, 0  # first load: nothing to compare with, skip the joins
        source = "_incoming"
    else:
        new, changed = _stage_changes(con, spec)
        source = "_changed"
    exclude = "" if source == "_incoming" else "exclude (_is_new)"
    con.execute(
        f"""insert into {table} by name
            select * {exclude}, ? as source_file, ? as load_run_id, ? as loaded_at from {source}""",
        [source_file, run_id, loaded_at],
    )
    counts.inserted += new
    counts.updated += changed
    counts.unchanged += frame.height - new - changed
    counts.add(table, new, changed, frame.height - new - changed)
    con.execute("drop table if exists _incoming; drop table if exists _changed")


def _stage_incoming(con: duckdb.DuckDBPyConnection, spec: TableSpec, frame: pl.DataFrame) -> None:
    """The batch, conformed to the table's types, with its content hash."""
    con.register("_incoming_frame", frame.to_arrow())
    try:
        con.execute(
            f"""create or replace temp table _incoming as
                select *, {_hash_expression(spec)} as row_hash
                from (select {_select_conformed(spec, frame.columns)} from _incoming_frame)"""
        )
    finally:
        con.unregister("_incoming_frame")


def _table_is_empty(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return con.execute(f"select not exists (select 1 from {table})").fetchone()[0]


def _stage_changes(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> tuple[int, int]:
    """Rows that are new or changed, and delete the old versions of the changed ones."""
    key_join = " and ".join(f't."{k}" = i."{k}"' for k in spec.key)
    con.execute(
        f"""create or replace temp table _changed as
            select i.*, (t.row_hash is null) as _is_new from _incoming i
            left join {spec.name} t on {key_join}
            where t.row_hash is null or t.row_hash <> i.row_hash"""
    )
    new, changed = con.execute("select count(*) filter (_is_new), count(*) filter (not _is_new) from _changed").fetchone()
    if changed:
        keys = ", ".join(f'"{k}"' for k in spec.key)
        con.execute(f"delete from {spec.name} where ({keys}) in (select ({keys}) from _changed where not _is_new)")
    return new, changed


def insert_rejected(con: duckdb.DuckDBPyConnection, run_id: int, source_file: str, rejected: pl.DataFrame,
                    counts: LoadCounts) -> None:
    """Rejected rows: (row_number, column_name, reason, raw_record). One row may fail on several columns."""
    if rejected.height == 0:
        return
    frame = rejected.select(
        pl.lit(run_id, pl.Int64).alias("load_run_id"),
        pl.lit(source_file).alias("source_file"),
        pl.col("row_number").cast(pl.Int64),
        pl.col("column_name").cast(pl.Utf8),
        pl.col("reason").cast(pl.Utf8),
        pl.col("raw_record").cast(pl.Utf8),
    )
    con.register("_rejected_frame", frame.to_arrow())
    try:
        con.execute("insert into rejected_rows by name select * from _rejected_frame")
    finally:
        con.unregister("_rejected_frame")
    counts.rejected += rejected["row_number"].n_unique()


def upsert_originals(con: duckdb.DuckDBPyConnection, run_id: int, originals: pl.DataFrame) -> None:
    """Un-redacted texts, only called when the configuration keeps them."""
    if originals.height == 0:
        return
    con.register("_orig_frame", originals.with_columns(pl.lit(run_id, pl.Int64).alias("load_run_id")).to_arrow())
    try:
        con.execute("insert or replace into original_texts by name select * from _orig_frame")
    finally:
        con.unregister("_orig_frame")


def record_json(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


@functools.cache
def _reference_db() -> duckdb.DuckDBPyConnection:
    from warehouse.db import migrate

    con = duckdb.connect(":memory:")
    migrate(con)
    return con


@functools.cache
def table_spec_from_migrations(table: str) -> dict[str, str]:
    """Column types of a raw table without opening a warehouse (for mapping defaults)."""
    return table_spec(_reference_db(), table).columns


@functools.cache
def key_from_migrations(table: str) -> tuple[str, ...]:
    """Primary key of a raw table without opening a warehouse."""
    return table_spec(_reference_db(), table).key
