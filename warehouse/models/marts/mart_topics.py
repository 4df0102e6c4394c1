# grain: one row per emerging theme
# key: theme_no
"""Each theme's size, cohesion, share already in a competency area, first and last appeal, example
appeals, and the new and growing flags with the interval of its share ratio (insights.topics.trend_flags
over mart_topic_monthly; members from fct_topic_members, areas from fct_appeal_areas)."""

from __future__ import annotations

import polars as pl

from insights.topics import trend_flags


def compute(con) -> pl.DataFrame:
    themes = con.execute("""
        select
            m.theme_no,
            count(*)                                                              as appeals,
            avg(m.similarity)                                                     as cohesion,
            count(*) filter (where m.appeal_id in (select appeal_id from fct_appeal_areas)) as with_area,
            min(a.registered_at)                                                  as first_registered_at,
            max(a.registered_at)                                                  as last_registered_at,
            list(m.appeal_id order by m.similarity desc) filter (where m.is_example) as example_ids
        from fct_topic_members m
        join fct_appeals a using (appeal_id)
        group by m.theme_no
        order by m.theme_no""").pl()
    monthly = con.execute("select theme_no, registered_month as month, appeals from mart_topic_monthly").pl()
    flags = trend_flags(monthly)
    if themes.is_empty():
        return themes.join(flags, on="theme_no", how="left")
    return themes.with_columns(pl.col("theme_no").cast(pl.Int32)).join(flags, on="theme_no", how="left")
