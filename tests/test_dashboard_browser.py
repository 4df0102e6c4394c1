"""The dashboard in a real browser: `tyndau dashboard` on a free port, driven by Debian's Chromium.

Runs on the shipped sample data (sample_data/default). Logs in, opens every page (screenshots of
each go to the folder $TYNDAU_ARTIFACTS names, default artifacts/screenshots; with
TYNDAU_UPDATE_SCREENSHOTS=1 also to docs/screenshots for the README, so a plain test run leaves the
tracked files as they were), changes a filter and sees the
number change, downloads a table, and fails on any error the browser console reports.
Never skipped: without /usr/bin/chromium it fails and says how to install it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard import i18n, registry
from dashboard_support import HOSTILE_ID, PASSWORDS, SHIPPED_SAMPLE, build_warehouse, environment

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1440, "height": 1000}
STARTUP_SECONDS = 90
MAX_SCREENSHOT_HEIGHT = 7000
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("TYNDAU_ARTIFACTS") or REPO / "artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tyndau_command() -> list[str]:
    script = Path(sys.executable).with_name("tyndau")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tyndau.cli"]


SERVER_LOG: list[Path] = []


def wait_for_health(url: str, process: subprocess.Popen, log: Path | None = None) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text() if log else process.stdout.read()
            raise AssertionError(f"the dashboard server exited with {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the dashboard did not answer {url}/_stcore/health within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: run `bash scripts/setup.sh` (as root it installs Debian's chromium) "
        "or `sudo apt-get install chromium`; the browser test never downloads a browser.")
    assert (SHIPPED_SAMPLE / "appeals.csv").exists(), f"the shipped sample data is missing from {SHIPPED_SAMPLE}"
    settings = build_warehouse(tmp_path_factory.mktemp("browser"), source=SHIPPED_SAMPLE)
    port = free_port()
    env = {**os.environ, **environment(settings), "PYTHONUNBUFFERED": "1"}
    log = tmp_path_factory.mktemp("server-log") / "dashboard.log"
    SERVER_LOG.append(log)
    process = subprocess.Popen([*tyndau_command(), "dashboard", "--port", str(port), "--host", "127.0.0.1"],
                               cwd=REPO, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process, log)
        yield url, settings
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def settle(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script (no 'running' indicator, no skeletons)."""
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
              && !document.querySelector('[data-testid="stSkeleton"]')""", timeout=timeout)
    page.wait_for_timeout(400)


def download(page, button, timeout: float = 45_000):
    """Click a download button and return the download. A click that lands while a rerun replaces the
    button is lost (seen once on a machine running three browser suites at once): after the page has
    settled the button is clicked once more, and a second miss fails the test."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        with page.expect_download(timeout=timeout) as started:
            button.click()
    except PlaywrightTimeout:
        settle(page)
        with page.expect_download(timeout=timeout) as started:
            button.click()
    return started.value


def log_in(page, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORDS[name])
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
    settle(page)


def open_page(page, spec: registry.PageSpec) -> None:
    title = i18n.text(spec.title, "en")
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    settle(page)


# Streamlit's frontend, opened at a page's URL (/themes), first asks /themes/_stcore/health and
# host-config in case the app is served under that base path, gets 404, then uses the root. That is
# the frontend's own probing, not an error of the app; every other failed request is (the response
# handler records each with its URL, so the console's URL-less "Failed to load resource" adds nothing).
STREAMLIT_BASE_PROBE = re.compile(r"^https?://[^/]+/[^/_][^/]*/_stcore/(health|host-config)$")


def watched_page(browser):
    """A new page that records console errors and uncaught page errors, which every test asserts are none."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 and not STREAMLIT_BASE_PROBE.search(r.url) else None)
    return context, page, problems


def choose_option(page, widget_label: str, option_name: str, attempts: int = 3) -> None:
    """Pick an option of a sidebar multiselect like a person would: type, click the option.

    The dropdown is a popover that Streamlit may re-render while it opens; a click that lands
    during that re-render is intercepted, so the choice is retried on a freshly opened list."""
    widget = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=widget_label)
    for attempt in range(attempts):
        widget.scroll_into_view_if_needed()
        widget.locator("input").fill(option_name)
        try:
            page.get_by_role("option", name=option_name, exact=True).click(timeout=10_000)
            page.keyboard.press("Escape")
            return
        except Exception as exc:  # playwright's TimeoutError; imported lazily like the rest of playwright
            if type(exc).__name__ != "TimeoutError":
                raise
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
            settle(page)


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main container, so grow the window to fit it first."""
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main')].map(e => e.scrollHeight), 600)""")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 40, MAX_SCREENSHOT_HEIGHT)})
    page.wait_for_timeout(600)
    folders = [artifacts_dir()] + ([DOCS_SCREENSHOTS] if os.environ.get("TYNDAU_UPDATE_SCREENSHOTS") == "1" else [])
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"))
    page.set_viewport_size(VIEWPORT)


