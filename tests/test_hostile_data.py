"""The dashboard on a warehouse whose agency names, region names and appeal numbers are attacks.

The attacker controls what an agency, a region or an appeal number is called (they come from the
data), and hopes the dashboard renders it as Markdown: a live link, an image the analyst's browser
fetches from outside, raw HTML, styling, or a spreadsheet formula in a download. The warehouse is
the usual small deterministic sample (tests/dashboard_support.py) with those values replaced by
payloads before ingestion. Pages are opened through Streamlit's AppTest as the roles that see
them; every Markdown source the pages send (headings, captions, alerts, widget labels, help
texts, metric labels) is parsed with a CommonMark parser and checked the way the browser's
renderer would treat it, and every download the pages offer is read back with csv/openpyxl.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from dashboard_support import build_warehouse, environment, environment_applied, listed_ids, open_text
from markdown_it import MarkdownIt
from openpyxl.utils.escape import unescape
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard import registry
from dashboard.safe_markdown import ZERO_WIDTH_SPACE, md_escape
from insights import exports

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
PAGE_SCRIPTS = {spec.key: spec.script for spec in registry.PAGES}
HOST = "evil.example"
MARKDOWN_PAYLOADS = (
    f"[click](https://{HOST}/a)",
    f"![x](https://{HOST}/p.png)",
    f'<img src="https://{HOST}/i.png">',
    f'<a href="https://{HOST}/a">agency</a>',
    f"**bold** :red[red] $x^2$ www.{HOST}",
    f"mail@{HOST} :material/home: <https://{HOST}/auto> :smile:",
)
FORMULA_PAYLOADS = (f'=HYPERLINK("https://{HOST}/x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)")
PAYLOADS = MARKDOWN_PAYLOADS + FORMULA_PAYLOADS
HOSTILE_APPEALS = 12
MARKER = "кракозябра"  # one word only the hostile appeals carry, to find them by search

# What the browser's renderer (react-markdown with GFM, Streamlit's directives, emoji and maths)
# would turn into something other than text.
LIVE_TOKENS = {"link_open", "image", "html_inline", "html_block"}
GFM_AUTOLINKS = (re.compile(r"https?://", re.IGNORECASE), re.compile(r"www(?=\.)", re.IGNORECASE),
                 re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII))
STREAMLIT_SYNTAX = (re.compile(r"(?<!\\):[a-zA-Z][\w-]*\["),  # :red[...] and other text directives
                    re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:"),  # what loads emoji shortcodes
                    re.compile(r"(?<!\\):material/"),  # icons
                    re.compile(r"(?<!\\)\$"))  # maths
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z]")
OUTSIDE_REFERENCE = re.compile(r"(?:src|href|srcset|action)\s*=\s*[\"']?[^\"'>]*" + re.escape(HOST), re.IGNORECASE)
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered(source: str) -> tuple[set[str], str]:
    """The token types a CommonMark parser makes of `source`, and the text it would show."""
    kinds, texts = set(), []
    for block in MARKDOWN.parse(source):
        kinds.add(block.type)
        for token in block.children or []:
            kinds.add(token.type)
            if token.type in ("text", "code_inline"):
                texts.append(token.content)
    return kinds, "".join(texts)


def live_markup(source: str) -> list[str]:
    """Why `source` would not be shown as plain text (empty when it would)."""
    kinds, text = rendered(source)
    problems = sorted(kinds & LIVE_TOKENS)
    problems += [f"autolink {p.pattern}" for p in GFM_AUTOLINKS if p.search(text)]
    problems += [f"streamlit {p.pattern}" for p in STREAMLIT_SYNTAX if p.search(source)]
    return problems


# ---------------------------------------------------------------- the escaper


@pytest.mark.parametrize("payload", PAYLOADS + ("a\n\n# heading", "`code` | table |", "<script>x</script>",
                                                "[ref]: https://evil.example", "\\[already escaped\\]"))
def test_escaped_values_are_plain_text_and_read_back_unchanged(payload):
    escaped = md_escape(payload)
    assert live_markup(escaped) == [], escaped
    kinds, text = rendered(escaped)
    assert kinds <= {"paragraph_open", "inline", "paragraph_close", "text"}
    assert text.replace(ZERO_WIDTH_SPACE, "") == re.sub(r"\n+", " ", payload), "shown exactly as it is"


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_the_check_itself_catches_every_unescaped_payload(payload):
    assert live_markup(payload), "the checker must see the raw payload as live markup, or it proves nothing"


def test_none_and_numbers_become_text():
    assert md_escape(None) == ""
    assert md_escape(-1.5) == "\\-1\\.5"


# ---------------------------------------------------------------- a warehouse full of payloads


def plant_payloads(folder: Path) -> None:
    """Agency names (all three languages), region names and some appeal numbers become payloads."""
    agencies = read_rows(folder / "agencies.csv")
    for i, row in enumerate(agencies):
        for column in ("agency_name_kk", "agency_name_ru", "agency_name_en"):
            row[column] = f"{PAYLOADS[i % len(PAYLOADS)]} {i}"
    write_rows(folder / "agencies.csv", agencies)
    names = {row["agency_code"]: row["agency_name_ru"] for row in agencies}
    appeals = read_rows(folder / "appeals.csv")
    renamed = {}
    for i, row in enumerate(appeals):
        row["agency_name"] = names.get(row["agency_code"], row["agency_name"])
        row["region_name"] = f"{PAYLOADS[(i + 3) % len(PAYLOADS)]} {i % 7}"
    latest = appeals[-HOSTILE_APPEALS - 2:-2]  # within the default period; the last two are dashboard_support's
    for i, row in enumerate(latest):
        renamed[row["appeal_no"]] = row["appeal_no"] = f"{PAYLOADS[i % len(PAYLOADS)]} №{i}"
        row["text"] = f"{row['text']} {MARKER}"
    write_rows(folder / "appeals.csv", appeals)
    for name in ("appeal_labels.csv", "appeal_events.csv"):
        rows = read_rows(folder / name)
        for row in rows:
            row["appeal_no"] = renamed.get(row["appeal_no"], row["appeal_no"])
        write_rows(folder / name, rows)


def read_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    settings = build_warehouse(tmp_path_factory.mktemp("hostile"), edit_files=plant_payloads)
    with environment_applied(environment(settings)):
        yield settings


@pytest.fixture
def downloads(monkeypatch):
    """Every file a page offers for download, as (file name, bytes): made the way a click makes them."""
    offered: list[tuple[str, object]] = []
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):
        offered.append((file_name or "", path_or_data))
        return add(self, path_or_data, mimetype, coordinates, file_name, **kwargs)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        offered.append((file_name or "", data_callable))
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)

    def files() -> list[tuple[str, bytes]]:
        made = [(name, data() if callable(data) else data) for name, data in offered]
        return [(name, data.encode("utf-8") if isinstance(data, str) else data)
                for name, data in made if name.endswith((".csv", ".xlsx"))]

    return files


@pytest.fixture
def page(hostile):
    import streamlit as st

    def open_page(key: str, role: str) -> AppTest:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=180)
        at.session_state["lang"] = "en"
        at.session_state["user"] = {"name": f"{PAYLOADS[0]} user", "role": role}
        at.run()
        at.switch_page(PAGE_SCRIPTS[key])
        at.run()
        assert not at.exception, at.exception
        return at

    return open_page


MARKDOWN_FIELDS = {"body", "label", "help", "caption"}


def markdown_sources(at: AppTest) -> list[str]:
    """Every string the page sends to be rendered as Markdown, from the element protos."""
    found: list[str] = []

    def from_proto(message) -> None:
        if message.DESCRIPTOR.name == "Html":  # st.html is HTML on purpose (escaped): see html_sources
            return
        for field, value in message.ListFields():
            if field.name in MARKDOWN_FIELDS and isinstance(value, str):
                found.append(value)
            elif field.message_type is not None and field.name not in ("arrow_data", "data", "figure", "spec"):
                for item in ([value] if hasattr(value, "ListFields") else value):  # one message or a list
                    if hasattr(item, "ListFields"):
                        from_proto(item)

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            from_proto(proto)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def assert_shown_as_text(at: AppTest, expected_payloads: int) -> int:
    """No live markup anywhere on the page; returns how many Markdown sources show the outside host as text."""
    sources = markdown_sources(at)
    live = {s: live_markup(s) for s in sources if live_markup(s)}
    assert not live, live
    for body in (h.proto.body for h in at.get("html")):
        assert not OUTSIDE_REFERENCE.search(body), body
    for text in chart_texts(at):
        assert not HTML_TAG.search(text), f"a chart would render this as HTML: {text!r}"
    shown = [s for s in sources if HOST in rendered(s)[1].replace(ZERO_WIDTH_SPACE, "")]
    assert len(shown) >= expected_payloads, f"the payloads were not on the page at all: {sources}"
    return len(shown)


def chart_texts(at: AppTest) -> list[str]:
    """Every string in the data of the page's plotly charts (plotly renders HTML tags in them)."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):  # templates are the code's own markup, not data
            for key, item in value.items():
                if not key.endswith("template"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec).get("data", []))
    return found


