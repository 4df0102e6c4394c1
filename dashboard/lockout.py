"""Failed logins, counted on the server per user and per client address. No streamlit here.

Why not the browser session: a new tab (or a script that drops its cookie) starts a new session,
so a count kept there stops nobody. The count lives in a small SQLite file beside the users file
(``users.auth-state.sqlite3``, mode 0600 or 0640): SQLite serialises writers across Streamlit's
threads and across dashboard processes, and its journal takes the file's own mode.

Why an attempt is recorded *before* the password is checked: argon2 takes a while, and an attacker
who sends many attempts at once would otherwise have them all checked before the first failure is
written. :meth:`LoginThrottle.begin_attempt` claims the attempt as a failure in one transaction and
:meth:`LoginThrottle.succeeded` clears the counts when the password was right.

The delay: none for the first ``FREE_FAILURES`` failures, then ``BASE_DELAY`` seconds doubling with
each further one, at most ``MAX_DELAY``; it runs from the latest failure. While a key is locked no
password is checked (so waiting it out is the only way on, and hammering does not lengthen it).
Success clears the user's and the address's counts. Counts are forgotten after ``FORGET_AFTER`` of
quiet, so an office behind one address is not slowed down forever by old typos.
"""

from __future__ import annotations

import math
import os
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from warehouse.config import PRIVATE_FILE_MODE
from warehouse.files import open_private

FREE_FAILURES = 3
BASE_DELAY = 5.0
MAX_DELAY = 15 * 60.0
FORGET_AFTER = 24 * 3600.0
BUSY_TIMEOUT = 10.0


def state_path(users_file: str | os.PathLike) -> Path:
    """The login-state file that goes with a users file."""
    users = Path(users_file)
    return users.with_name(users.stem + ".auth-state.sqlite3")


def delay_after(failures: int) -> float:
    """Seconds to wait after this many consecutive failures."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY, BASE_DELAY * 2 ** (failures - FREE_FAILURES))


def user_key(name: str) -> str:
    return "user:" + name.strip()


def address_key(address: str) -> str:
    return "address:" + address


class LoginThrottle:
    """Failure counts in one SQLite file; every method is one short transaction."""

    def __init__(self, path: str | os.PathLike, mode: int = PRIVATE_FILE_MODE):
        self.path = Path(path)
        self.mode = mode

    def wait_seconds(self, keys: Sequence[str], now: float | None = None) -> float:
        """How long until any of these keys may try again (0 when none is locked)."""
        now = time.time() if now is None else now
        with self._connection() as con:
            return self._wait(con, keys, now)

    def begin_attempt(self, keys: Sequence[str], now: float | None = None) -> float:
        """0 and the attempt recorded as a failure, or the seconds to wait (nothing recorded)."""
        now = time.time() if now is None else now
        with self._connection() as con:
            con.execute("begin immediate")
            wait = self._wait(con, keys, now)
            if wait == 0:
                con.executemany(
                    "insert into failures (key, count, last_at) values (?, 1, ?) on conflict (key) do update "
                    "set count = case when excluded.last_at - failures.last_at > ? then 1 else failures.count + 1 end, "
                    "last_at = excluded.last_at", [(key, now, FORGET_AFTER) for key in keys])
            con.execute("commit")
            return wait

    def succeeded(self, keys: Sequence[str]) -> None:
        """The password was right: forget these keys' failures."""
        with self._connection() as con:
            con.executemany("delete from failures where key = ?", [(key,) for key in keys])

    def _wait(self, con: sqlite3.Connection, keys: Sequence[str], now: float) -> float:
        marks = ", ".join("?" * len(keys))
        rows = con.execute(f"select count, last_at from failures where key in ({marks})", list(keys)).fetchall()
        waits = [last_at + delay_after(count) - now for count, last_at in rows if now - last_at <= FORGET_AFTER]
        return max([0.0, *waits])

    def _connection(self) -> "_Closing":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        os.close(open_private(self.path, os.O_RDWR, self.mode))  # created (or tightened) before SQLite opens it
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        con.execute("create table if not exists failures (key text primary key, count integer not null, "
                    "last_at real not null)")
        return _Closing(con)


class _Closing:
    """sqlite3's own context manager commits but never closes; this one closes."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con

    def __enter__(self) -> sqlite3.Connection:
        return self.con

    def __exit__(self, *exc) -> None:
        if exc[0] is not None and self.con.in_transaction:
            self.con.execute("rollback")
        self.con.close()


def whole_seconds(seconds: float) -> int:
    """A wait as the user reads it: never 0 while still locked."""
    return max(1, math.ceil(seconds))
