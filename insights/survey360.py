"""Read-side queries of 360-degree results: scores per area by rater group, self versus others,
the items behind an area, and the comments behind a score.

Rater anonymity is decided in the warehouse (``int_360_suppression``): the marts hold no score and
no count of a group with fewer than ``min_raters`` distinct raters, nor of any cell that would let
one be worked out by subtraction, and ``fct_360_comments`` holds no comment of such a group. These
queries drop a small group's score and comments again, so a mart built under a laxer rule cannot
leak through a page. Self-ratings are exempt: their one rater is the person rated.

Filters: the date range picks survey quarters, ``agencies`` the rated agencies; the appeal-only
filters (channel, language, appeal type) do not apply to surveys.
"""

from __future__ import annotations

import duckdb
import polars as pl

from insights.scope import Filters
from insights.stats import Z95

RATER_GROUPS = ("self", "manager", "peer", "direct_report", "citizen", "staff", "others")
SCOPES = ("agency", "unit")


def _survey_where(f: Filters | None, alias: str = "") -> tuple[str, list]:
    p = f"{alias}." if alias else ""
    clauses, params = ["true"], []
    if f and f.date_from:
        clauses.append(f"{p}survey_period >= date_trunc('quarter', ?::date)")
        params.append(f.date_from)
    if f and f.date_to:
        clauses.append(f"{p}survey_period <= ?::date")
        params.append(f.date_to)
    if f and f.agencies:
        clauses.append(f"{p}agency_key in (select unnest(?))")
        params.append(list(f.agencies))
    return " and ".join(clauses), params


def _anonymous(min_raters: int) -> str:
    """SQL condition: the warehouse shows the cell and it has enough raters (or is the self-rating)."""
    return f"(not is_suppressed and (rater_group = 'self' or coalesce(raters, 0) >= {int(min_raters)}))"


def surveyed_units(con: duckdb.DuckDBPyConnection, f: Filters | None = None) -> pl.DataFrame:
    """Agencies and units with 360-degree results, for the page's pickers."""
    clause, params = _survey_where(f)
    return con.execute(f"""
        select agency_key, any_value(agency) as agency, unit, max(survey_period) as latest_period
        from mart_360_scores where scope = 'unit' and {clause}
        group by agency_key, unit order by agency_key, unit""", params).pl()


def area_scores(con: duckdb.DuckDBPyConnection, f: Filters | None = None, min_raters: int = 5,
                scope: str = "agency", unit: str | None = None, target: float = 4.0) -> pl.DataFrame:
    """Mean score per agency (or unit), area and rater group in the latest survey quarter of the
    period, with a 95 % interval, the gap to the target, and the rater count. Groups under the
    anonymity threshold, and their complements, come back with ``is_suppressed`` and neither score
    nor rater count."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}")
    clause, params = _survey_where(f, "s")
    unit_clause = "and s.unit = ?" if unit else ""
    frame = con.execute(f"""
        with scoped as (
            select * from mart_360_scores s where s.scope = ? {unit_clause} and {clause}
        ),
        latest as (
            select agency_key, unit, max(survey_period) as survey_period from scoped group by agency_key, unit
        )
        select s.agency_key, s.agency, s.unit, s.area, s.rater_group, s.survey_period, s.raters, s.answers,
               case when {_anonymous(min_raters)} then s.mean_score end as mean_score,
               case when {_anonymous(min_raters)} then s.sd_score end as sd_score,
               not {_anonymous(min_raters)} or s.mean_score is null as is_suppressed
        from scoped s join latest l using (agency_key, unit, survey_period)
        order by s.agency_key, s.unit, s.area, s.rater_group""", [scope, *([unit] if unit else []), *params]).pl()
    return _with_interval(frame, target)


def _with_interval(frame: pl.DataFrame, target: float) -> pl.DataFrame:
    half = Z95 * pl.col("sd_score").fill_null(0.0) / pl.col("raters").cast(pl.Float64).sqrt()
    return frame.with_columns(
        (pl.col("mean_score") - half).alias("low"),
        (pl.col("mean_score") + half).alias("high"),
        (pl.lit(target) - pl.col("mean_score")).alias("gap_to_target"),
    ).with_columns((pl.col("high") < target).alias("is_below_target"))


def self_vs_others(con: duckdb.DuckDBPyConnection, f: Filters | None = None, min_raters: int = 5,
                   scope: str = "unit", unit: str | None = None, target: float = 4.0) -> pl.DataFrame:
    """Per agency (or unit) and area: the self-rating, everyone else's mean, and self minus others
    (positive: the person rates themselves higher than colleagues and citizens do)."""
    scores = area_scores(con, f, min_raters, scope, unit, target)
    keys = ["agency_key", "agency", "unit", "area", "survey_period"]
    self_ = scores.filter(pl.col("rater_group") == "self").select(*keys, pl.col("mean_score").alias("self_score"))
    others = scores.filter(pl.col("rater_group") == "others").select(
        *keys, pl.col("mean_score").alias("others_score"), pl.col("raters").alias("others_raters"),
        pl.col("is_suppressed").alias("others_suppressed"))
    return others.join(self_, on=keys, how="left").with_columns(
        (pl.col("self_score") - pl.col("others_score")).alias("self_minus_others")).sort(keys)


def area_items(con: duckdb.DuckDBPyConnection, agency_key: str, area: str, f: Filters | None = None,
               min_raters: int = 5, unit: str | None = None) -> pl.DataFrame:
    """The items behind one area's score (latest quarter), with their wording and mean per rater group."""
    clause, params = _survey_where(f)
    scope, unit_value = ("unit", unit) if unit else ("agency", "")
    return con.execute(f"""
        with scoped as (
            select * from mart_360_items
            where agency_key = ? and area = ? and scope = ? and unit = ? and {clause}
        )
        select item_id, item_text, rater_group, survey_period, raters,
               case when {_anonymous(min_raters)} then mean_score end as mean_score,
               not {_anonymous(min_raters)} or mean_score is null as is_suppressed
        from scoped where survey_period = (select max(survey_period) from scoped)
        order by item_id, rater_group""", [agency_key, area, scope, unit_value, *params]).pl()


def area_comments(con: duckdb.DuckDBPyConnection, agency_key: str, area: str, f: Filters | None = None,
                  min_raters: int = 5, unit: str | None = None, with_text: bool = False) -> pl.DataFrame:
    """Comments raters left on the items of an area, from groups that pass the anonymity rule only.
    Their polarity is the classifier's where it read them, else what the score says (1-2 negative,
    4-5 positive). ``with_text`` is for roles that may read texts; otherwise counts per polarity."""
    clause, params = _survey_where(f, "c")
    unit_clause = "and c.unit = ?" if unit else ""
    shown = con.execute(f"""
        with comments as (
            select c.* from fct_360_comments c
            where c.agency_key = ? and c.area = ? {unit_clause} and {clause}
        ),
        groups as (
            select agency_key, unit, rater_group, survey_period, raters, is_suppressed from mart_360_scores
            where area = ? and scope = case when unit = '' then 'agency' else 'unit' end
        )
        select c.survey_response_id, c.unit, c.item_id, c.rater_group, c.survey_period, c.score, c.polarity,
               c.polarity_source, c.comment
        from comments c join groups g using (agency_key, unit, rater_group, survey_period)
        where {_anonymous(min_raters)}
        order by c.survey_period desc, c.score, c.survey_response_id""",
                       [agency_key, area, *([unit] if unit else []), *params, area]).pl()
    if with_text:
        return shown
    return shown.group_by("polarity").agg(pl.len().alias("comments")).sort("polarity")
