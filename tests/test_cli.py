"""The command line: every command has help, every command is documented, and
domain errors come out as a message plus what to do (exit 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tyndau.cli import app
from warehouse.config import setting_help

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner(env={"TYNDAU_SALT": "test-salt-not-for-deployment"})


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_core_commands_exist():
    assert {"init", "ingest", "build", "status", "rejected", "connectors", "config"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    import typer.main

    assert typer.main.get_command(app).commands[name].help, f"`tyndau {name}` has no help text"


def test_every_command_is_documented():
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [n for n in command_names() if f"tyndau {n}" not in docs]
    assert not missing, f"docs/cli.md does not mention: {missing}"


def test_every_setting_is_documented():
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert not [s for s in setting_help() if f"`{s}`" not in docs]


def test_a_domain_error_is_a_message_and_a_hint(tmp_path):
    db = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["init", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(REPO / "tests" / "bad_inputs" / "missing_columns.csv"),
                                 "-m", "eotinish-sample", "--db", str(db)])
    assert result.exit_code == 2
    assert "error:" in result.output and "what to do:" in result.output
    assert "Traceback" not in result.output


def test_ingest_prints_a_summary_and_what_to_do_with_rejections(tmp_path):
    db = tmp_path / "w.duckdb"
    runner.invoke(app, ["init", "--db", str(db)])
    result = runner.invoke(app, ["ingest", str(REPO / "tests" / "bad_inputs" / "bad_values.csv"),
                                 "-m", "eotinish-sample", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "inserted 1" in result.output and "rejected 2" in result.output
    assert "tyndau rejected" in result.output
    shown = runner.invoke(app, ["rejected", "--db", str(db)])
    assert "bad_values.csv:2 [reg_date]" in shown.output
    status = runner.invoke(app, ["status", "--db", str(db)])
    assert "raw_appeals" not in status.output, "table counts only behind --tables"
    assert "bad_values.csv" in status.output and "succeeded" in status.output
    assert "2 rows rejected in the latest loads" in status.output
    assert "1 appeals loaded but 0 built (run `tyndau build`)" in status.output
    detailed = runner.invoke(app, ["status", "--tables", "--db", str(db)])
    assert "raw_appeals" in detailed.output


def test_readers_refuse_a_missing_warehouse_instead_of_creating_one(tmp_path):
    missing = tmp_path / "elsewhere.duckdb"
    result = runner.invoke(app, ["status", "--db", str(missing)])
    assert result.exit_code == 2 and "No warehouse at" in result.output
    assert not missing.exists()


def test_the_cli_reference_is_current():
    from tyndau.docgen import render

    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed.strip() == render().strip(), "run `python -m tyndau.docgen > docs/cli.md`"


def test_the_demo_can_be_found_afterwards_and_its_passwords_reset(tmp_path, monkeypatch):
    """Without a classifier the demo still loads and builds; what matters here is what it leaves behind:
    ./tyndau.toml pointing at its warehouse, so later commands find it, and users whose passwords a
    second run can reset."""
    monkeypatch.chdir(tmp_path)
    env = {"TYNDAU_MODEL_DIR": str(tmp_path / "no-model"), "TYNDAU_CONFIG": None}
    first = runner.invoke(app, ["demo", "--no-serve", "--no-train"], env=env)
    assert first.exit_code == 0, first.output
    warehouse = (tmp_path / "demo" / "tyndau.duckdb").resolve()
    assert f"the demo warehouse is {warehouse}" in first.output
    config = (tmp_path / "tyndau.toml").read_text(encoding="utf-8")
    assert str(warehouse) in config
    assert (tmp_path / "demo" / "demo.salt").read_text(encoding="utf-8").strip() in config, "later loads hash alike"
    assert (tmp_path / "tyndau.toml").stat().st_mode & 0o777 == 0o600, "the config holds the salt: private"
    status = runner.invoke(app, ["status"], env=env)
    assert status.exit_code == 0 and f"Warehouse {warehouse}" in status.output
    users_before = (tmp_path / "demo" / "users.toml").read_text(encoding="utf-8")
    again = runner.invoke(app, ["demo", "--no-serve", "--no-train", "--reset-passwords"], env=env)
    assert again.exit_code == 0, again.output
    assert "demo-analyst" in again.output and "exists and is left as it is" in again.output
    assert (tmp_path / "demo" / "users.toml").read_text(encoding="utf-8") != users_before
