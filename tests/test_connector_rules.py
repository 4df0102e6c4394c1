"""The rules behind the real-export connectors, on small files written here: what is rejected, what is
null, what the mapping options do. (The real exports themselves: tests/test_real_exports.py.)"""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from ingestion.mapping import apply_mapping, parse_mapping, shipped_mappings
from ingestion.pipeline import ingest
from ingestion.protect import Redactor
from ingestion.redact import redact_series
from ingestion.registry import make_connector
from tyndau.cli import app
from warehouse.config import load_settings
from warehouse.db import connect, migrate
from warehouse.errors import ConfigError

FINAL, INTERIM = "Окончательный ответ", "Промежуточный ответ"


def warehouse(tmp_path: Path):
    settings = load_settings(tmp_path / "no-config.toml", db_path=str(tmp_path / "w.duckdb"),
                             salt="test-salt-not-for-deployment")
    con = connect(settings.db_path)
    migrate(con)
    return con, settings


def thread(**overrides) -> dict:
    base = {
        "id": 1, "district": "Невский", "category": "Благоустройство", "reason": "Мусор", "responsible_org": None,
        "created_dt": "2021-01-01T10:00:00", "text": "Мусор во дворе, звоните +7 (921) 123-45-67", "n_followups": 1,
        "statuses": [{"dt": "2021-01-01T10:00:01", "status": "Модерация"},
                     {"dt": "2021-01-02T09:00:00", "status": "Рассмотрение"},
                     {"dt": "2021-01-05T12:00:00", "status": "Получен ответ"},
                     {"dt": "2021-01-06T08:00:00", "status": "Модерация"},
                     {"dt": "2021-01-06T09:00:00", "status": "Рассмотрение"},
                     {"dt": "2021-01-09T12:00:00", "status": "Получен ответ"},
                     {"dt": "2021-01-10T12:00:00", "status": "Завершено: Пользователь удовлетворен решением проблемы"}],
        "answers": [{"dt": "2021-01-03T11:00:00", "author": "ЖА Невского района", "type": INTERIM, "text": "Работаем"},
                    {"dt": "2021-01-05T11:00:00", "author": "ЖА Невского района", "type": FINAL, "text": "Вывезено"},
                    {"dt": "2021-01-09T11:00:00", "author": "ЖА Невского района", "type": FINAL, "text": "Вывезено снова"}],
        "final_status": "Завершено: Пользователь удовлетворен решением проблемы",
    }
    return {**base, **overrides}


