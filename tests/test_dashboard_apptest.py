"""The dashboard, page by page, through Streamlit's AppTest: what each role sees, and that it is right.

One warehouse is built for the whole module from a small deterministic sample (3,000 generated
appeals plus a hostile one), classified with the generator's ground truth through the
classifier's own write path (tests/dashboard_support.py). Numbers on the pages are checked
against SQL written here, independently of warehouse/responsiveness.py.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from dashboard_support import HOSTILE_ID, build_warehouse, environment, environment_applied, listed_ids, open_text
from streamlit.testing.v1 import AppTest

from dashboard import i18n, registry
from dashboard.users import ROLES, TEXT_READERS

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
DASHBOARD = Path(APP).parent
PAGE_SCRIPTS = {spec.key: spec.script for spec in registry.PAGES}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    settings = build_warehouse(tmp_path_factory.mktemp("dashboard"))
    with environment_applied(environment(settings)):
        yield settings


@pytest.fixture
def app(warehouse):
    """A fresh AppTest (fresh caches: settings are read per test) with a user injected per role."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()

    def make(role: str | None = "analyst", page: str | None = None, lang: str = "en") -> AppTest:
        at = AppTest.from_file(APP, default_timeout=180)
        at.session_state["lang"] = lang
        if role:
            at.session_state["user"] = {"name": f"test-{role}", "role": role}
        at.run()
        if page:
            at.switch_page(PAGE_SCRIPTS[page])
            at.run()
        assert not at.exception, at.exception
        return at

    return make


def snapshot(settings):
    return duckdb.connect(settings.resolved_snapshot_path(), read_only=True)


def last_twelve_months(con) -> tuple[date, date]:
    last = con.execute("select max(registered_month) from fct_appeals").fetchone()[0]
    first = date(last.year - 1 + (last.month == 12), last.month % 12 + 1, 1)
    return first, last


def metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r} among {[m.label for m in at.metric]}"
    return found[0]


def all_text(at: AppTest) -> str:
    """Everything a page rendered as text (markdown, captions, html, tables' cells)."""
    elements = [*at.markdown, *at.caption, *at.get("html"), *at.info, *at.warning]
    parts = [str(getattr(e, "value", "")) for e in elements]
    parts += [str(df.value) for df in at.dataframe]
    return "\n".join(parts)


# ---------------------------------------------------------------- login and navigation


def test_login_form_accepts_the_users_file_and_refuses_a_wrong_password(app):
    at = app(role=None)
    assert at.title[0].value == "Log in"
    at.text_input(key="login_name").input("analyst")
    at.text_input(key="login_password").input("wrong-password")
    submit = next(b for b in at.button if b.label == "Log in")
    submit.click().run()
    assert "Wrong user name or password." in [e.value for e in at.error]
    at.text_input(key="login_name").input("analyst")
    at.text_input(key="login_password").input("analyst-pass-1")
    next(b for b in at.button if b.label == "Log in").click().run()
    assert at.session_state["user"]["role"] == "analyst"
    assert at.title[0].value == "Overview"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGE_SCRIPTS))
def test_every_page_opens_for_its_roles_and_refuses_the_others(app, role, page):
    spec = registry.page(page)
    if role in spec.roles:
        at = app(role=role, page=page)
        assert at.title[0].value == i18n.text(spec.title, "en")
        return
    at = app(role=role)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE_SCRIPTS[page])
    # Hidden is not enough: run the page's own script directly, as a stale link would.
    direct = AppTest.from_file(str(DASHBOARD / spec.script), default_timeout=180)
    direct.session_state["lang"] = "en"
    direct.session_state["user"] = {"name": f"test-{role}", "role": role}
    direct.run()
    assert "You do not have access to this page." in [e.value for e in direct.error]
    assert not direct.title and not direct.dataframe


def test_every_registered_page_exists_outside_a_pages_folder():
    for spec in registry.PAGES:
        assert (DASHBOARD / spec.script).is_file(), spec.script
        assert "pages/" not in spec.script
    assert not (DASHBOARD / "pages").exists(), "a pages/ folder would add pages behind st.navigation's back"


def test_text_pages_are_registered_for_text_readers_only():
    for spec in registry.PAGES:
        if spec.reads_texts:
            assert spec.roles <= TEXT_READERS, spec.key


# ---------------------------------------------------------------- numbers match SQL


def test_overview_metrics_match_sql_on_the_same_warehouse(app, warehouse):
    at = app(page="overview")
    con = snapshot(warehouse)
    first, last = last_twelve_months(con)
    data_end = con.execute("select max(registered_at)::date from fct_appeals").fetchone()[0]
    appeals, on_time = con.execute("""
        select count(*), count(*) filter (where is_on_time) * 1.0
                         / count(*) filter (where is_answered or due_date < ?)
        from fct_appeals where registered_month between ? and ?""", [data_end, first, last]).fetchone()
    assert metric(at, "Appeals") == f"{appeals:,}"
    assert metric(at, "Answered on time") == f"{on_time:.1%}"
    negative = con.execute("""select count(distinct appeal_id) from fct_appeal_areas where polarity = 'negative'
                              and registered_month between ? and ?""", [first, last]).fetchone()[0]
    assert metric(at, "Appeals showing a gap") == f"{negative / appeals:.1%}", "each appeal counts once"


