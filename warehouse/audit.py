"""The audit log of text views: who read which citizen's text, when, where and why.

Why a file and not a table: the dashboard only ever holds a read-only snapshot (DuckDB has one
writer, and that is ``tyndau ingest``/``classify``/``build``), yet a read must be logged at the
moment it happens, even while a load runs. So each view is one JSON line appended to a file next
to the warehouse (``Settings.resolved_audit_log_path()``), under an exclusive lock, opened in
append mode and never rewritten, readable by its owner only (0600, or 0640 with
``group_readable_files``). ``tyndau audit`` shows it; an administrator can ship it to a SIEM as is.

A record: ``{"at", "user", "role", "action", "page", "appeal_ids", "detail"}``; ``detail`` is
a search query or the filter that listed the texts. Texts themselves are never copied here.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from warehouse.config import load_settings
from warehouse.errors import TyndauError
from warehouse.files import open_private

MAX_IDS_PER_RECORD = 500


class AuditError(TyndauError):
    """The audit log cannot be written: then no text may be shown."""

    hint = "Check that the folder of audit_log_path exists and the dashboard's user may write to it."


@dataclass(frozen=True)
class AuditRecord:
    user: str
    role: str
    action: str                      # list | read | search | export
    page: str
    appeal_ids: tuple[str, ...] = ()
    detail: str = ""
    at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))


def append(path: str | os.PathLike, record: AuditRecord, mode: int | None = None) -> None:
    """Append one record; raises AuditError so the caller can refuse to show the text.

    `mode` defaults to the configured one (the dashboard reads the same settings)."""
    data = asdict(record)
    data["appeal_ids"] = list(record.appeal_ids[:MAX_IDS_PER_RECORD])
    data["appeal_count"] = len(record.appeal_ids)
    line = json.dumps(data, ensure_ascii=False) + "\n"
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fd = open_private(path, os.O_WRONLY | os.O_APPEND, mode or load_settings().file_mode)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError as exc:
        raise AuditError(f"Cannot write the audit log {path}: {exc.strerror}.") from None


def read(path: str | os.PathLike, last: int | None = None) -> list[dict]:
    """The records, oldest first (the last `last` of them when given)."""
    records = list(_records(Path(path)))
    return records[-last:] if last else records


def _records(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def views_of(path: str | os.PathLike, appeal_ids: Sequence[str]) -> list[dict]:
    """Every record that showed any of these appeals (for "who has read this letter?")."""
    wanted = set(appeal_ids)
    return [r for r in _records(Path(path)) if wanted & set(r.get("appeal_ids", []))]
