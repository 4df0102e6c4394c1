# grain: one row per course session and competency area the course develops
# key: session_id, area
"""Did the gap move after the course? Difference-in-differences per session and area against
agencies of the same kind without a course on that area (insights.training.impact, where the method and its
assumptions are written down): one regression per treatment with an interval that allows for
correlated months, and p-values adjusted across all sessions (Benjamini-Hochberg). Computed here at
build time so scheduled reports need not refit."""

from __future__ import annotations

import polars as pl

from insights.training.impact import training_impact
from insights.training.planning import PlanningRules

READS = ("mart_area_evidence_monthly", "stg_course_sessions", "stg_training_courses", "dim_agencies")


def compute(con) -> pl.DataFrame:
    return training_impact(con, PlanningRules.from_build(con))
