# grain: one row per emerging theme and interface language (kk, ru, en)
# key: theme_no, lang
"""Each theme's name in each interface language: key phrases (c-TF-IDF) of its texts in that
language (fct_topic_members joined with fct_appeals), or, when it has none, those of the language
it has most, with `label_language` saying which (insights.topics.theme_names)."""

from __future__ import annotations

import polars as pl

from insights.topics import theme_names


def compute(con) -> pl.DataFrame:
    frame = con.execute("""
        select m.theme_no, a.language, a.text
        from fct_topic_members m
        join fct_appeals a using (appeal_id)
        order by m.theme_no, a.appeal_id""").pl()
    return theme_names(frame)