def assert_downloads_run_nothing(files: list[tuple[str, bytes]]) -> None:
    assert files, "the page offered no download"
    escaped = 0
    for name, data in files:
        if name.endswith(".csv"):
            cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")) for c in row]
        else:
            book = openpyxl.load_workbook(io.BytesIO(data))
            formulas = [(c.coordinate, c.value) for s in book.worksheets for row in s.iter_rows() for c in row
                        if c.data_type == "f"]
            assert not formulas, (name, formulas[:5])
            cells = [unescape(c.value) for s in book.worksheets for row in s.iter_rows() for c in row
                     if isinstance(c.value, str)]
        for cell in cells:
            assert exports.safe_cell(cell) == cell, f"{name}: live formula {cell!r}"
        escaped += sum(cell.startswith("'" + FORMULA_PAYLOADS[0]) for cell in cells)
    assert escaped, "no formula payload reached the downloads, so they prove nothing"


# ---------------------------------------------------------------- the pages


def test_the_reader_shows_hostile_appeal_numbers_agencies_and_regions_as_text(page, downloads):
    at = page("search", "analyst")
    at.text_input(key="search.words").input(MARKER).run()
    options = listed_ids(at, "search")
    assert len(options) == HOSTILE_APPEALS
    for appeal in options[:len(MARKDOWN_PAYLOADS)]:
        open_text(at, "search", appeal)
        assert not at.exception, at.exception
        # The appeal number or the agency carries a payload (the region is named from the reference regions,
        # in the interface language, not from the file's region name; it is escaped all the same).
        assert_shown_as_text(at, expected_payloads=1)
    assert_downloads_run_nothing(downloads())


