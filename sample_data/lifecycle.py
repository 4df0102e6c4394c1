"""The life of each appeal in the register, from registration to closing, vectorised.

Every appeal gets a fixed sequence of possible events (columns of an n x K matrix, in the only
order in which they can happen); each is present or not, with a timestamp. Statuses in
``appeals.csv`` are then read off the last event before the export moment, so the two files can
never disagree. Deadlines are counted in Kazakhstan working days (15, extendable to two months).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import scenario as sc
from .appeals import SECONDS_PER_DAY, Batch, World
from .workdays import day_number

EVENT_COLUMNS = ("registered", "redirect", "redirect", "redirect", "status_change", "extension",
                 "interim_answer", "followup", "final_answer", "followup", "status_change")
REGISTERED, REDIRECT_1, ACCEPTED, EXTENSION, INTERIM, FOLLOWUP_PENDING, FINAL, FOLLOWUP_ANSWERED, CLOSED = \
    0, 1, 4, 5, 6, 7, 8, 9, 10
STATUSES = ("registered", "in_progress", "extended", "redirected", "answered", "closed")
ST = {name: i for i, name in enumerate(STATUSES)}
QUALITY = {name: i for i, name in enumerate(sc.ANSWER_QUALITIES)}

SATISFACTION = {  # P(score 1..5) by how the appeal was answered
    "on_time": (0.04, 0.05, 0.12, 0.34, 0.45),
    "late": (0.12, 0.15, 0.28, 0.30, 0.15),
    "formal": (0.45, 0.28, 0.17, 0.07, 0.03),
    "refusal": (0.35, 0.25, 0.22, 0.12, 0.06),
    "interim_only": (0.55, 0.25, 0.12, 0.05, 0.03),
}


@dataclass
class Lifecycle:
    present: np.ndarray      # n x K bool
    time: np.ndarray         # n x K int64 seconds
    from_agency: np.ndarray  # n x K agency index
    to_agency: np.ndarray    # n x K agency index or -1
    status: np.ndarray       # n x K status code
    due_day: np.ndarray
    extended_due_day: np.ndarray
    quality: np.ndarray
    late: np.ndarray
    satisfaction: np.ndarray  # 0 = not rated

    @property
    def appeal_status(self) -> np.ndarray:
        last = self.present.shape[1] - 1 - np.argmax(self.present[:, ::-1], axis=1)
        return self.status[np.arange(len(last)), last]

    def answer_time(self) -> np.ndarray:
        """Final answer, or the interim answer that was all the citizen ever got; -1 if none."""
        interim_only = self.quality == QUALITY["interim_only"]
        t = np.where(self.present[:, FINAL], self.time[:, FINAL], -1)
        return np.where(interim_only & self.present[:, INTERIM], self.time[:, INTERIM], t)

    def close_time(self) -> np.ndarray:
        return np.where(self.present[:, CLOSED], self.time[:, CLOSED], -1)

    @property
    def unhappy(self) -> np.ndarray:
        return self.late | (self.quality == QUALITY["formal"]) | (self.quality == QUALITY["interim_only"])


def _handling_arrays(world: World) -> dict[str, np.ndarray]:
    handling = [sc.PLANTED_BY_AGENCY[a.code].handling if a.code in sc.PLANTED_BY_AGENCY
                and sc.PLANTED_BY_AGENCY[a.code].handling else sc.baseline_handling(a.code)
                for a in world.agencies]
    return {
        "p_late": np.array([h.p_late for h in handling]),
        "p_extension": np.array([h.p_extension for h in handling]),
        "p_interim": np.array([h.p_interim for h in handling]),
        "p_redirect": np.array([h.p_redirect for h in handling]),
        "quality_cum": np.array([np.cumsum(h.answer_quality) for h in handling]),
    }


def _office_time(rng: np.random.Generator, day: np.ndarray) -> np.ndarray:
    return day * SECONDS_PER_DAY + rng.integers(9 * 60, 18 * 60, len(day)) * 60


def _redirect_partners(world: World, rng: np.random.Generator, agency: np.ndarray) -> np.ndarray:
    """An agency of the same region without competence (-1 where the region has no other)."""
    partner = np.full(len(agency), -1)
    for a in np.unique(agency):
        rows = np.flatnonzero(agency == a)
        options = world.partners[a]
        if len(options):
            partner[rows] = options[rng.integers(0, len(options), len(rows))]
    return partner


class _EventGrid:
    """The n x K event matrices being filled in, one column (event slot) at a time."""

    def __init__(self, agency: np.ndarray):
        n, k = len(agency), len(EVENT_COLUMNS)
        self.present = np.zeros((n, k), dtype=bool)
        self.day = np.zeros((n, k), dtype=np.int64)
        self.time = np.zeros((n, k), dtype=np.int64)
        self.from_agency = np.repeat(agency[:, None], k, axis=1)
        self.to_agency = np.full((n, k), -1)
        self.status = np.zeros((n, k), dtype=np.int64)

    def put(self, col: int, present, day, status) -> None:
        self.present[:, col], self.day[:, col], self.status[:, col] = present, day, status


@dataclass
class _Schedule:
    """Per-appeal dates as indexes into the working-day calendar."""

    reg_day: np.ndarray
    accept_idx: np.ndarray
    due_idx: np.ndarray
    extended: np.ndarray
    ext_idx: np.ndarray
    ext_due_idx: np.ndarray

    @property
    def deadline_idx(self) -> np.ndarray:
        return np.where(self.extended, self.ext_due_idx, self.due_idx)

    @property
    def open_status(self) -> np.ndarray:
        return np.where(self.extended, ST["extended"], ST["in_progress"])


def _draw_redirects(world, rng, grid: _EventGrid, agency, reg_day, p_redirect) -> np.ndarray:
    """Redirect chains: 1 (B->F), 2 (F->B->F, ping-pong) or 3 (B->F->B->F), where F is the
    competent agency and B another agency of the region; each hop takes 1-3 working days.
    Returns the day the competent agency finally holds the appeal."""
    n, cal = len(agency), world.calendar
    partner = _redirect_partners(world, rng, agency)
    redirected = (partner >= 0) & (rng.random(n) < p_redirect[agency])
    hops = 1 + np.searchsorted(np.cumsum(sc.REDIRECT_CHAIN_SHARES), rng.random(n), side="right")
    chain = np.minimum(np.where(redirected, hops, 0), 3)
    grid.from_agency[:, REGISTERED] = np.where(chain % 2 == 1, partner, agency)
    last_day = reg_day
    for k in range(1, 4):
        col = REDIRECT_1 + k - 1
        sender_is_partner = (chain - k) % 2 == 0
        d = cal.add_workdays(last_day, rng.integers(1, 4, n))
        grid.put(col, chain >= k, d, ST["redirected"])
        grid.from_agency[:, col] = np.where(sender_is_partner, partner, agency)
        grid.to_agency[:, col] = np.where(sender_is_partner, agency, partner)
        last_day = np.where(chain >= k, d, last_day)
    return last_day


def _draw_schedule(world, rng, grid: _EventGrid, reg_day, held_day, p_extension) -> _Schedule:
    """Acceptance, the 15-working-day due date and, for some, an extension (decided a few working
    days before the due date, to at most two months after registration)."""
    n, cal = len(reg_day), world.calendar
    accept_idx = cal.index_on_or_after(held_day + rng.integers(0, 2, n))
    grid.put(ACCEPTED, True, cal.at(accept_idx), ST["in_progress"])
    due_idx = cal.index_on_or_after(cal.add_workdays(reg_day, 15))
    extended = rng.random(n) < p_extension
    cap_idx = cal.index_after(reg_day + 61) - 1
    ext_due_idx = np.minimum(due_idx + rng.integers(8, 26, n), cap_idx)
    ext_idx = np.maximum(due_idx - rng.integers(1, 5, n), accept_idx)
    extended &= ext_due_idx > ext_idx
    grid.put(EXTENSION, extended, cal.at(ext_idx), ST["extended"])
    return _Schedule(reg_day, accept_idx, due_idx, extended, ext_idx, ext_due_idx)


def _draw_answer_index(rng, s: _Schedule, p_late) -> np.ndarray:
    """Working-day index of the answer: on time it tends towards the deadline (officials answer
    near the term), late it comes 1-61 working days after it."""
    n = len(p_late)
    late = rng.random(n) < p_late
    span = np.maximum(s.deadline_idx - s.accept_idx, 1)
    on_time_idx = s.accept_idx + 1 + np.floor((span - 1) * rng.beta(2.2, 1.4, n)).astype(np.int64)
    late_idx = s.deadline_idx + 1 + np.minimum(rng.geometric(0.12, n) - 1, 60)
    answer_idx = np.where(late, late_idx, np.minimum(on_time_idx, np.maximum(s.deadline_idx, s.accept_idx + 1)))
    return np.maximum(answer_idx, np.where(s.extended, s.ext_idx + 1, s.accept_idx + 1))


def _draw_answers(world, rng, grid: _EventGrid, s: _Schedule, quality, answer_idx, p_interim) -> np.ndarray:
    """Interim answers, citizens chasing late appeals, the final answer (absent when the interim
    answer was all the citizen got), disagreement after formal answers, and closing.
    Returns the day of the citizen's disagreement (used for its time of day)."""
    n, cal = len(quality), world.calendar
    interim_only = quality == QUALITY["interim_only"]
    late = answer_idx > s.deadline_idx

    interim_idx = np.where(interim_only, answer_idx, np.minimum(s.due_idx - rng.integers(0, 3, n), answer_idx - 1))
    interim = interim_only | ((rng.random(n) < p_interim) & (interim_idx > s.accept_idx))
    grid.put(INTERIM, interim, cal.at(interim_idx), np.where(interim_only, ST["answered"], s.open_status))

    chase_idx = s.deadline_idx + rng.integers(1, 6, n)
    chased = late & ~interim_only & (rng.random(n) < 0.6) & (chase_idx < answer_idx)
    grid.put(FOLLOWUP_PENDING, chased, cal.at(chase_idx), s.open_status)

    answer_day = cal.at(answer_idx)
    grid.put(FINAL, ~interim_only, answer_day, ST["answered"])

    formalish = (quality == QUALITY["formal"]) | interim_only
    disagrees = rng.random(n) < np.where(formalish, 0.35, 0.03)
    disagree_day = answer_day + rng.integers(1, 11, n)
    grid.put(FOLLOWUP_ANSWERED, disagrees, disagree_day, ST["answered"])

    close_day = np.where(disagrees, disagree_day, answer_day) + rng.integers(0, 8, n)
    grid.put(CLOSED, True, close_day, ST["closed"])
    return disagree_day


