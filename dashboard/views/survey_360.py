"""360-degree results per agency or unit: scores per area by rater group, self versus others, the
items behind an area with their wording, the comments behind a score, and citizens' view (appeals)
beside colleagues' view. A rater group with fewer than `min_raters` people shows no score and no
comment (self-ratings excepted: their one rater is the person rated), and nor does any group that
would let one be worked out by subtraction. The warehouse decides (int_360_suppression): this page
shows what the marts hold, and a suppressed cell reads "suppressed" wherever it appears."""

import polars as pl
import streamlit as st

from dashboard import data, training_charts
from dashboard.components import fmt_number, log_view, namer, table
from dashboard.guard import enter, query
from dashboard.i18n import t, text, value_name
from dashboard.safe_markdown import md_escape
from insights import survey360
from insights.scope import Filters
from insights.training import planning
from insights.training.questionnaire import item_name
from warehouse.taxonomy import areas as taxonomy_areas

GROUPS = ("self", "manager", "peer", "direct_report", "citizen", "others")

ctx = enter("survey_360")
st.title(t("page.survey_360"))
settings = data.settings()
rules = planning.PlanningRules.from_settings(settings)
st.caption(t("survey.intro", k=rules.min_raters, target=fmt_number(rules.survey_target_score, 1)))
units = query(survey360.surveyed_units, ctx.filters)
if units.height == 0:
    st.warning(t("survey.no_data"))
    st.stop()

agency_label, area_label = namer("agency", ctx.lang), namer("area", ctx.lang)
group_label = lambda g: text(f"survey.group.{g}", ctx.lang)  # noqa: E731  (also runs in polars threads)
left, right = st.columns(2)
agency = left.selectbox(t("dimension.agency"), units["agency_key"].unique(maintain_order=True).to_list(),
                        format_func=agency_label, key="survey.agency")
unit_options = [""] + units.filter(pl.col("agency_key") == agency)["unit"].to_list()
unit = right.selectbox(t("survey.unit"), unit_options, key="survey.unit",
                       format_func=lambda u: u or t("survey.whole_agency"))
scope = "unit" if unit else "agency"
chosen = Filters(date_from=ctx.filters.date_from, date_to=ctx.filters.date_to, agencies=(agency,))

scores = query(survey360.area_scores, chosen, rules.min_raters, scope, unit or None, rules.survey_target_score)
if scores.height == 0:
    st.info(t("survey.no_data"))
    st.stop()
st.caption(t("survey.period", period=f"{scores['survey_period'][0]:%Y-%m}"))
hidden = scores.filter(pl.col("is_suppressed")).height
if hidden:
    st.info(t("survey.hidden", n=hidden, k=rules.min_raters))

st.subheader(t("survey.by_group"))
st.plotly_chart(training_charts.score_matrix(scores, area_label, group_label, GROUPS, t("survey.hidden_cell")),
                key="survey.matrix")
table(scores.select(
    pl.col("area").map_elements(area_label, return_dtype=pl.Utf8).alias(t("dimension.area")),
    pl.col("rater_group").map_elements(group_label, return_dtype=pl.Utf8).alias(t("survey.group")),
    pl.col("raters").alias(t("survey.raters")),
    pl.col("mean_score").round(2).alias(t("survey.score")),
    pl.col("gap_to_target").round(2).alias(t("survey.gap_to_target")),
    pl.col("is_suppressed").alias(t("survey.suppressed")),
), f"survey_{agency}_{unit or 'agency'}")

st.subheader(t("survey.self_vs_others"))
pairs = query(survey360.self_vs_others, chosen, rules.min_raters, scope, unit or None, rules.survey_target_score)
st.plotly_chart(training_charts.self_vs_others(pairs, area_label, group_label("self"), group_label("others"),
                                               rules.survey_target_score, t("survey.target")),
                key="survey.self_others")
gap = pairs.filter(pl.col("self_minus_others").is_not_null())
if gap.height:
    st.metric(t("survey.self_minus_others"), f"{gap['self_minus_others'].mean():+.2f}")

# ---------------------------------------------------------------- items and comments behind an area
st.subheader(t("survey.behind"))
area = st.selectbox(t("dimension.area"), sorted(scores["area"].unique().to_list(), key=area_label),
                    format_func=area_label, key="survey.area")
wording = {item_name(i["id"]): i.get(ctx.lang) or i.get("en") for a in taxonomy_areas() for i in a.survey_items}
items = query(survey360.area_items, agency, area, chosen, rules.min_raters, unit or None)
table(items.select(
    pl.col("item_id").alias(t("survey.item")),
    pl.col("item_id").map_elements(lambda i: wording.get(i), return_dtype=pl.Utf8).fill_null(pl.col("item_text"))
    .alias(t("survey.wording")),
    pl.col("rater_group").map_elements(group_label, return_dtype=pl.Utf8).alias(t("survey.group")),
    pl.col("raters").alias(t("survey.raters")),
    pl.col("mean_score").round(2).alias(t("survey.score")),
    pl.col("is_suppressed").alias(t("survey.suppressed")),
), f"items_{agency}_{area}")

counts = query(survey360.area_comments, agency, area, chosen, rules.min_raters, unit or None, False)
st.markdown(f"**{t('survey.comments')}**")
if counts.height == 0:
    st.caption(t("survey.no_comments"))
else:
    st.caption(" · ".join(f"{md_escape(value_name('polarity', r['polarity'], ctx.lang))}: {r['comments']}"
                          for r in counts.iter_rows(named=True)))
    if ctx.user.can_read_texts:
        comments = query(survey360.area_comments, agency, area, chosen, rules.min_raters, unit or None, True)
        if log_view(ctx, "list", comments["survey_response_id"].to_list(), f"360: agency={agency} area={area}"):
            st.dataframe(comments.select(
                pl.col("rater_group").map_elements(group_label, return_dtype=pl.Utf8).alias(t("survey.group")),
                pl.col("score").alias(t("survey.score")),
                pl.col("polarity").map_elements(lambda p: value_name("polarity", p, ctx.lang),
                                                return_dtype=pl.Utf8).alias(t("filters.polarities")),
                pl.col("comment").alias(t("survey.comment")),
            ).to_pandas(), hide_index=True, width="stretch", key="survey.comment_list",
                column_config={t("survey.comment"): st.column_config.TextColumn(width="large")})
    else:
        st.caption(t("guard.aggregates_only"))

# ---------------------------------------------------------------- triangulation
st.subheader(t("survey.triangulation"))
st.caption(t("survey.triangulation_caption"))
both = query(planning.triangulation, chosen, rules)
if both.height == 0:
    st.caption(t("survey.no_triangulation"))
else:
    table(both.sort(["is_disagreement", "gap_score"], descending=True).select(
        pl.col("area").map_elements(area_label, return_dtype=pl.Utf8).alias(t("dimension.area")),
        (pl.col("gap_score") * 100).round(1).alias(t("training.gap_pp")),
        pl.col("certainty").alias(t("training.certainty")),
        pl.col("survey_score").round(2).alias(t("survey.score")),
        pl.col("survey_benchmark").round(2).alias(t("survey.benchmark")),
        pl.col("agreement").map_elements(lambda a: text(f"survey.agreement.{a}", ctx.lang), return_dtype=pl.Utf8)
        .alias(t("survey.agreement")),
        pl.col("is_disagreement").alias(t("survey.disagree")),
    ), f"triangulation_{agency}", column_config={
        t("training.certainty"): st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")})
