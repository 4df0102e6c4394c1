"""`tyndau publish`: the open-data package on the shipped sample, attacked and opened in a real browser.

The attack reads only the published CSV files, as anyone could: every total row is an equation over
the agency-region-month cells it sums, and a hidden cell is recovered exactly when its unit vector
lies in the row space of those equations restricted to the hidden cells (then every solution of
the published system gives it the same value). The test fails if any hidden figure, or any hidden
total, is recoverable; it also checks that the equations hold for the true (hidden) values, so the
attacker's model is the real one. Never skipped: without chromium the browser tests fail and say why.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from dashboard import i18n
from dashboard_support import SHIPPED_SAMPLE, build_warehouse
from insights.open_data import cube, tables
from tyndau.cli import app

K = 10
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
BASE = (pl.col("agency_key") != cube.ALL) & (pl.col("region_key") != cube.ALL) & (pl.col("month") != cube.ALL)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    assert (SHIPPED_SAMPLE / "appeals.csv").exists(), f"the shipped sample data is missing from {SHIPPED_SAMPLE}"
    work = tmp_path_factory.mktemp("publish")
    settings = build_warehouse(work, source=SHIPPED_SAMPLE)
    out = work / "open-data"
    result = CliRunner().invoke(app, ["publish", "--out", str(out), "--db", settings.db_path, "--min-count", str(K)])
    assert result.exit_code == 0, result.output
    return out, settings


@pytest.fixture(scope="module")
def truth(published):
    """The unsuppressed figures, straight from the warehouse (what the attacker must not learn)."""
    con = duckdb.connect(published[1].db_path, read_only=True)
    try:
        return {"responsiveness": cube.with_margins(cube.responsiveness_base(con), cube.RESPONSIVENESS_COUNTS),
                "areas": cube.with_margins(cube.area_base(con), ("appeals",), ("area",))}
    finally:
        con.close()


def read(out: Path, name: str) -> pl.DataFrame:
    return pl.read_csv(out / "data" / f"{name}.csv", infer_schema_length=None,
                       schema_overrides={"month": pl.Utf8, "agency_key": pl.Utf8, "region_key": pl.Utf8})


# ---------------------------------------------------------------- the package


def test_package_files_and_datapackage(published):
    out, _ = published
    for name in ("responsiveness", "areas"):
        csv, parquet = read(out, name), pl.read_parquet(out / "data" / f"{name}.parquet")
        assert csv.height == parquet.height > 0
        assert csv.columns == parquet.columns
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert {r["path"] for r in package["resources"]} == {
        "data/responsiveness.csv", "data/responsiveness.parquet", "data/areas.csv", "data/areas.parquet"}
    for resource in package["resources"]:
        frame = read(out, Path(resource["path"]).stem)
        assert [f["name"] for f in resource["schema"]["fields"]] == frame.columns
        assert all(f["description"] and set(f["x_description"]) == {"kk", "ru", "en"} for f in resource["schema"]["fields"])
        keys = resource["schema"]["primaryKey"]
        assert frame.select(keys).is_unique().all(), f"{resource['name']}: primary key {keys} is not unique"
    assert package["x_suppression"]["threshold"] == K


def test_no_text_and_no_identifiers(published, truth):
    """Only the documented columns, and nothing that looks like an appeal number or a letter."""
    out, _ = published
    assert read(out, "responsiveness").columns == list(tables.RESPONSIVENESS_COLUMNS)
    assert read(out, "areas").columns == list(tables.AREA_COLUMNS)
    appeal_number = re.compile(r"ЖТ-\d{4}-\d+")
    for path in [*(out / "data").glob("*.csv"), *out.glob("*/index.html"), out / "datapackage.json"]:
        assert not appeal_number.search(path.read_text(encoding="utf-8")), f"{path} holds an appeal number"


def test_no_published_cell_under_the_threshold(published):
    out, _ = published
    resp = read(out, "responsiveness")
    shown = resp.filter(~pl.col("suppressed"))
    assert shown.height > 0 and (shown["appeals"] >= K).all()
    rated = resp.filter(~pl.col("satisfaction_suppressed"))["rated"]
    assert rated.null_count() == 0 and ((rated >= K) | (rated == 0)).all()
    medians = resp.filter(pl.col("median_days_to_answer").is_not_null())
    assert medians.height > 0 and (medians["answered"] >= K).all()
    hidden = resp.filter(pl.col("suppressed"))
    assert hidden.select("appeals", "answered", "decided", "on_time", "on_time_share", "median_days_to_answer",
                         "rated", "mean_satisfaction").null_count().row(0) == (hidden.height,) * 8
    areas = read(out, "areas")
    assert (areas.filter(~pl.col("suppressed"))["appeals"] >= K).all()
    assert areas.filter(pl.col("suppressed"))["appeals"].null_count() == areas["suppressed"].sum()


def test_every_small_cell_is_hidden(published, truth):
    """Every cell (and total) with 1..K-1 appeals in the warehouse is suppressed in the package."""
    out, _ = published
    for name, key_columns in (("responsiveness", list(cube.AXES)), ("areas", ["area", *cube.AXES])):
        small = truth[name].filter(pl.col("appeals") < K).select(key_columns)
        flags = small.join(read(out, name).select(*key_columns, "suppressed"), on=key_columns, how="left")
        assert flags["suppressed"].null_count() == 0 and flags["suppressed"].all(), name


# ---------------------------------------------------------------- the attack


def equations(published: pl.DataFrame, true_cells: pl.DataFrame, measure: str, flag: str, fixed: tuple[str, ...] = ()):
    """The attacker's system: one equation per shown total, over the hidden base cells; also the
    coefficient vectors of the hidden totals, and the true values of the hidden base cells."""
    keys = [*fixed, *cube.AXES]
    base = published.filter(BASE)
    hidden_base = base.filter(pl.col(flag))
    index = {tuple(r): i for i, r in enumerate(hidden_base.select(keys).iter_rows())}
    shown_base = {tuple(r[:-1]): r[-1] for r in base.filter(~pl.col(flag)).select(*keys, measure).iter_rows()}
    rows, values, hidden_totals = [], [], []
    for total in published.filter(~BASE).select(*keys, measure, flag).iter_rows(named=True):
        coefficients, known = np.zeros(len(index)), 0.0
        for key in _parts(total, keys, base):
            if key in index:
                coefficients[index[key]] = 1.0
            else:
                known += shown_base[key]
        if total[flag]:
            hidden_totals.append((tuple(total[c] for c in keys), coefficients))
        elif coefficients.any():
            rows.append(coefficients)
            values.append(total[measure] - known)
    true = dict(zip((tuple(r[:-1]) for r in true_cells.select(*keys, measure).iter_rows()),
                    true_cells[measure].to_list()))
    x_true = np.array([true[key] for key in index])
    return np.array(rows).reshape(-1, len(index)), np.array(values), x_true, list(index), hidden_totals


def _parts(total: dict, keys: list[str], base: pl.DataFrame) -> list[tuple]:
    """The base cells a total sums: equal on every axis the total does not mark ALL."""
    chosen = base
    for column in keys:
        if total[column] != cube.ALL:
            chosen = chosen.filter(pl.col(column) == total[column])
    return [tuple(r) for r in chosen.select(keys).iter_rows()]


def recoverable(matrix: np.ndarray, vectors: np.ndarray) -> list[int]:
    """Which rows of `vectors` lie in the row space of the matrix (their value is fixed by the equations):
    those orthogonal to its null space."""
    if vectors.shape[0] == 0:
        return []
    if matrix.shape[0] == 0:
        return [i for i, v in enumerate(vectors) if not v.any()]
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9 * max(matrix.shape) * singular[0]).sum())
    null_space = vt[rank:]
    if null_space.shape[0] == 0:
        return list(range(vectors.shape[0]))
    return [int(i) for i in np.flatnonzero(np.abs(null_space @ vectors.T).max(axis=0) < 1e-7)]


def attack(published: pl.DataFrame, true_cells: pl.DataFrame, measure: str, flag: str, fixed=()) -> dict:
    matrix, values, x_true, cells, hidden_totals = equations(published, true_cells, measure, flag, fixed)
    assert np.allclose(matrix @ x_true, values), "the published totals are not the sums the attacker assumes"
    totals = np.array([v for _, v in hidden_totals]).reshape(-1, len(cells))
    return {"cells": [cells[i] for i in recoverable(matrix, np.eye(len(cells)))],
            "totals": [hidden_totals[i][0] for i in recoverable(matrix, totals)],
            "hidden": len(cells), "equations": matrix.shape[0]}


def test_attack_on_appeal_counts_recovers_nothing(published, truth):
    out, _ = published
    found = attack(read(out, "responsiveness"), truth["responsiveness"], "appeals", "suppressed")
    assert found["hidden"] > 0 and found["equations"] > 0
    assert found["cells"] == [] and found["totals"] == [], found


def test_attack_on_ratings_recovers_nothing(published, truth):
    out, _ = published
    found = attack(read(out, "responsiveness"), truth["responsiveness"], "rated", "satisfaction_suppressed")
    assert found["hidden"] > 0 and found["cells"] == [] and found["totals"] == [], found


def test_attack_on_area_counts_recovers_nothing(published, truth):
    out, _ = published
    areas, true_areas = read(out, "areas"), truth["areas"]
    for (area,), part in areas.group_by("area"):
        found = attack(part, true_areas.filter(pl.col("area") == area), "appeals", "suppressed", ("area",))
        assert found["cells"] == [] and found["totals"] == [], (area, found)


def test_suppression_adds_complements_on_a_small_table():
    """A region of two agencies, one of them small: hiding the small one alone would be total minus
    the other, so a complement is hidden too, and the country's total stays consistent."""
    base = pl.DataFrame({"agency_key": ["A", "B", "C", "D"], "region_key": ["R1", "R1", "R2", "R2"],
                         "month": ["2025-01"] * 4, "appeals": [3, 40, 25, 30]})
    cells = cube.with_margins(base, ("appeals",))
    hidden = cube.hidden_cells(cells, "appeals", K)
    base_key = {r[0]: tuple(r) for r in cells.filter(BASE).select(*cube.AXES).iter_rows()}
    assert base_key["A"] in hidden and base_key["B"] in hidden  # the small one and its complement
    assert not {base_key["C"], base_key["D"]} & hidden


