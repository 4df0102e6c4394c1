"""Connections, transactions and schema migrations of the DuckDB warehouse.

DuckDB allows a single writer per file. Writers (ingest, classify, build) open the
main file; readers (the dashboard) open a snapshot that :func:`publish_snapshot`
copies after every successful write, so a long load never blocks a page.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.diskfull import disk_full_error, is_disk_full
from warehouse.errors import WarehouseError

MIGRATIONS_PACKAGE = "warehouse.migrations"


def connect(db_path: str | os.PathLike, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = Path(db_path)
    if read_only and not path.exists():
        raise WarehouseError(f"No warehouse at {path}.")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
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


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations a file has not seen yet, each in its own transaction."""
    applied = []
    con.execute(
        "create table if not exists schema_migrations (version integer primary key, name varchar, applied_at timestamp)"
    )
    version = current_version(con)
    for number, name, sql in available_migrations():
        if number <= version:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute("insert into schema_migrations values (?, ?, now())", [number, name])
        applied.append(name)
    return applied


def require_schema(con: duckdb.DuckDBPyConnection) -> None:
    latest = available_migrations()[-1][0]
    if current_version(con) < latest:
        raise WarehouseError("The warehouse schema is older than this version of Tyndau.")


def publish_snapshot(db_path: str | os.PathLike, snapshot_path: str | os.PathLike) -> Path:
    """Copy the checkpointed warehouse to the readers' snapshot, atomically (write, then rename)."""
    src, dst = Path(db_path), Path(snapshot_path)
    tmp = dst.with_name(dst.name + ".tmp")
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    except OSError as exc:
        tmp.unlink(missing_ok=True)  # a partial copy must not keep filling the disk
        if is_disk_full(exc):
            raise disk_full_error(exc, tmp, needed=src.stat().st_size, outcome=(
                f"The warehouse itself was saved; the dashboard's snapshot {dst.name} was not updated and still "
                "shows the previous data (`tyndau init` publishes it again, changing no data).")) from None
        raise
    return dst


def database_path(con: duckdb.DuckDBPyConnection) -> str | None:
    """The file behind a connection (None in memory): a fatal error invalidates the connection, not the file."""
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    return row[0] if row and row[0] else None
