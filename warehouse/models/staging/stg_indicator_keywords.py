# grain: one row per behavioural indicator, language and keyword
# key: indicator_id, language, keyword
"""The keywords of the taxonomy's behavioural indicators, as a table the evidence models can join.

Why a model and not reference data loaded by ``tyndau init``: the taxonomy is project data that
changes with a release, and a build always reflects the taxonomy of the code that runs it.
Keywords are lowercase stems or short phrases (see ``warehouse/reference/taxonomy.yaml``).
"""

from __future__ import annotations

import polars as pl

from warehouse.taxonomy import areas

SCHEMA = {"indicator_id": pl.Utf8, "area": pl.Utf8, "is_effective": pl.Boolean, "language": pl.Utf8,
          "keyword": pl.Utf8}


def compute(con) -> pl.DataFrame:
    rows = [(indicator.id, area.id, indicator.effective, language, keyword.lower())
            for area in areas() for indicator in area.indicators
            for language, keywords in indicator.keywords.items() for keyword in keywords if keyword.strip()]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row").unique(["indicator_id", "language", "keyword"],
                                                                   maintain_order=True)
