"""What happens to an alert after the build found it: acknowledged by a user, sent in a digest.

Acknowledgements are made in the dashboard, which reads a published snapshot and never writes the
warehouse; like analysts' corrections (:mod:`warehouse.inbox`) each is queued as one small JSON
file, in the ``acknowledgements`` folder of the inbox, and stored by the writer
(``tyndau alerts --apply`` and ``tyndau alerts --send``), which records who clicked and when they
clicked, not when it got round to storing it. The page shows a queued acknowledgement as pending
until the snapshot carries it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse import inbox
from warehouse.errors import TyndauError

ACK_FOLDER = "acknowledgements"
CHANNELS = ("email", "webhook")


class AcknowledgementError(TyndauError):
    hint = "Acknowledge an alert the latest build found, as a signed-in user."


@dataclass(frozen=True)
class Acknowledgement:
    alert_id: str
    user: str
    note: str = ""
    acknowledged_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def __post_init__(self):
        if not self.alert_id or not self.user:
            raise AcknowledgementError("An acknowledgement needs the alert and the user who acknowledges it.")


def ack_inbox(settings) -> str:
    return str(Path(settings.resolved_inbox_dir()) / ACK_FOLDER)


def queue_acknowledgement(settings, ack: Acknowledgement) -> Path:
    return inbox.enqueue(ack_inbox(settings), ack)


def pending_acknowledgements(settings) -> dict[str, Acknowledgement]:
    """Queued, not yet stored: alert id -> the acknowledgement."""
    return {a.alert_id: a for _, a in inbox.pending(ack_inbox(settings), Acknowledgement)}


def store_acknowledgement(con: duckdb.DuckDBPyConnection, ack: Acknowledgement) -> None:
    """The first acknowledgement of an alert stands; a second click (another user, a double click)
    changes nothing. An alert the warehouse does not know is refused (kept in failed/)."""
    known = con.execute("select count(*) from mart_alerts where alert_id = ?", [ack.alert_id]).fetchone()[0]
    if not known:
        raise AcknowledgementError(f"No alert {ack.alert_id} in the warehouse.")
    con.execute("insert into alert_acknowledgements values (?, ?, ?::timestamptz::timestamp, ?) "
                "on conflict (alert_id) do nothing", [ack.alert_id, ack.user, ack.acknowledged_at, ack.note or None])


def apply_acknowledgements(con: duckdb.DuckDBPyConnection, settings) -> dict[str, int]:
    return inbox.apply_pending(ack_inbox(settings), lambda ack: store_acknowledgement(con, ack), Acknowledgement)


def record_deliveries(con: duckdb.DuckDBPyConnection, alert_ids: list[str], channel: str) -> None:
    if channel not in CHANNELS:
        raise ValueError(channel)
    con.executemany("insert into alert_deliveries values (?, ?, now()::timestamp) on conflict do nothing",
                    [[a, channel] for a in alert_ids])
