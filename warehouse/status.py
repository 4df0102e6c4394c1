"""A short account of what the warehouse holds, for `tyndau status` and the data-quality page."""

from __future__ import annotations

import duckdb


def warehouse_status(con: duckdb.DuckDBPyConnection, runs: int = 10) -> dict:
    tables = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' order by table_name").fetchall()]
    counts = {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
    latest = con.execute(
        """select load_run_id, connector, status, rows_read, rows_inserted, rows_updated, rows_rejected, source_uri
           from load_runs order by load_run_id desc limit ?""", [runs]).fetchall()
    return {"tables": counts, "runs": latest}
