"""What every HTTP connector that pages over JSON records shares: the client built from
options, a lineage URI without secrets, and pages of records given meaning by a mapping."""

from __future__ import annotations

from collections.abc import Iterator

from ingestion.base import Batch, Connector
from ingestion.http import HttpSource, safe_url
from ingestion.mapping import apply_mapping
from ingestion.readers import records_frame
from warehouse.load import table_spec_from_migrations


class HttpRecordsConnector(Connector):
    """Subclasses yield lists of JSON records from :meth:`record_pages`; the rest is here."""

    empty_is_error = False  # an API window with no new records is normal

    def make_http(self, headers: dict[str, str] | None = None) -> HttpSource:
        return HttpSource(timeout=float(self.options.get("timeout", 30)), retries=int(self.options.get("retries", 4)),
                          backoff=float(self.options.get("backoff", 1.0)), headers=headers)

    def source_uri(self) -> str:
        return safe_url(self.location)

    def record_pages(self) -> Iterator[list[dict]]:  # pragma: no cover - the hook
        raise NotImplementedError

    def batches(self) -> Iterator[Batch]:
        types = table_spec_from_migrations(self.mapping.target)
        seen = 0
        try:
            for records in self.record_pages():
                frame = records_frame(records, seen)
                seen += frame.height
                good, rejected = apply_mapping(self.mapping, frame, types)
                yield Batch({self.mapping.target: good}, rejected, frame.height)
        finally:
            self.http.close()
