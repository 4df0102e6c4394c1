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
import itertools
import json
import mmap
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from warehouse.errors import ConfigError, SourceError

ROW = "_row_number"
BATCH_ROWS = 200_000
JSON_BATCH_ROWS = 50_000
SNIFF_BYTES = 64 * 1024
DELIMITERS = [",", ";", "\t", "|"]
CHUNK = 2**20
MAX_RECORD_MB = 32
MAX_EXPANSION = 100
EXPANSION_FLOOR = 64 * 2**20
BINARY_NUL_SHARE = 0.01


# ---------------------------------------------------------------- limits


@dataclass(frozen=True)
class Limits:
    """What one input may hold, so memory stays bounded whatever a file contains (docs/connectors.md, "Limits").

    ``max_record_mb``: the longest CSV line, JSON Lines line or JSON record (an element of a top-level
    array; a document read with ``records_path`` is read whole and counts as one record).
    ``max_expansion``: a gzip file may decompress to this many times its own size (and always to 64 MiB):
    real exports expand 5-10 times; a 4 MB file that expands to 4 GiB is a bomb, not an export.
    Both are reader options (``--option max_record_mb=64``, or ``[reader_options]`` in a mapping).
    """

    max_record_mb: float = MAX_RECORD_MB
    max_expansion: float = MAX_EXPANSION

    @classmethod
    def from_options(cls, options: dict | None) -> "Limits":
        values = {}
        for name in ("max_record_mb", "max_expansion"):
            if (options or {}).get(name) is not None:
                values[name] = _positive_number(name, options[name])
        return cls(**values)

    @property
    def max_record_bytes(self) -> int:
        return int(self.max_record_mb * 2**20)

    def max_decompressed(self, compressed_size: int) -> int:
        return max(int(self.max_expansion * compressed_size), EXPANSION_FLOOR)


def _positive_number(name: str, raw) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = 0.0
    if value <= 0:
        raise ConfigError(f"{name} must be a positive number, got {raw!r}.", hint=f"Example: --option {name}=64")
    return value


class _BoundedGzip(io.RawIOBase):
    """A gzip stream that refuses to expand beyond the limit, and names a corrupt file instead of raising zlib's error."""

    def __init__(self, path: Path, limits: Limits):
        self.path, self.gz = path, gzip.open(path, "rb")
        self.limit = limits.max_decompressed(path.stat().st_size)
        self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            n = self.gz.readinto(buffer)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise SourceError(f"{self.path.name} is a truncated or corrupt gzip file ({exc or type(exc).__name__}).",
                              hint="Copy or download the file again; `gzip -t FILE` checks it.") from None
        self.produced += n
        if self.produced > self.limit:
            raise SourceError(
                f"{self.path.name} expands to more than {self.limit / 2**20:.0f} MiB "
                f"({self.path.stat().st_size / 2**20:.1f} MiB compressed): refused as a likely gzip bomb.",
                hint="If the file is genuine, raise the limit with --option max_expansion=N "
                     "(times the compressed size; see docs/connectors.md, 'Limits').")
        return n

    def close(self) -> None:
        self.gz.close()
        super().close()


def is_gzip(path: Path) -> bool:
    return _read_head(path, 2) == b"\x1f\x8b"


def open_binary(path: Path, limits: Limits | None = None) -> io.BufferedIOBase:
    """Plain or gzipped (by magic bytes, not by name), a gzip bounded by `limits`."""
    if is_gzip(path):
        return io.BufferedReader(_BoundedGzip(path, limits or Limits()), buffer_size=CHUNK)
    return path.open("rb")


# ---------------------------------------------------------------- encodings


