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
EXTRA_P_LATE = 0.25     # added to the agency's probability of a late answer for its rural applicants


def extra_late_probability(agency_region: np.ndarray, agency: np.ndarray, rural: np.ndarray) -> np.ndarray:
    """Per appeal, the probability of a late answer added to its agency's (0 for all but the plant)."""
    region = [r.kato for r in REGIONS].index(REGION_KATO)
    planted = (agency_region[agency] == region) & (rural == 1)
    return np.where(planted, EXTRA_P_LATE, 0.0)
