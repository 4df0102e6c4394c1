"""Responsiveness: answers against the legal deadline, for agency leadership (aggregates only)."""

from datetime import date

import polars as pl
import streamlit as st

from dashboard import charts, data
from dashboard.components import (fmt_date, fmt_number, fmt_pct, kpi, namer, period_caption, selected_points, table,
                                  text_list, text_reader)
from dashboard.guard import enter, query
from dashboard.i18n import t
from insights import responsiveness, scope

ctx = enter("responsiveness")
settings = data.settings()
st.title(t("page.responsiveness"))
st.caption(t("resp.intro"))
st.caption(t("resp.deadline_note", days=settings.working_days_to_answer, ext=settings.extension_max_days))
period_caption(ctx)

compared = query(responsiveness.period_comparison, ctx.filters)
now, before = compared["current"], compared["previous"]
if not now["appeals"]:
    st.warning(t("common.no_data"))
    st.stop()


def share(kpis: dict, name: str):
    return kpis[name] / kpis["appeals"] if kpis["appeals"] else None


first = st.columns(4)
kpi(first[0], t("metric.appeals"), fmt_number(now["appeals"], 0), now["appeals"], before["appeals"] or None)
kpi(first[1], t("metric.on_time"), fmt_pct(now["on_time_rate"]), now["on_time_rate"], before["on_time_rate"], percent=True,
    help=t("metric.on_time_help", days=settings.working_days_to_answer))
kpi(first[2], t("metric.median_days"), fmt_number(now["median_days"], 0), now["median_days"], before["median_days"],
    inverse=True)
kpi(first[3], t("metric.p90_days"), fmt_number(now["p90_days"], 0), now["p90_days"], before["p90_days"], inverse=True)
second = st.columns(4)
for column, name in zip(second[:3], ("ping_pong", "repeats", "interim_only")):
    kpi(column, t(f"metric.{name}"), fmt_pct(share(now, name)), share(now, name), share(before, name), percent=True,
        inverse=True)
kpi(second[3], t("metric.satisfaction"), fmt_number(now["mean_satisfaction"], 2), now["mean_satisfaction"],
    before["mean_satisfaction"])

# ---------------------------------------------------------------- breakdown and ranking
st.header(t("resp.breakdown"))
dimension = st.selectbox(t("resp.by"), list(scope.DIMENSIONS), format_func=lambda d: t(f"dimension.{d}"),
                         key="resp.dimension")
by = query(responsiveness.responsiveness_by, ctx.filters, dimension, settings.min_count_for_ranking)
label = namer(dimension, ctx.lang)
if by.height:
    overall = now["on_time_rate"]
    st.plotly_chart(charts.rate_bars(by.head(40), label, "on_time_rate", "on_time_low", "on_time_high",
                                     title=t("resp.on_time_chart"), reference=overall,
                                     reference_label=t("resp.national")), key="resp.bars")
    shown = by.with_columns(pl.col("key").map_elements(label, return_dtype=pl.Utf8).alias("label")).select(
        "label", "appeals", "on_time_rate", "on_time_low", "on_time_high", "on_time_shrunk", "median_days", "p90_days",
        "ping_pong_rate", "repeat_rate", "interim_only_rate", "mean_satisfaction", "satisfied_rate", "ranked")
    table(shown, f"responsiveness_by_{dimension}", column_config={
        "label": t(f"dimension.{dimension}"), "appeals": t("metric.appeals"),
        "on_time_rate": st.column_config.NumberColumn(t("metric.on_time"), format="percent"),
        "on_time_low": st.column_config.NumberColumn("95% −", format="percent"),
        "on_time_high": st.column_config.NumberColumn("95% +", format="percent"),
        "on_time_shrunk": st.column_config.NumberColumn(t("resp.ranking"), format="percent"),
        "median_days": t("metric.median_days"), "p90_days": t("metric.p90_days"),
        "ping_pong_rate": st.column_config.NumberColumn(t("metric.ping_pong"), format="percent"),
        "repeat_rate": st.column_config.NumberColumn(t("metric.repeats"), format="percent"),
        "interim_only_rate": st.column_config.NumberColumn(t("metric.interim_only"), format="percent"),
        "mean_satisfaction": st.column_config.NumberColumn(t("metric.satisfaction"), format="%.2f"),
        "satisfied_rate": st.column_config.NumberColumn(t("metric.satisfied"), format="percent"),
    })
    if dimension != "month":
        st.subheader(t("resp.ranking"))
        st.caption(t("resp.ranking_note", n=settings.min_count_for_ranking))
        ranked = by.filter(pl.col("ranked")).sort("on_time_shrunk", descending=True).with_row_index("place", offset=1)
        unranked = by.height - ranked.height
        table(ranked.with_columns(pl.col("key").map_elements(label, return_dtype=pl.Utf8).alias("label"))
              .select("place", "label", "appeals", "on_time_shrunk", "on_time_rate", "on_time_low", "on_time_high"),
              f"ranking_{dimension}", column_config={
                  "label": t(f"dimension.{dimension}"), "appeals": t("metric.appeals"),
                  "on_time_shrunk": st.column_config.NumberColumn(t("resp.ranking"), format="percent"),
                  "on_time_rate": st.column_config.NumberColumn(t("metric.on_time"), format="percent"),
                  "on_time_low": st.column_config.NumberColumn("95% −", format="percent"),
                  "on_time_high": st.column_config.NumberColumn("95% +", format="percent")})
        if unranked:
            st.caption(t("resp.unranked", n=unranked))

