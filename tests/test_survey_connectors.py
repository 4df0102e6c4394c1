"""Survey exports: KoboToolbox (CSV, XLSX, API v2 JSON over a local HTTP server),
LimeSurvey CSV and the generic 360-degree CSV, all into raw_survey_responses."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ingestion.pipeline import ingest
from ingestion.registry import make_connector

GOOD = Path(__file__).parent / "good_inputs"


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


def test_kobo_api_follows_next_pages(con, settings, monkeypatch):
    page = json.loads((GOOD / "kobo_api_page.json").read_text())
    first = {**page, "results": page["results"][:2]}
    second = {**page, "results": page["results"][2:]}
    seen_auth = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            seen_auth.append(self.headers.get("Authorization"))
            body = dict(first, next=f"http://127.0.0.1:{self.server.server_address[1]}/api/v2/assets/a1/data.json?start=2") \
                if "start=2" not in self.path else second
            payload = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("KOBO_TOKEN", "kobo-tok")
        url = f"http://127.0.0.1:{server.server_address[1]}/api/v2/assets/a1/data.json"
        report = ingest(con, make_connector("kobo-api", url), settings)
    finally:
        server.shutdown()
        server.server_close()
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
