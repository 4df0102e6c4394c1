# grain: one row per agency and competency area with both citizens' evidence and a 360-degree score
# key: agency_key, area
"""Citizens' view (appeals) beside colleagues' view (360-degree "others") per agency and area, with
the places where they disagree flagged (insights.training.planning.triangulation: each view against its own
benchmark, one-sided 95 %). Default period; anonymity as in mart_360_scores."""

from __future__ import annotations

import polars as pl

from insights.training.planning import PlanningRules, triangulation

READS = ("mart_area_evidence_monthly", "mart_360_scores", "dim_agencies")


def compute(con) -> pl.DataFrame:
    return triangulation(con, None, PlanningRules.from_build(con))
