"""A generic 360-degree survey: one row per rater and item, for a set of agencies and their units.

The survey is small (tens of thousands of rows, independent of the number of appeals), so it is
written plainly with numpy per unit. It mirrors the planted gaps: others (citizens and direct
reports most) score the planted area low, the Taraz akimat rates itself higher than others do, and
the Atyrau police's communication scores recover in the wave after their course.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from . import scenario as sc
from . import text_bank as tb
from .appeals import add_months
from .reference import AREAS, UNITS_BY_KIND, Agency, build_agencies

ROLES = ("self", "manager", "peer", "direct_report", "citizen")
ITEMS = tb.SURVEY_ITEMS
CITIZEN_ITEMS = [i for i, item in enumerate(ITEMS) if item[2]]
STAFF_ITEMS = list(range(len(ITEMS)))
LANGS = ("kk", "ru", "en")
LANG_SHARES = (0.45, 0.45, 0.10)
COMMENT_SHARE = 0.12  # of rows with an extreme score (1-2 or 5)


@dataclass(frozen=True)
class Wave:
    number: int
    month_index: int
    agencies: tuple[Agency, ...]


def survey_waves(months: int) -> list[Wave]:
    """The first wave covers the planted agencies and their comparators; the second re-surveys
    the police and the Taraz akimat, so the training effect and a persistent gap can be seen."""
    agencies = build_agencies()
    first = {g.agency_code for g in sc.PLANTED_GAPS} | set(sc.SURVEY_EXTRA_AGENCIES)
    wanted = (first, set(sc.SURVEY_SECOND_WAVE_AGENCIES))
    return [Wave(i + 1, m, tuple(a for a in agencies if a.code in wanted[i]))
            for i, m in enumerate(sc.SURVEY_WAVE_MONTHS) if m < months]


def _group_size(rng: np.random.Generator, role: str) -> int:
    """One self-rating and one manager; 5-7 in the other groups, except a few small groups
    (2-4 raters) that anonymity rules must suppress."""
    if role in ("self", "manager"):
        return 1
    if rng.random() < sc.SURVEY_SMALL_GROUP_SHARE:
        return int(rng.integers(2, 5))
    return int(rng.integers(5, 8))


def _expected_scores(agency: Agency, role: str, wave_month: int) -> np.ndarray:
    """Mean score per item for a rater of this role: baseline, role leniency, planted gaps."""
    mean = np.full(len(ITEMS), sc.SURVEY_BASE_MEAN + sc.SURVEY_ROLE_OFFSETS[role])
    gap = sc.PLANTED_BY_AGENCY.get(agency.code)
    if gap is None:
        return mean
    _, share_now = sc.planted_share(agency.code, wave_month)
    strength = share_now / gap.extra_share  # follows the training effect, 1.0 otherwise
    area_items = np.array([item[1] == gap.area for item in ITEMS])
    mean -= area_items * gap.survey_gap * sc.SURVEY_GAP_BY_ROLE[role] * strength
    mean += gap.self_inflation if role == "self" else -gap.others_deflation
    return mean


def _fnv1a(data: bytes) -> str:
    """A stable 40-bit hash in hex (FNV-1a): pseudonymous rater ids that do not depend on Python's
    randomised ``hash``. Staff keep their id across waves; citizens get a new one per wave."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return format(h & 0xFFFFFFFFFF, "010x")


def _comment(rng: np.random.Generator, role: str, area: str, score: int, lang: str) -> str | None:
    if 2 < score < 5 or rng.random() >= COMMENT_SHARE:
        return None
    polarity = "negative" if score <= 2 else "positive"
    bank = tb.EVIDENCE[area][polarity][lang] if role == "citizen" else tb.STAFF_COMMENTS[area][polarity][lang]
    return bank[int(rng.integers(0, len(bank)))]


def _unit_rows(rng, seed, start: date, wave_no: int, wave_month: int, agency: Agency, unit: str,
               next_response: int) -> tuple[list[dict], int]:
    rows = []
    wave_start = add_months(start, wave_month)
    unit_effect = rng.normal(0, 0.15)
    for role in ROLES:
        items = CITIZEN_ITEMS if role == "citizen" else STAFF_ITEMS
        expected = _expected_scores(agency, role, wave_month)
        for i in range(_group_size(rng, role)):
            who = (agency.code, unit, role, i) if role != "citizen" else (agency.code, unit, role, i, wave_no)
            rater_id = "R" + _fnv1a("|".join(map(str, (seed, *who))).encode())
            lang = LANGS[int(np.searchsorted(np.cumsum(LANG_SHARES), rng.random(), side="right"))]
            submitted = np.datetime64(wave_start) + np.timedelta64(int(rng.integers(3, 25)), "D") \
                + np.timedelta64(int(rng.integers(9 * 60, 19 * 60)), "m")
            bias = rng.normal(0, 0.35) + unit_effect
            response_id = f"R360-{wave_no}-{next_response:05d}"
            next_response += 1
            for item_index in items:
                item_id, area, _, en, ru, kk = ITEMS[item_index]
                score = int(np.clip(np.rint(expected[item_index] + bias + rng.normal(0, 0.65)), 1, 5))
                rows.append({
                    "response_id": response_id, "instrument": sc.SURVEY_INSTRUMENT,
                    "submitted_at": str(submitted.astype("datetime64[s]")),
                    "rated_agency_code": agency.code, "rated_unit": unit, "rater_role": role,
                    "rater_id": rater_id, "item_id": item_id,
                    "item_text": {"kk": kk, "ru": ru, "en": en}[lang], "competency_area": area,
                    "score": score, "scale_max": 5, "comment": _comment(rng, role, area, score, lang),
                })
    return rows, next_response


def generate_survey(seed: int, start: date, months: int) -> pl.DataFrame:
    """All survey rows, ordered by wave, agency, unit, rater and item."""
    rows: list[dict] = []
    for wave in survey_waves(months):
        next_response = 1
        for agency in wave.agencies:
            rng = np.random.default_rng([seed, 360, wave.number, int(_fnv1a(agency.code.encode()), 16)])
            planted = agency.code in sc.PLANTED_BY_AGENCY
            n_units = sc.SURVEY_UNITS_PLANTED if planted else sc.SURVEY_UNITS_COMPARATOR
            for unit in UNITS_BY_KIND[agency.kind][:n_units]:
                unit_rows, next_response = _unit_rows(rng, seed, start, wave.number, wave.month_index, agency,
                                                      unit, next_response)
                rows.extend(unit_rows)
    schema = {"response_id": pl.String, "instrument": pl.String, "submitted_at": pl.String,
              "rated_agency_code": pl.String, "rated_unit": pl.String, "rater_role": pl.String,
              "rater_id": pl.String, "item_id": pl.String, "item_text": pl.String,
              "competency_area": pl.String, "score": pl.Int64, "scale_max": pl.Int64, "comment": pl.String}
    return pl.DataFrame(rows, schema=schema)


assert set(AREAS) == {item[1] for item in ITEMS}, "every competency area needs survey items"
