"""What a page, a report or an API call is looking at: the period and the slices chosen.

Every read-side function takes a :class:`Filters` and turns it into SQL only through :func:`where`,
so user choices reach SQL as bound parameters (`?`), never by string concatenation; column names come
from fixed allow-lists (:data:`DIMENSIONS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import polars as pl

DIMENSIONS = {  # name shown -> column of the cube and of fct_appeals
    "agency": "agency_key",
    "region": "region_key",
    "channel": "channel",
    "language": "language",
    "appeal_type": "appeal_type",
    "month": "registered_month",
}
LABELS = {"agency_key": "agency", "region_key": "region"}


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    agencies: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    appeal_types: tuple[str, ...] = ()
    areas: tuple[str, ...] = field(default=())
    polarities: tuple[str, ...] = field(default=())

    def previous_period(self) -> "Filters":
        """The same length of time just before this one (for trends); whole months stay whole months."""
        if not (self.date_from and self.date_to):
            return self
        if _is_whole_months(self.date_from, self.date_to):
            months = (self.date_to.year - self.date_from.year) * 12 + self.date_to.month - self.date_from.month + 1
            start = _add_months(self.date_from, -months)
            end = self.date_from - timedelta(days=1)
        else:
            length = self.date_to - self.date_from + timedelta(days=1)
            start, end = self.date_from - length, self.date_from - timedelta(days=1)
        return Filters(start, end, self.agencies, self.regions, self.channels, self.languages, self.appeal_types,
                       self.areas, self.polarities)


def _is_whole_months(first: date, last: date) -> bool:
    return first.day == 1 and (last + timedelta(days=1)).day == 1


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def where(f: Filters, date_column: str = "registered_month", month_grain: bool = True,
          alias: str = "") -> tuple[str, list]:
    """A WHERE clause with placeholders, and its parameters; `alias` ("a.") qualifies the columns."""
    clauses, params = ["true"], []
    if f.date_from:
        clauses.append(f"{date_column} >= ?")
        params.append(f.date_from.replace(day=1) if month_grain else f.date_from)
    if f.date_to:
        clauses.append(f"{date_column} <= ?")
        params.append(f.date_to)
    for column, values in (("agency_key", f.agencies), ("region_key", f.regions), ("channel", f.channels),
                           ("language", f.languages), ("appeal_type", f.appeal_types)):
        if values:
            clauses.append(f"{alias}{column} in (select unnest(?))")
            params.append(list(values))
    return " and ".join(clauses), params


def options(con: duckdb.DuckDBPyConnection) -> dict[str, pl.DataFrame]:
    """Values for the filter widgets."""
    out = {}
    for name, column in DIMENSIONS.items():
        if name == "month":
            continue
        label = LABELS.get(column, column)
        out[name] = con.execute(
            f"select {column} as key, any_value({label}) as label, sum(appeals)::bigint as appeals "
            f"from mart_responsiveness group by {column} order by appeals desc").pl()
    bounds = con.execute("select min(registered_month), max(registered_month) from mart_responsiveness").fetchone()
    out["months"] = bounds
    return out


def dimension_labels(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, dict[str, str]]]:
    """Agency and region names in kk/ru/en, keyed by the cube's keys (for filters and tables)."""
    out = {}
    for kind, table in (("agency", "dim_agencies"), ("region", "dim_regions")):
        rows = con.execute(f"select {kind}_key, name_kk, name_ru, name_en from {table}").fetchall()
        out[kind] = {key: {"kk": kk, "ru": ru, "en": en} for key, kk, ru, en in rows}
    return out


def data_bounds(con: duckdb.DuckDBPyConnection) -> dict:
    """What the snapshot covers: first and last registration, and when data was last loaded."""
    first, last = con.execute("select min(registered_at), max(registered_at) from fct_appeals").fetchone()
    loaded = con.execute("select max(finished_at) from load_runs where status = 'succeeded'").fetchone()[0]
    return {"first_registered": first, "last_registered": last, "last_load": loaded}