def write_jsonl_gz(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


# ---------------------------------------------------------------- spb-portal


def test_spb_thread_becomes_an_appeal_and_its_history(tmp_path):
    con, settings = warehouse(tmp_path)
    path = write_jsonl_gz(tmp_path / "a.jsonl.gz", [json.dumps(thread(), ensure_ascii=False)])
    moscow = replace(settings, timezone="Europe/Moscow")  # the portal writes its local time, without an offset
    report = ingest(con, make_connector("spb-portal", str(path)), moscow)
    assert report.counts.by_table["raw_appeals"]["inserted"] == 1
    appeal = con.execute("select agency_name, answered_at, closed_at, answer_text, text, category "
                         "from raw_appeals").fetchone()
    assert appeal[0] == "ЖА Невского района"  # no responsible_org yet: the latest answer's author
    # 11:00 and 12:00 in Moscow (UTC+3), stored in UTC
    assert (str(appeal[1]), str(appeal[2])) == ("2021-01-05 08:00:00", "2021-01-10 09:00:00")
    assert appeal[3] == "Вывезено снова"  # the last final answer
    assert "[PHONE]" in appeal[4] and "123-45-67" not in appeal[4]
    assert appeal[5] == "Благоустройство / Мусор"
    kinds = [r[0] for r in con.execute("select event_type from raw_appeal_events order by event_seq").fetchall()]
    assert kinds == ["registered", "status_change", "status_change", "interim_answer", "final_answer", "status_change",
                     "status_change", "followup", "status_change", "final_answer", "status_change", "status_change"]


def test_spb_malformed_threads_are_rejected_and_the_rest_loads(tmp_path):
    con, settings = warehouse(tmp_path)
    lines = [
        json.dumps(thread(id=1), ensure_ascii=False),
        "{not json",
        json.dumps(thread(id=3, created_dt=None), ensure_ascii=False),
        json.dumps(thread(id=4, answers=[{"dt": "2021-01-03T11:00:00", "type": "Ответ", "text": "?"}]), ensure_ascii=False),
        json.dumps(thread(id=5, statuses=[{"dt": "вчера", "status": "Модерация"}]), ensure_ascii=False),
        json.dumps(thread(id=6, statuses="Модерация"), ensure_ascii=False),
    ]
    path = write_jsonl_gz(tmp_path / "a.jsonl.gz", lines)
    report = ingest(con, make_connector("spb-portal", str(path)), settings)
    assert report.counts.rejected == 5
    assert con.execute("select list(external_id) from raw_appeals").fetchone()[0] == ["1"]
    rejected = con.execute("select row_number, column_name from rejected_rows order by row_number").fetchall()
    assert rejected == [(2, ""), (3, "created_dt"), (4, "answers.type"), (5, "statuses.dt"), (6, "statuses")]


def test_spb_batch_size_option_is_checked(tmp_path):
    path = write_jsonl_gz(tmp_path / "a.jsonl.gz", [json.dumps(thread())])
    with pytest.raises(ConfigError):
        list(make_connector("spb-portal", str(path), options={"batch_threads": "0"}).batches())


# ---------------------------------------------------------------- uk-csps


def test_csps_suppressed_values_are_null_and_non_percentages_are_rejected(tmp_path):
    con, settings = warehouse(tmp_path)
    path = tmp_path / "scores-2021.csv"
    path.write_text("\ufeffDepartmental Group,Organisation,Organisation code,My manager,B01,B02\n"
                    "Cabinet Office,Cabinet Office,CO0000,70%,*,\n"
                    "Cabinet Office,Government Property Agency,GPA0000,n/a,140%,55.5%\n", encoding="utf-8")
    report = ingest(con, make_connector("uk-csps", str(path)), settings)
    stored = dict(((o, m), v) for o, m, v in con.execute(
        "select organisation, measure_id, value from raw_survey_scores where period = '2021'").fetchall())
    assert stored == {("Cabinet Office", "My manager"): 70.0, ("Cabinet Office", "B01"): None,
                      ("Cabinet Office", "B02"): None, ("Government Property Agency", "B02"): 55.5}
    rejected = con.execute("select row_number, column_name from rejected_rows order by column_name").fetchall()
    assert rejected == [(2, "B01"), (2, "My manager")]
    assert report.counts.rejected == 1  # one source row, two bad cells


def test_csps_period_must_be_known(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("Organisation,B01\nX,50%\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="survey year"):
        list(make_connector("uk-csps", str(path)).batches())
    batch = next(make_connector("uk-csps", str(path), options={"period": "2018"}).batches())
    assert batch.tables["raw_survey_scores"]["period"].to_list() == ["2018"]


def test_csps_areas_file_must_name_known_areas(tmp_path):
    areas = tmp_path / "areas.toml"
    areas.write_text('[areas]\nB01 = "leadrship"\n', encoding="utf-8")
    path = tmp_path / "scores-2019.csv"
    path.write_text("Organisation,B01\nX,50%\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="leadrship"):
        list(make_connector("uk-csps", str(path), options={"areas": str(areas)}).batches())


# ---------------------------------------------------------------- mapping options


def mapping(fields: dict):
    return parse_mapping({"name": "t", "target": "raw_appeals", "fields": fields}, "test")


def test_contains_default_missing_and_pattern():
    m = mapping({
        "external_id": "id",
        "appeal_type": {"column": "title", "contains": {"complim": "feedback", "compla": "complaint"},
                        "default": "complaint"},
        "latitude": {"column": "geo", "missing": ["(0, 0)"], "pattern": r"^\((-?[0-9.]+),"},
    })
    frame = pl.DataFrame({"_row_number": [1, 2, 3, 4], "id": ["a", "b", "c", "d"],
                          "title": ["PWD: Compliment", "Contractor Complant", "Missed trash", None],
                          "geo": ["(42.1, -71.0)", "(0, 0)", "", "somewhere"]})
    good, rejected = apply_mapping(m, frame, {"latitude": "DOUBLE"})
    assert good["appeal_type"].to_list() == ["feedback", "complaint", "complaint"]
    assert good["latitude"].to_list() == [42.1, None, None]
    assert rejected.select("row_number", "column_name").rows() == [(4, "geo")]


def test_enum_value_maps_refuse_unknown_canonical_values():
    with pytest.raises(ConfigError, match="complain"):
        mapping({"appeal_type": {"column": "kind", "contains": {"x": "complain"}}})


def test_lookup_tables_beside_mappings_are_not_listed_as_mappings():
    assert "boston-311" in shipped_mappings()
    assert "uk-csps-areas" not in shipped_mappings()
    result = CliRunner().invoke(app, ["connectors"])
    assert result.exit_code == 0, result.output
    assert "spb-portal" in result.output and "uk-csps" in result.output and "boston-311" in result.output


# ---------------------------------------------------------------- redaction memo


def test_redactor_gives_the_redactor_results_with_repeats_done_once():
    texts = pl.Series(["звоните 8 701 123 45 67", None, "нет данных", "звоните 8 701 123 45 67"])
    redactor = Redactor()
    assert redactor(texts).to_list() == redact_series(texts).to_list()
    again = pl.Series(["нет данных", "звоните 8 701 123 45 67", "новый текст"])
    assert redactor(again).to_list() == redact_series(again).to_list()
