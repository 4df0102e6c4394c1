"""`tyndau sync`: follow each declared source by itself, pulling only what is new.

Why a cursor per source in the warehouse: agencies' systems keep publishing, and a person starting
every load by hand (with the right `--option start`) is how data goes stale or gets loaded twice.
Sources are declared once in `tyndau.toml` (``[[sources]]``); each pull is an ordinary load run
(atomic, idempotent, with lineage), and what it covered is stored in ``sync_state`` and
``sync_files`` only after that load committed. A crash between the two costs one pull done again,
which the idempotent upserts absorb; it never skips data.

Two kinds of sources:
- **time-windowed APIs** (Open311): the cursor is the instant up to which the API was read; the next
  pull asks from that instant minus ``lookback_hours`` (requests updated shortly after they were
  filed are read again and updated, not duplicated) up to now.
- **files and folders** (every file connector): each file's SHA-256 is remembered; a pull loads the
  files that are new or whose content changed, one load run each, oldest first.
Other HTTP APIs have no standard "since" parameter: each pull reads them whole, which the
idempotent load turns into "only what changed" in the warehouse.

A source that fails is retried with backoff within the pull, then left for its next turn with a
longer wait (doubling, at most a day), recorded in ``sync_state`` and reported by `tyndau status`
and the data-quality page; the other sources go on.
"""

from __future__ import annotations

import hashlib
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb

from ingestion.pipeline import LoadReport, ingest
from ingestion.registry import all_connectors, make_connector
from warehouse.config import Settings
from warehouse.errors import ConfigError, TyndauError

SECRET_WORDS = ("password", "secret", "token", "api_key", "apikey", "credential")
MAX_BACKOFF = timedelta(days=1)
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class Source:
    """One `[[sources]]` entry of tyndau.toml."""

    name: str
    connector: str
    location: str
    mapping: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    every_minutes: float = 60.0  # how often `tyndau sync --watch` pulls it
    pattern: str = "*"  # files of a watched folder
    lookback_hours: float = 72.0  # windowed APIs: how far before the cursor a pull starts again
    attempts: int = 3  # tries within one pull before the source is reported as failing
    retry_seconds: float = 5.0  # first wait between tries; doubles

    @property
    def is_windowed(self) -> bool:
        return self.connector == "open311"

    @property
    def is_local(self) -> bool:
        return "://" not in self.location


@dataclass
class Pull:
    """What one source's pull did."""

    source: str
    reports: list[LoadReport] = field(default_factory=list)
    skipped_files: int = 0
    error: str | None = None
    not_due: bool = False

    @property
    def changed_rows(self) -> int:
        return sum(r.counts.inserted + r.counts.updated for r in self.reports)


# ---------------------------------------------------------------- declaring sources


def load_sources(config_file: str | Path) -> list[Source]:
    """The `[[sources]]` of a config file; secrets must come from the environment, never the file."""
    path = Path(config_file)
    if not path.exists():
        raise ConfigError(f"No configuration file {path} to read sources from.",
                          hint="Declare sources as [[sources]] tables in tyndau.toml (see docs/connectors.md, "
                               "'Keeping up to date'), or pass --config FILE.")
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("sources", [])
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    if not entries:
        raise ConfigError(f"{path} declares no [[sources]].",
                          hint="Add one per system to follow, e.g. name, connector, location, mapping, every_minutes.")
    sources = [_source(entry, path) for entry in entries]
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"{path}: two sources are named {', '.join(duplicates)}.", hint="Give each source its own name.")
    return sources


