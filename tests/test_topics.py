"""Emerging themes (tyndau topics): flags on planted cases, names per language, mapping a theme to an
area, the CLI, and what never reaches the dashboard's snapshot.

These tests plant vectors in ``text_vectors`` instead of running the encoder, so every case is
known by construction; tests/test_topics_encoder.py runs the real encoder on sample appeals.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pytest
from dashboard_support import build_warehouse
from planted_vectors import store_planted, uniform
from typer.testing import CliRunner

from insights import topics
from nlp.review import corrections_as_examples, store_correction
from nlp.textvectors import DIM
from tyndau.cli import app
from warehouse.build import build_models
from warehouse.db import connect, publish_snapshot
from warehouse.errors import TyndauError

runner = CliRunner(env={"TYNDAU_SALT": "test-salt-not-for-deployment"})
APPEALS = 400
DIRECTIONS = 6


# ---------------------------------------------------------------------------------------------- pure functions
def months(n: int) -> list[date]:
    return [date(2025 + (m // 12), m % 12 + 1, 1) for m in range(n)]


def test_trend_flags_on_planted_counts():
    """Theme 0 is steady in count (so its share falls while others grow), 1 appears only in the last
    three months, 2 triples its monthly count, 3 goes from two single appeals to one month with two."""
    rows = []
    for i, month in enumerate(months(12)):
        recent = i >= 9
        rows += [(0, month, 100), (1, month, 30 if recent else 0), (2, month, 45 if recent else 15),
                 (3, month, 2 if recent and i == 11 else (1 if i in (2, 5) else 0))]
    flags = topics.trend_flags(pl.DataFrame(rows, schema=["theme_no", "month", "appeals"], orient="row"))
    by_theme = {r["theme_no"]: r for r in flags.to_dicts()}
    assert (by_theme[0]["is_new"], by_theme[0]["is_growing"]) == (False, False)
    assert by_theme[0]["ratio_high"] < 1
    assert (by_theme[1]["is_new"], by_theme[1]["is_growing"]) == (True, False)
    assert (by_theme[2]["is_new"], by_theme[2]["is_growing"]) == (False, True)
    assert by_theme[2]["ratio_low"] > 1
    assert (by_theme[3]["is_new"], by_theme[3]["is_growing"]) == (False, False)  # too few to say anything


def test_a_theme_without_history_is_never_new():
    """One month of data: no earlier period to compare with, so nothing is flagged."""
    flags = topics.trend_flags(pl.DataFrame({"theme_no": [0, 1], "month": [date(2025, 1, 1)] * 2, "appeals": [50, 9]}))
    assert not flags["is_new"].any() and not flags["is_growing"].any()
    assert flags["share_ratio"].is_null().all()


def test_names_in_each_language_and_the_marked_fallback():
    frame = pl.DataFrame({
        "theme_no": [0] * 6 + [1] * 4,
        "language": ["kk", "kk", "ru", "ru", "en", "en", "ru", "ru", "ru", "en"],
        "text": ["Пандус жоқ, арбамен кіре алмаймын", "Ғимаратта пандус жоқ",
                 "Нет пандуса у входа в здание", "Пандус отсутствует, коляска не проходит",
                 "There is no ramp at the entrance", "No ramp for wheelchairs at the building",
                 "Мусор во дворе не вывозят неделю", "Контейнеры переполнены, мусор во дворе",
                 "Мусор во дворе лежит", "Garbage in the yard is not collected"],
    })
    names = {(r["theme_no"], r["lang"]): r for r in topics.theme_names(frame).to_dicts()}
    assert "пандус" in names[(0, "kk")]["label"] and names[(0, "kk")]["label_language"] == "kk"
    assert "пандус" in names[(0, "ru")]["label"].lower()
    assert "ramp" in names[(0, "en")]["label"]
    assert "мусор" in names[(1, "ru")]["label"]
    assert "garbage" in names[(1, "en")]["label"] or "yard" in names[(1, "en")]["label"]
    fallback = names[(1, "kk")]  # theme 1 has no Kazakh text: named in Russian, and says so
    assert fallback["label_language"] == "ru" and fallback["label"] == names[(1, "ru")]["label"]
    assert fallback["texts_in_language"] == 0


def test_clusters_follow_directions_not_noise():
    rng = np.random.default_rng(3)
    base = rng.normal(size=(4, DIM))
    truth = rng.integers(4, size=200)
    vectors = base[truth] / np.linalg.norm(base[truth], axis=1, keepdims=True) + rng.normal(scale=0.02, size=(200, DIM))
    from sklearn.metrics import adjusted_mutual_info_score

    found = topics.cluster(vectors, 4)
    assert adjusted_mutual_info_score(truth, found.theme) == pytest.approx(1.0)
    assert found.similarity.min() > 0.5


# ---------------------------------------------------------------------------------------------- a warehouse
@pytest.fixture(scope="module")
def base_warehouse(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("topics"), appeals=APPEALS)


@pytest.fixture
def planted(base_warehouse, tmp_path):
    """A copy of the sample warehouse whose appeals carry planted vectors: six steady directions, a
    seventh only in the last three months (new), an eighth whose share rises eightfold (growing)."""
    settings = dataclasses.replace(base_warehouse, db_path=str(tmp_path / "tyndau.duckdb"))
    shutil.copy(base_warehouse.db_path, settings.db_path)
    con = connect(settings.db_path)
    rows = con.execute("""select appeal_id, text, registered_month from fct_appeals
                          where trim(coalesce(text, '')) <> '' order by appeal_id""").fetchall()
    last = max(r[2] for r in rows)
    recent_from = date(last.year - (last.month <= 2), (last.month - 3) % 12 + 1, 1)
    rng = np.random.default_rng(11)
    directions = rng.normal(size=(DIRECTIONS + 2, DIM))
    kind, planted_new, planted_growing = [], set(), set()
    for appeal_id, _, month in rows:
        draw = uniform(appeal_id)
        recent = month >= recent_from
        if recent and draw < 0.3:
            kind.append(DIRECTIONS)
            planted_new.add(appeal_id)
        elif (recent and draw > 0.6) or (not recent and draw > 0.95):
            kind.append(DIRECTIONS + 1)
            planted_growing.add(appeal_id)
        else:
            kind.append(int(rng.integers(DIRECTIONS)))
    store_planted(con, "f" * 64, rows, directions, kind, rng)
    build_models(con, settings, only=list(topics.MODELS))
    yield settings, con, planted_new, planted_growing
    con.close()




def themes_of(con, ids: set[str]) -> set[int]:
    return {r[0] for r in con.execute("select distinct theme_no from fct_topic_members where appeal_id in "
                                      "(select unnest(?))", [sorted(ids)]).fetchall()}


def test_planted_new_and_growing_themes_are_flagged(planted):
    _, con, planted_new, planted_growing = planted
    flags = {r[0]: (r[1], r[2]) for r in con.execute("select theme_no, is_new, is_growing from mart_topics").fetchall()}
    new_themes, growing_themes = themes_of(con, planted_new), themes_of(con, planted_growing)
    assert len(planted_new) >= 10 and len(planted_growing) >= 20
    assert new_themes and all(flags[t] == (True, False) for t in new_themes)
    assert growing_themes and all(flags[t] == (False, True) for t in growing_themes)
    steady = set(flags) - new_themes - growing_themes
    assert steady and not any(flags[t][0] for t in steady)  # nothing else is called new
    assert not new_themes & growing_themes


def test_every_appeal_with_text_has_a_theme_and_every_theme_a_name(planted):
    _, con, _, _ = planted
    with_text = con.execute("select count(*) from fct_appeals where trim(coalesce(text, '')) <> ''").fetchone()[0]
    assert con.execute("select count(*) from fct_topic_members").fetchone()[0] == with_text
    names = con.execute("select lang, count(*), count(*) filter (where label <> '') from mart_topic_names "
                        "group by lang order by lang").fetchall()
    themes = con.execute("select count(*) from mart_topics").fetchone()[0]
    assert [(lang, n) for lang, n, _ in names] == [("en", themes), ("kk", themes), ("ru", themes)]
    assert all(named == themes for _, _, named in names)
    examples = con.execute("select count(*) from fct_topic_members where is_example").fetchone()[0]
    assert themes < examples <= 3 * themes


def test_slices_and_trend_add_up(planted):
    _, con, _, _ = planted
    sizes = dict(con.execute("select theme_no, appeals from mart_topics").fetchall())
    monthly = dict(con.execute("select theme_no, sum(appeals) from mart_topic_monthly group by 1").fetchall())
    assert monthly == sizes
    top_region = con.execute("""select theme_no, appeals from mart_topic_slices
                                where kind = 'region' and place = 1""").fetchall()
    expected = con.execute("""select theme_no, max(n) from (select m.theme_no, a.region_key, count(*) as n
                              from fct_topic_members m join fct_appeals a using (appeal_id) group by all)
                              group by theme_no""").fetchall()
    assert sorted(top_region) == sorted(expected)


def test_mapping_a_theme_to_an_area_feeds_the_classifier(planted):
    settings, con, planted_new, _ = planted
    theme = sorted(themes_of(con, planted_new))[0]
    size = con.execute("select appeals from mart_topics where theme_no = ?", [theme]).fetchone()[0]
    before = dict(con.execute("""select appeal_id, list(area) from fct_appeal_areas group by 1""").fetchall())
    corrections = topics.corrections_for_theme(con, theme, "digital_service", "negative", "analyst-7")
    assert len(corrections) == -(-size // 2)  # the half closest to the centre, rounded up
    for c in corrections:
        assert c.areas["digital_service"] == "negative"
        assert set(before.get(c.text_id, [])) <= set(c.areas)  # the labels it had are kept
        store_correction(con, c.text_id, c.areas, c.analyst, note=c.note, correction_id=c.correction_id)
    build_models(con, settings)
    labelled = {r[0] for r in con.execute("select appeal_id from fct_appeal_areas where area = 'digital_service' "
                                          "and is_corrected").fetchall()}
    assert {c.text_id for c in corrections} <= labelled
    ids = {f"correction-{c.correction_id}" for c in corrections}
    learned = [e for e in corrections_as_examples(con) if e.id in ids]
    assert len(learned) == len(corrections)
    assert all("digital_service" in e.areas for e in learned)


def test_mapping_refuses_unknown_themes_areas_and_shares(planted):
    _, con, _, _ = planted
    with pytest.raises(TyndauError):
        topics.corrections_for_theme(con, 999, "digital_service", "negative", "a")
    with pytest.raises(TyndauError):
        topics.corrections_for_theme(con, 0, "no_such_area", "negative", "a")
    with pytest.raises(TyndauError):
        topics.corrections_for_theme(con, 0, "digital_service", "negative", "a", core_share=0)


def test_vectors_never_reach_the_snapshot(planted):
    settings, con, _, _ = planted
    con.execute("checkpoint")
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path(), con)
    snap = duckdb.connect(settings.resolved_snapshot_path(), read_only=True)
    tables = {r[0] for r in snap.execute("select table_name from duckdb_tables()").fetchall()}
    snap.close()
    assert "text_vectors" not in tables
    assert {"mart_topics", "mart_topic_names", "fct_topic_members", "mart_topic_monthly"} <= tables


def test_cli_lists_in_each_language_and_maps(planted):
    settings, con, planted_new, _ = planted
    con.close()
    db = settings.db_path
    for lang, word in (("kk", "Жаңа"), ("ru", "Новая"), ("en", "New")):
        shown = runner.invoke(app, ["topics", "list", "--db", db, "--lang", lang])
        assert shown.exit_code == 0, shown.output
        assert word in shown.output
    csv = runner.invoke(app, ["topics", "list", "--db", db, "--format", "csv"])
    assert csv.exit_code == 0 and csv.output.splitlines()[0].startswith("theme_no,label,label_language")
    bad = runner.invoke(app, ["topics", "map", "999", "--area", "digital_service", "--analyst", "a", "--db", db])
    assert bad.exit_code == 2 and "No theme 999" in bad.output
    check = connect(db)
    theme = sorted(themes_of(check, planted_new))[0]
    check.close()
    mapped = runner.invoke(app, ["topics", "map", str(theme), "--area", "digital_service", "--analyst", "a",
                                 "--db", db])
    assert mapped.exit_code == 0, mapped.output
    check = connect(db)
    stored = check.execute("select count(*) from label_corrections where analyst = 'a'").fetchone()[0]
    check.close()
    assert stored > 0 and f"{stored} corrections stored" in mapped.output


def test_page_shows_themes_to_every_role_and_texts_only_to_readers(planted):
    import streamlit as st
    from dashboard_support import environment, environment_applied
    from streamlit.testing.v1 import AppTest

    from dashboard.i18n import text

    settings, con, _, _ = planted
    con.execute("checkpoint")
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path(), con)
    new = con.execute("select count(*) from mart_topics where is_new").fetchone()[0]
    app_file = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
    with environment_applied(environment(settings)):
        # Russian for leadership; English for the analyst, whose click makes AppTest re-read every widget
        # with format functions outside a session (where the interface language is the default).
        for role, reads, lang in (("leadership", False, "ru"), ("analyst", True, "en")):
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(app_file, default_timeout=180)
            at.session_state["lang"] = lang
            at.session_state["user"] = {"name": f"test-{role}", "role": role}
            at.run()
            at.switch_page("views/emerging_themes.py")
            at.run()
            assert not at.exception, at.exception
            shown = {m.label: m.value for m in at.metric}
            assert text("topics.new_count", lang) in shown, ([e.value for e in (*at.info, *at.warning, *at.error)], shown)
            assert shown[text("topics.new_count", lang)] == str(new)
            buttons = [b.label for b in at.button]
            assert (text("topics.map_submit", lang) in buttons) is reads
            if reads:
                at.button(key=[b.key for b in at.button if b.label == text("topics.map_submit", lang)][0]).click().run()
                assert not at.exception, at.exception
                from warehouse import inbox

                queued = inbox.pending(settings.resolved_inbox_dir())
                theme = at.selectbox(key="topics.theme").value
                size = con.execute("select appeals from mart_topics where theme_no = ?", [theme]).fetchone()[0]
                assert len(queued) == -(-size // 2) and all(c.analyst == "test-analyst" for _, c in queued)


def test_the_api_lists_the_themes_their_months_and_slices_as_the_page_does(planted, tmp_path):
    """In process (fastapi's TestClient); tests/test_api.py runs the same app as a real server."""
    from fastapi.testclient import TestClient

    from api import tokens
    from api.app import create_app
    from dashboard.users import add_user

    settings, con, _, _ = planted
    con.execute("checkpoint")
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path(), con)
    settings = dataclasses.replace(settings, users_file=str(tmp_path / "users.toml"))
    add_user(settings.users_file, "leader", "leadership", "leader-pass-1")
    token, _ = tokens.issue(tokens.tokens_path(settings.users_file), settings.users_file, "leader")
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {token}"}) as http:
        assert http.get("/v1/topics", headers={"Authorization": ""}).status_code == 401
        listed = http.get("/v1/topics", params={"lang": "ru", "limit": 1000}).json()
        expected = topics.theme_table(con, "ru")
        assert listed["total"] == expected.height > DIRECTIONS
        assert [t["theme_no"] for t in listed["items"]] == expected["theme_no"].to_list()
        assert [t["label"] for t in listed["items"]] == expected["label"].to_list()
        assert listed["items"][0]["is_new"], "new themes come first"
        theme = listed["items"][0]["theme_no"]
        months = http.get(f"/v1/topics/{theme}/monthly", params={"limit": 1000}).json()["items"]
        assert sum(m["appeals"] for m in months) == listed["items"][0]["appeals"]
        slices = http.get(f"/v1/topics/{theme}/slices", params={"lang": "kk"}).json()["items"]
        assert {s["kind"] for s in slices} == {"agency", "region"}
        assert [s["name"] for s in slices] == topics.theme_slices(con, theme, "kk")["name"].to_list()
        missing = http.get("/v1/topics/999/monthly")
        assert missing.status_code == 400 and "No theme 999" in missing.json()["detail"]
        assert "tyndau topics list" in missing.json()["hint"]
