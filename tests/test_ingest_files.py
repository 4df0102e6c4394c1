"""Flat-file ingestion through the same path as `tyndau ingest`: formats, encodings,
idempotency, updates, atomicity, rejected rows and the corpus of unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion import readers
from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.errors import ConfigError, RejectedRowsError, SourceError

GOOD = Path(__file__).parent / "good_inputs"
BAD = Path(__file__).parent / "bad_inputs"


def load(con, settings, path, connector="file", strict=False, **options):
    return ingest(con, make_connector(connector, str(path), "eotinish-sample", options), settings, strict=strict)


def appeals(con):
    return dict(con.execute("select external_id, status from raw_appeals order by 1").fetchall())


@pytest.mark.parametrize("name, rows", [
    ("appeals_utf8.csv", 3), ("appeals_utf8_bom.csv", 3), ("appeals_cp1251_semicolon.csv", 1),
    ("appeals_utf16.txt", 3), ("appeals.xlsx", 3), ("appeals.json", 3), ("appeals.jsonl.gz", 3),
])
def test_every_format_and_encoding_loads_the_same_rows(con, settings, name, rows):
    options = {"sheet": "Обращения"} if name.endswith(".xlsx") else {}
    report = load(con, settings, GOOD / name, **options)
    assert report.counts.inserted == rows and report.counts.rejected == 0
    text = con.execute("select text, agency_name, registered_at::varchar from raw_appeals where external_id='KZ-1'").fetchone()
    assert text[0].startswith("Жалуюсь: ответа нет уже месяц")
    assert text[1] == "Акимат г. Тараз"
    assert text[2] == "2024-03-05 05:22:00", "10:22 in Almaty (UTC+5 since March 2024), stored in UTC"


def test_reingesting_the_same_file_changes_nothing(con, settings):
    first = load(con, settings, GOOD / "appeals_utf8.csv")
    before = con.execute("select * exclude (load_run_id, loaded_at) from raw_appeals order by external_id").fetchall()
    second = load(con, settings, GOOD / "appeals_utf8.csv")
    after = con.execute("select * exclude (load_run_id, loaded_at) from raw_appeals order by external_id").fetchall()
    assert (first.counts.inserted, second.counts.inserted, second.counts.updated, second.counts.unchanged) == (3, 0, 0, 3)
    assert before == after
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 3


def test_a_newer_export_updates_status_without_duplicates(con, settings, tmp_path):
    load(con, settings, GOOD / "appeals_utf8.csv")
    newer = tmp_path / "newer.csv"
    newer.write_text((GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").replace(",in_progress,", ",closed,"),
                     encoding="utf-8")
    report = load(con, settings, newer)
    assert (report.counts.inserted, report.counts.updated, report.counts.unchanged) == (0, 1, 2)
    assert appeals(con)["KZ-3"] == "closed"
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 3
    lineage = con.execute("select source_file, load_run_id from raw_appeals where external_id='KZ-3'").fetchone()
    assert lineage[0].endswith("newer.csv") and lineage[1] == report.run_id


def test_personal_data_is_redacted_and_applicant_hashed(con, settings):
    load(con, settings, GOOD / "appeals_utf8.csv")
    text, applicant = con.execute("select text, applicant_hash from raw_appeals where external_id='KZ-1'").fetchone()
    assert "[PHONE]" in text and "701" not in text
    assert applicant and "900101300123" not in applicant and len(applicant) >= 16
    assert con.execute("select count(*) from original_texts").fetchone()[0] == 0


def test_original_text_kept_apart_only_when_configured(con, settings):
    from dataclasses import replace

    load(con, replace(settings, keep_original_text=True), GOOD / "appeals_utf8.csv")
    original = con.execute("select original_text from original_texts where external_id='KZ-1' and field='text'").fetchone()[0]
    assert "+7 701 234 56 78" in original


def test_bad_rows_are_kept_aside_and_good_rows_load(con, settings):
    report = load(con, settings, BAD / "bad_values.csv")
    assert report.counts.inserted == 1 and report.counts.rejected == 2
    rejected = con.execute("select row_number, column_name, reason, raw_record from rejected_rows order by 1, 2").fetchall()
    assert [(r[0], r[1]) for r in rejected] == [(2, "reg_date"), (2, "satisfaction"), (3, "appeal_kind")]
    assert "31/02/2024 9am" in rejected[0][2]
    assert "900101300124" not in rejected[0][3], "rejected rows are kept without personal data"
    assert '"applicant_id":"[ID]"' in rejected[0][3]


def test_ragged_rows_are_rejected_not_dropped(con, settings):
    report = load(con, settings, BAD / "ragged_rows.csv")
    assert report.counts.inserted == 2 and report.counts.rejected == 1
    row, reason = con.execute("select row_number, reason from rejected_rows").fetchone()
    assert row == 2 and "fields" in reason


def test_strict_turns_any_rejection_into_a_failure_and_loads_nothing(con, settings):
    with pytest.raises(RejectedRowsError, match="2 row"):
        load(con, settings, BAD / "bad_values.csv", strict=True)
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 0
    assert con.execute("select count(*) from rejected_rows").fetchone()[0] == 0
    assert con.execute("select status from load_runs").fetchall() == [("failed",)]


@pytest.mark.parametrize("before", ["an empty warehouse", "a warehouse holding other appeals"])
def test_a_key_coming_back_in_a_later_batch_is_an_update_not_a_duplicate(con, settings, tmp_path, monkeypatch, before):
    """Batches of two rows: KZ-1 comes back in the second batch with a new status, KZ-2 unchanged in the third.
    An empty table takes the append path (merged at the end of the load), a non-empty one is compared per batch:
    both must give the same rows and counts."""
    monkeypatch.setattr(readers, "BATCH_ROWS", 2)
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    if before != "an empty warehouse":
        other = tmp_path / "other.csv"
        other.write_text("\n".join([lines[0], lines[1].replace("KZ-1,", "KZ-9,", 1)]) + "\n", encoding="utf-8")
        load(con, settings, other)
    later = tmp_path / "later.csv"
    later.write_text("\n".join(lines + [lines[1].replace(",answered,", ",closed,"), lines[2]]) + "\n", encoding="utf-8")
    report = load(con, settings, later)
    counts = report.counts
    assert (counts.read, counts.inserted, counts.updated, counts.unchanged, counts.rejected) == (5, 3, 1, 1, 0)
    assert appeals(con)["KZ-1"] == "closed"
    rows_per_key = con.execute("select external_id, count(*) from raw_appeals group by 1 order by 1").fetchall()
    assert all(n == 1 for _, n in rows_per_key) and len(rows_per_key) == (3 if before == "an empty warehouse" else 4)


def test_a_load_failing_midway_leaves_the_warehouse_as_it_was(con, settings, monkeypatch):
    load(con, settings, GOOD / "appeals_utf8.csv")
    before = con.execute("select * from raw_appeals order by external_id").fetchall()
    from warehouse import load as load_module

    calls = {"n": 0}
    real_write = load_module.Loader.write

    def failing_write(*args, **kwargs):
        calls["n"] += 1
        real_write(*args, **kwargs)  # the rows are written ...
        raise OSError("disk full")   # ... and then the load dies

    monkeypatch.setattr(load_module.Loader, "write", failing_write)
    newer = GOOD / "appeals_utf8.csv"
    with pytest.raises(OSError):
        load(con, settings, newer)
    monkeypatch.undo()
    assert calls["n"] == 1
    assert con.execute("select * from raw_appeals order by external_id").fetchall() == before
    assert con.execute("select status, error from load_runs order by load_run_id").fetchall()[-1] == ("failed", "OSError: disk full")


@pytest.mark.parametrize("ragged", [False, True])
def test_a_bad_byte_beyond_the_sniffed_head_fails_the_load_with_the_encoding_advice(con, settings, tmp_path, ragged):
    """Encoding is decided on the first 64 KiB; a Windows-1251 row far below them must not load half a file."""
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    filler = [lines[1].replace("KZ-1,", f"KZ-{n},", 1) for n in range(100, 1100)]
    tail = lines[3].replace("in_progress", "в работе") + (",extra" if ragged else "")
    path = tmp_path / "late_cp1251.csv"
    path.write_bytes(("\n".join([lines[0], *filler]) + "\n").encode("utf-8") + (tail + "\n").encode("cp1251"))
    assert path.stat().st_size > 64 * 1024
    with pytest.raises(SourceError, match="not valid UTF-8") as err:
        load(con, settings, path)
    assert "--encoding cp1251" in err.value.hint
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 0


def test_duplicate_keys_in_one_file_keep_the_last_and_reject_the_rest(con, settings, tmp_path):
    text = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    dup = tmp_path / "dup.csv"
    dup.write_text("\n".join(lines + [lines[1].replace(",answered,", ",closed,")]) + "\n", encoding="utf-8")
    report = load(con, settings, dup)
    assert report.counts.inserted == 3 and report.counts.rejected == 1
    assert appeals(con)["KZ-1"] == "closed"
    assert "duplicate key" in con.execute("select reason from rejected_rows").fetchone()[0]


@pytest.mark.parametrize("name, message", [
    ("empty.csv", "is empty"),
    ("header_only.csv", "no data rows"),
    ("utf16_without_bom.csv", "NUL bytes"),
    ("broken_utf8.csv", "not valid UTF-8"),
    ("truncated.jsonl.gz", "truncated or corrupt gzip"),
    ("not_a_spreadsheet.xlsx", "not an Excel .xlsx workbook"),
    ("missing_columns.csv", "lacks the column(s) reg_date"),
    ("invalid.json", "not valid JSON"),
    ("image_named.csv", "NUL bytes"),
    ("corrupt.csv.gz", "truncated or corrupt gzip"),
    ("nested_10000_deep.json", "record 1 is nested too deeply to read"),
])
def test_unreadable_files_get_one_clear_error_naming_the_file(con, settings, name, message):
    with pytest.raises(SourceError) as info:
        load(con, settings, BAD / name)
    assert message in str(info.value)
    assert name in str(info.value)
    assert info.value.hint, "every error says what to do"
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 0
    assert con.execute("select status from load_runs").fetchall() == [("failed",)]


def test_missing_sheet_names_the_sheets_there_are(con, settings):
    with pytest.raises(SourceError, match="Обращения"):
        load(con, settings, GOOD / "appeals.xlsx", sheet="Nope")


KAZAKH_ROW = ("KZ-4,2024-03-08T09:00:00,eGov,өтініш,AK31,Тараз қаласының әкімдігі,31,Жамбыл,kk,"
              "\"Әкімдікке хат жаздым: аулада жарық жоқ, ұзақ күттік\",closed,2024-03-29,2024-03-20T11:00:00,"
              "2024-03-21T11:00:00,Жарық қалпына келтірілді,4,900101300125,30-44,F,no,no")


def kazakh_file(tmp_path, encoding: str) -> Path:
    """The UTF-8 fixture (Russian, Kazakh and English rows) plus a Kazakh row, saved in a legacy code page."""
    text = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").rstrip("\n") + "\n" + KAZAKH_ROW + "\n"
    path = tmp_path / f"appeals_{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_kz1048_file_is_told_apart_from_windows_1251(con, settings, tmp_path):
    """KZ-1048 read as Windows-1251 loads without an error and turns "әкімдікке" into "јкімдікке"."""
    path = kazakh_file(tmp_path, "kz1048")
    assert path.read_bytes().decode("cp1251").lower().count("јкімдікке") == 1, "the two code pages really disagree here"
    assert readers.detect_encoding(path) == "kz1048"
    report = load(con, settings, path)
    assert report.counts.inserted == 4 and report.counts.rejected == 0
    texts = dict(con.execute("select external_id, text from raw_appeals").fetchall())
    assert texts["KZ-4"].startswith("Әкімдікке хат жаздым: аулада жарық жоқ, ұзақ күттік")
    assert texts["KZ-2"] == "Көшедегі шамды жөндеуді сұраймын"
    assert texts["KZ-1"].startswith("Жалуюсь: ответа нет уже месяц")


def test_a_russian_windows_1251_file_stays_windows_1251(tmp_path):
    """Russian bytes are the same in both code pages: nothing tips the choice to KZ-1048."""
    lines = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "ru.csv"
    path.write_bytes("\n".join([lines[0], lines[1], lines[3]]).encode("cp1251") + b"\n")
    assert readers.detect_encoding(path) == "cp1251"
    ukrainian = "id;text\n1;Їжак єдиний ґанок, привіт, що це є? Україна\n".encode("cp1251")
    assert readers.cyrillic_codepage(ukrainian) == "cp1251"


@pytest.mark.parametrize("named", ["kz1048", "KZ-1048", "rk1048"])
def test_the_user_can_name_the_encoding(con, settings, tmp_path, named):
    report = load(con, settings, kazakh_file(tmp_path, "kz1048"), encoding=named)
    assert report.counts.inserted == 4
    assert con.execute("select text from raw_appeals where external_id = 'KZ-4'").fetchone()[0].startswith("Әкімдікке")


def test_an_unknown_or_wrong_encoding_is_said_and_loads_nothing(con, settings, tmp_path):
    path = kazakh_file(tmp_path, "kz1048")
    with pytest.raises(ConfigError, match="Unknown encoding 'kz-1049'") as err:
        load(con, settings, path, encoding="kz-1049")
    assert "kz1048" in err.value.hint
    with pytest.raises(SourceError, match="is not ascii text") as err:
        load(con, settings, path, encoding="ascii")
    assert "--encoding" in err.value.hint
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 0
