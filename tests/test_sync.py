"""`tyndau sync`: sources declared in tyndau.toml, pulled from where the last pull stopped.

The API is a real HTTP server on 127.0.0.1 answering like a GeoReport v2 server (filtering by
`start_date`/`end_date` on `requested_datetime`) from the real Chicago recording
(tests/fixtures/open311/real/PROVENANCE.md); its data changes between pulls. The folder source is
a watched export folder that receives new and corrected daily exports of the bundled sample."""

from __future__ import annotations

import copy
import csv
import itertools
import json
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from typer.testing import CliRunner

from ingestion.sync import Source, load_sources, sync
from insights.status import warehouse_summary
from warehouse.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]
CHICAGO = REPO / "tests" / "fixtures" / "open311" / "real" / "chicago-requests.json"
SAMPLE_APPEALS = REPO / "sample_data" / "default" / "appeals.csv"
FAST = {"retries": "1", "backoff": "0.01", "timeout": "5"}


class GeoReportServer:
    """Serves its current records filtered by the asked window; remembers every query."""

    def __init__(self):
        self.records = json.loads(CHICAGO.read_text(encoding="utf-8"))
        self.queries: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
                server.queries.append(query)
                body = json.dumps(server.window(query["start_date"], query["end_date"])).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/open311/v2/requests.json"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def window(self, start: str, end: str) -> list[dict]:
        lower, upper = _instant(start), _instant(end)
        return [r for r in self.records if lower <= _instant(r["requested_datetime"]) < upper]


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


@pytest.fixture
def api():
    server = GeoReportServer()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def chicago(api, lookback_hours: float = 0) -> Source:
    return Source("chicago", "open311", api.url, options={"start": "2014-07-01", "window_days": "30", **FAST},
                  lookback_hours=lookback_hours, attempts=2, retry_seconds=0.01)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)


def counts(pull) -> tuple[int, int]:
    return (sum(r.counts.inserted for r in pull.reports), sum(r.counts.updated for r in pull.reports))


def test_the_second_pull_asks_only_for_what_is_new_and_loads_only_what_changed(con, settings, api):
    first = sync(con, [chicago(api)], settings, now=at("2014-07-13T00:00:00"))[0]
    assert first.error is None and counts(first) == (2, 0)
    assert api.queries[0]["start_date"] == "2014-07-01T00:00:00Z"

    new = copy.deepcopy(api.records[0])
    new.update(service_request_id="14-01200001", requested_datetime="2014-07-14T09:00:00-05:00")
    api.records.append(new)
    api.queries.clear()
    second = sync(con, [chicago(api)], settings, now=at("2014-07-15T00:00:00"))[0]

    assert counts(second) == (1, 0)
    assert {q["start_date"] for q in api.queries} == {"2014-07-13T00:00:00Z"}, "asked from the cursor, not from start"
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 3
    assert con.execute("select cursor_value from sync_state where source_name = 'chicago'").fetchone()[0] \
        == "2014-07-15T00:00:00+00:00"
    runs = con.execute("select count(*), count(*) filter (where status = 'succeeded') from load_runs").fetchone()
    assert runs == (2, 2), "each pull is one load run"


def test_the_lookback_reads_recent_requests_again_and_updates_them_without_duplicates(con, settings, api):
    sync(con, [chicago(api, lookback_hours=48)], settings, now=at("2014-07-13T00:00:00"))
    api.records[0]["status"] = "closed"
    api.records[0]["status_notes"] = "Completed"
    pull = sync(con, [chicago(api, lookback_hours=48)], settings, now=at("2014-07-14T00:00:00"))[0]

    assert counts(pull) == (0, 1)
    assert con.execute("select count(*), count(distinct external_id) from raw_appeals").fetchone() == (2, 2)
    assert con.execute("select answer_text from raw_appeals where external_id = '14-01100669'").fetchone()[0] == "Completed"


def _daily_export(folder: Path, name: str, first: int, last: int) -> Path:
    """Rows first..last-1 of the sample export (row 0 is the header), as the export system writes them."""
    with SAMPLE_APPEALS.open(encoding="utf-8", newline="") as handle:
        rows = list(itertools.islice(csv.reader(handle), last))
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0], *rows[first:last]])
    return path


