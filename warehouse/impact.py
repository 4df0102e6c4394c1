"""Closing the loop: did an agency's gap move after a course, compared with similar agencies that
did not take one? A difference-in-differences per course session and area the course develops.

For a session of agency A in month m (the course's areas R):

* **outcome**: the share of A's appeals with negative evidence on area r (from
  ``mart_area_evidence_monthly``);
* **before / after**: the ``impact_window_months`` months before m and the same number after m;
  the session's own month is left out (it is half before, half after);
* **comparison**: agencies of the same kind (``agency_kind``) that had no session of any course
  developing r within the two windows, pooled;
* **effect** = (after - before) of A minus (after - before) of the comparison: negative means the
  gap closed more than elsewhere. Its 95 % interval is analytic, from the binomial variances of the
  four shares (:func:`warehouse.stats.difference_in_differences`).

Assumptions, stated where a planner reads them (docs/training.md): parallel trends (without the
course, A's share would have moved like the comparison's), no other change at A at the same time,
the classifier's errors the same before and after, and appeals independent given the month. The
interval ignores correlation between months and between appeals of one agency, so it is too
narrow rather than too wide; the comparison group pools agencies, so one large agency dominates it.
"""

from __future__ import annotations

import duckdb
import polars as pl

from warehouse.planning import PlanningRules, add_months
from warehouse.stats import difference_in_differences

PHASES = ("before", "after")


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
    """One row per course session and area the course develops: the four shares, the effect and its
    95 % interval, the number of comparison agencies, and whether the interval excludes zero."""
    rules = rules or PlanningRules.from_settings()
    targets = session_areas(sessions(con, agencies), rules.impact_window_months)
    cube = evidence_cube(con)
    frame = targets.join(treated_counts(targets, cube), on=["session_id", "area"], how="left").join(
        control_counts(targets, cube, trained_on_area(con)), on=["session_id", "area"], how="left")
    return _with_effects(frame).sort(["session_date", "session_id", "area"])


def _with_effects(frame: pl.DataFrame) -> pl.DataFrame:
    cells = [(f"{g}_{p}_negative", f"{g}_{p}_appeals") for g in ("treated", "control") for p in PHASES]
    results = [difference_in_differences(*[(row[s] or 0, row[n] or 0) for s, n in cells])
               for row in frame.select([c for pair in cells for c in pair]).iter_rows(named=True)]
    rates = [(pl.col(s) / pl.col(n)).alias(s.replace("_negative", "_rate")) for s, n in cells]
    return frame.with_columns(
        *rates,
        pl.Series("effect", [r["effect"] for r in results], dtype=pl.Float64),
        pl.Series("effect_low", [r["low"] for r in results], dtype=pl.Float64),
        pl.Series("effect_high", [r["high"] for r in results], dtype=pl.Float64),
        pl.Series("effect_se", [r["se"] for r in results], dtype=pl.Float64),
    ).with_columns(
        pl.col("effect").is_nan().alias("is_unmeasured"),
        (~pl.col("effect").is_nan() & ((pl.col("effect_high") < 0) | (pl.col("effect_low") > 0))).fill_null(False)
        .alias("is_significant"),
    )


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
