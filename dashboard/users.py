"""Dashboard users: a TOML file of names, roles and argon2 password hashes. No streamlit here.

Why a file: a ministry deploys the dashboard inside its own network, often without an identity
provider; a file the administrator manages with ``tyndau users add`` is enough, and never holds a
password, only its argon2id hash. (An OIDC provider can be used instead; see docs/dashboard.md.)

The file::

    [users.aigerim]
    role = "analyst"
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."
    display_name = "Aigerim S."
    email = "aigerim@example.kz"      # optional: matches the OIDC login to this role
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from warehouse.config import PRIVATE_FILE_MODE
from warehouse.errors import ConfigError
from warehouse.files import write_private_text

ROLES = ("leadership", "analyst", "training_planner", "admin")
TEXT_READERS = frozenset({"analyst", "admin"})
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")
MIN_PASSWORD_LENGTH = 8


class UsersFileError(ConfigError):
    hint = "Create a user with `tyndau users add NAME --role ROLE` (roles: " + ", ".join(ROLES) + ")."


@dataclass(frozen=True)
class User:
    name: str
    role: str
    display_name: str = ""
    email: str = ""

    @property
    def can_read_texts(self) -> bool:
        """Only analysts and administrators read what citizens wrote; everyone else sees aggregates."""
        return self.role in TEXT_READERS

    @property
    def label(self) -> str:
        return self.display_name or self.name


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsersFileError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
                             hint="Choose a longer password (a passphrase of several words is best).")
    return _hasher().hash(password)


def load_entries(path: str | os.PathLike) -> dict[str, dict]:
    file = Path(path)
    if not file.exists():
        return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UsersFileError(f"{file} is not valid TOML: {exc}") from None
    users = data.get("users", {})
    for name, entry in users.items():
        if entry.get("role") not in ROLES:
            raise UsersFileError(f"User {name!r} in {file} has the unknown role {entry.get('role')!r}.")
    return users


def authenticate(path: str | os.PathLike, name: str, password: str) -> User | None:
    """The user when the password matches its hash; None otherwise (never says which part was wrong)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    entry = load_entries(path).get(name.strip())
    if not entry:
        _hasher().hash(password or "-")  # same cost whether or not the name exists
        return None
    try:
        _hasher().verify(entry["password_hash"], password)
    except (VerificationError, InvalidHashError):
        return None
    return _user(name.strip(), entry)


def user_by_email(path: str | os.PathLike, email: str) -> User | None:
    """The user an OIDC login maps to: the entry with this e-mail address (case-insensitive)."""
    for name, entry in load_entries(path).items():
        if email and entry.get("email", "").lower() == email.lower():
            return _user(name, entry)
    return None


def user_named(path: str | os.PathLike, name: str) -> User | None:
    """The user as the users file describes them now (None once removed or given no valid role)."""
    entry = load_entries(path).get(name)
    return _user(name, entry) if entry and entry.get("role") in ROLES else None


def _user(name: str, entry: dict) -> User:
    return User(name=name, role=entry["role"], display_name=entry.get("display_name", ""),
                email=entry.get("email", ""))


def add_user(path: str | os.PathLike, name: str, role: str, password: str, display_name: str = "",
             email: str = "", replace: bool = False, mode: int = PRIVATE_FILE_MODE) -> User:
    """Create (or with ``replace`` update) an entry; the file is rewritten atomically at `mode`."""
    if not NAME_PATTERN.match(name):
        raise UsersFileError(f"{name!r} is not a valid user name.",
                             hint="Use 2-64 letters, digits, dots, dashes, underscores or @.")
    if role not in ROLES:
        raise UsersFileError(f"Unknown role {role!r}.", hint=f"Roles: {', '.join(ROLES)}.")
    users = load_entries(path)
    if name in users and not replace:
        raise UsersFileError(f"User {name!r} already exists in {path}.",
                             hint="Pass --replace to change the password or role.")
    users[name] = {"role": role, "password_hash": hash_password(password)}
    users[name].update({k: v for k, v in (("display_name", display_name), ("email", email)) if v})
    write_entries(path, users, mode)
    return _user(name, users[name])


def write_entries(path: str | os.PathLike, users: dict[str, dict], mode: int = PRIVATE_FILE_MODE) -> None:
    lines = ["# Tyndau dashboard users: managed with `tyndau users add`. Holds hashes, never passwords.", ""]
    for name in sorted(users):
        lines.append(f"[users.{json.dumps(name)}]")
        lines.extend(f"{key} = {json.dumps(str(value), ensure_ascii=False)}" for key, value in users[name].items())
        lines.append("")
    write_private_text(path, "\n".join(lines), mode)
