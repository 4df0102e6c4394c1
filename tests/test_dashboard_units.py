"""The dashboard's pieces without a browser: users, escaping, the corrections inbox, the audit log,
the snapshot reader, the offline search extension, text groups and the registry's seams."""

from __future__ import annotations

import os
import stat
import threading

import duckdb
import polars as pl
import pytest

from dashboard import evidence, registry
from dashboard.users import UsersFileError, add_user, authenticate, load_entries, user_by_email
from insights.scope import Filters
from insights.textgroups import group_members, group_texts
from warehouse import audit, inbox
from warehouse.search import build_search_index, fts_extension_file, load_fts

# ---------------------------------------------------------------- users


def test_users_file_holds_argon2_hashes_only_and_is_private(tmp_path):
    path = tmp_path / "users.toml"
    add_user(path, "aigerim", "analyst", "correct horse battery", display_name='Айгерім "А"',
             email="Aigerim@example.kz")
    text = path.read_text(encoding="utf-8")
    assert "correct horse battery" not in text and "$argon2id$" in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert authenticate(path, "aigerim", "correct horse battery").role == "analyst"
    assert authenticate(path, "aigerim", "wrong") is None
    assert authenticate(path, "nobody", "correct horse battery") is None
    assert user_by_email(path, "aigerim@EXAMPLE.kz").display_name == 'Айгерім "А"'


def test_users_file_refuses_unknown_roles_short_passwords_and_silent_replacement(tmp_path):
    path = tmp_path / "users.toml"
    with pytest.raises(UsersFileError, match="Unknown role"):
        add_user(path, "x1", "boss", "long enough password")
    with pytest.raises(UsersFileError, match="at least"):
        add_user(path, "x1", "admin", "short")
    add_user(path, "x1", "admin", "long enough password")
    with pytest.raises(UsersFileError, match="already exists"):
        add_user(path, "x1", "analyst", "another long password")
    add_user(path, "x1", "analyst", "another long password", replace=True)
    assert load_entries(path)["x1"]["role"] == "analyst"


def test_the_cli_adds_a_user_from_stdin(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from tyndau.cli import app

    monkeypatch.setenv("TYNDAU_USERS_FILE", str(tmp_path / "u.toml"))
    result = CliRunner().invoke(app, ["users", "add", "lead", "--role", "leadership", "--password-stdin"],
                                input="a long passphrase\n")
    assert result.exit_code == 0, result.output
    assert authenticate(tmp_path / "u.toml", "lead", "a long passphrase").role == "leadership"
    bad = CliRunner().invoke(app, ["users", "add", "xx", "--role", "boss", "--password-stdin"], input="long password\n")
    assert bad.exit_code == 2 and "Roles:" in bad.output


# ---------------------------------------------------------------- nothing a citizen writes becomes HTML


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
    "</div><iframe src=javascript:alert(1)>", "<mark title='x' onclick='alert(1)'>",
])
def test_highlighting_escapes_before_it_marks(hostile):
    text = f"Пандус жоқ {hostile} ответ не пришёл"
    spans = evidence.keyword_spans(text, ["inclusiveness", "responsiveness"]) + evidence.query_spans(text, "пандус")
    html = evidence.highlight_html(text, spans, lambda a: f"<b>{a}</b>", "<i>query</i>")
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert "onclick='" not in html and "<b>" not in html and "<i>" not in html
    assert html.count("<mark") == html.count("</mark>") >= 1


def test_evidence_marks_whole_words_from_stems_and_model_spans():
    text = "Ответа нет уже месяц, пандуса тоже нет."
    marked = evidence.merge(evidence.keyword_spans(text, ["responsiveness"]))
    assert any(text[s.start:s.end] == "Ответа" for s in marked)

    class Ev:
        text = "пандуса"

    spans = evidence.model_spans(text, {"inclusiveness": [Ev()]})
    assert [(text[s.start:s.end], s.area, s.source) for s in spans] == [("пандуса", "inclusiveness", "model")]


# ---------------------------------------------------------------- corrections inbox and audit log


def test_corrections_wait_in_the_inbox_until_the_writer_stores_them(tmp_path):
    folder = tmp_path / "inbox"
    first = inbox.enqueue(folder, inbox.Correction("s:1", {"anti_corruption": "negative"}, "aigerim"))
    inbox.enqueue(folder, inbox.Correction("s:2", {}, "aigerim", note="a plain request"))
    assert [c.text_id for _, c in inbox.pending(folder)] == ["s:1", "s:2"]
    assert not list(folder.glob(".*.tmp")), "written atomically: no temporary file left behind"
    stored = []

    def store(c):
        if c.text_id == "s:2":
            raise inbox.CorrectionError("the writer refused it")
        stored.append(c)

    assert inbox.apply_pending(folder, store) == {"applied": 1, "failed": 1}
    assert [c.areas for c in stored] == [{"anti_corruption": "negative"}]
    assert inbox.pending(folder) == []
    assert (folder / "applied" / first.name).exists()
    assert "refused" in next((folder / "failed").glob("*.reason.txt")).read_text()


