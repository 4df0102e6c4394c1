"""Early warning on the bundled sample: the planted spikes are found, false alarms stay rare, the
alerts are listed (csv with localised headers), acknowledged through the inbox, and the digest
reaches a local SMTP server and a local webhook started here."""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from dashboard_support import SHIPPED_SAMPLE, build_warehouse, environment, environment_applied
from insights.alerts import (ALL_AREAS, AlertRules, alert_list, baseline, detect, exceedance, monthly_series,
                             score_against_planted, series_with_band, undelivered)
from sample_data.checks import spike_months
from tyndau.cli import app
from warehouse import audit
from warehouse.alert_state import Acknowledgement, pending_acknowledgements, queue_acknowledgement
from warehouse.config import load_settings

runner = CliRunner()


@pytest.fixture(scope="module")
def sample_settings(tmp_path_factory):
    """The shipped 15,000-appeal sample, labelled with the generator's ground truth, built and published."""
    return build_warehouse(tmp_path_factory.mktemp("alerts"), source=SHIPPED_SAMPLE)


@pytest.fixture
def writer_settings(sample_settings, tmp_path):
    """A copy of the sample warehouse a test may write to (deliveries, acknowledgements)."""
    db = tmp_path / "tyndau.duckdb"
    shutil.copy(sample_settings.db_path, db)
    shutil.copy(sample_settings.resolved_snapshot_path(), tmp_path / "tyndau.snapshot.duckdb")
    return load_settings(tmp_path / "none.toml", db_path=str(db), salt=sample_settings.salt,
                         users_file=sample_settings.users_file, model_dir=sample_settings.model_dir)


def reader(settings) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(settings.db_path, read_only=True)


def planted_cells() -> set:
    cells = {("negative", agency, area, month) for agency, area, month in spike_months()}
    return cells | {("volume", agency, ALL_AREAS, month) for agency, _, month in spike_months()}


def cli(settings, *args: str, **env: str):
    with environment_applied({**environment(settings), **env}):
        return runner.invoke(app, ["alerts", *args, "--db", settings.db_path])


# ---------------------------------------------------------------- the method on known rises


def test_every_planted_complaint_spike_is_found_and_false_alarms_are_rare(sample_settings):
    con = reader(sample_settings)
    series = monthly_series(con)
    tests = detect(series, AlertRules(), months=sorted(series["month"].unique().to_list()))
    report = score_against_planted(tests, planted_cells())
    negative, volume = report["negative"], report["volume"]
    assert negative["planted"] == len(spike_months()) and negative["found"] == negative["planted"], negative
    assert negative["clean_series_months"] > 10_000
    assert negative["false_alarm_rate"] < 0.001, negative["false_alarm_cells"]
    assert volume["false_alarm_rate"] < 0.01, volume["false_alarm_cells"]
    # the volume part of a spike (x1.6 to x2.5 on 8 to 33 appeals a month) is weak: at least one is found
    assert volume["found"] >= 1, volume


def test_the_build_stores_the_spikes_with_their_evidence(sample_settings):
    alerts = alert_list(reader(sample_settings))
    found = {(r["agency_key"], r["area"], r["month"]) for r in alerts.filter(pl.col("metric") == "negative").to_dicts()}
    assert set(spike_months()) <= found
    spike = alerts.filter((pl.col("agency_key") == "AKM-75") & (pl.col("area") == "responsiveness")).row(0, named=True)
    assert spike["observed"] > spike["upper"] > spike["expected"] > 0
    assert spike["q_value"] <= 0.05 and spike["tests_in_month"] == 75 * 12  # every agency x area
    assert len(spike["example_ids"]) == 3 and spike["status"] == "new"
    examples = reader(sample_settings).execute(
        "select count(*) from fct_appeal_areas where appeal_id in (select unnest(?)) and area = 'responsiveness' "
        "and polarity = 'negative' and agency_key = 'AKM-75'", [spike["example_ids"]]).fetchone()[0]
    assert examples == 3  # the examples are complaints of that agency about that area


