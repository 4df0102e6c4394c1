"""Equity: are all citizens served alike? Groups of citizens compared on on-time answers, days to
answer, satisfaction and complaints per area, in the country (within agencies, pooled) and inside
each agency; small groups hidden with every cell that would give them away (insights/equity.py).
Aggregates only: no citizen's text appears here."""

import polars as pl
import streamlit as st

from dashboard import data
from dashboard.components import namer, table
from dashboard.equity_names import (difference_text, dimension_name, figure_text, group_name, interval_text,
                                    measure_name, p_text)
from dashboard.guard import enter, query
from dashboard.i18n import month, number, percent, t
from insights import equity
from insights.training import planning

ctx = enter("equity")
st.title(t("page.equity"))
rules = planning.PlanningRules.from_settings(data.settings())
report = query(equity.equity_report, ctx.filters, rules)
if report.period is None or report.groups.height == 0:
    st.warning(t("equity.no_data"))
    st.stop()
st.caption(t("equity.intro", start=month(report.period[0], ctx.lang), end=month(report.period[1], ctx.lang)))
agency_label = namer("agency", ctx.lang)


def flagged(frame: pl.DataFrame) -> int:
    return frame.filter(pl.col("is_disadvantage")).height if frame.height else 0


cols = st.columns(4)
cols[0].metric(t("equity.kpi.tested"), number(report.national.height + report.agencies.height, ctx.lang))
cols[1].metric(t("equity.kpi.national"), number(flagged(report.national), ctx.lang))
cols[2].metric(t("equity.kpi.agencies"), number(flagged(report.agencies), ctx.lang))
cols[3].metric(t("equity.kpi.hidden"), number(report.groups["hidden"].is_not_null().sum(), ctx.lang))

left, right = st.columns([2, 1])
dimension = left.selectbox(t("equity.dimension"), equity.DIMENSIONS, key="equity.dimension",
                           format_func=lambda d: dimension_name(d, ctx.lang))
only_clear = right.toggle(t("equity.only_clear"), value=False, key="equity.only_clear")


def comparison_row(r: dict) -> dict:
    """A comparison as people read it: names, figures and differences in the interface language."""
    m, lang = r["measure"], ctx.lang
    return {"group": group_name(r["dimension"], r["group_value"], lang),
            "reference": group_name(r["dimension"], r["reference"], lang),
            "measure": measure_name(m, r.get("area"), lang),
            "group_figure": figure_text(m, r["group_figure"], lang),
            "reference_figure": figure_text(m, r["reference_figure"], lang),
            "difference": difference_text(m, r["difference"], lang),
            "interval": interval_text(m, r["low"], r["high"], lang),
            "p_adjusted": p_text(r["p_adjusted"], lang), "is_disadvantage": bool(r["is_disadvantage"])}


def chosen(frame: pl.DataFrame) -> pl.DataFrame:
    mine = frame.filter(pl.col("dimension") == dimension) if frame.height else frame
    return mine.filter(pl.col("is_significant")) if only_clear and mine.height else mine


COMPARISON_SCHEMA = {c: pl.Utf8 for c in ("group", "reference", "measure", "group_figure", "reference_figure",
                                          "difference", "interval", "p_adjusted")} | {"is_disadvantage": pl.Boolean}

# ---------------------------------------------------------------- the country, within agencies
st.subheader(t("equity.national"))
st.caption(t("equity.national_caption", tests=number(report.national.height, ctx.lang),
             fdr=percent(equity.FDR, ctx.lang, 0)))
national = chosen(report.national).sort("p_value") if report.national.height else report.national
rows = [{**comparison_row(r), "crude_difference": difference_text(r["measure"], r["crude_difference"], ctx.lang),
         "strata": number(r["strata"], ctx.lang)} for r in national.iter_rows(named=True)]
table(pl.DataFrame(rows, schema=COMPARISON_SCHEMA | {"crude_difference": pl.Utf8, "strata": pl.Utf8}),
      "equity_national")

# ---------------------------------------------------------------- inside each agency
st.subheader(t("equity.agencies"))
st.caption(t("equity.agencies_caption", k=number(rules.equity_min_cell, ctx.lang),
             tests=number(report.agencies.height, ctx.lang)))
agencies = chosen(report.agencies).sort("p_value") if report.agencies.height else report.agencies
rows = [{"agency": agency_label(r["agency_key"]), **comparison_row(r)} for r in agencies.iter_rows(named=True)]
table(pl.DataFrame(rows, schema={"agency": pl.Utf8} | COMPARISON_SCHEMA), "equity_agencies")

# ---------------------------------------------------------------- the groups' figures
st.subheader(t("equity.groups"))
st.caption(t("equity.groups_caption", k=number(rules.equity_min_cell, ctx.lang)))


def group_row(r: dict) -> dict:
    lang, hidden = ctx.lang, r["hidden"]
    where = t("equity.scope.national") if r["scope"] == "national" else agency_label(r["agency_key"])
    interval = None if hidden or r["on_time_low"] is None else \
        f"{percent(r['on_time_low'], lang)} … {percent(r['on_time_high'], lang)}"
    return {"agency": where, "group": group_name(r["dimension"], r["group_value"], lang),
            "appeals": None if hidden else number(r["appeals"], lang),
            "on_time_rate": None if hidden else percent(r["on_time_rate"], lang), "on_time_interval": interval,
            "mean_days": None if hidden else number(r["mean_days"], lang, 1),
            "mean_satisfaction": None if hidden else number(r["mean_satisfaction"], lang, 1),
            "hidden": t(f"equity.hidden.{hidden}", k=number(rules.equity_min_cell, lang)) if hidden else None}


groups = report.groups.filter(pl.col("dimension") == dimension).sort("scope", "agency_key", "group_value",
                                                                      descending=[True, False, False])
table(pl.DataFrame([group_row(r) for r in groups.iter_rows(named=True)],
                   schema={c: pl.Utf8 for c in ("agency", "group", "appeals", "on_time_rate", "on_time_interval",
                                                "mean_days", "mean_satisfaction", "hidden")}), "equity_groups")