def busiest_agency(settings) -> tuple[str, int]:
    """The agency with most appeals in the default period (the last twelve months), and that count."""
    import duckdb

    con = duckdb.connect(settings.resolved_snapshot_path(), read_only=True)
    return con.execute("""
        select any_value(d.name_en), count(*) from fct_appeals a join dim_agencies d using (agency_key)
        where a.registered_month > (select max(registered_month) - interval 12 month from fct_appeals)
        group by a.agency_key order by count(*) desc, a.agency_key limit 1""").fetchone()


def select_first_row(table) -> None:
    """Tick the first row's box, as a reader does: the grid is drawn on a canvas, so click where the
    row marker column meets the first row (below the header)."""
    table.scroll_into_view_if_needed()
    table.click(position={"x": 20, "y": HEADER_PX + ROW_PX / 2})


HEADER_PX, ROW_PX = 35, 72  # st.dataframe's header, and the text lists' row_height (components.text_list)


def read_the_hostile_text(page) -> None:
    """Search, open the appeal written as an attack, and check the browser shows it as text."""
    box = page.get_by_label("Search the texts")
    box.fill("onerror")  # a word of the attack alone: the hostile appeal is the only match, the first row
    box.press("Enter")
    page.get_by_text("1 texts found (best matches first)").wait_for(timeout=60_000)
    settle(page)
    select_first_row(page.locator('[data-testid="stDataFrame"]').first)
    reader = page.locator(".tyndau-text")
    reader.wait_for(timeout=60_000)
    settle(page)
    assert "<script>" in reader.inner_text() and "onerror" in reader.inner_text()
    assert reader.locator("script, img, a").count() == 0, "a citizen's markup became page elements"
    assert reader.locator("mark").count() >= 1, "the evidence or the search term is highlighted"


def test_admin_opens_every_page_changes_a_filter_and_downloads(server, browser, tmp_path):
    url, settings = server
    context, page, problems = watched_page(browser)

    log_in(page, url, "admin")
    for spec in registry.PAGES:
        open_page(page, spec)
        if spec.key == "search":
            read_the_hostile_text(page)
        assert not page.locator('[data-testid="stException"]').count(), f"{spec.key} shows an exception"
        screenshot(page, f"{registry.PAGES.index(spec) + 1:02d}-{spec.key}")

    responsiveness = registry.page("responsiveness")
    open_page(page, responsiveness)
    before = metric_value(page, "Appeals")
    agency, appeals = busiest_agency(settings)
    choose_option(page, "Agencies", agency)
    page.wait_for_function(
        """([label, before]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
              m.innerText.includes(label) && !m.innerText.includes(before))""", arg=["Appeals", before],
        timeout=30_000)
    settle(page)
    after = metric_value(page, "Appeals")
    assert after == f"{appeals:,}" != before, (agency, before, after)

    file = download(page, page.get_by_role("button", name="Download CSV").first)
    target = tmp_path / file.suggested_filename
    file.save_as(target)
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("Agency,Appeals,Answered on time"), header
    context.close()
    assert not problems, "\n".join(problems)


def test_leadership_sees_only_aggregate_pages(server, browser):
    url, _ = server
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    log_in(page, url, "leader")
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    for spec in registry.PAGES:
        shown = i18n.text(spec.title, "en") in nav
        assert shown == ("leadership" in spec.roles), spec.key
    context.close()


