"""One load: read, validate, protect, upsert, record. All or nothing.

The whole load runs in one DuckDB transaction: a failure anywhere (an unreadable
file halfway, a --strict rejection, a crash) rolls back every row, and only a
``failed`` entry in ``load_runs`` remains to tell what happened.

Reading, validating and redacting (Python and polars) run one batch ahead, in a
helper thread, of writing (DuckDB, which releases the GIL): on two cores the two
halves overlap instead of taking turns. The queue holds at most two prepared
batches, so memory stays bounded whatever the file size.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import polars as pl

from ingestion.base import Batch, Connector
from ingestion.protect import Redactor, originals, protect, redact_rejections
from warehouse import load
from warehouse.config import Settings
from warehouse.db import connect, database_path, transaction
from warehouse.diskfull import disk_full_error, file_size, is_disk_full
from warehouse.errors import RejectedRowsError, SourceError
from ingestion.readers import ROW

MAX_REJECTIONS_SHOWN = 10


PREFETCH_BATCHES = 2


@dataclass
class PreparedBatch:
    """A batch ready to write: protected rows per table, originals (if kept), all rejections."""

    tables: dict[str, pl.DataFrame]
    originals: dict[str, pl.DataFrame]
    rejected: pl.DataFrame
    rows_read: int
    sample: pl.DataFrame = field(default_factory=lambda: batch_rejections())
    notes: list[str] = field(default_factory=list)


@dataclass
class LoadReport:
    run_id: int
    source_uri: str
    counts: load.LoadCounts
    rejected_sample: pl.DataFrame
    notes: list[str] = field(default_factory=list)  # e.g. source fields no table keeps


def ingest(con: duckdb.DuckDBPyConnection, connector: Connector, settings: Settings, strict: bool = False,
           on_batch: Callable[[int], None] | None = None) -> LoadReport:
    settings.hashing_salt()  # a default or short salt is refused before anything is written
    connector.zone = settings.checked_timezone()
    counts = load.LoadCounts()
    source_uri = connector.source_uri()
    db_path = database_path(con)
    sample: list[pl.DataFrame] = []
    notes: list[str] = []
    try:
        with transaction(con):
            run_id = load.start_run(con, connector.name, source_uri)
            loader = load.Loader(con, run_id, source_uri, counts)
            for prepared in prefetch(prepare(b, settings) for b in connector.batches()):
                write_prepared(loader, prepared)
                sample.append(prepared.rejected.head(MAX_REJECTIONS_SHOWN))
                notes.extend(prepared.notes)
                if on_batch:
                    on_batch(prepared.rows_read)
            loader.finish()
            if counts.read == 0 and connector.empty_is_error:
                raise SourceError(f"{source_uri} has no data rows (only a header, or nothing at all).",
                                  hint="Export the data again; check the date range or filter of the export.")
            rejected_sample = pl.concat(sample).head(MAX_REJECTIONS_SHOWN) if sample else batch_rejections()
            if strict and counts.rejected:
                raise RejectedRowsError(
                    f"{counts.rejected} row(s) failed validation and --strict is set; nothing was loaded.\n"
                    + format_rejections(rejected_sample)
                )
            load.finish_run(con, run_id, counts, "succeeded")
    except Exception as exc:
        recorded = record_failure(con, db_path, connector.name, source_uri, counts, _short(exc))
        if is_disk_full(exc):
            raise disk_full_error(exc, db_path, needed=file_size(connector.location), outcome=(
                "The load was rolled back: the warehouse is as it was; "
                + ("the failed run is in load_runs." if recorded else "the failed run could not be recorded."))) from exc
        raise
    return LoadReport(run_id, source_uri, counts, rejected_sample, notes)


def record_failure(con: duckdb.DuckDBPyConnection, db_path: str | None, connector: str, source_uri: str,
                   counts: load.LoadCounts, error: str) -> bool:
    """Leave a `failed` run when the disk allows it; a second error must never hide the first.

    A DuckDB fatal error (a checkpoint on a full disk) invalidates every connection to the file:
    then the run is recorded through a fresh one, after closing this one, which is unusable anyway."""
    try:
        load.record_failed_run(con, connector, source_uri, counts, error)
        return True
    except duckdb.Error:
        if db_path is None:
            return False
    try:
        con.close()
        fresh = connect(db_path)
        try:
            load.record_failed_run(fresh, connector, source_uri, counts, error)
        finally:
            fresh.close()
        return True
    except Exception:  # the disk is still full, or the file gone: the first error is the one to report
        return False


def batch_rejections() -> pl.DataFrame:
    from ingestion.base import empty_rejections

    return empty_rejections()


def prefetch(items: Iterator[PreparedBatch], depth: int = PREFETCH_BATCHES) -> Iterator[PreparedBatch]:
    """Produce items in a helper thread, at most `depth` ahead; its exceptions re-raise here."""
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                buffer.put(item)
            buffer.put(done)
        except BaseException as exc:  # handed to the consumer, which raises it
            buffer.put(exc)

    worker = threading.Thread(target=produce, name="tyndau-prepare", daemon=True)
    worker.start()
    try:
        while (item := buffer.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            try:
                buffer.get_nowait()
            except queue.Empty:
                worker.join(timeout=0.05)


def prepare(batch: Batch, settings: Settings) -> PreparedBatch:
    """Everything that needs no warehouse: duplicate keys, redaction, hashing."""
    redactor = Redactor()  # shared by the batch's tables: a text in two tables is redacted once
    tables, kept, rejected = {}, {}, [batch.rejected]
    for table, frame in batch.tables.items():
        frame, duplicates = split_duplicate_keys(table, frame)
        rejected.append(duplicates)
        frame = frame.drop([c for c in frame.columns if c.startswith("_")])
        if settings.keep_original_text:
            kept[table] = originals(table, frame)
        tables[table] = protect(table, frame, settings.hashing_salt(), redactor)
    return PreparedBatch(tables, kept, redact_rejections(pl.concat(rejected)), batch.rows_read, notes=batch.notes)


def write_prepared(loader: load.Loader, prepared: PreparedBatch) -> None:
    loaded_at = datetime.now()
    loader.counts.read += prepared.rows_read
    for table, rows in prepared.tables.items():
        if table in prepared.originals:
            loader.write_originals(prepared.originals[table])
        loader.write(table, rows, loaded_at)
    loader.write_rejected(prepared.rejected)


def split_duplicate_keys(table: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Two rows with one key in one batch: the last wins, the earlier ones are kept aside as rejections."""
    key = list(load.key_from_migrations(table))
    if ROW not in frame.columns or not set(key) <= set(frame.columns):
        return frame, batch_rejections()
    is_last = pl.col(ROW) == pl.col(ROW).max().over(key)
    earlier = frame.filter(~is_last)
    if earlier.height == 0:
        return frame, batch_rejections()
    last_row = frame.filter(is_last).select(*key, pl.col(ROW).alias("_kept_row"))
    rejected = earlier.join(last_row, on=key, how="left").select(
        pl.col(ROW).cast(pl.Int64).alias("row_number"),
        pl.lit(key[-1]).alias("column_name"),
        pl.format("duplicate key: row {} has the same {} and was kept instead", pl.col("_kept_row"), pl.lit(", ".join(key))).alias("reason"),
        pl.struct([c for c in earlier.columns if not c.startswith("_")]).struct.json_encode().alias("raw_record"),
    )
    return frame.filter(is_last), rejected


def format_rejections(rejected: pl.DataFrame) -> str:
    lines = [f"  row {r['row_number']}, column {r['column_name'] or '-'}: {r['reason']}" for r in rejected.iter_rows(named=True)]
    return "\n".join(lines)


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:500]
