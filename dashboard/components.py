"""Pieces every page uses: labels, headline metrics, tables with downloads, and the gated text views.

The text views (:func:`text_list`, :func:`text_reader`) are the only places citizens' texts reach
the screen. Each checks the role first (aggregates only for leadership and planners), writes the
audit record *before* showing anything (no record, no text), and renders texts either in a data
grid (never interpreted as HTML or Markdown) or as escaped HTML with highlighted evidence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date, datetime

import polars as pl
import streamlit as st

from dashboard import data, evidence, i18n
from dashboard.guard import PageContext, query
from dashboard.i18n import STRINGS, area_name, current_language, t, text, value_name
from dashboard.safe_markdown import md_escape
from insights import exports, scope, themes
from warehouse import audit, inbox
from warehouse.errors import TyndauError

TEXT_LIMIT = 200
RAW_NAME = re.compile(r"[a-z][a-z0-9_]*")
LOGGED_KEY = "audit.logged"


# ---------------------------------------------------------------- labels


def namer(kind: str, lang: str) -> Callable[[object], str]:
    """key -> name in the interface language, for agencies, regions, areas and data values."""
    if kind == "area":
        return lambda key: area_name(str(key), lang)
    if kind in ("agency", "region"):
        names = query(scope.dimension_labels).get(kind, {})
        return lambda key: (names.get(key, {}).get(lang) or str(key)) if key is not None else value_name(kind, None, lang)
    if kind == "month":
        return lambda key: key.strftime("%Y-%m") if isinstance(key, (date, datetime)) else str(key)
    return lambda key: value_name(kind, key, lang)


def fmt_date(value) -> str:
    return i18n.day(value) if isinstance(value, (date, datetime)) else "—"


def fmt_pct(value) -> str:
    return i18n.percent(value)


def fmt_number(value, digits: int = 1) -> str:
    return i18n.number(value, digits=digits)


def period_caption(ctx: PageContext) -> None:
    f = ctx.filters
    if f.date_from and f.date_to:
        p = f.previous_period()
        st.caption(t("common.period", start=fmt_date(f.date_from), end=fmt_date(f.date_to),
                     pstart=fmt_date(p.date_from), pend=fmt_date(p.date_to)))


def kpi(column, label: str, value: str, now=None, before=None, percent: bool = False, inverse: bool = False,
        help: str | None = None) -> None:
    """A headline number with its change against the previous period, in the user's locale: rates in
    percentage points, counts as whole numbers; a change that rounds to zero reads "no change", grey,
    without an arrow (not a red "+0.0")."""
    change = None if now is None or before is None else now - before
    shown, unchanged = None, False
    if change is not None:
        digits = 0 if isinstance(change, int) else 1
        unchanged = round(change * (100 if percent else 1), digits) == 0
        shown = i18n.points(change) if percent else i18n.signed(change, digits=digits)
    column.metric(label, value, shown, help=help,
                  delta_color="off" if unchanged else ("inverse" if inverse else "normal"),
                  delta_arrow="off" if unchanged else "auto")


# ---------------------------------------------------------------- tables and downloads


# Keys that identify rows for the code, never read by people; and raw columns whose named
# counterpart is shown beside them.
HIDDEN_COLUMNS = frozenset({"key", "group_no", "agency_key", "region_key", "session_id"})
NAMED_COUNTERPART = {"area": ("area_name", "name")}
# Columns named by an existing string of the catalogue (the rest by column.<name>).
COLUMN_KEYS = {
    "on_time_rate": "metric.on_time", "median_days": "metric.median_days", "ping_pong_rate": "metric.ping_pong",
    "repeat_rate": "metric.repeats", "interim_only_rate": "metric.interim_only",
    "mean_satisfaction": "metric.satisfaction", "satisfied_rate": "metric.satisfied", "on_time_shrunk": "resp.ranking",
    "agency": "dimension.agency", "region": "dimension.region", "language": "dimension.language",
    "appeal_type": "dimension.appeal_type", "area": "dimension.area", "channel": "dimension.channel",
    "month": "dimension.month", "redirects": "metric.redirects", "returns": "metric.returns",
    "from_agency": "resp.from", "to_agency": "resp.to", "polarity": "filters.polarities",
}
VALUE_COLUMNS = ("language", "appeal_type", "channel", "polarity")


def column_label(column: str, lang: str) -> str | None:
    """The column's name in the interface language, or None when the catalogue lacks it."""
    key = COLUMN_KEYS.get(column, f"column.{column}")
    return text(key, lang) if key in STRINGS else None


