"""Logging in: a form checked against the users file, or an OIDC provider when one is configured.

The logged-in :class:`~dashboard.users.User` lives in ``st.session_state["user"]`` (a plain dict,
so a test can inject one). OIDC (``st.login``) is used only when ``.streamlit/secrets.toml`` has an
``[auth]`` section; the provider proves who the person is, and the users file (an entry with that
``email``) says which role they have: nobody gets a role the administrator did not give.

Failed password logins are counted on the server (:mod:`dashboard.lockout`), per user name and per
client address, so a new tab or session does not start over. Behind a proxy (``behind_proxy``) the
address is the last X-Forwarded-For entry, the one the proxy itself appended (a client can write
the earlier ones); otherwise it is the address Streamlit sees, which behind a proxy would be the
proxy's own and lump every user together. When no address is known, only the user name counts.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data, session
from dashboard.i18n import LANGUAGES, SESSION_KEY as LANGUAGE_KEY, t
from dashboard.lockout import LoginThrottle, address_key, state_path, user_key, whole_seconds
from dashboard.users import ROLES, User, authenticate, load_entries, user_by_email, user_named

SESSION_KEY = "user"
PENDING_COOKIE = "session.pending_cookie"  # a token to store, "" to delete, absent: nothing to do
LANGUAGE_STORED = "session.language_cookie"


def current_user() -> User | None:
    entry = st.session_state.get(SESSION_KEY)
    if not entry or entry.get("role") not in ROLES:
        return None
    return User(name=entry["name"], role=entry["role"], display_name=entry.get("display_name", ""))


def sign_in(user: User, remember: bool = True) -> None:
    st.session_state[SESSION_KEY] = {"name": user.name, "role": user.role, "display_name": user.display_name}
    if remember:
        st.session_state[PENDING_COOKIE] = session.issue(user.name, _signing_key())


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[PENDING_COOKIE] = ""
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()


def restore_session() -> None:
    """A new connection (a reload, a link, a second tab) of someone who signed in: their signed cookie
    signs them in again with the role the users file gives today, and their language comes back."""
    cookies = _cookies()
    if st.session_state.get(LANGUAGE_KEY) not in LANGUAGES and cookies.get(session.LANGUAGE_COOKIE) in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = st.session_state[LANGUAGE_STORED] = cookies[session.LANGUAGE_COOKIE]
    if current_user() is not None or st.session_state.get(PENDING_COOKIE) == "":
        return
    name = session.verify(cookies.get(session.SESSION_COOKIE), _signing_key())
    user = user_named(data.settings().users_file, name) if name else None
    if user is not None:
        sign_in(user, remember=False)


def store_cookies(lang: str) -> None:
    """Write what changed this run to the browser: the session token after a login (or its deletion
    after a logout), and the language whenever the user switches it."""
    scripts = []
    pending = st.session_state.pop(PENDING_COOKIE, None)
    if pending is not None:
        scripts.append(session.cookie_script(session.SESSION_COOKIE, pending,
                                             session.SESSION_HOURS * 3600 if pending else 0))
    if st.session_state.get(LANGUAGE_STORED) != lang:
        st.session_state[LANGUAGE_STORED] = lang
        scripts.append(session.cookie_script(session.LANGUAGE_COOKIE, lang, 365 * 24 * 3600))
    if scripts:
        st.html("".join(scripts), unsafe_allow_javascript=True, width="content")


def _signing_key() -> bytes:
    settings = data.settings()
    return session.signing_key(settings.users_file, settings.file_mode)


def _cookies() -> dict:
    try:
        return dict(st.context.cookies)
    except Exception:  # no browser behind the run (AppTest, bare mode)
        return {}


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def user_from_oidc() -> User | None:
    """The role of the person the provider logged in, from the users file; None if not listed."""
    if not (oidc_configured() and getattr(st.user, "is_logged_in", False)):
        return None
    return user_by_email(data.settings().users_file, st.user.get("email", ""))


def login_page() -> None:
    """The form (and the provider's button when configured); stops the script until logged in."""
    st.title(t("login.title"))
    st.caption(t("login.intro"))
    oidc_user = user_from_oidc()
    if oidc_user:
        sign_in(oidc_user)
        st.rerun()
    if oidc_configured():
        if getattr(st.user, "is_logged_in", False):
            st.error(t("login.oidc_unknown"))
        st.button(t("login.oidc"), on_click=st.login, icon=":material/key:")
    if not load_entries(data.settings().users_file):
        st.info(t("login.no_users"))
    _password_form()
    st.stop()


def _password_form() -> None:
    with st.form("login"):
        name = st.text_input(t("login.user"), key="login_name")
        password = st.text_input(t("login.password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("login.submit"), type="primary")
    if submitted:
        _check(name, password)


def _check(name: str, password: str) -> None:
    settings = data.settings()
    throttle = LoginThrottle(state_path(settings.users_file), settings.file_mode)
    keys = _throttle_keys(name, settings.behind_proxy)
    wait = throttle.begin_attempt(keys)
    if wait:
        st.error(t("login.locked", seconds=whole_seconds(wait)))
        return
    user = authenticate(settings.users_file, name, password)
    if user is None:
        st.error(t("login.failed"))
        return
    throttle.succeeded(keys)
    sign_in(user)
    st.rerun()


def _throttle_keys(name: str, behind_proxy: bool) -> list[str]:
    address = client_address(behind_proxy)
    return [user_key(name)] + ([address_key(address)] if address else [])


def client_address(behind_proxy: bool) -> str | None:
    """Who is knocking: the proxy's X-Forwarded-For when configured, else Streamlit's remote address."""
    if behind_proxy:
        return _text(st.context.headers.get("X-Forwarded-For")).split(",")[-1].strip() or None
    return _text(st.context.ip_address) or None


def _text(value) -> str:
    """A header or address as text; anything else (no request behind the run, as in AppTest) is ''."""
    return value if isinstance(value, str) else ""
