"""The dashboard's only way to the data: the read-only snapshot, and cached query calls.

Why a snapshot: DuckDB allows one writer per file, and ``tyndau ingest``/``classify``/``build``
hold the warehouse for as long as they run. Writers publish a copy (``publish_snapshot``: copy,
then atomic rename) after each successful write; the dashboard opens that copy read-only, so
pages keep answering during a load. :class:`SnapshotReader` notices a newly published file (its
inode, size or time changed) and opens it for the next query; a query already running finishes on
the old one, which the rename leaves intact.

Why ATTACH into a fresh in-memory database rather than ``duckdb.connect(path)``: DuckDB caches
one database instance per path in a process, so connecting to the same path again while any old
cursor lives returns the *old* file. A new in-memory instance that attaches the path read-only
always opens the file the path names now.

Why cache on the snapshot's version: query results are cached per (version, query, arguments),
so a rerun of a page is a dictionary lookup, and a new snapshot can never serve stale numbers.
Pages never see SQL: they call ``query(responsiveness.responsiveness_kpis, filters)``.
"""

from __future__ import annotations

import importlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import streamlit as st

from warehouse.config import Settings, load_settings
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
        """(version, a cursor of its own): cursors let Streamlit's threads query concurrently."""
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


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return load_settings()


@st.cache_resource(show_spinner=False)
def reader(path: str) -> SnapshotReader:
    return SnapshotReader(path)


def snapshot() -> SnapshotReader:
    return reader(settings().resolved_snapshot_path())


def snapshot_version() -> str:
    return snapshot().version()


def query(fn, *args, **kwargs):
    """Run a warehouse query function on the snapshot, cached per snapshot version and arguments."""
    return _cached(snapshot_version(), f"{fn.__module__}:{fn.__qualname__}", args, tuple(sorted(kwargs.items())))


@st.cache_data(show_spinner=False, max_entries=1024, ttl=3600)
def _cached(version: str, name: str, args: tuple, kwargs: tuple):
    module, _, qualname = name.partition(":")
    fn = getattr(importlib.import_module(module), qualname)
    _, cursor = snapshot().cursor()
    try:
        return fn(cursor, *args, **dict(kwargs))
    except duckdb.CatalogException as exc:
        raise QueryFailed(f"The snapshot lacks a table this page needs: {str(exc).splitlines()[0]}") from None
    finally:
        cursor.close()


def snapshot_file() -> Path:
    return Path(settings().resolved_snapshot_path())