def test_a_season_is_not_a_spike():
    """A series that rises in winter exactly as every other agency does is not unusual."""
    season = [1.3, 1.2, 1.0, 0.9, 0.8, 0.8, 0.7, 0.8, 0.9, 1.0, 1.2, 1.3] * 2
    exposure = [int(10_000 * s) for s in season]
    counts = [round(e / 1000) for e in exposure]
    b = baseline(counts[:23], exposure[:23], exposure[23])
    assert b.expected == pytest.approx(counts[23], rel=0.1)
    assert exceedance(counts[23], b) > 0.3
    assert exceedance(3 * counts[23], b) < 1e-4


def test_the_chart_series_has_a_band_after_the_history(sample_settings):
    band = series_with_band(reader(sample_settings), "negative", "AKM-75", "75", "responsiveness")
    assert band.height == 24 and band["expected"].head(12).is_null().all()
    april = band.filter(pl.col("month") == date(2025, 4, 1)).row(0, named=True)
    assert april["count"] > april["upper"] >= april["expected"] >= april["lower"] >= 0


# ---------------------------------------------------------------- the command line


def test_csv_lists_the_open_alerts_with_localised_headers(sample_settings):
    result = cli(sample_settings, "--format", "csv", "--lang", "ru")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    stored = alert_list(reader(sample_settings))
    assert len(rows) == stored.height > 0
    assert {"Оповещение", "Месяц", "Орган", "Наблюдалось", "Ожидалось", "Скорректированное p-значение",
            "Примеры обращений"} <= set(rows[0])
    akimat = next(r for r in rows if r["Код органа"] == "AKM-75")
    assert akimat["Показатель"] == "жалобы" and akimat["Статус"] == "новое"


def test_unknown_format_is_one_message(sample_settings):
    result = cli(sample_settings, "--format", "pdf")
    assert result.exit_code == 2 and "Unknown format" in result.output


def test_acknowledgement_from_the_inbox_is_stored_with_who_and_when(writer_settings):
    alert = alert_list(reader(writer_settings)).row(0, named=True)
    queue_acknowledgement(writer_settings, Acknowledgement(alert["alert_id"], "analyst", "seen, calling the akimat",
                                                           acknowledged_at="2026-01-05T09:30:00+00:00"))
    queue_acknowledgement(writer_settings, Acknowledgement("no-such-alert", "analyst"))
    assert set(pending_acknowledgements(writer_settings)) == {alert["alert_id"], "no-such-alert"}
    result = cli(writer_settings, "--apply")
    assert result.exit_code == 0 and "1 stored, 1 failed" in result.stdout, result.output
    assert pending_acknowledgements(writer_settings) == {}
    stored = alert_list(reader(writer_settings)).filter(pl.col("alert_id") == alert["alert_id"]).row(0, named=True)
    assert stored["status"] == "acknowledged" and stored["acknowledged_by"] == "analyst"
    assert str(stored["acknowledged_at"]) == "2026-01-05 09:30:00"
    assert alert["alert_id"] not in undelivered(reader(writer_settings), "email")["alert_id"].to_list()
    listed = cli(writer_settings, "--format", "csv", "--lang", "en")
    assert alert["alert_id"] not in listed.stdout  # --show open leaves it out


# ---------------------------------------------------------------- the digest


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def test_digest_reaches_a_local_smtp_server_once(writer_settings):
    from aiosmtpd.controller import Controller

    sink, port = SmtpSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mail = {"TYNDAU_ALERT_SMTP_HOST": "127.0.0.1", "TYNDAU_ALERT_SMTP_PORT": str(port),
                "TYNDAU_ALERT_MAIL_FROM": "tyndau@agency.kz", "TYNDAU_ALERT_MAIL_TO": "duty@agency.kz, head@agency.kz"}
        first = cli(writer_settings, "--send", "--lang", "en", **mail)
        again = cli(writer_settings, "--send", "--lang", "en", **mail)
    finally:
        controller.stop()
    alerts = alert_list(reader(writer_settings))
    assert first.exit_code == 0, first.output
    assert len(sink.messages) == 1 and "no new alerts" in again.stdout
    envelope = sink.messages[0]
    assert envelope.mail_from == "tyndau@agency.kz"
    assert sorted(envelope.rcpt_tos) == ["duty@agency.kz", "head@agency.kz"]
    body = envelope.content.decode("utf-8")
    assert f"Tyndau: {alerts.height} new alert(s)" in body
    assert "Complaints about Responsiveness" in body and all(a in body for a in alerts["alert_id"])
    assert (alerts["status"] == "sent").all()


