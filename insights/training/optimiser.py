"""Choosing course seats for agencies: the most gap reduction a budget (and a seat limit) can buy.

The things to close are **gaps**: an agency's area with a weight (its priority times the agency's
appeals per month, see :mod:`insights.training.planning`). The things to buy are **offerings**: one course
for one agency, a cohort of at most ``max_seats`` staff at ``cost_per_seat`` KZT each, developing
one or more areas. A gap is closed by training ``staff_needed`` people (the largest class of a
catalogue course that develops it, or the agency's staff if fewer) in any course that develops
it; fewer seats close that share of it, and seats beyond closing it add nothing (so the plan
spreads money over gaps instead of stacking courses on one, and a course developing two of an
agency's gaps counts for both). As a mixed integer programme::

    maximise   sum_g w_g * y_g
    subject to y_g <= sum_{o develops g} x_o / staff_needed_g   (coverage of gap g)
               0 <= y_g <= 1
               sum_o cost_o * x_o <= budget
               sum_o x_o          <= seat limit (optional)
               x_o whole seats in 0..max_seats_o

Why an integer programme and not only a greedy ratio: with overlapping courses (one course
developing two gaps of an agency, two courses developing the same gap) and two resources (money
and seats), the order "best value per tenge first" can be wrong. The problem has at most a few
thousand variables, which ``scipy.optimize.milp`` (HiGHS, shipped with SciPy, which the project
already has through scikit-learn) solves in milliseconds: no solver to install. If it fails, the
greedy plan (marginal value per tenge, recomputed as gaps close) is returned and says so.

**Mandatory seats** (``fixed``: courses the planner must buy whatever the gaps, see
:mod:`insights.training.planning`) are bought first: their cost and seats come off the budget and the seat
limit, the gaps they happen to develop count as already partly closed, and every method spends only
what is left, on weighted gaps only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from warehouse.errors import TyndauError

SOLVER_SECONDS = 10.0


class PlanError(TyndauError):
    hint = "Give a positive --budget in KZT (and, optionally, a positive --seats limit)."


@dataclass(frozen=True)
class Gap:
    agency_key: str
    area: str
    weight: float
    staff_needed: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.agency_key, self.area)


@dataclass(frozen=True)
class Offering:
    """One course for one agency."""

    agency_key: str
    course_id: str
    areas: tuple[str, ...]
    cost_per_seat: float
    max_seats: int

    def gap_keys(self) -> list[tuple[str, str]]:
        return [(self.agency_key, area) for area in self.areas]


@dataclass(frozen=True)
class PlanLine:
    offering: Offering
    seats: int
    mandatory: bool = False

    @property
    def cost(self) -> float:
        return self.seats * self.offering.cost_per_seat


@dataclass(frozen=True)
class Plan:
    lines: tuple[PlanLine, ...]
    budget: float
    seat_limit: int | None
    method: str
    value: float

    @property
    def cost(self) -> float:
        return sum(line.cost for line in self.lines)

    @property
    def seats(self) -> int:
        return sum(line.seats for line in self.lines)


def check_limits(budget: float, seat_limit: int | None) -> None:
    if budget is None or budget <= 0:
        raise PlanError(f"The budget must be a positive amount in KZT, got {budget!r}.")
    if seat_limit is not None and seat_limit <= 0:
        raise PlanError(f"The seat limit must be a positive number of seats, got {seat_limit!r}.")


def raw_coverage(lines: Sequence[PlanLine], gaps: Sequence[Gap]) -> dict[tuple[str, str], float]:
    """Seats trained on each gap over the staff it needs (not capped: see :func:`coverage`)."""
    needs = {g.key: max(g.staff_needed, 1) for g in gaps}
    covered: dict[tuple[str, str], float] = {}
    for line in lines:
        for key in line.offering.gap_keys():
            if key in needs:
                covered[key] = covered.get(key, 0.0) + line.seats / needs[key]
    return covered


def coverage(lines: Sequence[PlanLine], gaps: Sequence[Gap]) -> dict[tuple[str, str], float]:
    """Share of each gap closed by the plan (capped at one)."""
    return {key: min(1.0, value) for key, value in raw_coverage(lines, gaps).items()}


def plan_value(lines: Sequence[PlanLine], gaps: Sequence[Gap]) -> float:
    """Priority-weighted gap reduction of a plan: the objective every method is judged by."""
    covered = coverage(lines, gaps)
    return sum(g.weight * covered.get(g.key, 0.0) for g in gaps)


def relevant(offerings: Sequence[Offering], gaps: Sequence[Gap]) -> tuple[list[Offering], list[Gap]]:
    """Offerings that develop at least one weighted gap, and those gaps."""
    weighted = [g for g in gaps if g.weight > 0]
    keys = {g.key for g in weighted}
    useful = [o for o in offerings if o.max_seats > 0 and o.cost_per_seat >= 0 and keys & set(o.gap_keys())]
    reached = {k for o in useful for k in o.gap_keys()}
    return useful, [g for g in weighted if g.key in reached]


def remaining(budget: float, seat_limit: int | None, fixed: Sequence[PlanLine]) -> tuple[float, float]:
    """Money and seats left once the mandatory seats are bought."""
    money = float(budget) - sum(line.cost for line in fixed)
    seats = (seat_limit if seat_limit is not None else float("inf")) - sum(line.seats for line in fixed)
    return money, seats


def with_room(offerings: Sequence[Offering], fixed: Sequence[PlanLine]) -> list[Offering]:
    """Offerings less the seats a mandatory line already takes of the same course for the same agency."""
    taken: dict[tuple[str, str], int] = {}
    for line in fixed:
        key = (line.offering.agency_key, line.offering.course_id)
        taken[key] = taken.get(key, 0) + line.seats
    return [replace(o, max_seats=max(0, o.max_seats - taken.get((o.agency_key, o.course_id), 0))) for o in offerings]


def _fixed_only(fixed: Sequence[PlanLine], gaps: Sequence[Gap], budget: float, seat_limit: int | None) -> Plan:
    method = "mandatory seats only" if fixed else "nothing to plan"
    return Plan(_ordered(tuple(fixed)), budget, seat_limit, method, plan_value(fixed, gaps))


def optimise_plan(offerings: Sequence[Offering], gaps: Sequence[Gap], budget: float,
                  seat_limit: int | None = None, fixed: Sequence[PlanLine] = ()) -> Plan:
    """The best plan within the budget and seat limit (integer programme; greedy if that fails),
    after the mandatory seats in ``fixed``."""
    check_limits(budget, seat_limit)
    money, seats_left = remaining(budget, seat_limit, fixed)
    pool, targets = relevant(with_room(offerings, fixed), gaps)
    if not pool or money <= 0 or seats_left <= 0:
        return _fixed_only(fixed, gaps, budget, seat_limit)
    seats = _solve(pool, targets, money, None if seats_left == float("inf") else seats_left,
                   raw_coverage(fixed, targets))
    if seats is None:
        return greedy_plan(offerings, gaps, budget, seat_limit, fixed)
    lines = tuple(fixed) + tuple(PlanLine(o, s) for o, s in zip(pool, seats) if s > 0)
    return Plan(_ordered(lines), budget, seat_limit, "integer programme (HiGHS)", plan_value(lines, gaps))


def _solve(pool: list[Offering], targets: list[Gap], budget: float, seat_limit: float | None,
           already: dict[tuple[str, str], float]) -> list[int] | None:
    try:
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp
    except ImportError:  # pragma: no cover - SciPy comes with scikit-learn
        return None
    n_x, n_y = len(pool), len(targets)
    gap_index = {g.key: j for j, g in enumerate(targets)}
    objective = np.concatenate([np.zeros(n_x), -np.array([g.weight for g in targets])])
    cover = np.zeros((n_y, n_x + n_y))           # y_g - sum x_o / staff_needed_g <= mandatory coverage of g
    for i, o in enumerate(pool):
        for key in o.gap_keys():
            if key in gap_index:
                cover[gap_index[key], i] = -1.0 / max(targets[gap_index[key]].staff_needed, 1)
    cover[np.arange(n_y), n_x + np.arange(n_y)] = 1.0
    rows, upper = [cover, np.concatenate([[o.cost_per_seat for o in pool], np.zeros(n_y)])[None, :]], \
        [np.array([already.get(g.key, 0.0) for g in targets]), [float(budget)]]
    if seat_limit is not None:
        rows.append(np.concatenate([np.ones(n_x), np.zeros(n_y)])[None, :])
        upper.append([float(seat_limit)])
    result = milp(objective, integrality=np.concatenate([np.ones(n_x), np.zeros(n_y)]),
                  bounds=Bounds(np.zeros(n_x + n_y), np.concatenate([[o.max_seats for o in pool], np.ones(n_y)])),
                  constraints=LinearConstraint(np.vstack(rows), -np.inf, np.concatenate(upper)),
                  options={"time_limit": SOLVER_SECONDS})
    if result.x is None:
        return None
    return [int(round(x)) for x in result.x[:n_x]]


def greedy_plan(offerings: Sequence[Offering], gaps: Sequence[Gap], budget: float,
                seat_limit: int | None = None, fixed: Sequence[PlanLine] = ()) -> Plan:
    """Repeatedly buy the seats with the most gap reduction per tenge, recomputed as gaps close."""
    check_limits(budget, seat_limit)
    pool, targets = relevant(with_room(offerings, fixed), gaps)
    money, seats_left = remaining(budget, seat_limit, fixed)
    bought: dict[Offering, int] = {}
    while money > 0 and seats_left > 0:
        covered = coverage(list(fixed) + [PlanLine(o, s) for o, s in bought.items()], targets)
        best = _best_next(pool, bought, covered, {g.key: g for g in targets}, money, seats_left)
        if best is None:
            break
        offering, seats = best
        bought[offering] = bought.get(offering, 0) + seats
        money -= seats * offering.cost_per_seat
        seats_left -= seats
    lines = tuple(fixed) + tuple(PlanLine(o, s) for o, s in bought.items())
    return Plan(_ordered(lines), budget, seat_limit, "greedy: gap reduction per tenge", plan_value(lines, gaps))


def _best_next(pool, bought, covered, gaps, money, seats_left):
    """The offering with the best marginal value per tenge, and how many seats of it still help."""
    best, best_ratio = None, 0.0
    for o in pool:
        open_keys = [k for k in o.gap_keys() if k in gaps and covered.get(k, 0.0) < 1.0]
        room = o.max_seats - bought.get(o, 0)
        if not open_keys or room <= 0:
            continue
        still_needed = max((1.0 - covered.get(k, 0.0)) * gaps[k].staff_needed for k in open_keys)
        useful = min(room, max(1, int(round(still_needed))))
        affordable = int(money // o.cost_per_seat) if o.cost_per_seat else useful
        seats = int(min(useful, affordable, seats_left))
        if seats <= 0:
            continue
        gain = sum(gaps[k].weight * min(1.0 - covered.get(k, 0.0), seats / max(gaps[k].staff_needed, 1))
                   for k in open_keys)
        ratio = gain / (seats * o.cost_per_seat) if o.cost_per_seat else float("inf")
        if ratio > best_ratio:
            best, best_ratio = (o, seats), ratio
    return best


def naive_plan(offerings: Sequence[Offering], gaps: Sequence[Gap], budget: float,
               seat_limit: int | None = None, fixed: Sequence[PlanLine] = ()) -> Plan:
    """What a planner might do by hand: the course with the biggest gaps first, a whole cohort each,
    skipping what no longer fits. The baseline the optimiser is tested against."""
    check_limits(budget, seat_limit)
    pool, targets = relevant(with_room(offerings, fixed), gaps)
    weights = {g.key: g.weight for g in targets}
    money, seats_left = remaining(budget, seat_limit, fixed)
    lines = list(fixed)
    for o in sorted(pool, key=lambda o: (-sum(weights.get(k, 0.0) for k in o.gap_keys()), o.agency_key, o.course_id)):
        cost = o.max_seats * o.cost_per_seat
        if cost <= money and o.max_seats <= seats_left:
            lines.append(PlanLine(o, o.max_seats))
            money -= cost
            seats_left -= o.max_seats
    return Plan(_ordered(tuple(lines)), budget, seat_limit, "naive: biggest gaps first", plan_value(lines, gaps))


def _ordered(lines: tuple[PlanLine, ...]) -> tuple[PlanLine, ...]:
    return tuple(sorted(lines, key=lambda line: (not line.mandatory, line.offering.agency_key,
                                                 line.offering.course_id)))
