"""Review: an analyst corrects the model's labels on a text; the correction is queued for the writer.

Why a queue: the dashboard holds only a read-only snapshot and DuckDB has one writer, so the
correction goes to the inbox beside the warehouse (:mod:`warehouse.inbox`) and the writer side
(``tyndau corrections apply``) stores it through the classifier's review module.
"""

import polars as pl
import streamlit as st

from dashboard import data
from dashboard.components import table, text_list, text_reader
from dashboard.guard import enter, query, show_error
from dashboard.i18n import area_name, t, value_name
from dashboard.safe_markdown import md_escape
from insights import themes
from warehouse import inbox
from warehouse.errors import TyndauError
from warehouse.taxonomy import POLARITIES, area_ids

ctx = enter("review")
inbox_dir = data.settings().resolved_inbox_dir()
st.title(t("page.review"))
st.caption(t("review.intro"))

appeal_id = st.session_state.get("review.appeal_id")
if appeal_id and st.button(t("review.back"), icon=":material/arrow_back:", key="review.back"):
    st.session_state.pop("review.appeal_id", None)
    appeal_id = None
if not appeal_id:
    st.subheader(t("review.queue"))
    candidates = query(themes.review_queue, ctx.filters, 100)
    if candidates.height == 0:
        st.info(t("review.nothing"))
        st.stop()
    appeal_id = text_list(ctx, candidates, "review_queue", "review queue", "review", extra_columns=("score",))
if not appeal_id:
    st.stop()

text_reader(ctx, appeal_id, review_button=False)
detail = query(themes.appeal_detail, appeal_id)
current = dict(zip(detail["labels"]["area"].to_list(), detail["labels"]["polarity"].to_list())) if detail else {}
model_version = detail["labels"]["model_version"].drop_nulls().first() if detail and detail["labels"].height else ""

# No st.form: choosing an area must show its polarity choice at once.
chosen = st.multiselect(t("review.areas"), list(area_ids()), default=list(current), format_func=area_name,
                        key=f"review.areas.{appeal_id}")
polarities = {}
for area in chosen:
    polarities[area] = st.selectbox(t("review.polarity", area=md_escape(area_name(area))), POLARITIES,
                                    index=POLARITIES.index(current.get(area, "negative")),
                                    format_func=lambda p: value_name("polarity", p), key=f"review.pol.{appeal_id}.{area}")
note = st.text_area(t("review.note"), key=f"review.note.{appeal_id}", max_chars=1000)
submitted = st.button(t("review.submit"), type="primary", key=f"review.submit.{appeal_id}")

if submitted:
    try:
        correction = inbox.Correction(text_id=appeal_id, areas={a: polarities[a] for a in chosen},
                                      analyst=ctx.user.name, note=note, model_version=model_version or "")
        inbox.enqueue(inbox_dir, correction)
    except TyndauError as exc:
        show_error(exc)
    else:
        st.success(t("review.queued"))

waiting = inbox.pending(inbox_dir)
if waiting:
    st.subheader(t("review.pending"))
    table(pl.DataFrame({
        "text_id": [c.text_id for _, c in waiting], "analyst": [c.analyst for _, c in waiting],
        "areas": ["; ".join(f"{area_name(a)}: {value_name('polarity', p)}" for a, p in c.areas.items()) or "—"
                  for _, c in waiting],
        "queued_at": [c.queued_at for _, c in waiting]}), "pending_corrections")