def test_responsiveness_median_and_p90_match_sql(app, warehouse):
    at = app(page="responsiveness")
    con = snapshot(warehouse)
    first, last = last_twelve_months(con)
    median, p90 = con.execute("""
        select quantile_disc(least(floor(days_to_final_answer), 365), 0.5),
               quantile_disc(least(floor(days_to_final_answer), 365), 0.9)
        from fct_appeals where is_answered and registered_month between ? and ?""", [first, last]).fetchone()
    assert metric(at, "Median days to answer") == f"{median:,.0f}"
    assert metric(at, "90th percentile, days") == f"{p90:,.0f}"


def test_an_agency_filter_changes_the_numbers_to_that_agency(app, warehouse):
    at = app(page="responsiveness")
    before = metric(at, "Appeals")
    con = snapshot(warehouse)
    first, last = last_twelve_months(con)
    agency = con.execute("""select agency_key from fct_appeals where registered_month between ? and ?
                            group by 1 order by count(*) desc limit 1""", [first, last]).fetchone()[0]
    at.multiselect(key="w.agencies").select(agency).run()
    expected = con.execute("""select count(*) from fct_appeals where agency_key = ?
                              and registered_month between ? and ?""", [agency, first, last]).fetchone()[0]
    assert metric(at, "Appeals") == f"{expected:,}" != before
    at.switch_page(PAGE_SCRIPTS["overview"]).run()
    assert metric(at, "Appeals") == f"{expected:,}", "filters are shared across pages"


def test_the_language_switch_translates_titles_metrics_and_area_names(app):
    at = app(page="overview", lang="ru")
    assert at.title[0].value == "Обзор"
    assert metric(at, "Обращения")
    at.radio(key="lang").set_value("kk").run()
    assert at.title[0].value == "Шолу"


# ---------------------------------------------------------------- texts: who reads them, and safely


def test_leadership_sees_aggregates_but_never_a_text(app, warehouse):
    at = app(role="leadership", page="themes")
    at.toggle(key="themes.show_texts").set_value(True).run()
    assert not at.exception
    rendered = all_text(at)
    assert "Texts hidden" in rendered
    con = snapshot(warehouse)
    some_texts = [r[0] for r in con.execute("select text from fct_appeals where length(text) > 40 limit 200").fetchall()]
    assert not any(text in rendered for text in some_texts), "a leadership user saw a citizen's text"
    assert not any(i18n.text("column.text", "en") in df.value.columns for df in at.dataframe)


def largest_area(con) -> tuple[str, int]:
    """The area with most appeals in the default period (the last twelve months), and how many."""
    first, last = last_twelve_months(con)
    return con.execute("""select area, count(distinct appeal_id) as n from fct_appeal_areas
                          where registered_month between ? and ? group by area order by n desc, area limit 1""",
                       [first, last]).fetchone()


def test_an_analyst_reads_texts_behind_a_heatmap_cell(app, warehouse):
    area, total = largest_area(snapshot(warehouse))
    at = app(role="analyst", page="themes")
    at.selectbox(key="themes.drill_area").set_value(area)
    at.toggle(key="themes.show_texts").set_value(True).run()
    assert any(i18n.text("column.text", "en") in df.value.columns and len(df.value) for df in at.dataframe)
    assert f"{total:,} appeals." in [c.value for c in at.caption]


def test_a_drill_down_counts_every_appeal_behind_it_though_it_lists_fewer(warehouse):
    from insights import themes
    from insights.scope import Filters

    con = snapshot(warehouse)
    area, total = largest_area(con)
    period = Filters(*last_twelve_months(con))
    period = Filters(period.date_from, date(period.date_to.year, period.date_to.month, 28))
    assert themes.texts_behind(con, period, area=area, limit=10).height == 10
    assert themes.count_behind(con, period, area=area) == total


def test_leadership_sees_the_true_count_behind_a_drill_down_not_the_display_limit(app, warehouse):
    area, total = largest_area(snapshot(warehouse))
    at = app(role="leadership", page="themes")
    at.selectbox(key="themes.drill_area").set_value(area)
    at.toggle(key="themes.show_texts").set_value(True).run()
    assert f"Texts hidden: your role sees numbers only ({total:,} appeals)." in [i.value for i in at.info]


def test_search_finds_texts_and_shows_a_hostile_one_escaped(app, warehouse):
    at = app(role="analyst", page="search")
    at.text_input(key="search.words").input("пандус").run()
    assert any(c.value.endswith("texts found (best matches first).") for c in at.markdown)
    hostile = f"eotinish-sample:{HOSTILE_ID}"
    open_text(at, "search", hostile)
    html_blocks = [h.value for h in at.get("html")]
    body = next(h for h in html_blocks if "tyndau-text" in h)
    assert "&lt;script&gt;" in body and "<script" not in body and "<img" not in body
    assert "<mark" in body, "the search term (or the evidence) is highlighted"
    assert not any("<script" in m.value for m in at.markdown)


