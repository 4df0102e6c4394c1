"""Readers turn a file into batches of raw string columns, with 1-based row numbers.

They know formats, not meanings: a mapping (see :mod:`ingestion.mapping`) gives the
columns their meaning. Every way a file can be unreadable ends in one
:class:`SourceError` that names the file and says what to do.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from warehouse.errors import SourceError

ROW = "_row_number"
BATCH_ROWS = 200_000
SNIFF_BYTES = 64 * 1024
DELIMITERS = [",", ";", "\t", "|"]


# ---------------------------------------------------------------- encodings


def detect_encoding(path: Path) -> str:
    """BOMs first (Excel writes UTF-16 LE with a BOM), then strict UTF-8, then Windows-1251.

    Only the first 64 KiB decide: validating a whole file in Python took longer than DuckDB
    needs to load it. The CSV reader validates the rest as it reads (polars rejects invalid
    UTF-8), and a bad byte further down fails the load, atomically, with this same advice.
    """
    head = _read_head(path, SNIFF_BYTES)
    if not head.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise SourceError(f"{path.name} is empty.", hint="Export the data again; the file has no rows.")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise SourceError(
            f"{path.name} contains NUL bytes: it is binary, or UTF-16 without a byte-order mark.",
            hint="Check it is the right file; in Excel save as 'CSV UTF-8' (or 'Unicode Text', which has a BOM).",
        )
    bad_offset = _first_invalid_utf8_in(head)
    if bad_offset is None:
        return "utf-8"  # the reader checks the rest as it goes (see _not_utf8)
    if _looks_cp1251(head):
        return "cp1251"
    raise _not_utf8(path, bad_offset, "and does not look like Windows-1251 either")


def _not_utf8(path: Path, offset: int | None, detail: str) -> SourceError:
    where = f"first bad byte at offset {offset}" if offset is not None else "a bad byte"
    return SourceError(
        f"{path.name} is not valid UTF-8 ({where}) {detail}.",
        hint="Re-save it as 'CSV UTF-8' in Excel, convert it with `iconv -f <encoding> -t UTF-8`, "
        "or pass --encoding (for example --encoding cp1251).",
    )


def _first_invalid_utf8_in(head: bytes) -> int | None:
    """Offset of the first invalid UTF-8 sequence in a file's first bytes (a character cut at the end is fine)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _read_head(path: Path, n: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(n)