def test_the_priorities_heading_and_plan_show_hostile_agency_names_as_text(page, downloads):
    at = page("training_priorities", "analyst")
    shown = 0
    for agency in at.selectbox(key="training.agency").options[:len(PAYLOADS)]:
        at.selectbox(key="training.agency").select(agency).run()
        assert not at.exception, at.exception
        shown += assert_shown_as_text(at, expected_payloads=0)
    assert shown, "no hostile agency name reached the headings, so they prove nothing"
    plan = page("training_plan", "training_planner")
    assert_shown_as_text(plan, expected_payloads=0)
    assert_downloads_run_nothing(downloads())


def test_the_themes_drill_down_and_other_pages_show_data_as_text(page, downloads):
    at = page("themes", "analyst")
    at.radio(key="themes.heatmap_by").set_value("agency").run()
    assert any(f"&lt;a href=\"https://{HOST}/a\"&gt;" in text for text in chart_texts(at)), \
        "the heatmap's rows are the hostile agency names, shown as text"
    at.toggle(key="themes.show_texts").set_value(True).run()
    assert not at.exception, at.exception
    assert_shown_as_text(at, expected_payloads=0)
    for key in ("overview", "responsiveness", "data_quality"):
        assert_shown_as_text(page(key, "admin"), expected_payloads=0)
    assert_downloads_run_nothing(downloads())