def test_planner_changes_the_budget_sees_the_plan_change_and_downloads_it(server, browser, tmp_path):
    url, _ = server
    context, page, problems = watched_page(browser)

    log_in(page, url, "planner")
    for key in ("training_priorities", "survey_360", "training_impact", "training_plan"):
        open_page(page, registry.page(key))
        assert not page.locator('[data-testid="stException"]').count(), f"{key} shows an exception"
    before = metric_value(page, "Cost, KZT")
    budget = page.locator('[data-testid="stNumberInput"]').filter(has_text="Budget, KZT").locator("input")
    budget.fill("2000000")
    budget.press("Enter")
    page.wait_for_function(
        """([label, before]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
              m.innerText.includes(label) && !m.innerText.includes(before))""", arg=["Cost, KZT", before],
        timeout=30_000)
    settle(page)
    after = metric_value(page, "Cost, KZT")
    assert int(after.replace(",", "")) <= 2_000_000 < int(before.replace(",", "")), (before, after)

    file = download(page, page.get_by_role("button", name="Download Excel").first)
    workbook = tmp_path / file.suggested_filename
    file.save_as(workbook)
    import openpyxl

    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["About", "Training plan", "Summary"], book.sheetnames
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Page"] == "Training plan" and about["Budget, KZT"] == "2,000,000", about
    rows = list(book["Training plan"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Agency", "Course id", "Course", "Seats"), rows[0]
    assert not [h for h in rows[0] if "_" in h], rows[0]
    assert sum(r[rows[0].index("Cost, KZT")] for r in rows[1:]) <= 2_000_000
    settle(page)  # a download must not race a rerun that replaces the buttons (a CI run timed out here)
    file = download(page, page.get_by_role("button", name="Download CSV").first)
    csv_file = tmp_path / file.suggested_filename
    file.save_as(csv_file)
    assert csv_file.read_text(encoding="utf-8").startswith("Agency,Course id,Course,Seats")
    context.close()
    assert not problems, "\n".join(problems)


# Text of every visible metric label and button caption whose text is wider than its box (cut off with "…").
CUT_OFF_LABELS = """() => [...document.querySelectorAll(
    '[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div, button p')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def switch_language(page, name: str) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').get_by_text(name, exact=True).click()
    settle(page)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_in_kazakh_and_russian_no_label_is_cut_off_and_no_export_has_a_code_name_or_an_english_word(server, browser, tmp_path, lang):
    """The analyst's pages in kk and ru: each page's first table download has headers in that language."""
    import csv
    import re

    url, _ = server
    context, page, problems = watched_page(browser)
    log_in(page, url, "analyst")
    switch_language(page, i18n.LANGUAGE_NAMES[lang])
    code_or_english = re.compile(r"[A-Za-z_]+")
    checked = labels_checked = 0
    for spec in registry.pages_for("analyst"):
        title = i18n.text(spec.title, lang)
        page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
        page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
        settle(page)
        assert not page.locator('[data-testid="stException"]').count(), f"{spec.key} ({lang}) shows an exception"
        cut = page.evaluate(CUT_OFF_LABELS)
        assert not cut, f"{spec.key} ({lang}): labels cut off: {cut}"
        labels_checked += page.locator('[data-testid="stMetricLabel"]').count()
        button = page.get_by_role("button", name=i18n.text("common.download_csv", lang))
        if not button.count():
            continue
        try:
            file = download(page, button.first)
        except Exception as exc:
            raise AssertionError(f"{spec.key} ({lang}): no download from its first CSV button") from exc
        target = tmp_path / f"{lang}-{spec.key}.csv"
        file.save_as(target)
        header = next(csv.reader(target.open(encoding="utf-8")))
        offenders = [h for h in header if code_or_english.fullmatch(h)]
        assert not offenders, f"{spec.key} ({lang}) exports headers {offenders}"
        checked += 1
    assert checked >= 3, "the check saw too few tables to mean anything"
    assert labels_checked >= 5, "the cut-off check saw too few metric labels to mean anything"
    context.close()
    assert not problems, "\n".join(problems)


def test_a_reload_keeps_the_user_signed_in_and_in_their_language(server, browser):
    url, _ = server
    context, page, problems = watched_page(browser)
    log_in(page, url, "analyst")
    switch_language(page, i18n.LANGUAGE_NAMES["ru"])
    themes = registry.page("themes")
    page.locator('[data-testid="stSidebarNav"]').get_by_text(i18n.text(themes.title, "ru"), exact=True).click()
    page.get_by_role("heading", name=i18n.text(themes.title, "ru")).first.wait_for(timeout=60_000)
    settle(page)
    page.reload()
    page.get_by_role("heading", name=i18n.text(themes.title, "ru")).first.wait_for(timeout=60_000)
    settle(page)
    assert not page.get_by_role("button", name=i18n.text("login.submit", "ru")).count(), "back on the login form"
    fresh = context.new_page()  # a link opened in a new tab: same cookies, new connection
    fresh.goto(f"{url}/{themes.key}")
    fresh.get_by_role("heading", name=i18n.text(themes.title, "ru")).first.wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name=i18n.text("user.logout", "ru")).click()
    settle(page)
    page.reload()
    page.get_by_role("button", name=i18n.text("login.submit", "ru")).wait_for(timeout=60_000)
    context.close()
    assert not problems, "\n".join(problems)


def test_the_server_log_has_no_flood_of_warnings(server, browser):
    """Run last in this module: every page was served by now."""
    log = SERVER_LOG[-1].read_text(encoding="utf-8", errors="replace")
    assert log.count("missing ScriptRunContext") == 0, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
