"""HTTP connectors against a real HTTP server on localhost (not a mock of httpx).

The server serves recorded GeoReport v2 records and a paginated e-Otinish-like API,
caps each answer at a page limit (so date windows must split), demands an API key,
and can be told to fail with 429/503 first (so retries are exercised)."""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest

from ingestion.mapping import parse_mapping
from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.errors import RemoteError

RECORDS = json.loads((Path(__file__).parent / "fixtures" / "open311" / "requests.json").read_text())
API_KEY = "s3cr3t-key-123"
PAGE_LIMIT = 10


class FakeCity:
    """State of the server: failures to inject and requests seen."""

    def __init__(self):
        self.fail_next: list[int] = []
        self.calls: list[str] = []


def _local(ts: str) -> datetime:
    return datetime.fromisoformat(ts[:19])


def _in_zone(ts: str, zone: str) -> str:
    return datetime.fromisoformat(ts).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")


def make_handler(city: FakeCity):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def do_GET(self):
            url = urlparse(self.path)
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            city.calls.append(url.path)
            if city.fail_next:
                return self._send(city.fail_next.pop(0), {"error": "try later"}, {"Retry-After": "0"})
            if url.path == "/open311/v2/requests.json":
                return self._open311(q)
            if url.path == "/api/appeals":
                return self._appeals(q)
            return self._send(404, {"error": "not found"})

        def _open311(self, q):
            if q.get("api_key") != API_KEY:
                return self._send(401, [{"code": 401, "description": "invalid api_key"}])
            start, end = (datetime.fromisoformat(q[k].rstrip("Z")) for k in ("start_date", "end_date"))
            hits = [r for r in RECORDS if start <= _local(r["requested_datetime"]) < end]
            return self._send(200, hits[:PAGE_LIMIT])

        def _appeals(self, q):
            if self.headers.get("Authorization") != "Bearer tok-456":
                return self._send(403, {"error": "forbidden"})
            page, size = int(q.get("page", 1)), int(q.get("per_page", 10))
            items = [{"number": f"E-{i}", "created": "2024-05-0%dT10:00:00" % (1 + i % 9), "body": f"Обращение {i}",
                      "org": "Акимат Астаны", "kind": "жалоба"} for i in range(23)]
            return self._send(200, {"data": {"items": items[(page - 1) * size: page * size]}, "page": page})

        def _send(self, status, body, headers=None):
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


@pytest.fixture
def city():
    state = FakeCity()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


def open311(city, **options):
    opts = {"start": "2015-01-01", "end": "2015-04-01", "window_days": "40", "page_limit": str(PAGE_LIMIT),
            "backoff": "0.01", **options}
    return make_connector("open311", f"{city.base}/open311/v2/requests.json", None, opts)


def test_open311_pages_by_date_windows_and_loads_every_request(con, settings, city, monkeypatch):
    monkeypatch.setenv("OPEN311_API_KEY", API_KEY)
    report = ingest(con, open311(city), settings)
    assert report.counts.inserted == len(RECORDS) == con.execute("select count(*) from raw_appeals").fetchone()[0]
    assert len(city.calls) > 3, "full windows were split"
    closed = sum(r["status"] == "closed" for r in RECORDS)
    assert con.execute("select count(closed_at) from raw_appeals").fetchone()[0] == closed
    first = con.execute("select registered_at::varchar, agency_name, text from raw_appeals order by registered_at limit 1").fetchone()
    # 07:00 at UTC-5 is stored as the instant in UTC, 12:00: not the digits, nor Almaty's 18:00
    assert first[0] == _in_zone(RECORDS[0]["requested_datetime"], "UTC") == "2015-01-03 12:00:00"
    assert con.execute("select count(*) from raw_appeals where text like '%617-555-0142%'").fetchone()[0] == 0
    assert report.source_uri == f"{city.base}/open311/v2/requests.json"
    again = ingest(con, open311(city), settings)
    assert (again.counts.inserted, again.counts.updated) == (0, 0)


def test_open311_retries_429_and_5xx_with_backoff(con, settings, city, monkeypatch):
    monkeypatch.setenv("OPEN311_API_KEY", API_KEY)
    city.fail_next = [429, 503, 502]
    report = ingest(con, open311(city), settings)
    assert report.counts.inserted == len(RECORDS)


def test_open311_gives_up_after_the_retries_without_leaking_the_key(con, settings, city, monkeypatch, caplog):
    monkeypatch.setenv("OPEN311_API_KEY", API_KEY)
    city.fail_next = [503] * 10
    caplog.set_level(logging.DEBUG)
    with pytest.raises(RemoteError) as info:
        ingest(con, open311(city, retries="2"), settings)
    assert "failed after 3 attempts" in str(info.value)
    for text in (str(info.value), caplog.text, str(con.execute("select * from load_runs").fetchall())):
        assert API_KEY not in text and "api_key" not in text
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 0


def test_open311_other_4xx_fails_at_once_with_a_hint(con, settings, city, monkeypatch):
    monkeypatch.setenv("OPEN311_API_KEY", "wrong-key")
    with pytest.raises(RemoteError) as info:
        ingest(con, open311(city), settings)
    assert "HTTP 401" in str(info.value) and "wrong-key" not in str(info.value)
    assert "API key" in info.value.hint
    assert len(city.calls) == 1, "a 401 is not retried"


REST_MAPPING = {
    "name": "eotinish-api-test", "target": "raw_appeals", "source": "eotinish-api",
    "reader_options": {"records_path": "data.items", "pagination": "page", "page_size": 10,
                       "token_env": "EOTINISH_TOKEN"},
    "fields": {"external_id": {"column": "number", "required": True}, "registered_at": "created",
               "text": "body", "agency_name": "org", "appeal_type": "kind"},
}


def test_rest_json_pages_until_a_short_page(con, settings, city, monkeypatch):
    monkeypatch.setenv("EOTINISH_TOKEN", "tok-456")
    from ingestion.connectors.rest_json import RestJsonConnector

    connector = RestJsonConnector(f"{city.base}/api/appeals", parse_mapping(REST_MAPPING, "test"))
    report = ingest(con, connector, settings)
    assert report.counts.inserted == 23 and report.counts.rejected == 0
    assert city.calls.count("/api/appeals") == 3
    assert con.execute("select count(*) from raw_appeals where appeal_type = 'complaint'").fetchone()[0] == 23


def test_rest_json_without_the_token_says_which_variable_to_set(city, monkeypatch):
    from ingestion.connectors.rest_json import RestJsonConnector
    from warehouse.errors import ConfigError

    monkeypatch.delenv("EOTINISH_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="EOTINISH_TOKEN"):
        RestJsonConnector(f"{city.base}/api/appeals", parse_mapping(REST_MAPPING, "test"))