def simulate(world: World, rng: np.random.Generator, batch: Batch, extra_p_late: np.ndarray | float = 0.0) -> Lifecycle:
    """Draw every appeal's events; see the module docstring for the model. ``extra_p_late``: per
    appeal, added to its agency's probability of a late answer (the planted inequity)."""
    n, h, agency = batch.n, _handling_arrays(world), batch.agency
    grid = _EventGrid(agency)
    reg_day = batch.reg_t // SECONDS_PER_DAY
    grid.put(REGISTERED, True, reg_day, ST["registered"])

    held_day = _draw_redirects(world, rng, grid, agency, reg_day, h["p_redirect"])
    schedule = _draw_schedule(world, rng, grid, reg_day, held_day, h["p_extension"][agency])
    quality = np.minimum((rng.random(n)[:, None] > h["quality_cum"][agency]).sum(axis=1), 3)
    answer_idx = _draw_answer_index(rng, schedule, np.minimum(h["p_late"][agency] + extra_p_late, 1.0))
    late = answer_idx > schedule.deadline_idx
    disagree_day = _draw_answers(world, rng, grid, schedule, quality, answer_idx, h["p_interim"][agency])

    grid.time[:, REGISTERED] = batch.reg_t
    for col in range(1, len(EVENT_COLUMNS)):
        grid.time[:, col] = _office_time(rng, grid.day[:, col])
    grid.time[:, FOLLOWUP_ANSWERED] = disagree_day * SECONDS_PER_DAY + rng.integers(8 * 60, 22 * 60, n) * 60
    time = _make_increasing(rng, grid.present, grid.time)

    present = grid.present & (time < day_number(world.end) * SECONDS_PER_DAY)  # cut at the export moment
    interim_only = quality == QUALITY["interim_only"]
    satisfaction = _satisfaction(rng, quality, late, present[:, FINAL] | (interim_only & present[:, INTERIM]))
    extended_due = np.where(schedule.extended, world.calendar.at(schedule.ext_due_idx), -1)
    return Lifecycle(present, time, grid.from_agency, grid.to_agency, grid.status,
                     world.calendar.at(schedule.due_idx), extended_due, quality, late, satisfaction)


