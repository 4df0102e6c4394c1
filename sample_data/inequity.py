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


def score(national, agencies) -> dict[str, int]:
    """What an equity report (insights.equity: its `national` and `agencies` frames) found against the
    plant: planted comparisons flagged as a disadvantage, and unplanted responsiveness comparisons
    flagged at all (false flags). Complaints about areas are counted apart: the generator makes
    people with a disability and people aged 60+ write most inclusiveness complaints, a real difference."""
    import polars as pl

    def planted(frame, region_column):
        return pl.Series([is_planted(r.get(region_column), r["dimension"], r["group_value"], r["reference"],
                                     r["measure"]) for r in frame.iter_rows(named=True)], dtype=pl.Boolean)

    agency = agencies.with_columns(planted(agencies, "region_key").alias("planted"))
    country = national.with_columns(planted(national, "no_region").alias("planted"))
    responsiveness = pl.col("measure").is_in(RESPONSIVENESS_MEASURES)
    on_time_planted = agency.filter(pl.col("planted") & (pl.col("measure") == "on_time")
                                    & (pl.col("dimension") == "rural"))
    complaints = country.filter(~responsiveness)
    designed = (pl.col("area") == "inclusiveness") & pl.col("dimension").is_in(["disability", "age_band",
                                                                               "rural_disability"])
    return {
        "agency_comparisons": agency.height,
        "agency_planted": int(agency["planted"].sum()),
        "agency_planted_found": int(agency.filter(pl.col("planted") & pl.col("is_disadvantage")).height),
        "agency_rural_on_time_tested": on_time_planted.height,
        "agency_rural_on_time_found": int(on_time_planted["is_disadvantage"].sum()),
        "agency_unplanted": int((~agency["planted"]).sum()),
        "agency_false_flags": int(agency.filter(~pl.col("planted") & pl.col("is_significant")).height),
        "national_responsiveness": country.filter(responsiveness).height,
        "national_planted_found": int(country.filter(pl.col("planted") & pl.col("is_disadvantage")).height),
        "national_unplanted": int(country.filter(responsiveness & ~pl.col("planted")).height),
        "national_false_flags": int(country.filter(responsiveness & ~pl.col("planted")
                                                   & pl.col("is_significant")).height),
        "national_complaint_comparisons": complaints.height,
        "national_complaints_flagged_inclusiveness_by_disability_or_age":
            int(complaints.filter(pl.col("is_significant") & designed).height),
        "national_complaints_flagged_other": int(complaints.filter(pl.col("is_significant") & ~designed).height),
    }
