"""Overview: the headline figures of the period against the period before, for every role."""

import streamlit as st

from dashboard import charts
from dashboard.components import (TEXT_LIMIT, fmt_date, fmt_number, fmt_pct, kpi, namer, period_caption,
                                  selected_points, text_list, text_reader)
from dashboard.guard import enter, query
from dashboard.i18n import t
from insights import responsiveness, scope, themes

ctx = enter("overview")
st.title(t("page.overview"))
st.caption(t("overview.intro"))
bounds = query(scope.data_bounds)
st.caption(t("common.as_of", first=fmt_date(bounds["first_registered"]), last=fmt_date(bounds["last_registered"]),
             load=fmt_date(bounds["last_load"])))
period_caption(ctx)

compared = query(responsiveness.period_comparison, ctx.filters)
now, before = compared["current"], compared["previous"]
if not now["appeals"]:
    st.warning(t("common.no_data"))
    st.stop()

areas = query(themes.area_totals, ctx.filters)
areas_before = query(themes.area_totals, ctx.filters.previous_period())
negative_now = query(themes.appeals_with_evidence, ctx.filters, "negative")
negative_then = query(themes.appeals_with_evidence, ctx.filters.previous_period(), "negative")
negative_share = negative_now / now["appeals"] if areas.height else None
negative_before = negative_then / before["appeals"] if areas_before.height and before["appeals"] else None

cols = st.columns(5)
kpi(cols[0], t("metric.appeals"), fmt_number(now["appeals"], 0), now["appeals"], before["appeals"] or None)
kpi(cols[1], t("metric.on_time"), fmt_pct(now["on_time_rate"]), now["on_time_rate"], before["on_time_rate"], percent=True)
kpi(cols[2], t("metric.median_days"), fmt_number(now["median_days"], 0), now["median_days"], before["median_days"],
    inverse=True)
kpi(cols[3], t("metric.satisfaction"), fmt_number(now["mean_satisfaction"], 2), now["mean_satisfaction"],
    before["mean_satisfaction"])
kpi(cols[4], t("metric.negative_share"), fmt_pct(negative_share), negative_share, negative_before, percent=True,
    inverse=True)

monthly = query(responsiveness.monthly_responsiveness, ctx.filters)
previous = query(responsiveness.monthly_responsiveness, ctx.filters.previous_period())
left, right = st.columns(2)
with left:
    st.subheader(t("overview.volume"))
    st.plotly_chart(charts.volume_bars(monthly, "key", "appeals", y_title=t("metric.appeals")),
                    key="overview.volume")
with right:
    st.subheader(t("overview.on_time_trend"))
    st.plotly_chart(charts.trend_lines(monthly, previous, "on_time_rate", current_name=t("common.current"),
                                       previous_name=t("common.previous"), percent=True), key="overview.on_time")

st.subheader(t("overview.top_areas"))
if areas.height == 0:
    st.info(t("common.no_labels"))
else:
    names = [t("value.polarity.negative"), t("value.polarity.positive"), t("value.polarity.neutral")]
    event = st.plotly_chart(charts.stacked_polarity_bars(areas, namer("area", ctx.lang), names,
                                                         x_title=t("metric.appeals")),
                            key="overview.areas", on_select="rerun", selection_mode="points")
    st.caption(t("common.select_hint"))
    picked = selected_points(event)
    if picked:
        texts = query(themes.texts_behind, ctx.filters, area=picked[0], limit=TEXT_LIMIT)
        total = query(themes.count_behind, ctx.filters, area=picked[0])
        chosen = text_list(ctx, texts, f"texts_{picked[0]}", f"overview: area={picked[0]}", "overview", total=total)
        if chosen:
            text_reader(ctx, chosen)
