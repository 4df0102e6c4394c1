"""The planted inequity: one region's rural applicants are answered late more often.

Why: the equity analysis (`tyndau equity`, insights/equity.py) must be checked against a known
answer, like the planted behaviour gaps. Everything else in the generator treats every group of
citizens alike (handling depends on the agency only), so any other difference it flags between
groups in responsiveness is a false flag. The plant is an extra probability of a late answer,
added to the agency's own, for appeals by rural residents to the agencies of one region.
"""

from __future__ import annotations

import numpy as np

from .reference import REGIONS

REGION_KATO = "31"      # Zhambyl region: many rural applicants, six agencies
EXTRA_P_LATE = 0.35     # added to the agency's probability of a late answer for its rural applicants


def extra_late_probability(agency_region: np.ndarray, agency: np.ndarray, rural: np.ndarray) -> np.ndarray:
    """Per appeal, the probability of a late answer added to its agency's (0 for all but the plant)."""
    region = [r.kato for r in REGIONS].index(REGION_KATO)
    planted = (agency_region[agency] == region) & (rural == 1)
    return np.where(planted, EXTRA_P_LATE, 0.0)


RESPONSIVENESS_MEASURES = ("on_time", "days_to_answer", "satisfaction")  # a late answer moves all three


def is_planted(region_kato: str | None, dimension: str, group: str, reference: str, measure: str) -> bool:
    """Whether a comparison of a group with its reference has the plant behind it: rural against
    urban (alone, or with the same or more disability on the rural side) on responsiveness, in the
    planted region's agencies or in the country (`region_kato` None), which pools them."""
    if measure not in RESPONSIVENESS_MEASURES or region_kato not in (None, REGION_KATO):
        return False
    if dimension == "rural":
        return (group, reference) == ("yes", "no")
    if dimension == "rural_disability":
        return group.split("|")[0] == "yes" and reference.split("|")[0] == "no"
    return False
