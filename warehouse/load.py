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
import threading
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import polars as pl
import pyarrow as pa

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


def table_spec(con: duckdb.DuckDBPyConnection, table: str) -> TableSpec:
    """Columns and key of a table, as the migrations declared them.

    A raw table's key lives in ``raw_table_keys`` (migration 0004 explains why it is not a
    PRIMARY KEY index); any other table's key is its primary key.
    """
    cols = con.execute(
        "select column_name, data_type from duckdb_columns() where table_name = ? and schema_name = 'main' order by column_index",
        [table],
    ).fetchall()
    if not cols:
        raise WarehouseError(f"The warehouse has no table {table}.")
    key = con.execute(
        """select key_columns from raw_table_keys where table_name = $1
           union all
           select constraint_column_names from duckdb_constraints()
           where table_name = $1 and constraint_type = 'PRIMARY KEY'""",
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


class Loader:
    """Writes one load's batches into raw tables: new keys inserted, changed rows replaced,
    identical rows left alone (a re-load of the same content changes nothing).

    A table that is empty when the load first reaches it is appended to without comparing
    each batch with the rows before it (a first load of ten million appeals would otherwise
    compare every batch with all the earlier ones); a key that came back in a later batch is
    merged once, at :meth:`finish`, exactly as if the batches had been compared.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: int, source_file: str, counts: LoadCounts):
        self.con, self.run_id, self.source_file, self.counts = con, run_id, source_file, counts
        self._tables: dict[str, tuple[TableSpec, bool]] = {}  # table -> (spec, appending), fixed for the load

    def write(self, table: str, frame: pl.DataFrame, loaded_at: datetime) -> None:
        if table not in UPSERTABLE:
            raise WarehouseError(f"{table} is not a raw table ingestion may write.")
        if frame.height == 0:
            return
        if table not in self._tables:
            self._tables[table] = (table_spec(self.con, table), _table_is_empty(self.con, table))
        spec, appending = self._tables[table]
        if not appending:
            frame = with_content_hash(self.con, spec, frame)  # the delete and the insert below both read it
        batch = frame.to_arrow()
        rows = _conformed_rows(spec, frame.columns)
        if appending:
            new, changed = self._insert(spec, rows, loaded_at, batch), 0
        else:
            changed = self._delete_changed(spec, rows, batch)
            new = self._insert(spec, _missing_rows(spec, rows), loaded_at, batch) - changed
        self._count(table, new, changed, frame.height - new - changed)

    def finish(self) -> None:
        """Merge keys that came back in a later batch of an appended table: the last one wins."""
        for spec, appending in self._tables.values():
            if appending:
                self._merge_repeated_keys(spec)

    def write_rejected(self, rejected: pl.DataFrame) -> None:
        """Rejected rows: (row_number, column_name, reason, raw_record). One row may fail on several columns."""
        if rejected.height == 0:
            return
        frame = rejected.select(
            pl.lit(self.run_id, pl.Int64).alias("load_run_id"),
            pl.lit(self.source_file).alias("source_file"),
            pl.col("row_number").cast(pl.Int64),
            pl.col("column_name").cast(pl.Utf8),
            pl.col("reason").cast(pl.Utf8),
            pl.col("raw_record").cast(pl.Utf8),
        )
        execute_on(self.con, "insert into rejected_rows by name select * from batch", frame.to_arrow())
        self.counts.rejected += rejected["row_number"].n_unique()

    def write_originals(self, originals: pl.DataFrame) -> None:
        """Un-redacted texts, only called when the configuration keeps them."""
        if originals.height == 0:
            return
        execute_on(self.con, "insert or replace into original_texts by name select * from batch",
                   originals.with_columns(pl.lit(self.run_id, pl.Int64).alias("load_run_id")).to_arrow())

    def _insert(self, spec: TableSpec, rows_sql: str, loaded_at: datetime, batch: pa.Table | None = None) -> int:
        return execute_on(
            self.con,
            f"""insert into {spec.name} by name
                select *, ? as source_file, ? as load_run_id, ? as loaded_at from ({rows_sql})""",
            batch, [self.source_file, self.run_id, loaded_at],
        ).fetchone()[0]

    def _delete_changed(self, spec: TableSpec, rows_sql: str, batch: pa.Table) -> int:
        """Delete the stored version of every key whose content changed; returns how many."""
        return execute_on(
            self.con,
            f"""delete from {spec.name} t using ({rows_sql}) i
                where {_key_join(spec, 't', 'i')} and t.row_hash <> i.row_hash""",
            batch,
        ).fetchone()[0]

    def _merge_repeated_keys(self, spec: TableSpec) -> None:
        keys = ", ".join(f'"{k}"' for k in spec.key)
        repeats = self.con.execute(
            f"""create or replace temp table _repeats as
                select rowid as stored_row, row_hash <> lag(row_hash) over w as changed,
                       row_number() over (partition by {keys} order by rowid desc) as newest_first
                from {spec.name}
                where ({keys}) in (select ({keys}) from {spec.name} group by all having count(*) > 1)
                window w as (partition by {keys} order by rowid);
                select count(*) filter (changed), count(*) filter (not changed) from _repeats"""
        ).fetchone()
        changed, unchanged = repeats
        if changed or unchanged:
            self.con.execute(
                f"delete from {spec.name} where rowid in (select stored_row from _repeats where newest_first > 1)"
            )
            self._count(spec.name, -(changed + unchanged), changed, unchanged)
        self.con.execute("drop table _repeats")

    def _count(self, table: str, new: int, changed: int, unchanged: int) -> None:
        self.counts.inserted += new
        self.counts.updated += changed
        self.counts.unchanged += unchanged
        self.counts.add(table, new, changed, unchanged)


def execute_on(con: duckdb.DuckDBPyConnection, sql: str, batch: pa.Table | None, params: list | None = None):
    """Run `sql`, in which the table name `batch` is the given Arrow table.

    Why not ``con.register``: a view registered and dropped inside a transaction stays in
    DuckDB's undo log, and holds its Arrow table, until the commit; a load kept every batch
    it had written in memory (9.5 GB at the end of ten million appeals, growing with every
    batch). DuckDB's replacement scan reads the local variable `batch` of this frame instead
    and lets go of it when the statement ends.
    """
    return con.execute(sql, params or [])


def with_content_hash(con: duckdb.DuckDBPyConnection, spec: TableSpec, frame: pl.DataFrame) -> pl.DataFrame:
    """The batch with its rows' content hash (`row_hash`) as a column, computed once.

    Why not a temporary table of the conformed batch: a table created and dropped inside the
    load's transaction stays in memory until the commit (8.9 GB when re-loading ten million
    appeals), while one column of hashes is freed with the batch.
    """
    hashes = execute_on(
        con,
        f"select {_hash_expression(spec)} as row_hash from (select {_select_conformed(spec, frame.columns)} from batch)",
        frame.to_arrow(),
    ).pl()
    return frame.with_columns(hashes["row_hash"])


def _conformed_rows(spec: TableSpec, frame_columns: list[str]) -> str:
    """The batch in the table's column types, with its content hash (computed here unless it came with it)."""
    if "row_hash" in frame_columns:
        return f"select {_select_conformed(spec, frame_columns)}, row_hash from batch"
    return f"""select *, {_hash_expression(spec)} as row_hash
               from (select {_select_conformed(spec, frame_columns)} from batch)"""


