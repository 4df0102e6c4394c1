"""Responsiveness against the legal deadlines: on-time shares, days to answer, backlog, redirects.

What leadership reads (the responsiveness and overview pages, `tyndau report`). Every function takes a
:class:`insights.scope.Filters` and returns a polars frame; pages never write SQL.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from insights.scope import DIMENSIONS, LABELS, Filters, where
from insights.stats import add_rate_columns, quantile_from_histogram


def responsiveness_kpis(con: duckdb.DuckDBPyConnection, f: Filters) -> dict:
    clause, params = where(f)
    row = con.execute(f"""
        select sum(appeals), sum(answered), sum(on_time), sum(sum_days_to_final_answer), sum(redirected),
               sum(ping_pong), sum(repeats), sum(interim_only), sum(rated), sum(sum_satisfaction), sum(satisfied),
               sum(decided)
        from mart_responsiveness where {clause}""", params).fetchone()
    keys = ("appeals", "answered", "on_time", "sum_days", "redirected", "ping_pong", "repeats", "interim_only",
            "rated", "sum_satisfaction", "satisfied", "decided")
    k = {key: (value or 0) for key, value in zip(keys, row)}
    median, p90 = answer_day_quantiles(con, f)
    k.update(median_days=median, p90_days=p90,
             on_time_rate=k["on_time"] / k["decided"] if k["decided"] else None,
             mean_satisfaction=k["sum_satisfaction"] / k["rated"] if k["rated"] else None)
    return k


def answer_day_quantiles(con: duckdb.DuckDBPyConnection, f: Filters) -> tuple[float | None, float | None]:
    clause, params = where(f)
    hist = con.execute(f"select answer_day, sum(appeals) from mart_answer_days_histogram where {clause} "
                       "group by answer_day", params).fetchall()
    days, counts = [h[0] for h in hist], [int(h[1]) for h in hist]
    return quantile_from_histogram(days, counts, 0.5), quantile_from_histogram(days, counts, 0.9)


def responsiveness_by(con: duckdb.DuckDBPyConnection, f: Filters, dimension: str, min_count: int = 30) -> pl.DataFrame:
    """Per value of a dimension: volume, on-time rate with interval and shrunk rate, and the rest."""
    column = DIMENSIONS[dimension]
    label = LABELS.get(column, column)
    clause, params = where(f)
    frame = con.execute(f"""
        select {column} as key, any_value({label})::varchar as label, sum(appeals)::bigint as appeals, sum(answered)::bigint as answered,
               sum(on_time)::bigint as on_time, sum(decided)::bigint as decided,
               sum(redirected)::bigint as redirected, sum(ping_pong)::bigint as ping_pong,
               sum(repeats)::bigint as repeats, sum(interim_only)::bigint as interim_only, sum(extended)::bigint as extended,
               sum(rated)::bigint as rated, sum(satisfied)::bigint as satisfied,
               sum(sum_satisfaction) / nullif(sum(rated), 0) as mean_satisfaction
        from mart_responsiveness where {clause} group by {column} order by appeals desc""", params).pl()
    if frame.height == 0:
        return frame
    frame = add_rate_columns(frame, "on_time", "decided", "on_time")  # decided: answered or past the deadline
    frame = add_rate_columns(frame, "satisfied", "rated", "satisfied")
    quantiles = _quantiles_by(con, f, column)
    return frame.join(quantiles, on="key", how="left").with_columns(
        (pl.col("appeals") >= min_count).alias("ranked"),
        (pl.col("ping_pong") / pl.col("appeals")).alias("ping_pong_rate"),
        (pl.col("repeats") / pl.col("appeals")).alias("repeat_rate"),
        (pl.col("interim_only") / pl.col("appeals")).alias("interim_only_rate"),
    )


def _quantiles_by(con, f: Filters, column: str) -> pl.DataFrame:
    clause, params = where(f)
    hist = con.execute(f"select {column} as key, answer_day, sum(appeals)::bigint as n from mart_answer_days_histogram "
                       f"where {clause} group by all", params).pl().with_columns(pl.col("n").cast(pl.Int64))
    rows = []
    for key, part in hist.group_by("key"):
        days, counts = part["answer_day"].to_list(), part["n"].to_list()
        rows.append({"key": key[0], "median_days": quantile_from_histogram(days, counts, 0.5),
                     "p90_days": quantile_from_histogram(days, counts, 0.9)})
    schema = {"key": hist.schema["key"] if "key" in hist.schema else pl.Utf8, "median_days": pl.Float64,
              "p90_days": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def overdue_backlog(con: duckdb.DuckDBPyConnection, f: Filters, as_of: date) -> pl.DataFrame:
    """Appeals registered by `as_of`, past their deadline and without a final answer on that date."""
    clause, params = where(f, "registered_at::date", month_grain=False)
    return con.execute(f"""
        select agency_key, any_value(agency) as agency, count(*) as overdue,
               median(date_diff('day', due_date, ?::date)) as median_days_overdue
        from fct_appeals
        where {clause} and registered_at::date <= ?::date and due_date < ?::date
          and (final_answer_at is null or final_answer_at::date > ?::date)
        group by agency_key order by overdue desc""", [as_of, *params, as_of, as_of, as_of]).pl()


# ---------------------------------------------------------------- labels, trends, redirects, backlog


def monthly_responsiveness(con: duckdb.DuckDBPyConnection, f: Filters) -> pl.DataFrame:
    """Per month of registration: volume, on-time rate with interval, median and p90 days, satisfaction."""
    frame = responsiveness_by(con, f, "month", min_count=0)
    return frame.sort("key") if frame.height else frame


def period_comparison(con: duckdb.DuckDBPyConnection, f: Filters) -> dict:
    """The headline figures for the chosen period and the same length of time just before it."""
    return {"current": responsiveness_kpis(con, f), "previous": responsiveness_kpis(con, f.previous_period())}


def redirect_pairs(con: duckdb.DuckDBPyConnection, f: Filters, limit: int = 20) -> pl.DataFrame:
    """The agency pairs appeals travel between most, with the share of steps that went back."""
    clause, params = where(f)
    return con.execute(f"""
        select from_agency, to_agency, sum(redirects)::bigint as redirects, sum(returns)::bigint as returns,
               sum(appeals)::bigint as appeals
        from mart_redirect_pairs where {clause}
        group by from_agency, to_agency order by redirects desc, from_agency, to_agency limit ?""",
                       [*params, limit]).pl()


def redirect_chains(con: duckdb.DuckDBPyConnection, f: Filters) -> pl.DataFrame:
    """Appeals by the number of redirects before an agency took them (3 means three or more)."""
    clause, params = where(f)
    frame = con.execute(f"""
        select redirect_count, sum(appeals)::bigint as appeals, sum(on_time)::bigint as on_time,
               sum(decided)::bigint as decided, sum(redirected_late)::bigint as redirected_late
        from mart_redirect_chains where {clause} group by redirect_count order by redirect_count""", params).pl()
    return add_rate_columns(frame, "on_time", "decided", "on_time") if frame.height else frame


def overdue_appeals(con: duckdb.DuckDBPyConnection, f: Filters, as_of: date, agency_key: str | None = None,
                    limit: int = 200) -> pl.DataFrame:
    """The appeals behind the backlog, longest overdue first (the dashboard shows texts to analysts only)."""
    from insights.themes import fetch_texts

    clause, params = where(f)  # month grain, as the page filters: plain columns keep DuckDB's zone maps usable
    agency_clause = "and agency_key = ?" if agency_key else ""
    overdue = con.execute(f"""
        select appeal_id, due_date, date_diff('day', due_date, ?::date) as days_overdue
        from fct_appeals
        where {clause} and registered_at < ?::date + 1 and due_date < ?::date
          and (final_answer_at is null or final_answer_at >= ?::date + 1) {agency_clause}
        order by days_overdue desc, appeal_id limit ?""",
                          [as_of, *params, as_of, as_of, as_of, *([agency_key] if agency_key else []), limit]).pl()
    texts = fetch_texts(con, overdue["appeal_id"].to_list())
    return texts.join(overdue, on="appeal_id", how="left").sort(["days_overdue", "appeal_id"],
                                                                 descending=[True, False])


def first_answer_by_agency(con: duckdb.DuckDBPyConnection, f: Filters, min_count: int = 1) -> pl.DataFrame:
    """Median days to the first answer (interim or final) and closure satisfaction, per agency."""
    clause, params = where(f, "registered_at::date", month_grain=False)
    return con.execute(f"""
        select agency_key, any_value(agency) as agency, count(*)::bigint as appeals,
               count(first_answer_at)::bigint as answered,
               median(days_to_first_answer) as median_days_to_first_answer,
               count(*) filter (where is_closed)::bigint as closed,
               count(*) filter (where is_closed_satisfied)::bigint as closed_satisfied
        from fct_appeals where {clause}
        group by agency_key having count(first_answer_at) >= ? order by appeals desc""", [*params, min_count]).pl()
