"""Survey exports: KoboToolbox (CSV, XLSX, API v2 JSON over a local HTTP server),
LimeSurvey CSV and the generic 360-degree CSV, all into raw_survey_responses."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.errors import SourceError

GOOD = Path(__file__).parent / "good_inputs"
REAL = Path(__file__).parent / "fixtures" / "surveys" / "real"
REAL_MAPPING = str(REAL / "kbtbr-testing-survey.toml")
JULY, SEPTEMBER = REAL / "kbtbr_kobo_data_2021-07.json", REAL / "kbtbr_kobo_data_2021-09.json"


def responses(con):
    return con.execute("""select response_id, item_id, competency_area, score, rater_role, rated_agency, free_text
                          from raw_survey_responses order by response_id, item_id""").fetchall()


@pytest.mark.parametrize("name", ["kobo_export.csv", "kobo_export.xlsx"])
def test_kobo_export_unpivots_to_one_row_per_rater_and_item(con, settings, name):
    report = ingest(con, make_connector("kobo", str(GOOD / name)), settings)
    rows = responses(con)
    assert report.counts.inserted == 8 and report.counts.rejected == 1
    assert ("u-101", "responsiveness_q2", "responsiveness", 2.0, "direct_report", "AK31") == rows[2][:6]
    assert {r[4] for r in rows} == {"direct_report", "self", "peer"}
    comment = rows[0][6]
    assert comment.startswith("Бастық хаттарға") and "[PHONE]" in comment and "701" not in comment
    row, column, reason, raw = con.execute("select row_number, column_name, reason, raw_record from rejected_rows").fetchone()
    assert (row, column) == (3, "responsiveness_q1") and "9" in reason
    assert "enumerator8" not in raw, "rater identifiers are masked in kept-aside rows"
    assert con.execute("select count(distinct rater_hash) from raw_survey_responses").fetchone()[0] == 2


@contextmanager
def kobo_api(pages: list[dict], seen_auth: list):
    """A real HTTP server on 127.0.0.1 answering like /api/v2/assets/<uid>/data.json, page n at ?start=n."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            seen_auth.append(self.headers.get("Authorization"))
            n = int(parse_qs(urlparse(self.path).query).get("start", ["0"])[0])
            base = f"http://127.0.0.1:{self.server.server_address[1]}/api/v2/assets/a1/data.json"
            payload = json.dumps(dict(pages[n], next=f"{base}?start={n + 1}" if n + 1 < len(pages) else None)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v2/assets/a1/data.json"
    finally:
        server.shutdown()
        server.server_close()


def test_kobo_api_follows_next_pages(con, settings, monkeypatch):
    page = json.loads((GOOD / "kobo_api_page.json").read_text())
    pages = [{**page, "results": page["results"][:2]}, {**page, "results": page["results"][2:]}]
    seen_auth = []
    monkeypatch.setenv("KOBO_TOKEN", "kobo-tok")
    with kobo_api(pages, seen_auth) as url:
        report = ingest(con, make_connector("kobo-api", url), settings)
    assert report.counts.inserted == 8 and len(seen_auth) == 2 and seen_auth[0] == "Token kobo-tok"
    assert report.source_uri.endswith("/api/v2/assets/a1/data.json")


def test_limesurvey_codes_and_labels(con, settings):
    report = ingest(con, make_connector("limesurvey", str(GOOD / "limesurvey_export.csv")), settings)
    rows = responses(con)
    assert report.counts.inserted == 5 and report.counts.rejected == 0, "an empty answer is no answer, not an error"
    assert rows[0][:5] == ("1", "communication_q1", "communication", 2.0, "manager")
    assert "[NAME]" in rows[0][6] and "Пётр" not in rows[0][6]


def test_generic_360_csv_with_a_mapping(con, settings, tmp_path):
    csv_file = tmp_path / "360.csv"
    csv_file.write_text(
        "response_id,instrument,submitted_at,rated_agency_code,rated_unit,rater_role,rater_id,item_id,item_text,"
        "competency_area,score,scale_max,comment\n"
        "r1,tyndau-360-v1,2025-02-01T10:00:00,AK31,Аппарат,руководитель,p1,leadership_q1,Shares a clear vision,leadership,4,5,\n"
        "r1,tyndau-360-v1,2025-02-01T10:00:00,AK31,Аппарат,руководитель,p1,ethics_integrity_q1,Fair to all,ethics_integrity,6,5,\n"
        "r2,tyndau-360-v1,2025-02-01T11:00:00,AK31,Аппарат,өзін-өзі,p2,leadership_q1,Shares a clear vision,leadership,5,5,Жақсы\n",
        encoding="utf-8")
    report = ingest(con, make_connector("csv", str(csv_file), "survey-360-generic"), settings)
    assert report.counts.inserted == 2 and report.counts.rejected == 1
    assert [r[4] for r in responses(con)] == ["manager", "self"]


# ---------------------------------------------------------------- forms that changed between versions


def test_a_renamed_group_is_one_question_and_a_clash_is_kept_aside(con, settings, tmp_path):
    """Kobo exports every version's path (`v0/q`, `v1/q`); this used to stop the load with a DuplicateError."""
    export = tmp_path / "versions.csv"
    export.write_text(
        "_uuid,_submission_time,rater_role,agency,v0/responsiveness_q1,v1/responsiveness_q1,v1/communication_q1\n"
        "a,2025-03-01T04:07:00,self,AK31,4,,5\n"          # made with version 0
        "b,2025-03-02T04:07:00,peer,AK31,,2,3\n"          # made with version 1
        "c,2025-03-03T04:07:00,peer,AK31,3,3,3\n"         # both paths, the same answer
        "d,2025-03-04T04:07:00,peer,AK31,1,5,2\n",        # both paths, different answers
        encoding="utf-8")
    report = ingest(con, make_connector("kobo", str(export)), settings)
    rows = con.execute("select response_id, item_id, score from raw_survey_responses order by 1, 2").fetchall()
    assert rows == [("a", "communication_q1", 5.0), ("a", "responsiveness_q1", 4.0),
                    ("b", "communication_q1", 3.0), ("b", "responsiveness_q1", 2.0),
                    ("c", "communication_q1", 3.0), ("c", "responsiveness_q1", 3.0),
                    ("d", "communication_q1", 2.0)]
    assert (report.counts.inserted, report.counts.rejected) == (7, 1)
    row, column, reason = con.execute("select row_number, column_name, reason from rejected_rows").fetchone()
    assert (row, column) == (4, "responsiveness_q1")
    assert "v0/responsiveness_q1=1" in reason and "v1/responsiveness_q1=5" in reason and "neither is loaded" in reason


def test_real_kobo_pages_from_two_form_versions_over_http(con, settings, monkeypatch):
    """The real API responses of one form before and after its groups were renamed, served as two pages."""
    seen_auth = []
    monkeypatch.delenv("KOBO_TOKEN", raising=False)
    pages = [json.loads(JULY.read_text(encoding="utf-8")), json.loads(SEPTEMBER.read_text(encoding="utf-8"))]
    with kobo_api(pages, seen_auth) as url:
        report = ingest(con, make_connector("kobo-api", url, REAL_MAPPING), settings)
    assert seen_auth == [None, None], "no token set: none sent"
    check_real_kobo_load(con, report)


def test_a_saved_data_json_with_both_versions_loads_through_the_file_path(con, settings, tmp_path):
    """One data.json holding submissions of both versions (as the API returns them for such a form)."""
    july, september = (json.loads(p.read_text(encoding="utf-8")) for p in (JULY, SEPTEMBER))
    saved = tmp_path / "data.json"
    saved.write_text(json.dumps({**september, "count": 10, "results": july["results"] + september["results"]}),
                     encoding="utf-8")
    report = ingest(con, make_connector("kobo", str(saved), REAL_MAPPING), settings)
    check_real_kobo_load(con, report)


def check_real_kobo_load(con, report):
    """July: 4 submissions x 12 items. September: 6 submissions, 5 of them with one `_uuid` (a real quirk of
    this form), so of their 71 answers 24 keys load and 47 (from 4 submissions) are kept aside as duplicate keys."""
    assert (report.counts.inserted, report.counts.rejected) == (48 + 24, 4)
    assert con.execute("select count(*) from rejected_rows").fetchone()[0] == 47
    items = con.execute("select item_id, count(*), min(score), max(score), any_value(item_text) "
                        "from raw_survey_responses group by 1 order by 1").fetchall()
    assert len(items) == 12, "Q1/Family and importance_in_life/Family are one item, not two"
    family = next(i for i in items if i[0] == "Family")
    assert family[1] == 6 and family[4] == "Family (how important in your life)"
    assert all(1 <= i[2] <= i[3] <= 4 for i in items)
    reasons = con.execute("select distinct regexp_replace(reason, 'row [0-9]+', 'row N') from rejected_rows").fetchall()
    assert len(reasons) == 1 and "duplicate key" in reasons[0][0]
    july_first = con.execute("select score, submitted_at::varchar from raw_survey_responses "
                             "where response_id = 'aca8c44f-6327-4024-9187-c9e10151c940' and item_id = 'Leisure_time'"
                             ).fetchone()
    assert july_first == (3.0, "2021-05-02 12:35:45"), "Kobo writes UTC without an offset: stored as written"


def test_a_saved_data_json_loads_with_the_cli_and_through_the_file_connector(tmp_path):
    from typer.testing import CliRunner

    from tyndau.cli import app

    runner = CliRunner(env={"TYNDAU_SALT": "test-salt-not-for-deployment"})
    db = tmp_path / "t.duckdb"
    assert runner.invoke(app, ["init", "--db", str(db)]).exit_code == 0
    kobo = runner.invoke(app, ["ingest", str(SEPTEMBER), "-c", "kobo", "-m", REAL_MAPPING, "--db", str(db)])
    assert kobo.exit_code == 0, kobo.output
    assert "inserted 24" in kobo.output and "rejected 4" in kobo.output
    plain = runner.invoke(app, ["ingest", str(GOOD / "kobo_api_page.json"), "-m", "kobo-360", "--db", str(db)])
    assert plain.exit_code == 0, plain.output
    assert "inserted 8" in plain.output and "rejected 1" in plain.output


def test_a_json_document_that_is_not_a_kobo_data_json_is_refused(con, settings, tmp_path):
    other = tmp_path / "data.json"
    other.write_text(json.dumps({"count": 1, "items": [{"_uuid": "x"}]}), encoding="utf-8")
    with pytest.raises(SourceError, match="has no 'results'") as err:
        ingest(con, make_connector("kobo", str(other)), settings)
    assert "records_path" in err.value.hint
    assert con.execute("select count(*) from raw_survey_responses").fetchone()[0] == 0


def test_real_limesurvey_export(con, settings):
    """A real RemoteControl export_responses CSV: BOM, `;`, quoted codes `q1[vis1]`, CRLF, a blank last line, and
    LimeSurvey's 1980-01-01 00:00:00 for a survey with anonymised date stamps (no time recorded: null)."""
    export = REAL / "pulsemanager_limesurvey_responses.csv"
    report = ingest(con, make_connector("limesurvey", str(export), str(REAL / "pulsemanager-limesurvey.toml")), settings)
    assert (report.counts.read, report.counts.inserted, report.counts.rejected) == (1, 70, 0)
    rows = con.execute("select count(distinct item_id), min(score), max(score), count(submitted_at), "
                       "any_value(response_id), any_value(source) from raw_survey_responses").fetchone()
    assert rows == (70, 1.0, 1.0, 0, "2543", "limesurvey")
    assert {r[0] for r in con.execute("select item_id from raw_survey_responses").fetchall()} >= {"vis1", "wor7"}
