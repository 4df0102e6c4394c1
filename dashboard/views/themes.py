"""Themes: which behaviours citizens write about, where, how it moves, and the texts behind each number."""

from datetime import date

import polars as pl
import streamlit as st

from dashboard import charts, data, i18n
from dashboard.components import TEXT_LIMIT, namer, period_caption, selected_points, table, text_list, text_reader
from dashboard.guard import enter, query, run_or_explain
from dashboard.i18n import t
from dashboard.safe_markdown import md_escape
from insights import themes
from warehouse.taxonomy import area_ids

ctx = enter("themes")
st.title(t("page.themes"))
st.caption(t("themes.intro"))
period_caption(ctx)
area_label = namer("area", ctx.lang)

totals = query(themes.area_totals, ctx.filters)
if totals.height == 0:
    st.info(t("common.no_labels"))
    st.stop()


def scope_names(where: dict) -> list[str]:
    """The drill-down's scope as people name it (an agency's name, a month), not as the query keys it."""
    name = {"agency_key": namer("agency", ctx.lang), "region_key": namer("region", ctx.lang), "month": i18n.month,
            "group_no": lambda n: t("themes.group_n", n=n)}
    return [name.get(k, str)(v) for k, v in where.items() if v is not None]


def group_name(can_read_texts: bool) -> pl.Expr:
    """A group is named by its citizens' own sentence for roles that may read texts, and by its key
    phrases for the others (a sentence is a piece of a citizen's letter; key phrases are not)."""
    phrases = pl.col("label")
    if not can_read_texts:
        return phrases
    return pl.when(pl.col("sentence").fill_null("") != "").then(pl.col("sentence")).otherwise(phrases)


def drill_down(area: str | None, key: str, **where) -> None:
    """The texts behind a chosen point: listed for analysts, counted for everyone else."""
    texts = query(themes.texts_behind, ctx.filters, area=area, limit=TEXT_LIMIT, **where)
    total = query(themes.count_behind, ctx.filters, area=area, **where)
    scope = ", ".join(scope_names(where)) or t("themes.all_scope")
    st.caption(t("themes.drill_caption", area=md_escape(area_label(area) if area else "—"), scope=md_escape(scope)))
    audit_scope = ", ".join(f"{k}={v}" for k, v in where.items() if v is not None)
    chosen = text_list(ctx, texts, f"texts_{key}", f"{key}: area={area} {audit_scope}", key, total=total)
    if chosen:
        text_reader(ctx, chosen, key=key)


# ---------------------------------------------------------------- evidence by area
st.header(t("themes.areas"))
names = [t("value.polarity.negative"), t("value.polarity.positive"), t("value.polarity.neutral")]
event = st.plotly_chart(charts.stacked_polarity_bars(totals, area_label, names, x_title=t("metric.appeals")),
                        key="themes.areas", on_select="rerun", selection_mode="points")
table(totals.with_columns(pl.col("area").map_elements(area_label, return_dtype=pl.Utf8).alias("name")),
      "evidence_by_area", column_config={"name": t("dimension.area"), "appeals": t("metric.appeals"),
                                         "per_1000": st.column_config.NumberColumn(t("metric.per_1000"), format="%.1f")})

# ---------------------------------------------------------------- heatmap
by = st.radio(t("themes.heatmap_by"), ["agency", "region"], format_func=lambda d: t(f"dimension.{d}"),
              horizontal=True, key="themes.heatmap_by")
value = st.radio(t("themes.heatmap_value"), ["per_1000", "negative_per_1000"], horizontal=True,
                 format_func=lambda v: t("themes.value_all") if v == "per_1000" else t("themes.value_negative"),
                 key="themes.heatmap_value")
matrix = query(themes.area_matrix, ctx.filters, by)
st.subheader(t("themes.heatmap", by=t(f"dimension.{by}")))
row_label = namer(by, ctx.lang)
st.plotly_chart(charts.heatmap(matrix, row_label, area_label, value, colorbar_title=t("metric.per_1000")),
                key="themes.heatmap")
table(matrix.with_columns(pl.col("key").map_elements(row_label, return_dtype=pl.Utf8).alias("name"),
                          pl.col("area").map_elements(area_label, return_dtype=pl.Utf8).alias("area_name")),
      f"heatmap_{by}")

# ---------------------------------------------------------------- drill-down
st.header(t("themes.drill"))
st.caption(t("common.select_hint"))
picked = selected_points(event)
areas = list(area_ids())
area = st.selectbox(t("dimension.area"), areas, format_func=area_label, key="themes.drill_area",
                    index=areas.index(picked[0]) if picked and picked[0] in areas else 0)
