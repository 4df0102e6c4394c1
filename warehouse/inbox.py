"""The corrections inbox: how a reader (the dashboard) hands analysts' corrections to the writer.

Why an inbox: DuckDB allows one writer per file, the dashboard reads a published snapshot, and a
load can hold the warehouse for minutes. A correction must never wait for it nor be lost to it.
So the dashboard writes each correction as one small JSON file into a folder beside the warehouse
(``Settings.resolved_inbox_dir()``): written to a temporary name, then renamed, so the writer never
sees half a file. The writer side (``tyndau corrections apply``, which ``tyndau demo`` and the
documented schedule run) stores each through the classifier's review module, then moves the file
into ``applied/`` (or ``failed/`` with the reason), and publishes a new snapshot. The dashboard
shows queued corrections as pending until the snapshot carries them.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from warehouse.errors import TyndauError
from warehouse.taxonomy import POLARITIES, area_ids

APPLIED, FAILED = "applied", "failed"


class CorrectionError(TyndauError):
    hint = "Choose areas of the competency model and a polarity of negative, positive or neutral."


@dataclass(frozen=True)
class Correction:
    """An analyst's labels for one text: the full set of areas with their polarity (empty: no area)."""

    text_id: str                               # the appeal id (source:external_id)
    areas: dict[str, str]                      # area id -> negative | positive | neutral
    analyst: str
    note: str = ""
    model_version: str = ""                    # the model whose labels the analyst saw
    correction_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    queued_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def __post_init__(self):
        unknown = sorted(set(self.areas) - set(area_ids()))
        if unknown:
            raise CorrectionError(f"Unknown area(s): {', '.join(unknown)}.")
        bad = sorted(p for p in self.areas.values() if p not in POLARITIES)
        if bad:
            raise CorrectionError(f"Unknown polarity: {', '.join(bad)}.")
        if not self.text_id or not self.analyst:
            raise CorrectionError("A correction needs the text it corrects and the analyst who made it.")


def enqueue(inbox_dir: str | os.PathLike, item) -> Path:
    """Write the item (a correction, or another handover dataclass) atomically (temporary file,
    then rename) and return its path."""
    folder = Path(inbox_dir)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{time.time_ns():020d}-{uuid.uuid4().hex}.json"  # names sort oldest first
    temporary = folder / f".{final.name}.tmp"
    temporary.write_text(json.dumps(asdict(item), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, final)
    return final


def pending(inbox_dir: str | os.PathLike, kind: type = Correction) -> list[tuple[Path, object]]:
    """Queued items, oldest first; ``kind`` is the dataclass the folder holds (other handovers, such
    as alert acknowledgements, use their own folder and dataclass through the same functions)."""
    folder = Path(inbox_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append((path, kind(**data)))
    return found


def pending_for(inbox_dir: str | os.PathLike, text_id: str) -> list[Correction]:
    return [c for _, c in pending(inbox_dir) if c.text_id == text_id]


def mark(path: Path, outcome: str, reason: str = "") -> Path:
    """Move a handled correction out of the queue: into applied/ or failed/ (with the reason beside it)."""
    target_dir = path.parent / outcome
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    os.replace(path, target)
    if reason:
        target.with_suffix(".reason.txt").write_text(reason, encoding="utf-8")
    return target


def apply_pending(inbox_dir: str | os.PathLike, store, kind: type = Correction) -> dict[str, int]:
    """Hand every queued item to ``store(item)`` (the writer's function); count outcomes.

    An item ``store`` rejects with a domain error goes to failed/ and does not stop the others.
    """
    counts = {APPLIED: 0, FAILED: 0}
    for path, correction in pending(inbox_dir, kind):
        try:
            store(correction)
        except TyndauError as exc:
            mark(path, FAILED, str(exc))
            counts[FAILED] += 1
        else:
            mark(path, APPLIED)
            counts[APPLIED] += 1
    return counts
