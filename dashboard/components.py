"""Pieces every page uses: labels, headline metrics, tables with downloads, and the gated text views.

The text views (:func:`text_list`, :func:`text_reader`) are the only places citizens' texts reach
the screen. Each checks the role first (aggregates only for leadership and planners), writes the
audit record *before* showing anything (no record, no text), and renders texts either in a data
grid (never interpreted as HTML or Markdown) or as escaped HTML with highlighted evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime

import polars as pl
import streamlit as st

from dashboard import data, evidence
from dashboard.guard import PageContext, query
from dashboard.safe_markdown import md_escape
from dashboard.i18n import area_name, t, value_name
from warehouse import audit, exports, inbox
from warehouse import queries, queries_themes
from warehouse.errors import TyndauError

TEXT_LIMIT = 200
LOGGED_KEY = "audit.logged"


# ---------------------------------------------------------------- labels


def namer(kind: str, lang: str) -> Callable[[object], str]:
    """key -> name in the interface language, for agencies, regions, areas and data values."""
    if kind == "area":
        return lambda key: area_name(str(key), lang)
    if kind in ("agency", "region"):
        names = query(queries.dimension_labels).get(kind, {})
        return lambda key: (names.get(key, {}).get(lang) or str(key)) if key is not None else value_name(kind, None, lang)
    if kind == "month":
        return lambda key: key.strftime("%Y-%m") if isinstance(key, (date, datetime)) else str(key)
    return lambda key: value_name(kind, key, lang)


def fmt_date(value) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, (date, datetime)) else "—"


def fmt_pct(value) -> str:
    return "—" if value is None else f"{value:.1%}"


def fmt_number(value, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def period_caption(ctx: PageContext) -> None:
    f = ctx.filters
    if f.date_from and f.date_to:
        p = f.previous_period()
        st.caption(t("common.period", start=fmt_date(f.date_from), end=fmt_date(f.date_to),
                     pstart=fmt_date(p.date_from), pend=fmt_date(p.date_to)))


def delta(now, before, percent: bool = False) -> str | None:
    """The change against the previous period: percentage points for rates, whole numbers for counts."""
    if now is None or before is None:
        return None
    change = now - before
    if percent:
        return f"{change * 100:+.1f} pp"
    return f"{change:+,}" if isinstance(change, int) else f"{change:+,.1f}"


# ---------------------------------------------------------------- tables and downloads


def table(frame: pl.DataFrame, name: str, column_config: dict | None = None, height: int | None = None,
          on_select=None, key: str | None = None):
    """A data grid plus CSV and Excel downloads of exactly what it shows."""
    shown = st.dataframe(frame, hide_index=True, width="stretch",
                         column_config=column_config, height=height or "auto",
                         on_select=on_select or "ignore", selection_mode="single-row", key=key)
    downloads(frame, name)
    return shown


def downloads(frame: pl.DataFrame, name: str, on_click=None) -> None:
    """CSV and Excel buttons; the files are made only when clicked (a callable), not on every rerun."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(t("common.download_csv"), lambda: exports.csv_bytes(flatten(frame)),
                         file_name=f"{name}.csv", mime="text/csv", key=f"csv.{name}", on_click=on_click or "ignore",
                         icon=":material/download:")
    right.download_button(t("common.download_xlsx"), lambda: exports.xlsx_bytes({"data": flatten(frame)}),
                          file_name=f"{name}.xlsx", key=f"xlsx.{name}", on_click=on_click or "ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/table_view:")


def flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists become '; '-joined text so CSV and Excel can hold them."""
    lists = [c for c, d in frame.schema.items() if isinstance(d, pl.List)]
    return frame.with_columns(pl.col(c).cast(pl.List(pl.Utf8)).list.join("; ") for c in lists) if lists else frame


def selected_points(event) -> list:
    """customdata of the points a user selected on a plotly chart (empty when none)."""
    try:
        points = event.selection.points
    except AttributeError:
        return []
    return [p.get("customdata") for p in points if p.get("customdata") is not None]


# ---------------------------------------------------------------- audit


def log_view(ctx: PageContext, action: str, appeal_ids: list[str], detail: str = "") -> bool:
    """Write the audit record once per identical view in this session; False if it cannot be written."""
    fingerprint = hashlib.sha256(f"{action}|{detail}|{'|'.join(appeal_ids)}".encode()).hexdigest()
    logged = st.session_state.setdefault(LOGGED_KEY, set())
    if fingerprint in logged:
        return True
    record = audit.AuditRecord(user=ctx.user.name, role=ctx.user.role, action=action, page=ctx.spec.key,
                               appeal_ids=tuple(appeal_ids), detail=detail)
    try:
        audit.append(data.settings().resolved_audit_log_path(), record)
    except TyndauError as exc:
        st.error(md_escape(str(exc)))
        st.info(md_escape(exc.hint))
        return False
    logged.add(fingerprint)
    return True


# ---------------------------------------------------------------- texts (analysts and administrators)


def text_list(ctx: PageContext, frame: pl.DataFrame, name: str, detail: str, key: str,
              extra_columns: tuple[str, ...] = ()) -> str | None:
    """The texts of a drill-down or a search, for text readers only; returns the appeal chosen to read."""
    if not ctx.user.can_read_texts:
        st.info(t("common.aggregates_only", n=frame.height))
        return None
    ids = frame["appeal_id"].to_list() if frame.height else []
    if not log_view(ctx, "list", ids, detail):
        return None
    st.caption(t("common.texts_count", n=frame.height, limit=TEXT_LIMIT))
    agency = namer("agency", ctx.lang)
    shown = frame.with_columns(
        pl.col("agency_key").map_elements(agency, return_dtype=pl.Utf8).alias("agency"),
        pl.col("language").map_elements(namer("language", ctx.lang), return_dtype=pl.Utf8),
        pl.col("appeal_type").map_elements(namer("appeal_type", ctx.lang), return_dtype=pl.Utf8),
    ).select("appeal_id", "registered_at", "agency", "region", "language", "appeal_type", *extra_columns, "text") \
        if frame.height else frame
    event = st.dataframe(shown, hide_index=True, width="stretch",
                         on_select="rerun", selection_mode="single-row", key=f"texts.{key}",
                         column_config={"text": st.column_config.TextColumn(width="large")})
    downloads(shown, name, on_click=lambda: log_view(ctx, "export", ids, detail))
    rows = event.selection.rows if hasattr(event, "selection") else []
    options = ids
    chosen = options[rows[0]] if rows else None
    picked = st.selectbox(t("reader.pick"), options, index=options.index(chosen) if chosen in options else None,
                          key=f"pick.{key}") if options else None
    return picked


def text_reader(ctx: PageContext, appeal_id: str, search: str = "", review_button: bool = True,
                key: str = "") -> None:
    """One text, escaped, with its evidence highlighted, its labels, and a way to correct them.

    `key` tells apart two readers on one page (two drill-downs may open the same appeal)."""
    key = f"{key}.{appeal_id}"
    if not ctx.user.can_read_texts:
        st.info(t("guard.aggregates_only"))
        return
    detail = query(queries_themes.appeal_detail, appeal_id)
    if detail is None or not log_view(ctx, "read", [appeal_id], search):
        return
    st.subheader(t("reader.title", id=md_escape(detail["external_id"])))
    st.caption(t("reader.meta", agency=md_escape(namer("agency", ctx.lang)(detail["agency_key"])),
                 region=md_escape(detail["region"] or "—"), date=fmt_date(detail["registered_at"]),
                 type=md_escape(value_name("appeal_type", detail["appeal_type"], ctx.lang)),
                 language=md_escape(value_name("language", detail["language"], ctx.lang))))
    labels = detail["labels"]
    areas = labels["area"].to_list() if labels.height else []
    spans, source = evidence_spans(detail["text"] or "", areas)
    if search:
        spans += evidence.query_spans(detail["text"] or "", search)
    label = lambda a: area_name(a, ctx.lang)  # noqa: E731
    st.html(evidence.highlight_html(detail["text"] or "", spans, label, t("reader.search_term")))
    if areas:
        st.html(evidence.legend_html(areas, label))
        st.caption(t("reader.evidence_model") if source == "model" else t("reader.evidence_keywords"))
    label_table(ctx, labels, key)
    if inbox.pending_for(data.settings().resolved_inbox_dir(), appeal_id):
        st.info(t("reader.pending"))
    if review_button and st.button(t("reader.review"), key=f"review.{key}", icon=":material/edit:"):
        st.session_state["review.appeal_id"] = appeal_id
        st.switch_page("views/review.py")


def label_table(ctx: PageContext, labels: pl.DataFrame, key: str) -> None:
    st.markdown(f"**{t('reader.labels')}**")
    if labels.height == 0:
        st.caption(t("reader.no_labels"))
        return
    shown = labels.select(
        pl.col("area").map_elements(lambda a: area_name(a, ctx.lang), return_dtype=pl.Utf8).alias(t("dimension.area")),
        pl.col("polarity").map_elements(lambda p: value_name("polarity", p, ctx.lang), return_dtype=pl.Utf8)
        .alias(t("filters.polarities")),
        pl.col("score").alias(t("reader.score")),
        pl.when(pl.col("is_low_confidence")).then(pl.lit(t("reader.low_confidence"))).otherwise(pl.lit(""))
        .alias(t("reader.check")),
        pl.col("is_corrected").alias(t("reader.corrected")),
    )
    table(shown, f"labels_{key}", column_config={
        t("reader.score"): st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.2f")})


def evidence_spans(text: str, areas: list[str]) -> tuple[list[evidence.Span], str]:
    """The classifier's explanation when a model is installed here, else the indicators' keywords."""
    classifier = _classifier(data.settings().model_dir)
    if classifier is not None and areas:
        try:
            return evidence.model_spans(text, classifier.explain(text)), "model"
        except Exception:  # an explanation is a help, never a reason to hide the text
            pass
    return evidence.keyword_spans(text, areas), "keyword"


@st.cache_resource(show_spinner=False)
def _classifier(model_dir: str):
    """The trained classifier for explanations, loaded once per process; None without a model."""
    from pathlib import Path

    if not (Path(model_dir) / "encoder.json").exists():
        return None
    try:
        from nlp.ensemble import load_classifier
        return load_classifier(model_dir)
    except Exception:
        return None
