"""Emerging themes: what citizens write about by meaning, across languages and beyond the taxonomy,
with what is new or growing flagged, and a way for analysts to map a theme to a competency area."""

import polars as pl
import streamlit as st

from dashboard import charts, data
from dashboard.components import kpi, namer, table, text_list
from dashboard.guard import enter, query, show_error
from dashboard.i18n import area_name, number, percent, t, value_name
from dashboard.i18n import theme_name as named_theme
from insights import topics
from warehouse import inbox
from warehouse.errors import TyndauError
from warehouse.taxonomy import POLARITIES, area_ids

ctx = enter("emerging_themes")
st.title(t("page.emerging_themes"))
st.caption(t("topics.intro", share=percent(topics.NEW_MAX_EARLIER_SHARE, digits=0), months=number(topics.RECENT_MONTHS)))
if not query(topics.has_themes):
    st.info(t("topics.none"))
    st.stop()

themes = query(topics.theme_table, ctx.lang)


def theme_name(row: dict) -> str:
    return named_theme(row["label"], row["label_language"], ctx.lang)


def flag(row: dict) -> str:
    return t("topics.new") if row["is_new"] else t("topics.growing") if row["is_growing"] else ""


def ratio_interval(row: dict) -> str:
    if row["ratio_low"] is None:
        return t("value.none")
    return f"{number(row['ratio_low'], ctx.lang, 2)} … {number(row['ratio_high'], ctx.lang, 2)}"


rows = themes.to_dicts()
cols = st.columns(3)
kpi(cols[0], t("topics.count"), number(themes.height))
kpi(cols[1], t("topics.new_count"), number(int(themes["is_new"].sum())))
kpi(cols[2], t("topics.growing_count"), number(int(themes["is_growing"].sum())))
table(pl.DataFrame({
    "theme_no": themes["theme_no"],
    "theme_label": [theme_name(r) for r in rows],
    "appeals": [number(r["appeals"], ctx.lang) for r in rows],
    "with_area": [percent(r["with_area"] / r["appeals"] if r["appeals"] else None, ctx.lang, 0) for r in rows],
    "theme_flag": [flag(r) for r in rows],
    "recent": [number(r["recent"], ctx.lang) for r in rows],
    "earlier": [number(r["earlier"], ctx.lang) for r in rows],
    "share_ratio": [number(r["share_ratio"], ctx.lang, 2) for r in rows],
    "ratio_interval": [ratio_interval(r) for r in rows],
}), "emerging_themes")

by_no = {r["theme_no"]: r for r in rows}
chosen = st.selectbox(t("topics.choose"), list(by_no), format_func=lambda n: f"{n}: {theme_name(by_no[n])}",
                      key="topics.theme")
if chosen is None:
    st.stop()

st.subheader(t("topics.trend"))
monthly = query(topics.theme_monthly, chosen)
st.plotly_chart(charts.volume_bars(monthly, "registered_month", "appeals", y_title=t("column.appeals")),
                key="topics.trend_chart")

slices = query(topics.theme_slices, chosen, ctx.lang)
left, right = st.columns(2)
for column, kind, title in ((left, "agency", "topics.agencies"), (right, "region", "topics.regions")):
    with column:
        st.markdown(f"**{t(title)}**")
        table(slices.filter(pl.col("kind") == kind).select("name", "appeals"), f"theme_{chosen}_{kind}")

st.subheader(t("topics.examples"))
examples = query(topics.texts_of_theme, chosen)
text_list(ctx, examples, f"theme_{chosen}_examples", f"emerging theme {chosen}", f"topics.{chosen}",
          extra_columns=("similarity",), total=by_no[chosen]["appeals"], examples=True)

if ctx.user.can_read_texts:
    st.subheader(t("topics.map_title"))
    st.caption(t("topics.map_intro", share=percent(topics.CORE_SHARE, digits=0)))
    area = st.selectbox(t("topics.map_area"), list(area_ids()), format_func=area_name, key=f"topics.area.{chosen}")
    polarity = st.selectbox(t("topics.map_polarity"), POLARITIES, format_func=lambda p: value_name("polarity", p),
                            key=f"topics.polarity.{chosen}")
    if st.button(t("topics.map_submit"), type="primary", key=f"topics.map.{chosen}"):
        try:
            _, cursor = data.snapshot().cursor()
            try:
                corrections = topics.corrections_for_theme(cursor, chosen, area, polarity, ctx.user.name)
            finally:
                cursor.close()
            for correction in corrections:
                inbox.enqueue(data.settings().resolved_inbox_dir(), correction)
        except TyndauError as exc:
            show_error(exc)
        else:
            st.success(t("topics.map_queued", n=number(len(corrections))))
