"""Failure handling: a full disk, a fresh install, hostile or odd inputs. Each ends in one clear
message (or a rejected row with its reason), the warehouse as it was, and nothing left behind."""

from __future__ import annotations

import errno
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.build import build_models
from warehouse.config import load_settings
from warehouse.diskfull import human_size
from warehouse.db import connect, migrate, publish_snapshot
from warehouse.errors import DiskFullError, SourceError

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
    settings = load_settings(tmp_path / "none.toml", db_path=str(small_disk / "w.duckdb"), salt="test-salt-not-for-deployment")
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
    fill(small_disk, leave_mib=0.2)
    with pytest.raises(DiskFullError) as info:
        publish_snapshot(db, small_disk / "w.snapshot.duckdb")
    assert "The warehouse itself was saved" in str(info.value)
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "w.duckdb"], "no partial snapshot left behind"


def test_a_snapshot_copy_failing_midway_removes_its_partial_file(tmp_path, monkeypatch):
    """Simulated ENOSPC (for machines where a tmpfs cannot be mounted): the copy writes part, then fails."""
    from warehouse import db as db_module

    src = tmp_path / "w.duckdb"
    con = connect(src)
    migrate(con)
    con.execute("checkpoint")
    con.close()

    def copy_part_then_fail(con, target):
        Path(target).write_bytes(b"x" * 100)
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(db_module, "_copy_for_readers", copy_part_then_fail)
    with pytest.raises(DiskFullError, match="needs about"):
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


# ---------------------------------------------------------------- inputs that used to crash or blow up memory

MEMORY_BOUND_KIB = 1024 * 1024  # 1 GiB peak RSS for the whole process, imports and DuckDB included

INGEST_AND_REPORT_PEAK = """
import sys
from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.config import load_settings
from warehouse.db import connect, migrate
from warehouse.errors import TyndauError
settings = load_settings(sys.argv[3], db_path=sys.argv[2], salt="test-salt-not-for-deployment")
con = connect(settings.db_path)
migrate(con)
try:
    report = ingest(con, make_connector("file", sys.argv[1], "eotinish-sample", {}), settings)
    print("loaded", report.counts.inserted, "rejected", report.counts.rejected)
except TyndauError as exc:
    print("error:", exc)
# VmHWM is this process's own peak: getrusage's ru_maxrss keeps the forking parent's peak across
# exec on Linux, so under a big pytest process it would report the parent, not the ingest.
peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print("peak_kib", peak)
"""


