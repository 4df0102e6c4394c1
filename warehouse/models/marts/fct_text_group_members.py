# grain: one row per appeal and competency area, with the group of similar texts it falls in
# key: appeal_id, area
"""Groups of similar texts within each area (TF-IDF and spherical k-means: insights.textgroups).

Computed in the build, on the writer side, so the dashboard only reads the result; the group
numbers are stable for a given set of texts (fixed seeds), and `is_example` marks the texts
closest to each group's centre, shown as its representative examples.
"""

from __future__ import annotations

import polars as pl

from insights.textgroups import group_members


def compute(con) -> pl.DataFrame:
    texts = con.execute("""
        select x.appeal_id, x.area, a.text
        from fct_appeal_areas x
        join fct_appeals a using (appeal_id)
        order by x.area, x.appeal_id""").pl()
    return group_members(texts)