row_keys = [None, *dict.fromkeys(matrix["key"].to_list())]
row = st.selectbox(t(f"dimension.{by}"), row_keys, key="themes.drill_row",
                   format_func=lambda k: t("filters.all") if k is None else row_label(k))
if st.toggle(t("common.show_texts"), key="themes.show_texts"):
    drill_down(area, "heatmap", **{f"{by}_key": row})

# ---------------------------------------------------------------- trend
st.header(t("themes.trend"))
trend = query(themes.area_trend, ctx.filters)
trend_event = st.plotly_chart(charts.area_trend_lines(trend, area_label, y_title=t("metric.per_1000")),
                              key="themes.trend", on_select="rerun", selection_mode="points")
trend_pick = selected_points(trend_event)
if trend_pick:
    drill_down(trend_pick[0][0], "trend", month=date.fromisoformat(str(trend_pick[0][1])[:10]))

# ---------------------------------------------------------------- changes
st.header(t("themes.changes"))
st.caption(t("themes.changes_note"))
compare = st.radio(t("themes.changes_by"), [None, "agency", "region"], horizontal=True, key="themes.changes_by",
                   format_func=lambda d: t("themes.changes_areas") if d is None else t(f"dimension.{d}"))
changes = run_or_explain(data.query, themes.area_changes, ctx.filters, compare, 10 if compare is None else 5)
if changes.height:
    key_label = namer(compare, ctx.lang) if compare else None
    describe = (lambda r: f"{key_label(r['key'])} · {area_label(r['area'])}") if compare else \
        (lambda r: area_label(r["area"]))
    change_event = st.plotly_chart(charts.change_bars(changes, describe, x_title=t("metric.per_1000")),
                                   key="themes.changes", on_select="rerun", selection_mode="points")
    shown = changes.with_columns(pl.col("area").map_elements(area_label, return_dtype=pl.Utf8).alias("area_name"))
    if compare:
        shown = shown.with_columns(pl.col("key").map_elements(key_label, return_dtype=pl.Utf8).alias("name"))
    table(shown, f"changes_{compare or 'areas'}", column_config={
        "per_1000": st.column_config.NumberColumn(t("common.current"), format="%.1f"),
        "per_1000_before": st.column_config.NumberColumn(t("common.previous"), format="%.1f"),
        "change_per_1000": st.column_config.NumberColumn("Δ", format="%+.1f"),
        "z": st.column_config.NumberColumn("z", format="%+.2f")})
    change_pick = selected_points(change_event)
    if change_pick:
        drill_down(change_pick[0], "changes")

# ---------------------------------------------------------------- groups of similar texts
st.header(t("themes.groups"))
present = [a for a in areas if a in set(totals["area"].to_list())]
group_area = st.selectbox(t("themes.group_area"), present, format_func=area_label, key="themes.group_area")
groups = query(themes.text_groups, ctx.filters, group_area)
if groups.height:
    agency = namer("agency", ctx.lang)
    groups = groups.with_columns(group_name(ctx.user.can_read_texts).alias("label"))
    shown = groups.with_columns(pl.col("top_agency_key").map_elements(agency, return_dtype=pl.Utf8).alias("top_agency"))
    table(shown.select("group_no", "label", "appeals", "negative", "agencies", "top_agency", "top_agency_appeals",
                       "cohesion", "first_registered_at", "last_registered_at"),
          f"groups_{group_area}", column_config={
              "label": st.column_config.TextColumn(t("themes.group_pick"), width="large"),
              "appeals": t("metric.appeals"), "negative": t("value.polarity.negative"),
              "agencies": t("filters.agencies"), "top_agency": t("dimension.agency"),
              "cohesion": st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.2f")})
    numbers = groups["group_no"].to_list()
    labels = dict(zip(numbers, groups["label"].to_list()))
    group_no = st.selectbox(t("themes.group_pick"), numbers, key="themes.group_no",
                            format_func=lambda g: f"#{g} · {labels[g]}")
    st.subheader(t("themes.group_agencies"))
    spread = query(themes.group_by_agency, ctx.filters, group_area, group_no)
    table(spread.with_columns(pl.col("agency_key").map_elements(agency, return_dtype=pl.Utf8).alias("agency")),
          f"group_{group_area}_{group_no}_agencies")
    st.subheader(t("themes.group_examples"))
    drill_down(group_area, f"group{group_no}", group_no=group_no)
