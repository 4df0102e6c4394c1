"""A full disk, told as one message: which disk, how much is free, about how much the step needs.

Why a module of its own: a full disk surfaces as Python's ``OSError`` (ENOSPC) from our own
writes and as DuckDB errors whose text names the file ("Could not write file ...: No space left
on device"), sometimes wrapped by our own errors; every writer (ingest, build, the snapshot) and
the CLI's edge turn any of them into the same :class:`DiskFullError`.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

from warehouse.errors import DiskFullError

_NO_SPACE_TEXTS = ("no space left on device", "disk quota exceeded")
_FILE_IN_MESSAGE = re.compile(r'file "([^"]+)"')


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return any(text in str(exc).lower() for text in _NO_SPACE_TEXTS)


def disk_full_error(exc: BaseException, path: str | os.PathLike | None = None, needed: int | None = None,
                    outcome: str = "Nothing was changed.") -> DiskFullError:
    """The message names the directory, its mount point and free space; `outcome` says what state things are in."""
    directory = _existing_directory(Path(path or _path_in(exc) or "."))
    free = shutil.disk_usage(directory).free
    need = f"; this step needs about {human_size(needed)}" if needed else ""
    return DiskFullError(
        f"The disk holding {directory} (mounted at {_mount_point(directory)}) is full: {human_size(free)} free{need}. "
        f"{outcome}",
        hint=f"Free {'at least ' + human_size(needed) + ' on' if needed else 'space on'} that disk, or move the "
             "warehouse (db_path) to a larger one, then run the command again.")


def human_size(n: int | None) -> str:
    size = float(n or 0)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TiB"  # pragma: no cover - the loop returns


def file_size(path: str | os.PathLike | None) -> int | None:
    try:
        return Path(path).stat().st_size if path else None
    except OSError:
        return None


def _path_in(exc: BaseException) -> str | None:
    if isinstance(exc, OSError) and exc.filename:
        return str(exc.filename2 or exc.filename)
    found = _FILE_IN_MESSAGE.search(str(exc))
    return found.group(1) if found else None


def _existing_directory(path: Path) -> Path:
    path = path.resolve()
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return path


def _mount_point(directory: Path) -> Path:
    while not os.path.ismount(directory) and directory != directory.parent:
        directory = directory.parent
    return directory
