"""Hostile values in Markdown and charts, rendered by Streamlit's own frontend in Debian's Chromium.

The AppTest check (tests/test_hostile_data.py) parses the Markdown sources in Python; this one
asks the real renderer. tests/markdown_probe_app.py shows the payloads raw (the control, which must
produce links, images, an outside request, colours, maths and emoji) and escaped (which must
produce none of them and show each payload's text unchanged, zero-width spaces aside).
Never skipped: without /usr/bin/chromium it fails, as the other browser test does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.safe_markdown import ZERO_WIDTH_SPACE
from markdown_probe_app import HOST, PAYLOADS
from test_dashboard_browser import CHROMIUM, CHROMIUM_ARGS, REPO, free_port, settle, stop, wait_for_health

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PROBE = Path(__file__).with_name("markdown_probe_app.py")


@pytest.fixture(scope="module")
def probe_url():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `bash scripts/setup.sh`"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(PROBE.parent)])}
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(PROBE), "--server.port", str(port),
                                "--server.address", "127.0.0.1", "--server.headless", "true",
                                "--browser.gatherUsageStats", "false"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process)
        yield url
    finally:
        stop(process)


def rendered(url: str, mode: str) -> tuple[dict[str, int], list[str]]:
    """What the browser made of the payloads: counts of live things, and the captions' text."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if HOST in r.url else None)
        page.goto(f"{url}/?mode={mode}")
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        settle(page)
        counts = {"links": page.locator(f'a[href*="{HOST}"]').count(),
                  "chart links": page.locator(".js-plotly-plot a").count(),
                  "images": page.locator(f'img[src*="{HOST}"]').count(),
                  "outside requests": len(outside),
                  "colours": page.locator('[class*="stMarkdownColoredText"]').count(),
                  "maths": page.locator(".katex").count(),
                  "emoji": page.get_by_text("😄").count()}
        captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
        browser.close()
    return counts, captions


def test_the_raw_payloads_are_live_in_this_browser(probe_url):
    counts, _ = rendered(probe_url, "raw")
    assert all(counts.values()), f"the control must show every kind of live markup, or the test proves nothing: {counts}"


def test_escaped_payloads_are_plain_text_in_the_browser(probe_url):
    counts, captions = rendered(probe_url, "escaped")
    assert not any(counts.values()), counts
    assert [c.replace(ZERO_WIDTH_SPACE, "") for c in captions] == list(PAYLOADS)
