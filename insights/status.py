"""A short account of what the warehouse holds, for `tyndau status` and the data-quality page.

The summary answers what an operator asks first (how much, which period, when was each source
last loaded, how much is classified, how old is what the dashboard shows, what needs attention);
the per-table counts stay available for whoever debugs a load.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime

import duckdb


def warehouse_status(con: duckdb.DuckDBPyConnection, runs: int = 10) -> dict:
    tables = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' order by table_name").fetchall()]
    counts = {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
    latest = con.execute(
        """select load_run_id, connector, status, rows_read, rows_inserted, rows_updated, rows_rejected, source_uri
           from load_runs order by load_run_id desc limit ?""", [runs]).fetchall()
    return {"tables": counts, "runs": latest}


@dataclass
class SourceLoad:
    source_uri: str
    connector: str
    status: str
    finished_at: datetime | None
    rows_read: int
    rows_rejected: int


@dataclass
class Summary:
    appeals: int = 0
    first_registered: datetime | None = None
    last_registered: datetime | None = None
    classified_share: float | None = None
    sources: list[SourceLoad] = field(default_factory=list)
    snapshot_age_seconds: float | None = None
    problems: list[str] = field(default_factory=list)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'main' and table_name = ?", [name]).fetchone()[0])


def latest_load_per_source(con: duckdb.DuckDBPyConnection) -> list[SourceLoad]:
    """The last run of each source, so a source that stopped loading stands out."""
    rows = con.execute("""
        select source_uri, connector, status, finished_at, coalesce(rows_read, 0), coalesce(rows_rejected, 0)
        from load_runs
        qualify row_number() over (partition by source_uri order by load_run_id desc) = 1
        order by source_uri""").fetchall()
    return [SourceLoad(*r) for r in rows]


def _appeal_period(con: duckdb.DuckDBPyConnection) -> tuple[int, datetime | None, datetime | None]:
    if not _has_table(con, "fct_appeals"):
        return 0, None, None
    return con.execute("select count(*), min(registered_at), max(registered_at) from fct_appeals").fetchone()


def _classified_share(con: duckdb.DuckDBPyConnection, appeals: int) -> float | None:
    """Share of appeals with a current classification (a failure to classify counts as not classified)."""
    if not appeals or not _has_table(con, "stg_text_classifications"):
        return None
    classified = con.execute("""
        select count(*) from fct_appeals a
        semi join stg_text_classifications c on c.text_kind = 'appeal' and c.text_id = a.appeal_id and c.is_latest
        """).fetchone()[0]
    return classified / appeals


def _problems(con: duckdb.DuckDBPyConnection, sources: list[SourceLoad], appeals_in_raw: int,
              appeals_built: int) -> list[str]:
    problems = [f"last load of {s.source_uri} {s.status}" for s in sources if s.status != "succeeded"]
    rejected = sum(s.rows_rejected for s in sources)
    if rejected:
        problems.append(f"{rejected:,} rows rejected in the latest loads (see `tyndau rejected`)")
    problems += _failing_sources(con)
    if appeals_in_raw != appeals_built:
        problems.append(f"{appeals_in_raw:,} appeals loaded but {appeals_built:,} built (run `tyndau build`)")
    if _has_table(con, "classification_failures"):
        failed = con.execute("select count(*) from classification_failures").fetchone()[0]
        if failed:
            problems.append(f"{failed:,} texts could not be classified")
    return problems


def _failing_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    if not _has_table(con, "sync_state"):
        return []
    rows = con.execute("""select source_name, consecutive_failures, last_success_at, last_error from sync_state
                          where consecutive_failures > 0 order by source_name""").fetchall()
    return [f"source {name} failed {failures} time(s) in a row (last success "
            f"{success.strftime('%Y-%m-%d %H:%M') + ' UTC' if success else 'never'}): {error}"
            for name, failures, success, error in rows]


def warehouse_summary(con: duckdb.DuckDBPyConnection, snapshot_path: str | None = None) -> Summary:
    appeals, first, last = _appeal_period(con)
    sources = latest_load_per_source(con)
    raw = con.execute("select count(*) from raw_appeals").fetchone()[0] if _has_table(con, "raw_appeals") else 0
    snapshot_age = None
    if snapshot_path and os.path.exists(snapshot_path):
        snapshot_age = time.time() - os.path.getmtime(snapshot_path)
    return Summary(appeals=appeals, first_registered=first, last_registered=last,
                   classified_share=_classified_share(con, appeals), sources=sources,
                   snapshot_age_seconds=snapshot_age, problems=_problems(con, sources, raw, appeals))