def detect_encoding(path: Path, name: str | None = None) -> str:
    """BOMs first (Excel writes UTF-16 LE with a BOM), then strict UTF-8, then Windows-1251 or KZ-1048.

    A head with NUL bytes that is more than 1% NULs or not UTF-8 is binary or UTF-16 without a
    BOM and refused; a few NULs in valid UTF-8 are stray bytes in a text, and the rows holding them are rejected (:func:`flag_nul_rows`),
    wherever in the file they are.

    Only the first 64 KiB decide: validating a whole file in Python took longer than DuckDB
    needs to load it. The CSV reader validates the rest as it reads (polars rejects invalid
    UTF-8), and a bad byte further down fails the load, atomically, with this same advice.
    """
    name = name or path.name
    head = _read_head(path, SNIFF_BYTES)
    if not head.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise SourceError(f"{name} is empty.", hint="Export the data again; the file has no rows.")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    nuls = head.count(b"\x00")
    if nuls and (nuls > BINARY_NUL_SHARE * len(head) or _first_invalid_utf8_in(head) is not None):
        raise SourceError(
            f"{name} contains NUL bytes: it is binary, or UTF-16 without a byte-order mark.",
            hint="Check it is the right file; in Excel save as 'CSV UTF-8' (or 'Unicode Text', which has a BOM).",
        )
    bad_offset = _first_invalid_utf8_in(head)
    if bad_offset is None:
        return "utf-8"  # the reader checks the rest as it goes (see _not_utf8)
    codepage = cyrillic_codepage(head)
    if codepage:
        return codepage
    raise _not_utf8(Path(name), bad_offset, "and looks like neither Windows-1251 nor KZ-1048")


