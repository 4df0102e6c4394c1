"""Closing the loop: did an agency's gap move after a course, compared with similar agencies that
did not take one? A difference-in-differences per course session and area the course develops.

For a session of agency A in month m (the course's areas R):

* **outcome**: the share of A's appeals with negative evidence on area r, per month (from
  ``mart_area_evidence_monthly``);
* **before / after**: the ``impact_window_months`` months before m and the same number after m;
  the session's own month is left out (it is half before, half after);
* **comparison**: agencies of the same kind (``agency_kind``) that had no session of any course
  developing r within the two windows, each kept as its own agency (not pooled);
* **effect**: the coefficient of ``treated x after`` in a weighted linear probability model on
  agency-month rows with agency and month fixed effects (weights = classified appeals, so a month
  counts by its appeals as in a pooled share). Negative means the gap closed more than elsewhere.

Why this design: an agency's months are not independent draws (a new head of office, a backlog or
a local campaign lasts for months), so the binomial interval of pooled shares was too narrow and
flagged background sessions that change nothing. The regression's standard error is cluster-robust
by agency (statsmodels, CR1, t on agencies - 1 degrees of freedom) as the textbook remedy, but with
a single trained agency that variance has only the trained agency's own residuals to go on and is
far too small (on synthetic data with persistent agency shocks it flagged 19 of 40 null effects).
So the interval is the wider of the cluster-robust one and the binomial one widened by the
between-agency variance: how much the comparison agencies' own before-after changes vary beyond
their binomial noise (:func:`between_agency_variance`, the few-treated-groups approach of Conley and
Taber, 2011, with the binomial part for the differing sizes), on Welch-Satterthwaite degrees of
freedom; the p-value is the larger of the two. Sessions of one agency in one month with the same
area are one treatment and are estimated and tested once.

Many effects are read at once (every session x area on the page), so "clearly not zero" is decided
on Benjamini-Hochberg adjusted p-values across all effects returned (false discovery rate
:data:`FDR`), not on each interval alone; the 95 % interval stays the per-effect one.

Assumptions, stated where a planner reads them (docs/training.md): parallel trends (without the
course, A's share would have moved like the comparison's), no other change at A at the same time,
the classifier's errors the same before and after, agencies independent of one another, and the
trained agency's persistent shocks as large as the comparison agencies'.
"""

from __future__ import annotations

import duckdb
import numpy as np
import polars as pl
import statsmodels.api as sm
from scipy import stats as scipy_stats
from statsmodels.stats.multitest import multipletests
from threadpoolctl import threadpool_limits

from insights.stats import difference_in_differences
from insights.training.planning import PlanningRules, add_months

PHASES = ("before", "after")
FDR = 0.05  # false discovery rate across the effects shown together
LEVEL = 0.95  # of each effect's own interval
TREATMENT = ("agency_key", "area", "session_month")  # sessions sharing these are one treatment
ESTIMATES = ("effect", "effect_low", "effect_high", "clustered_se", "naive_se", "between_se", "p_value")


def sessions(con: duckdb.DuckDBPyConnection, agencies: tuple[str, ...] = ()) -> pl.DataFrame:
    """Course sessions with the course's areas and the agency's kind and name."""
    frame = con.execute("""
        select s.session_id, s.agency_code as agency_key, d.name_en as agency, d.agency_kind, s.course_id,
               c.title_en, c.title_ru, c.title_kk, c.areas, s.session_date, s.staff_trained,
               date_trunc('month', s.session_date)::date as session_month
        from stg_course_sessions s
        left join stg_training_courses c using (course_id)
        left join dim_agencies d on d.agency_key = s.agency_code
        where s.session_date is not null
        order by s.session_date, s.session_id""").pl()
    if agencies:
        frame = frame.filter(pl.col("agency_key").is_in(list(agencies)))
    return frame


def session_areas(sessions_frame: pl.DataFrame, window: int) -> pl.DataFrame:
    """One row per session and course area, with the before and after windows."""
    shifted = lambda months: pl.col("session_month").map_elements(  # noqa: E731
        lambda m: add_months(m, months), return_dtype=pl.Date)
    return sessions_frame.explode("areas").rename({"areas": "area"}).filter(pl.col("area").is_not_null()).with_columns(
        shifted(-window).alias("window_start"), shifted(window).alias("window_end"))


