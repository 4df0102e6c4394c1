"""The dashboard's only way to the data: the read-only snapshot, and cached query calls.

Why a snapshot, and how it is followed: see :mod:`warehouse.snapshot` (the API reads it the same way).

Why cache on the snapshot's version: query results are cached per (version, query, arguments),
so a rerun of a page is a dictionary lookup, and a new snapshot can never serve stale numbers.
Pages never see SQL: they call ``query(responsiveness.responsiveness_kpis, filters)``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import streamlit as st

from warehouse.config import Settings, load_settings
from warehouse.snapshot import ALIAS, QueryFailed, SnapshotMissing, SnapshotReader  # noqa: F401 (re-exported)


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
    return snapshot().run(fn, *args, **dict(kwargs))


def snapshot_file() -> Path:
    return Path(settings().resolved_snapshot_path())
