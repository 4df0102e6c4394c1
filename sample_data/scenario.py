"""The scenario: baseline behaviour of every agency and the gaps and training effects planted on top.

This module is the single source of truth for the numbers that the README documents and the tests
check, so the analytics can be verified against a known answer. Probabilities are per appeal.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from .reference import AREAS

# ---------------------------------------------------------------- content of appeals (baseline)

EVIDENCE_SHARE = 0.335          # appeals with behavioural evidence before planted gaps (~35 % after)
SECOND_AREA_SHARE = 0.25        # of evidence appeals, a second area is mentioned
POLARITY_SHARES = {"negative": 0.68, "positive": 0.18, "neutral": 0.14}
KIND_SPECIFIC_SENTENCE_SHARE = 0.6  # prefer agency-kind-specific sentences where the bank has them

BASE_AREA_WEIGHTS = {
    "responsiveness": 0.24, "communication": 0.13, "ethics_integrity": 0.05, "anti_corruption": 0.04,
    "inclusiveness": 0.06, "cultural_sensitivity": 0.03, "legality": 0.08, "digital_service": 0.09,
    "interagency_cooperation": 0.09, "citizen_engagement": 0.06, "professional_competence": 0.11,
    "leadership": 0.02,
}
AREA_MULTIPLIERS_BY_KIND = {
    "akimat": {"citizen_engagement": 1.8, "interagency_cooperation": 1.3, "leadership": 1.5},
    "police": {"communication": 1.6, "ethics_integrity": 1.6, "legality": 1.3, "anti_corruption": 1.2,
               "citizen_engagement": 0.3},
    "public_service_centre": {"digital_service": 1.8, "professional_competence": 1.3,
                              "inclusiveness": 1.2, "citizen_engagement": 0.3},
    "social_protection": {"inclusiveness": 1.6, "professional_competence": 1.4},
    "health": {"communication": 1.3, "inclusiveness": 1.3},
    "education": {"inclusiveness": 1.4, "citizen_engagement": 1.2},
    "land_relations": {"anti_corruption": 1.5, "legality": 1.5, "professional_competence": 1.3},
    "tax": {"digital_service": 1.7, "professional_competence": 1.4, "legality": 1.2},
}


def area_weights_for_kind(kind: str) -> list[float]:
    """Normalised probabilities of the primary area for a kind of agency, in ``AREAS`` order."""
    multipliers = AREA_MULTIPLIERS_BY_KIND.get(kind, {})
    raw = [BASE_AREA_WEIGHTS[a] * multipliers.get(a, 1.0) for a in AREAS]
    total = sum(raw)
    return [w / total for w in raw]


# Appeal kind given the content of the appeal; tuned so the overall shares come out at about
# application 69 %, complaint 6 %, proposal 5 %, inquiry 14 %, feedback 6 % (e-Otinish 2024).
APPEAL_KINDS = ("application", "complaint", "proposal", "inquiry", "feedback")
APPEAL_KIND_GIVEN_CONTENT = {
    "negative": (0.71, 0.19, 0.01, 0.04, 0.05),
    "positive": (0.33, 0.00, 0.05, 0.00, 0.62),
    "neutral": (0.20, 0.00, 0.40, 0.40, 0.00),
    "plain": (0.768, 0.008, 0.039, 0.167, 0.018),
}

LANGUAGE_SHARES = {"kk": 0.45, "ru": 0.45, "en": 0.10}
KK_MIXED_SHARE = 0.20            # of Kazakh appeals, Kazakh–Russian code-switched
KK_LATIN_SHARE = 0.05            # of Kazakh appeals, Latin script
PII_SHARE = 0.015                # appeals that carry a phone, e-mail or IIN in the text
LOWERCASE_SHARE = 0.06           # hurried messages typed all in lower case
RESUBMISSION_SHARE = 0.03        # appeals that repeat an earlier appeal of the same applicant

CHANNELS = ("e-Otinish", "eGov", "ЦОН", "phone 1414", "written letter", "personal reception")
CHANNEL_SHARES = (0.42, 0.15, 0.10, 0.13, 0.10, 0.10)
CHANNEL_SHARES_PSC = (0.25, 0.10, 0.40, 0.10, 0.05, 0.10)

# ---------------------------------------------------------------- shape of the texts
# An appeal is either a short note (a request in a sentence or two, as phoned in or typed in a hurry)
# or a letter (greeting, who is writing and where they live, what happened and since when, the
# request, the evidence anywhere in it, polite formulae and a sign-off). Letters are common in
# writing and rare on the phone line, where an operator notes the request down.
LETTER_SHARE_BY_CHANNEL = (0.66, 0.52, 0.45, 0.12, 0.94, 0.4)  # in the order of CHANNELS
# Shares of letters with each part. "home_alone": where they live, in letters that do not say who is
# writing; "specific_*": the remark after the request (the story) is one that fits the request, or
# without a request the agency's kind (else a general one); "evidence_lead", "complaint_request",
# "praise_request": of letters carrying evidence, negative evidence, positive evidence.
LETTER_PART_SHARES = {
    "salutation": 0.92, "preamble": 0.25, "self": 0.5, "home": 0.3, "home_alone": 0.8,
    "specific_background": 0.7, "specific_story": 0.8, "evidence_lead": 0.45, "complaint_request": 0.6,
    "praise_request": 0.5, "extra_detail": 0.15, "polite_closing": 0.7, "signoff": 0.5,
}
# The length a letter's writer aims at (characters): log-normal around LETTER_TARGET_MEDIAN, clipped
# to [MIN, MAX]. General remarks and stories of what happened are added, one at a time, while the
# letter is shorter than MIN or the next one brings it nearer to the target.
LETTER_TARGET_MEDIAN = 300
LETTER_TARGET_SIGMA = 0.5
LETTER_TARGET_MIN, LETTER_TARGET_MAX = 300, 1200
# Where the evidence sits in a letter: before the introduction, after it, after the background, or
# after the request; a second area's sentence follows the first half of the time, else anywhere.
LETTER_EVIDENCE_SLOTS = (0.2, 0.25, 0.25, 0.3)
NOTE_EVIDENCE_SLOTS = (0.0, 0.0, 0.35, 0.65)
SECOND_EVIDENCE_WITH_FIRST = 0.5

# ---------------------------------------------------------------- handling of appeals (baseline)


@dataclass(frozen=True)
class Handling:
    """How an agency handles appeals: the probabilities that drive the appeal lifecycle."""

    p_late: float              # answered after the (possibly extended) due date
    p_extension: float         # term extended (to at most two months)
    p_interim: float           # an interim answer is sent before the final one
    p_redirect: float          # the appeal first went to an agency without competence
    answer_quality: tuple[float, float, float, float] = (0.80, 0.07, 0.12, 0.01)
    # (substantive, formal "отписка", reasoned refusal, interim-only: no final answer ever)


ANSWER_QUALITIES = ("substantive", "formal", "refusal", "interim_only")
REDIRECT_CHAIN_SHARES = (0.72, 0.20, 0.08)   # 1, 2 (ping-pong A->B->A), 3 redirects
RATING_SHARE = 0.30                          # answered appeals that the citizen rates


def baseline_handling(agency_code: str) -> Handling:
    """Baseline handling with a fixed, seed-independent spread between agencies (a CRC of the code),
    so that rankings are not flat but no unplanted agency comes near a planted gap."""
    u = (zlib.crc32(agency_code.encode()) % 1000) / 1000.0
    return Handling(p_late=0.04 + 0.08 * u, p_extension=0.03 + 0.02 * u, p_interim=0.03,
                    p_redirect=0.06 + 0.04 * u)


# ---------------------------------------------------------------- planted behaviour gaps


@dataclass(frozen=True)
class PlantedGap:
    """Extra negative evidence on one area for one agency: with probability ``extra_share`` an
    appeal to the agency carries this area as a complaint (on top of the baseline content)."""

    agency_code: str
    area: str
    extra_share: float
    story: str
    handling: Handling | None = None
    survey_gap: float = 1.4     # points subtracted from others' 360 scores on this area
    self_inflation: float = 0.0  # points added to the unit's self-ratings on all items
    others_deflation: float = 0.0  # points taken from everybody else's ratings on all items
    volume_boost: float = 1.0   # complaints come on top of the usual volume, and enough appeals are
    #                             needed for the gap to be measurable month by month


PLANTED_GAPS: tuple[PlantedGap, ...] = (
    PlantedGap(
        "AKM-31-TRZ", "responsiveness", 0.30,
        "Akimat of Taraz: slow (many answers after the due date, extensions, interim-only answers) "
        "and formal (отписка-style answer_text); citizens complain about responsiveness.",
        handling=Handling(p_late=0.45, p_extension=0.20, p_interim=0.30, p_redirect=0.08,
                          answer_quality=(0.30, 0.50, 0.05, 0.15)),
        survey_gap=1.5, self_inflation=0.4, others_deflation=0.6, volume_boost=1.3),
    PlantedGap(
        "LND-19", "anti_corruption", 0.25,
        "Land relations department of Almaty region: reports of informal payments for plots, titles "
        "and changes of designated use.", survey_gap=1.4, volume_boost=3.0),
    PlantedGap(
        "PSC-61", "inclusiveness", 0.25,
        "Public service centres (ЦОН) of Turkistan region: no ramps, no sign-language help, centres "
        "unreachable from villages.", survey_gap=1.4, volume_boost=1.3),
    PlantedGap(
        "POL-23", "communication", 0.30,
        "Police department of Atyrau region: rude treatment; halves after a communication course "
        "(see TRAINING_EFFECT).", survey_gap=1.5, volume_boost=3.5),
    PlantedGap(
        "AKM-39", "digital_service", 0.15,
        "Akimat of Kostanay region: moderate digital-service gap that a digital-literacy course does "
        "NOT change (the null-effect session).", survey_gap=1.1, volume_boost=1.8),
)
PLANTED_BY_AGENCY = {g.agency_code: g for g in PLANTED_GAPS}


@dataclass(frozen=True)
class TrainingEffect:
    """Course sessions of one agency in one month and how its planted gap changes afterwards.
    ``factor_by_months_after[k-1]`` multiplies the planted ``extra_share`` k months after the
    sessions' month (k = 1, 2, ...); the last factor holds for all later months. Month indexes are
    0-based from the dataset start (index 12 = the 13th month, January 2025 by default)."""

    first_session_id: int
    agency_code: str
    course_id: str
    month_index: int
    session_days: tuple[int, ...]
    staff_per_session: tuple[int, ...]
    factor_by_months_after: tuple[float, ...] = field(default=(1.0,))

    def factor(self, month_index: int) -> float:
        months_after = month_index - self.month_index
        if months_after <= 0:
            return 1.0
        steps = self.factor_by_months_after
        return steps[min(months_after, len(steps)) - 1]

    @property
    def staff_trained(self) -> int:
        return sum(self.staff_per_session)


TRAINING_EFFECT = TrainingEffect(101, "POL-23", "C05", month_index=12, session_days=(8, 15, 22, 27),
                                 staff_per_session=(35, 35, 35, 33), factor_by_months_after=(0.8, 0.6, 0.4))
NULL_EFFECT = TrainingEffect(111, "AKM-39", "C03", month_index=9, session_days=(15,),
                             staff_per_session=(38,), factor_by_months_after=(1.0,))
PLANTED_SESSIONS = (TRAINING_EFFECT, NULL_EFFECT)

@dataclass(frozen=True)
class Spike:
    """A one-month rise for the early-warning alerts to find: in month ``month_index`` the agency
    receives ``volume_factor`` times its usual appeals (taken from the other agencies of its region
    that have no planted gap, so the country's volume is unchanged) and a share ``complaint_share``
    of its appeals complain about ``area`` (on top of the baseline content, like a planted gap)."""

    agency_code: str
    area: str
    month_index: int
    complaint_share: float
    volume_factor: float
    story: str


SPIKES: tuple[Spike, ...] = (
    Spike("AKM-75", "responsiveness", 15, 0.35, 1.6, "Almaty city akimat, April 2025: a backlog after a system outage."),
    Spike("PSC-75", "communication", 17, 0.50, 2.0,
          "Public service centre, Almaty city, June 2025: a viral video of a rude clerk (police are the "
          "training-effect comparators, so no spike there)."),
    Spike("HLT-61", "digital_service", 19, 0.50, 2.0, "Health, Turkistan region, August 2025: the booking portal fails."),
    Spike("AKM-55", "interagency_cooperation", 21, 0.45, 1.8,
          "Pavlodar region akimat, October 2025: heating restart stalls between agencies."),
    Spike("SOC-75", "inclusiveness", 22, 0.60, 2.5,
          "Social programmes, Almaty city, November 2025: a benefit office moves upstairs without a lift."),
)


def spikes_in(month_index: int) -> tuple[Spike, ...]:
    return tuple(s for s in SPIKES if s.month_index == month_index)


# Comparable agencies for the training effect: other police departments, none of which takes a
# course developing communication during the period.
COMPARATOR_KIND = "police"

BACKGROUND_SESSIONS = 48  # other course sessions, none of which changes behaviour in the data


def baseline_negative_rate(kind: str, area: str) -> float:
    """Probability that an appeal to an agency of this kind carries ``area`` as a complaint from the
    baseline content alone: as primary area, or as second area (which is redrawn uniformly among
    the other areas when it collides with the first)."""
    w = dict(zip(AREAS, area_weights_for_kind(kind)))
    w_a = w[area]
    second = w_a * (1 - w_a) + sum(v * v for a, v in w.items() if a != area) / (len(AREAS) - 1)
    return EVIDENCE_SHARE * POLARITY_SHARES["negative"] * (w_a + SECOND_AREA_SHARE * second)


def expected_negative_rate(agency_code: str, kind: str, area: str, month_index: int) -> float:
    """Expected share of the agency's appeals in that month that complain about ``area``: the
    planted share plus the baseline on the rest. The README's table and the tests use this."""
    planted_area, share = planted_share(agency_code, month_index)
    q = share if planted_area == area else 0.0
    return q + (1 - q) * baseline_negative_rate(kind, area)


def planted_share(agency_code: str, month_index: int) -> tuple[str | None, float]:
    """The planted area and the probability that an appeal of that month carries it."""
    gap = PLANTED_BY_AGENCY.get(agency_code)
    if gap is None:
        return None, 0.0
    share = gap.extra_share
    for session in PLANTED_SESSIONS:
        if session.agency_code == agency_code:
            share *= session.factor(month_index)
    return gap.area, share


# ---------------------------------------------------------------- 360-degree survey

SURVEY_INSTRUMENT = "tyndau-360-v1"
SURVEY_WAVE_MONTHS = (5, 17)             # month indexes: June 2024 and June 2025 by default
SURVEY_ROLE_OFFSETS = {"self": 0.35, "manager": 0.0, "peer": 0.05, "direct_report": -0.1,
                       "citizen": -0.25}
SURVEY_BASE_MEAN = 3.9
SURVEY_GAP_BY_ROLE = {"self": 0.15, "manager": 0.45, "peer": 0.6, "direct_report": 0.85,
                      "citizen": 1.0}   # share of a planted survey_gap each role sees
SURVEY_SMALL_GROUP_SHARE = 0.15          # rater groups with fewer than 5 raters (anonymity rules)
SURVEY_EXTRA_AGENCIES = ("AKM-31", "POL-47", "POL-27", "POL-15")  # comparators of the planted agencies
SURVEY_UNITS_PLANTED = 2      # units surveyed per planted agency
SURVEY_UNITS_COMPARATOR = 1   # units surveyed per comparator agency
# The second wave re-surveys only the police (training effect) and the Taraz akimat (persistent gap).
SURVEY_SECOND_WAVE_AGENCIES = ("POL-23", "POL-47", "POL-27", "POL-15", "AKM-31-TRZ")
