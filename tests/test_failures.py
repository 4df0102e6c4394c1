"""Failure handling: a full disk, a fresh install, hostile or odd inputs. Each ends in one clear
message (or a rejected row with its reason), the warehouse as it was, and nothing left behind."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.build import build_models
from warehouse.config import load_settings
from warehouse.diskfull import human_size
from warehouse.db import connect, migrate, publish_snapshot
from warehouse.errors import DiskFullError

GOOD = Path(__file__).parent / "good_inputs"
BAD = Path(__file__).parent / "bad_inputs"


def load(con, settings, path, **options):
    return ingest(con, make_connector("file", str(path), "eotinish-sample", options), settings)


def test_build_on_a_fresh_install_loads_the_fts_extension_outside_the_transaction(con, settings, tmp_path):
    """A fresh DuckDB extension directory: the first `load fts` fails, which used to abort the build."""
    con.execute(f"set extension_directory = '{tmp_path / 'extensions'}'")
    assert con.execute("select count(*) from duckdb_extensions() where extension_name = 'fts' and loaded").fetchone()[0] == 0
    results = build_models(con, settings)
    assert any(r.name.startswith("fts_main_") for r in results)
    assert (tmp_path / "extensions").is_dir(), "the extension was installed into the fresh directory"


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path):
    """A real 12 MiB filesystem (tmpfs), so DuckDB and Python hit ENOSPC as they would on a full disk.

    Needs root (mount); elsewhere the monkeypatched tests below cover the same code paths."""
    if os.geteuid() != 0:
        pytest.skip("mounting a size-limited tmpfs needs root; the ENOSPC-simulating tests still run")
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(disk)], check=True)
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def fill(disk: Path, leave_mib: float) -> None:
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * max(0, free - int(leave_mib * 2**20)))


def many_appeals(path: Path, n: int) -> Path:
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        out.write(lines[0] + "\n")
        for i in range(n):
            out.write(lines[1].replace("KZ-1,", f"KZ-{i + 10},", 1).replace("месяц", f"месяц {i * 7919 % 100003}") + "\n")
    return path


def test_a_load_on_a_full_disk_says_so_and_leaves_the_warehouse_as_it_was(small_disk, tmp_path):
    settings = load_settings(tmp_path / "none.toml", db_path=str(small_disk / "w.duckdb"), salt="s")
    con = connect(settings.db_path)
    migrate(con)
    load(con, settings, GOOD / "appeals_utf8.csv")
    con.execute("checkpoint")
    fill(small_disk, leave_mib=1)
    with pytest.raises(DiskFullError) as info:
        load(con, settings, many_appeals(tmp_path / "big.csv", 60_000))
    message = str(info.value)
    assert f"The disk holding {small_disk} (mounted at {small_disk}) is full" in message
    assert f"this step needs about {human_size((tmp_path / 'big.csv').stat().st_size)}" in message and "rolled back: the warehouse is as it was" in message
    assert info.value.hint.startswith("Free at least")
    con.close()
    (small_disk / "filler").unlink()
    reopened = connect(settings.db_path)
    assert reopened.execute("select count(*) from raw_appeals").fetchone()[0] == 3
    runs = reopened.execute("select status from load_runs order by load_run_id").fetchall()
    assert runs[0] == ("succeeded",) and all(r == ("failed",) for r in runs[1:])
    reopened.close()


def test_a_snapshot_that_does_not_fit_leaves_no_partial_file_and_says_the_data_is_saved(small_disk, tmp_path):
    db = small_disk / "w.duckdb"
    con = connect(db)
    migrate(con)
    con.execute("checkpoint")
    con.close()
    fill(small_disk, leave_mib=1)
    with pytest.raises(DiskFullError) as info:
        publish_snapshot(db, small_disk / "w.snapshot.duckdb")
    assert "The warehouse itself was saved" in str(info.value)
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "w.duckdb"], "no partial snapshot left behind"


def test_a_snapshot_copy_failing_midway_removes_its_partial_file(tmp_path, monkeypatch):
    """Simulated ENOSPC (for machines where a tmpfs cannot be mounted): the copy writes part, then fails."""
    src = tmp_path / "w.duckdb"
    src.write_bytes(b"x" * 4096)

    def copy_half_then_fail(a, b):
        Path(b).write_bytes(Path(a).read_bytes()[:100])
        raise OSError(errno.ENOSPC, "No space left on device", str(b))

    monkeypatch.setattr(shutil, "copyfile", copy_half_then_fail)
    with pytest.raises(DiskFullError, match="needs about 4.0 KiB"):
        publish_snapshot(src, tmp_path / "w.snapshot.duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]


def test_the_real_error_is_reported_when_recording_the_failed_run_fails_too(con, settings, monkeypatch):
    from warehouse import load as load_module

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    def record_fails(*args, **kwargs):
        raise duckdb.IOException('Could not write file "x.wal": No space left on device')

    monkeypatch.setattr(load_module.Loader, "write", full_disk)
    monkeypatch.setattr(load_module, "record_failed_run", record_fails)
    with pytest.raises(DiskFullError, match="the failed run could not be recorded") as info:
        load(con, settings, GOOD / "appeals_utf8.csv")
    assert isinstance(info.value.__cause__, OSError), "the first error, not the second, is the cause"


def test_the_cli_prints_one_message_for_a_full_disk(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from tyndau.cli import app
    from warehouse import db as db_module

    def full_disk(*args, **kwargs):
        raise duckdb.IOException(f'Could not write file "{tmp_path}/w.duckdb": No space left on device')

    monkeypatch.setattr(db_module, "migrate", full_disk)
    result = CliRunner().invoke(app, ["init", "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert "error: The disk holding" in output and "is full" in output and "Traceback" not in output
