"""Why each line of a training plan was chosen, in one sentence in the user's language, built from the
line's reason fields (:data:`insights.training.planning.REASON_COLUMNS`). The page, `tyndau plan` and the
exports all take the sentence from here, so a planner reads the same defence everywhere."""

from __future__ import annotations

import polars as pl

from dashboard.i18n import area_name, number, percent, points, text, value_name


def category_names(categories, lang: str) -> str:
    """Staff categories (a list, or a Series when polars maps a list cell) in the user's words."""
    return ", ".join(value_name("staff_category", c, lang) for c in (categories if categories is not None else ()))


def gap_reason(row: dict, lang: str) -> str:
    """The citizens' gap with its certainty, the 360 shortfall, their parts of the priority, the evidence."""
    shortfall = row.get("survey_shortfall")
    survey = text("plan.reason.survey", lang, shortfall=percent(shortfall, lang)) if shortfall is not None \
        else text("plan.reason.no_survey", lang)
    return text("plan.reason.gap", lang, area=area_name(row["top_area"], lang), gap=points(row["gap_score"], lang),
                certainty=percent(row["certainty"], lang, 0), survey=survey,
                citizens=number(100 * row["citizens_part"], lang, 2), colleagues=number(100 * row["survey_part"], lang, 2),
                complaints=number(row["negative_appeals"], lang), classified=number(row["classified_appeals"], lang))


def equity_reason(row: dict, lang: str) -> str:
    """The unequal treatment behind the line's inclusiveness priority (insights.equity)."""
    from dashboard.equity_names import difference_text, group_name, measure_name, p_text

    dimension, measure = row["equity_dimension"], row["equity_measure"]
    return text("plan.reason.equity", lang, group=group_name(dimension, row["equity_group"], lang),
                reference=group_name(dimension, row["equity_reference"], lang),
                measure=measure_name(measure, None, lang).lower(),
                shortfall=difference_text(measure, row["equity_shortfall"], lang).lstrip("+"),
                p=p_text(row["equity_p_adjusted"], lang), part=number(100 * (row.get("equity_part") or 0), lang, 2),
                findings=number(row.get("equity_findings"), lang))


def line_reason(row: dict, lang: str) -> str:
    parts = []
    if row.get("mandatory"):
        parts.append(text("plan.reason.mandatory", lang, categories=category_names(row.get("mandatory_for"), lang)))
    parts.append(gap_reason(row, lang) if row.get("top_area") else text("plan.reason.no_gap", lang))
    if row.get("equity_group"):
        parts.append(equity_reason(row, lang))
    return " ".join(parts)


def with_reasons(table: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The plan table with a ``reason`` column in `lang`."""
    reasons = [line_reason(r, lang) for r in table.iter_rows(named=True)]
    return table.with_columns(pl.Series("reason", reasons, dtype=pl.Utf8))