def _not_utf8(path: Path, offset: int | None, detail: str) -> SourceError:
    where = f"first bad byte at offset {offset}" if offset is not None else "a bad byte"
    return SourceError(
        f"{path.name} is not valid UTF-8 ({where}) {detail}.",
        hint="Re-save it as 'CSV UTF-8' in Excel, convert it with `iconv -f <encoding> -t UTF-8`, "
        "or pass --encoding (for example --encoding cp1251, or kz1048 for old Kazakh files).",
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


KAZAKH_LETTERS = "әғқңөұүһі"
RUSSIAN_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KAZAKH = frozenset(RUSSIAN_LETTERS + KAZAKH_LETTERS)
# Ukrainian is scored too, so that a Ukrainian word (є, ї, ґ share bytes with Kazakh ғ, ү, ө) does
# not count for KZ-1048; but ї and ґ never follow a consonant in Ukrainian, while Kazakh ү and ө
# mostly do ("күшті", "көп" read as Windows-1251 are "кїшті", "кґп"): such a word is not Ukrainian.
UKRAINIAN = frozenset(RUSSIAN_LETTERS + "іїєґ'") - set("ыэъё")
_NOT_UKRAINIAN = re.compile(r"[бвгґджзйклмнпрстфхцчшщ][їґ]")
_OTHER_LETTERS = frozenset("ЁёіїєґІЇЄҐ№«»–—" + KAZAKH_LETTERS + KAZAKH_LETTERS.upper())
_WORD = re.compile(r"[^\W\d_]+")


def cyrillic_codepage(head: bytes) -> str | None:
    """'kz1048', 'cp1251', or None when the bytes look like neither.

    The two code pages differ only in 16 bytes: KZ-1048 puts the Kazakh letters (ә ғ қ ң ө ұ ү һ)
    where Windows-1251 has Serbian and Ukrainian ones, so "әкімдікке" read as Windows-1251 becomes
    "јкімдікке" without any error. Both decodings are scored by how many of their words are
    spelt in one alphabet (Kazakh or Russian, or Ukrainian); KZ-1048 wins only with strictly more,
    so a Russian file (identical in both) stays Windows-1251."""
    decoded = {codepage: head.decode(codepage, errors="replace") for codepage in ("cp1251", "kz1048")}
    best = "kz1048" if _spelt_words(decoded["kz1048"]) > _spelt_words(decoded["cp1251"]) else "cp1251"
    return best if _mostly_letters(decoded[best]) else None


def _spelt_words(text: str) -> int:
    """Words with non-ASCII letters that are spelt in one alphabet (no "јкімдікке")."""
    words = (w for w in _WORD.findall(text.lower()) if not w.isascii())
    return sum(1 for w in words if set(w) <= KAZAKH or (set(w) <= UKRAINIAN and not _NOT_UKRAINIAN.search(w)))


def _mostly_letters(text: str) -> bool:
    """A single-byte code page decodes any byte; accept it only when the high characters are mostly
    Cyrillic letters (binary, or another encoding, decodes to symbols)."""
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return True
    letters = sum(1 for ch in high if "\u0410" <= ch <= "\u044f" or ch in _OTHER_LETTERS)
    return letters / len(high) > 0.85


def check_encoding(encoding: str) -> str:
    """The codec's canonical name; an unknown name is the user's typo, said as such (not a traceback)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ConfigError(f"Unknown encoding {encoding!r}.",
                          hint="Use utf-8, utf-16, cp1251 (Windows Cyrillic) or kz1048 (Windows Kazakh).") from None


def as_utf8(path: Path, encoding: str, name: str | None = None) -> Path:
    """Polars reads UTF-8 only: other encodings are transcoded to a temporary file, streaming."""
    if encoding == "utf-8":
        return path
    fd, tmp = tempfile.mkstemp(prefix="tyndau-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out, path.open("r", encoding=encoding, newline="") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
    except UnicodeDecodeError as exc:  # a named encoding that does not fit: said, and nothing left behind
        Path(tmp).unlink(missing_ok=True)
        raise SourceError(f"{name or path.name} is not {encoding} text (byte {exc.object[exc.start:exc.start + 1].hex()} "
                          f"cannot be read as {encoding}).",
                          hint="Leave --encoding out to have it detected, or name the encoding the file was saved in.") from None
    except BaseException:  # a full temporary disk: no partial copy left behind
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


# ---------------------------------------------------------------- CSV


def sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(DELIMITERS, key=first.count)


def read_csv(path: Path, delimiter: str | None = None, encoding: str | None = None,
             batch_rows: int | None = None, limits: Limits | None = None) -> Iterator[pl.DataFrame]:
    """All columns as strings, in batches; ragged rows fall back to a careful reader that rejects them.

    A gzipped file is decompressed (bounded) to a temporary file first; polars would otherwise
    decompress all of it in memory."""
    path = Path(path)
    batch_rows = batch_rows or BATCH_ROWS
    limits = limits or Limits()
    _require_file(path)
    temporary: list[Path] = []
    try:
        source = path
        if is_gzip(path):
            source = _decompressed(path, limits)
            temporary.append(source)
        encoding = check_encoding(encoding) if encoding else detect_encoding(source, path.name)
        utf8 = as_utf8(source, encoding, path.name)
        if utf8 != source:
            temporary.append(utf8)
        check_line_lengths(utf8, limits, path.name)
        yield from _csv_batches(path, utf8, delimiter, batch_rows)
    finally:
        for tmp in temporary:
            tmp.unlink(missing_ok=True)


def _csv_batches(path: Path, utf8: Path, delimiter: str | None, batch_rows: int) -> Iterator[pl.DataFrame]:
    with utf8.open("r", encoding="utf-8-sig", newline="") as fh:
        sample = fh.read(SNIFF_BYTES)
    delimiter = delimiter or sniff_delimiter(sample)
    done = 0
    try:
        try:
            for batch in _polars_batches(utf8, delimiter, batch_rows):
                done = int(batch[ROW].max())
                yield flag_nul_rows(batch)
        except pl.exceptions.ComputeError as exc:
            if "utf-8" in str(exc).lower():
                raise UnicodeError(str(exc)) from None
            for batch in _python_csv_batches(utf8, delimiter, batch_rows):
                batch = batch.filter(pl.col(ROW) > done)
                if batch.height:
                    yield flag_nul_rows(batch)
    except UnicodeError:  # polars' "invalid utf-8", or the careful reader's UnicodeDecodeError
        raise _not_utf8(path, _first_invalid_utf8(utf8), "although its first 64 KiB are") from None


def _decompressed(path: Path, limits: Limits) -> Path:
    fd, tmp = tempfile.mkstemp(prefix="tyndau-", suffix=".csv")
    try:
        with os.fdopen(fd, "wb") as out, open_binary(path, limits) as src:
            while chunk := src.read(CHUNK):
                out.write(chunk)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def check_line_lengths(path: Path, limits: Limits, name: str) -> None:
    """Refuse a file with a line longer than the limit before a reader holds it in memory.

    Looks, in the mapped file (no copy), only at the first and last newline of each block of the
    limit's size: a line inside one block is shorter than the limit, so only lines crossing blocks
    need measuring, and those are measured exactly. It touches a few pages per block: 200 MiB in
    under 0.01 s, where reading them through copies took 0.4 s."""
    limit = limits.max_record_bytes
    size = path.stat().st_size
    if size <= limit:
        return
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        line_start = 0
        for block in range(0, size, limit):
            end = min(block + limit, size)
            first = data.find(b"\n", block, end)
            if (first if first >= 0 else end) - line_start > limit:
                raise _line_too_long(name, limits, line_start)
            if first >= 0:
                line_start = data.rfind(b"\n", block, end) + 1
        if size - line_start > limit:
            raise _line_too_long(name, limits, line_start)


def _line_too_long(name: str, limits: Limits, offset: int) -> SourceError:
    return SourceError(f"{name} has a line longer than {limits.max_record_mb:g} MiB (from byte {offset}).",
                       hint="A row that long is not an export; if it is genuine, raise the limit with "
                            "--option max_record_mb=N (see docs/connectors.md, 'Limits').")


def flag_nul_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """A NUL byte in a value is a broken export, not text: the row is rejected (via `_error`), never stored."""
    columns = [c for c, t in frame.schema.items() if t == pl.Utf8 and not c.startswith("_")]
    if not columns:
        return frame
    found = pl.coalesce([pl.when(pl.col(c).str.contains("\x00", literal=True))
                         .then(pl.lit(f"column {c!r} contains a NUL byte (\\0), a sign of a broken export"))
                         for c in columns])
    if not frame.select(found.is_not_null().any()).item():
        return frame
    existing = pl.col("_error") if "_error" in frame.columns else pl.lit(None, pl.Utf8)
    return frame.with_columns(pl.coalesce([existing, found]).alias("_error"))


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
    """Reads one sheet; the header is the first row holding the required columns (titles above it are skipped).

    A cell openpyxl reads as empty although it is not (a formula the workbook holds no saved result
    for, a cell inside merged cells) rejects its row with the reason: loading it as null would
    change a value in silence."""
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
    worksheet = book[sheet or book.sheetnames[0]]
    hidden = _HiddenValues.of(path, worksheet._worksheet_path)  # openpyxl's read-only sheets keep no formulas/merges
    rows = worksheet.iter_rows(min_row=1, min_col=1, values_only=True)  # absolute row and column numbers
    yield from _sheet_batches(path, rows, header_row, required, hidden)


class _HiddenValues:
    """Cells read as empty that are not: formulas without a saved result, and merged cells but their first.

    Found by one pass over the sheet's XML (a second openpyxl parse would double the read)."""

    _FORMULA_WITHOUT_VALUE = re.compile(
        r'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
        r'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')
    _MERGED = re.compile(r'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')

    def __init__(self, formulas: dict[int, dict[int, str]], merged: list[tuple[int, int, int, int, str]]):
        self.formulas, self.merged = formulas, merged

    @classmethod
    def of(cls, path: Path, sheet_xml: str) -> "_HiddenValues":
        formulas: dict[int, dict[int, str]] = {}
        merged = []
        with zipfile.ZipFile(path) as archive, archive.open(sheet_xml) as xml:
            tail = ""
            while block := xml.read(CHUNK):
                text = tail + block.decode("utf-8", errors="replace")
                cut = text.rfind("<")  # an element cut at the block's end is searched again with the next block
                text, tail = (text[:cut], text[cut:]) if cut > 0 else (text, "")
                for col, row in cls._FORMULA_WITHOUT_VALUE.findall(text):
                    formulas.setdefault(int(row), {})[_column_number(col)] = f"{col}{row}"
                for c1, r1, c2, r2 in cls._MERGED.findall(text):
                    merged.append((int(r1), _column_number(c1), int(r2), _column_number(c2), f"{c1}{r1}:{c2}{r2}"))
        return cls(formulas, merged)

    def problem(self, row: int, header: list[str], values: tuple) -> str | None:
        """Why this row's cells cannot be trusted, or None; only the header's named columns count."""
        for column, name in enumerate(header, start=1):
            if not name or (column <= len(values) and values[column - 1] is not None):
                continue
            if column in self.formulas.get(row, {}):
                return (f"cell {self.formulas[row][column]} ({name}) is a formula without a saved result "
                        "(open the workbook in Excel and save it again)")
            for r1, c1, r2, c2, ref in self.merged:
                if r1 <= row <= r2 and c1 <= column <= c2 and (row, column) != (r1, c1):
                    return (f"cell {_column_letters(column)}{row} ({name}) is inside merged cells {ref}; "
                            "the value is only in their first cell")
        return None


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _sheet_batches(path: Path, rows, header_row: int | None, required: tuple[str, ...],
                   hidden: _HiddenValues) -> Iterator[pl.DataFrame]:
    header, header_at = _find_header(path, rows, header_row, required)
    buffer: list[dict] = []
    for number, values in enumerate(rows, start=1):  # data rows below the header, like CSV row numbers
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        row = {**{h: _cell(v) for h, v in zip(header, values) if h}, ROW: number,
               "_error": hidden.problem(header_at + number, header, values)}
        buffer.append(row)
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
    schema["_error"] = pl.Utf8
    return pl.DataFrame(rows, schema=schema)


# ---------------------------------------------------------------- JSON


def open_text(path: Path, limits: Limits | None = None) -> io.TextIOBase:
    """Plain or gzipped (by magic bytes, not by name), UTF-8."""
    return io.TextIOWrapper(open_binary(path, limits), encoding="utf-8-sig")


def iter_json_records(path: Path, records_path: str | None = None,
                      limits: Limits | None = None) -> Iterator[tuple[int, dict | None, str | None]]:
    """(record number, record or None, error or None); JSON Lines, a top-level array or one JSON document.

    Streamed: JSON Lines line by line, an array element by element, each bounded by the limits;
    only a document read with `records_path` is read whole (and must fit the record limit)."""
    path = Path(path)
    limits = limits or Limits()
    _require_file(path)
    try:
        with open_text(path, limits) as fh:
            chunks = iter(lambda: fh.read(CHUNK), "")
            head = next(chunks, "")
            first = head.lstrip()[:1]
            if not first:
                raise SourceError(f"{path.name} is empty.", hint="Export the data again; the file has no records.")
            chunks = itertools.chain([head], chunks)
            if first == "[":
                yield from _JsonArray(path, chunks, limits).records()
            elif first == "{" and records_path:
                yield from _json_document(path, chunks, records_path, limits)
            else:
                yield from _json_lines(chunks, limits)
    except UnicodeDecodeError:
        raise SourceError(f"{path.name} is not UTF-8 JSON.", hint="Re-export it as UTF-8.") from None


class _DuplicateKeys:
    """An object_pairs_hook that notes keys given twice in one object (json would silently keep the last)."""

    def __init__(self):
        self.found: list[str] = []

    def __call__(self, pairs: list[tuple[str, object]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            self.found.extend(k for k, _ in pairs if k in seen or seen.add(k))
        return obj

    def reason(self) -> str | None:
        found, self.found = self.found, []
        return f"key {found[0]!r} is given twice in one object" if found else None


_DEEP = "nested too deeply to read (Python's JSON reader stops at about 1,000 levels)"


def _parse_record(text: str, duplicates: _DuplicateKeys) -> tuple[object, str | None]:
    try:
        value = json.loads(text, object_pairs_hook=duplicates)
    except json.JSONDecodeError as exc:
        duplicates.reason()
        return None, f"invalid JSON: {exc.msg}"
    except RecursionError:
        duplicates.reason()
        return None, _DEEP
    return value, duplicates.reason()


def _record(number: int, value, error: str | None, what: str) -> tuple[int, dict | None, str | None]:
    if error:
        return number, None, error
    return (number, value, None) if isinstance(value, dict) else (number, None, f"{what} is not a JSON object")


def _json_lines(chunks: Iterator[str], limits: Limits):
    duplicates = _DuplicateKeys()
    for number, line in enumerate(_bounded_lines(chunks, limits.max_record_bytes), start=1):
        if line is None:
            yield number, None, f"line longer than {limits.max_record_mb:g} MiB (max_record_mb): not read"
        elif line.strip():
            yield _record(number, *_parse_record(line, duplicates), "line")


def _bounded_lines(chunks: Iterator[str], limit: int) -> Iterator[str | None]:
    """Lines without newlines; a line longer than `limit` comes as None, its text never held whole."""
    rest, skipping = "", False
    for chunk in chunks:
        *lines, rest = (rest + chunk).split("\n")
        for line in lines:
            yield None if skipping or len(line) > limit else line
            skipping = False
        if len(rest) > limit:
            rest, skipping = "", True
    if skipping:
        yield None
    elif rest:
        yield rest


def _json_document(path: Path, chunks: Iterator[str], records_path: str, limits: Limits):
    text = _read_at_most(chunks, limits.max_record_bytes)
    if text is None:
        raise SourceError(f"{path.name} is larger than {limits.max_record_mb:g} MiB, and a JSON document with "
                          f"records_path is read whole.",
                          hint="Export JSON Lines or a top-level array (both are streamed), or raise "
                               "--option max_record_mb=N (see docs/connectors.md, 'Limits').")
    duplicates = _DuplicateKeys()
    doc, error = _parse_record(text, duplicates)
    if error:
        raise SourceError(f"{path.name}: {error}.",
                          hint="Check the export is complete; JSON Lines files need one object per line.")
    for part in records_path.split("."):
        if not isinstance(doc, dict) or part not in doc:  # not this kind of document: said, not read as empty
            raise SourceError(f"{path.name} has no {records_path!r} (records_path) holding its records.",
                              hint="Set records_path to where the list of records is, e.g. --option records_path=data.items.")
        doc = doc[part]
    if not isinstance(doc, list):
        raise SourceError(f"{path.name}: expected a list of records at {records_path}.",
                          hint="Set records_path in the mapping to where the list of records is.")
    for number, rec in enumerate(doc, start=1):
        yield _record(number, rec, None, "record")


def _read_at_most(chunks: Iterator[str], limit: int) -> str | None:
    parts, size = [], 0
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            return None
    return "".join(parts)


class _JsonArray:
    """The elements of a top-level JSON array, one at a time: a 2 GiB array never sits in memory."""

    _SPACE = re.compile(r"[ \t\r\n]*")

    def __init__(self, path: Path, chunks: Iterator[str], limits: Limits):
        self.path, self.chunks, self.limits = path, chunks, limits
        self.buffer, self.pos, self.eof = "", 0, False
        self.duplicates = _DuplicateKeys()
        self.decoder = json.JSONDecoder(object_pairs_hook=self.duplicates)

    def records(self):
        self._expect("[")
        if self._peek() == "]":
            return
        for number in itertools.count(1):
            value, error = self._value(number)
            yield _record(number, value, error, "record")
            if self._expect(",]") == "]":
                return

    def _value(self, number: int) -> tuple[object, str | None]:
        self._peek()
        while True:
            self.duplicates.reason()
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
                if end < len(self.buffer) or self.eof:
                    self.pos = end
                    return value, self.duplicates.reason()
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise self._error(f"record {number} is not valid JSON: {exc.msg}") from None
            except RecursionError:
                raise self._error(f"record {number} is {_DEEP}") from None
            if len(self.buffer) - self.pos > self.limits.max_record_bytes:
                raise self._error(f"record {number} is larger than {self.limits.max_record_mb:g} MiB "
                                  "(or broken JSON that never closes)",
                                  hint="If it is genuine, raise --option max_record_mb=N (docs/connectors.md, 'Limits').")
            self._read(max(CHUNK, len(self.buffer) - self.pos))  # doubling: a large record is parsed O(log n) times

    def _peek(self) -> str:
        while True:
            self.pos = self._SPACE.match(self.buffer, self.pos).end()
            if self.pos < len(self.buffer) or self.eof:
                return self.buffer[self.pos:self.pos + 1]
            self._read(CHUNK)

    def _expect(self, allowed: str) -> str:
        found = self._peek()
        if not found or found not in allowed:
            what = "the end of the file" if not found else repr(found)
            raise self._error(f"expected {' or '.join(map(repr, allowed))} in the array, found {what}")
        self.pos += 1
        return found

    def _read(self, at_least: int) -> None:
        self.buffer, self.pos = self.buffer[self.pos:], 0
        parts, size = [self.buffer], 0
        while size < at_least:
            chunk = next(self.chunks, "")
            if not chunk:
                self.eof = True
                break
            parts.append(chunk)
            size += len(chunk)
        self.buffer = "".join(parts)

    def _error(self, message: str, hint: str | None = None) -> SourceError:
        return SourceError(f"{self.path.name} is not valid JSON: {message}.",
                           hint=hint or "Check the export is complete; JSON Lines files need one object per line.")


def read_json(path: Path, records_path: str | None = None, batch_rows: int | None = None,
              limits: Limits | None = None) -> Iterator[pl.DataFrame]:
    """Flat JSON records as string columns (nested values kept as JSON text); bad lines become `_error` rows.

    Batches are smaller than CSV's: a record waits as a Python dict (about 5 KiB for an appeal),
    and 200,000 of them took 1 GB before the first was written."""
    batch_rows = batch_rows or JSON_BATCH_ROWS
    buffer: list[dict] = []
    for number, rec, error in iter_json_records(path, records_path, limits):
        row = {k: _json_scalar(v) for k, v in (rec or {}).items()}
        row[ROW] = number
        row["_error"] = error
        buffer.append(row)
        if len(buffer) >= batch_rows:
            yield flag_nul_rows(_json_frame(buffer))
            buffer = []
    if buffer:
        yield flag_nul_rows(_json_frame(buffer))


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


def is_json_lines(path: Path) -> bool:
    """JSON Lines by name: one object per line, never one document with records inside."""
    return path.name.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson"))


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
