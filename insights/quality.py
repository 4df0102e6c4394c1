"""Read-side queries behind the data-quality page: load runs, rejected rows, schema, classification.

What an administrator needs to trust the other pages: did the loads succeed, what was kept aside
and why, which schema version the snapshot has, how many texts the classifier read and which it
could not. Rejection reasons quote the offending value; :func:`rejected_by_reason` groups them
with the value blanked out, so one broken column is one line, not ten thousand.
"""

from __future__ import annotations

import duckdb
import polars as pl

from insights.status import warehouse_status


def load_runs(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pl.DataFrame:
    return con.execute("""
        select load_run_id, connector, regexp_extract(source_uri, '[^/]+$') as source, status, started_at,
               finished_at, date_diff('millisecond', started_at, finished_at) / 1000.0 as seconds, rows_read,
               rows_inserted, rows_updated, rows_unchanged, rows_rejected, error
        from load_runs order by load_run_id desc limit ?""", [limit]).pl()


def followed_sources(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The sources `tyndau sync` follows: when each last succeeded, and which keep failing (and why)."""
    if not con.execute("select count(*) from information_schema.tables where table_name = 'sync_state'").fetchone()[0]:
        return pl.DataFrame()
    return con.execute("""
        select source_name as source, connector, last_success_at, consecutive_failures, last_error as error,
               next_attempt_at
        from sync_state order by consecutive_failures desc, source_name""").pl()


def rejected_by_reason(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Rejected rows per file, column and kind of reason (the quoted value blanked out)."""
    return con.execute(r"""
        select regexp_extract(source_file, '[^/]+$') as source, column_name,
               regexp_replace(regexp_replace(reason, '^cannot read .* as ', 'cannot read … as '),
                              '^.* is outside', '… is outside') as reason,
               count(*) as rows, count(distinct load_run_id) as load_runs, min(row_number) as first_row
        from rejected_rows group by all order by rows desc, source, column_name""").pl()


def schema_migrations(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.execute("select version, name, applied_at from schema_migrations order by version").pl()


def table_counts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    counts = warehouse_status(con, runs=0)["tables"]
    return pl.DataFrame({"table": list(counts), "rows": list(counts.values())}, schema={"table": pl.Utf8,
                                                                                        "rows": pl.Int64})


def classification_coverage(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Appeals with at least one area, per model version, and how many an analyst corrected."""
    return con.execute("select * from mart_label_coverage order by appeals_with_areas desc").pl()


def classification_failures(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Texts the classifier could not read, per model version, kind of text and reason."""
    return con.execute("""
        select model_name, model_version, text_kind, reason, count(*) as texts, any_value(detail) as example_detail,
               max(failed_at) as last_failed_at
        from classification_failures group by all order by texts desc""").pl()


def classified_texts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """How many texts each model version classified, and when it last ran."""
    return con.execute("""
        select model_name, model_version, text_kind, count(*) as texts, sum(n_areas) as areas_found,
               max(classified_at) as last_classified_at
        from text_classifications group by all order by last_classified_at desc""").pl()
