"""Failure handling: a full disk, a fresh install, hostile or odd inputs. Each ends in one clear
message (or a rejected row with its reason), the warehouse as it was, and nothing left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.build import build_models

GOOD = Path(__file__).parent / "good_inputs"
BAD = Path(__file__).parent / "bad_inputs"


def test_build_on_a_fresh_install_loads_the_fts_extension_outside_the_transaction(con, settings, tmp_path):
    """A fresh DuckDB extension directory: the first `load fts` fails, which used to abort the build."""
    con.execute(f"set extension_directory = '{tmp_path / 'extensions'}'")
    assert con.execute("select count(*) from duckdb_extensions() where extension_name = 'fts' and loaded").fetchone()[0] == 0
    results = build_models(con, settings)
    assert any(r.name.startswith("fts_main_") for r in results)
    assert (tmp_path / "extensions").is_dir(), "the extension was installed into the fresh directory"