def ingest_in_subprocess(path: Path, tmp_path: Path) -> tuple[str, int]:
    """(what the load said, peak RSS in KiB) of an ingest in a process of its own."""
    repo = Path(__file__).resolve().parents[1]
    temporary = tmp_path / "tmp"
    temporary.mkdir(exist_ok=True)
    done = subprocess.run([sys.executable, "-c", INGEST_AND_REPORT_PEAK, str(path), str(tmp_path / "w.duckdb"),
                           str(tmp_path / "none.toml")], capture_output=True, text=True, timeout=300,
                          cwd=repo, env={**os.environ, "PYTHONPATH": str(repo), "TMPDIR": str(temporary)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert list(temporary.iterdir()) == [], "no temporary file is left behind"
    *said, peak = done.stdout.strip().splitlines()
    return "\n".join(said), int(peak.split()[1])


def appeal_records() -> list[dict]:
    return json.loads((GOOD / "appeals.json").read_text(encoding="utf-8"))


def test_a_gzip_bomb_is_refused_with_bounded_memory(tmp_path):
    """200 MiB of zeros in one line, 200 KiB gzipped: refused at the expansion cap, long before memory grows."""
    bomb = tmp_path / "appeals.csv.gz"
    header = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()[0]
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        out.write((header + "\n").encode())
        for _ in range(200):
            out.write(b"0" * 2**20)
    assert bomb.stat().st_size < 1_000_000
    said, peak_kib = ingest_in_subprocess(bomb, tmp_path)
    assert "error: appeals.csv.gz expands to more than 64 MiB" in said and "likely gzip bomb" in said
    assert peak_kib < MEMORY_BOUND_KIB


def test_a_json_array_with_one_huge_record_is_refused_with_bounded_memory(tmp_path):
    records = appeal_records()
    huge = tmp_path / "appeals.json"
    with huge.open("w", encoding="utf-8") as out:
        out.write("[" + json.dumps(records[0], ensure_ascii=False) + ', {"appeal_no": "KZ-9", "text": "')
        for _ in range(200):
            out.write("я" * 2**19)  # 200 MiB of UTF-8 (100 Mi characters)
        out.write('"}, ' + json.dumps(records[1], ensure_ascii=False) + "]")
    said, peak_kib = ingest_in_subprocess(huge, tmp_path)
    assert said == "error: appeals.json is not valid JSON: record 2 is larger than 32 MiB (or broken JSON that never closes)."
    assert peak_kib < MEMORY_BOUND_KIB


def test_a_json_lines_file_with_one_huge_line_rejects_that_line_and_loads_the_rest(tmp_path):
    records = appeal_records()
    path = tmp_path / "appeals.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(records[0], ensure_ascii=False) + "\n")
        out.write('{"appeal_no": "KZ-9", "text": "' + "x" * (40 * 2**20) + '"}\n')
        out.write(json.dumps(records[1], ensure_ascii=False) + "\n")
    said, peak_kib = ingest_in_subprocess(path, tmp_path)
    assert said == "loaded 2 rejected 1"
    assert peak_kib < MEMORY_BOUND_KIB
    reason = duckdb.connect(str(tmp_path / "w.duckdb")).execute("select row_number, reason from rejected_rows").fetchall()
    assert reason == [(2, "line longer than 32 MiB (max_record_mb): not read")]


def test_a_csv_line_longer_than_the_limit_is_refused_and_the_limit_is_an_option(con, settings, tmp_path):
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "long.csv"
    path.write_text("\n".join([lines[0], lines[1].replace("месяц", "месяц" + "x" * (2 * 2**20)), lines[2]]) + "\n",
                    encoding="utf-8")
    with pytest.raises(SourceError, match="has a line longer than 1 MiB") as info:
        load(con, settings, path, max_record_mb="1")
    assert "max_record_mb" in info.value.hint
    assert load(con, settings, path, max_record_mb="3").counts.inserted == 2


@pytest.mark.parametrize("source", ["appeals_utf8.csv", "appeals_cp1251_semicolon.csv"])
def test_a_gzipped_csv_simply_loads_and_leaves_no_temporary_file(con, settings, tmp_path, monkeypatch, source):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    path = tmp_path / "appeals.csv.gz"
    path.write_bytes(gzip.compress((GOOD / source).read_bytes()))
    report = load(con, settings, path)
    assert report.counts.inserted >= 1 and report.counts.rejected == 0
    assert list(temporary.iterdir()) == [], "the decompressed (and transcoded) copies are removed"


def test_json_nested_10000_deep_in_json_lines_rejects_that_line(con, settings, tmp_path):
    records = appeal_records()
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([json.dumps(records[0], ensure_ascii=False), '{"a": ' + "[" * 10000 + "]" * 10000 + "}",
                               json.dumps(records[1], ensure_ascii=False)]) + "\n", encoding="utf-8")
    report = load(con, settings, path)
    assert (report.counts.inserted, report.counts.rejected) == (2, 1)
    assert "nested too deeply" in con.execute("select reason from rejected_rows").fetchone()[0]


@pytest.mark.parametrize("layout", ["lines", "array"])
def test_a_key_given_twice_in_one_json_object_rejects_the_record(con, settings, tmp_path, layout):
    texts = [json.dumps(r, ensure_ascii=False) for r in appeal_records()]
    texts[1] = texts[1][:-1] + ', "status": "closed"}'  # status given twice: json would keep "closed" silently
    path = tmp_path / ("appeals.jsonl" if layout == "lines" else "appeals.json")
    path.write_text("\n".join(texts) + "\n" if layout == "lines" else "[" + ",\n".join(texts) + "]", encoding="utf-8")
    report = load(con, settings, path)
    assert (report.counts.inserted, report.counts.rejected) == (2, 1)
    assert con.execute("select row_number, reason from rejected_rows").fetchall() == [
        (2, "key 'status' is given twice in one object")]


@pytest.mark.parametrize("where", ["row 1", "row 1000"])
def test_a_nul_byte_rejects_its_row_wherever_it_is(con, settings, tmp_path, where):
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[1].replace("KZ-1,", f"KZ-{n},", 1) for n in range(100, 1100)]
    at = 0 if where == "row 1" else 999
    rows[at] = rows[at].replace("месяц", "мес\x00яц")
    path = tmp_path / "nul.csv"
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    report = load(con, settings, path)
    assert (report.counts.inserted, report.counts.rejected) == (999, 1)
    row, reason = con.execute("select row_number, reason from rejected_rows").fetchone()
    assert row == at + 1 and reason.startswith("column 'text' contains a NUL byte")
    assert con.execute("select count(*) from raw_appeals where contains(text, chr(0))").fetchone()[0] == 0


# ---------------------------------------------------------------- no silent change of values


