"""The two published tables, with suppressed figures blanked: responsiveness and appeals by area.

Why blanks and one flag: a hidden figure is empty in every format (CSV, Parquet, the site), and
`suppressed` says so without saying why (primary or complementary), because "this one is under the
threshold" would itself narrow a hidden value down to 1..threshold-1.
"""

from __future__ import annotations

import polars as pl

from insights.open_data import cube
from insights.stats import quantile_from_histogram
from dashboard.i18n import area_name

LANGS = ("kk", "ru", "en")
RESPONSIVENESS_COLUMNS = (
    "month", "agency_key", *(f"agency_name_{l}" for l in LANGS), "region_key", *(f"region_name_{l}" for l in LANGS),
    "appeals", "answered", "decided", "on_time", "on_time_share", "median_days_to_answer", "rated",
    "mean_satisfaction", "suppressed", "satisfaction_suppressed")
AREA_COLUMNS = ("month", "agency_key", *(f"agency_name_{l}" for l in LANGS), "region_key",
                *(f"region_name_{l}" for l in LANGS), "area", *(f"area_name_{l}" for l in LANGS), "appeals",
                "suppressed")
_HIDDEN_BY_MAIN = ("appeals", "answered", "decided", "on_time", "on_time_share", "median_days_to_answer")
_HIDDEN_BY_SATISFACTION = ("rated", "mean_satisfaction")


def responsiveness_table(con, k: int) -> pl.DataFrame:
    """Per agency, region and month (and their totals): volumes, on-time share, median days, satisfaction."""
    cells = cube.with_margins(cube.responsiveness_base(con), cube.RESPONSIVENESS_COUNTS)
    hidden = cube.hidden_cells(cells, "appeals", k)
    hidden_satisfaction = cube.hidden_cells(cells, "rated", k, forced=frozenset(hidden), exempt_zero=True)
    frame = cells.with_columns(suppressed=cube.hidden_column(cells, hidden),
                               satisfaction_suppressed=cube.hidden_column(cells, hidden_satisfaction))
    frame = frame.join(_medians(con), on=list(cube.AXES), how="left").with_columns(
        on_time_share=pl.when(pl.col("decided") > 0).then(pl.col("on_time") / pl.col("decided")),
        mean_satisfaction=pl.when(pl.col("rated") > 0).then(pl.col("sum_satisfaction") / pl.col("rated")),
        # a median of fewer than k answers is a small group's figure (medians are not sums: nothing to derive)
        median_days_to_answer=pl.when(pl.col("answered") >= k).then(pl.col("median_days_to_answer")))
    frame = _blank(frame, "suppressed", _HIDDEN_BY_MAIN)
    frame = _blank(frame, "satisfaction_suppressed", _HIDDEN_BY_SATISFACTION)
    return _named(con, frame).select(RESPONSIVENESS_COLUMNS).sort(cube.AXES[::-1])


def area_table(con, k: int) -> pl.DataFrame:
    """Appeals giving evidence about each competency area, per agency, region and month (and totals).
    Each area is its own table: an appeal can touch several areas, so no total crosses areas."""
    cells = cube.with_margins(cube.area_base(con), ("appeals",), ("area",))
    parts = []
    for _, part in cells.group_by("area", maintain_order=True):
        hidden = cube.hidden_cells(part, "appeals", k, ("area",))
        parts.append(part.with_columns(suppressed=cube.hidden_column(part, hidden, ("area",))))
    frame = _blank(pl.concat(parts), "suppressed", ("appeals",))
    names = pl.DataFrame([{"area": a, **{f"area_name_{l}": area_name(a, l) for l in LANGS}}
                          for a in frame["area"].unique().to_list()])
    frame = _named(con, frame).join(names, on="area", how="left")
    return frame.select(AREA_COLUMNS).sort(["area", "month", "region_key", "agency_key"])


def _medians(con) -> pl.DataFrame:
    """Exact median days to the final answer of every cell and total, from the summed histogram."""
    days = cube.with_margins(cube.answer_day_base(con), ("appeals",), ("answer_day",))
    rows = [{**dict(zip(cube.AXES, key)),
             "median_days_to_answer": quantile_from_histogram(part["answer_day"].to_list(),
                                                              part["appeals"].to_list(), 0.5)}
            for key, part in days.group_by(list(cube.AXES))]
    return pl.DataFrame(rows, schema={**{a: pl.Utf8 for a in cube.AXES}, "median_days_to_answer": pl.Float64})


def _blank(frame: pl.DataFrame, flag: str, columns: tuple[str, ...]) -> pl.DataFrame:
    return frame.with_columns(pl.when(~pl.col(flag)).then(pl.col(c)).alias(c) for c in columns)


def _named(con, frame: pl.DataFrame) -> pl.DataFrame:
    """Agency and region names in kk, ru and en beside their keys (empty for the ALL totals)."""
    agencies = con.execute("select agency_key, " + ", ".join(f"name_{l} as agency_name_{l}" for l in LANGS)
                           + " from dim_agencies").pl()
    regions = con.execute("select region_key, " + ", ".join(f"name_{l} as region_name_{l}" for l in LANGS)
                          + " from dim_regions").pl()
    return frame.join(agencies, on="agency_key", how="left").join(regions, on="region_key", how="left")

