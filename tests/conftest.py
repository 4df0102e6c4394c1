"""Shared fixtures: a real DuckDB warehouse file per test, and the path to ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.config import load_settings
from warehouse.db import connect, migrate
from warehouse.refdata import load_reference_data

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


def shared_data(*parts: str) -> Path:
    """A file of ../shared/data; a missing file fails the test (it must never be skipped)."""
    path = SHARED_DATA.joinpath(*parts)
    assert path.exists(), f"{path} is missing: tests read the real data from ../shared/data beside the repository"
    return path


@pytest.fixture
def settings(tmp_path):
    return load_settings(tmp_path / "none.toml", db_path=str(tmp_path / "tyndau.duckdb"),
                         salt="test-salt-not-for-deployment")


@pytest.fixture
def con(settings):
    connection = connect(settings.db_path)
    migrate(connection)
    load_reference_data(connection)
    yield connection
    connection.close()
