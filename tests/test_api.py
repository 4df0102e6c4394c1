"""The read-only API as a client sees it: `tyndau api` in a subprocess on 127.0.0.1, called with httpx.

One warehouse per module (the dashboard tests' sample, labelled with the generator's truth), one
token per role issued through the CLI. Numbers are compared with the insights functions run
directly on the same snapshot, so the API cannot drift from the dashboard. The server trusts
X-Forwarded-For here (behind_proxy), so the lockout test locks a documentation address of its
own and leaves 127.0.0.1 free for the other tests.
"""

from __future__ import annotations

import os
import stat
import subprocess
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import httpx
import polars as pl
import pytest
from dashboard_support import build_warehouse, environment
from test_dashboard_browser import free_port, stop, tyndau_command
from typer.testing import CliRunner

from api import tokens
from dashboard.lockout import FREE_FAILURES
from insights import alerts, responsiveness, themes
from insights.scope import Filters
from tyndau.cli import app as cli
from warehouse import audit

pytestmark = pytest.mark.slow
STARTUP_SECONDS = 60
ROLE_USERS = {"leadership": "leader", "analyst": "analyst", "training_planner": "planner", "admin": "admin"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    settings = build_warehouse(tmp_path_factory.mktemp("api"))
    env = {**environment(settings), "TYNDAU_BEHIND_PROXY": "true"}
    issued = {}
    runner = CliRunner(env=env)
    for role, user in ROLE_USERS.items():
        result = runner.invoke(cli, ["api-tokens", "add", "--user", user, "--label", f"test {role}"])
        assert result.exit_code == 0, result.output
        issued[role] = result.stdout.strip().splitlines()[-1]
    return settings, env, issued


@pytest.fixture(scope="module")
def server(warehouse, tmp_path_factory):
    settings, env, issued = warehouse
    port = free_port()
    log = tmp_path_factory.mktemp("api-log") / "api.log"
    process = subprocess.Popen([*tyndau_command(), "api", "--port", str(port), "--host", "127.0.0.1"],
                               env={**os.environ, **env, "PYTHONUNBUFFERED": "1"}, stdout=log.open("w"),
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process, log)
        yield url, settings, issued
    finally:
        stop(process)


def wait_for_health(url: str, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"`tyndau api` exited with {process.returncode}:\n{log.read_text()}"
        try:
            if httpx.get(f"{url}/v1/health", timeout=2).json() == {"status": "ok"}:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise AssertionError(f"`tyndau api` did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


def client(server, role: str | None) -> httpx.Client:
    url, _, issued = server
    headers = {"Authorization": f"Bearer {issued[role]}"} if role else {}
    return httpx.Client(base_url=url, headers=headers, timeout=60)


def on_snapshot(settings, fn, *args, **kwargs):
    con = duckdb.connect(settings.resolved_snapshot_path(), read_only=True)
    try:
        return fn(con, *args, **kwargs)
    finally:
        con.close()


# ---------------------------------------------------------------- tokens


def test_tokens_are_stored_hashed_beside_the_users_file_with_mode_0600(warehouse):
    settings, _, issued = warehouse
    path = tokens.tokens_path(settings.users_file)
    assert path.parent == Path(settings.users_file).parent
    text = path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for token in issued.values():
        secret = tokens.TOKEN_PATTERN.match(token).group(2)  # the secret may itself hold "_"
        assert token not in text and secret not in text, "a token (or its secret) is in the tokens file"
        assert tokens.digest(token) in text
    assert {e.user for e in tokens.entries(path)} == set(ROLE_USERS.values())


def test_a_revoked_expired_or_orphaned_token_no_longer_verifies(tmp_path):
    from dashboard.users import add_user, load_entries, write_entries

    users, path = tmp_path / "users.toml", tmp_path / "users.api-tokens.toml"
    add_user(users, "aigerim", "analyst", "a-long-password")
    token, entry = tokens.issue(path, users, "aigerim", expires_days=30)
    assert tokens.verify(path, users, token).user.role == "analyst"
    assert tokens.verify(path, users, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert tokens.verify(path, users, "") is None
    assert tokens.verify(path, users, token, now=datetime.now(timezone.utc) + timedelta(days=31)) is None
    entries = load_entries(users)
    entries["aigerim"]["role"] = "leadership"
    write_entries(users, entries)
    assert tokens.verify(path, users, token).user.role == "leadership", "the role is read from the users file now"
    write_entries(users, {})
    assert tokens.verify(path, users, token) is None, "a removed user's token must stop working"
    tokens.revoke(path, entry.token_id)
    assert tokens.entries(path) == []
    with pytest.raises(tokens.TokensFileError):
        tokens.revoke(path, entry.token_id)


def test_a_token_is_only_issued_for_an_existing_user(tmp_path):
    from dashboard.users import UsersFileError

    with pytest.raises(UsersFileError):
        tokens.issue(tmp_path / "t.toml", tmp_path / "users.toml", "nobody")
    assert not (tmp_path / "t.toml").exists()


# ---------------------------------------------------------------- authentication and roles


def test_refuses_without_a_token_and_with_a_wrong_one(server):
    with client(server, None) as http:
        for path in ("/v1/me", "/v1/responsiveness/summary", "/v1/texts", "/v1/training/gaps"):
            response = http.get(path)
            assert response.status_code == 401, path
            assert response.headers["WWW-Authenticate"] == "Bearer"
        bad = http.get("/v1/me", headers={"Authorization": "Bearer tyndau_000000000000_" + "x" * 43})
        assert bad.status_code == 401
        assert "appeals" not in bad.text


def test_answers_with_a_token_as_the_users_role(server):
    for role, user in ROLE_USERS.items():
        with client(server, role) as http:
            me = http.get("/v1/me").json()
            assert (me["user"], me["role"]) == (user, role)
            assert me["reads_texts"] == (role in ("analyst", "admin"))


def test_texts_are_for_text_readers_only(server):
    for role in ("leadership", "training_planner"):
        with client(server, role) as http:
            assert http.get("/v1/texts").status_code == 403, role
            assert http.get("/v1/texts/any-id").status_code == 403, role
            assert http.get("/v1/responsiveness/summary").status_code == 200, role
    with client(server, "analyst") as http:
        assert http.get("/v1/texts", params={"limit": 1}).status_code == 200


def test_bad_tokens_lock_the_address_out_even_for_a_good_token(server):
    address = {"X-Forwarded-For": "203.0.113.9"}  # only a header: the proxy's address for the client
    with client(server, None) as http:
        codes = [http.get("/v1/me", headers={**address, "Authorization": f"Bearer wrong-{i}"}).status_code
                 for i in range(FREE_FAILURES)]
        assert codes == [401] * FREE_FAILURES
        good = {**address, "Authorization": f"Bearer {server[2]['analyst']}"}
        locked = http.get("/v1/me", headers=good)
        assert locked.status_code == 429
        assert int(locked.headers["Retry-After"]) >= 1
    with client(server, "analyst") as http:
        assert http.get("/v1/me").status_code == 200, "another address is not locked"


# ---------------------------------------------------------------- numbers, filters, paging


def test_summary_equals_the_insights_figures_with_and_without_filters(server):
    _, settings, _ = server
    with client(server, "leadership") as http:
        everything = http.get("/v1/responsiveness/summary").json()
        expected = on_snapshot(settings, responsiveness.responsiveness_kpis, Filters())
        assert everything["appeals"] == expected["appeals"] > 0
        assert everything["on_time"] == expected["on_time"]
        agencies = http.get("/v1/responsiveness/by/agency", params={"limit": 1000}).json()["items"]
        first = agencies[0]["key"]
        one = http.get("/v1/responsiveness/summary", params={"agency": first}).json()
        assert one["appeals"] == agencies[0]["appeals"] < everything["appeals"]
        period = {"date_from": "2025-01-01", "date_to": "2025-06-30"}
        half = http.get("/v1/responsiveness/summary", params=period).json()
        first_half = Filters(date(2025, 1, 1), date(2025, 6, 30))
        expected = on_snapshot(settings, responsiveness.responsiveness_kpis, first_half)
        assert 0 < half["appeals"] == expected["appeals"] < everything["appeals"]
        assert http.get("/v1/responsiveness/summary",
                        params={"date_from": "2025-06-30", "date_to": "2025-01-01"}).status_code == 422
        assert http.get("/v1/responsiveness/by/nonsense").status_code == 422


def test_filters_choose_the_rows(server):
    with client(server, "leadership") as http:
        regions = http.get("/v1/responsiveness/by/region", params={"limit": 1000}).json()["items"]
        chosen = sorted(r["key"] for r in regions[:2])
        filtered = http.get("/v1/responsiveness/by/region", params={"region": chosen}).json()
        assert sorted(r["key"] for r in filtered["items"]) == chosen
        months = http.get("/v1/responsiveness/by/month", params={"date_from": "2025-03-01",
                                                                  "date_to": "2025-05-31"}).json()["items"]
        assert [m["key"] for m in months] == ["2025-03-01", "2025-04-01", "2025-05-01"]


def test_paging_covers_the_whole_result_once_with_totals(server):
    with client(server, "leadership") as http:
        whole = http.get("/v1/responsiveness/by/agency", params={"limit": 1000}).json()
        assert whole["total"] == len(whole["items"]) > 4
        pages, offset = [], 0
        while offset < whole["total"]:
            page = http.get("/v1/responsiveness/by/agency", params={"limit": 3, "offset": offset}).json()
            assert (page["total"], page["limit"], page["offset"], page["snapshot"]) == \
                   (whole["total"], 3, offset, whole["snapshot"])
            pages.extend(page["items"])
            offset += 3
        assert [r["key"] for r in pages] == [r["key"] for r in whole["items"]]
        assert http.get("/v1/responsiveness/by/agency", params={"limit": 0}).status_code == 422
        assert http.get("/v1/responsiveness/by/agency", params={"limit": 100000}).status_code == 422


def test_training_and_themes_answer_for_planners(server):
    _, settings, _ = server
    with client(server, "training_planner") as http:
        gaps = http.get("/v1/training/gaps", params={"limit": 5}).json()
        assert gaps["total"] > 0 and len(gaps["items"]) == 5
        assert "example_appeal_ids" not in gaps["items"][0], "ids of texts go through /v1/texts only"
        priorities = http.get("/v1/training/priorities", params={"limit": 5}).json()
        assert priorities["total"] > 0 and priorities["items"][0]["course_id"]
        areas = http.get("/v1/themes/areas").json()
        expected = on_snapshot(settings, themes.area_totals, Filters())
        assert {a["area"]: a["appeals"] for a in areas["items"]} == dict(zip(expected["area"], expected["appeals"]))


def test_alerts_are_the_stored_alerts_with_their_state_and_filters(server):
    _, settings, _ = server
    expected = on_snapshot(settings, alerts.alert_list)
    assert expected.height > 0, "the sample's planted spikes give alerts"
    with client(server, "training_planner") as http:
        listed = http.get("/v1/alerts", params={"limit": 1000}).json()
        assert listed["total"] == expected.height
        assert [a["alert_id"] for a in listed["items"]] == expected["alert_id"].to_list()
        assert [a["observed"] for a in listed["items"]] == expected["observed"].to_list()
        assert "example_ids" not in listed["items"][0], "ids of texts go through /v1/texts only"
        agency = expected["agency_key"][0]
        one = http.get("/v1/alerts", params={"agency": agency}).json()
        assert one["total"] == expected.filter(pl.col("agency_key") == agency).height
        assert {a["agency_key"] for a in one["items"]} == {agency}
        month = expected["month"][0]
        in_month = http.get("/v1/alerts", params={"date_from": str(month), "date_to": str(month)}).json()
        assert in_month["total"] == expected.filter(pl.col("month") == month).height > 0
        fresh = http.get("/v1/alerts", params={"status": "new"}).json()
        assert fresh["total"] == expected.filter(pl.col("status") == "new").height
        assert http.get("/v1/alerts", params={"status": "nonsense"}).status_code == 422


def test_topics_explain_that_themes_are_not_built_yet(server):
    """The themes themselves are compared on a warehouse with themes in tests/test_topics.py."""
    with client(server, "leadership") as http:
        response = http.get("/v1/topics")
        assert response.status_code == 400
        assert "no emerging themes" in response.json()["detail"] and "tyndau topics build" in response.json()["hint"]
        assert http.get("/v1/topics/1/monthly").status_code == 400
        assert http.get("/v1/topics", params={"lang": "de"}).status_code == 422


# ---------------------------------------------------------------- texts and the audit log


def test_every_text_read_is_in_the_audit_log(server):
    _, settings, issued = server
    log = settings.resolved_audit_log_path()
    before = len(audit.read(log))
    with client(server, "analyst") as http:
        listed = http.get("/v1/texts", params={"area": "inclusiveness", "polarity": "negative", "limit": 5}).json()
        ids = [t["appeal_id"] for t in listed["items"]]
        assert len(ids) == 5 and listed["total"] >= 5 and all(t["text"] for t in listed["items"])
        one = http.get(f"/v1/texts/{ids[0]}").json()
        assert one["appeal_id"] == ids[0] and one["labels"]
        assert http.get("/v1/texts/no-such-appeal").status_code == 404
    records = audit.read(log)[before:]
    assert [(r["user"], r["role"], r["action"], r["page"]) for r in records] == \
           [("analyst", "analyst", "list", "api"), ("analyst", "analyst", "read", "api")]
    assert records[0]["appeal_ids"] == ids and records[1]["appeal_ids"] == [ids[0]]
    token_id = tokens.TOKEN_PATTERN.match(issued["analyst"]).group(1)
    assert f"token {token_id}" in records[0]["detail"] and "area=inclusiveness" in records[0]["detail"]
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600


def test_texts_page_through_without_overlap(server):
    with client(server, "admin") as http:
        first = http.get("/v1/texts", params={"limit": 4}).json()
        second = http.get("/v1/texts", params={"limit": 4, "offset": 4}).json()
        assert first["total"] == second["total"] > 8
        assert not {t["appeal_id"] for t in first["items"]} & {t["appeal_id"] for t in second["items"]}


# ---------------------------------------------------------------- the OpenAPI document


def test_the_openapi_document_lists_every_endpoint_with_its_response_model(server):
    from fastapi.routing import APIRoute

    from api.app import ROUTERS, create_app

    every = [*create_app(server[1]).routes, *(route for router in ROUTERS for route in router.routes)]
    routes = {r.path for r in every if isinstance(r, APIRoute)}
    with client(server, None) as http:
        document = http.get("/v1/openapi.json").json()
    assert set(document["paths"]) == routes
    assert {"/v1/responsiveness/by/{dimension}", "/v1/training/gaps", "/v1/training/priorities", "/v1/texts",
            "/v1/texts/{appeal_id}", "/v1/themes/areas", "/v1/alerts", "/v1/topics", "/v1/topics/{theme_no}/monthly",
            "/v1/topics/{theme_no}/slices"} <= routes
    for path, operations in document["paths"].items():
        schema = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, f"{path} has no response model"
        if path != "/v1/health":
            assert "401" in operations["get"]["responses"], f"{path} does not document its 401"
    assert document["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


def test_answers_are_not_cached_by_proxies(server):
    with client(server, "leadership") as http:
        assert http.get("/v1/responsiveness/summary").headers["Cache-Control"] == "no-store"


# ---------------------------------------------------------------- failures at the edge


def test_no_snapshot_is_one_503_message_with_what_to_do(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from dashboard.users import add_user
    from warehouse.config import load_settings

    settings = load_settings(tmp_path / "none.toml", db_path=str(tmp_path / "w.duckdb"),
                             users_file=str(tmp_path / "users.toml"))
    add_user(settings.users_file, "leader", "leadership", "leader-pass-1")
    token, _ = tokens.issue(tokens.tokens_path(settings.users_file), settings.users_file, "leader")
    with TestClient(create_app(settings)) as http:
        response = http.get("/v1/responsiveness/summary", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert "No warehouse snapshot" in response.json()["detail"] and "tyndau" in response.json()["hint"]
    result = CliRunner().invoke(cli, ["api", "--db", str(tmp_path / "w.duckdb"),
                                      "--config", str(tmp_path / "none.toml")])
    assert result.exit_code == 2 and "No warehouse snapshot" in result.output


def test_no_text_leaves_when_the_audit_log_cannot_be_written(warehouse, tmp_path):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from api.app import create_app

    settings, _, issued = warehouse
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    unwritable = replace(settings, audit_log_path=str(blocked / "audit.jsonl"))
    with TestClient(create_app(unwritable)) as http:
        response = http.get("/v1/texts", params={"limit": 3}, headers={"Authorization": f"Bearer {issued['analyst']}"})
    assert response.status_code == 503
    assert "audit log" in response.json()["detail"] and set(response.json()) == {"detail", "hint"}
