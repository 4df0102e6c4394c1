"""The published figures: counts per agency, region and month with every margin, and which are hidden.

Why margins are part of the cube: a ministry's site shows totals (a region's month, an agency's
whole period, the country), and every total is a sum of published cells. A small cell hidden on
its own would be the total minus its visible neighbours, so the cube and its additive relations
go to :func:`warehouse.anonymity.suppress` together, which hides complements until no hidden
figure can be worked out from the published ones.

Grain of a cell: (agency_key, region_key, month), each of them a value or :data:`ALL`; the area
table adds the competency area, which is never summed (an appeal can touch several areas, so the
areas of an agency do not add up to its appeals and no relation crosses areas).
"""

from __future__ import annotations

from itertools import combinations

import polars as pl

from warehouse.anonymity import Relation, Table, suppress

ALL = "ALL"
AXES = ("agency_key", "region_key", "month")
RESPONSIVENESS_COUNTS = ("appeals", "answered", "decided", "on_time", "rated", "sum_satisfaction")


def responsiveness_base(con) -> pl.DataFrame:
    """Additive counts per agency, region and month of registration (from mart_responsiveness)."""
    return con.execute("""
        select agency_key, region_key, strftime(registered_month, '%Y-%m') as month,
               sum(appeals)::bigint as appeals, sum(answered)::bigint as answered, sum(decided)::bigint as decided,
               sum(on_time)::bigint as on_time, sum(rated)::bigint as rated,
               sum(sum_satisfaction)::double as sum_satisfaction
        from mart_responsiveness group by all""").pl()


def answer_day_base(con) -> pl.DataFrame:
    """Answered appeals per agency, region, month and whole day to the answer (for exact medians)."""
    return con.execute("""
        select agency_key, region_key, strftime(registered_month, '%Y-%m') as month, answer_day,
               sum(appeals)::bigint as appeals
        from mart_answer_days_histogram group by all""").pl()


def area_base(con) -> pl.DataFrame:
    """Appeals giving evidence about each competency area (any polarity) per agency, region and month."""
    return con.execute("""
        select area, agency_key, region_key, strftime(registered_month, '%Y-%m') as month,
               count(distinct appeal_id)::bigint as appeals
        from fct_appeal_areas where registered_month is not null group by all""").pl()


def with_margins(base: pl.DataFrame, sums: tuple[str, ...], fixed: tuple[str, ...] = ()) -> pl.DataFrame:
    """The base cells and every total over any of the axes (marked :data:`ALL`), summed; `fixed`
    columns (the area) are kept apart, never summed over."""
    frames = [base.select(*fixed, *AXES, *sums)]
    for size in range(1, len(AXES) + 1):
        for rolled in combinations(AXES, size):
            kept = [a for a in AXES if a not in rolled]
            frames.append(base.group_by(*fixed, *kept).agg(pl.col(s).sum() for s in sums)
                          .with_columns(pl.lit(ALL).alias(a) for a in rolled)
                          .select(*fixed, *AXES, *sums))
    return _without_duplicates(pl.concat(frames, how="vertical_relaxed"), base)


def _without_duplicates(cells: pl.DataFrame, base: pl.DataFrame) -> pl.DataFrame:
    """An agency that answers in one region only has its all-region totals equal to its region's
    cells: those duplicate rows are dropped (a reader summing a column would count them twice)."""
    single = base.group_by("agency_key").agg(pl.col("region_key").n_unique().alias("n")).filter(pl.col("n") == 1)
    duplicate = (pl.col("agency_key").is_in(single["agency_key"].implode()) & (pl.col("region_key") == ALL))
    return cells.filter(~duplicate)


def relations(cells: pl.DataFrame, fixed: tuple[str, ...] = ()) -> list[Relation]:
    """Every "total = sum of its parts" along each axis, between cells of the frame (keys as tuples)."""
    present = {cell_key(r, fixed) for r in cells.select(*fixed, *AXES).iter_rows(named=True)}
    found = []
    for axis in AXES:
        others = [c for c in (*fixed, *AXES) if c != axis]
        parts = cells.filter(pl.col(axis) != ALL).group_by(others).agg(pl.col(axis).sort())
        for row in parts.iter_rows(named=True):
            template = {c: row[c] for c in others}
            total = cell_key({**template, axis: ALL}, fixed)
            if total not in present or (axis == "agency_key" and template["region_key"] == ALL):
                continue  # an agency's all-region rows exist for agencies in several regions only; the
                # country's agency sums are the regions' sums of agency sums (implied, not repeated)
            found.append(Relation(total, tuple(cell_key({**template, axis: v}, fixed) for v in row[axis])))
    return found


def cell_key(row: dict, fixed: tuple[str, ...] = ()) -> tuple:
    return tuple(row[c] for c in (*fixed, *AXES))


def hidden_cells(cells: pl.DataFrame, count: str, k: int, fixed: tuple[str, ...] = (),
                 forced: frozenset = frozenset(), exempt_zero: bool = False) -> set[tuple]:
    """The cells to hide so that no cell under `k` (by `count`) is shown or derivable from the
    shown ones. `forced` cells are hidden whatever their count (hidden by another pattern);
    with `exempt_zero`, a cell with a zero count is shown (nothing about anyone to hide)."""
    keys = [cell_key(r, fixed) for r in cells.select(*fixed, *AXES).iter_rows(named=True)]
    counts = dict(zip(keys, cells[count].to_list()))
    raters = {key: (0 if key in forced else int(n)) for key, n in counts.items()}
    exempt = frozenset(key for key, n in counts.items() if exempt_zero and n == 0 and key not in forced)
    worth = {key: sum(v == ALL for v in key[len(fixed):]) for key in keys}  # totals are worth more to readers
    table = Table(raters=raters, relations=relations(cells, fixed), exempt=exempt, worth=worth)
    return set(suppress(table, k))


def hidden_column(cells: pl.DataFrame, hidden: set[tuple], fixed: tuple[str, ...] = ()) -> pl.Series:
    keys = [cell_key(r, fixed) for r in cells.select(*fixed, *AXES).iter_rows(named=True)]
    return pl.Series([key in hidden for key in keys], dtype=pl.Boolean)
