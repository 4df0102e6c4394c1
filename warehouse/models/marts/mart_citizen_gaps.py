# grain: one row per agency and competency area, over the latest gap_window_months months with data
# key: agency_key, area
"""Citizens' behaviour gaps for the default period, as a table for scheduled reports and automation.

The statistics (empirical-Bayes shrinkage toward the national rate, posterior interval, certainty,
trend) live in :mod:`insights.training.planning` and :mod:`insights.stats`; this model materialises them
for the default period so a report can read them with plain SQL. The dashboard and ``tyndau gaps``
compute the same table for any period from ``mart_area_evidence_monthly``, which is incremental.
"""

from __future__ import annotations

import polars as pl

from insights.training.planning import PlanningRules, citizen_gaps

READS = ("mart_area_evidence_monthly", "dim_agencies")


def compute(con) -> pl.DataFrame:
    return citizen_gaps(con, None, PlanningRules.from_build(con))
