"""Did training work? For each course session, the agency's complaint rate on the course's areas
before and after, against agencies of the same kind without such a course: the difference in
differences with its 95 % interval, and the months behind it."""

import polars as pl
import streamlit as st

from dashboard import data, training_charts
from dashboard.components import fmt_number, namer, table
from dashboard.guard import enter, query
from dashboard.i18n import area_name, signed, t
from warehouse import impact, planning

CHART_ROWS = 20

ctx = enter("training_impact")
st.title(t("page.training_impact"))
rules = planning.PlanningRules.from_settings(data.settings())
st.caption(t("impact.intro", months=rules.impact_window_months))
effects = query(impact.training_impact, rules, ctx.filters.agencies)
if effects.height == 0:
    st.warning(t("impact.no_sessions"))
    st.stop()

agency_label, area_label = namer("agency", ctx.lang), namer("area", ctx.lang)
measured = effects.filter(~pl.col("is_unmeasured"))
cols = st.columns(3)
cols[0].metric(t("impact.sessions"), fmt_number(effects['session_id'].n_unique(), 0))
cols[1].metric(t("impact.measured"), fmt_number(measured.height, 0))
cols[2].metric(t("impact.significant"), fmt_number(measured.filter(pl.col('is_significant')).height, 0))


def pp(value) -> str:
    return signed(None if value is None or value != value else 100 * value)


def row_label(r: dict) -> str:
    parts = (r["session_id"], agency_label(r["agency_key"]), r["course_id"], area_name(r["area"], ctx.lang))
    return " · ".join(parts)


st.subheader(t("impact.effects"))
clearest = measured.with_columns((pl.col("effect") / pl.col("effect_se")).abs().alias("z")).sort(
    "z", descending=True, nulls_last=True).head(CHART_ROWS).sort("effect", descending=True)
st.plotly_chart(training_charts.effect_dots(clearest, row_label, t("impact.effect_axis")), key="impact.dots")
st.caption(t("impact.chart_caption", n=CHART_ROWS))
table(effects.select(
    "session_id",
    pl.col("agency_key").map_elements(agency_label, return_dtype=pl.Utf8).alias(t("dimension.agency")),
    pl.col("course_id").alias(t("training.course_id")),
    pl.col("session_date").cast(pl.Date).cast(pl.Utf8).alias(t("impact.date")),
    pl.col("staff_trained").alias(t("impact.staff")),
    pl.col("area").map_elements(area_label, return_dtype=pl.Utf8).alias(t("dimension.area")),
    pl.col("treated_before_rate").alias(t("impact.before")),
    pl.col("treated_after_rate").alias(t("impact.after")),
    pl.col("control_before_rate").alias(t("impact.control_before")),
    pl.col("control_after_rate").alias(t("impact.control_after")),
    pl.col("control_agencies").alias(t("impact.controls")),
    pl.col("effect").map_elements(pp, return_dtype=pl.Utf8).alias(t("impact.effect")),
    (pl.col("effect_low").map_elements(pp, return_dtype=pl.Utf8) + " .. "
     + pl.col("effect_high").map_elements(pp, return_dtype=pl.Utf8)).alias(t("training.interval")),
    pl.col("is_significant").alias(t("impact.is_significant")),
), "training_impact", column_config={c: st.column_config.NumberColumn(format="percent") for c in (
    t("impact.before"), t("impact.after"), t("impact.control_before"), t("impact.control_after"))})

st.subheader(t("impact.months"))
choices = [(r["session_id"], r["area"]) for r in measured.sort("effect").iter_rows(named=True)]
if not choices:
    st.caption(t("impact.none_measured"))
    st.stop()
labels = {(r["session_id"], r["area"]): row_label(r) for r in measured.iter_rows(named=True)}
session_id, area = st.selectbox(t("impact.pick"), choices, format_func=labels.get, key="impact.pick")
row = measured.filter((pl.col("session_id") == session_id) & (pl.col("area") == area)).row(0, named=True)
cols = st.columns(2)
cols[0].metric(t("impact.effect"), pp(row["effect"]))
cols[1].metric(t("training.interval"), f"{pp(row['effect_low'])} .. {pp(row['effect_high'])}")
series = query(impact.impact_series, session_id, area, rules)
st.plotly_chart(training_charts.impact_lines(series, row["session_month"],
                                             {"treated": agency_label(row["agency_key"]),
                                              "comparison": t("impact.comparison")},
                                             t("impact.session", date=f"{row['session_date']:%Y-%m-%d}")),
                key="impact.lines")
st.caption(t("impact.assumptions"))