def _source(entry: dict, path: Path) -> Source:
    known = set(Source.__dataclass_fields__)
    missing = [k for k in ("name", "connector", "location") if not entry.get(k)]
    if missing:
        raise ConfigError(f"{path}: a [[sources]] entry lacks {', '.join(missing)}.")
    unknown = set(entry) - known
    if unknown:
        raise ConfigError(f"{path}: source {entry['name']!r} has unknown key(s) {', '.join(sorted(unknown))}.",
                          hint=f"Known keys: {', '.join(sorted(known))}.")
    if entry["connector"] not in all_connectors():
        raise ConfigError(f"{path}: source {entry['name']!r} names no connector {entry['connector']!r}.",
                          hint=f"Known connectors: {', '.join(all_connectors())}.")
    options = {str(k): str(v) for k, v in entry.get("options", {}).items()}
    _refuse_literal_secrets(entry["name"], options, path)
    return Source(**{**entry, "options": options})


def _refuse_literal_secrets(name: str, options: dict[str, str], path: Path) -> None:
    """A token written into tyndau.toml ends up in backups and version control; name its variable instead."""
    for key in options:
        if any(word in key.lower() for word in SECRET_WORDS) and not key.lower().endswith("_env"):
            raise ConfigError(f"{path}: source {name!r} has a credential in the file (option {key!r}).",
                              hint=f"Put it in an environment variable and name that variable instead, "
                                   f"e.g. {key}_env = \"MY_{key.upper()}\".")


# ---------------------------------------------------------------- state in the warehouse


def _state(con: duckdb.DuckDBPyConnection, name: str) -> dict:
    row = con.execute("select cursor_value, consecutive_failures, next_attempt_at from sync_state "
                      "where source_name = ?", [name]).fetchone()
    return {"cursor": row[0], "failures": row[1], "next_attempt_at": row[2]} if row else {
        "cursor": None, "failures": 0, "next_attempt_at": None}


def _record_success(con, source: Source, now: datetime, cursor: str | None) -> None:
    con.execute("""
        insert or replace into sync_state (source_name, connector, location, cursor_value, last_attempt_at,
                                           last_success_at, consecutive_failures, last_error, next_attempt_at)
        values (?, ?, ?, ?, ?, ?, 0, null, ?)""",
                [source.name, source.connector, _safe_location(source), cursor, _naive(now), _naive(now),
                 _naive(now + timedelta(minutes=source.every_minutes))])


def _record_failure(con, source: Source, now: datetime, error: str) -> None:
    state = _state(con, source.name)
    failures = state["failures"] + 1
    wait = min(timedelta(minutes=source.every_minutes) * 2 ** (failures - 1), MAX_BACKOFF)
    con.execute("""
        insert or replace into sync_state (source_name, connector, location, cursor_value, last_attempt_at,
                                           last_success_at, consecutive_failures, last_error, next_attempt_at)
        values (?, ?, ?, ?, ?, (select last_success_at from sync_state where source_name = ?), ?, ?, ?)""",
                [source.name, source.connector, _safe_location(source), state["cursor"], _naive(now), source.name,
                 failures, error[:500], _naive(now + wait)])


def _safe_location(source: Source) -> str:
    from ingestion.http import safe_url

    return source.location if source.is_local else safe_url(source.location)