def _first_invalid_utf8(path: Path) -> int | None:
    """Byte offset of the first invalid UTF-8 sequence, or None when the whole file is UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return offset
    return None


def _looks_cp1251(head: bytes) -> bool:
    """Windows-1251 decodes any byte; accept it only when the high bytes are mostly Russian letters."""
    text = head.decode("cp1251", errors="replace")
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return True
    letters = sum(1 for ch in high if "\u0410" <= ch <= "\u044f" or ch in "Ёё№«»")
    return letters / len(high) > 0.85


def as_utf8(path: Path, encoding: str) -> Path:
    """Polars reads UTF-8 only: other encodings are transcoded to a temporary file, streaming."""
    if encoding == "utf-8":
        return path
    fd, tmp = tempfile.mkstemp(prefix="tyndau-", suffix=".csv")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out, path.open("r", encoding=encoding, newline="") as src:
        while chunk := src.read(1 << 20):
            out.write(chunk)
    return Path(tmp)


# ---------------------------------------------------------------- CSV


def sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(DELIMITERS, key=first.count)


def read_csv(path: Path, delimiter: str | None = None, encoding: str | None = None,
             batch_rows: int | None = None) -> Iterator[pl.DataFrame]:
    """All columns as strings, in batches; ragged rows fall back to a careful reader that rejects them."""
    path = Path(path)
    batch_rows = batch_rows or BATCH_ROWS
    _require_file(path)
    encoding = encoding or detect_encoding(path)
    utf8 = as_utf8(path, encoding)
    try:
        with utf8.open("r", encoding="utf-8-sig", newline="") as fh:
            sample = fh.read(SNIFF_BYTES)
        delimiter = delimiter or sniff_delimiter(sample)
        done = 0
        try:
            try:
                for batch in _polars_batches(utf8, delimiter, batch_rows):
                    done = int(batch[ROW].max())
                    yield batch
            except pl.exceptions.ComputeError as exc:
                if "utf-8" in str(exc).lower():
                    raise UnicodeError(str(exc)) from None
                for batch in _python_csv_batches(utf8, delimiter, batch_rows):
                    batch = batch.filter(pl.col(ROW) > done)
                    if batch.height:
                        yield batch
        except UnicodeError:  # polars' "invalid utf-8", or the careful reader's UnicodeDecodeError
            raise _not_utf8(path, _first_invalid_utf8(utf8), "although its first 64 KiB are") from None
    finally:
        if utf8 != path:
            utf8.unlink(missing_ok=True)


def _polars_batches(path: Path, delimiter: str, batch_rows: int) -> Iterator[pl.DataFrame]:
    frame = pl.scan_csv(
        path, separator=delimiter, infer_schema=False, encoding="utf8", row_index_name=ROW,
        row_index_offset=1, raise_if_empty=False, truncate_ragged_lines=False,
    )
    for batch in frame.collect_batches(chunk_size=batch_rows):
        if batch.height:
            yield _strip_bom_header(batch)


def _strip_bom_header(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.rename({c: c.lstrip("\ufeff").strip() for c in frame.columns if c != ROW})


def _python_csv_batches(path: Path, delimiter: str, batch_rows: int) -> Iterator[pl.DataFrame]:
    """Slow path for files polars refuses: rows with the wrong number of fields become `_error`."""
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header = [h.strip() for h in next(reader, [])]
        rows: list[dict] = []
        for number, values in enumerate(reader, start=1):
            if not values:
                continue
            rows.append(_row_dict(header, values, number))
            if len(rows) >= batch_rows:
                yield pl.DataFrame(rows, schema={**{h: pl.Utf8 for h in header}, ROW: pl.Int64, "_error": pl.Utf8})
                rows = []
        if rows:
            yield pl.DataFrame(rows, schema={**{h: pl.Utf8 for h in header}, ROW: pl.Int64, "_error": pl.Utf8})


def _row_dict(header: list[str], values: list[str], number: int) -> dict:
    row = {h: (v if v != "" else None) for h, v in zip(header, values)}
    row[ROW] = number
    row["_error"] = None
    if len(values) != len(header):
        row["_error"] = f"row has {len(values)} fields, the header has {len(header)}"
    return row


# ---------------------------------------------------------------- Excel


def read_xlsx(path: Path, sheet: str | None = None, header_row: int | None = None,
              required: tuple[str, ...] = ()) -> Iterator[pl.DataFrame]:
    """Reads one sheet; the header is the first row holding the required columns (titles above it are skipped)."""
    import openpyxl

    path = Path(path)
    _require_file(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SourceError(
            f"{path.name} is not an Excel .xlsx workbook ({type(exc).__name__}).",
            hint="Open it in Excel and save as .xlsx, or export CSV and ingest that.",
        ) from None
    if sheet and sheet not in book.sheetnames:
        raise SourceError(f"{path.name} has no sheet {sheet!r}; it has {', '.join(book.sheetnames)}.",
                          hint="Pass --sheet with one of those names.")
    rows = book[sheet or book.sheetnames[0]].iter_rows(values_only=True)
    yield from _sheet_batches(path, rows, header_row, required)


def _sheet_batches(path: Path, rows, header_row: int | None, required: tuple[str, ...]) -> Iterator[pl.DataFrame]:
    header, _ = _find_header(path, rows, header_row, required)
    buffer: list[dict] = []
    for number, values in enumerate(rows, start=1):  # data rows below the header, like CSV row numbers
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        buffer.append({**{h: _cell(v) for h, v in zip(header, values) if h}, ROW: number})
        if len(buffer) >= BATCH_ROWS:
            yield _frame(buffer, header)
            buffer = []
    if buffer:
        yield _frame(buffer, header)


def _find_header(path: Path, rows, header_row: int | None, required: tuple[str, ...]) -> tuple[list[str], int]:
    for number, values in enumerate(rows, start=1):
        cells = [str(v).strip() if v is not None else "" for v in values]
        if header_row is not None and number < header_row:
            continue
        if header_row is not None or (sum(1 for c in cells if c) >= 2 and set(required) <= set(cells)):
            return cells, number
        if number > 50:
            break
    raise SourceError(f"{path.name}: no header row found in the first 50 rows"
                      + (f" with the columns {', '.join(required)}." if required else "."),
                      hint="Pass --header-row N, or check that this is the right sheet (--sheet).")


def _cell(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _frame(rows: list[dict], header: list[str]) -> pl.DataFrame:
    schema = {h: pl.Utf8 for h in header if h}
    schema[ROW] = pl.Int64
    return pl.DataFrame(rows, schema=schema)


# ---------------------------------------------------------------- JSON


def open_text(path: Path) -> io.TextIOBase:
    """Plain or gzipped (by magic bytes, not by name)."""
    if _read_head(path, 2) == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig")
    return path.open("r", encoding="utf-8-sig")


def iter_json_records(path: Path, records_path: str | None = None) -> Iterator[tuple[int, dict | None, str | None]]:
    """(record number, record or None, error or None); JSON Lines or one JSON document."""
    path = Path(path)
    _require_file(path)
    try:
        with open_text(path) as fh:
            first = _first_char(fh)
            if first is None:
                raise SourceError(f"{path.name} is empty.", hint="Export the data again; the file has no records.")
            if first == "[" or (first == "{" and records_path):
                yield from _json_document(path, fh, records_path)
            else:
                yield from _json_lines(fh)
    except (EOFError, gzip.BadGzipFile, zipfile.BadZipFile) as exc:
        raise SourceError(f"{path.name} is a truncated or corrupt gzip file ({exc}).",
                          hint="Copy or download the file again; `gzip -t FILE` checks it.") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path.name} is not UTF-8 JSON.", hint="Re-export it as UTF-8.") from None


def _first_char(fh) -> str | None:
    while True:
        ch = fh.read(1)
        if not ch:
            return None
        if not ch.isspace():
            fh.seek(0) if fh.seekable() else None
            return ch


def _json_document(path: Path, fh, records_path: str | None):
    fh.seek(0)
    try:
        doc = json.load(fh)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path.name} is not valid JSON: {exc.msg} at line {exc.lineno}.",
                          hint="Check the export is complete; JSON Lines files need one object per line.") from None
    for part in (records_path or "").split(".") if records_path else []:
        doc = doc.get(part, []) if isinstance(doc, dict) else []
    if not isinstance(doc, list):
        raise SourceError(f"{path.name}: expected a list of records at {records_path or 'the top level'}.",
                          hint="Set records_path in the mapping to where the list of records is.")
    for number, rec in enumerate(doc, start=1):
        yield (number, rec, None) if isinstance(rec, dict) else (number, None, "record is not a JSON object")


def _json_lines(fh):
    fh.seek(0)
    for number, line in enumerate(fh, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"invalid JSON: {exc.msg}"
            continue
        yield (number, rec, None) if isinstance(rec, dict) else (number, None, "line is not a JSON object")


def read_json(path: Path, records_path: str | None = None, batch_rows: int | None = None) -> Iterator[pl.DataFrame]:
    """Flat JSON records as string columns (nested values kept as JSON text); bad lines become `_error` rows."""
    batch_rows = batch_rows or BATCH_ROWS
    buffer: list[dict] = []
    for number, rec, error in iter_json_records(path, records_path):
        row = {k: _json_scalar(v) for k, v in (rec or {}).items()}
        row[ROW] = number
        row["_error"] = error
        buffer.append(row)
        if len(buffer) >= batch_rows:
            yield _json_frame(buffer)
            buffer = []
    if buffer:
        yield _json_frame(buffer)


def _json_scalar(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _json_frame(rows: list[dict]) -> pl.DataFrame:
    keys: dict[str, None] = {}
    for r in rows:
        keys.update(dict.fromkeys(r))
    schema = {k: pl.Utf8 for k in keys}
    schema[ROW] = pl.Int64
    return pl.DataFrame(rows, schema=schema)


# ---------------------------------------------------------------- common


def _require_file(path: Path) -> None:
    if not path.exists():
        raise SourceError(f"{path} does not exist.", hint="Check the path; relative paths start from the current directory.")
    if path.stat().st_size == 0:
        raise SourceError(f"{path.name} is empty (0 bytes).", hint="Export the data again; the file has no rows.")


def reader_for(path: Path) -> str:
    """csv | xlsx | json, by extension first, then by content."""
    name = path.name.lower().removesuffix(".gz")
    for ext, kind in ((".csv", "csv"), (".tsv", "csv"), (".txt", "csv"), (".xlsx", "xlsx"), (".xlsm", "xlsx"),
                      (".jsonl", "json"), (".ndjson", "json"), (".json", "json")):
        if name.endswith(ext):
            return kind
    head = _read_head(path, 4)
    if head.startswith(b"PK"):
        return "xlsx"
    if head.startswith(b"\x1f\x8b"):
        return "json"
    return "csv"


def records_frame(records: list[dict], offset: int = 0) -> pl.DataFrame:
    """API records as string columns with row numbers continuing across pages."""
    rows = [{**{k: _json_scalar(v) for k, v in r.items()}, ROW: offset + i + 1}
            for i, r in enumerate(records) if isinstance(r, dict)]
    return _json_frame(rows) if rows else pl.DataFrame(schema={ROW: pl.Int64})