def test_a_correction_with_labels_outside_the_model_is_refused():
    with pytest.raises(inbox.CorrectionError):
        inbox.Correction("s:1", {"bribery": "negative"}, "a")
    with pytest.raises(inbox.CorrectionError):
        inbox.Correction("s:1", {"anti_corruption": "angry"}, "a")


def test_the_audit_log_is_append_only_and_survives_concurrent_writers(tmp_path):
    path = tmp_path / "tyndau.audit.jsonl"

    def write(n):
        for i in range(25):
            audit.append(path, audit.AuditRecord(f"user{n}", "analyst", "read", "search", (f"s:{n}-{i}",), "q"))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    records = audit.read(path)
    assert len(records) == 100 and {r["appeal_count"] for r in records} == {1}
    assert [r["user"] for r in audit.views_of(path, ["s:2-7"])] == ["user2"]


def test_an_unwritable_audit_log_is_an_error_not_a_silent_view(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(audit.AuditError):
        audit.append(blocked / "audit.jsonl", audit.AuditRecord("u", "analyst", "read", "search"))


# ---------------------------------------------------------------- snapshot and search


def test_the_snapshot_reader_follows_a_new_snapshot_while_the_writer_holds_the_warehouse(tmp_path):
    from dashboard.data import SnapshotReader
    from warehouse.db import publish_snapshot

    main, snap = tmp_path / "w.duckdb", tmp_path / "w.snapshot.duckdb"
    writer = duckdb.connect(str(main))
    writer.execute("create table t as select 1 as x")
    writer.execute("checkpoint")
    publish_snapshot(main, snap)
    reader = SnapshotReader(str(snap))
    version, cursor = reader.cursor()
    assert cursor.execute("select count(*) from t").fetchone()[0] == 1
    writer.execute("insert into t values (2)")  # the writer keeps its lock: the reader is not blocked
    writer.execute("checkpoint")
    publish_snapshot(main, snap)
    new_version, cursor2 = reader.cursor()
    assert new_version != version
    assert cursor2.execute("select count(*) from t").fetchone()[0] == 2
    assert cursor.execute("select count(*) from t").fetchone()[0] == 1, "a running reader finishes on the old file"
    writer.close()


def test_full_text_search_loads_offline_from_the_pip_package_and_respects_filters(tmp_path):
    from datetime import date

    from insights.themes import search_texts

    assert fts_extension_file().name == "fts.duckdb_extension"
    assert f"v{duckdb.__version__}" in str(fts_extension_file())
    con = duckdb.connect(str(tmp_path / "s.duckdb"))
    con.execute("""create table fct_appeals as select appeal_id, text, language,
        date '2025-01-01' as registered_month, timestamp '2025-01-02 10:00' as registered_at,
        'A-1' as agency_key, 'Akimat' as agency, '31' as region_key, 'Zhambyl' as region,
        'e-Otinish' as channel, 'complaint' as appeal_type from (values
        ('a:1', 'Ғимаратта пандус жоқ', 'kk'), ('a:2', 'Нет пандуса у входа, пандуса нет совсем', 'ru'),
        ('a:3', 'Ответа нет', 'ru')) t(appeal_id, text, language)""")
    build_search_index(con)
    con.close()
    reader = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    load_fts(reader)
    found = search_texts(reader, "пандусы", Filters(), 10)
    assert found["appeal_id"].to_list() == ["a:2", "a:1"], "Russian stemming finds both; two mentions rank first"
    assert (found["score"] > 0).all()
    macro = dict(reader.execute("""select appeal_id, fts_main_fct_appeals.match_bm25(appeal_id, 'пандусы')
                                   from fct_appeals""").fetchall())
    assert found["score"].to_list() == pytest.approx([macro["a:2"], macro["a:1"]]), "the same BM25 as fts"
    assert search_texts(reader, "пандусы", Filters(languages=("kk",)), 10)["appeal_id"].to_list() == ["a:1"]
    assert search_texts(reader, "пандусы", Filters(date(2025, 2, 1), date(2025, 2, 28)), 10).height == 0
    assert search_texts(reader, "'; drop table fct_appeals; --", Filters(), 10).height == 0


@pytest.mark.parametrize("numbering", ["registration order", "permuted"])
def test_search_within_a_period_and_filters_ranks_exactly_as_fts_does(tmp_path, numbering):
    """The build numbers documents in registration order, so the search reads only the period's
    range of document numbers; numbers in any other order (a copied index, bench/scale_up.py) fall
    back to the filter join. Either way the texts and scores are fts's own match_bm25 within the
    filters, best first."""
    from datetime import date

    from insights.themes import _document_span, search_texts

    words = ["ответ", "пандус", "очередь", "жауап", "кезек", "грубо"]
    con = duckdb.connect(str(tmp_path / "s.duckdb"))
    con.execute(f"""create table fct_appeals as
        select 'a:' || i as appeal_id, registered_at, date_trunc('month', registered_at)::date as registered_month,
               list_aggregate([{', '.join(f"'{w}'" for w in words)}][(i % 6) + 1 : (i % 6) + 1 + i % 3], 'string_agg', ' ')
                 || ' ' || repeat('ответ ', i % 4) as text,
               ['kk', 'ru'][(i % 2) + 1] as language, 'A-' || (i % 3) as agency_key, 'Akimat' as agency,
               '31' as region_key, 'Zhambyl' as region, 'e-Otinish' as channel, 'complaint' as appeal_type
        from (select range as i, timestamp '2025-01-01' + to_hours(range * 7) as registered_at from range(900)) t
        order by hash(appeal_id)""")
    build_search_index(con)
    if numbering == "permuted":  # 7919 is prime to 900: a permutation of 1..900
        for table in ("doc_filters", "postings"):
            con.execute(f"update fts_main_fct_appeals.{table} set docno = (docno * 7919) % 900 + 1")
    february = Filters(date(2025, 2, 1), date(2025, 2, 28))
    assert _document_span(con, february)[2] == (numbering == "registration order")
    con.close()
    reader = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    load_fts(reader)
    for query, f in [("ответ", Filters(date(2025, 2, 1), date(2025, 3, 31))),
                     ("пандус очередь", Filters(date(2025, 1, 1), date(2025, 1, 31))),
                     ("жауап ответ", Filters(date(2025, 2, 1), date(2025, 2, 28), languages=("kk",))),
                     ("кезек", Filters(agencies=("A-1",))), ("грубо", Filters())]:
        found = search_texts(reader, query, f, 20)
        months = "true" if not f.date_from else f"registered_month between '{f.date_from}' and '{f.date_to}'"
        extra = "".join(f" and {c} in ({', '.join(repr(v) for v in vs)})"
                        for c, vs in (("language", f.languages), ("agency_key", f.agencies)) if vs)
        expected = reader.execute(f"""
            select appeal_id, score from (
                select appeal_id, fts_main_fct_appeals.match_bm25(appeal_id, ?) as score from fct_appeals
                where {months}{extra}) where score is not null order by score desc, appeal_id limit 20""",
                                  [query]).fetchall()
        assert len(expected) == 20, query
        assert found["score"].to_list() == pytest.approx([e[1] for e in expected]), query
        assert set(found["appeal_id"]) <= {e[0] for e in reader.execute(
            f"select appeal_id from fct_appeals where {months}{extra}").fetchall()}, query
        top_ties = {e[0] for e in expected if e[1] > expected[-1][1] + 1e-9}
        assert top_ties <= set(found["appeal_id"]), query


# ---------------------------------------------------------------- text groups


def test_similar_texts_fall_in_one_group_and_the_grouping_is_deterministic():
    ramp = ["Ғимаратта пандус жоқ, арбамен кіре алмаймын.", "Пандус жоқ, арбамен кіре алмаймын, көмектесіңіз.",
            "Здравствуйте. Ғимаратта пандус жоқ, арбамен кіре алмаймын."] * 4
    queue = ["Пожилой маме пришлось два часа стоять в очереди, стульев нет.",
             "Мама два часа стояла в очереди, стульев нет совсем."] * 5
    first, again = group_texts(ramp + queue), group_texts(ramp + queue)
    assert list(first.group) == list(again.group)
    assert len(set(first.group[:len(ramp)])) == 1 and len(set(first.group[len(ramp):])) == 1
    assert first.group[0] != first.group[-1]
    assert "пандус" in first.labels[first.group[0]]
    assert ", " in first.labels[first.group[0]] and " · " not in first.labels[first.group[0]]
    ramp_sentence = first.sentences[first.group[0]]
    assert "Пандус жоқ" in ramp_sentence or "пандус жоқ" in ramp_sentence, "named by a citizen's own sentence"
    assert ramp_sentence in {s for text in ramp for s in text.replace("Здравствуйте. ", "").split("\n")}
    assert "стульев" in first.sentences[first.group[-1]]


def test_group_members_mark_examples_per_group():
    frame = pl.DataFrame({"appeal_id": [f"a:{i}" for i in range(12)], "area": ["inclusiveness"] * 12,
                          "text": ["пандус жоқ арбамен"] * 6 + ["очередь стульев нет"] * 6})
    members = group_members(frame)
    assert members.height == 12 and members.group_by("group_no").agg(pl.col("is_example").sum())["is_example"].max() <= 3


# ---------------------------------------------------------------- seams


def test_a_new_page_plugs_in_with_one_registration(monkeypatch):
    monkeypatch.setattr(registry, "PAGES", list(registry.PAGES))
    spec = registry.register(registry.PageSpec("extra", "views/extra.py", "page.overview", ":material/star:",
                                               frozenset({"training_planner"}), section="section.monitoring"))
    assert spec in registry.pages_for("training_planner") and spec not in registry.pages_for("leadership")
    with pytest.raises(ValueError, match="Two pages"):
        registry.register(spec)
    with pytest.raises(ValueError, match="unknown filter"):
        registry.PageSpec("x", "views/x.py", "page.overview", "", frozenset({"admin"}), filters=("colour",))


def test_the_previous_period_of_whole_months_is_whole_months():
    from datetime import date

    assert Filters(date(2025, 1, 1), date(2025, 12, 31)).previous_period().date_from == date(2024, 1, 1)
    assert Filters(date(2025, 3, 1), date(2025, 4, 30)).previous_period().date_to == date(2025, 2, 28)


def test_demo_loads_the_shipped_sample_builds_and_creates_one_user_per_role(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from dashboard.users import ROLES
    from tyndau.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TYNDAU_MODEL_DIR", str(tmp_path / "no-model"))
    result = CliRunner().invoke(app, ["demo", "--no-train", "--no-serve", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "appeals.csv" in result.output and "No classifier" in result.output
    assert (tmp_path / "demo" / "tyndau.snapshot.duckdb").exists()
    entries = load_entries(tmp_path / "demo" / "users.toml")
    assert sorted(e["role"] for e in entries.values()) == sorted(ROLES)
    con = duckdb.connect(str(tmp_path / "demo" / "tyndau.snapshot.duckdb"), read_only=True)
    assert con.execute("select count(*) from mart_responsiveness").fetchone()[0] > 0
    again = CliRunner().invoke(app, ["demo", "--no-train", "--no-serve", "--dir", str(tmp_path / "demo")])
    assert again.exit_code == 0 and "(unchanged)" in again.output, "a second run keeps the users and reloads nothing"


# ---------------------------------------------------------------- staying signed in


def test_a_session_token_signs_in_its_user_until_it_expires_and_refuses_any_edit(tmp_path):
    import base64
    import json

    from dashboard import session

    key = session.signing_key(tmp_path / "users.toml", 0o600)
    assert (tmp_path / "users.session-key").stat().st_mode & 0o777 == 0o600
    assert session.signing_key(tmp_path / "users.toml", 0o600) == key, "one key per deployment, made once"
    token = session.issue("analyst", key, hours=1, now=1_000_000)
    assert session.verify(token, key, now=1_000_000 + 3599) == "analyst"
    assert session.verify(token, key, now=1_000_000 + 3601) is None, "expired"
    body, signature = token.split(".")
    forged = base64.urlsafe_b64encode(json.dumps({"u": "admin", "exp": 9_999_999_999}).encode()).decode().rstrip("=")
    assert session.verify(f"{forged}.{signature}", key, now=1_000_000) is None, "another user's name, old signature"
    assert session.verify(token, b"another deployment's key", now=1_000_000) is None
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    assert session.verify(f"{body}.{flipped}", key, now=1_000_000) is None, "an edited signature"
    assert session.verify("garbage", key) is None and session.verify(None, key) is None


def test_a_restored_session_takes_the_role_the_users_file_gives_now(tmp_path):
    from dashboard.users import add_user, user_named, write_entries

    users = tmp_path / "users.toml"
    add_user(users, "someone", "analyst", "a-long-password")
    assert user_named(users, "someone").role == "analyst"
    add_user(users, "someone", "leadership", "a-long-password", replace=True)
    assert user_named(users, "someone").role == "leadership"
    write_entries(users, {})
    assert user_named(users, "someone") is None, "a removed user's cookie signs nobody in"
