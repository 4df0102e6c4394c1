"""Modes of the files that hold citizens' data, hashes, audit records or login state.

Why here: the warehouse, its snapshot (read by the dashboard), the audit log, the users file and
the login-state file are all readable by their owner only (0600), or also by the owner's group
(0640, ``group_readable_files``); never by every account on the server. Files we create are opened
with the mode; files DuckDB creates itself (the .wal, the spill folder, an attached snapshot) get
it through the process umask, set by :func:`restrict_new_files` before DuckDB writes anything, and
an explicit chmod where the name is known. An existing file is tightened whenever it is opened for
writing, so an older deployment's 0644 files are fixed by the next run.
"""

from __future__ import annotations

import os
from pathlib import Path

from warehouse.config import PRIVATE_FILE_MODE

_UMASK_FOR_MODE = {0o600: 0o077, 0o640: 0o027}


def restrict_new_files(mode: int = PRIVATE_FILE_MODE) -> None:
    """Narrow the process umask so that whatever is created from now on is at most `mode`.

    Only ever narrows (an administrator's stricter umask stays), and is process-wide: a writer or
    dashboard process creates nothing that others should read.
    """
    wanted = _UMASK_FOR_MODE[mode]
    current = os.umask(wanted)
    os.umask(current | wanted)


def tighten(path: str | os.PathLike, mode: int = PRIVATE_FILE_MODE) -> None:
    """Give an existing file exactly `mode` (nothing happens to a missing one)."""
    try:
        if os.stat(path).st_mode & 0o777 != mode:
            os.chmod(path, mode)
    except FileNotFoundError:
        pass


def open_private(path: str | os.PathLike, flags: int, mode: int = PRIVATE_FILE_MODE) -> int:
    """os.open with the mode applied at creation, and an existing file tightened; returns the fd."""
    restrict_new_files(mode)
    fd = os.open(path, flags | os.O_CREAT, mode)
    if os.fstat(fd).st_mode & 0o777 != mode:
        os.fchmod(fd, mode)
    return fd


def write_private_text(path: str | os.PathLike, text: str, mode: int = PRIVATE_FILE_MODE) -> None:
    """Replace a file atomically (write a temporary beside it, then rename), the new one at `mode`."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(file.name + ".tmp")
    fd = open_private(temporary, os.O_WRONLY | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, file)