def _naive(moment: datetime) -> datetime:
    """Instants are stored in UTC without a zone (DuckDB TIMESTAMP)."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def is_due(con: duckdb.DuckDBPyConnection, source: Source, now: datetime) -> bool:
    next_at = _state(con, source.name)["next_attempt_at"]
    return next_at is None or next_at <= _naive(now)


# ---------------------------------------------------------------- pulling


def sync(con: duckdb.DuckDBPyConnection, sources: list[Source], settings: Settings, *, now: datetime | None = None,
         only_due: bool = False, full: bool = False, sleep: Callable[[float], None] = time.sleep,
         on_pull: Callable[[Pull], None] | None = None) -> list[Pull]:
    """Pull every source (or only those due); one failing source never stops the others."""
    pulls = []
    for source in sources:
        moment = now or datetime.now(timezone.utc)
        if only_due and not is_due(con, source, moment):
            pulls.append(Pull(source.name, not_due=True))
            continue
        pull = _pull_with_retries(con, source, settings, moment, full, sleep)
        pulls.append(pull)
        if on_pull:
            on_pull(pull)
    return pulls


def _pull_with_retries(con, source: Source, settings: Settings, now: datetime, full: bool, sleep) -> Pull:
    wait = source.retry_seconds
    for attempt in range(1, source.attempts + 1):
        try:
            return _pull(con, source, settings, now, full)
        except (TyndauError, OSError, duckdb.Error) as exc:
            if attempt == source.attempts:
                error = f"{type(exc).__name__}: {exc}"
                _record_failure(con, source, now, error)
                return Pull(source.name, error=error)
            sleep(wait)
            wait *= 2
    raise AssertionError("unreachable")


def _pull(con, source: Source, settings: Settings, now: datetime, full: bool) -> Pull:
    if source.is_local:
        return _pull_files(con, source, settings, now, full)
    if source.is_windowed:
        return _pull_window(con, source, settings, now, full)
    pull = Pull(source.name, [_load(con, source, source.location, source.options, settings)])
    _record_success(con, source, now, None)
    return pull


def _pull_window(con, source: Source, settings: Settings, now: datetime, full: bool) -> Pull:
    cursor = None if full else _state(con, source.name)["cursor"]
    if cursor:
        start = datetime.fromisoformat(cursor) - timedelta(hours=source.lookback_hours)
    elif source.options.get("start"):
        start = datetime.fromisoformat(source.options["start"])
    else:
        raise ConfigError(f"Source {source.name!r} has never been pulled and has no start.",
                          hint="Add options.start = \"YYYY-MM-DD\" (the first day to read) to its [[sources]] entry.")
    start = start if start.tzinfo else start.replace(tzinfo=timezone.utc)
    options = {**source.options, "start": start.isoformat(), "end": now.isoformat()}
    pull = Pull(source.name, [_load(con, source, source.location, options, settings)])
    _record_success(con, source, now, now.astimezone(timezone.utc).isoformat())
    return pull


def _pull_files(con, source: Source, settings: Settings, now: datetime, full: bool) -> Pull:
    pull = Pull(source.name)
    for path in watched_files(source):
        digest = file_sha256(path)
        if not full and _already_loaded(con, source.name, path, digest):
            pull.skipped_files += 1
            continue
        report = _load(con, source, str(path), source.options, settings)
        pull.reports.append(report)
        con.execute("insert or replace into sync_files values (?, ?, ?, ?, ?, ?)",
                    [source.name, str(path), digest, path.stat().st_size, report.run_id, _naive(now)])
    _record_success(con, source, now, None)
    return pull


def watched_files(source: Source) -> Iterator[Path]:
    """The files a local source covers, oldest first (the order an export folder fills in)."""
    location = Path(source.location)
    if location.is_file():
        return iter([location])
    if not location.is_dir():
        raise ConfigError(f"Source {source.name!r}: {location} is neither a file nor a folder.",
                          hint="Create the folder the exports are dropped into, or fix `location`.")
    files = [p for p in location.glob(source.pattern) if p.is_file() and not p.name.startswith(".")]
    return iter(sorted(files, key=lambda p: (p.stat().st_mtime, p.name)))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _already_loaded(con, name: str, path: Path, digest: str) -> bool:
    return con.execute("select count(*) from sync_files where source_name = ? and file_path = ? and sha256 = ?",
                       [name, str(path), digest]).fetchone()[0] > 0


def _load(con, source: Source, location: str, options: dict, settings: Settings) -> LoadReport:
    return ingest(con, make_connector(source.connector, location, source.mapping, options), settings)


def sync_state(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every followed source: name, last success, consecutive failures, last error, next attempt."""
    return con.execute("""
        select source_name, connector, location, last_success_at, consecutive_failures, last_error, next_attempt_at
        from sync_state order by source_name""").fetchall()
