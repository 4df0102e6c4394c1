"""Who can read what on the server: file modes, the snapshot's contents, the hashing salt, and the
server-side login lockout (issue 10, "Trust")."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from dashboard import lockout
from dashboard.users import add_user
from tyndau.cli import app
from warehouse import audit
from warehouse.config import DEFAULT_SALT, WeakSaltError, load_settings
from warehouse.db import connect, in_snapshot, migrate, publish_snapshot

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "dashboard" / "app.py")
GOOD_CSV = REPO / "tests" / "bad_inputs" / "bad_values.csv"  # one good row, two rejected
SALT = "test-salt-not-for-deployment"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def cli(*args: str, env: dict[str, str] | None = None):
    return CliRunner(env={"TYNDAU_CONFIG": "/nonexistent/tyndau.toml", **(env or {})}).invoke(app, list(args))


def said(result) -> str:
    """The output as one line (rich wraps messages at the terminal's width)."""
    return " ".join(result.output.split())


def ingest_args(db: Path) -> list[str]:
    return ["ingest", str(GOOD_CSV), "-m", "eotinish-sample", "--db", str(db)]


# ---------------------------------------------------------------- file modes


@pytest.fixture
def open_umask():
    """Run with the permissive umask most servers have, so the modes seen are the code's doing."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_ingest_and_build_leave_warehouse_snapshot_and_audit_log_private(tmp_path, open_umask):
    db = tmp_path / "w.duckdb"
    assert cli("init", "--db", str(db)).exit_code == 0
    result = cli(*ingest_args(db), env={"TYNDAU_SALT": SALT})
    assert result.exit_code == 0, result.output
    assert cli("build", "--db", str(db), env={"TYNDAU_SALT": SALT}).exit_code == 0
    snapshot = tmp_path / "w.snapshot.duckdb"
    created = [p for p in tmp_path.iterdir() if p.name.startswith("w.")]
    assert {db, snapshot} <= set(created)
    assert {p.name: oct(mode_of(p)) for p in created} == {p.name: oct(0o600) for p in created}
    log = tmp_path / "w.audit.jsonl"
    audit.append(log, audit.AuditRecord("u", "analyst", "read", "search", ("a:1",)))
    assert mode_of(log) == 0o600


def test_files_are_group_readable_only_when_configured(tmp_path, open_umask):
    config = tmp_path / "tyndau.toml"
    config.write_text(f'[tyndau]\ngroup_readable_files = true\nsalt = "{SALT}"\n', encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert cli("init", "--db", str(db), "--config", str(config)).exit_code == 0
    settings = load_settings(config, db_path=str(db))
    assert settings.file_mode == 0o640
    assert mode_of(db) == 0o640 and mode_of(Path(settings.resolved_snapshot_path())) == 0o640
    audit.append(settings.resolved_audit_log_path(), audit.AuditRecord("u", "analyst", "read", "search"),
                 settings.file_mode)
    assert mode_of(Path(settings.resolved_audit_log_path())) == 0o640


def test_existing_world_readable_files_are_tightened_when_opened_for_writing(tmp_path, open_umask):
    db, log = tmp_path / "w.duckdb", tmp_path / "w.audit.jsonl"
    connect(db).close()
    log.write_text("", encoding="utf-8")
    for path in (db, log):
        os.chmod(path, 0o644)
    connect(db).close()
    audit.append(log, audit.AuditRecord("u", "analyst", "read", "search"), 0o600)
    assert mode_of(db) == 0o600 and mode_of(log) == 0o600


def test_the_wal_duckdb_writes_itself_is_private(tmp_path, open_umask):
    db = tmp_path / "w.duckdb"
    con = connect(db)
    con.execute("create table t as select 1 as x")  # before a checkpoint, the change sits in the .wal
    wal = tmp_path / "w.duckdb.wal"
    assert wal.exists()
    assert mode_of(wal) == 0o600
    con.close()


def test_users_file_written_by_the_cli_is_private(tmp_path, open_umask):
    users = tmp_path / "users.toml"
    result = CliRunner(env={"TYNDAU_USERS_FILE": str(users), "TYNDAU_CONFIG": "/nonexistent/tyndau.toml"}).invoke(
        app, ["users", "add", "aigerim", "--role", "analyst", "--password-stdin"], input="long enough password\n")
    assert result.exit_code == 0, result.output
    assert mode_of(users) == 0o600
    assert not list(tmp_path.glob("*.tmp"))


# ---------------------------------------------------------------- what the snapshot holds


def insert_raw_answer(con, free_text: str) -> None:
    con.execute("insert into raw_survey_responses (source, response_id, item_id, free_text, row_hash, source_file, "
                "load_run_id, loaded_at) values ('s', 'r1', 'i1', ?, 'h', 'f.csv', 1, now())", [free_text])
    con.execute("checkpoint")


def test_the_snapshot_holds_no_raw_answers_payloads_or_originals(con, settings, tmp_path):
    insert_raw_answer(con, "a comment")
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path(), con)
    snap = duckdb.connect(settings.resolved_snapshot_path(), read_only=True)
    tables = {r[0] for r in snap.execute("select table_name from duckdb_tables()").fetchall()}
    assert "raw_survey_responses" not in tables
    assert not {"raw_appeals", "raw_appeal_events", "original_texts", "stg_survey_responses"} & tables
    assert {"ref_competency_areas", "load_runs", "rejected_rows", "schema_migrations"} <= tables
    snap.close()


def test_the_snapshot_file_carries_no_bytes_of_a_raw_answer(con, settings):
    marker = "RAW-ANSWER-MARKER-" + "x" * 40  # long enough to be stored uncompressed as one string
    insert_raw_answer(con, marker)
    assert marker.encode() in Path(settings.db_path).read_bytes()  # the check below can see such a string
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path(), con)
    assert marker.encode() not in Path(settings.resolved_snapshot_path()).read_bytes()


def test_rejected_rows_reach_the_snapshot_without_their_raw_record(tmp_path):
    db = tmp_path / "w.duckdb"
    assert cli(*ingest_args(db), env={"TYNDAU_SALT": SALT}).exit_code == 0  # two rows rejected
    main = duckdb.connect(str(db), read_only=True)
    rejections, with_record = main.execute("select count(*), count(raw_record) from rejected_rows").fetchone()
    main.close()
    assert rejections >= 2 and with_record == rejections
    snap = duckdb.connect(str(tmp_path / "w.snapshot.duckdb"), read_only=True)
    assert snap.execute("select count(*), count(raw_record) from rejected_rows").fetchone() == (rejections, 0)


def test_tables_the_dashboard_reads_stay_in_the_snapshot():
    read_by_dashboard = ["fct_appeals", "mart_360_scores", "fct_360_comments", "dim_agencies", "ref_calendar",
                         "stg_course_sessions", "stg_training_courses", "text_classifications",
                         "classification_failures", "rejected_rows", "load_runs", "schema_migrations", "docs"]
    assert all(in_snapshot(t) for t in read_by_dashboard)
    assert not any(in_snapshot(t) for t in ["raw_survey_responses", "raw_appeals", "raw_appeal_events",
                                            "original_texts", "stg_survey_responses", "int_360_answers"])


def test_no_excluded_table_is_named_in_the_dashboards_queries():
    """The pages' SQL (the read side the dashboard imports) must not need a table the snapshot lacks."""
    import re

    # insights/status.py is `tyndau status` reading the warehouse itself (raw and staging tables), never a page
    sources = [p for p in (REPO / "insights").rglob("*.py") if p.name != "status.py"] + [REPO / "warehouse" / "search.py"]
    sources += list((REPO / "dashboard").rglob("*.py"))
    named = set()
    for path in sources:
        named |= set(re.findall(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", path.read_text(encoding="utf-8")))
    assert {"fct_appeals", "mart_360_scores", "load_runs", "stg_course_sessions"} <= named  # the scan sees tables
    assert sorted(t for t in named if not in_snapshot(t)) == []


# ---------------------------------------------------------------- the salt


def test_ingest_with_the_default_salt_refuses_and_writes_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    result = cli(*ingest_args(db), env={"TYNDAU_SALT": DEFAULT_SALT})
    assert result.exit_code == 2
    assert "the salt is the shipped default" in said(result)
    assert "TYNDAU_SALT" in said(result) and 'under [tyndau] in tyndau.toml' in said(result)
    assert list(tmp_path.iterdir()) == []


def test_ingest_with_a_short_salt_refuses_and_leaves_an_existing_warehouse_as_it_was(tmp_path):
    db = tmp_path / "w.duckdb"
    assert cli("init", "--db", str(db)).exit_code == 0
    before = db.read_bytes()
    result = cli(*ingest_args(db), env={"TYNDAU_SALT": "short-salt"})
    assert result.exit_code == 2 and "too short (10 characters" in said(result)
    assert db.read_bytes() == before


def test_ingest_with_a_proper_salt_loads(tmp_path):
    db = tmp_path / "w.duckdb"
    result = cli(*ingest_args(db), env={"TYNDAU_SALT": SALT})
    assert result.exit_code == 0, result.output
    assert "inserted 1" in said(result)


def test_the_pipeline_itself_refuses_the_default_salt(con, settings, tmp_path):
    """Not only the CLI: any caller of the pipeline (connectors, the sample loader) is refused."""
    from dataclasses import replace

    from ingestion.pipeline import ingest
    from ingestion.registry import make_connector

    runs_before = con.execute("select count(*) from load_runs").fetchone()[0]
    with pytest.raises(WeakSaltError):
        ingest(con, make_connector("file", str(GOOD_CSV), "eotinish-sample", {}), replace(settings, salt=DEFAULT_SALT))
    assert con.execute("select count(*) from load_runs").fetchone()[0] == runs_before


def test_config_shows_whether_the_salt_is_usable_but_never_the_salt():
    weak = cli("config", env={"TYNDAU_SALT": DEFAULT_SALT})
    assert weak.exit_code == 0
    assert "salt = *** (REFUSED: the salt is the shipped default)" in said(weak)
    assert "warning:" in said(weak) and "TYNDAU_SALT" in said(weak) and "[tyndau]" in said(weak)
    assert said(cli("config", env={"TYNDAU_SALT": "abc"})).count("too short (3 characters") == 2
    good = cli("config", env={"TYNDAU_SALT": SALT})
    assert "salt = *** (set; at least 16 characters)" in said(good)
    assert SALT not in said(good) and "warning:" not in said(good)
    assert DEFAULT_SALT not in said(weak).replace("`", "")


# ---------------------------------------------------------------- login lockout on the server


def test_the_delay_starts_after_three_failures_and_grows_to_a_cap():
    delays = [lockout.delay_after(n) for n in range(1, 12)]
    assert delays[:2] == [0, 0] and delays[2] > 0
    assert all(b == min(2 * a, lockout.MAX_DELAY) for a, b in zip(delays[2:], delays[3:]))
    assert delays[-1] == lockout.MAX_DELAY == lockout.delay_after(100)


def test_failures_lock_the_user_and_the_address_and_success_resets(tmp_path):
    throttle = lockout.LoginThrottle(tmp_path / "users.auth-state.sqlite3")
    keys = [lockout.user_key("aigerim"), lockout.address_key("10.0.0.7")]
    now = 1_000_000.0
    for i in range(3):
        assert throttle.begin_attempt(keys, now + i) == 0
    first_wait = throttle.wait_seconds(keys, now + 2)
    assert first_wait == lockout.BASE_DELAY
    assert throttle.begin_attempt(keys, now + 3) > 0, "locked: the password is not even checked"
    assert throttle.wait_seconds([lockout.user_key("aigerim")], now + 3) > 0
    assert throttle.wait_seconds([lockout.user_key("other"), lockout.address_key("10.0.0.7")], now + 3) > 0
    assert throttle.wait_seconds([lockout.user_key("other"), lockout.address_key("10.0.0.8")], now + 3) == 0
    later = now + 2 + first_wait
    assert throttle.begin_attempt(keys, later) == 0  # the fourth failure...
    assert throttle.wait_seconds(keys, later) == 2 * first_wait  # ...doubles the wait
    throttle.succeeded(keys)
    assert throttle.wait_seconds(keys, later) == 0
    assert mode_of(tmp_path / "users.auth-state.sqlite3") == 0o600


def test_the_count_is_shared_by_concurrent_processes(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    path = tmp_path / "state.sqlite3"
    with ProcessPoolExecutor(2) as pool:
        waits = list(pool.map(_attempt, [str(path)] * 8))
    assert waits.count(0) == 3, "exactly the free attempts get through, however they interleave"


def _attempt(path: str) -> float:
    return lockout.LoginThrottle(path).begin_attempt([lockout.user_key("aigerim")], 1_000_000.0)


@pytest.fixture
def login_app(tmp_path, monkeypatch):
    """A dashboard with one user and no warehouse (the login page needs none)."""
    import streamlit as st

    users = tmp_path / "users.toml"
    add_user(users, "aigerim", "analyst", "correct horse battery")
    monkeypatch.setenv("TYNDAU_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("TYNDAU_USERS_FILE", str(users))
    monkeypatch.setenv("TYNDAU_DB_PATH", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("TYNDAU_DASHBOARD_LANGUAGE", "en")

    def fresh_session() -> AppTest:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["lang"] = "en"
        at.run()
        return at

    return fresh_session


def log_in(at: AppTest, password: str) -> list[str]:
    at.text_input(key="login_name").input("aigerim")
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Log in").click().run()
    return [e.value for e in at.error]


def test_a_fresh_session_still_sees_the_lockout_and_the_right_password_waits(login_app, tmp_path):
    first = login_app()
    for _ in range(3):
        assert log_in(first, "wrong password") == ["Wrong user name or password."]
    second = login_app()  # a new browser tab: a new session, nothing in its session_state
    errors = log_in(second, "correct horse battery")
    assert len(errors) == 1 and errors[0].startswith("Too many failed attempts. Try again in ")
    assert "user" not in second.session_state
    assert mode_of(tmp_path / "users.auth-state.sqlite3") == 0o600


def test_a_successful_login_clears_the_count(login_app):
    at = login_app()
    for _ in range(2):
        log_in(at, "wrong password")
    errors = log_in(at, "correct horse battery")  # then the overview says there is no warehouse: none is needed here
    assert not [e for e in errors if e.startswith(("Wrong", "Too many"))], errors
    assert at.session_state["user"]["name"] == "aigerim"
    again = login_app()
    for _ in range(2):
        assert log_in(again, "wrong password") == ["Wrong user name or password."], "two more free failures"


def test_the_demo_makes_its_own_salt_once_and_keeps_it_private(tmp_path, open_umask):
    from tyndau.cli import _demo_salt

    salt = _demo_salt(tmp_path)
    assert load_settings(tmp_path / "none.toml", salt=salt).salt_problem() is None
    assert _demo_salt(tmp_path) == salt, "a second demo run hashes the same applicant the same way"
    assert mode_of(tmp_path / "demo.salt") == 0o600
    assert _demo_salt(tmp_path / "other") != salt


@pytest.mark.parametrize(("behind_proxy", "headers", "remote", "expected"), [
    (False, {"X-Forwarded-For": "1.2.3.4"}, "10.0.0.9", "10.0.0.9"),  # the header is ignored unless configured
    (True, {"X-Forwarded-For": "6.6.6.6, 1.2.3.4"}, "10.0.0.1", "1.2.3.4"),  # the entry the proxy appended
    (True, {}, "10.0.0.1", None),  # the proxy's own address would lump everyone together
    (False, {}, None, None),  # no request: per-user counting only
])
def test_the_client_address_follows_the_proxy_setting(monkeypatch, behind_proxy, headers, remote, expected):
    from types import SimpleNamespace

    from dashboard import auth

    monkeypatch.setattr(auth, "st", SimpleNamespace(context=SimpleNamespace(headers=headers, ip_address=remote)))
    assert auth.client_address(behind_proxy) == expected
    keys = auth._throttle_keys("aigerim", behind_proxy)
    assert keys == ["user:aigerim"] + ([f"address:{expected}"] if expected else [])
