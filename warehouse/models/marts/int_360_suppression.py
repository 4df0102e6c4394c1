# grain: one row per 360-degree cell a table can show (area or item level; agency, unit or unit-less scope; rater group; survey quarter)
# key: level, agency_key, scope, unit, area, item_id, rater_group, survey_period
"""Which 360-degree cells may be shown: the anonymity decision for the 360 score, item and comment
marts (which read this model, so it must not name them), made once here so every page, export and
command reads already-safe marts.

A cell with fewer than ``min_raters`` distinct raters is hidden (primary), and so is every cell
that would let it be worked out again (complementary, see warehouse.anonymity) through the
relations the marts publish, within one agency, survey quarter and area:

- groups within a subject: "others" = the sum of every rater group but self (per unit, per
  agency, and for answers that name no unit);
- units within an agency: the agency's group = the sum of that group over its units, plus the
  answers that name no unit (never shown on their own: the ``unitless`` scope, always hidden);
- items within an area: an item with as many raters as its area has the area's rater count, and
  where every item has, the area's group is the mean of its items' groups.

Only counts are read here, no scores, and none is stored: ``is_small`` says a group is under the
threshold (self-ratings never are), which is all the comment mart needs. The ``unitless`` rows are
kept so a comment written without a unit is judged by its own group's size."""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from warehouse.anonymity import Relation, Table, suppress

KEY = ["level", "agency_key", "scope", "unit", "area", "item_id", "rater_group", "survey_period"]
SELF, OTHERS = "self", "others"


def compute(con) -> pl.DataFrame:
    k = con.execute("select coalesce(getvariable('min_raters'), 5)").fetchone()[0]
    cells = rater_counts(con)
    hidden: dict[tuple, str] = {}
    for block in cells.partition_by(["agency_key", "survey_period", "area"]):
        hidden.update(suppress(block_table(block), int(k)))
    why = [hidden.get(key) for key in cells.select(KEY).iter_rows()]
    return cells.with_columns(pl.Series("suppression", why, dtype=pl.Utf8)).with_columns(
        ((pl.col("raters") < k) & (pl.col("rater_group") != SELF)).alias("is_small"),
        (pl.col("suppression").is_not_null() | (pl.col("scope") == "unitless")).alias("is_suppressed"),
    ).select(*KEY, "is_small", "is_suppressed", "suppression")


def rater_counts(con) -> pl.DataFrame:
    """Distinct raters per cell: area level (per area) and item level (per item), in three scopes."""
    return con.execute("""
        with scoped as (
            select *, 'agency' as scope, '' as scope_unit from int_360_answers
            union all
            select *, case when unit = '' then 'unitless' else 'unit' end as scope, unit as scope_unit
            from int_360_answers
        )
        select 'area' as level, agency_key, scope, scope_unit as unit, area, '' as item_id, rater_group,
               survey_period, count(distinct rater_key) as raters
        from scoped group by all
        union all
        select 'item' as level, agency_key, scope, scope_unit as unit, any_value(area) as area, item_id,
               rater_group, survey_period, count(distinct rater_key) as raters
        from scoped group by agency_key, scope, scope_unit, item_id, rater_group, survey_period
        order by all""").pl()  # the suppression walks cells in this order: unordered, two builds of the
                               # same answers hid different (equally safe) complements


def _cell_key(row: dict) -> tuple:
    return tuple(row[c] for c in KEY)


def block_table(block: pl.DataFrame) -> Table:
    """The cells of one agency, quarter and area, and every relation the marts publish among them."""
    rows = block.to_dicts()
    raters = {_cell_key(r): r["raters"] for r in rows}
    exempt = frozenset(c for c, r in zip(raters, rows) if r["rater_group"] == SELF)
    unpublished = frozenset(c for c, r in zip(raters, rows) if r["scope"] == "unitless")
    worth = {c: _worth(r) for c, r in zip(raters, rows)}
    return Table(raters, _group_relations(rows) + _unit_relations(rows) + _item_relations(rows), exempt, unpublished,
                 worth)


def _worth(row: dict) -> int:
    """What a reader loses when the cell is hidden: an area's score more than an item's, and
    "others" (everyone's view, what triangulation and priorities read) most."""
    return (2 if row["level"] == "area" else 0) + (1 if row["rater_group"] == OTHERS else 0)


def _group_relations(rows: list[dict]) -> list[Relation]:
    """Per subject (agency, unit, unit-less answers) and topic: others = the sum of its rater groups."""
    parts: dict[tuple, list] = defaultdict(list)
    for r in rows:
        if r["rater_group"] not in (SELF, OTHERS):
            parts[_with(r, rater_group=OTHERS)].append(_cell_key(r))
    return [Relation(total, tuple(p)) for total, p in parts.items()]


def _unit_relations(rows: list[dict]) -> list[Relation]:
    """Per topic and rater group: the agency's cell = the sum of its units' and the unit-less one."""
    parts: dict[tuple, list] = defaultdict(list)
    for r in rows:
        if r["scope"] != "agency" and r["rater_group"] != SELF:
            parts[_with(r, scope="agency", unit="")].append(_cell_key(r))
    return [Relation(total, tuple(p)) for total, p in parts.items()]


def _item_relations(rows: list[dict]) -> list[Relation]:
    """Per subject and rater group: an item with as many raters as the area was answered by all
    of them, so its rater count is the area's (the two are hidden together); when that holds for
    every item, the area's score is also the mean of its items' (scale: how many). A group asked
    only some items (citizens, and so "others") has neither relation, as it does not hold."""
    raters = {_cell_key(r): r["raters"] for r in rows}
    parts: dict[tuple, list] = defaultdict(list)
    for r in rows:
        if r["level"] == "item" and r["rater_group"] != SELF:
            parts[_with(r, level="area", item_id="")].append(_cell_key(r))
    relations = []
    for total, items in parts.items():
        same = [i for i in items if raters[i] == raters.get(total)]
        relations += [Relation(total, (i,), shared=True) for i in same]
        if len(same) == len(items):
            relations.append(Relation(total, tuple(items), scale=float(len(items)), shared=True))
    return relations


def _with(row: dict, **changes) -> tuple:
    return _cell_key({**row, **changes})
