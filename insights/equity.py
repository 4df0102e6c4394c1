"""Are all citizens served alike? Responsiveness and complaints of groups of citizens compared.

**Groups.** Sex, age band, disability, rural residence and the intersection rural x disability
(warehouse model ``int_appeal_groups``; a blank is the group ``unknown``). Each comparison is a
:data:`CONTRASTS` entry: a group against a reference group of the same dimension (women against
men, rural against urban, rural disabled against urban non-disabled...).

**Why within agency.** Rural citizens write to different agencies than city dwellers (the akimat of
a rural region, not the capital's public service centre), and agencies differ in speed. A crude
national comparison would blame the group for its agencies. So the national test of each contrast
is stratified by agency: Mantel-Haenszel for shares (on time, complaints about an area: the
Cochran-Mantel-Haenszel test and the pooled odds ratio) and the same weights for means (days to
answer, satisfaction), with the Mantel-Haenszel risk difference as the effect people read. Within
one agency the test is direct (Fisher's exact test for shares, Welch's t for means). Both families
are corrected for the many comparisons with Benjamini-Hochberg at :data:`FDR`.

**Small cells.** A group with fewer than ``equity_min_cell`` appeals in an agency (or the country)
is hidden, and so is every cell a hidden one could be worked out from: the agency's total (published
on the responsiveness page) minus its other groups, the country's group total minus the other
agencies, the rural group minus the rural x disability cells... (complementary suppression by
:mod:`warehouse.anonymity`, the method 360 results use, audited by linear algebra). Only shown
cells are compared within an agency, so no test result speaks of a hidden group.

**Inclusiveness.** A significant disadvantage of a group in an agency (later answers or lower
satisfaction) is unequal treatment: :func:`inclusiveness_evidence` turns the largest one into a part
of the agency's inclusiveness priority (excess late answers per appeal of the agency), with the
evidence the plan shows as its reason.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import polars as pl
from scipy import stats as scipy_stats
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from threadpoolctl import threadpool_limits

from insights.scope import Filters
from insights.stats import Z95, wilson_interval
from insights.training.planning import PlanningRules, SCALE_RANGE, gap_period
from warehouse.anonymity import Relation, Table, suppress

FDR = 0.05
INCLUSIVENESS = "inclusiveness"
DIMENSIONS = ("sex", "age_band", "disability", "rural", "rural_disability")
INTERSECTIONS = {"rural_disability": ("rural", "disability")}  # value: "<rural>|<disability>"


@dataclass(frozen=True)
class Contrast:
    dimension: str
    group: str
    reference: str


CONTRASTS = (
    Contrast("sex", "female", "male"),
    Contrast("age_band", "18-29", "30-44"),
    Contrast("age_band", "45-59", "30-44"),
    Contrast("age_band", "60+", "30-44"),
    Contrast("disability", "yes", "no"),
    Contrast("rural", "yes", "no"),
    Contrast("rural_disability", "yes|yes", "no|no"),
    Contrast("rural_disability", "yes|no", "no|no"),
    Contrast("rural_disability", "no|yes", "no|no"),
)

# measure -> (successes or sum, trials, sum of squares (means only), higher is better)
RESPONSIVENESS = {
    "on_time": ("on_time", "decided", None, True),
    "days_to_answer": ("sum_days", "answered", "sum_days_sq", False),
    "satisfaction": ("sum_satisfaction", "rated", "sum_satisfaction_sq", True),
}
SUMS = ("appeals", "decided", "on_time", "answered", "sum_days", "sum_days_sq", "rated", "sum_satisfaction",
        "sum_satisfaction_sq", "classified_appeals")
FIGURES = ("appeals", "on_time_rate", "on_time_low", "on_time_high", "mean_days", "mean_satisfaction", "rated")


@dataclass(frozen=True)
class EquityReport:
    """Everything the page, the CLI and the planner read, computed once for a filter."""
    period: tuple[date, date] | None
    groups: pl.DataFrame        # one row per scope (agency or national), dimension and group; hidden figures null
    national: pl.DataFrame      # agency-stratified comparisons, one row per contrast, measure (and area)
    agencies: pl.DataFrame      # within-agency comparisons of shown cells, one row per agency, contrast, measure


# ---------------------------------------------------------------------------------------- cells


def cell_sums(con: duckdb.DuckDBPyConnection, period: tuple[date, date]) -> pl.DataFrame:
    """Per dimension, group and agency over the period: the additive counts and sums."""
    sums = ", ".join(f"sum({c})::double as {c}" for c in SUMS)
    return con.execute(f"""
        select dimension, group_value, agency_key, any_value(agency) as agency, any_value(region_key) as region_key,
               {sums}
        from mart_equity_responsiveness where registered_month between ? and ?
        group by dimension, group_value, agency_key order by all""", list(period)).pl()


def negative_sums(con: duckdb.DuckDBPyConnection, period: tuple[date, date]) -> pl.DataFrame:
    return con.execute("""
        select dimension, group_value, agency_key, area, sum(negative_appeals)::double as negative_appeals
        from mart_equity_evidence where registered_month between ? and ? group by all""", list(period)).pl()


# ---------------------------------------------------------------------------------------- suppression


def cell_key(dimension: str, group: str, agency: str | None) -> tuple:
    """A published cell: a group in an agency, or in the country when `agency` is None."""
    return ("cell", dimension, group, agency)


def agency_total(agency: str | None) -> tuple:
    return ("total", agency)


def suppression_table(cells: pl.DataFrame) -> Table:
    """Every published cell with its appeals, and every sum an attacker can subtract with: an agency's
    (or the country's) total over each dimension's groups, the country's group over the agencies, and
    a dimension's group over the intersection cells it splits into. The totals are published
    elsewhere (the responsiveness page), so they are never hidden and protect nothing."""
    raters: dict = {}
    parts: dict[tuple, list] = defaultdict(list)   # (total, dimension) -> the cells that add up to it
    for d, g, a, n in cells.select("dimension", "group_value", "agency_key", "appeals").iter_rows():
        local, national = cell_key(d, g, a), cell_key(d, g, None)
        raters[local] = int(n)
        if national not in raters:
            parts[(agency_total(None), d)].append(national)
        raters[national] = raters.get(national, 0) + int(n)
        parts[(agency_total(a), d)].append(local)
        parts[(national, d)].append(local)
    totals = cells.filter(pl.col("dimension") == DIMENSIONS[0]).group_by("agency_key").agg(pl.sum("appeals"))
    for agency, n in totals.iter_rows():
        raters[agency_total(agency)] = int(n)
    raters[agency_total(None)] = int(totals["appeals"].sum())
    relations = [Relation(total, tuple(members)) for (total, _), members in parts.items()]
    relations += intersection_relations(raters)
    exempt = frozenset(k for k in raters if k[0] == "total")
    return Table(raters, relations, exempt=exempt)


def intersection_relations(raters: dict) -> list[Relation]:
    """A group of one dimension = the intersection cells that carry it (rural 'yes' = 'yes|no' +
    'yes|yes' + 'yes|unknown'), in each agency and in the country."""
    relations = []
    for intersection, sides in INTERSECTIONS.items():
        cells = [k for k in raters if k[0] == "cell" and k[1] == intersection]
        for position, dimension in enumerate(sides):
            parts: dict[tuple, list] = {}
            for key in cells:
                value = key[2].split("|")[position]
                parts.setdefault(cell_key(dimension, value, key[3]), []).append(key)
            relations += [Relation(total, tuple(p)) for total, p in parts.items() if total in raters]
    return relations


def hidden_cells(cells: pl.DataFrame, k: int) -> dict:
    """Why each hidden cell is hidden (primary: fewer than k appeals; complementary: it would give
    a primary one away)."""
    if not cells.height:
        return {}
    with threadpool_limits(1, "blas"):  # a few hundred columns: BLAS threads only fight over the cores (40x slower)
        return suppress(suppression_table(cells), k)


# ---------------------------------------------------------------------------------------- group figures


def with_figures(frame: pl.DataFrame) -> pl.DataFrame:
    """Shares with Wilson intervals, mean days and satisfaction, from the additive sums."""
    intervals = [wilson_interval(s, n) for s, n in zip(frame["on_time"].to_list(), frame["decided"].to_list())]
    return frame.with_columns(
        (pl.col("on_time") / pl.col("decided")).alias("on_time_rate"),
        pl.Series("on_time_low", [i[0] for i in intervals], dtype=pl.Float64),
        pl.Series("on_time_high", [i[1] for i in intervals], dtype=pl.Float64),
        (pl.col("sum_days") / pl.col("answered")).alias("mean_days"),
        (pl.col("sum_satisfaction") / pl.col("rated")).alias("mean_satisfaction"),
    ).with_columns(pl.col(c).fill_nan(None) for c in ("on_time_rate", "mean_days", "mean_satisfaction"))


def group_figures(cells: pl.DataFrame, hidden: dict) -> pl.DataFrame:
    """One row per agency (and the country) and group, with its figures, or none when hidden."""
    national = cells.group_by("dimension", "group_value").agg(pl.sum(c) for c in SUMS).with_columns(
        pl.lit(None, pl.Utf8).alias("agency_key"), pl.lit(None, pl.Utf8).alias("agency"),
        pl.lit(None, pl.Utf8).alias("region_key"))
    both = pl.concat([cells.with_columns(pl.lit("agency").alias("scope")),
                      national.with_columns(pl.lit("national").alias("scope")).select(
                          [*cells.columns, "scope"])], how="vertical_relaxed")
    reasons = [hidden.get(cell_key(d, g, a)) for d, g, a in
               both.select("dimension", "group_value", "agency_key").iter_rows()]
    figures = with_figures(both).with_columns(pl.Series("hidden", reasons, dtype=pl.Utf8))
    shown = pl.col("hidden").is_null()
    return figures.with_columns(pl.when(shown).then(pl.col(c)).otherwise(None).alias(c)
                                for c in dict.fromkeys((*SUMS, *FIGURES))) \
        .sort("scope", "dimension", "group_value", "agency_key")


# ---------------------------------------------------------------------------------------- tests


def mean_and_variance(total: float, squares: float, n: float) -> tuple[float, float]:
    """Mean and sample variance from a count, a sum and a sum of squares (nan below two values)."""
    if n < 2:
        return (total / n if n else math.nan, math.nan)
    mean = total / n
    return mean, max(squares - n * mean * mean, 0.0) / (n - 1)


def stratified_share(strata: list[tuple[float, float, float, float]]) -> dict:
    """Cochran-Mantel-Haenszel over agencies: (successes, trials) of the group and the reference per
    stratum. The effect is the Mantel-Haenszel risk difference (weights n1*n0/(n1+n0))."""
    usable = [(s1, n1, s0, n0) for s1, n1, s0, n0 in strata if n1 > 0 and n0 > 0]
    if not usable:
        return {}
    w = np.array([n1 * n0 / (n1 + n0) for _, n1, _, n0 in usable])
    p1 = np.array([s1 / n1 for s1, n1, _, _ in usable])
    p0 = np.array([s0 / n0 for _, _, s0, n0 in usable])
    var = np.array([a * (1 - a) / n1 + b * (1 - b) / n0 for a, b, (_, n1, _, n0) in zip(p1, p0, usable)])
    difference = float((w * (p1 - p0)).sum() / w.sum())
    se = float(math.sqrt((w * w * var).sum()) / w.sum())
    tables = [np.array([[s1, n1 - s1], [s0, n0 - s0]]) for s1, n1, s0, n0 in usable]
    informative = [t for t in tables if t[:, 0].sum() > 0 and t[:, 1].sum() > 0]
    if not informative:
        return {"difference": difference, "low": difference, "high": difference, "p_value": 1.0, "strata": len(usable)}
    st = StratifiedTable(informative)
    odds = st.oddsratio_pooled if np.isfinite(st.oddsratio_pooled) else None
    return {"difference": difference, "low": difference - Z95 * se, "high": difference + Z95 * se,
            "odds_ratio": odds, "p_value": float(st.test_null_odds(correction=True).pvalue), "strata": len(usable)}


def stratified_mean(strata: list[tuple[tuple, tuple]]) -> dict:
    """The within-agency mean difference, weighted like Mantel-Haenszel, with a normal test."""
    rows = []
    for (t1, q1, n1), (t0, q0, n0) in strata:
        m1, v1 = mean_and_variance(t1, q1, n1)
        m0, v0 = mean_and_variance(t0, q0, n0)
        if n1 >= 2 and n0 >= 2:
            rows.append((n1 * n0 / (n1 + n0), m1 - m0, v1 / n1 + v0 / n0))
    if not rows:
        return {}
    w, d, v = (np.array(c) for c in zip(*rows))
    difference = float((w * d).sum() / w.sum())
    se = float(math.sqrt((w * w * v).sum()) / w.sum())
    p = float(2 * scipy_stats.norm.sf(abs(difference) / se)) if se > 0 else (1.0 if difference == 0 else 0.0)
    return {"difference": difference, "low": difference - Z95 * se, "high": difference + Z95 * se, "p_value": p,
            "strata": len(rows)}


def direct_share(s1: float, n1: float, s0: float, n0: float) -> dict:
    """One agency: Fisher's exact test and the difference of shares with a normal interval."""
    p1, p0 = s1 / n1, s0 / n0
    se = math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    p = scipy_stats.fisher_exact([[s1, n1 - s1], [s0, n0 - s0]]).pvalue
    return {"difference": p1 - p0, "low": p1 - p0 - Z95 * se, "high": p1 - p0 + Z95 * se, "p_value": float(p)}


def direct_mean(group: tuple, reference: tuple) -> dict:
    """One agency: Welch's t-test of the means, from counts, sums and sums of squares."""
    (t1, q1, n1), (t0, q0, n0) = group, reference
    if n1 < 2 or n0 < 2:
        return {}
    m1, v1 = mean_and_variance(t1, q1, n1)
    m0, v0 = mean_and_variance(t0, q0, n0)
    se = math.sqrt(v1 / n1 + v0 / n0)
    if se == 0:
        return {"difference": m1 - m0, "low": m1 - m0, "high": m1 - m0, "p_value": 1.0 if m1 == m0 else 0.0}
    p = scipy_stats.ttest_ind_from_stats(m1, math.sqrt(v1), n1, m0, math.sqrt(v0), n0, equal_var=False).pvalue
    return {"difference": m1 - m0, "low": m1 - m0 - Z95 * se, "high": m1 - m0 + Z95 * se, "p_value": float(p)}


def shortfall(measure: str, difference: float) -> float:
    """How much worse the group fares, in the measure's unit (positive: worse)."""
    higher_is_better = RESPONSIVENESS[measure][3] if measure in RESPONSIVENESS else False
    return -difference if higher_is_better else difference


def with_fdr(frame: pl.DataFrame) -> pl.DataFrame:
    """Benjamini-Hochberg over the whole family; significant = adjusted p below FDR."""
    if frame.height == 0:
        return frame.with_columns(pl.lit(None, pl.Float64).alias("p_adjusted"),
                                  pl.lit(None, pl.Boolean).alias("is_significant"),
                                  pl.lit(None, pl.Boolean).alias("is_disadvantage"))
    adjusted = multipletests(frame["p_value"].to_numpy(), alpha=FDR, method="fdr_bh")[1]
    return frame.with_columns(pl.Series("p_adjusted", adjusted)).with_columns(
        (pl.col("p_adjusted") < FDR).alias("is_significant")).with_columns(
        (pl.col("is_significant") & (pl.col("shortfall") > 0)).alias("is_disadvantage"))


# ---------------------------------------------------------------------------------------- national


def national_comparisons(cells: pl.DataFrame, negatives: pl.DataFrame, hidden: dict) -> pl.DataFrame:
    """Each contrast on each responsiveness measure and on complaints about each area, stratified by
    agency; a contrast whose national group is hidden is not tested."""
    by_cell = {(r["dimension"], r["group_value"], r["agency_key"]): r for r in cells.iter_rows(named=True)}
    negative = {(r["dimension"], r["group_value"], r["agency_key"], r["area"]): r["negative_appeals"]
                for r in negatives.iter_rows(named=True)}
    areas = sorted(negatives["area"].unique().to_list()) if negatives.height else []
    agencies = sorted(cells["agency_key"].unique().to_list())
    rows = []
    for c in CONTRASTS:
        if any(cell_key(c.dimension, g, None) in hidden for g in (c.group, c.reference)):
            continue
        pairs = [(by_cell.get((c.dimension, c.group, a)), by_cell.get((c.dimension, c.reference, a)), a)
                 for a in agencies]
        pairs = [(g, r, a) for g, r, a in pairs if g and r]
        for measure, (total, n, squares, _) in RESPONSIVENESS.items():
            if squares is None:
                result = stratified_share([(g[total], g[n], r[total], r[n]) for g, r, _ in pairs])
            else:
                result = stratified_mean([((g[total], g[squares], g[n]), (r[total], r[squares], r[n]))
                                          for g, r, _ in pairs])
            rows.append(_national_row(c, measure, result, pairs, total, n))
        for area in areas:
            strata = [(negative.get((c.dimension, c.group, a, area), 0.0), g["classified_appeals"],
                       negative.get((c.dimension, c.reference, a, area), 0.0), r["classified_appeals"])
                      for g, r, a in pairs]
            result = stratified_share(strata)
            group_rate = _pooled([s[:2] for s in strata])
            reference_rate = _pooled([s[2:] for s in strata])
            rows.append({**_contrast_fields(c), "measure": "negative", "area": area,
                         **_result_fields(result, "negative"),
                         "group_figure": group_rate, "reference_figure": reference_rate,
                         "crude_difference": _minus(group_rate, reference_rate)})
    return with_fdr(pl.DataFrame(rows, schema=NATIONAL_SCHEMA).filter(pl.col("p_value").is_not_null()))


def _national_row(c: Contrast, measure: str, result: dict, pairs, total: str, n: str) -> dict:
    group = _pooled([(g[total], g[n]) for g, _, _ in pairs])
    reference = _pooled([(r[total], r[n]) for _, r, _ in pairs])
    return {**_contrast_fields(c), "measure": measure, "area": None, **_result_fields(result, measure),
            "group_figure": group, "reference_figure": reference, "crude_difference": _minus(group, reference)}


def _pooled(pairs) -> float | None:
    n = sum(p[1] for p in pairs)
    return sum(p[0] for p in pairs) / n if n else None


def _minus(a, b):
    return None if a is None or b is None else a - b


def _contrast_fields(c: Contrast) -> dict:
    return {"dimension": c.dimension, "group_value": c.group, "reference": c.reference}


def _result_fields(result: dict, measure: str) -> dict:
    difference = result.get("difference")
    return {"difference": difference, "low": result.get("low"), "high": result.get("high"),
            "odds_ratio": result.get("odds_ratio"), "p_value": result.get("p_value"),
            "strata": result.get("strata"), "shortfall": None if difference is None else shortfall(measure, difference)}


NATIONAL_SCHEMA = {"dimension": pl.Utf8, "group_value": pl.Utf8, "reference": pl.Utf8, "measure": pl.Utf8,
                   "area": pl.Utf8, "difference": pl.Float64, "low": pl.Float64, "high": pl.Float64,
                   "odds_ratio": pl.Float64, "p_value": pl.Float64, "strata": pl.Int64, "shortfall": pl.Float64,
                   "group_figure": pl.Float64, "reference_figure": pl.Float64, "crude_difference": pl.Float64}


# ---------------------------------------------------------------------------------------- agencies


def agency_comparisons(cells: pl.DataFrame, hidden: dict, min_count: int) -> pl.DataFrame:
    """Each contrast in each agency on each responsiveness measure, where both groups are shown and
    each has at least `min_count` values of the measure (five ratings say nothing of a group)."""
    by_cell = {(r["dimension"], r["group_value"], r["agency_key"]): r for r in cells.iter_rows(named=True)}
    totals = dict(cells.filter(pl.col("dimension") == DIMENSIONS[0]).group_by("agency_key").agg(pl.sum("appeals"))
                  .iter_rows())
    rows = []
    for agency in sorted(cells["agency_key"].unique().to_list()):
        for c in CONTRASTS:
            g, r = by_cell.get((c.dimension, c.group, agency)), by_cell.get((c.dimension, c.reference, agency))
            if not g or not r or any(cell_key(c.dimension, v, agency) in hidden for v in (c.group, c.reference)):
                continue
            for measure, (total, n, squares, _) in RESPONSIVENESS.items():
                if g[n] < min_count or r[n] < min_count:
                    continue
                result = direct_share(g[total], g[n], r[total], r[n]) if squares is None else \
                    direct_mean((g[total], g[squares], g[n]), (r[total], r[squares], r[n]))
                if not result:
                    continue
                rows.append({"agency_key": agency, "agency": g["agency"], "region_key": g["region_key"],
                             **_contrast_fields(c), "measure": measure, **_result_fields(result, measure),
                             "group_n": g[n], "reference_n": r[n], "group_appeals": g["appeals"],
                             "agency_appeals": totals[agency],
                             "group_figure": g[total] / g[n], "reference_figure": r[total] / r[n]})
    frame = pl.DataFrame(rows, schema=AGENCY_SCHEMA)
    return with_fdr(frame.drop("area", "strata", "odds_ratio", strict=False))


AGENCY_SCHEMA = {"agency_key": pl.Utf8, "agency": pl.Utf8, "region_key": pl.Utf8, "dimension": pl.Utf8,
                 "group_value": pl.Utf8, "reference": pl.Utf8, "measure": pl.Utf8, "difference": pl.Float64,
                 "low": pl.Float64, "high": pl.Float64, "odds_ratio": pl.Float64, "p_value": pl.Float64,
                 "strata": pl.Int64, "shortfall": pl.Float64, "group_n": pl.Float64, "reference_n": pl.Float64,
                 "group_appeals": pl.Float64, "agency_appeals": pl.Float64, "group_figure": pl.Float64,
                 "reference_figure": pl.Float64}


# ---------------------------------------------------------------------------------------- the report


def equity_report(con: duckdb.DuckDBPyConnection, f: Filters | None = None,
                  rules: PlanningRules | None = None) -> EquityReport:
    """Groups, national and within-agency comparisons over the gap period (the filter's months, else
    the latest `gap_window_months`). Suppression and the FDR family are those of all agencies, so
    choosing agencies or regions only narrows what is shown, never what is hidden or significant."""
    rules = rules or PlanningRules.from_settings()
    period = gap_period(con, f, rules.gap_window_months)
    cells = cell_sums(con, period) if period else pl.DataFrame()
    if cells.height == 0:
        return EquityReport(period, pl.DataFrame(), pl.DataFrame(schema=NATIONAL_SCHEMA),
                            with_fdr(pl.DataFrame(schema=AGENCY_SCHEMA).drop("area", "strata", "odds_ratio",
                                                                               strict=False)))
    hidden = hidden_cells(cells, rules.equity_min_cell)
    groups = group_figures(cells, hidden)
    national = national_comparisons(cells, negative_sums(con, period), hidden)
    agencies = agency_comparisons(cells, hidden, rules.equity_min_cell)
    chosen = _chosen_agencies(f)
    return EquityReport(period, groups.filter(chosen | (pl.col("scope") == "national")), national,
                        agencies.filter(chosen))


def _chosen_agencies(f: Filters | None) -> pl.Expr:
    expr = pl.lit(True)
    if f and f.agencies:
        expr = expr & pl.col("agency_key").is_in(list(f.agencies))
    if f and f.regions:
        expr = expr & pl.col("region_key").is_in(list(f.regions))
    return expr


# ---------------------------------------------------------------------------------------- inclusiveness


def inclusiveness_evidence(report: EquityReport) -> pl.DataFrame:
    """Per agency with a significant disadvantage: its part of the inclusiveness priority and the
    evidence. The part is the largest disadvantage in on-time answers (or in satisfaction, over the
    scale's range) times the group's share of the agency's appeals: excess late answers per appeal
    of the agency, the unit of the citizens' gap. The largest, not the sum: rural and rural-disabled
    are the same people counted twice."""
    found = report.agencies.filter(pl.col("is_disadvantage")) if report.agencies.height else report.agencies
    schema = {"agency_key": pl.Utf8, "area": pl.Utf8, "equity_part": pl.Float64, "equity_dimension": pl.Utf8,
              "equity_group": pl.Utf8, "equity_reference": pl.Utf8, "equity_measure": pl.Utf8,
              "equity_shortfall": pl.Float64, "equity_p_adjusted": pl.Float64, "equity_findings": pl.Int64}
    if found.height == 0:
        return pl.DataFrame(schema=schema)
    scale = pl.when(pl.col("measure") == "satisfaction").then(1 / SCALE_RANGE).otherwise(
        pl.when(pl.col("measure") == "on_time").then(1.0).otherwise(0.0))
    weighted = found.with_columns(
        (pl.col("shortfall") * scale * pl.col("group_appeals") / pl.col("agency_appeals")).alias("equity_part"))
    return weighted.sort("equity_part", descending=True).group_by("agency_key", maintain_order=True).agg(
        pl.first("equity_part"), pl.first("dimension").alias("equity_dimension"),
        pl.first("group_value").alias("equity_group"), pl.first("reference").alias("equity_reference"),
        pl.first("measure").alias("equity_measure"), pl.first("shortfall").alias("equity_shortfall"),
        pl.first("p_adjusted").alias("equity_p_adjusted"), pl.len().cast(pl.Int64).alias("equity_findings"),
    ).with_columns(pl.lit(INCLUSIVENESS).alias("area")).select(list(schema))


# ---------------------------------------------------------------------------------------- exports

EXPORT_COLUMNS = ("scope", "agency_key", "agency", "dimension", "group_value", "reference", "measure", "area",
                  "group_figure", "reference_figure", "difference", "low", "high", "crude_difference", "odds_ratio",
                  "strata", "group_n", "reference_n", "p_value", "p_adjusted", "is_significant", "is_disadvantage")


def comparisons_for_export(report: EquityReport) -> pl.DataFrame:
    """Country and agency comparisons in one flat table with stable code names (`tyndau equity --format csv`)."""
    frames = [report.national.with_columns(pl.lit("national").alias("scope")),
              report.agencies.with_columns(pl.lit("agency").alias("scope"))]
    both = pl.concat([f for f in frames if f.height], how="diagonal_relaxed") if any(f.height for f in frames) \
        else pl.DataFrame(schema={c: pl.Utf8 for c in EXPORT_COLUMNS})
    return both.select([c for c in EXPORT_COLUMNS if c in both.columns])
