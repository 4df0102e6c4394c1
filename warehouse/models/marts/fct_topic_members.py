# grain: one row per appeal with a meaning vector, with the emerging theme it falls in
# key: appeal_id
"""Emerging themes over every appeal (insights.topics): vectors from text_vectors of the current
texts of fct_appeals, clustered by meaning across languages, with or without a competency area.

Computed in the build from vectors `tyndau topics build` stored; without vectors it is empty.
Theme numbers are stable for a given set of vectors (fixed seed); `is_example` marks the texts
closest to each theme's centre.
"""

from __future__ import annotations

import polars as pl

from insights.topics import current_vectors, members


def compute(con) -> pl.DataFrame:
    return members(*current_vectors(con))
