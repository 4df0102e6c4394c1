"""Data quality and load runs: what an administrator checks before trusting the other pages."""

from datetime import datetime
from pathlib import Path

import polars as pl
import streamlit as st

from dashboard import data
from dashboard.components import fmt_number, table
from dashboard.guard import enter, query
from dashboard.i18n import t
from dashboard.safe_markdown import md_escape
from insights import quality
from warehouse import audit, inbox

ctx = enter("data_quality")
settings = data.settings()
st.title(t("page.data_quality"))
st.caption(t("dq.intro"))

snapshot = Path(settings.resolved_snapshot_path())
info = snapshot.stat()
st.caption(t("dq.snapshot", path=md_escape(snapshot.name), size=fmt_number(info.st_size / 1e6, 1),
             at=datetime.fromtimestamp(info.st_mtime).strftime("%Y-%m-%d %H:%M")))

migrations = query(quality.schema_migrations)
runs = query(quality.load_runs)
rejected = query(quality.rejected_by_reason)
cols = st.columns(4)
cols[0].metric(t("dq.schema"), int(migrations["version"].max()) if migrations.height else 0)
cols[1].metric(t("dq.runs"), runs.height)
cols[2].metric(t("dq.runs_failed"), runs.filter(pl.col("status") == "failed").height)
cols[3].metric(t("dq.rejected"), fmt_number(int(rejected['rows'].sum()) if rejected.height else 0, 0))

st.header(t("dq.runs"))
table(runs, "load_runs")

followed = query(quality.followed_sources)
if followed.height:
    st.header(t("dq.sync"))
    failing = followed.filter(pl.col("consecutive_failures") > 0)
    if failing.height:
        st.warning(t("dq.sync_failing", sources=", ".join(md_escape(s) for s in failing["source"])))
    table(followed, "followed_sources")

st.header(t("dq.rejected"))
st.subheader(t("dq.rejected_by_reason"))
table(rejected, "rejected_rows_by_reason")

st.header(t("dq.classification"))
st.subheader(t("dq.classified"))
table(query(quality.classified_texts), "classified_texts")
table(query(quality.classification_coverage), "classification_coverage")
st.subheader(t("dq.failures"))
table(query(quality.classification_failures), "classification_failures")

st.header(t("dq.schema"))
table(migrations, "schema_migrations")
st.subheader(t("dq.tables"))
table(query(quality.table_counts), "table_counts")

st.header(t("dq.inbox"))
waiting = inbox.pending(settings.resolved_inbox_dir())
st.metric(t("review.pending"), len(waiting))

if ctx.user.role == "admin":
    st.header(t("dq.audit"))
    records = audit.read(settings.resolved_audit_log_path(), last=200)
    table(pl.DataFrame([{k: (", ".join(v) if isinstance(v, list) else v) for k, v in r.items()} for r in records])
          if records else pl.DataFrame(), "audit_log")