def is_raw_name(column: str) -> bool:
    """A code name (snake_case ASCII) rather than words a person reads."""
    return bool(RAW_NAME.fullmatch(column))


def localised(frame: pl.DataFrame, column_config: dict | None, lang: str) -> tuple[pl.DataFrame, dict]:
    """The frame as people read it: ids hidden, data values and column names in the interface
    language, empty text cells as a dash; the column configuration follows the new names."""
    config = dict(column_config or {})
    keep = [c for c in frame.columns if c not in HIDDEN_COLUMNS
            and not any(other in frame.columns for other in NAMED_COUNTERPART.get(c, ()))]
    renamed, new_config = {}, {}
    for column in keep:
        given = config.get(column)
        label = given if isinstance(given, str) else (given or {}).get("label") if isinstance(given, dict) else None
        label = label or (column_label(column, lang) if is_raw_name(column) else None) or column
        renamed[column] = label
        if isinstance(given, dict):
            new_config[label] = {**given, "label": label}
    shown = frame.select(keep).with_columns(
        [pl.col(c).map_elements(namer(c, lang), return_dtype=pl.Utf8) for c in VALUE_COLUMNS
         if c in keep and frame.schema[c] == pl.Utf8]
        + [pl.col(c).fill_null(text("value.none", lang)) for c in keep
           if frame.schema[c] == pl.Utf8 and c not in VALUE_COLUMNS])
    return shown.rename(renamed), new_config


def table(frame: pl.DataFrame, name: str, column_config: dict | None = None, height: int | None = None,
          on_select=None, key: str | None = None):
    """A data grid plus CSV and Excel downloads of exactly what it shows, in the interface language."""
    frame, column_config = localised(frame, column_config, current_language())
    shown = st.dataframe(frame, hide_index=True, width="stretch",
                         column_config=column_config, height=height or "auto",
                         on_select=on_select or "ignore", selection_mode="single-row", key=key)
    downloads(frame, name)
    return shown


def downloads(frame: pl.DataFrame, name: str, on_click=None) -> None:
    """CSV and Excel buttons; the files are made only when clicked (a callable), not on every rerun.
    The workbook opens with a sheet that says what it is: page, table, period, filters, date."""
    left, right, _ = st.columns([1, 1, 4])
    # The file callables run later, in the server's own thread, where the session (and so t()) is not
    # available: everything they need in the user's language is made here.
    about, sheets = export_about(name), (t("export.about_sheet"), t("export.data_sheet"))
    left.download_button(t("common.download_csv"), lambda: exports.csv_bytes(flatten(frame)),
                         file_name=f"{name}.csv", mime="text/csv", key=f"csv.{name}", on_click=on_click or "ignore",
                         icon=":material/download:")
    right.download_button(t("common.download_xlsx"),
                          lambda: exports.xlsx_bytes({sheets[0]: about, sheets[1]: flatten(frame)}),
                          file_name=f"{name}.xlsx", key=f"xlsx.{name}", on_click=on_click or "ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/table_view:")


