# grain: one row per agency and catalogue course that develops at least one of its gap areas
# key: agency_key, course_id
"""Ranked training priorities per agency for the default period: the course, the cohort to train,
its cost, the value (certainty-weighted excess complaints per month on the areas it develops, plus
the weighted 360-degree shortfall) and why (top gap area, gap, certainty, complaints, examples).
See insights.training.planning; the plan for a budget is computed on demand (tyndau plan, the plan page)."""

from __future__ import annotations

import polars as pl

from insights.training.planning import PlanningRules, training_priorities

READS = ("mart_area_evidence_monthly", "mart_360_scores", "dim_agencies", "stg_training_courses",
         "stg_course_sessions")


def compute(con) -> pl.DataFrame:
    return training_priorities(con, None, PlanningRules.from_build(con))