def test_a_second_date_format_first_seen_after_the_sample_is_read(con, settings, tmp_path):
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[1].replace("KZ-1,", f"KZ-{n},", 1) for n in range(100, 2600)]
    rows[2400] = rows[2400].replace("2024-03-05T10:22:00", "05.03.2024 10:22")  # row 2,401: a supported format
    path = tmp_path / "late_format.csv"
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    report = load(con, settings, path)
    assert (report.counts.inserted, report.counts.rejected) == (2500, 0)
    assert str(con.execute("select registered_at from raw_appeals where external_id = 'KZ-2500'").fetchone()[0]) \
        == "2024-03-05 05:22:00"  # 10:22 in Almaty, stored in UTC


@pytest.mark.parametrize("written", ["1900-01-01T00:00:00", "0001-01-01T00:00:00", "2099-03-05T10:22:00"])
def test_implausible_dates_are_rejected_with_the_window_in_the_reason(con, settings, tmp_path, written):
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "dates.csv"
    path.write_text("\n".join([lines[0], lines[1].replace("2024-03-05T10:22:00", written), lines[2]]) + "\n",
                    encoding="utf-8")
    report = load(con, settings, path)
    assert (report.counts.inserted, report.counts.rejected) == (1, 1)
    column, reason = con.execute("select column_name, reason from rejected_rows").fetchone()
    assert column == "reg_date" and reason.startswith(f"{written} is outside the plausible dates 1990-01-01..")


def test_a_mapping_can_widen_the_plausible_window(con, settings, tmp_path):
    from dataclasses import replace

    from ingestion.mapping import load_mapping
    from ingestion.registry import REGISTRY

    mapping = load_mapping("eotinish-sample")
    fields = tuple(replace(f, earliest="1900-01-01") if f.name == "registered_at" else f for f in mapping.fields)
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "old.csv"
    path.write_text("\n".join([lines[0], lines[1].replace("2024-03-05T10:22:00", "1950-01-01T00:00:00")]) + "\n",
                    encoding="utf-8")
    connector = REGISTRY["file"](str(path), replace(mapping, fields=fields))
    report = ingest(con, connector, settings)
    assert (report.counts.inserted, report.counts.rejected) == (1, 0)


def test_excel_formulas_without_a_saved_result_and_merged_cells_reject_their_rows(con, settings, tmp_path):
    """openpyxl writes formulas without a cached result, as a workbook saved by a script would be."""
    import csv

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    with (GOOD / "appeals_utf8.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh):
            sheet.append(row)
    sheet["P3"] = "=2+3"  # KZ-2's satisfaction
    sheet.merge_cells("C3:C4")  # KZ-2's and KZ-3's channel: KZ-3 would read as null
    path = tmp_path / "appeals.xlsx"
    book.save(path)
    report = load(con, settings, path)
    assert (report.counts.inserted, report.counts.rejected) == (1, 2)
    assert con.execute("select row_number, reason from rejected_rows order by 1").fetchall() == [
        (2, "cell P3 (satisfaction) is a formula without a saved result (open the workbook in Excel and save it again)"),
        (3, "cell C4 (channel) is inside merged cells C3:C4; the value is only in their first cell"),
    ]


def test_a_survey_row_its_reader_flagged_is_rejected_not_loaded(con, settings, tmp_path):
    lines = (GOOD / "kobo_export.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Бастық", "Бас\x00тық")
    path = tmp_path / "kobo.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest(con, make_connector("kobo", str(path)), settings)
    assert con.execute("select count(*) from raw_survey_responses where response_id = 'u-101'").fetchone()[0] == 0
    reasons = dict(con.execute("select row_number, reason from rejected_rows where column_name = ''").fetchall())
    assert reasons == {1: "column 'comment' contains a NUL byte (\\0), a sign of a broken export"}


def test_a_disk_full_load_records_its_failed_run_when_the_disk_allows(con, settings, monkeypatch):
    from warehouse import load as load_module

    load(con, settings, GOOD / "appeals_utf8.csv")
    before = con.execute("select * from raw_appeals order by external_id").fetchall()

    def full_disk(*args, **kwargs):
        raise duckdb.IOException(f'Could not write file "{settings.db_path}.wal": No space left on device')

    monkeypatch.setattr(load_module.Loader, "write", full_disk)
    with pytest.raises(DiskFullError, match="the warehouse is as it was; the failed run is in load_runs"):
        load(con, settings, GOOD / "appeals.json")
    assert con.execute("select * from raw_appeals order by external_id").fetchall() == before
    status, error = con.execute("select status, error from load_runs order by load_run_id desc").fetchone()
    assert status == "failed" and "No space left on device" in error