def export_about(name: str) -> pl.DataFrame:
    """What an exported file is, in the user's language: the page, the table, the period and every
    filter by name, when it was made and by whom, so a file forwarded to an akim explains itself."""
    from dashboard import filters as page_filters

    lang = current_language()
    f = page_filters.current()
    period = (t("common.period_short", start=fmt_date(f.date_from), end=fmt_date(f.date_to))
              if f.date_from and f.date_to else t("filters.all"))
    rows = [(t("export.page"), t(st.session_state.get("page.title_key", "app.title"))),
            (t("export.table"), name), (t("export.period"), period)]
    for kind, label_key, values in (("agency", "filters.agencies", f.agencies), ("region", "filters.regions", f.regions),
                                    ("area", "filters.areas", f.areas), ("channel", "filters.channels", f.channels),
                                    ("language", "filters.languages", f.languages),
                                    ("appeal_type", "filters.appeal_types", f.appeal_types),
                                    ("polarity", "filters.polarities", f.polarities)):
        rows.append((t(label_key), ", ".join(namer(kind, lang)(v) for v in values) if values else t("filters.all")))
    user = st.session_state.get("user") or {}
    made = data.settings().local_now().date()  # the deployment's day, not the server's
    rows += [(t("export.made"), i18n.day(made, lang)), (t("export.user"), user.get("name", ""))]
    return pl.DataFrame(rows, schema=[t("export.item"), t("export.value")], orient="row")


def export_headers(columns, lang: str) -> dict[str, str]:
    """Raw export column -> its name in the catalogue (unnamed columns keep theirs)."""
    return {c: column_label(c, lang) or c for c in columns}


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
              extra_columns: tuple[str, ...] = (), total: int | None = None, examples: bool = False) -> str | None:
    """The texts of a drill-down or a search, for text readers only; returns the appeal chosen to read.

    `total` is the true number behind the drill-down when the list is cut short; every role sees it
    (leadership the count alone), so nobody mistakes the display limit for the number of appeals."""
    total = frame.height if total is None else total
    if not ctx.user.can_read_texts:
        st.info(t("common.aggregates_only", n=fmt_number(total, 0)))
        return None
    ids = frame["appeal_id"].to_list() if frame.height else []
    if not log_view(ctx, "list", ids, detail):
        return None
    listed = "common.examples_listed" if examples else "common.texts_listed"
    st.caption(t(listed, n=fmt_number(total, 0), shown=fmt_number(frame.height, 0))
               if total > frame.height else t("common.texts_count", n=fmt_number(total, 0)))
    agency = namer("agency", ctx.lang)
    shown = frame.with_columns(
        pl.col("agency_key").map_elements(agency, return_dtype=pl.Utf8).alias("agency"),
        *([pl.col("region_key").map_elements(namer("region", ctx.lang), return_dtype=pl.Utf8).alias("region")]
          if "region_key" in frame.columns else []),
    ).select("appeal_id", "registered_at", "agency", "region", "language", "appeal_type", *extra_columns, "text") \
        if frame.height else frame
    shown, config = localised(shown, {"text": st.column_config.TextColumn(width="large")}, ctx.lang)
    event = st.dataframe(shown, hide_index=True, width="stretch", row_height=72,
                         on_select="rerun", selection_mode="single-row", key=f"texts.{key}",
                         column_config=config)
    downloads(shown, name, on_click=lambda: log_view(ctx, "export", ids, detail))
    return selected_id(event, ids)


def selected_id(event, ids: list[str]) -> str | None:
    """The appeal of the selected row: a text opens by selecting its row (no second picker of ids).
    A selection left over from a longer list (the filters changed) opens nothing."""
    rows = event.selection.rows if hasattr(event, "selection") else []
    if not rows:
        if ids:
            st.caption(t("reader.pick"))
        return None
    return ids[rows[0]] if rows[0] < len(ids) else None


def text_reader(ctx: PageContext, appeal_id: str, search: str = "", review_button: bool = True,
                key: str = "") -> None:
    """One text, escaped, with its evidence highlighted, its labels, and a way to correct them.

    `key` tells apart two readers on one page (two drill-downs may open the same appeal)."""
    key = f"{key}.{appeal_id}"
    if not ctx.user.can_read_texts:
        st.info(t("guard.aggregates_only"))
        return
    detail = query(themes.appeal_detail, appeal_id)
    if detail is None or not log_view(ctx, "read", [appeal_id], search):
        return
    st.subheader(t("reader.title", id=md_escape(detail["external_id"])))
    st.caption(t("reader.meta", agency=md_escape(namer("agency", ctx.lang)(detail["agency_key"])),
                 region=md_escape(namer("region", ctx.lang)(detail.get("region_key"))), date=fmt_date(detail["registered_at"]),
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
