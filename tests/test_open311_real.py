"""Contract tests on real GeoReport v2 answers (Chicago JSON, Toronto XML; see
tests/fixtures/open311/real/PROVENANCE.md), served unchanged by a real HTTP server on
127.0.0.1 and loaded through the real open311 connector and the shipped mapping into a
real DuckDB file. The period is one window, so each answer is served whole."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import polars as pl
import pytest

from ingestion.mapping import apply_mapping, parse_mapping
from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.errors import RemoteError, SourceError

REAL = Path(__file__).parent / "fixtures" / "open311" / "real"
BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<service_requests><request><service_request_id>&lol2;</service_request_id></request></service_requests>")


class Recording:
    """What the server answers (body, content type) and the query strings it was asked."""

    def __init__(self):
        self.body, self.content_type, self.queries = b"[]", "application/json", []


@pytest.fixture
def server():
    recording = Recording()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            recording.queries.append({k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()})
            self.send_response(200)
            self.send_header("Content-Type", recording.content_type)
            self.send_header("Content-Length", str(len(recording.body)))
            self.end_headers()
            self.wfile.write(recording.body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    recording.url = f"http://127.0.0.1:{httpd.server_address[1]}/open311/v2/requests"
    yield recording
    httpd.shutdown()
    httpd.server_close()


def serve(server, name: str, content_type: str):
    server.body = (REAL / name).read_bytes()
    server.content_type = content_type
    suffix = ".xml" if "xml" in content_type else ".json"
    return make_connector("open311", server.url + suffix, None,
                          {"start": "2010-01-01", "end": "2020-01-01", "window_days": "4000", "backoff": "0.01"})


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_chicago_json_without_optional_fields_loads_with_the_shipped_mapping(con, settings, server):
    report = ingest(con, serve(server, "chicago-requests.json", "application/json; charset=utf-8"), settings)
    assert (report.counts.inserted, report.counts.rejected) == (2, 0)
    assert server.queries[0]["start_date"] == "2010-01-01T00:00:00Z" and server.queries[0]["extensions"] == "true"
    got = rows(con, "select external_id, registered_at::varchar, due_at, text, answer_text, agency_name "
                    "from raw_appeals order by external_id")
    # 10:48:56 at UTC-5 is stored as the instant in UTC, 15:48:56 (21:48:56 in Almaty, which staging shows)
    assert got == [("14-01100627", "2014-07-12 15:48:56", None, None, "Locked", "DOB - Conservation"),
                   ("14-01100669", "2014-07-12 15:58:43", None, None, None, "Division of Electrical Operations CDOT")]
    assert any("expected_datetime" in n and "description" in n for n in report.notes)


def test_toronto_xml_is_read_and_its_instants_converted(con, settings, server):
    report = ingest(con, serve(server, "toronto-requests.xml", "text/xml; charset=utf-8"), settings)
    assert (report.counts.inserted, report.counts.rejected) == (2, 0)
    got = rows(con, "select external_id, registered_at::varchar, due_at::varchar, closed_at, status, answer_text, "
                    "text, category, latitude from raw_appeals order by external_id")
    # 00:01 at UTC-4 is stored as 04:01 UTC (10:01 in Almaty, UTC+6 in 2018); empty elements are nulls
    assert got[0] == ("101005420892", "2018-07-30 04:01:00", "2018-08-03 04:01:00", None, "open",
                      "In progress - The request has been scheduled.", None, "Road - Pot hole", 43.691104288)
    assert [r[0] for r in got] == ["101005420892", "101005420894"]


def test_an_offset_wins_over_the_zone_and_the_build_shows_the_zone(con, settings, server):
    from dataclasses import replace

    from warehouse.build import build_models

    ingest(con, serve(server, "toronto-requests.xml", "text/xml"), replace(settings, timezone="UTC"))
    assert rows(con, "select min(registered_at)::varchar from raw_appeals") == [("2018-07-30 04:01:00",)]
    build_models(con, replace(settings, timezone="UTC"), only=["stg_appeals"])
    assert rows(con, "select min(registered_at)::varchar from stg_appeals") == [("2018-07-30 04:01:00",)]
    build_models(con, settings, only=["stg_appeals"])  # the next build honours a changed zone
    assert rows(con, "select min(registered_at)::varchar from stg_appeals") == [("2018-07-30 10:01:00",)]


def test_chicago_extensions_load_notes_as_events_and_report_extended_attributes(con, settings, server):
    import json

    records = json.loads((REAL / "chicago-requests-extensions.json").read_text())
    with_id = [r for r in records if r.get("service_request_id")]
    report = ingest(con, serve(server, "chicago-requests-extensions.json", "application/json"), settings)
    assert report.counts.inserted == len(with_id) + sum(len(r["notes"]) for r in with_id)
    assert rows(con, "select count(*) from raw_appeals") == [(len(with_id),)] == [(43,)]
    # the 7 tokens without an id are kept aside, each with its reason, not dropped
    tokens = rows(con, "select count(distinct row_number) from rejected_rows "
                       "where reason like '%service_request_id%empty%'")
    assert tokens == [(len(records) - len(with_id),)] == [(7,)]
    events = dict(rows(con, "select event_type, count(*) from raw_appeal_events group by 1"))
    assert events == {"registered": 43, "final_answer": 16, "status_change": 2}
    activity = rows(con, "select text from raw_appeal_events where status = 'activity' order by external_id")
    assert len(activity) == 2 and all(" — " in t for (t,) in activity), "summary and description both kept"
    assert rows(con, "select count(*) from raw_appeal_events e anti join raw_appeals a using (source, external_id)") == [(0,)]
    extended = [n for n in report.notes if "extended_attributes" in n]
    assert len(extended) == 1 and extended[0].startswith(f"{sum('extended_attributes' in r for r in with_id)} request(s)")
    assert "ward (43)" in extended[0]


def test_a_page_without_the_required_columns_names_the_url_and_window(con, settings, server):
    server.body, server.content_type = b'[{"id": 1, "created": "2015-01-01"}]', "application/json"
    connector = make_connector("open311", server.url + ".json", None,
                               {"start": "2015-01-01", "end": "2015-02-01", "window_days": "40"})
    with pytest.raises(SourceError) as info:
        ingest(con, connector, settings)
    message = str(info.value)
    assert "/open311/v2/requests.json (window 2015-01-01T00:00:00Z..2015-02-01T00:00:00Z)" in message
    assert "service_request_id" in message and "requested_datetime" in message
    assert rows(con, "select count(*) from raw_appeals") == [(0,)]
    assert rows(con, "select status from load_runs") == [("failed",)]


def test_georeport_errors_and_xml_bombs_are_one_clear_message(con, settings, server):
    connector = make_connector("open311", server.url + ".xml", None, {"start": "2015-01-01", "end": "2015-01-02"})
    server.body, server.content_type = BOMB, "text/xml"
    with pytest.raises(RemoteError, match="cannot be read safely"):
        ingest(con, connector, settings)
    server.body = b"<errors><error><code>403</code><description>Invalid api_key</description></error></errors>"
    connector = make_connector("open311", server.url + ".xml", None, {"start": "2015-01-01", "end": "2015-01-02"})
    with pytest.raises(RemoteError, match="403: Invalid api_key"):
        ingest(con, connector, settings)
    assert rows(con, "select count(*) from raw_appeals") == [(0,)]


def test_file_dates_are_stored_as_instants_in_utc():
    mapping = parse_mapping({"name": "t", "target": "raw_appeals",
                             "fields": {"external_id": "id", "registered_at": "at"}}, "test")
    frame = pl.DataFrame({"id": ["1", "2", "3"], "at": ["2012-05-23T15:55:28-04:00", "2012-05-23 15:55:28",
                                                        "2024-06-01T00:30:00Z"], "_row_number": [1, 2, 3]})
    good, rejected = apply_mapping(mapping, frame, {"registered_at": "TIMESTAMP"}, "Asia/Almaty")
    assert rejected.height == 0
    assert [str(v) for v in good["registered_at"]] == [
        "2012-05-23 19:55:28",  # the instant: 15:55:28 at UTC-4, not its digits with the offset cut off
        "2012-05-23 09:55:28",  # no offset: Almaty's wall clock, UTC+6 in 2012
        "2024-06-01 00:30:00",  # Z is UTC already
    ]
