"""What every page does first: check who is asking, and hand it the shared filters.

Why in the page and not only in the navigation: a page hidden from a role could still be reached
(an old link, a test harness, a later change to the navigation). ``enter`` re-checks the page's
registered roles on every run and stops with a message otherwise; ``require_texts`` is the one gate
in front of anything a citizen wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import auth, data, filters, registry
from dashboard.i18n import current_language, t
from dashboard.safe_markdown import md_escape
from dashboard.users import User
from insights.scope import Filters
from warehouse.errors import TyndauError


@dataclass(frozen=True)
class PageContext:
    spec: registry.PageSpec
    user: User
    lang: str
    filters: Filters


def enter(key: str) -> PageContext:
    """The page's context; stops the page for a user whose role may not open it."""
    spec = registry.page(key)
    user = auth.current_user()
    if user is None or user.role not in spec.roles:
        st.error(t("guard.forbidden"))
        st.stop()
    if spec.reads_texts:
        require_texts(user)
    st.session_state["page.title_key"] = spec.title  # what an export made on this page says it is
    return PageContext(spec, user, current_language(), filters.current())


def require_texts(user: User) -> None:
    """Stops the page unless the user may read citizens' texts (analysts and administrators)."""
    if not user.can_read_texts:
        st.warning(t("guard.aggregates_only"))
        st.stop()


def show_error(exc: TyndauError) -> None:
    st.error(md_escape(str(exc)))
    if exc.hint:
        st.info(md_escape(exc.hint))


def run_or_explain(fn, *args, **kwargs):
    """Call a data function; a domain error becomes a message on the page instead of a traceback."""
    try:
        return fn(*args, **kwargs)
    except TyndauError as exc:
        show_error(exc)
        st.stop()


def query(fn, *args, **kwargs):
    return run_or_explain(data.query, fn, *args, **kwargs)