def test_digest_is_posted_to_a_local_webhook(writer_settings):
    received = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hooks/tyndau"
        result = cli(writer_settings, "--send", "--lang", "kk", TYNDAU_ALERT_WEBHOOK_URL=url)
    finally:
        server.shutdown()
        thread.join()
    assert result.exit_code == 0, result.output
    assert len(received) == 1
    payload = received[0]
    stored = alert_list(reader(writer_settings))
    assert payload["language"] == "kk" and len(payload["alerts"]) == stored.height
    spike = next(a for a in payload["alerts"] if a["agency_key"] == "AKM-75" and a["area"] == "responsiveness")
    assert spike["month"] == "2025-04-01" and spike["observed"] > spike["upper"]
    assert "text" not in json.dumps(payload)  # ids only: texts stay behind the dashboard's roles


def test_a_refused_webhook_sends_nothing_and_says_so(writer_settings):
    result = cli(writer_settings, "--send", TYNDAU_ALERT_WEBHOOK_URL="http://127.0.0.1:9/nowhere")
    assert result.exit_code == 2 and "webhook did not accept" in result.output
    assert (alert_list(reader(writer_settings))["status"] == "new").all()


def test_send_without_a_channel_is_one_message(writer_settings):
    result = cli(writer_settings, "--send")
    assert result.exit_code == 2 and "No digest channel" in result.output


# ---------------------------------------------------------------- the page


APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def alerts_page(settings, role: str):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["lang"] = "en"
    at.session_state["user"] = {"name": f"test-{role}", "role": role}
    at.run()
    at.switch_page("views/alerts.py")
    at.run()
    assert not at.exception, at.exception
    return at


def test_page_lists_alerts_shows_the_band_and_queues_an_acknowledgement(writer_settings):
    stored = alert_list(reader(writer_settings))
    newest = stored.row(0, named=True)
    with environment_applied(environment(writer_settings)):
        at = alerts_page(writer_settings, "analyst")
        assert at.title[0].value == "Alerts"
        assert [m.value for m in at.metric if m.label == "New"] == [str(stored.height)]
        listing = at.dataframe[0].value
        assert len(listing) == stored.height and "Observed" in listing.columns and "alert_id" not in listing.columns
        assert len(at.get("plotly_chart")) == 1
        chart = json.loads(at.get("plotly_chart")[0].proto.spec)
        assert [trace.get("name") for trace in chart["data"]] == [
            "95 % prediction interval", "Appeals", "Expected", "Alert"]
        # the example appeals, for a text reader, with the read recorded first
        assert any(newest["example_ids"][0].split(":")[1] in str(df.value) for df in at.dataframe[1:])
        assert any(r["action"] == "list" and r["user"] == "test-analyst"
                   for r in audit.read(writer_settings.resolved_audit_log_path(), 10))
        at.text_input(key=f"alerts.note.{newest['alert_id']}").input("calling the office")
        next(b for b in at.button if b.label == "Acknowledge").click().run()
        assert not at.exception, at.exception
        assert "Acknowledged. It shows as stored after the next update." in [s.value for s in at.success]
    queued = pending_acknowledgements(writer_settings)[newest["alert_id"]]
    assert queued.user == "test-analyst" and queued.note == "calling the office"
    with environment_applied(environment(writer_settings)):
        again = alerts_page(writer_settings, "analyst")
        assert any("waiting to be stored" in i.value for i in again.info)
    assert cli(writer_settings, "--apply").exit_code == 0
    with environment_applied(environment(writer_settings)):
        stored_page = alerts_page(writer_settings, "analyst")
        assert [m.value for m in stored_page.metric if m.label == "Acknowledged"] == ["1"]


def test_leadership_sees_the_alerts_but_no_example_text(writer_settings):
    newest = alert_list(reader(writer_settings)).row(0, named=True)
    texts = reader(writer_settings).execute(
        "select text from fct_appeals where appeal_id in (select unnest(?))", [newest["example_ids"]]).fetchall()
    with environment_applied(environment(writer_settings)):
        at = alerts_page(writer_settings, "leadership")
    shown = "\n".join([*(str(e.value) for e in [*at.markdown, *at.info, *at.caption]), *(str(d.value) for d in at.dataframe)])
    assert "Only roles that may read texts see the example texts." in shown
    assert len(at.dataframe) == 1 and not any(t[0][:40] in shown for t in texts)
