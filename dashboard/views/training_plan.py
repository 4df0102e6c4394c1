"""The training plan: mandatory courses first, then the seats a budget (and a seat limit) buys where
they close the most positive gap, each line with why it was chosen, against the plan a planner would
make by hand; coverage of the staff categories mandatory courses must reach; Excel and CSV downloads."""

import polars as pl
import streamlit as st

from dashboard import data, training_charts
from dashboard.components import export_about, export_headers, kpi, namer, table
from dashboard.guard import enter, query
from dashboard.i18n import area_name, number, percent, points, signed, t, value_name
from dashboard.plan_reasons import category_names, with_reasons
from dashboard.safe_markdown import md_escape
from insights.training import planning

DEFAULT_BUDGET = 10_000_000

ctx = enter("training_plan")
st.title(t("page.training_plan"))
st.caption(t("plan.intro"))
rules = planning.PlanningRules.from_settings(data.settings())
catalogue = query(planning.course_catalogue)
titles = dict(zip(catalogue["course_id"].to_list(), catalogue[f"title_{ctx.lang}"].to_list()))

left, right = st.columns(2)
budget = left.number_input(t("plan.budget"), min_value=100_000, value=DEFAULT_BUDGET, step=1_000_000,
                           key="plan.budget", format="%d")
seats = right.number_input(t("plan.seats"), min_value=0, value=0, step=10, key="plan.seats",
                           help=t("plan.seats_help"))
seat_limit = int(seats) or None
left, right = st.columns(2)
mandatory = left.multiselect(t("plan.mandatory"), list(titles), format_func=lambda c: f"{c} {titles[c]}",
                             key="plan.mandatory", help=t("plan.mandatory_help"))
categories = sorted(query(planning.staff_categories)["category"].unique().to_list(),
                    key=lambda c: (c != planning.ALL_STAFF, c))
reach = right.multiselect(t("plan.categories"), categories, default=[planning.ALL_STAFF],
                          format_func=lambda c: value_name("staff_category", c, ctx.lang), key="plan.categories",
                          disabled=not mandatory)
mandates = tuple(planning.Mandate(course, tuple(reach) or (planning.ALL_STAFF,)) for course in mandatory)

plan, coverage = query(planning.plan_with_coverage, float(budget), seat_limit, ctx.filters, rules, mandates)
naive = query(planning.naive_plan_value, float(budget), seat_limit, ctx.filters, rules, mandates)
summary = planning.plan_summary(plan, float(budget), seat_limit, coverage)
cols = st.columns(6)
kpi(cols[0], t("plan.cost"), number(summary["cost"]))
kpi(cols[1], t("plan.seats_used"), number(summary["seats"]))
kpi(cols[2], t("plan.agencies"), number(summary["agencies"]))
kpi(cols[3], t("plan.value"), number(summary["value"], digits=1))
kpi(cols[4], t("plan.vs_naive"), signed(summary["value"] - naive if naive is not None else None))
kpi(cols[5], t("plan.mandatory_cost"), number(summary["mandatory_cost"]))
st.caption(t("plan.value_caption"))

if mandates:
    st.subheader(t("plan.coverage"))
    table(coverage.select(
        pl.col("course_id").replace_strict(titles, default=pl.col("course_id")).alias("course"),
        pl.col("category").map_elements(lambda c: value_name("staff_category", c, ctx.lang), return_dtype=pl.Utf8),
        pl.col("agencies").map_elements(lambda v: number(v, ctx.lang), return_dtype=pl.Utf8),
        pl.col("agencies_reached").map_elements(lambda v: number(v, ctx.lang), return_dtype=pl.Utf8),
        pl.col("staff").map_elements(lambda v: number(v, ctx.lang), return_dtype=pl.Utf8),
        pl.col("seats_needed").map_elements(lambda v: number(v, ctx.lang), return_dtype=pl.Utf8),
        pl.col("seats").map_elements(lambda v: number(v, ctx.lang), return_dtype=pl.Utf8),
        pl.col("coverage").map_elements(lambda v: percent(v, ctx.lang), return_dtype=pl.Utf8),
    ), "mandatory_coverage")
    st.caption(t("plan.coverage_caption"))