def test_a_watched_folder_loads_new_and_changed_exports_once_each(con, settings, tmp_path):
    inbox = tmp_path / "exports"
    inbox.mkdir()
    _daily_export(inbox, "2024-01-01.csv", 1, 21)
    source = Source("eotinish", "csv", str(inbox), mapping="eotinish-sample", pattern="*.csv")

    first = sync(con, [source], settings, now=at("2024-01-02T00:00:00"))[0]
    again = sync(con, [source], settings, now=at("2024-01-02T01:00:00"))[0]
    assert (counts(first), len(first.reports)) == ((20, 0), 1)
    assert (again.reports, again.skipped_files) == ([], 1), "an unchanged file is not read again"

    _daily_export(inbox, "2024-01-02.csv", 22, 32)
    _daily_export(inbox, "2024-01-01.csv", 1, 22)  # re-exported with one more appeal
    third = sync(con, [source], settings, now=at("2024-01-03T00:00:00"))[0]
    assert len(third.reports) == 2 and counts(third) == (11, 0)
    assert con.execute("select count(*) from raw_appeals").fetchone()[0] == 31
    assert con.execute("select count(*) from sync_files").fetchone()[0] == 3


def test_a_failing_source_is_retried_reported_and_does_not_stop_the_others(con, settings, tmp_path, api):
    dead = Source("dead", "open311", "http://127.0.0.1:9/open311/v2/requests.json",
                  options={"start": "2014-07-01", **FAST}, attempts=3, retry_seconds=0.5)
    waits: list[float] = []
    pulls = sync(con, [dead, chicago(api)], settings, now=at("2014-07-13T00:00:00"), sleep=waits.append)

    assert pulls[0].error and "127.0.0.1:9" in pulls[0].error
    assert waits == [0.5, 1.0], "retried with a doubling wait"
    assert counts(pulls[1]) == (2, 0), "the other source went on"
    state = con.execute("select consecutive_failures, last_success_at, next_attempt_at from sync_state "
                        "where source_name = 'dead'").fetchone()
    assert state[0] == 1 and state[1] is None
    problems = warehouse_summary(con).problems
    assert any(p.startswith("source dead failed 1 time(s)") for p in problems)

    # not due again until its backoff has passed; a second failure doubles the wait
    later = sync(con, [dead], settings, now=at("2014-07-13T00:30:00"), only_due=True, sleep=waits.append)[0]
    assert later.not_due
    sync(con, [dead], settings, now=at("2014-07-13T01:00:00"), only_due=True, sleep=waits.append)
    failures, next_at = con.execute("select consecutive_failures, next_attempt_at from sync_state "
                                    "where source_name = 'dead'").fetchone()
    assert failures == 2 and next_at == datetime(2014, 7, 13, 3, 0)


def test_sources_are_declared_in_tyndau_toml_with_credentials_only_from_the_environment(tmp_path):
    config = tmp_path / "tyndau.toml"
    config.write_text('[[sources]]\nname = "city"\nconnector = "open311"\nlocation = "https://example.org/r.json"\n'
                      'every_minutes = 15\n[sources.options]\nstart = "2024-01-01"\napi_key_env = "CITY_KEY"\n',
                      encoding="utf-8")
    (source,) = load_sources(config)
    assert (source.name, source.every_minutes, source.options["api_key_env"]) == ("city", 15, "CITY_KEY")

    config.write_text('[[sources]]\nname = "city"\nconnector = "open311"\nlocation = "https://example.org/r.json"\n'
                      '[sources.options]\napi_key = "s3cr3t"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="credential in the file") as caught:
        load_sources(config)
    assert "api_key_env" in caught.value.hint

    config.write_text('[[sources]]\nname = "x"\nconnector = "nope"\nlocation = "a"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no connector 'nope'"):
        load_sources(config)


def test_tyndau_sync_pulls_builds_and_publishes_and_a_rerun_changes_nothing(tmp_path):
    from tyndau.cli import app

    inbox = tmp_path / "exports"
    inbox.mkdir()
    _daily_export(inbox, "day1.csv", 1, 41)
    config = tmp_path / "tyndau.toml"
    config.write_text(f'[tyndau]\ndb_path = "{tmp_path / "w.duckdb"}"\nmodel_dir = "{tmp_path / "no-model"}"\n\n'
                      f'[[sources]]\nname = "eotinish"\nconnector = "csv"\nlocation = "{inbox}"\n'
                      f'mapping = "eotinish-sample"\npattern = "*.csv"\n', encoding="utf-8")
    runner = CliRunner(env={"TYNDAU_SALT": "test-salt-not-for-deployment"})

    first = runner.invoke(app, ["sync", "--config", str(config)])
    assert first.exit_code == 0, first.output
    assert "eotinish: +40 new" in first.output and "No classifier" in first.output
    import duckdb

    snapshot = duckdb.connect(str(tmp_path / "w.snapshot.duckdb"), read_only=True)
    assert snapshot.execute("select count(*) from fct_appeals").fetchone()[0] == 40, "built and published"
    snapshot.close()

    second = runner.invoke(app, ["sync", "--config", str(config)])
    assert second.exit_code == 0 and "+0 new" in second.output and "1 file(s) unchanged" in second.output

    unknown = runner.invoke(app, ["sync", "--config", str(config), "--source", "nope"])
    assert unknown.exit_code == 2 and "Declared sources: eotinish" in unknown.output
