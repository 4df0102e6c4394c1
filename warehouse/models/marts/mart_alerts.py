# grain: one row per alert: a series (metric, agency, region, area or theme) and month whose count rose beyond its baseline
# key: alert_id
"""Early-warning alerts with their evidence (count, baseline, prediction interval, p- and q-value,
example appeal ids), for the latest ``alert_months`` months: see :mod:`insights.alerts` for the
method.

Why a model of the build rather than a table ``tyndau alerts`` writes: an alert is a function of
the marts, so it is rebuilt with them in the same transaction (a failed build leaves the previous
alerts in place), lands in the published snapshot the dashboard reads, and is key-checked like
every other model; nothing has to remember to run a second step. What is *not* a function of the
data (who acknowledged an alert, which digests went out) lives in the tables of migration 0007,
keyed by the stable ``alert_id``.

Theme alerts read the theme models, so this model is built after them in `tyndau build`, and
`tyndau topics build` (which rebuilds only the theme models) rebuilds it too
(:data:`insights.topics.REBUILT_WITH_THEMES`): alerts always describe the themes the snapshot shows.
"""

from __future__ import annotations

import polars as pl

from insights.alerts import AlertRules, compute_alerts

READS = ("mart_responsiveness", "mart_area_cube", "fct_appeal_areas", "fct_appeals", "fct_topic_members",
         "mart_topic_monthly", "mart_topic_names")


def compute(con) -> pl.DataFrame:
    return compute_alerts(con, AlertRules.from_build(con))
