"""The read side's way into the published snapshot: one read-only connection, reopened when it changes.

Why a snapshot: DuckDB allows one writer per file, and ``tyndau ingest``/``classify``/``build``
hold the warehouse for as long as they run. Writers publish a copy (``publish_snapshot``: copy,
then atomic rename) after each successful write; readers (the dashboard, the API) open that copy
read-only, so they keep answering during a load. :class:`SnapshotReader` notices a newly published
file (its inode, size or time changed) and opens it for the next query; a query already running
finishes on the old one, which the rename leaves intact.

Why ATTACH into a fresh in-memory database rather than ``duckdb.connect(path)``: DuckDB caches
one database instance per path in a process, so connecting to the same path again while any old
cursor lives returns the *old* file. A new in-memory instance that attaches the path read-only
always opens the file the path names now.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import duckdb

from warehouse.errors import TyndauError, WarehouseError
from warehouse.search import load_fts

ALIAS = "snapshot"


class SnapshotMissing(WarehouseError):
    hint = "Run `tyndau demo` for the sample data, or `tyndau init`, `tyndau ingest ...` and `tyndau build`."


class QueryFailed(WarehouseError):
    hint = "Rebuild the marts with `tyndau build` (the snapshot may predate this version of Tyndau)."


@dataclass
class _Open:
    version: str
    connection: duckdb.DuckDBPyConnection


class SnapshotReader:
    """One read-only connection to the newest published snapshot, reopened when it changes."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        self._open: _Open | None = None

    def version(self) -> str:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            raise SnapshotMissing(f"No warehouse snapshot at {self.path}.") from None
        return f"{info.st_ino}-{info.st_size}-{info.st_mtime_ns}"

    def cursor(self) -> tuple[str, duckdb.DuckDBPyConnection]:
        """(version, a cursor of its own): cursors let the server's threads query concurrently."""
        version = self.version()
        with self._lock:
            if self._open is None or self._open.version != version:
                self._open = _Open(version, self._connect())
            cursor = self._open.connection.cursor()
            cursor.execute(f"use {ALIAS}")
            return self._open.version, cursor

    def _connect(self) -> duckdb.DuckDBPyConnection:
        connection = duckdb.connect(":memory:")
        try:
            load_fts(connection)
        except TyndauError:
            pass  # search says so itself; every other page works without the extension
        try:
            quoted = self.path.replace("'", "''")  # ATTACH takes no parameters; the path is configuration
            connection.execute(f"attach '{quoted}' as {ALIAS} (read_only)")
        except duckdb.Error as exc:
            raise SnapshotMissing(f"Cannot open the snapshot {self.path}: {exc}") from None
        return connection

    def run(self, fn, *args, **kwargs):
        """``fn(cursor, *args, **kwargs)`` on the newest snapshot; a missing table becomes QueryFailed."""
        _, cursor = self.cursor()
        try:
            return fn(cursor, *args, **kwargs)
        except duckdb.CatalogException as exc:
            raise QueryFailed(f"The snapshot lacks a table this query needs: {str(exc).splitlines()[0]}") from None
        finally:
            cursor.close()
