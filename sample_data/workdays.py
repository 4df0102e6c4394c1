"""Kazakhstan working days, vectorised: deadlines are counted in working days (APPK art. 76).

The calendar is built once per run from the warehouse's :class:`WorkingCalendar` (the ``holidays``
package's Kazakhstan working days: weekends and public holidays off, their observed substitutes off,
and the government's transfers applied, so a working Saturday such as 2024-05-04 counts and the
weekday swapped with it, 2024-05-08, does not). Dates are numpy day numbers
(``datetime64[D]`` as int64 days since 1970-01-01) so that millions of due dates are two
``searchsorted`` calls.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from warehouse.workdays import WorkingCalendar

EPOCH = date(1970, 1, 1)


def day_number(d: date) -> int:
    return (d - EPOCH).days


def from_day_number(n: int) -> date:
    return EPOCH + timedelta(days=int(n))


class WorkCalendar:
    """Working days between ``first`` and ``last`` (inclusive) as a sorted array of day numbers."""

    def __init__(self, first: date, last: date):
        kz = WorkingCalendar("KZ", first, last)
        days = np.arange(day_number(first), day_number(last) + 1, dtype=np.int64)
        self.first, self.last = first, last
        self.is_workday = np.array([kz.is_working_day(from_day_number(d)) for d in days], dtype=bool)
        self.workdays = days[self.is_workday]
        self._first_day = int(days[0])

    def index_after(self, days: np.ndarray) -> np.ndarray:
        """Position in ``workdays`` of the first working day strictly after each day."""
        return np.searchsorted(self.workdays, days, side="right")

    def index_on_or_after(self, days: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.workdays, days, side="left")

    def add_workdays(self, days: np.ndarray, k: np.ndarray | int) -> np.ndarray:
        """The k-th working day after each day (k >= 1): the due date of a k-working-day term."""
        return self.workdays[self.index_after(days) + np.asarray(k) - 1]

    def at(self, index: np.ndarray) -> np.ndarray:
        return self.workdays[np.clip(index, 0, len(self.workdays) - 1)]

    def is_working(self, days: np.ndarray) -> np.ndarray:
        return self.is_workday[days - self._first_day]


def due_date(registered: date, calendar: WorkCalendar | None = None, term: int = 15) -> date:
    """Due date of an appeal registered on ``registered``: the ``term``-th working day after it.
    A scalar convenience for tests and for readers of the README."""
    cal = calendar or WorkCalendar(registered - timedelta(days=7), registered + timedelta(days=120))
    return from_day_number(cal.add_workdays(np.array([day_number(registered)]), term)[0])
