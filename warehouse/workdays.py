"""The working-day calendar behind every legal deadline.

Kazakhstan's working days come from the `holidays` package (never a hand-made list), its
working-day rules included: the government moves working days every year, so a Saturday can be
a working day (2024-05-04, 2025-01-05) and the weekday it was swapped with a day off
(2024-05-08, 2025-01-03). The package records both (``weekend_workdays`` and its "day off
(substituted from ...)" holidays); weekday-and-not-a-holiday would miss the working Saturday and
put every deadline across it a day late.

A transfer the law made but the package does not know yet is added by the deployment, not in
code: a CSV named by the ``calendar_overrides_file`` setting, one row per day
(``day,is_working_day,reason``). See docs/workdays.md.

The calendar is a table so SQL models can do working-day arithmetic with a join:
``working_day_index`` counts working days since the calendar's start, so "15 working days
after X" is a lookup, not a loop.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import duckdb
import holidays
import polars as pl

from warehouse.config import Settings
from warehouse.errors import ConfigError

PADDING_DAYS = 120
OVERRIDE_COLUMNS = ("day", "is_working_day", "reason")
TRANSFERRED_WORKING_DAY = "Working day (transferred)"
WORKING_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


class WorkingCalendar:
    """A country's working days over some years, with the deployment's overrides on top.

    The years around the range are loaded too: a transfer decided for one year can move a
    working day to a Saturday of the year before (2014's 3 January was worked on 2013-12-28).
    """

    def __init__(self, country: str, first: date, last: date, overrides: dict[date, tuple[bool, str]] | None = None):
        self.public = holidays.country_holidays(country, years=range(first.year - 1, last.year + 2))
        self.overrides = overrides or {}

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day][0]
        return self.public.is_working_day(day)

    def day_name(self, day: date) -> str | None:
        """Why the day is special: the override's reason, else the package's holiday name."""
        if day in self.overrides:
            return self.overrides[day][1] or None
        if day in self.public.weekend_workdays:
            return TRANSFERRED_WORKING_DAY
        return self.public.get(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (n >= 1): the last day of an n-working-day term."""
        day, counted = start, 0
        while counted < n:
            day += timedelta(days=1)
            counted += self.is_working_day(day)
        return day


def read_overrides(path: str | Path) -> dict[date, tuple[bool, str]]:
    """The deployment's transfers, checked row by row: a wrong row stops the build with its line
    number rather than silently moving a legal deadline."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"The calendar overrides file {path} does not exist.",
                          hint="Fix calendar_overrides_file in tyndau.toml, or leave it empty.")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ())[:3] != OVERRIDE_COLUMNS:
            raise ConfigError(f"{path} must start with the header {','.join(OVERRIDE_COLUMNS)}.",
                              hint="See docs/workdays.md for the format.")
        return dict(_override_row(path, line, row) for line, row in enumerate(reader, start=2))


def _override_row(path: Path, line: int, row: dict[str, str]) -> tuple[date, tuple[bool, str]]:
    try:
        day = date.fromisoformat((row["day"] or "").strip())
    except ValueError:
        raise ConfigError(f"{path}, line {line}: day {row['day']!r} is not a date (YYYY-MM-DD).",
                          hint="See docs/workdays.md for the format.") from None
    working = WORKING_WORDS.get((row["is_working_day"] or "").strip().lower())
    if working is None:
        raise ConfigError(f"{path}, line {line}: is_working_day {row['is_working_day']!r} is not true or false.",
                          hint="See docs/workdays.md for the format.")
    return day, (working, (row.get("reason") or "").strip())


def deployment_overrides(settings: Settings) -> dict[date, tuple[bool, str]]:
    return read_overrides(settings.calendar_overrides_file) if settings.calendar_overrides_file else {}


def calendar_frame(first: date, last: date, country: str, calendar_days_only: bool = False,
                   overrides: dict[date, tuple[bool, str]] | None = None) -> pl.DataFrame:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    calendar = WorkingCalendar(country, first, last, overrides)
    working = [True if calendar_days_only else calendar.is_working_day(d) for d in days]
    index, running = [], 0
    for w in working:
        running += int(w)
        index.append(running)
    return pl.DataFrame({
        "day": days,
        "is_working_day": working,
        "is_holiday": [d in calendar.public for d in days],
        "holiday_name": [calendar.day_name(d) for d in days],
        "working_day_index": index,
    })


def add_working_days(start: date, n: int, country: str = "KZ") -> date:
    """The n-th working day after `start` (used by tests and the sample generator's checks)."""
    return WorkingCalendar(country, start, start + timedelta(days=max(n, 0) * 3 + 60)).add_working_days(start, n)


def data_date_range(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """The calendar's span: raw times are UTC, so their days may be the local day before; the padding covers it."""
    row = con.execute("select min(registered_at)::date, max(registered_at)::date from raw_appeals").fetchone()
    today = date.today()
    first, last = row[0] or today, row[1] or today
    return first - timedelta(days=PADDING_DAYS), max(last, today) + timedelta(days=PADDING_DAYS)


def refresh_calendar(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    first, last = data_date_range(con)
    frame = calendar_frame(first, last, settings.holiday_country, settings.calendar_days_only,
                           deployment_overrides(settings))
    con.register("_calendar", frame.to_arrow())
    try:
        con.execute("create or replace table ref_calendar as select * from _calendar")
        con.execute(
            "create or replace table ref_rules as select ? as working_days_to_answer, ? as extension_max_days, "
            "? as notice_working_days, ? as holiday_country",
            [settings.working_days_to_answer, settings.extension_max_days, settings.notice_working_days,
             settings.holiday_country],
        )
    finally:
        con.unregister("_calendar")