def _make_increasing(rng: np.random.Generator, present: np.ndarray, time: np.ndarray) -> np.ndarray:
    """Events of one appeal are strictly ordered: an event drawn for the same day but before the
    previous one is moved to a few minutes to a few hours after it."""
    running = time[:, 0].copy()
    for col in range(1, time.shape[1]):
        gap = rng.integers(2, 240, len(running)) * 60
        t = np.where(present[:, col], np.maximum(time[:, col], running + gap), time[:, col])
        time[:, col] = t
        running = np.where(present[:, col], t, running)
    return time


def _satisfaction(rng: np.random.Generator, quality: np.ndarray, late: np.ndarray, answered: np.ndarray) -> np.ndarray:
    """Scores 1-5 for the answered appeals the citizen chose to rate (0 = no rating)."""
    group = np.select([quality == QUALITY["formal"], quality == QUALITY["refusal"],
                       quality == QUALITY["interim_only"], late], [2, 3, 4, 1], 0)
    tables = np.array([np.cumsum(SATISFACTION[k]) for k in ("on_time", "late", "formal", "refusal", "interim_only")])
    score = 1 + np.minimum((rng.random(len(group))[:, None] > tables[group]).sum(axis=1), 4)
    rated = answered & (rng.random(len(group)) < sc.RATING_SHARE)
    return np.where(rated, score, 0)
