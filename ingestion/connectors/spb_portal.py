"""St Petersburg's "Наш Санкт-Петербург" portal: one appeal thread with its whole lifecycle per JSON line.

A thread is nested (a status history, interim and final answers, a follow-up counter), so no flat
mapping can read it: this connector turns each thread into one ``raw_appeals`` row and its history
into ``raw_appeal_events`` rows. Field by field, and what is left out: docs/connectors.md,
section "St Petersburg portal".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

from ingestion import readers
from ingestion.base import Batch, Connector, empty_rejections, register
from ingestion.mapping import utc_instant_of
from ingestion.readers import ROW
from warehouse.errors import ConfigError

SOURCE = "spb-nashgorod"
FINAL_ANSWER = "Окончательный ответ"
INTERIM_ANSWER = "Промежуточный ответ"
ANSWER_EVENTS = {FINAL_ANSWER: "final_answer", INTERIM_ANSWER: "interim_answer"}
MODERATION = "Модерация"  # every thread starts here; a later return here is a citizen's follow-up
CLOSED_PREFIX = "Завершено"
BATCH_THREADS = 20_000

# Order of events that share one timestamp: the thread exists before anything happens to it.
EVENT_ORDER = {"registered": 0, "status_change": 1, "followup": 2, "interim_answer": 3, "final_answer": 4}

APPEAL_SCHEMA = {
    "source": pl.Utf8, "external_id": pl.Utf8, "appeal_type": pl.Utf8, "channel": pl.Utf8,
    "agency_name": pl.Utf8, "region_name": pl.Utf8, "language": pl.Utf8, "text": pl.Utf8,
    "registered_at": pl.Datetime("us"), "answered_at": pl.Datetime("us"), "closed_at": pl.Datetime("us"),
    "status": pl.Utf8, "answer_text": pl.Utf8, "category": pl.Utf8, ROW: pl.Int64,
}
EVENT_SCHEMA = {
    "source": pl.Utf8, "external_id": pl.Utf8, "event_seq": pl.Int32, "event_type": pl.Utf8,
    "event_at": pl.Datetime("us"), "status": pl.Utf8, "author": pl.Utf8, "text": pl.Utf8, ROW: pl.Int64,
}


class MalformedThread(ValueError):
    """One thread that cannot be read; it becomes a rejected row naming the field, the others load."""

    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column = column


@register
class SpbPortalConnector(Connector):
    name = "spb-portal"
    description = "St Petersburg 'Наш Санкт-Петербург' threads (JSON Lines, gzip): appeals and their histories."

    def batches(self) -> Iterator[Batch]:
        """Threads are streamed and flushed every `batch_threads`, so memory stays flat on any export size."""
        size = self._batch_size()
        pending = _PendingBatch(zone=ZoneInfo(self.zone))
        for number, record, error in readers.iter_json_records(Path(self.location),
                                                               limits=readers.Limits.from_options(self.options)):
            pending.add(number, record, error)
            if pending.threads >= size:
                yield pending.flush()
        if pending.threads:
            yield pending.flush()

    def _batch_size(self) -> int:
        raw = self.options.get("batch_threads", BATCH_THREADS)
        try:
            size = int(raw)
        except (TypeError, ValueError):
            size = 0
        if size < 1:
            raise ConfigError(f"batch_threads must be a positive whole number, got {raw!r}.",
                              hint="Example: --option batch_threads=20000")
        return size


@dataclass
class _PendingBatch:
    """Rows of the threads read since the last flush, their times as instants in UTC."""

    zone: ZoneInfo  # the deployment's: the portal's times carry no offset
    appeals: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    threads: int = 0

    def add(self, number: int, record: dict | None, error: str | None) -> None:
        self.threads += 1
        if error is not None:
            self.rejected.append(_rejection(number, "", error, None))
            return
        try:
            appeal, events = thread_rows(record)
        except MalformedThread as exc:
            self.rejected.append(_rejection(number, exc.column, str(exc), record))
            return
        self.appeals.append({**appeal, **_in_utc(appeal, APPEAL_TIMES, self.zone), ROW: number})
        self.events.extend({**event, **_in_utc(event, ("event_at",), self.zone), ROW: number} for event in events)

    def flush(self) -> Batch:
        batch = Batch(
            tables={"raw_appeals": pl.DataFrame(self.appeals, schema=APPEAL_SCHEMA),
                    "raw_appeal_events": pl.DataFrame(self.events, schema=EVENT_SCHEMA)},
            rejected=pl.DataFrame(self.rejected, schema=empty_rejections().schema),
            rows_read=self.threads,
        )
        self.appeals, self.events, self.rejected, self.threads = [], [], [], 0
        return batch


APPEAL_TIMES = ("registered_at", "answered_at", "closed_at")


def _in_utc(row: dict, columns: tuple[str, ...], zone: ZoneInfo) -> dict:
    """The row's times as the warehouse stores them: instants in UTC. The portal writes its local
    wall clock without an offset, read in the deployment's zone (set timezone = "Europe/Moscow" for
    this portal); a time with an offset is that instant."""
    return {c: utc_instant_of(row[c], zone) for c in columns}


def _rejection(number: int, column: str, reason: str, record: dict | None) -> dict:
    raw = json.dumps(record, ensure_ascii=False, default=str) if record is not None else None
    return {"row_number": number, "column_name": column, "reason": reason, "raw_record": raw}


# ---------------------------------------------------------------- one thread


@dataclass(frozen=True)
class Answer:
    at: datetime
    kind: str  # FINAL_ANSWER or INTERIM_ANSWER
    author: str | None
    text: str | None


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    status: str


def thread_rows(record: dict) -> tuple[dict, list[dict]]:
    """(the raw_appeals row, the raw_appeal_events rows) of one thread; MalformedThread if unreadable."""
    external_id = _external_id(record)
    registered_at = _timestamp(record.get("created_dt"), "created_dt")
    statuses = _statuses(record)
    answers = _answers(record)
    finals = [a for a in answers if a.kind == FINAL_ANSWER]
    appeal = {
        "source": SOURCE,
        "external_id": external_id,
        "appeal_type": "application",
        "channel": "portal",
        "agency_name": responsible_agency(record, answers),
        "region_name": _text(record, "district"),
        "language": "ru",
        "text": _text(record, "text"),
        "registered_at": registered_at,
        "answered_at": finals[0].at if finals else None,
        "closed_at": next((s.at for s in statuses if s.status.startswith(CLOSED_PREFIX)), None),
        "status": _text(record, "final_status") or (statuses[-1].status if statuses else None),
        "answer_text": finals[-1].text if finals else None,
        "category": _category(record),
    }
    return appeal, history(external_id, registered_at, statuses, answers)


def responsible_agency(record: dict, answers: list[Answer]) -> str | None:
    """The portal names the responsible organisation only once a final answer exists; before that,
    the author of the latest answer is the agency working on the thread (else the thread would fall
    out of every per-agency measure exactly while it is still open)."""
    named = _text(record, "responsible_org")
    if named:
        return named
    authors = [a.author for a in answers if a.author]
    return authors[-1] if authors else None


def history(external_id: str, registered_at: datetime, statuses: list[StatusChange],
            answers: list[Answer]) -> list[dict]:
    """Events in time order, numbered from 1: a re-load of a longer history keeps the earlier numbers."""
    events = [_event("registered", registered_at)]
    events += [_event("status_change", s.at, status=s.status) for s in statuses]
    events += [_event("followup", s.at) for s in followups(statuses)]
    events += [_event(ANSWER_EVENTS[a.kind], a.at, author=a.author, text=a.text) for a in answers]
    events.sort(key=lambda e: (e["event_at"], EVENT_ORDER[e["event_type"]]))
    return [{"source": SOURCE, "external_id": external_id, "event_seq": seq, **e} for seq, e in enumerate(events, 1)]


def followups(statuses: list[StatusChange]) -> list[StatusChange]:
    """Returns to moderation after the first one: the citizen answered the agency's answer, which
    reopens the thread. (The portal's own n_followups counts the same, except a follow-up still
    waiting in moderation when the export was taken.)"""
    return [s for i, s in enumerate(statuses) if i > 0 and s.status == MODERATION]


def _event(event_type: str, at: datetime, status: str | None = None, author: str | None = None,
           text: str | None = None) -> dict:
    return {"event_type": event_type, "event_at": at, "status": status, "author": author, "text": text}


# ---------------------------------------------------------------- reading fields


def _external_id(record: dict) -> str:
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip():
        raise MalformedThread("id", f"thread id is missing or not a number or string: {value!r}")
    return str(value).strip()


def _timestamp(value, column: str) -> datetime:
    if not isinstance(value, str):
        raise MalformedThread(column, f"{column} is missing or not a date-time text: {value!r}")
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise MalformedThread(column, f"cannot read {column} {value[:40]!r} as an ISO date-time") from None


def _list_of_objects(record: dict, column: str) -> list[dict]:
    value = record.get(column)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise MalformedThread(column, f"{column} is not a list of objects")
    return value


def _statuses(record: dict) -> list[StatusChange]:
    changes = []
    for item in _list_of_objects(record, "statuses"):
        status = item.get("status")
        if not isinstance(status, str) or not status.strip():
            raise MalformedThread("statuses", f"a status has no name: {item!r}"[:200])
        changes.append(StatusChange(_timestamp(item.get("dt"), "statuses.dt"), status.strip()))
    return sorted(changes, key=lambda s: s.at)


def _answers(record: dict) -> list[Answer]:
    answers = []
    for item in _list_of_objects(record, "answers"):
        kind = item.get("type")
        if kind not in ANSWER_EVENTS:
            raise MalformedThread("answers.type", f"unknown answer type {kind!r} (expected {FINAL_ANSWER!r} "
                                                  f"or {INTERIM_ANSWER!r})")
        answers.append(Answer(_timestamp(item.get("dt"), "answers.dt"), kind, _clean(item.get("author")),
                              _clean(item.get("text"))))
    return sorted(answers, key=lambda a: a.at)


def _text(record: dict, column: str) -> str | None:
    return _clean(record.get(column))


def _clean(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _category(record: dict) -> str | None:
    """The portal's own two levels, "category / reason" (the reason alone repeats across categories)."""
    parts = [p for p in (_text(record, "category"), _text(record, "reason")) if p]
    return " / ".join(parts) or None
