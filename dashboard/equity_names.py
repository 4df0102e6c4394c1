"""Groups of citizens, measures and differences of the equity analysis in the user's words: the page,
`tyndau equity` and the training plan's reasons all name them from here."""

from __future__ import annotations

from dashboard.i18n import STRINGS, area_name, number, percent, points, signed, text

SHARES = ("on_time", "negative")   # measures that are shares (differences in percentage points)


def dimension_name(dimension: str, lang: str) -> str:
    return text(f"equity.dimension.{dimension}", lang)


def group_name(dimension: str, value: str, lang: str) -> str:
    """'rural residents', 'aged 60+', 'rural residents × with a disability' (intersections by their parts)."""
    from insights.equity import INTERSECTIONS

    if dimension in INTERSECTIONS:
        return " × ".join(group_name(part, v, lang) for part, v in zip(INTERSECTIONS[dimension], value.split("|")))
    if value in ("unknown", "unrecognised"):
        return f"{dimension_name(dimension, lang)}: {text(f'equity.group.{value}', lang)}"
    if dimension == "age_band":
        return text("equity.group.age_band", lang, band=value)
    key = f"equity.group.{dimension}.{value}"
    return text(key, lang) if key in STRINGS else value


def measure_name(measure: str, area: str | None, lang: str) -> str:
    if measure == "negative":
        return text("equity.measure.negative", lang, area=area_name(area, lang))
    return text(f"equity.measure.{measure}", lang)


def figure_text(measure: str, value, lang: str) -> str:
    """A group's figure: a share, days or a score."""
    if measure in SHARES:
        return percent(value, lang)
    return number(value, lang, digits=1)


def difference_text(measure: str, value, lang: str) -> str:
    """A difference between groups with its unit: percentage points, days or points of the scale."""
    if value is None or value != value:
        return text("value.none", lang)
    if measure in SHARES:
        return points(value, lang)
    unit = "equity.unit.days" if measure == "days_to_answer" else "equity.unit.points"
    return text(unit, lang, value=signed(value, lang))


def interval_text(measure: str, low, high, lang: str) -> str:
    return f"{difference_text(measure, low, lang)} … {difference_text(measure, high, lang)}"


def p_text(p, lang: str) -> str:
    """Below a thousandth the digits say nothing more."""
    return "< " + number(0.001, lang, digits=3) if p is not None and p < 0.001 else number(p, lang, digits=3)
