"""From behaviour gaps to training priorities and a plan: the read side of the planners' pages and
of ``tyndau gaps`` / ``tyndau plan``.

**Citizens' gap.** For an agency and area, the rate of negative evidence is the share of the
agency's appeals in the period that the classifier (or an analyst) labelled as a complaint about
that area. Small agencies are shrunk toward the national rate with the empirical-Bayes prior of
:mod:`insights.stats` (fitted per area over all agencies), so three appeals cannot top a table.
The **gap score** is the shrunk rate minus the national rate (a share of appeals: 0.2 means 20
more complaints per 100 appeals than the country), with the posterior 95 % interval, and the
**certainty** is the posterior probability that the agency's true rate exceeds the national one.
The trend compares the gap with the same number of months before.

**Priority.** The priority of an agency's area weighs its gap by its certainty, plus half the
colleagues' 360-degree shortfall (points below the target, or below what surveyed agencies reach if
that is lower, over the scale's range: the same units). A course's value for an agency is the sum of the
priorities of the areas it develops, times the agency's appeals per month: "certainty-weighted
excess complaints per month the course addresses". The optimiser (:mod:`insights.training.optimiser`)
buys seats to maximise that value within a budget.

**Only positive gaps are funded.** An area is *fundable* for an agency when the citizens' gap is
above zero (the agency draws more complaints on it than the country) and, weighted by its
certainty, reaches :data:`MIN_PRIORITY` (half a percentage point) by itself; the 360 shortfall adds
weight to such an area but never makes an area with a zero, negative or negligible citizens' gap
fundable on its own. The one other evidence that funds an area by itself is citizens' too: an
agency's significant unequal treatment of a group of citizens (:mod:`insights.equity`) funds its
inclusiveness line when that part reaches MIN_PRIORITY. Money reaches any other area only through a
**mandatory** course: the planner's (or the catalogue's) mark that a course must reach categories
of staff whatever the gaps (the competency paper asks for training "mandatory for all categories of
civil servants"). Mandatory seats are bought first; the optimiser spends what is left.

**Gap closed** is measured in *weighted complaints per month*: a gap's weight (its priority times
the agency's classified appeals per month, i.e. the certainty-weighted excess complaints a month,
plus the weighted 360 shortfall in the same units) times the share of the staff it needs that the
plan trains.

Pages and the CLI call these functions with a :class:`insights.responsiveness.Filters`; only the date
range, agencies and regions apply (gaps are per agency; the national rate is always national).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

import duckdb
import numpy as np
import polars as pl

from insights import exports
from insights.scope import Filters
from insights.stats import beta_posterior_interval, beta_prior, posterior_exceedance, shrunk_rate
from insights.training.optimiser import (Gap, Offering, Plan, PlanError, PlanLine, check_limits, naive_plan,
                                         optimise_plan, raw_coverage)
from warehouse.config import Settings

SURVEY_WEIGHT = 0.5        # a 360-degree shortfall counts half as much as the same citizens' gap
MIN_PRIORITY = 0.005       # below half a percentage point (certainty-weighted) a gap is noise to a planner
SCALE_RANGE = 4.0          # 1..5 agree scale (the marts rescale other scales to it)
ALL_STAFF = "all"          # the staff category every civil servant of an agency belongs to


@dataclass(frozen=True)
class PlanningRules:
    """The settings the planners' analytics follow (hashable, so dashboard results cache on them)."""

    survey_target_score: float
    min_raters: int
    gap_window_months: int
    impact_window_months: int
    min_count_for_ranking: int
    equity_min_cell: int = Settings.equity_min_cell  # a default, so rules made in code before equity keep working

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "PlanningRules":
        settings = settings or Settings()
        return cls(**{f.name: getattr(settings, f.name) for f in fields(cls)})

    @classmethod
    def from_build(cls, con: duckdb.DuckDBPyConnection) -> "PlanningRules":
        """Inside ``tyndau build``, where every numeric setting is a SQL variable."""
        defaults = cls.from_settings()
        values = {f.name: con.execute("select getvariable(?)", [f.name]).fetchone()[0] for f in fields(cls)}
        return cls(**{k: (v if v is not None else getattr(defaults, k)) for k, v in values.items()})


# ---------------------------------------------------------------------------------------- periods


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def gap_period(con: duckdb.DuckDBPyConnection, f: Filters | None, months: int) -> tuple[date, date] | None:
    """(first month, last month) of the gap: the filter's dates, else the latest `months` with data."""
    if f and f.date_from and f.date_to:
        return f.date_from.replace(day=1), f.date_to.replace(day=1)
    last = con.execute("select max(evidence_month) from mart_area_evidence_monthly").fetchone()[0]
    if last is None:
        return None
    first = add_months(last, -(months - 1))
    if f and f.date_from:
        first = max(first, f.date_from.replace(day=1))
    return first, last


def previous_period(period: tuple[date, date]) -> tuple[date, date]:
    first, last = period
    length = (last.year - first.year) * 12 + last.month - first.month + 1
    return add_months(first, -length), add_months(first, -1)


def months_in(period: tuple[date, date]) -> int:
    return (period[1].year - period[0].year) * 12 + period[1].month - period[0].month + 1


# ---------------------------------------------------------------------------------------- gaps

GAP_SCHEMA = {"agency_key": pl.Utf8, "agency": pl.Utf8, "agency_kind": pl.Utf8, "area": pl.Utf8,
              "appeals": pl.Int64, "classified_appeals": pl.Int64, "negative_appeals": pl.Int64,
              "positive_appeals": pl.Int64, "neutral_appeals": pl.Int64, "example_appeal_ids": pl.List(pl.Utf8)}


