"""The working-day calendar behind every legal deadline.

Kazakhstan's public holidays come from the `holidays` package (never a hand-made
list); weekends are Saturday and Sunday. The calendar is a table so SQL models can do
working-day arithmetic with a join: ``working_day_index`` counts working days since
the calendar's start, so "15 working days after X" is a lookup, not a loop.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import holidays
import polars as pl

from warehouse.config import Settings

PADDING_DAYS = 120


def is_working_day(day: date, country_holidays) -> bool:
    return day.weekday() < 5 and day not in country_holidays


def calendar_frame(first: date, last: date, country: str, calendar_days_only: bool = False) -> pl.DataFrame:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    public = holidays.country_holidays(country, years=range(first.year, last.year + 1))
    working = [True if calendar_days_only else is_working_day(d, public) for d in days]
    index, running = [], 0
    for w in working:
        running += int(w)
        index.append(running)
    return pl.DataFrame({
        "day": days,
        "is_working_day": working,
        "is_holiday": [d in public for d in days],
        "holiday_name": [public.get(d) for d in days],
        "working_day_index": index,
    })


def add_working_days(start: date, n: int, country: str = "KZ") -> date:
    """The n-th working day after `start` (used by tests and the sample generator's checks)."""
    public = holidays.country_holidays(country, years=range(start.year, start.year + 2))
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day, public):
            counted += 1
    return day


def data_date_range(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    row = con.execute("select min(registered_at)::date, max(registered_at)::date from raw_appeals").fetchone()
    today = date.today()
    first, last = row[0] or today, row[1] or today
    return first - timedelta(days=PADDING_DAYS), max(last, today) + timedelta(days=PADDING_DAYS)


def refresh_calendar(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    first, last = data_date_range(con)
    frame = calendar_frame(first, last, settings.holiday_country, settings.calendar_days_only)
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
