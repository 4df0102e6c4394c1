"""What every HTTP connector that pages over JSON records shares: the client built from
options, a lineage URI without secrets, and pages of records given meaning by a mapping.

APIs leave optional keys out of a record instead of sending null (GeoReport v2 does for
`expected_datetime`, `status_notes`, `description`...), so a page's columns are only the keys
its records happen to carry. A mapped column a page lacks is therefore null (a required one makes
each record a rejection, kept aside), unless the page lacks every required column: then these are
not the records the mapping describes, and the load stops with the URL and the page named. A mapped column that no
record of the whole load carried is said in the load report, so a misspelt column in a user's
mapping does not pass as "the API sent nothing"."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from ingestion.base import Batch, Connector
from ingestion.http import HttpSource, safe_url
from ingestion.mapping import Mapping, apply_mapping
from ingestion.readers import records_frame
from warehouse.errors import SourceError
from warehouse.load import table_spec_from_migrations

Page = tuple[str, list[dict]]  # (where it came from, e.g. "window 2024-01-01..2024-01-31", its records)


class HttpRecordsConnector(Connector):
    """Subclasses yield (label, records) pages from :meth:`record_pages`; the rest is here."""

    empty_is_error = False  # an API window with no new records is normal

    def make_http(self, headers: dict[str, str] | None = None) -> HttpSource:
        return HttpSource(timeout=float(self.options.get("timeout", 30)), retries=int(self.options.get("retries", 4)),
                          backoff=float(self.options.get("backoff", 1.0)), headers=headers)

    def source_uri(self) -> str:
        return safe_url(self.location)

    def record_pages(self) -> Iterator[Page]:  # pragma: no cover - the hook
        raise NotImplementedError

    def side_tables(self, records: list[dict], offset: int) -> tuple[dict[str, pl.DataFrame], pl.DataFrame | None]:
        """Rows for other raw tables carried inside the records (e.g. a request's history); none by default."""
        return {}, None

    def closing_notes(self) -> list[str]:
        """What the load report must add once every page is read; subclasses extend it."""
        return []

    def batches(self) -> Iterator[Batch]:
        types = table_spec_from_migrations(self.mapping.target)
        seen = 0
        never_seen = set(self.mapping.source_columns)
        try:
            for where, records in self.record_pages():
                frame = records_frame(records, seen)
                never_seen -= set(frame.columns)
                frame = with_mapped_columns(self.mapping, frame, f"{self.source_uri()} ({where})")
                good, rejected = apply_mapping(self.mapping, frame, types, self.zone)
                tables, side_rejected = self.side_tables(records, seen)
                seen += frame.height
                if side_rejected is not None:
                    rejected = pl.concat([rejected, side_rejected])
                yield Batch({self.mapping.target: good, **tables}, rejected, frame.height)
            notes = self.closing_notes()
            if seen and never_seen:
                notes.append(f"no record carried {', '.join(sorted(never_seen))}: the field(s) mapped to them "
                             f"stay empty (check the spelling in mapping {self.mapping.name!r} if the API sends them).")
            if notes:
                yield Batch({}, rows_read=0, notes=notes)
        finally:
            self.http.close()


def with_mapped_columns(mapping: Mapping, frame: pl.DataFrame, where: str) -> pl.DataFrame:
    """The page with every column the mapping reads, absent ones as nulls; a page without any of
    the required columns stops the load, naming the page, as a file lacking them would."""
    absent = [c for c in dict.fromkeys(mapping.source_columns) if c not in frame.columns]
    required = list(dict.fromkeys(mapping.required_columns))
    if required and frame.height and set(required) <= set(absent):
        have = ", ".join(c for c in frame.columns if not c.startswith("_")) or "none"
        raise SourceError(f"{where} sent records without {', '.join(required)}, which mapping {mapping.name!r} "
                          f"requires (they have: {have}).",
                          hint="Check the endpoint URL and its format, or write a mapping for this API "
                               "(docs/connectors.md).")
    return frame.with_columns([pl.lit(None, pl.Utf8).alias(c) for c in absent])
