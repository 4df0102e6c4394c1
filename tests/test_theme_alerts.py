"""Early warning per emerging theme, on planted vectors (no encoder run, as tests/test_topics.py):
a theme that rises sharply in the last two months is alerted with its evidence and its name in the
reader's language; steady themes are not; the alert reaches the CLI's csv, the digest and the page.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pytest
from dashboard_support import build_warehouse, environment, environment_applied
from planted_vectors import store_planted, uniform
from typer.testing import CliRunner

from dashboard.i18n import text
from insights import topics
from insights.alerts import AlertRules, alert_list, monthly_series
from nlp.textvectors import DIM
from tyndau.cli import app
from tyndau.digest import compose
from warehouse.build import build_models, discover_models
from warehouse.db import connect, publish_snapshot

runner = CliRunner()
APPEALS = 600
STEADY = 5
RISE_SHARE = {-2: 0.35, -1: 0.5}   # the rising theme's share of the appeals of the last two months
BEFORE_SHARE = 0.04                # and of every month before


@pytest.fixture(scope="module")
def base_warehouse(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("theme-alerts"), appeals=APPEALS)


@pytest.fixture(scope="module")
def planted(base_warehouse, tmp_path_factory):
    """A copy of the sample whose appeals carry planted vectors: five steady directions, and a sixth
    with 4 % of every month's appeals until it takes 35 % and then 50 % in the last two months.
    Built as `tyndau topics build` builds (only the theme models and what they feed), then published."""
    folder = tmp_path_factory.mktemp("planted")
    settings = dataclasses.replace(base_warehouse, db_path=str(folder / "tyndau.duckdb"))
    shutil.copy(base_warehouse.db_path, settings.db_path)
    con = connect(settings.db_path)
    rows = con.execute("""select appeal_id, text, registered_month from fct_appeals
                          where trim(coalesce(text, '')) <> '' order by appeal_id""").fetchall()
    months = sorted({r[2] for r in rows})
    share = {months[k]: s for k, s in RISE_SHARE.items()}
    rng = np.random.default_rng(17)
    directions = rng.normal(size=(STEADY + 1, DIM))
    kind, rising = [], set()
    for appeal_id, _, month in rows:
        if uniform(appeal_id) < share.get(month, BEFORE_SHARE):
            kind.append(STEADY)
            rising.add(appeal_id)
        else:
            kind.append(int(rng.integers(STEADY)))
    store_planted(con, "e" * 64, rows, directions, kind, rng)
    build_models(con, settings, only=list(topics.REBUILT_WITH_THEMES))
    con.execute("checkpoint")
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path(), con)
    con.close()
    snapshot = duckdb.connect(settings.resolved_snapshot_path(), read_only=True)  # what every reader sees
    yield settings, snapshot, rising, months[-2:]
    snapshot.close()




def rising_theme(con, rising: set[str]) -> str:
    found = con.execute("""select theme_no::varchar, count(*) from fct_topic_members
                           where appeal_id in (select unnest(?)) group by 1 order by 2 desc""",
                        [sorted(rising)]).fetchall()
    assert found[0][1] >= 0.9 * len(rising), found  # the planted direction is one theme
    return found[0][0]


def theme_alerts(con) -> pl.DataFrame:
    return alert_list(con).filter(pl.col("metric") == "theme")


def test_the_rising_theme_is_alerted_in_its_last_two_months_and_no_steady_theme_is(planted):
    _, con, rising, last_two = planted
    theme = rising_theme(con, rising)
    alerts = theme_alerts(con)
    assert sorted(alerts.select("area", "month").rows()) == [(theme, m) for m in last_two]
    steady = set(monthly_series(con).filter(pl.col("metric") == "theme")["area"]) - {theme}
    assert len(steady) >= STEADY and not steady & set(alerts["area"])
    tests = alerts["tests_in_month"].unique().to_list()
    assert tests == [len(steady) + 1]  # one family per month: every theme, and only themes


def test_a_theme_alert_keeps_its_evidence(planted):
    _, con, rising, last_two = planted
    theme = rising_theme(con, rising)
    monthly = dict(con.execute("select registered_month, appeals from mart_topic_monthly where theme_no = ?",
                               [int(theme)]).fetchall())
    for alert in theme_alerts(con).to_dicts():
        assert (alert["agency_key"], alert["region_key"]) == ("", "")
        assert alert["observed"] == monthly[alert["month"]]
        assert alert["observed"] > alert["upper"] > alert["expected"] > 0
        assert alert["q_value"] <= AlertRules().fdr and alert["history_months"] >= 12
        examples = alert["example_ids"]
        assert len(examples) == 3
        members = con.execute("""select count(*) from fct_topic_members m join fct_appeals a using (appeal_id)
                                 where m.theme_no = ? and a.registered_month = ?
                                   and m.appeal_id in (select unnest(?))""",
                              [int(theme), alert["month"], list(examples)]).fetchone()[0]
        assert members == 3  # the month's appeals of that theme
        names = dict(con.execute("select lang, label from mart_topic_names where theme_no = ?", [int(theme)]).fetchall())
        assert {lang: alert["theme_names"][lang]["label"] for lang in ("kk", "ru", "en")} == names
        assert all(names.values())


def test_build_order_puts_theme_alerts_after_the_themes_they_read():
    order = [m.name for m in discover_models()]
    for name in ("fct_topic_members", "mart_topic_monthly", "mart_topic_names"):
        assert order.index("mart_alerts") > order.index(name), name


def test_csv_and_digest_name_the_theme_not_its_number(planted):
    settings, con, rising, _ = planted
    label = con.execute("select label from mart_topic_names where theme_no = ? and lang = 'ru'",
                        [int(rising_theme(con, rising))]).fetchone()[0]
    with environment_applied(environment(settings)):
        shown = runner.invoke(app, ["alerts", "--format", "csv", "--lang", "ru", "--db", settings.db_path])
    assert shown.exit_code == 0, shown.output
    metric = text("column.metric", "ru")
    rows = [r for r in csv.DictReader(io.StringIO(shown.output)) if r[metric] == "возникающая тема"]
    assert len(rows) == 2
    measure = text("alerts.metric.theme", "ru", theme=label)
    assert all(measure in r.values() and r[text("dimension.region", "ru")] == "Вся страна" for r in rows)
    digest = compose(theme_alerts(con), {"agency": {}, "region": {}}, "en")
    english = con.execute("select label from mart_topic_names where theme_no = ? and lang = 'en'",
                          [int(rising_theme(con, rising))]).fetchone()[0]
    assert digest.body.count(f'Appeals on the theme "{english}"') == 2
    assert all(a["measure"] == f'Appeals on the theme "{english}"' for a in digest.payload["alerts"])


def test_the_alerts_page_lists_the_theme_by_name(planted):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    settings, con, rising, _ = planted
    english = con.execute("select label from mart_topic_names where theme_no = ? and lang = 'en'",
                          [int(rising_theme(con, rising))]).fetchone()[0]
    app_file = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
    with environment_applied(environment(settings)):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(app_file, default_timeout=180)
        at.session_state["lang"] = "en"
        at.session_state["user"] = {"name": "test-leadership", "role": "leadership"}
        at.run()
        at.switch_page("views/alerts.py")
        at.run()
        assert not at.exception, at.exception
        listing = at.dataframe[0].value
        measures = listing[listing.columns[3]].tolist()
        assert measures.count(f'Appeals on the theme "{english}"') == 2, measures


def test_the_api_gives_theme_alerts_with_their_names(planted, tmp_path):
    """In process (fastapi's TestClient); tests/test_api.py runs the same app as a real server."""
    from fastapi.testclient import TestClient

    from api import tokens
    from api.app import create_app
    from dashboard.users import add_user

    settings, con, rising, last_two = planted
    theme = rising_theme(con, rising)
    names = {lang: {"label": label, "label_language": source} for lang, label, source in con.execute(
        "select lang, label, label_language from mart_topic_names where theme_no = ?", [int(theme)]).fetchall()}
    settings = dataclasses.replace(settings, users_file=str(tmp_path / "users.toml"))
    add_user(settings.users_file, "leader", "leadership", "leader-pass-1")
    token, _ = tokens.issue(tokens.tokens_path(settings.users_file), settings.users_file, "leader")
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {token}"}) as http:
        listed = http.get("/v1/alerts", params={"limit": 1000}).json()["items"]
    on_theme = [a for a in listed if a["metric"] == "theme"]
    assert [(a["area"], a["month"]) for a in on_theme] == [(theme, str(m)) for m in reversed(last_two)]
    assert all(a["theme_names"] == names for a in on_theme)
    assert all(a["theme_names"] is None for a in listed if a["metric"] != "theme")
