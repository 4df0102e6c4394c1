"""Staying signed in across a reload or a link: a signed, expiring session cookie.

Streamlit keeps ``st.session_state`` per browser connection, so a reload, a second tab or a
link to a page used to land on the login form. After a login the page stores a cookie holding
the user name, an expiry and an HMAC-SHA256 signature made with a per-deployment key
(``<users file stem>.session-key``, 32 random bytes, mode 0600, created on first use). A new
connection presents the cookie (``st.context.cookies``); a valid, unexpired one signs the user
in again *with the role the users file gives now*, so removing a user or changing a role takes
effect at their next connection, and a forged or edited cookie is refused by the signature.

The language is a second, unsigned cookie: it grants nothing.

What this does not do: the cookie is set by a script on the page, so it cannot be HttpOnly, and
signing out clears it in this browser only (a copied cookie stays valid until it expires, at
most ``SESSION_HOURS``). Deployments that need revocation use OIDC (see dashboard/auth.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from warehouse.files import write_private_text

SESSION_COOKIE = "tyndau_session"
LANGUAGE_COOKIE = "tyndau_lang"
SESSION_HOURS = 8


def key_path(users_file: str | os.PathLike) -> Path:
    users = Path(users_file)
    return users.with_name(users.stem + ".session-key")


def signing_key(users_file: str | os.PathLike, mode: int) -> bytes:
    """The deployment's key, made once; every dashboard process of the deployment reads the same file."""
    path = key_path(users_file)
    if not path.exists():
        write_private_text(path, secrets.token_hex(32), mode)
    return bytes.fromhex(path.read_text(encoding="utf-8").strip())


def issue(name: str, key: bytes, hours: float = SESSION_HOURS, now: float | None = None) -> str:
    payload = json.dumps({"u": name, "exp": int((now or time.time()) + hours * 3600)}, separators=(",", ":"))
    body = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
    return f"{body}.{_signature(body, key)}"


def verify(token: str | None, key: bytes, now: float | None = None) -> str | None:
    """The user name a token was issued for, or None when it is missing, forged, edited or expired."""
    if not token or token.count(".") != 1:
        return None
    body, signature = token.split(".")
    if not hmac.compare_digest(signature, _signature(body, key)):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("exp", 0) < (now or time.time()):
        return None
    name = payload.get("u")
    return name if isinstance(name, str) else None


def _signature(body: str, key: bytes) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def cookie_script(name: str, value: str, max_age_seconds: int) -> str:
    """A script that stores (or, with max age 0, deletes) a cookie for the whole dashboard."""
    return (f"<script>document.cookie = {json.dumps(f'{name}={value}')} + "
            f"'; Path=/; Max-Age={int(max_age_seconds)}; SameSite=Strict';</script>")