def _key_join(spec: TableSpec, left: str, right: str) -> str:
    return " and ".join(f'{left}."{k}" = {right}."{k}"' for k in spec.key)


def _missing_rows(spec: TableSpec, rows_sql: str) -> str:
    """Batch rows whose key is not stored (new ones, and changed ones once their old version is gone)."""
    return f"select i.* from ({rows_sql}) i anti join {spec.name} t on {_key_join(spec, 't', 'i')}"


def _table_is_empty(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return con.execute(f"select not exists (select 1 from {table})").fetchone()[0]


def record_json(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


@functools.cache
def _reference_db() -> duckdb.DuckDBPyConnection:
    from warehouse.db import migrate

    con = duckdb.connect(":memory:")
    migrate(con)
    return con


_REFERENCE_LOCK = threading.Lock()


@functools.cache
def spec_from_migrations(table: str) -> TableSpec:
    """A raw table's columns and key without opening a warehouse (every warehouse is migrated to it)."""
    with _REFERENCE_LOCK:  # the pipeline's prepare thread and the main thread both ask
        return table_spec(_reference_db(), table)


def table_spec_from_migrations(table: str) -> dict[str, str]:
    """Column types of a raw table without opening a warehouse (for mapping defaults)."""
    return spec_from_migrations(table).columns


def key_from_migrations(table: str) -> tuple[str, ...]:
    """Key of a raw table without opening a warehouse."""
    return spec_from_migrations(table).key