if plan.height == 0:
    st.info(t("plan.empty"))
    st.stop()

plan = with_reasons(plan, ctx.lang)
agency_label = namer("agency", ctx.lang)
dash = t("value.none")
first, second, _ = st.columns([2, 2, 3])
headers = export_headers([*planning.PLAN_EXPORT_COLUMNS, *summary], ctx.lang) | {
    "item": t("export.item"), "value": t("column.value"), "about": t("export.about_sheet"), "agency_key": None}
about = export_about("training_plan").vstack(pl.DataFrame(
    [(t("export.budget"), number(budget, ctx.lang))], schema=[t("export.item"), t("export.value")], orient="row"))
sheet_names = (t("page.training_plan")[:31], t("plan.summary_sheet"))  # not inside the callable: see components
first.download_button(t("plan.download_xlsx"),
                      lambda: planning.plan_xlsx_bytes(plan, summary, ctx.lang, headers, about, sheet_names),
                      file_name="training_plan.xlsx", key="plan.xlsx", icon=":material/table_view:", on_click="ignore",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
second.download_button(t("plan.download_csv"), lambda: planning.plan_csv_bytes(plan, ctx.lang, headers),
                       file_name="training_plan.csv", mime="text/csv", key="plan.csv", icon=":material/download:",
                       on_click="ignore")


def shown_or_dash(fmt):
    return lambda v: dash if v is None else fmt(v)


table(plan.select(
    pl.col("agency_key").map_elements(agency_label, return_dtype=pl.Utf8).alias("agency"),
    "course_id", pl.col(f"title_{ctx.lang}").alias("course"),
    pl.col("seats").map_elements(lambda v: number(v, ctx.lang), return_dtype=pl.Utf8),
    pl.col("cost").map_elements(lambda v: number(v, ctx.lang), return_dtype=pl.Utf8),
    pl.col("plan_value").map_elements(lambda v: number(v, ctx.lang, digits=2), return_dtype=pl.Utf8),
    pl.col("mandatory_for").map_elements(lambda c: category_names(c, ctx.lang) or dash, return_dtype=pl.Utf8),
    pl.col("gap_areas").map_elements(lambda a: ", ".join(area_name(x, ctx.lang) for x in a) or dash,
                                     return_dtype=pl.Utf8),
    pl.col("gap_score").map_elements(shown_or_dash(lambda v: points(v, ctx.lang)), return_dtype=pl.Utf8).alias("gap_pp"),
    pl.col("certainty").map_elements(shown_or_dash(lambda v: percent(v, ctx.lang, digits=0)), return_dtype=pl.Utf8),
    pl.col("survey_shortfall").map_elements(shown_or_dash(lambda v: percent(v, ctx.lang)), return_dtype=pl.Utf8)
    .alias("survey_shortfall_pp"),
    pl.col("citizens_part").map_elements(shown_or_dash(lambda v: number(100 * v, ctx.lang, digits=2)), return_dtype=pl.Utf8),
    pl.col("survey_part").map_elements(shown_or_dash(lambda v: number(100 * v, ctx.lang, digits=2)), return_dtype=pl.Utf8),
    pl.col("negative_appeals").map_elements(shown_or_dash(lambda v: number(v, ctx.lang)), return_dtype=pl.Utf8),
    pl.col("classified_appeals").map_elements(shown_or_dash(lambda v: number(v, ctx.lang)), return_dtype=pl.Utf8),
    "reason",
), "training_plan_lines", column_config={"reason": st.column_config.TextColumn(width="large")})
st.subheader(t("plan.by_agency"))
st.plotly_chart(training_charts.plan_cost_bars(plan, agency_label, lambda c: titles.get(c, c), t("plan.cost")),
                key="plan.chart")
st.caption(t("plan.method", method=md_escape(plan["method"][0])))
