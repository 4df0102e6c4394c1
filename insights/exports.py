"""Every CSV and Excel file Tyndau writes goes through here, so no value from the data runs as a formula.

Why: agency names, course titles, appeal numbers and texts come from outside. A spreadsheet opens a
cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a
formula, and ``=HYPERLINK(...)`` or ``+cmd|' /C calc'!A0`` then runs on the planner's machine
(CSV or formula injection). Following OWASP's guidance, a *text* cell that begins with one of those
characters gets a single quote in front, which spreadsheets read as "this is text". Real numbers
stay numbers (a negative number is not text), and so does text that is just a number ("-12.5"),
which no spreadsheet can run. In Excel files strings are written as strings only (never formulas or
links), with xlsxwriter's own string-to-formula and string-to-link conversions switched off.

The quote is the one visible change to the data, and it is the documented one; nothing else is
altered or dropped.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
PLAIN_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER)
_FORMULA_START = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                    "remove_timezone": True}
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def safe_cell(value):
    """The value as a spreadsheet must store it: text that would run as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(value):
        return ESCAPE + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(v) for v in values]


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The same frame with every text column neutralised (numbers, dates and booleans untouched)."""
    texts = [name for name, dtype in frame.schema.items() if dtype in (pl.Utf8, pl.Categorical, pl.Enum)]
    return frame.with_columns(_safe_text(name) for name in texts) if texts else frame


def _safe_text(name: str) -> pl.Expr:
    column = pl.col(name).cast(pl.Utf8)
    risky = column.str.contains(_FORMULA_START) & ~column.str.contains(PLAIN_NUMBER)
    return pl.when(risky).then(pl.lit(ESCAPE) + column).otherwise(column).alias(name)


def csv_bytes(frame: pl.DataFrame, headers: Mapping[str, str] | None = None) -> bytes:
    """The frame as UTF-8 CSV, safe to open in a spreadsheet; ``headers`` names columns for people."""
    return safe_frame(named(frame, headers)).write_csv().encode("utf-8")


def named(frame: pl.DataFrame, headers: Mapping[str, str] | None) -> pl.DataFrame:
    """Columns renamed for people (the caller's catalogue, in its language); a column the mapping
    does not name keeps its code name, so nothing is dropped."""
    if not headers:
        return frame
    return frame.rename({c: headers[c] for c in frame.columns if headers.get(c)})


def write_csv_rows(handle, rows: Iterable[Iterable]) -> None:
    """Rows (the first one the header) to an open text file, through the csv module, neutralised."""
    writer = csv.writer(handle)
    for row in rows:
        writer.writerow(safe_row(row))


def xlsx_bytes(sheets: Mapping[str, pl.DataFrame]) -> bytes:
    """A workbook with one sheet per frame (header row, then the rows), strings never formulas."""
    buffer = io.BytesIO()
    write_workbook(buffer, {name: [frame.columns, *frame.iter_rows()] for name, frame in sheets.items()})
    return buffer.getvalue()


def write_workbook(target, sheets: Mapping[str, Iterable[Iterable]]) -> None:
    """Rows per sheet name to a path or a binary buffer, each cell written by its type."""
    import xlsxwriter

    in_memory = not isinstance(target, str)
    workbook = xlsxwriter.Workbook(target, {**WORKBOOK_OPTIONS, "in_memory": in_memory})
    formats = {"date": workbook.add_format({"num_format": DATE_FORMAT}),
               "datetime": workbook.add_format({"num_format": DATETIME_FORMAT})}
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                _write_cell(sheet, r, c, value, formats)
        sheet.autofit()
    workbook.close()


def _write_cell(sheet, row: int, col: int, value, formats: dict) -> None:
    """One cell by the value's type; anything that is not a number, date or boolean is a string."""
    if value is None:
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int) or (isinstance(value, (float, Decimal)) and math.isfinite(value)):
        sheet.write_number(row, col, float(value) if isinstance(value, Decimal) else value)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, col, value, formats["datetime"])
    elif isinstance(value, date):
        sheet.write_datetime(row, col, datetime.combine(value, time()), formats["date"])
    else:  # NaN and infinities too: as "nan", "inf", "'-inf" (Excel has no such numbers, and an error is a formula)
        text = value if isinstance(value, str) else _as_text(value)
        sheet.write_string(row, col, safe_cell(text))


def _as_text(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join("" if v is None else str(v) for v in value)
    return str(value)