def evidence_cube(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.execute("""
        select agency_key, agency_kind, area, evidence_month, classified_appeals as appeals, negative_appeals
        from mart_area_evidence_monthly""").pl()


def trained_on_area(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """(agency, area, month) of every session: an agency trained on an area is no comparison for it."""
    return con.execute("""
        select s.agency_code as agency_key, unnest(c.areas) as area,
               date_trunc('month', s.session_date)::date as trained_month
        from stg_course_sessions s join stg_training_courses c using (course_id)
        where s.session_date is not null""").pl()


def _phase(month: pl.Expr) -> pl.Expr:
    return (pl.when(month < pl.col("session_month")).then(pl.lit("before"))
            .when(month > pl.col("session_month")).then(pl.lit("after")))


def treated_counts(targets: pl.DataFrame, cube: pl.DataFrame) -> pl.DataFrame:
    rows = targets.join(cube.drop("agency_kind"), on=["agency_key", "area"], how="inner").filter(
        pl.col("evidence_month").is_between(pl.col("window_start"), pl.col("window_end")))
    return _by_phase(rows, "treated")


def control_counts(targets: pl.DataFrame, cube: pl.DataFrame, trained: pl.DataFrame) -> pl.DataFrame:
    """Pooled counts of same-kind agencies with no session on the area within the windows."""
    clean = _control_rows(targets, cube, trained)
    counts = _by_phase(clean, "control")
    agencies = clean.group_by(["session_id", "area"]).agg(pl.col("control_key").n_unique().alias("control_agencies"))
    return counts.join(agencies, on=["session_id", "area"], how="left")


def _by_phase(rows: pl.DataFrame, group: str) -> pl.DataFrame:
    phased = rows.with_columns(_phase(pl.col("evidence_month")).alias("phase")).filter(pl.col("phase").is_not_null())
    summed = phased.group_by(["session_id", "area", "phase"]).agg(
        pl.sum("negative_appeals").alias("negative"), pl.sum("appeals").alias("appeals"))
    wide = [summed.filter(pl.col("phase") == p).select(
        "session_id", "area", pl.col("negative").alias(f"{group}_{p}_negative"),
        pl.col("appeals").alias(f"{group}_{p}_appeals")) for p in PHASES]
    return wide[0].join(wide[1], on=["session_id", "area"], how="full", coalesce=True)


def training_impact(con: duckdb.DuckDBPyConnection, rules: PlanningRules | None = None,
                    agencies: tuple[str, ...] = ()) -> pl.DataFrame:
    """One row per course session and area the course develops: the four pooled shares, the effect
    with its cluster-robust 95 % interval and p-value, the p-value adjusted for all rows returned,
    the number of comparison agencies, and whether the adjusted p-value is under :data:`FDR`."""
    rules = rules or PlanningRules.from_settings()
    targets = session_areas(sessions(con, agencies), rules.impact_window_months)
    cube, trained = evidence_cube(con), trained_on_area(con)
    frame = targets.join(treated_counts(targets, cube), on=["session_id", "area"], how="left").join(
        control_counts(targets, cube, trained), on=["session_id", "area"], how="left")
    estimates = treatment_estimates(frame, panel(targets, cube, trained))
    return _with_rates(frame).join(estimates, on=list(TREATMENT), how="left").with_columns(
        pl.col("effect").is_nan().fill_null(True).alias("is_unmeasured"),
        (pl.col("p_adjusted") < FDR).fill_null(False).alias("is_significant"),
    ).sort(["session_date", "session_id", "area"])


def _with_rates(frame: pl.DataFrame) -> pl.DataFrame:
    cells = [(f"{g}_{p}_negative", f"{g}_{p}_appeals") for g in ("treated", "control") for p in PHASES]
    return frame.with_columns((pl.col(s) / pl.col(n)).alias(s.replace("_negative", "_rate")) for s, n in cells)


def panel(targets: pl.DataFrame, cube: pl.DataFrame, trained: pl.DataFrame) -> pl.DataFrame:
    """Agency-month rows behind each target (session and area): the trained agency's and each
    comparison agency's, with the phase; months without a classified appeal carry no share."""
    columns = ["session_id", "area", "unit", "is_treated", "evidence_month", "session_month", "negative_appeals",
               "appeals"]
    treated = targets.join(cube.drop("agency_kind"), on=["agency_key", "area"]).filter(
        pl.col("evidence_month").is_between(pl.col("window_start"), pl.col("window_end"))).with_columns(
        pl.col("agency_key").alias("unit"), pl.lit(True).alias("is_treated")).select(columns)
    controls = _control_rows(targets, cube, trained).with_columns(
        pl.col("control_key").alias("unit"), pl.lit(False).alias("is_treated")).select(columns)
    return pl.concat([treated, controls]).with_columns(_phase(pl.col("evidence_month")).alias("phase")).filter(
        pl.col("phase").is_not_null() & (pl.col("appeals") > 0))


def treatment_estimates(frame: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame:
    """The estimate of each distinct treatment (one per agency, area and month), and its p-value
    adjusted across all of them (Benjamini-Hochberg): the family is every effect returned."""
    firsts = frame.group_by(list(TREATMENT)).agg(pl.col("session_id").min(), *[
        pl.col(c).first() for c in frame.columns if c.endswith(("_negative", "_appeals"))])
    by_target = rows.filter(pl.col("session_id").is_in(firsts["session_id"].implode())).partition_by(
        "session_id", "area", as_dict=True)
    empty = rows.clear()
    with threadpool_limits(1, "blas"):  # small designs: BLAS threads only fight over the cores
        estimates = [_estimate(first, by_target.get((first["session_id"], first["area"]), empty))
                     for first in firsts.iter_rows(named=True)]
    schema = {"agency_key": pl.Utf8, "area": pl.Utf8, "session_month": pl.Date} | {c: pl.Float64 for c in ESTIMATES}
    result = pl.DataFrame(estimates, schema=schema, orient="row") if estimates else pl.DataFrame(schema=schema)
    return result.with_columns(pl.Series("p_adjusted", benjamini_hochberg(result["p_value"].to_numpy()),
                                         dtype=pl.Float64))


def _estimate(first: dict, rows: pl.DataFrame) -> dict:
    cells = [(first[f"{g}_{p}_negative"] or 0, first[f"{g}_{p}_appeals"] or 0)
             for g in ("treated", "control") for p in PHASES]
    return {k: first[k] for k in TREATMENT} | clustered_did(rows, difference_in_differences(*cells))


def clustered_did(rows: pl.DataFrame, naive: dict[str, float]) -> dict[str, float]:
    """``treated x after`` of a weighted linear probability model with agency and month fixed
    effects, and the wider of two intervals (the larger of two p-values): the cluster-robust one
    (by agency, t on agencies - 1 degrees of freedom), and the binomial one widened by how much the
    comparison agencies' own before-after changes vary beyond their binomial noise (see
    :func:`between_agency_variance`), on Welch-Satterthwaite degrees of freedom."""
    if not _identified(rows) or naive["se"] != naive["se"]:
        return dict.fromkeys(ESTIMATES, float("nan"))
    effect, clustered_se, clustered_df = _clustered_fit(rows)
    if effect != effect:
        return dict.fromkeys(ESTIMATES, float("nan"))
    extra, controls = between_agency_variance(rows)
    persistent = extra * (1 + 1 / controls) if controls else 0.0
    se = (naive["se"] ** 2 + persistent) ** 0.5
    df = (se ** 4 / (persistent ** 2 / (controls - 1))) if persistent > 0 and controls > 1 else float("inf")
    tests = [(se, scipy_stats.t(df) if df < float("inf") else scipy_stats.norm)] + (
        [(clustered_se, scipy_stats.t(clustered_df))] if clustered_se == clustered_se else [])
    half = max(float(dist.ppf(0.5 + LEVEL / 2)) * error for error, dist in tests)
    return {"effect": effect, "effect_low": effect - half, "effect_high": effect + half,
            "clustered_se": clustered_se, "naive_se": naive["se"], "between_se": persistent ** 0.5,
            "p_value": max(_two_sided_p(effect, error, dist) for error, dist in tests)}


def _identified(rows: pl.DataFrame) -> bool:
    """Months on both sides for the trained agency and for at least one comparison agency."""
    sides = rows.group_by("unit", "is_treated").agg(pl.col("phase").n_unique().alias("sides")).filter(
        pl.col("sides") == 2)
    return sides["is_treated"].any() and (~sides["is_treated"]).any()


def between_agency_variance(rows: pl.DataFrame) -> tuple[float, int]:
    """(variance of a comparison agency's after-minus-before change beyond its binomial noise, number
    of comparison agencies). Months of one agency move together (a new head of office, a backlog), so
    an agency's change varies more than independent appeals allow; the comparison agencies, which
    took no course, show by how much. With one trained agency this is the honest yardstick: the
    cluster-robust variance has only that agency's own residuals to go on."""
    shares = rows.filter(~pl.col("is_treated")).group_by("unit", "phase").agg(
        (pl.sum("negative_appeals") / pl.sum("appeals")).alias("share"), pl.sum("appeals").alias("n"))
    wide = shares.pivot(on="phase", index="unit", values=["share", "n"]).drop_nulls()
    if wide.height < 2:
        return 0.0, wide.height
    change = (wide["share_after"] - wide["share_before"]).to_numpy()
    binomial = (wide["share_after"] * (1 - wide["share_after"]) / wide["n_after"]
                + wide["share_before"] * (1 - wide["share_before"]) / wide["n_before"]).to_numpy()
    return max(float(np.var(change, ddof=1) - binomial.mean()), 0.0), wide.height


def _clustered_fit(rows: pl.DataFrame) -> tuple[float, float, int]:
    """(coefficient, cluster-robust CR1 standard error, degrees of freedom) of treated x after."""
    y = (rows["negative_appeals"] / rows["appeals"]).to_numpy()
    treated_after = (rows["is_treated"] & (rows["phase"] == "after")).cast(pl.Float64).to_numpy()
    units, unit_codes = np.unique(rows["unit"].to_numpy(), return_inverse=True)
    _, month_codes = np.unique(rows["evidence_month"].to_numpy(), return_inverse=True)
    design = np.column_stack([treated_after, np.eye(len(units))[unit_codes],
                              np.eye(month_codes.max() + 1)[month_codes][:, 1:]])
    if np.linalg.matrix_rank(design) < design.shape[1]:
        return float("nan"), float("nan"), 0  # the months do not separate the course from the calendar
    if len(y) <= design.shape[1]:  # as many parameters as agency-months: no residual to go on
        fit = sm.WLS(y, design, weights=rows["appeals"].to_numpy(), hasconst=True).fit()
        return float(fit.params[0]), float("nan"), len(units) - 1
    # The agency dummies hold the constant (hasconst spares statsmodels' search for it).
    fit = sm.WLS(y, design, weights=rows["appeals"].to_numpy(), hasconst=True).fit(
        cov_type="cluster", cov_kwds={"groups": unit_codes}, use_t=True)
    with np.errstate(invalid="ignore"):  # noiseless data: a variance of -0.0 is no variance
        se = float(fit.bse[0])
    return float(fit.params[0]), (se if se == se else 0.0), len(units) - 1


def _two_sided_p(effect: float, se: float, distribution) -> float:
    """An effect measured without any noise (se 0) is certain unless it is zero."""
    if se == 0:
        return 1.0 if effect == 0 else 0.0
    return float(2 * distribution.sf(abs(effect) / se))


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Adjusted p-values; unmeasured effects (NaN) stay NaN and are not counted as tests."""
    adjusted = np.full(len(p_values), np.nan)
    tested = ~np.isnan(p_values)
    if tested.any():
        adjusted[tested] = multipletests(p_values[tested], alpha=FDR, method="fdr_bh")[1]
    return adjusted


def impact_series(con: duckdb.DuckDBPyConnection, session_id: str, area: str,
                  rules: PlanningRules | None = None) -> pl.DataFrame:
    """Month by month around a session: the agency's share of appeals with negative evidence on the
    area, and the comparison agencies' pooled share (the chart behind one effect)."""
    rules = rules or PlanningRules.from_settings()
    targets = session_areas(sessions(con), rules.impact_window_months).filter(
        (pl.col("session_id") == session_id) & (pl.col("area") == area))
    if targets.height == 0:
        return pl.DataFrame(schema={"evidence_month": pl.Date, "group": pl.Utf8, "rate": pl.Float64,
                                    "appeals": pl.Int64})
    cube = evidence_cube(con)
    treated = targets.join(cube.drop("agency_kind"), on=["agency_key", "area"]).filter(
        pl.col("evidence_month").is_between(pl.col("window_start"), pl.col("window_end"))).with_columns(
        pl.lit("treated").alias("group"))
    controls = _control_rows(targets, cube, trained_on_area(con)).with_columns(pl.lit("comparison").alias("group"))
    both = pl.concat([treated.select("evidence_month", "group", "negative_appeals", "appeals"),
                      controls.select("evidence_month", "group", "negative_appeals", "appeals")])
    return both.group_by(["evidence_month", "group"]).agg(
        (pl.sum("negative_appeals") / pl.sum("appeals")).alias("rate"), pl.sum("appeals").cast(pl.Int64)
    ).sort(["group", "evidence_month"])


def _control_rows(targets: pl.DataFrame, cube: pl.DataFrame, trained: pl.DataFrame) -> pl.DataFrame:
    """Cube rows of the comparison agencies of each target (session and area), within its windows."""
    candidates = targets.select("session_id", "agency_key", "agency_kind", "area", "session_month", "window_start",
                                "window_end").join(
        cube.rename({"agency_key": "control_key"}), on=["agency_kind", "area"]).filter(
        (pl.col("control_key") != pl.col("agency_key"))
        & pl.col("evidence_month").is_between(pl.col("window_start"), pl.col("window_end")))
    busy = targets.select("session_id", "area", "window_start", "window_end").join(
        trained.rename({"agency_key": "control_key"}), on="area").filter(
        pl.col("trained_month").is_between(pl.col("window_start"), pl.col("window_end"))).select(
        "session_id", "area", "control_key").unique()
    return candidates.join(busy, on=["session_id", "area", "control_key"], how="anti")
