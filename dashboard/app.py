"""The dashboard's entry file: language, login, navigation for the user's role, shared filters.

Run with ``tyndau dashboard`` (which calls ``streamlit run`` headless). Pages are the scripts of
``dashboard/views/`` listed in :mod:`dashboard.registry`; this file only decides which of them the
logged-in role sees and draws the sidebar they share, then runs the chosen one.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `streamlit run dashboard/app.py` runs this file as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st  # noqa: E402

from dashboard import auth, filters, registry  # noqa: E402
from dashboard.guard import show_error  # noqa: E402
from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES, SESSION_KEY, current_language, t  # noqa: E402
from dashboard.safe_markdown import md_escape  # noqa: E402
from warehouse.errors import TyndauError  # noqa: E402

st.set_page_config(page_title="Tyndau", page_icon="👂", layout="wide")  # an emoji: a :material: icon is fetched from the internet


# Kazakh and Russian labels run half again as long as English ones: metric labels and button captions
# wrap onto a second line instead of ending in "…" (the browser test checks no label is cut off).
WRAP_LABELS = """<style>
[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] *, [data-testid="stDownloadButton"] button *,
[data-testid="stButton"] button * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>"""


def language_switch() -> str:
    """The language radio, first in the sidebar so even the login form follows it."""
    if st.session_state.get(SESSION_KEY) not in LANGUAGES:
        st.session_state[SESSION_KEY] = current_language()
    st.sidebar.radio(t("app.language"), LANGUAGES, key=SESSION_KEY, format_func=LANGUAGE_NAMES.get,
                     horizontal=True)
    return st.session_state[SESSION_KEY]


def navigation(role: str):
    sections: dict[str, list] = {}
    for spec in registry.pages_for(role):
        page = st.Page(spec.script, title=t(spec.title), icon=spec.icon, url_path=spec.key, default=spec.default)
        sections.setdefault(t(spec.section), []).append(page)
    return st.navigation(sections, expanded=True)  # every page of the role listed, no "View more" fold


def user_box(user) -> None:
    st.sidebar.caption(t("user.signed_in", name=md_escape(user.label), role=t(f"role.{user.role}")))
    st.sidebar.button(t("user.logout"), on_click=auth.sign_out, icon=":material/logout:")


def current_spec(page) -> registry.PageSpec | None:
    for spec in registry.PAGES:
        if spec.key == page.url_path or (spec.default and not page.url_path):
            return spec
    return None


def main() -> None:
    st.html(WRAP_LABELS)
    auth.restore_session()
    lang = language_switch()
    auth.store_cookies(lang)
    user = auth.current_user()
    if user is None:
        auth.login_page()
        return
    page = navigation(user.role)
    user_box(user)
    spec = current_spec(page)
    try:
        filters.sidebar(spec.filters if spec else (), lang)
    except TyndauError as exc:
        show_error(exc)
        st.stop()
    page.run()


main()
