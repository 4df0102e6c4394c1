"""Early warning: the months in which an agency's appeals, its complaints about one area, or the
appeals of an emerging theme (named in the interface language) rose beyond their baseline
(insights.alerts, found by the build), each with its evidence, the series and its baseline band,
example appeals for roles that may read texts, and an acknowledgement.

The page reads the snapshot and never writes the warehouse: an acknowledgement is queued in the
inbox (warehouse.alert_state) with the signed-in user and the moment of the click, shown as pending
until the writer (`tyndau alerts --apply` or `--send`) has stored it and published a new snapshot."""

import polars as pl
import streamlit as st

from dashboard import charts, data
from dashboard.components import namer, table, text_list, text_reader
from dashboard.guard import enter, query, show_error
from dashboard.i18n import day, month, number, percent, t, value_name
from dashboard.safe_markdown import md_escape
from insights.alerts import AlertRules, alert_list, series_with_band
from insights.themes import fetch_texts
from tyndau.digest import alert_title, evidence_line, measure, p_text, where
from warehouse.alert_state import Acknowledgement, pending_acknowledgements, queue_acknowledgement
from warehouse.errors import TyndauError

ctx = enter("alerts")
settings = data.settings()
st.title(t("page.alerts"))
st.caption(t("alerts.intro", fdr=percent(settings.alert_fdr, digits=0)))

alerts = query(alert_list)
if ctx.filters.agencies:
    alerts = alerts.filter(pl.col("agency_key").is_in(list(ctx.filters.agencies)))
pending = pending_acknowledgements(settings)
cols = st.columns(3)
for column, status in zip(cols, ("new", "sent", "acknowledged")):
    column.metric(t(f"alerts.{status}"), number(alerts.filter(pl.col("status") == status).height, ctx.lang))

show = st.radio(t("alerts.show"), ("open", "all"), format_func=lambda v: t(f"alerts.{v}"), horizontal=True,
                key="alerts.show")
shown = alerts if show == "all" else alerts.filter(pl.col("status") != "acknowledged")
if shown.height == 0:
    st.info(t("alerts.none"))
    st.stop()

agency_label, region_label = namer("agency", ctx.lang), namer("region", ctx.lang)
names = {"agency": {k: agency_label(k) for k in shown["agency_key"].unique()},
         "region": {k: region_label(k) for k in shown["region_key"].unique()}}


rows = shown.to_dicts()
places = [where(r, names, ctx.lang) for r in rows]
listing = pl.DataFrame({
    "month": [month(r["month"], ctx.lang) for r in rows],
    "agency": [agency for agency, _ in places],
    "region": [region for _, region in places],
    "metric": [measure(r, ctx.lang) for r in rows],
    "observed": [number(r["observed"], ctx.lang) for r in rows],
    "expected": [number(r["expected"], ctx.lang, digits=1) for r in rows],
    "upper": [number(r["upper"], ctx.lang) for r in rows],
    "q_value": [p_text(r["q_value"], ctx.lang) for r in rows],
    "status": [value_name("alert_status", r["status"], ctx.lang) for r in rows],
})
event = table(listing, "alerts", on_select="rerun", key="alerts.list")
selected = event.selection.rows if hasattr(event, "selection") and event.selection.rows else [0]
alert = rows[selected[0]]

st.subheader(md_escape(alert_title(alert, names, ctx.lang)))
st.markdown(md_escape(evidence_line(alert, ctx.lang)))
band = query(series_with_band, alert["metric"], alert["agency_key"], alert["region_key"], alert["area"],
             AlertRules.from_settings(settings))
chart_names = {k: t(f"alerts.chart.{k}") for k in ("count", "expected", "band", "alert")}
st.plotly_chart(charts.baseline_band(band, chart_names, alert["month"], t("alerts.chart_title")),
                key=f"alerts.chart.{alert['alert_id']}")

if alert["acknowledged_by"]:
    acknowledged = settings.local_time(alert["acknowledged_at"])  # stored in UTC; the user's day is local
    st.success(t("alerts.ack_done", user=md_escape(alert["acknowledged_by"]), at=day(acknowledged, ctx.lang)))
elif alert["alert_id"] in pending:
    queued = pending[alert["alert_id"]]
    st.info(t("alerts.ack_pending", user=md_escape(queued.user), at=md_escape(queued.acknowledged_at)))
else:
    note = st.text_input(t("alerts.ack_note"), key=f"alerts.note.{alert['alert_id']}", max_chars=500)
    if st.button(t("alerts.acknowledge"), type="primary", key=f"alerts.ack.{alert['alert_id']}",
                 icon=":material/task_alt:"):
        try:
            queue_acknowledgement(settings, Acknowledgement(alert["alert_id"], ctx.user.name, note))
        except TyndauError as exc:
            show_error(exc)
        else:
            st.success(t("alerts.ack_queued"))

st.subheader(t("alerts.examples"))
if not ctx.user.can_read_texts:
    st.info(t("alerts.examples_hidden"))
else:
    examples = query(fetch_texts, list(alert["example_ids"]))
    picked = text_list(ctx, examples, "alert_examples", f"alert {alert['alert_id']}", f"alert.{alert['alert_id']}",
                       examples=True)
    if picked:
        text_reader(ctx, picked, review_button=False, key="alert")
