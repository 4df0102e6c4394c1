"""The training plan: the seats a budget (and a seat limit) buys where they close the most gap,
with the reasons, against the plan a planner would make by hand; Excel and CSV downloads."""

import polars as pl
import streamlit as st

from dashboard import data, training_charts
from dashboard.components import fmt_number, namer
from dashboard.guard import enter, query
from dashboard.i18n import area_name, signed, t
from dashboard.safe_markdown import md_escape
from warehouse import planning

DEFAULT_BUDGET = 10_000_000

ctx = enter("training_plan")
st.title(t("page.training_plan"))
st.caption(t("plan.intro"))
rules = planning.PlanningRules.from_settings(data.settings())

left, right = st.columns(2)
budget = left.number_input(t("plan.budget"), min_value=100_000, value=DEFAULT_BUDGET, step=1_000_000,
                           key="plan.budget", format="%d")
seats = right.number_input(t("plan.seats"), min_value=0, value=0, step=10, key="plan.seats",
                           help=t("plan.seats_help"))
seat_limit = int(seats) or None

plan = query(planning.training_plan, float(budget), seat_limit, ctx.filters, rules)
naive = query(planning.naive_plan_value, float(budget), seat_limit, ctx.filters, rules)
summary = planning.plan_summary(plan, float(budget), seat_limit)
cols = st.columns(5)
cols[0].metric(t("plan.cost"), fmt_number(summary['cost'], 0))
cols[1].metric(t("plan.seats_used"), fmt_number(summary['seats'], 0))
cols[2].metric(t("plan.agencies"), fmt_number(summary['agencies'], 0))
cols[3].metric(t("plan.value"), f"{summary['value']:.1f}")
cols[4].metric(t("plan.vs_naive"), signed(summary['value'] - naive if naive is not None else None))
st.caption(t("plan.value_caption"))

if plan.height == 0:
    st.info(t("plan.empty"))
    st.stop()

agency_label = namer("agency", ctx.lang)
shown = plan.select(
    pl.col("agency_key").map_elements(agency_label, return_dtype=pl.Utf8).alias(t("dimension.agency")),
    pl.col("course_id").alias(t("training.course_id")),
    pl.col(f"title_{ctx.lang}").alias(t("training.course")),
    pl.col("seats").alias(t("plan.seats_col")),
    pl.col("cost").alias(t("plan.cost")),
    pl.col("gap_areas").map_elements(lambda a: ", ".join(area_name(x, ctx.lang) for x in a),
                                     return_dtype=pl.Utf8).alias(t("training.develops")),
    (pl.col("gap_score") * 100).round(1).alias(t("training.gap_pp")),
    pl.col("certainty").alias(t("training.certainty")),
    pl.col("negative_appeals").alias(t("training.complaints")),
    pl.col("plan_value").round(2).alias(t("plan.value")),
)
st.dataframe(shown.to_pandas(), hide_index=True, width="stretch", key="plan.table", column_config={
    t("plan.cost"): st.column_config.NumberColumn(format="%,.0f"),
    t("training.certainty"): st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")})
first, second, _ = st.columns([1, 1, 4])
first.download_button(t("common.download_xlsx"), planning.plan_xlsx_bytes(plan, summary, ctx.lang),
                      file_name="training_plan.xlsx", key="plan.xlsx", icon=":material/table_view:",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
second.download_button(t("common.download_csv"), planning.plan_csv_bytes(plan, ctx.lang), file_name="training_plan.csv",
                       mime="text/csv", key="plan.csv", icon=":material/download:")
st.subheader(t("plan.by_agency"))
st.plotly_chart(training_charts.plan_cost_bars(plan, agency_label, t("plan.cost")), key="plan.chart")
st.caption(t("plan.method", method=md_escape(plan["method"][0])))
