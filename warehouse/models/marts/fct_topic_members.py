# grain: one row per appeal with a meaning vector, with the emerging theme it falls in
# key: appeal_id
"""Emerging themes over every appeal (insights.topics): vectors from text_vectors of the current
texts of fct_appeals, clustered by meaning across languages, with or without a competency area.

Computed in the build from vectors `tyndau topics build` stored; without vectors it is empty.
Theme numbers are stable for a given set of vectors (fixed seed); `is_example` marks the texts
closest to each theme's centre.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from insights.topics import members


def compute(con) -> pl.DataFrame:
    return members(*current_vectors(con))


def current_vectors(con) -> tuple[list[str], np.ndarray]:
    """(appeal ids, vectors) of the appeals whose current text has a vector of the newest encoder.

    Here and not in insights: text_vectors stays in the writer's file, never in the dashboard's snapshot."""
    rows = con.execute("""
        with newest as (select encoder_hash from text_vectors order by embedded_at desc limit 1)
        select v.text_id, v.vector
        from text_vectors v
        join newest using (encoder_hash)
        join fct_appeals a on a.appeal_id = v.text_id and sha256(a.text) = v.text_hash
        where v.text_kind = 'appeal'
        order by v.text_id""").fetchnumpy()
    ids = [str(i) for i in rows["text_id"]]
    if not ids:
        return [], np.zeros((0, 384), dtype=np.float32)
    return ids, np.vstack(rows["vector"]).astype(np.float32)
