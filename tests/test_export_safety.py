"""Formula injection: every file Tyndau exports, read back the way a spreadsheet would, runs nothing.

The planning data here is made of agencies whose names are the classic payloads (OWASP CSV
injection). Each export path is exercised end to end (the CLI's plan as CSV and Excel, the gaps
CSV, the questionnaire) and the produced file is read back with the csv module or openpyxl: no
cell is a formula, no text cell starts with a formula character unless it carries the escaping
quote, payloads come back exactly as quote + payload, and numbers (negative ones too) stay numbers.
The dashboard's download buttons are checked on a hostile warehouse in tests/test_hostile_data.py.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import polars as pl
import pytest
from openpyxl.utils.escape import unescape
from test_training_analytics import cube_db, months_of
from typer.testing import CliRunner

from insights import exports
from insights.training.questionnaire import write_questionnaire
from tyndau.cli import app as cli

PAYLOADS = ('=HYPERLINK("https://evil.example/x","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
            "\t=1+1", "\r=1+1")
FORMULA_CHARS = tuple(exports.FORMULA_STARTS)
NUMBER = re.compile(exports.PLAIN_NUMBER)


def assert_no_live_formula(text: str) -> None:
    """A cell a spreadsheet would open as a formula: starts with a formula character and is no number."""
    assert not (text.startswith(FORMULA_CHARS) and not NUMBER.match(text)), f"live formula cell: {text!r}"


# ---------------------------------------------------------------- the rule itself


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_starting_with_a_formula_character_gets_the_quote(payload):
    assert exports.safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["-12.5", "+77011234567", "3", "1e-3", "Akimat of Abai Region", "", "a=b", "'=1"])
def test_plain_numbers_and_ordinary_text_are_unchanged(value):
    assert exports.safe_cell(value) == value


@pytest.mark.parametrize("value", [-5, -0.25, 0, None, True])
def test_values_that_are_not_text_are_unchanged(value):
    assert exports.safe_cell(value) is value


def test_a_frame_keeps_its_numbers_and_escapes_only_its_text():
    frame = pl.DataFrame({"agency": list(PAYLOADS) + ["-7"], "gap": [-0.5, 0.1, -2.0, 3.0, 0.0, 1.0, -7.0]})
    safe = exports.safe_frame(frame)
    assert safe.schema == frame.schema
    assert safe["gap"].to_list() == frame["gap"].to_list()
    assert safe["agency"].to_list() == ["'" + p for p in PAYLOADS] + ["-7"]
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[1] == ["'" + PAYLOADS[0], "-0.5"], "a negative number stays a bare number in the CSV"


def test_the_excel_writer_writes_strings_never_formulas_or_links(tmp_path):
    frame = pl.DataFrame({"agency": list(PAYLOADS) + ["https://evil.example"],
                          "value": [-1.0, 2.0, 3.0, float("nan"), float("inf"), float("-inf"), -7.0]})
    path = tmp_path / "out.xlsx"
    path.write_bytes(exports.xlsx_bytes({"data": frame}))
    sheet = openpyxl.load_workbook(path)["data"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert not sheet._hyperlinks, "a URL in the data is text, not a link"
    texts = [unescape(c.value) for c in sheet["A"]][1:]  # the file stores a carriage return as _x000D_
    assert texts == ["'" + p for p in PAYLOADS] + ["https://evil.example"]
    assert [c.value for c in sheet["B"]][1:] == [-1, 2, 3, "nan", "inf", "'-inf", -7], "numbers stay numbers"


def test_the_excel_writer_keeps_dates_decimals_and_blanks_typed(tmp_path):
    from datetime import date, datetime
    from decimal import Decimal

    path = tmp_path / "typed.xlsx"
    exports.write_workbook(str(path), {"s": [["when", "at", "amount", "none", "list"],
                                             [date(2025, 1, 31), datetime(2025, 1, 31, 9, 30), Decimal("-2.50"),
                                              None, ["=a", "b"]]]})
    values = [c.value for c in openpyxl.load_workbook(path)["s"][2]]
    assert values == [datetime(2025, 1, 31), datetime(2025, 1, 31, 9, 30), -2.5, None, "'=a; b"]


# ---------------------------------------------------------------- the CLI exports


@pytest.fixture
def hostile_db(tmp_path):
    """A planning warehouse (file) whose agencies are named with injection payloads, plus ordinary ones."""
    rows = []
    for i in range(12):
        rows += months_of(f"A{i:02d}", "responsiveness", 40, 2) + months_of(f"A{i:02d}", "communication", 40, 1)
    for payload in PAYLOADS:
        rows += months_of(payload, "responsiveness", 40, 12) + months_of(payload, "communication", 40, 8)
    con = cube_db(rows)
    path = tmp_path / "hostile.duckdb"
    con.execute(f"attach '{path}' as target")
    con.execute("copy from database memory to target")
    con.execute("detach target")
    con.close()
    return path


def csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_cli_plan_csv_has_no_live_formula(hostile_db):
    result = CliRunner().invoke(cli, ["plan", "--budget", "10000000", "--format", "csv", "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    rows = csv_cells(result.stdout)
    header, body = rows[0], rows[1:]
    assert {r[header.index("agency_key")] for r in body} >= {"'" + p for p in PAYLOADS}
    for cell in (c for r in body for c in r):
        assert_no_live_formula(cell)
    assert all(float(r[header.index("cost")]) > 0 for r in body), "numbers stay numbers"


def test_cli_gaps_csv_keeps_negative_numbers_as_numbers(hostile_db, tmp_path):
    out = tmp_path / "gaps.csv"
    result = CliRunner().invoke(cli, ["gaps", "--format", "csv", "--out", str(out), "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    rows = csv_cells(out.read_bytes().decode("utf-8"))  # no newline translation: a bare CR is data
    header, body = rows[0], rows[1:]
    for cell in (c for r in body for c in r):
        assert_no_live_formula(cell)
    lows = [r[header.index("gap_low")] for r in body]
    assert any(v.startswith("-") for v in lows) and all(NUMBER.match(v) for v in lows)
    assert {r[header.index("agency")] for r in body} >= {"'" + p for p in PAYLOADS}


def test_cli_plan_xlsx_has_no_formula_cell(hostile_db, tmp_path):
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(cli, ["plan", "--budget", "10000000", "--format", "xlsx", "--out", str(out),
                                      "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert_workbook_runs_nothing(book)
    plan = book["plan"]
    header = [c.value for c in plan[1]]
    agencies = {unescape(row[header.index("agency")]) for row in plan.iter_rows(min_row=2, values_only=True)}
    assert agencies >= {"'" + p for p in PAYLOADS}
    costs = [row[header.index("cost")] for row in plan.iter_rows(min_row=2, values_only=True)]
    assert costs and all(isinstance(c, (int, float)) and c > 0 for c in costs)


def assert_workbook_runs_nothing(book) -> None:
    for sheet in book.worksheets:
        assert not sheet._hyperlinks, sheet.title
        for cell in (c for row in sheet.iter_rows() for c in row):
            assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert_no_live_formula(unescape(cell.value))


@pytest.mark.parametrize("fmt, name", [("xlsform", "form.xlsx"), ("csv", "form.csv")])
def test_the_questionnaire_goes_through_the_same_writers(fmt, name, tmp_path):
    path = write_questionnaire(tmp_path / name, fmt)
    if fmt == "csv":
        cells = [c for r in csv_cells(path.read_bytes().decode("utf-8")) for c in r]
        assert len(cells) > 10
        for cell in cells:
            assert_no_live_formula(cell)
    else:
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == ["survey", "choices", "settings"]
        assert_workbook_runs_nothing(book)
