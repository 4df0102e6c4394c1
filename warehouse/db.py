"""Connections, transactions and schema migrations of the DuckDB warehouse.

DuckDB allows a single writer per file. Writers (ingest, classify, build) open the
main file; readers (the dashboard) open a snapshot that :func:`publish_snapshot`
copies after every successful write, so a long load never blocks a page.

The snapshot holds only what the dashboard reads: raw and staging tables (citizens' appeal payloads,
every 360-degree answer, un-redacted originals) stay in the writer's file. Every file here is
created 0600 (or 0640 with ``group_readable_files``), see :mod:`warehouse.files`.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import threading
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.config import PRIVATE_FILE_MODE
from warehouse.diskfull import disk_full_error, is_disk_full
from warehouse.errors import WarehouseError
from warehouse.files import restrict_new_files, tighten

MIGRATIONS_PACKAGE = "warehouse.migrations"


def connect(db_path: str | os.PathLike, read_only: bool = False,
            mode: int = PRIVATE_FILE_MODE) -> duckdb.DuckDBPyConnection:
    """A connection; a writer's file, its .wal and spill files are created (or tightened) at `mode`."""
    path = Path(db_path)
    if read_only and not path.exists():
        raise WarehouseError(f"No warehouse at {path}.")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        restrict_new_files(mode)
        for file in (path, _wal(path)):
            tighten(file, mode)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise WarehouseError(
            f"Cannot open the warehouse {path}: {exc}",
            hint="Another tyndau process may be writing to it; wait for it to finish.",
        ) from None
    # no progress bar: it writes to the terminal behind the CLI's own progress display
    con.execute("set enable_progress_bar = false")
    return con


_SCRATCH = threading.local()


def scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB of this thread's own, for vectorised work that needs no warehouse
    (a connection must not be used by two threads at once, and ingestion prepares batches in a
    helper thread)."""
    if not hasattr(_SCRATCH, "con"):
        _SCRATCH.con = duckdb.connect(":memory:")
    return _SCRATCH.con


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All or nothing: a failure anywhere inside leaves the warehouse as it was."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # an invalidated database (a fatal error) cannot roll back;
            con.execute("rollback")              # it discards the transaction on reopening, and the first error counts
        raise
    else:
        con.execute("commit")


def available_migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped in warehouse/migrations, in order."""
    found = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        if entry.name.endswith(".sql") and entry.name[:4].isdigit():
            found.append((int(entry.name[:4]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute("select count(*) from duckdb_tables() where table_name = 'schema_migrations'").fetchone()[0]
    if not exists:
        return 0
    row = con.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()
    return int(row[0])


ZONE_VARIABLE = "deployment_zone"
# Tables whose stored date-times a migration may have to convert with the deployment's zone.
TABLES_WITH_INSTANTS = ("raw_appeals", "raw_appeal_events", "raw_survey_responses")


def migrate(con: duckdb.DuckDBPyConnection, zone: str | None = None) -> list[str]:
    """Apply the migrations a file has not seen yet, each in its own transaction.

    `zone` is the deployment's time zone (the `timezone` setting): a migration that converts stored
    date-times reads it as ``getvariable('deployment_zone')``. Writers that open a deployment's
    warehouse pass it; a new, empty warehouse needs none."""
    applied = []
    con.execute(
        "create table if not exists schema_migrations (version integer primary key, name varchar, applied_at timestamp)"
    )
    version = current_version(con)
    pending = [m for m in available_migrations() if m[0] > version]
    _set_migration_zone(con, zone, [name for _, name, sql in pending if ZONE_VARIABLE in sql])
    for number, name, sql in pending:
        with transaction(con):
            con.execute(sql)
            con.execute("insert into schema_migrations values (?, ?, now())", [number, name])
        applied.append(name)
    return applied


def _set_migration_zone(con: duckdb.DuckDBPyConnection, zone: str | None, converting: list[str]) -> None:
    """A conversion without the zone would null or shift every stored time: refused, before any
    migration runs, on a warehouse with data (an empty one has nothing to convert, so any zone does)."""
    if zone is None and converting and _holds_instants(con):
        raise WarehouseError(
            f"Migration {converting[0]} converts the stored date-times from the deployment's local time to UTC "
            "and needs the deployment's time zone; nothing was changed.",
            hint="Upgrade with `tyndau init` (or any tyndau command that writes): it reads the timezone "
                 "setting; check that setting first (docs/connectors.md, Time zones).")
    con.execute(f"set variable {ZONE_VARIABLE} = ?", [zone or "UTC"])


def _holds_instants(con: duckdb.DuckDBPyConnection) -> bool:
    present = {t for (t,) in con.execute("select table_name from duckdb_tables()").fetchall()}
    return any(con.execute(f"select exists (select 1 from {table})").fetchone()[0]
               for table in TABLES_WITH_INSTANTS if table in present)


def require_schema(con: duckdb.DuckDBPyConnection) -> None:
    latest = available_migrations()[-1][0]
    if current_version(con) < latest:
        raise WarehouseError("The warehouse schema is older than this version of Tyndau.")


# What the dashboard never reads, so the snapshot never holds: raw payloads and their staging
# copies (appeal texts and events before the marts, every single 360-degree answer), un-redacted
# originals, per-text scores, analysts' corrections and the build's bookkeeping. Patterns are
# fnmatch-style; the staging tables the training pages read are the exceptions.
SNAPSHOT_EXCLUDED = ("raw_*", "stg_*", "int_*", "original_texts", "text_area_scores", "label_correction*", "text_vectors",
                     "model_state")
SNAPSHOT_KEPT_STAGING = ("stg_course_sessions", "stg_training_courses")
# Columns of kept tables that no page reads and that hold a raw payload: blanked in the snapshot.
SNAPSHOT_BLANKED_COLUMNS = {"rejected_rows": ("raw_record",)}
SNAPSHOT_ALIAS = "tyndau_snapshot"


def in_snapshot(table: str) -> bool:
    """Whether the dashboard's snapshot carries this table."""
    if table in SNAPSHOT_KEPT_STAGING:
        return True
    return not any(fnmatch.fnmatchcase(table, pattern) for pattern in SNAPSHOT_EXCLUDED)


def publish_snapshot(db_path: str | os.PathLike, snapshot_path: str | os.PathLike,
                     con: duckdb.DuckDBPyConnection | None = None, mode: int = PRIVATE_FILE_MODE) -> Path:
    """Write the readers' snapshot (only the tables :func:`in_snapshot` keeps), atomically: a new file
    beside it, then a rename, so a reader never sees half of one.

    Why a fresh database and not a file copy with tables dropped: a dropped table's blocks stay in
    the file as free space, so the raw answers would still be on disk in the dashboard's copy.
    `con` is the writer's own connection when it has one open (DuckDB: one writer per file).
    """
    src, dst = Path(db_path), Path(snapshot_path)
    if not src.exists():
        raise WarehouseError(f"No warehouse at {src}.")
    tmp = dst.with_name(dst.name + ".tmp")
    for leftover in (tmp, _wal(tmp)):
        leftover.unlink(missing_ok=True)
    writer = con if con is not None else connect(src, mode=mode)
    try:
        restrict_new_files(mode)
        _copy_for_readers(writer, tmp)
    except BaseException as exc:
        for partial in (tmp, _wal(tmp)):
            partial.unlink(missing_ok=True)  # a partial copy must not keep filling the disk
        if is_disk_full(exc):
            raise disk_full_error(exc, tmp, needed=src.stat().st_size, outcome=(
                f"The warehouse itself was saved; the dashboard's snapshot {dst.name} was not updated and still "
                "shows the previous data (`tyndau init` publishes it again, changing no data).")) from None
        raise
    finally:
        if con is None:
            writer.close()
    os.chmod(tmp, mode)
    os.replace(tmp, dst)
    return dst


def _copy_for_readers(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    source = con.execute("select current_database()").fetchone()[0]
    quoted = str(target).replace("'", "''")  # ATTACH takes no parameters; the path is configuration
    con.execute(f"attach '{quoted}' as {SNAPSHOT_ALIAS}")
    try:
        con.execute(f'copy from database "{source}" to {SNAPSHOT_ALIAS} (schema)')
        tables = con.execute("select schema_name, table_name from duckdb_tables() where database_name = ?",
                             [source]).fetchall()
        for schema, table in tables:
            name = f'{SNAPSHOT_ALIAS}."{schema}"."{table}"'
            if in_snapshot(table):
                con.execute(f'insert into {name} select *{_blanked(table)} from "{source}"."{schema}"."{table}"')
            else:
                con.execute(f"drop table {name}")  # created empty by the schema copy: no data ever written
        con.execute(f"checkpoint {SNAPSHOT_ALIAS}")
    finally:
        con.execute(f"detach {SNAPSHOT_ALIAS}")


def _blanked(table: str) -> str:
    columns = SNAPSHOT_BLANKED_COLUMNS.get(table, ())
    return f" replace ({', '.join(f'null as {c}' for c in columns)})" if columns else ""


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def database_path(con: duckdb.DuckDBPyConnection) -> str | None:
    """The file behind a connection (None in memory): a fatal error invalidates the connection, not the file."""
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    return row[0] if row and row[0] else None
