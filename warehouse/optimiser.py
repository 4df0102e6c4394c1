"""Choosing course seats for agencies: the most gap reduction a budget (and a seat limit) can buy.

A candidate is one course for one agency: a cohort of at most ``max_seats`` staff, each seat
costing ``cost_per_seat`` KZT and carrying ``value / max_seats`` of the candidate's value (its
priority-weighted gap: see :mod:`warehouse.planning`). The plan maximises the total value of the
seats bought::

    maximise   sum_i v_i * x_i            x_i seats of candidate i, whole numbers
    subject to sum_i c_i * x_i <= budget
               sum_i x_i       <= seat limit (optional)
               0 <= x_i <= max_seats_i

Why an integer programme and not only a greedy ratio: with the budget alone, filling candidates
in order of value per tenge is optimal up to the last seat; with a seat limit as well there are
two resources and the ratio order can be wrong (a cheap, low-value course eats the seats). The
problem has a few thousand variables at most, which ``scipy.optimize.milp`` (HiGHS, shipped with
SciPy, already a dependency through scikit-learn) solves in milliseconds. If it cannot (no
SciPy, a solver failure), the greedy ratio plan is returned and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warehouse.errors import TyndauError


class PlanError(TyndauError):
    hint = "Give a positive --budget in KZT (and, optionally, a positive --seats limit)."


@dataclass(frozen=True)
class Candidate:
    """One course for one agency, with the value of training a full cohort."""

    agency_key: str
    course_id: str
    cost_per_seat: float
    max_seats: int
    value: float

    @property
    def value_per_seat(self) -> float:
        return self.value / self.max_seats if self.max_seats else 0.0

    @property
    def value_per_tenge(self) -> float:
        return self.value_per_seat / self.cost_per_seat if self.cost_per_seat else float("inf")


@dataclass(frozen=True)
class PlanLine:
    candidate: Candidate
    seats: int

    @property
    def cost(self) -> float:
        return self.seats * self.candidate.cost_per_seat

    @property
    def value(self) -> float:
        return self.seats * self.candidate.value_per_seat


@dataclass(frozen=True)
class Plan:
    lines: tuple[PlanLine, ...]
    budget: float
    seat_limit: int | None
    method: str

    @property
    def cost(self) -> float:
        return sum(line.cost for line in self.lines)

    @property
    def seats(self) -> int:
        return sum(line.seats for line in self.lines)

    @property
    def value(self) -> float:
        return sum(line.value for line in self.lines)


def check_limits(budget: float, seat_limit: int | None) -> None:
    if budget is None or budget <= 0:
        raise PlanError(f"The budget must be a positive amount in KZT, got {budget!r}.")
    if seat_limit is not None and seat_limit <= 0:
        raise PlanError(f"The seat limit must be a positive number of seats, got {seat_limit!r}.")


def useful(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates that can add value: positive value, at least one seat, a price."""
    return [c for c in candidates if c.value > 0 and c.max_seats > 0 and c.cost_per_seat >= 0]


def optimise_plan(candidates: Sequence[Candidate], budget: float, seat_limit: int | None = None) -> Plan:
    """The best plan within the budget and seat limit (integer programme; greedy if that fails)."""
    check_limits(budget, seat_limit)
    pool = useful(candidates)
    if not pool:
        return Plan((), budget, seat_limit, "nothing to plan")
    seats = _solve_integer_programme(pool, budget, seat_limit)
    if seats is None:
        return greedy_plan(pool, budget, seat_limit)
    lines = tuple(PlanLine(c, s) for c, s in zip(pool, seats) if s > 0)
    return Plan(_ordered(lines), budget, seat_limit, "integer programme (HiGHS)")


def _solve_integer_programme(pool: list[Candidate], budget: float, seat_limit: int | None) -> list[int] | None:
    try:
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp
    except ImportError:  # pragma: no cover - SciPy comes with scikit-learn
        return None
    value = np.array([c.value_per_seat for c in pool])
    rows = [np.array([c.cost_per_seat for c in pool])]
    upper = [float(budget)]
    if seat_limit is not None:
        rows.append(np.ones(len(pool)))
        upper.append(float(seat_limit))
    result = milp(-value, integrality=np.ones(len(pool)),
                  bounds=Bounds(np.zeros(len(pool)), np.array([c.max_seats for c in pool], dtype=float)),
                  constraints=LinearConstraint(np.vstack(rows), -np.inf, np.array(upper)),
                  options={"time_limit": 10.0})
    if result.x is None:
        return None
    return [int(round(x)) for x in result.x]


def greedy_plan(candidates: Sequence[Candidate], budget: float, seat_limit: int | None = None) -> Plan:
    """Fill candidates in order of value per tenge, as many seats as budget and limit allow."""
    check_limits(budget, seat_limit)
    money, seats_left = float(budget), seat_limit if seat_limit is not None else float("inf")
    lines = []
    for c in sorted(useful(candidates), key=lambda c: (-c.value_per_tenge, c.agency_key, c.course_id)):
        affordable = int(money // c.cost_per_seat) if c.cost_per_seat else c.max_seats
        seats = int(min(c.max_seats, affordable, seats_left))
        if seats > 0:
            lines.append(PlanLine(c, seats))
            money -= seats * c.cost_per_seat
            seats_left -= seats
    return Plan(_ordered(tuple(lines)), budget, seat_limit, "greedy value per tenge")


def naive_plan(candidates: Sequence[Candidate], budget: float, seat_limit: int | None = None) -> Plan:
    """The plan a planner might make by hand: biggest value first, whole cohorts, skip what does not fit.
    Kept as the baseline the optimiser is tested against."""
    check_limits(budget, seat_limit)
    money, seats_left = float(budget), seat_limit if seat_limit is not None else float("inf")
    lines = []
    for c in sorted(useful(candidates), key=lambda c: (-c.value, c.agency_key, c.course_id)):
        cost = c.max_seats * c.cost_per_seat
        if cost <= money and c.max_seats <= seats_left:
            lines.append(PlanLine(c, c.max_seats))
            money -= cost
            seats_left -= c.max_seats
    return Plan(_ordered(tuple(lines)), budget, seat_limit, "naive: biggest value first")


def _ordered(lines: tuple[PlanLine, ...]) -> tuple[PlanLine, ...]:
    return tuple(sorted(lines, key=lambda line: (-line.value, line.candidate.agency_key, line.candidate.course_id)))
