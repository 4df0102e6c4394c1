"""API tokens: issued to a dashboard user, stored as SHA-256 hashes beside the users file. No web here.

Why tokens and not the users' passwords: another government system calls the API unattended, so it
needs a credential of its own that can be revoked without touching the person's dashboard login,
and one per calling system shows in the audit log which system read a text.

Why SHA-256 and not argon2 (which the passwords use): a token is 256 random bits, not something a
person chose, so no dictionary can guess it and a slow hash buys nothing; a fast one lets every
request be checked without making the API easy to slow down. The file never holds a token, only
its hash; a token is shown once, when issued.

Why each token maps to a user (not to a role): the role is read from the users file on every
request, so removing the user or changing their role takes effect at once, as in the dashboard.

The file (``users.api-tokens.toml`` beside ``users.toml``, mode 0600 or 0640)::

    [tokens."3f9a1c2b7d4e"]
    user = "aigerim"
    sha256 = "…64 hex digits…"
    label = "e-Otinish integration"
    created_at = "2026-12-07T15:20:00+00:00"
    expires_at = ""                     # ISO time, or empty for no expiry

A token reads ``tyndau_<id>_<secret>``: the id finds the entry (and is safe to show and log), the
secret is what the hash protects.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from dashboard.users import User, UsersFileError, user_named
from warehouse.config import PRIVATE_FILE_MODE
from warehouse.errors import ConfigError
from warehouse.files import write_private_text

PREFIX = "tyndau"
TOKEN_PATTERN = re.compile(r"^tyndau_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
_DUMMY_HASH = hashlib.sha256(b"no such token").hexdigest()


class TokensFileError(ConfigError):
    hint = "Issue a token with `tyndau api-tokens add --user NAME`; list them with `tyndau api-tokens list`."


@dataclass(frozen=True)
class TokenEntry:
    token_id: str
    user: str
    label: str
    created_at: str
    expires_at: str

    def expired(self, now: datetime) -> bool:
        return bool(self.expires_at) and datetime.fromisoformat(self.expires_at) <= now


@dataclass(frozen=True)
class Caller:
    """Who is calling: the user the token belongs to (with their current role) and the token's id."""

    user: User
    token_id: str


def tokens_path(users_file: str | os.PathLike) -> Path:
    """The tokens file that goes with a users file."""
    users = Path(users_file)
    return users.with_name(users.stem + ".api-tokens.toml")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def load_tokens(path: str | os.PathLike) -> dict[str, dict]:
    file = Path(path)
    if not file.exists():
        return {}
    try:
        return tomllib.loads(file.read_text(encoding="utf-8")).get("tokens", {})
    except tomllib.TOMLDecodeError as exc:
        raise TokensFileError(f"{file} is not valid TOML: {exc}") from None


def entries(path: str | os.PathLike) -> list[TokenEntry]:
    """Every token's public part (never the hash), oldest first."""
    found = [_entry(token_id, data) for token_id, data in load_tokens(path).items()]
    return sorted(found, key=lambda e: (e.created_at, e.token_id))


def _entry(token_id: str, data: dict) -> TokenEntry:
    return TokenEntry(token_id, data.get("user", ""), data.get("label", ""), data.get("created_at", ""),
                      data.get("expires_at", ""))


def issue(path: str | os.PathLike, users_file: str | os.PathLike, user: str, label: str = "",
          expires_days: int | None = None, mode: int = PRIVATE_FILE_MODE) -> tuple[str, TokenEntry]:
    """A new token for an existing user: (the token, shown only now; its entry). Only the hash is saved."""
    if user_named(users_file, user) is None:
        raise UsersFileError(f"There is no user {user!r} in {users_file}.",
                             hint="Add the user first with `tyndau users add NAME --role ROLE`; "
                                  "the token gets that user's role.")
    if expires_days is not None and expires_days < 1:
        raise TokensFileError("A token must live at least one day.", hint="Pass --expires-days 1 or more.")
    tokens = load_tokens(path)
    token_id = _new_id(tokens)
    token = f"{PREFIX}_{token_id}_{secrets.token_urlsafe(32)}"
    now = datetime.now(timezone.utc)
    expires = (now + timedelta(days=expires_days)).isoformat(timespec="seconds") if expires_days else ""
    tokens[token_id] = {"user": user, "sha256": digest(token), "label": label,
                        "created_at": now.isoformat(timespec="seconds"), "expires_at": expires}
    _write(path, tokens, mode)
    return token, _entry(token_id, tokens[token_id])


def _new_id(tokens: dict) -> str:
    while True:
        token_id = secrets.token_hex(6)
        if token_id not in tokens:
            return token_id


def revoke(path: str | os.PathLike, token_id: str, mode: int = PRIVATE_FILE_MODE) -> TokenEntry:
    tokens = load_tokens(path)
    if token_id not in tokens:
        raise TokensFileError(f"No API token with the id {token_id!r} in {path}.")
    removed = _entry(token_id, tokens.pop(token_id))
    _write(path, tokens, mode)
    return removed


def verify(path: str | os.PathLike, users_file: str | os.PathLike, token: str,
           now: datetime | None = None) -> Caller | None:
    """The caller when the token is known, unexpired and its user still exists; None otherwise.

    Never says which part was wrong, and compares a hash even for an unknown id (same work either way)."""
    match = TOKEN_PATTERN.match(token or "")
    data = load_tokens(path).get(match.group(1), {}) if match else {}
    known = hmac.compare_digest(digest(token or ""), data.get("sha256", _DUMMY_HASH))
    if not (match and data and known):
        return None
    entry = _entry(match.group(1), data)
    if entry.expired(now or datetime.now(timezone.utc)):
        return None
    user = user_named(users_file, entry.user)
    return Caller(user, entry.token_id) if user else None


def _write(path: str | os.PathLike, tokens: dict[str, dict], mode: int) -> None:
    lines = ["# Tyndau API tokens: managed with `tyndau api-tokens`. Holds SHA-256 hashes, never tokens.", ""]
    for token_id in sorted(tokens):
        lines.append(f"[tokens.{json.dumps(token_id)}]")
        lines.extend(f"{key} = {json.dumps(str(value), ensure_ascii=False)}" for key, value in tokens[token_id].items())
        lines.append("")
    write_private_text(path, "\n".join(lines), mode)
