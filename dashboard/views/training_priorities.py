"""Training priorities: per agency, its behaviour gaps (biggest first) with their evidence, the
behavioural indicators the complaints match, and the catalogue courses that develop those areas.

Everyone sees counts; the example texts behind a gap are shown to analysts and administrators only
(through the gated, audited text list)."""

import polars as pl
import streamlit as st

from dashboard import data, training_charts
from dashboard.components import fmt_number, fmt_pct, namer, table, text_list
from dashboard.guard import enter, query
from dashboard.i18n import area_name, signed, t, text
from dashboard.safe_markdown import md_escape
from insights.training import planning

ctx = enter("training_priorities")
st.title(t("page.training_priorities"))
st.caption(t("training.intro"))
rules = planning.PlanningRules.from_settings(data.settings())
gaps = query(planning.citizen_gaps, ctx.filters, rules)
if gaps.height == 0:
    st.warning(t("training.no_gaps"))
    st.stop()
st.caption(t("training.period", start=f"{gaps['period_start'][0]:%Y-%m}", end=f"{gaps['period_end'][0]:%Y-%m}"))
agency_label, area_label = namer("agency", ctx.lang), namer("area", ctx.lang)


def pp(value) -> str:
    return signed(None if value is None or value != value else 100 * value, ctx.lang)


# ---------------------------------------------------------------- every agency's top gap
st.subheader(t("training.top_gaps"))
tops = gaps.filter(pl.col("rank_in_agency") == 1).sort("gap_score", descending=True)
table(tops.select(
    pl.col("agency_key").map_elements(agency_label, return_dtype=pl.Utf8).alias(t("dimension.agency")),
    pl.col("area").map_elements(area_label, return_dtype=pl.Utf8).alias(t("dimension.area")),
    pl.col("gap_score").map_elements(pp, return_dtype=pl.Utf8).alias(t("training.gap_pp")),
    (pl.col("gap_low").map_elements(pp, return_dtype=pl.Utf8) + " .. "
     + pl.col("gap_high").map_elements(pp, return_dtype=pl.Utf8)).alias(t("training.interval")),
    pl.col("certainty").alias(t("training.certainty")),
    pl.col("negative_appeals").alias(t("training.complaints")),
    pl.col("classified_appeals").alias(t("training.classified")),
    pl.col("trend").map_elements(pp, return_dtype=pl.Utf8).alias(t("training.trend")),
), "top_gaps", column_config={t("training.certainty"): st.column_config.ProgressColumn(min_value=0, max_value=1,
                                                                                      format="percent")})

# ---------------------------------------------------------------- one agency
agencies = tops["agency_key"].to_list()
agency = st.selectbox(t("dimension.agency"), agencies, format_func=agency_label, key="training.agency")
mine = gaps.filter(pl.col("agency_key") == agency).sort("rank_in_agency")
top = mine.row(0, named=True)
cols = st.columns([2, 1, 1, 1])
cols[0].metric(t("training.top_area"), area_name(top["area"], ctx.lang))
cols[1].metric(t("training.gap_pp"), pp(top["gap_score"]))
cols[2].metric(t("training.certainty"), fmt_pct(top["certainty"]))
cols[3].metric(t("training.complaints"), f"{fmt_number(top['negative_appeals'], 0)} / {fmt_number(top['classified_appeals'], 0)}")

left, right = st.columns([3, 2])
with left:
    st.markdown(f"**{t('training.gaps_of', agency=md_escape(agency_label(agency)))}**")
    st.plotly_chart(training_charts.gap_bars(mine, area_label, t("training.gap_axis")), key="training.gap_bars")
with right:
    st.markdown(f"**{t('training.evidence')}**")
    table(mine.select(
        pl.col("rank_in_agency").alias(t("training.rank")),
        pl.col("area").map_elements(area_label, return_dtype=pl.Utf8).alias(t("dimension.area")),
        pl.col("gap_score").map_elements(pp, return_dtype=pl.Utf8).alias(t("training.gap_pp")),
        pl.col("negative_appeals").alias(t("value.polarity.negative")),
        pl.col("positive_appeals").alias(t("value.polarity.positive")),
        pl.col("neutral_appeals").alias(t("value.polarity.neutral")),
    ), f"gaps_{agency}")

# ---------------------------------------------------------------- indicators next to a gap
area = st.selectbox(t("dimension.area"), mine["area"].to_list(), format_func=area_label, key=f"training.area.{agency}")
row = mine.filter(pl.col("area") == area).row(0, named=True)
period = (row["period_start"], row["period_end"])
st.subheader(t("training.indicators", area=md_escape(area_name(area, ctx.lang))))
st.caption(t("training.indicators_caption"))
indicators = query(planning.indicator_matches, agency, area, period)
table(indicators.select(
    pl.col("is_effective").map_elements(lambda e: text("training.effective" if e else "training.ineffective", ctx.lang),
                                        return_dtype=pl.Utf8).alias(t("training.kind")),
    pl.col(f"text_{ctx.lang}").alias(t("training.behaviour")),
    pl.col("matching_texts").alias(t("training.matching")),
    pl.col("evidence_texts").alias(t("training.of_texts")),
    pl.col("match_share").alias(t("training.share")),
), f"indicators_{agency}_{area}", column_config={
    t("training.share"): st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")})

# ---------------------------------------------------------------- courses
st.subheader(t("training.courses"))
priorities = query(planning.training_priorities, ctx.filters, rules)
courses = priorities.filter(pl.col("agency_key") == agency).sort("rank_in_agency")
if courses.height == 0:
    st.info(t("training.no_courses"))
else:
    title = f"title_{ctx.lang}"
    table(courses.select(
        pl.col("rank_in_agency").alias(t("training.rank")),
        pl.col("course_id").alias(t("training.course_id")),
        pl.col(title).alias(t("training.course")),
        pl.col("gap_areas").map_elements(lambda a: ", ".join(area_name(x, ctx.lang) for x in a),
                                         return_dtype=pl.Utf8).alias(t("training.develops")),
        pl.col("cohort_seats").alias(t("training.staff")),
        pl.col("cohort_cost").alias(t("training.cohort_cost")),
        pl.col("value").alias(t("training.value")),
        pl.col("staff_trained_recently").alias(t("training.already_trained")),
    ), f"courses_{agency}", column_config={t("training.cohort_cost"): st.column_config.NumberColumn(format="%,.0f")})
    st.caption(t("training.value_caption"))

# ---------------------------------------------------------------- the texts behind the gap
st.subheader(t("training.examples"))
ids = tuple(row["example_appeal_ids"] or ())
texts = query(planning.example_texts, ids) if ids else pl.DataFrame()
if texts.height:
    text_list(ctx, texts, f"examples_{agency}_{area}", f"training: agency={agency} area={area}",
              f"training.{agency}.{area}", total=row["negative_appeals"], examples=True)
else:
    st.caption(t("training.no_examples"))