# ---------------------------------------------------------------- trend
st.header(t("resp.trend"))
measures = {"on_time_rate": t("metric.on_time"), "median_days": t("metric.median_days"),
            "p90_days": t("metric.p90_days"), "appeals": t("metric.appeals"),
            "ping_pong_rate": t("metric.ping_pong"), "repeat_rate": t("metric.repeats"),
            "mean_satisfaction": t("metric.satisfaction")}
measure = st.selectbox(t("resp.trend_metric"), list(measures), format_func=measures.get, key="resp.trend_measure")
monthly = query(responsiveness.monthly_responsiveness, ctx.filters)
previous = query(responsiveness.monthly_responsiveness, ctx.filters.previous_period())
st.plotly_chart(charts.trend_lines(monthly, previous, measure, current_name=t("common.current"),
                                   previous_name=t("common.previous"), y_title=measures[measure],
                                   percent=measure.endswith("rate")), key="resp.trend")

# ---------------------------------------------------------------- backlog
st.header(t("resp.backlog"))
bounds = query(scope.data_bounds)
last_day = bounds["last_registered"].date() if bounds["last_registered"] else date.today()
as_of = st.date_input(t("resp.as_of"), value=last_day, key="resp.as_of")
backlog = query(responsiveness.overdue_backlog, ctx.filters, as_of)
agency = namer("agency", ctx.lang)
st.markdown(t("resp.backlog_total", n=fmt_number(int(backlog['overdue'].sum()) if backlog.height else 0, 0), date=fmt_date(as_of)))
if backlog.height:
    event = st.plotly_chart(charts.backlog_bars(backlog, agency, x_title=t("metric.overdue")), key="resp.backlog",
                            on_select="rerun", selection_mode="points")
    table(backlog.with_columns(pl.col("agency_key").map_elements(agency, return_dtype=pl.Utf8).alias("agency")),
          "overdue_backlog", column_config={"agency": t("dimension.agency"), "overdue": t("metric.overdue")})
    if ctx.user.can_read_texts:
        picked = selected_points(event)
        keys = backlog["agency_key"].to_list()
        chosen = st.selectbox(t("resp.backlog_agency"), keys, format_func=agency, key="resp.backlog_agency",
                              index=keys.index(picked[0]) if picked and picked[0] in keys else None)
        if chosen:
            appeals = query(responsiveness.overdue_appeals, ctx.filters, as_of, chosen)
            read = text_list(ctx, appeals, "overdue_appeals", f"overdue {chosen} as of {as_of}", "overdue",
                             extra_columns=("due_date", "days_overdue"))
            if read:
                text_reader(ctx, read)

# ---------------------------------------------------------------- redirects
st.header(t("resp.redirects"))
chains = query(responsiveness.redirect_chains, ctx.filters)
pairs = query(responsiveness.redirect_pairs, ctx.filters)
left, right = st.columns(2)
with left:
    st.subheader(t("resp.chains"))
    if chains.height:
        st.plotly_chart(charts.chain_bars(chains, [t(f"resp.chain.{n}") for n in chains["redirect_count"].to_list()],
                                          y_title=t("metric.appeals")), key="resp.chains")
        table(chains.select("redirect_count", "appeals", "on_time_rate", "on_time_low", "on_time_high"),
              "redirect_chains", column_config={
                  "redirect_count": t("metric.redirects"), "appeals": t("metric.appeals"),
                  "on_time_rate": st.column_config.NumberColumn(t("metric.on_time"), format="percent"),
                  "on_time_low": st.column_config.NumberColumn("95% −", format="percent"),
                  "on_time_high": st.column_config.NumberColumn("95% +", format="percent")})
with right:
    st.subheader(t("resp.pairs"))
    if pairs.height:
        table(pairs.with_columns(pl.col("from_agency").map_elements(agency, return_dtype=pl.Utf8),
                                 pl.col("to_agency").map_elements(agency, return_dtype=pl.Utf8)),
              "redirect_pairs", column_config={"from_agency": t("resp.from"), "to_agency": t("resp.to"),
                                               "redirects": t("metric.redirects"), "returns": t("metric.returns"),
                                               "appeals": t("metric.appeals")})