# ---------------------------------------------------------------- errors at the edge


def test_refuses_a_folder_that_holds_files(published, tmp_path):
    _, settings = published
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["publish", "--out", str(tmp_path), "--db", settings.db_path])
    assert result.exit_code == 2
    assert "--replace" in result.output and (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


# ---------------------------------------------------------------- the site in a real browser


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `bash scripts/setup.sh` or `sudo apt-get install chromium`"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_site_in_the_browser(published, browser, lang):
    out, _ = published
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("request", lambda r: problems.append(f"left the folder: {r.url}") if not r.url.startswith("file://") else None)
    try:
        page.goto((out / lang / "index.html").as_uri())
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.get_by_role("heading", level=1).inner_text() == i18n.text("publish.title", lang)
        for key in ("publish.country", "publish.monthly", "publish.regions", "publish.areas", "publish.agencies", "publish.downloads",
                    "publish.dictionary"):
            assert page.get_by_role("heading", level=2, name=i18n.text(key, lang)).count() == 1
        charts = page.locator("div.chart")
        assert charts.count() == 3
        for i in range(3):
            chart = charts.nth(i)
            assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
            chart.locator("svg.main-svg").first.wait_for(timeout=15_000)
            assert chart.locator("g.trace").count() >= 1, f"chart {i} drew no data"
        assert page.locator("table").count() >= 6
        national = read(out, "responsiveness").filter(
            (pl.col("agency_key") == "ALL") & (pl.col("region_key") == "ALL") & (pl.col("month") == "ALL"))
        headline = page.locator("dl.headline dd").first  # the country's appeals, in the locale's format
        assert headline.inner_text() == i18n.number(national["appeals"][0], lang)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # skip link, then the first language of the switch
        focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
        assert focused == i18n.LANGUAGES[0]
        other = next(x for x in i18n.LANGUAGES if x != lang)
        page.locator(f'nav a[hreflang="{other}"]').focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{other}/index.html")
        assert page.locator("html").get_attribute("lang") == other
        assert problems == [], problems
    finally:
        context.close()