def test_every_text_view_is_written_to_the_audit_log(app, warehouse):
    from warehouse.audit import views_of

    at = app(role="analyst", page="search")
    at.text_input(key="search.words").input("пандус").run()
    hostile = f"eotinish-sample:{HOSTILE_ID}"
    open_text(at, "search", hostile)
    views = views_of(warehouse.resolved_audit_log_path(), [hostile])
    actions = {(v["user"], v["action"], v["page"]) for v in views}
    assert ("test-analyst", "list", "search") in actions and ("test-analyst", "read", "search") in actions


def test_search_terms_never_reach_sql_as_code(app, warehouse):
    at = app(role="analyst", page="search")
    at.text_input(key="search.words").input("'); drop table fct_appeals; --").run()
    assert not at.exception
    assert snapshot(warehouse).execute("select count(*) from fct_appeals").fetchone()[0] > 0


# ---------------------------------------------------------------- review and data quality


def test_an_analyst_correction_is_queued_then_stored_by_the_writer(app, warehouse, tmp_path):
    from tyndau.cli import _apply_corrections
    from warehouse.build import build_models
    from warehouse.inbox import pending

    at = app(role="analyst", page="review")
    appeal = listed_ids(at, "review")[0]
    open_text(at, "review", appeal)
    at.multiselect(key=f"review.areas.{appeal}").set_value(["anti_corruption"]).run()
    at.selectbox(key=f"review.pol.{appeal}.anti_corruption").set_value("positive").run()
    at.button(key=f"review.submit.{appeal}").click().run()
    assert any("Queued." in s.value for s in at.success)
    queued = pending(warehouse.resolved_inbox_dir())
    assert [c.areas for _, c in queued] == [{"anti_corruption": "positive"}]

    copy = warehouse.__class__(**{**warehouse.__dict__, "db_path": str(tmp_path / "copy.duckdb"),
                                  "inbox_dir": warehouse.resolved_inbox_dir()})
    shutil.copyfile(warehouse.db_path, copy.db_path)
    con = duckdb.connect(copy.db_path)
    assert _apply_corrections(con, copy) == {"applied": 1, "failed": 0}
    build_models(con, copy)
    labels = con.execute("select area, polarity, is_corrected from fct_appeal_areas where appeal_id = ?",
                         [appeal]).fetchall()
    assert labels == [("anti_corruption", "positive", True)]
    assert con.execute("select count(*) from text_area_scores where text_id = ?", [appeal]).fetchone()[0] == 12, \
        "the model's own labels are kept beside the correction"
    assert pending(warehouse.resolved_inbox_dir()) == []


def test_data_quality_shows_runs_rejections_and_classification_failures(app, warehouse):
    at = app(role="admin", page="data_quality")
    con = snapshot(warehouse)
    runs = con.execute("select count(*) from load_runs").fetchone()[0]
    assert metric(at, "Load runs") == str(runs)
    assert metric(at, "Schema version") == str(con.execute("select max(version) from schema_migrations").fetchone()[0])
    reason = i18n.text("column.reason", "en")
    assert any("empty" in str(df.value.get(reason, "")) for df in at.dataframe if reason in df.value.columns)


def test_every_table_can_be_downloaded(app):
    at = app(role="analyst", page="responsiveness")
    buttons = at.get("download_button")
    assert len(buttons) >= 2 * len(at.dataframe) - 2


# ---------------------------------------------------------------- strings


def test_every_string_has_three_languages_and_every_used_key_exists():
    for key, values in i18n.STRINGS.items():
        assert all(values.get(lang) for lang in i18n.LANGUAGES), key
    used = set()
    for path in DASHBOARD.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in i18n.STRINGS)
    assert not missing, missing


def test_pages_keep_working_while_another_process_writes_the_warehouse(app, warehouse):
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "c.execute('create or replace table _writer_busy as select 1 as x'); print('ready', flush=True); "
         "time.sleep(120)", warehouse.db_path], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(duckdb.IOException):
            duckdb.connect(warehouse.db_path, read_only=True)  # the writer's lock, as during `tyndau ingest`
        at = app(page="responsiveness")
        assert metric(at, "Appeals")
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_table_shows_a_code_name_or_none_in_kazakh_or_russian(app, lang):
    """Every grid on every page, as an administrator (who sees them all): column names are words of the
    interface language, never snake_case or English, and no cell says None."""
    raw = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+|[A-Za-z]+")
    for page in PAGE_SCRIPTS:
        at = app(role="admin", page=page, lang=lang)
        for df in at.dataframe:
            columns = [str(c) for c in df.value.columns]
            offenders = [c for c in columns if raw.fullmatch(c) and c not in {"z", "Δ"}]
            assert not offenders, f"{page} ({lang}) shows code names {offenders}"
            cells = df.value.astype(str)
            assert not (cells == "None").any().any(), f"{page} ({lang}) shows None in {columns}"
