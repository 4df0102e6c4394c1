"""Did training work? For each course session, the agency's complaint rate on the course's areas
before and after, against agencies of the same kind without such a course: the difference in
differences with an interval that allows for correlated months, "clear" only after adjusting for the
number of effects shown (Benjamini-Hochberg), and the months behind it."""

import polars as pl
import streamlit as st

from dashboard import data, training_charts
from dashboard.components import namer, table
from dashboard.guard import enter, query
from dashboard.i18n import area_name, day, number, percent, signed, t
from insights.training import impact, planning

CHART_ROWS = 20
RATES = ("treated_before_rate", "treated_after_rate", "control_before_rate", "control_after_rate")

ctx = enter("training_impact")
st.title(t("page.training_impact"))
rules = planning.PlanningRules.from_settings(data.settings())
st.caption(t("impact.intro", months=number(rules.impact_window_months)))
effects = query(impact.training_impact, rules, ctx.filters.agencies)
if effects.height == 0:
    st.warning(t("impact.no_sessions"))
    st.stop()

agency_label, area_label = namer("agency", ctx.lang), namer("area", ctx.lang)
measured = effects.filter(~pl.col("is_unmeasured"))
cols = st.columns(3)
cols[0].metric(t("impact.sessions"), number(effects["session_id"].n_unique()))
cols[1].metric(t("impact.measured"), number(measured.height))
cols[2].metric(t("impact.significant"), number(measured.filter(pl.col("is_significant")).height))
st.caption(t("impact.multiple", tests=number(measured.select(impact.TREATMENT).unique().height), fdr=percent(impact.FDR, digits=0)))


def pp(value) -> str:
    """A share's change as percentage points, the unit being in the column's or metric's name."""
    return signed(None if value is None or value != value else 100 * value, ctx.lang)


def p_text(p) -> str:
    """Below a thousandth the digits say nothing more."""
    return "< " + number(0.001, ctx.lang, digits=3) if p is not None and p < 0.001 else number(p, ctx.lang, digits=3)


def interval(r: dict) -> str:
    return f"{pp(r['effect_low'])} … {pp(r['effect_high'])}"


def row_label(r: dict) -> str:
    parts = (r["session_id"], agency_label(r["agency_key"]), r["course_id"], area_name(r["area"], ctx.lang))
    return " · ".join(parts)


def formatted(frame: pl.DataFrame) -> pl.DataFrame:
    """The effects as people read them: every number in the interface language's format."""
    # Polars runs these in its own threads, where Streamlit's session (and so the chosen language) is
    # unknown: every formatter is given the language explicitly.
    text = lambda column, fn: pl.col(column).map_elements(fn, return_dtype=pl.Utf8, skip_nulls=False)  # noqa: E731
    in_language = lambda fn: lambda v: fn(v, ctx.lang)  # noqa: E731
    return frame.select(
        "session_id",
        text("agency_key", agency_label).alias("agency"),
        "course_id",
        text("session_date", in_language(day)),
        text("staff_trained", in_language(number)),
        text("area", area_label).alias("area_name"),
        *[text(c, in_language(percent)) for c in RATES],
        text("control_agencies", in_language(number)),
        text("effect", pp),
        pl.struct("effect_low", "effect_high").map_elements(interval, return_dtype=pl.Utf8).alias("effect_interval"),
        text("p_value", p_text),
        text("p_adjusted", p_text),
        "is_significant",
    )


st.subheader(t("impact.effects"))
clearest = measured.sort("p_value", nulls_last=True).head(CHART_ROWS).sort("effect", descending=True)
st.plotly_chart(training_charts.effect_dots(clearest, row_label, t("impact.effect_axis")), key="impact.dots")
st.caption(t("impact.chart_caption", n=number(CHART_ROWS)))
table(formatted(effects), "training_impact")

st.subheader(t("impact.months"))
choices = [(r["session_id"], r["area"]) for r in measured.sort("effect").iter_rows(named=True)]
if not choices:
    st.caption(t("impact.none_measured"))
    st.stop()
labels = {(r["session_id"], r["area"]): row_label(r) for r in measured.iter_rows(named=True)}
session_id, area = st.selectbox(t("impact.pick"), choices, format_func=labels.get, key="impact.pick")
row = measured.filter((pl.col("session_id") == session_id) & (pl.col("area") == area)).row(0, named=True)
cols = st.columns(3)
cols[0].metric(t("impact.effect"), pp(row["effect"]))
cols[1].metric(t("training.interval"), interval(row))
cols[2].metric(t("column.p_adjusted"), p_text(row["p_adjusted"]))
series = query(impact.impact_series, session_id, area, rules)
st.plotly_chart(training_charts.impact_lines(series, row["session_month"],
                                             {"treated": agency_label(row["agency_key"]),
                                              "comparison": t("impact.comparison")},
                                             t("impact.session", date=day(row["session_date"]))),
                key="impact.lines")
st.caption(t("impact.assumptions"))