def evidence_counts(con: duckdb.DuckDBPyConnection, period: tuple[date, date]) -> pl.DataFrame:
    """Per agency and area over the period: appeals, evidence by polarity, and the strongest complaints
    of the latest month that had any (a list aggregate over all months would cost most of the query)."""
    frame = con.execute("""
        select agency_key, any_value(agency) as agency, any_value(agency_kind) as agency_kind, area,
               sum(appeals)::bigint as appeals, sum(classified_appeals)::bigint as classified_appeals,
               sum(negative_appeals)::bigint as negative_appeals,
               sum(positive_appeals)::bigint as positive_appeals, sum(neutral_appeals)::bigint as neutral_appeals,
               coalesce(arg_max(example_appeal_ids, evidence_month) filter (where len(example_appeal_ids) > 0),
                        []::varchar[]) as example_appeal_ids
        from mart_area_evidence_monthly
        where evidence_month between ? and ?
        group by agency_key, area""", list(period)).pl()
    return frame.cast(GAP_SCHEMA) if frame.height else pl.DataFrame(schema=GAP_SCHEMA)


def score_gaps(counts: pl.DataFrame) -> pl.DataFrame:
    """Rates, national rate, shrunk rate, gap score with its interval and certainty. The prior is
    fitted per area (areas differ tenfold in how often citizens raise them); the rest is one
    vectorised pass over the table, which keeps a page's query well under its latency budget."""
    if counts.height == 0:
        return counts
    priors = {area: beta_prior(part["negative_appeals"], part["classified_appeals"])
              for (area,), part in counts.partition_by("area", as_dict=True).items()}
    frame = counts.with_columns(
        pl.col("area").replace_strict({k: v[0] for k, v in priors.items()}, return_dtype=pl.Float64).alias("prior_a"),
        pl.col("area").replace_strict({k: v[1] for k, v in priors.items()}, return_dtype=pl.Float64).alias("prior_b"),
        (pl.col("negative_appeals").sum().over("area") / pl.col("classified_appeals").sum().over("area").clip(1))
        .alias("national_rate"),
        (pl.col("negative_appeals") / pl.col("classified_appeals")).alias("negative_rate"),
    ).with_columns(shrunk_rate(pl.col("negative_appeals"), pl.col("classified_appeals"), pl.col("prior_a"),
                               pl.col("prior_b")).alias("negative_shrunk"))
    s, n, a, b, national = (frame[c].to_numpy().astype(float) for c in
                            ("negative_appeals", "classified_appeals", "prior_a", "prior_b", "national_rate"))
    low, high = beta_posterior_interval(s, n, a, b)
    return frame.with_columns(
        (pl.col("negative_shrunk") - pl.col("national_rate")).alias("gap_score"),
        pl.Series("gap_low", low - national), pl.Series("gap_high", high - national),
        pl.Series("certainty", np.asarray(posterior_exceedance(s, n, a, b, national), dtype=float)),
    ).drop("prior_a", "prior_b")


def citizen_gaps(con: duckdb.DuckDBPyConnection, f: Filters | None = None,
                 rules: PlanningRules | None = None) -> pl.DataFrame:
    """One row per agency and area: gap score, interval, certainty, rank within the agency, evidence
    counts and example appeal ids, and the trend against the previous period of the same length."""
    rules = rules or PlanningRules.from_settings()
    period = gap_period(con, f, rules.gap_window_months)
    if period is None:
        return _empty_gaps()
    current = score_gaps(evidence_counts(con, period))
    if current.height == 0:
        return _empty_gaps()
    before = score_gaps(evidence_counts(con, previous_period(period)))
    trend = before.select("agency_key", "area", pl.col("gap_score").alias("previous_gap_score")) if before.height \
        else pl.DataFrame(schema={"agency_key": pl.Utf8, "area": pl.Utf8, "previous_gap_score": pl.Float64})
    gaps = current.join(trend, on=["agency_key", "area"], how="left").with_columns(
        (pl.col("gap_score") - pl.col("previous_gap_score")).alias("trend"),
        (pl.col("classified_appeals") >= rules.min_count_for_ranking).alias("ranked"),
        pl.lit(period[0]).alias("period_start"), pl.lit(period[1]).alias("period_end"),
    )
    gaps = gaps.with_columns(pl.col("gap_score").rank("ordinal", descending=True).over("agency_key")
                             .cast(pl.Int64).alias("rank_in_agency"))
    return _only_chosen_agencies(con, gaps, f).sort(["agency_key", "rank_in_agency"])


def _empty_gaps() -> pl.DataFrame:
    extra = {"negative_rate": pl.Float64, "negative_shrunk": pl.Float64, "national_rate": pl.Float64,
             "gap_score": pl.Float64, "gap_low": pl.Float64, "gap_high": pl.Float64, "certainty": pl.Float64,
             "previous_gap_score": pl.Float64, "trend": pl.Float64, "ranked": pl.Boolean,
             "period_start": pl.Date, "period_end": pl.Date, "rank_in_agency": pl.Int64}
    return pl.DataFrame(schema={**GAP_SCHEMA, **extra})


def _only_chosen_agencies(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, f: Filters | None) -> pl.DataFrame:
    if f and f.agencies:
        frame = frame.filter(pl.col("agency_key").is_in(list(f.agencies)))
    if f and f.regions:
        keys = con.execute("select agency_key from dim_agencies where region_code in (select unnest(?))",
                           [list(f.regions)]).pl()["agency_key"]
        frame = frame.filter(pl.col("agency_key").is_in(keys.implode()))
    return frame


def find_agency(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """Agency keys whose code or name (any language) contains `name`, case-insensitively."""
    return con.execute("""
        select agency_key from dim_agencies
        where agency_key ilike ? or name_en ilike ? or name_ru ilike ? or name_kk ilike ?
        order by agency_key""", [f"%{name}%"] * 4).pl()["agency_key"].to_list()


# ---------------------------------------------------------------------------------------- indicators


def indicator_matches(con: duckdb.DuckDBPyConnection, agency_key: str, area: str,
                      period: tuple[date, date]) -> pl.DataFrame:
    """For one gap: each effective and ineffective indicator of the area, with how many of the
    agency's complaints (ineffective) or praises (effective) its keywords match."""
    from warehouse.taxonomy import area as taxonomy_area

    counts = con.execute("""
        select indicator_id, sum(evidence_texts)::bigint as evidence_texts,
               sum(matching_texts)::bigint as matching_texts,
               coalesce(arg_max(example_appeal_ids, evidence_month) filter (where len(example_appeal_ids) > 0),
                        []::varchar[]) as example_appeal_ids
        from mart_indicator_matches
        where agency_key = ? and area = ? and evidence_month between ? and ?
        group by indicator_id""", [agency_key, area, *period]).pl()
    indicators = pl.DataFrame([{"indicator_id": i.id, "is_effective": i.effective, "text_en": i.text.get("en", ""),
                                "text_ru": i.text.get("ru", ""), "text_kk": i.text.get("kk", "")}
                               for i in taxonomy_area(area).indicators])
    return indicators.join(counts, on="indicator_id", how="left").with_columns(
        pl.col("evidence_texts").fill_null(0), pl.col("matching_texts").fill_null(0),
        (pl.col("matching_texts") / pl.col("evidence_texts")).fill_nan(None).alias("match_share"),
    ).sort(["is_effective", "matching_texts"], descending=[False, True])


# ---------------------------------------------------------------------------------------- 360 view


def survey_shortfalls(con: duckdb.DuckDBPyConnection, period_end: date | None, rules: PlanningRules) -> pl.DataFrame:
    """Per agency and area: colleagues' and citizens' pooled 360 score ("others") in the latest
    survey quarter up to the period's end (anonymity applied), the benchmark (the mean over all
    surveyed agencies in that quarter) and the shortfall from the target. The shortfall counts only
    below the benchmark as well: an ambitious target must not make every area of every surveyed
    agency a priority, only what comparable agencies already reach."""
    frame = con.execute("""
        with others as (
            select * from mart_360_scores
            where scope = 'agency' and rater_group = 'others' and raters >= ?
              and mean_score is not null and survey_period <= coalesce(?::date, survey_period)
        ),
        latest as (select agency_key, max(survey_period) as survey_period from others group by agency_key),
        benchmark as (select area, survey_period, avg(mean_score) as survey_benchmark from others group by all)
        select o.agency_key, o.area, o.survey_period, o.raters as survey_raters, o.mean_score as survey_score,
               o.sd_score as survey_sd, b.survey_benchmark
        from others o join latest using (agency_key, survey_period) join benchmark b using (area, survey_period)""",
                        [rules.min_raters, period_end]).pl()
    reference = pl.min_horizontal(pl.lit(rules.survey_target_score), pl.col("survey_benchmark"))
    return frame.with_columns(
        (rules.survey_target_score - pl.col("survey_score")).alias("survey_gap_to_target"),
        ((reference - pl.col("survey_score")).clip(lower_bound=0) / SCALE_RANGE).alias("survey_shortfall"))


# ---------------------------------------------------------------------------------------- triangulation

CERTAIN = 0.95    # a source "sees a gap" when the agency is worse than its benchmark at one-sided 95 %
Z_ONE_SIDED = 1.6448536269514722


def triangulation(con: duckdb.DuckDBPyConnection, f: Filters | None = None,
                  rules: PlanningRules | None = None) -> pl.DataFrame:
    """Citizens' view (appeals) beside colleagues' view (360, others) per agency and area, with where
    they disagree. Each view is judged against its own benchmark with the same one-sided 95 % rule:
    citizens see a gap when the agency's complaint rate is above the national rate with certainty
    >= 0.95; colleagues see one when the 360 score is below the mean of surveyed agencies by more
    than 1.645 standard errors. Disagreement: exactly one of them sees a gap."""
    rules = rules or PlanningRules.from_settings()
    gaps = citizen_gaps(con, f, rules)
    period_end = gaps["period_end"].max() if gaps.height else None
    survey = survey_shortfalls(con, period_end, rules)
    both = gaps.select("agency_key", "agency", "area", "classified_appeals", "negative_appeals", "gap_score",
                       "certainty") \
        .join(survey, on=["agency_key", "area"], how="inner")
    margin = Z_ONE_SIDED * pl.col("survey_sd").fill_null(0) / pl.col("survey_raters").cast(pl.Float64).sqrt()
    citizens_gap = pl.col("certainty") >= CERTAIN
    colleagues_gap = (pl.col("survey_score") + margin) < pl.col("survey_benchmark")
    return both.with_columns(
        citizens_gap.alias("citizens_see_gap"), colleagues_gap.alias("colleagues_see_gap"),
        pl.when(citizens_gap & colleagues_gap).then(pl.lit("both"))
          .when(citizens_gap).then(pl.lit("citizens_only"))
          .when(colleagues_gap).then(pl.lit("colleagues_only"))
          .otherwise(pl.lit("neither")).alias("agreement"),
    ).with_columns((pl.col("citizens_see_gap") != pl.col("colleagues_see_gap")).alias("is_disagreement")) \
     .sort(["agency_key", "area"])


# ---------------------------------------------------------------------------------------- priorities


def area_priorities(con: duckdb.DuckDBPyConnection, f: Filters | None, rules: PlanningRules) -> pl.DataFrame:
    """Per agency and area: citizens' certainty-weighted gap plus the weighted 360 shortfall, plus, on
    inclusiveness, the agency's largest significant unequal treatment of a group of citizens."""
    gaps = citizen_gaps(con, f, rules)
    if gaps.height == 0:
        return gaps.with_columns(*(pl.lit(None, pl.Float64).alias(c) for c in
                                   ("citizens_part", "survey_part", "equity_part", "priority", "appeals_per_month")))
    survey = survey_shortfalls(con, gaps["period_end"].max(), rules)
    months = months_in((gaps["period_start"].min(), gaps["period_end"].max()))
    return gaps.join(survey, on=["agency_key", "area"], how="left").join(
        equity_evidence(con, f, rules), on=["agency_key", "area"], how="left").with_columns(
        (pl.col("gap_score").clip(lower_bound=0) * pl.col("certainty")).alias("citizens_part"),
        (SURVEY_WEIGHT * pl.col("survey_shortfall").fill_null(0)).alias("survey_part"),
        pl.col("equity_part").fill_null(0.0),
        (pl.col("classified_appeals") / months).alias("appeals_per_month"),
    ).with_columns((pl.col("citizens_part") + pl.col("survey_part") + pl.col("equity_part")).alias("priority"))


def equity_evidence(con: duckdb.DuckDBPyConnection, f: Filters | None, rules: PlanningRules) -> pl.DataFrame:
    """Unequal treatment per agency as a part of its inclusiveness priority (:mod:`insights.equity`,
    which builds on this module's periods, hence the import here)."""
    from insights import equity

    return equity.inclusiveness_evidence(equity.equity_report(con, f, rules))


def fundable() -> pl.Expr:
    """An area money may go to without a mandatory mark: a positive citizens' gap that matters by
    itself (certainty-weighted, at least MIN_PRIORITY), not only through the 360 shortfall; or
    unequal treatment of a group of citizens that matters by itself (also citizens' evidence)."""
    return ((pl.col("gap_score") > 0) & (pl.col("citizens_part") >= MIN_PRIORITY)) \
        | (pl.col("equity_part") >= MIN_PRIORITY)


def course_catalogue(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.execute("""
        select course_id, title_en, title_ru, title_kk, areas, cost_per_seat, max_seats, duration_hours, provider
        from stg_training_courses order by course_id""").pl()


def training_priorities(con: duckdb.DuckDBPyConnection, f: Filters | None = None,
                        rules: PlanningRules | None = None, areas: pl.DataFrame | None = None) -> pl.DataFrame:
    """Per agency, the courses of the catalogue that develop its gap areas, ranked by value, with
    the cohort to train and why: the areas, their gap, certainty, complaints and example texts.
    ``areas``: :func:`area_priorities` when the caller has them already."""
    rules = rules or PlanningRules.from_settings()
    areas = area_priorities(con, f, rules) if areas is None else areas
    priorities = areas.filter(fundable())
    courses = course_catalogue(con).explode("areas").rename({"areas": "area"})
    if priorities.height == 0 or courses.height == 0:
        return _empty_priorities()
    staff = con.execute("select agency_key, staff_count from dim_agencies").pl()
    trained = already_trained(con, priorities["period_start"].min())
    linked = priorities.join(courses, on="area", how="inner").with_columns(
        (pl.col("priority") * pl.col("appeals_per_month")).alias("area_value"))
    per_course = linked.sort(["agency_key", "course_id", "area_value"], descending=[False, False, True]).group_by(
        ["agency_key", "course_id"], maintain_order=True).agg(
        pl.first("agency"), pl.first("title_en"), pl.first("title_ru"), pl.first("title_kk"),
        pl.first("cost_per_seat"), pl.first("max_seats"),
        pl.sum("area_value").alias("value"), pl.col("area").alias("gap_areas"),
        pl.first("area").alias("top_area"), pl.first("gap_score"), pl.first("gap_low"), pl.first("gap_high"),
        pl.first("certainty"), pl.first("negative_appeals"), pl.first("classified_appeals"), pl.first("survey_score"),
        pl.first("survey_shortfall"), pl.first("citizens_part"), pl.first("survey_part"), pl.first("priority"),
        pl.first("example_appeal_ids"),
        pl.max("equity_part"),  # the inclusiveness line's (0 elsewhere); its evidence is that line's
        *(pl.col(c).drop_nulls().first().alias(c) for c in EQUITY_REASON_COLUMNS if c != "equity_part"),
    )
    return (per_course.join(staff, on="agency_key", how="left")
            .join(trained, on=["agency_key", "course_id"], how="left")
            .with_columns(
                pl.min_horizontal(pl.col("max_seats"), pl.col("staff_count").fill_null(pl.col("max_seats")))
                  .cast(pl.Int64).alias("cohort_seats"),
                pl.col("staff_trained_recently").fill_null(0))
            .with_columns((pl.col("cohort_seats") * pl.col("cost_per_seat")).alias("cohort_cost"),
                          pl.col("value").rank("ordinal", descending=True).over("agency_key").cast(pl.Int64)
                          .alias("rank_in_agency"))
            .sort(["agency_key", "rank_in_agency"]))


def already_trained(con: duckdb.DuckDBPyConnection, since: date) -> pl.DataFrame:
    """Staff an agency already sent to a course since the gap period began (shown beside a priority)."""
    return con.execute("""
        select agency_code as agency_key, course_id, sum(staff_trained)::bigint as staff_trained_recently,
               max(session_date) as last_session_date
        from stg_course_sessions where session_date >= ? group by all""", [since]).pl()


def _empty_priorities() -> pl.DataFrame:
    return pl.DataFrame(schema={
        "agency_key": pl.Utf8, "course_id": pl.Utf8, "agency": pl.Utf8, "title_en": pl.Utf8, "title_ru": pl.Utf8,
        "title_kk": pl.Utf8, "cost_per_seat": pl.Float64, "max_seats": pl.Int64, "value": pl.Float64,
        "gap_areas": pl.List(pl.Utf8), "top_area": pl.Utf8, "gap_score": pl.Float64, "gap_low": pl.Float64,
        "gap_high": pl.Float64, "certainty": pl.Float64, "negative_appeals": pl.Int64, "classified_appeals": pl.Int64,
        "survey_score": pl.Float64, "survey_shortfall": pl.Float64, "citizens_part": pl.Float64,
        "survey_part": pl.Float64, "priority": pl.Float64, "example_appeal_ids": pl.List(pl.Utf8),
        "equity_part": pl.Float64, "equity_dimension": pl.Utf8, "equity_group": pl.Utf8, "equity_reference": pl.Utf8,
        "equity_measure": pl.Utf8, "equity_shortfall": pl.Float64, "equity_p_adjusted": pl.Float64,
        "equity_findings": pl.Int64, "staff_count": pl.Int64,
        "staff_trained_recently": pl.Int64, "last_session_date": pl.Date, "cohort_seats": pl.Int64,
        "cohort_cost": pl.Float64, "rank_in_agency": pl.Int64})


# ---------------------------------------------------------------------------------------- plan


def plan_inputs(priorities: pl.DataFrame, areas: pl.DataFrame) -> tuple[list[Offering], list[Gap]]:
    """Offerings (agency x course, a cohort of `cohort_seats`) and the weighted gaps they develop."""
    offerings = [Offering(r["agency_key"], r["course_id"], tuple(r["gap_areas"]), float(r["cost_per_seat"] or 0),
                          int(r["cohort_seats"] or 0)) for r in priorities.iter_rows(named=True)]
    needed = staff_needed(priorities)
    gaps = [Gap(r["agency_key"], r["area"], float(r["area_value"]), needed.get((r["agency_key"], r["area"]), 0))
            for r in areas.iter_rows(named=True)]
    return offerings, gaps


def staff_needed(priorities: pl.DataFrame) -> dict[tuple[str, str], int]:
    """Staff to train to close an agency's gap on an area: the largest cohort of a course developing it."""
    per_area = priorities.select("agency_key", "gap_areas", "cohort_seats").explode("gap_areas").group_by(
        ["agency_key", "gap_areas"]).agg(pl.max("cohort_seats"))
    return {(r[0], r[1]): int(r[2]) for r in per_area.iter_rows()}


def weighted_areas(priorities_by_area: pl.DataFrame) -> pl.DataFrame:
    return priorities_by_area.filter(fundable()).with_columns(
        (pl.col("priority") * pl.col("appeals_per_month")).alias("area_value"))


def training_plan(con: duckdb.DuckDBPyConnection, budget: float, seat_limit: int | None = None,
                  f: Filters | None = None, rules: PlanningRules | None = None,
                  mandates: tuple["Mandate", ...] = ()) -> pl.DataFrame:
    """The plan table: which course, for which agency, how many seats, at what cost, the gap
    reduction it buys, and why (the citizens' gap and its certainty, the 360 shortfall, their parts
    of the priority, the complaints). Mandatory seats come first, the optimiser spends the rest."""
    check_limits(budget, seat_limit)
    priorities, offerings, gaps = plan_problem(con, f, rules)
    fixed = mandatory_lines(mandatory_needs(con, mandates, priorities, f, rules), budget, seat_limit)
    plan = optimise_plan(offerings, gaps, budget, seat_limit, fixed)
    return plan_table(plan, priorities, gaps, course_catalogue(con), agency_facts(con), mandates)


def plan_with_coverage(con: duckdb.DuckDBPyConnection, budget: float, seat_limit: int | None = None,
                       f: Filters | None = None, rules: PlanningRules | None = None,
                       mandates: tuple["Mandate", ...] = ()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The plan table and how far its mandatory seats reach the staff categories they must reach."""
    table = training_plan(con, budget, seat_limit, f, rules, mandates)
    return table, mandatory_coverage(con, table, mandates, f, rules)


def plan_problem(con: duckdb.DuckDBPyConnection, f: Filters | None,
                 rules: PlanningRules | None) -> tuple[pl.DataFrame, list[Offering], list[Gap]]:
    """What the optimiser chooses from: the priorities, their offerings and the weighted gaps."""
    rules = rules or PlanningRules.from_settings()
    areas = area_priorities(con, f, rules)
    priorities = training_priorities(con, f, rules, areas)
    offerings, gaps = plan_inputs(priorities, weighted_areas(areas))
    return priorities, offerings, gaps


def naive_plan_value(con: duckdb.DuckDBPyConnection, budget: float, seat_limit: int | None = None,
                     f: Filters | None = None, rules: PlanningRules | None = None,
                     mandates: tuple["Mandate", ...] = ()) -> float:
    """Value of the hand-made plan (biggest gaps first, whole cohorts) for the same budget and the
    same mandatory seats: the page shows how much more the optimiser's plan closes."""
    priorities, offerings, gaps = plan_problem(con, f, rules)
    fixed = mandatory_lines(mandatory_needs(con, mandates, priorities, f, rules), budget, seat_limit)
    return naive_plan(offerings, gaps, budget, seat_limit, fixed).value


# ---------------------------------------------------------------------------------------- mandatory training


@dataclass(frozen=True)
class Mandate:
    """A course every member of some staff categories must take, whatever the gaps say.

    Categories are what the warehouse knows of an agency's staff: ``all`` (its whole staff count)
    or an agency kind (``police``, ``akimat``...: the whole staff of agencies of that kind)."""

    course_id: str
    categories: tuple[str, ...] = (ALL_STAFF,)

    @classmethod
    def parse(cls, spec: str) -> "Mandate":
        """``C03`` (all staff) or ``C03:police,akimat`` (the staff of those kinds of agency)."""
        course, _, categories = spec.partition(":")
        chosen = tuple(c.strip() for c in categories.split(",") if c.strip()) or (ALL_STAFF,)
        if not course.strip():
            raise PlanError(f"No course in the mandatory mark {spec!r}.")
        return cls(course.strip(), chosen)


def staff_categories(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Staff per agency and category, from the agencies' staff counts (the one place to change when
    staff counts per position category arrive)."""
    return con.execute("""
        select agency_key, ? as category, coalesce(staff_count, 0)::bigint as staff from dim_agencies
        union all
        select agency_key, agency_kind as category, coalesce(staff_count, 0)::bigint as staff from dim_agencies
        where agency_kind is not null""", [ALL_STAFF]).pl()


def check_mandates(con: duckdb.DuckDBPyConnection, mandates: tuple[Mandate, ...]) -> None:
    courses = set(course_catalogue(con)["course_id"].to_list())
    categories = set(staff_categories(con)["category"].to_list())
    for mandate in mandates:
        if mandate.course_id not in courses:
            raise PlanError(f"No course {mandate.course_id!r} in the training catalogue.",
                            hint=f"Mark one of the catalogue's courses mandatory: {', '.join(sorted(courses))}.")
        unknown = set(mandate.categories) - categories
        if unknown:
            raise PlanError(f"Unknown staff category {', '.join(sorted(unknown))!r} for {mandate.course_id}.",
                            hint=f"Use one of: {', '.join(sorted(categories))}.")


def mandatory_needs(con: duckdb.DuckDBPyConnection, mandates: tuple[Mandate, ...], priorities: pl.DataFrame,
                    f: Filters | None = None, rules: PlanningRules | None = None) -> pl.DataFrame:
    """Per mandatory course and agency it must reach: the staff of the chosen categories, those
    already trained on it since the gap period began, and the seats still needed. Agencies with the
    most value on the course's areas come first (the order the budget reaches them in)."""
    if not mandates:
        return pl.DataFrame(schema=MANDATORY_SCHEMA)
    check_mandates(con, mandates)
    rules = rules or PlanningRules.from_settings()
    period = gap_period(con, f, rules.gap_window_months)
    staff = _only_chosen_agencies(con, staff_categories(con), f)
    wanted = pl.DataFrame([{"course_id": m.course_id, "category": c} for m in mandates for c in m.categories])
    trained = already_trained(con, period[0]) if period else pl.DataFrame(
        schema={"agency_key": pl.Utf8, "course_id": pl.Utf8, "staff_trained_recently": pl.Int64})
    value = priorities.select("agency_key", "course_id", "value", "gap_areas") if priorities.height else \
        pl.DataFrame(schema={"agency_key": pl.Utf8, "course_id": pl.Utf8, "value": pl.Float64,
                             "gap_areas": pl.List(pl.Utf8)})
    needs = wanted.join(staff, on="category").group_by(["course_id", "agency_key"]).agg(
        pl.col("category").sort().alias("categories"), pl.max("staff"))
    return needs.join(trained.select("agency_key", "course_id", "staff_trained_recently"),
                      on=["agency_key", "course_id"], how="left").join(
        value, on=["agency_key", "course_id"], how="left").join(
        course_catalogue(con).select("course_id", "cost_per_seat"), on="course_id").with_columns(
        pl.col("staff_trained_recently").fill_null(0).cast(pl.Int64),
        (pl.col("staff") - pl.col("staff_trained_recently").fill_null(0)).clip(lower_bound=0).cast(pl.Int64)
        .alias("seats_needed"),
        pl.col("value").fill_null(0.0), pl.col("gap_areas").fill_null([]),
    ).select(list(MANDATORY_SCHEMA)).sort(["course_id", "value", "agency_key"], descending=[False, True, False])


MANDATORY_SCHEMA = {"course_id": pl.Utf8, "agency_key": pl.Utf8, "categories": pl.List(pl.Utf8), "staff": pl.Int64,
                    "staff_trained_recently": pl.Int64, "seats_needed": pl.Int64, "value": pl.Float64,
                    "gap_areas": pl.List(pl.Utf8), "cost_per_seat": pl.Float64}


def mandatory_lines(needs: pl.DataFrame, budget: float, seat_limit: int | None) -> tuple[PlanLine, ...]:
    """The mandatory seats the budget (and seat limit) buys first, agency by agency in the order of
    ``needs``; when money runs out the last agency gets what is left and the rest none (the
    coverage in the summary says so). The lines develop the agency's positive gaps the course
    addresses, so those count as partly closed."""
    money, seats_left = float(budget), seat_limit if seat_limit is not None else float("inf")
    lines = []
    for r in needs.iter_rows(named=True):
        cost = float(r["cost_per_seat"] or 0)
        affordable = int(money // cost) if cost else r["seats_needed"]
        seats = int(min(r["seats_needed"], affordable, seats_left))
        if seats <= 0:
            continue
        lines.append(PlanLine(Offering(r["agency_key"], r["course_id"], tuple(r["gap_areas"]), cost, seats), seats,
                              mandatory=True))
        money -= seats * cost
        seats_left -= seats
    return tuple(lines)


def mandatory_coverage(con: duckdb.DuckDBPyConnection, table: pl.DataFrame, mandates: tuple[Mandate, ...],
                       f: Filters | None = None, rules: PlanningRules | None = None) -> pl.DataFrame:
    """Per mandatory course and staff category: agencies to reach, staff, seats still needed, the
    seats the plan buys and the share of the need they cover (1.0 = every member reached)."""
    schema = {"course_id": pl.Utf8, "category": pl.Utf8, "agencies": pl.Int64, "agencies_reached": pl.Int64,
              "staff": pl.Int64, "seats_needed": pl.Int64, "seats": pl.Int64, "coverage": pl.Float64}
    if not mandates:
        return pl.DataFrame(schema=schema)
    needs = mandatory_needs(con, mandates, pl.DataFrame(), f, rules)
    bought = table.filter(pl.col("mandatory")).select("agency_key", "course_id", pl.col("seats").alias("bought")) \
        if table.height else pl.DataFrame(schema={"agency_key": pl.Utf8, "course_id": pl.Utf8, "bought": pl.Int64})
    per_agency = needs.join(bought, on=["agency_key", "course_id"], how="left").with_columns(
        pl.col("bought").fill_null(0)).explode("categories").rename({"categories": "category"})
    return per_agency.group_by(["course_id", "category"]).agg(
        pl.len().cast(pl.Int64).alias("agencies"),
        (pl.col("bought") >= pl.col("seats_needed")).sum().cast(pl.Int64).alias("agencies_reached"),
        pl.sum("staff").cast(pl.Int64), pl.sum("seats_needed").cast(pl.Int64),
        pl.sum("bought").cast(pl.Int64).alias("seats"),
    ).with_columns(pl.when(pl.col("seats_needed") > 0).then(pl.col("seats") / pl.col("seats_needed"))
                   .otherwise(1.0).alias("coverage")).select(list(schema)).sort(["course_id", "category"])


# ---------------------------------------------------------------------------------------- the plan table

REASON_COLUMNS = ("top_area", "gap_pp", "certainty", "survey_shortfall_pp", "citizens_part", "survey_part",
                  "negative_appeals", "classified_appeals")
# Present only on a line whose course develops inclusiveness in an agency that treats a group of citizens
# worse (insights.equity): the unequal treatment behind that part of the priority.
EQUITY_REASON_COLUMNS = ("equity_part", "equity_dimension", "equity_group", "equity_reference", "equity_measure",
                         "equity_shortfall", "equity_p_adjusted", "equity_findings")


def plan_table(plan: Plan, priorities: pl.DataFrame, gaps: list[Gap], catalogue: pl.DataFrame,
               agencies: pl.DataFrame, mandates: tuple[Mandate, ...] = ()) -> pl.DataFrame:
    """One row per plan line with its reason fields; each line's gap closed (weighted complaints a
    month) is its share of the coverage it contributes. A mandatory line names its categories."""
    shares = line_values(plan, gaps)
    categories = {m.course_id: list(m.categories) for m in mandates}
    lines = pl.DataFrame([{"agency_key": line.offering.agency_key, "course_id": line.offering.course_id,
                           "seats": line.seats, "cost": line.cost, "plan_value": shares[i],
                           "mandatory": line.mandatory,
                           "mandatory_for": categories.get(line.offering.course_id, []) if line.mandatory else []}
                          for i, line in enumerate(plan.lines)],
                         schema={"agency_key": pl.Utf8, "course_id": pl.Utf8, "seats": pl.Int64, "cost": pl.Float64,
                                 "plan_value": pl.Float64, "mandatory": pl.Boolean,
                                 "mandatory_for": pl.List(pl.Utf8)})
    why = priorities.select("agency_key", "course_id", "agency", "cohort_seats", "gap_areas", "top_area", "gap_score",
                            "certainty", "survey_shortfall", "citizens_part", "survey_part", "priority",
                            "negative_appeals", "classified_appeals", "rank_in_agency", *EQUITY_REASON_COLUMNS)
    titles = catalogue.select("course_id", "title_en", "title_ru", "title_kk", "cost_per_seat")
    return lines.join(why, on=["agency_key", "course_id"], how="left").join(titles, on="course_id", how="left") \
        .join(agencies, on="agency_key", how="left").with_columns(
        pl.col("agency").fill_null(pl.col("agency_name")), pl.col("gap_areas").fill_null([]),
        (pl.col("gap_score") * 100).alias("gap_pp"),
        (pl.col("survey_shortfall") * 100).alias("survey_shortfall_pp"),
        pl.lit(plan.method).alias("method"),
    ).drop("agency_name").sort(["mandatory", "plan_value", "agency_key"], descending=[True, True, False])


def agency_facts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Name and staff count of every agency, for plan lines of agencies without a gap (mandatory ones)."""
    return con.execute("""select agency_key, coalesce(name_en, agency_key) as agency_name, staff_count
                          from dim_agencies""").pl()


def line_values(plan: Plan, gaps: list[Gap]) -> list[float]:
    """Each line's part of the plan's value: the gaps it develops, shared in proportion to seats."""
    by_key = {g.key: g for g in gaps}
    raw = raw_coverage(plan.lines, gaps)
    values = []
    for line in plan.lines:
        keys = [k for k in line.offering.gap_keys() if k in by_key and raw.get(k)]
        values.append(sum(by_key[k].weight * min(1.0, raw[k]) * (line.seats / by_key[k].staff_needed) / raw[k]
                          for k in keys))
    return values


def plan_summary(table: pl.DataFrame, budget: float, seat_limit: int | None,
                 coverage: pl.DataFrame | None = None) -> dict:
    """Budget, limits, what the plan spends and closes; with mandatory courses, what they take and
    the share of the staff they must reach that the plan reaches."""
    mandatory = table.filter(pl.col("mandatory")) if table.height else table
    summary = {"budget": budget, "seat_limit": seat_limit,
               "cost": float(table["cost"].sum()) if table.height else 0.0,
               "seats": int(table["seats"].sum()) if table.height else 0,
               "value": float(table["plan_value"].sum()) if table.height else 0.0,
               "agencies": table["agency_key"].n_unique() if table.height else 0,
               "mandatory_cost": float(mandatory["cost"].sum()) if mandatory.height else 0.0,
               "mandatory_seats": int(mandatory["seats"].sum()) if mandatory.height else 0}
    if coverage is not None and coverage.height:
        needed = int(coverage["seats_needed"].sum())
        summary["mandatory_coverage"] = float(coverage["seats"].sum() / needed) if needed else 1.0
        for r in coverage.iter_rows(named=True):
            summary[f"coverage {r['course_id']} {r['category']}"] = round(float(r["coverage"]), 4)
    return summary


def example_texts(con: duckdb.DuckDBPyConnection, appeal_ids: tuple[str, ...]) -> pl.DataFrame:
    """The redacted texts behind example ids (for roles that may read texts; the page checks)."""
    return con.execute("""
        select appeal_id, registered_at, agency_key, region_key, region, language, appeal_type, text from fct_appeals
        where appeal_id in (select unnest(?)) order by registered_at desc""", [list(appeal_ids)]).pl()


# ---------------------------------------------------------------------------------------- exports

GAP_EXPORT_COLUMNS = ("agency_key", "agency", "area", "rank_in_agency", "gap_score", "gap_low", "gap_high",
                      "certainty", "negative_appeals", "positive_appeals", "neutral_appeals", "classified_appeals",
                      "appeals",
                      "national_rate", "negative_rate", "trend", "ranked", "period_start", "period_end")
GAP_CLOSED_COLUMN = "gap_closed_weighted_complaints_per_month"   # the unit of plan_value, in the file's header
PLAN_EXPORT_COLUMNS = ("agency_key", "agency", "course_id", "course", "seats", "cost_per_seat", "cost",
                       GAP_CLOSED_COLUMN, "mandatory", "mandatory_for", "gap_areas", "top_area", "gap_pp",
                       "certainty", "survey_shortfall_pp", "citizens_part", "survey_part", "equity_part", "priority",
                       "negative_appeals", "classified_appeals", "reason", "staff_count", "rank_in_agency", "method")


def gaps_for_export(gaps: pl.DataFrame) -> pl.DataFrame:
    """Flat columns (no lists) in a fixed order, for CSV and spreadsheets."""
    return gaps.select([c for c in GAP_EXPORT_COLUMNS if c in gaps.columns])


def plan_for_export(table: pl.DataFrame, lang: str = "en") -> pl.DataFrame:
    """Flat columns in a fixed order; the one-line reason when the caller added it in its language
    (:func:`dashboard.plan_reasons.with_reasons`)."""
    title = f"title_{lang}" if f"title_{lang}" in table.columns else "title_en"
    flat = table.with_columns(pl.col(title).alias("course"), pl.col("gap_areas").list.join("; "),
                              pl.col("mandatory_for").list.join("; "), pl.col("plan_value").alias(GAP_CLOSED_COLUMN))
    return flat.select([c for c in PLAN_EXPORT_COLUMNS if c in flat.columns])


def plan_csv_bytes(table: pl.DataFrame, lang: str = "en", headers: dict[str, str] | None = None) -> bytes:
    """`headers` names the columns for people (the dashboard passes its catalogue); without it the
    file keeps the stable code names that scripts read (`tyndau plan --format csv`)."""
    return exports.csv_bytes(_named(plan_for_export(table, lang), headers))


def plan_xlsx_bytes(table: pl.DataFrame, summary: dict, lang: str = "en", headers: dict[str, str] | None = None,
                    about: pl.DataFrame | None = None, sheet_names: tuple[str, str] = ("plan", "summary")) -> bytes:
    """The plan sheet and a summary sheet (budget, seat limit, cost, seats, value) in one workbook,
    after a sheet saying what the file is when the caller gives one."""
    named = headers or {}
    summary_rows = pl.DataFrame({named.get("item", "item"): [named.get(k, k) for k in summary],
                                 named.get("value", "value"): [_summary_value(v) for v in summary.values()]})
    sheets = {} if about is None else {named.get("about", "about"): about}
    sheets.update({sheet_names[0]: _named(plan_for_export(table, lang), headers), sheet_names[1]: summary_rows})
    return exports.xlsx_bytes(sheets)


def _summary_value(value):
    """Numbers stay numbers in the workbook; a missing limit is empty, not the text 'None'."""
    return float(value) if isinstance(value, (int, float)) else None if value is None else str(value)


def _named(frame: pl.DataFrame, headers: dict[str, str] | None) -> pl.DataFrame:
    if not headers:
        return frame
    kept = [c for c in frame.columns if headers.get(c) is not None]
    return frame.select(kept).rename({c: headers[c] for c in kept})
