"""Open311 GeoReport v2 `requests.json` or `requests.xml` over HTTP, paged by date windows.

GeoReport v2 servers return at most a server-chosen number of requests per call and
filter by `start_date`/`end_date`, so the connector walks the period in windows and
halves any window that comes back full (it may have been cut off). The records are
given meaning by the shipped mapping `open311` (or any other), like a file would be.

XML is GeoReport's default format and the only one some servers offer; it is read with
defusedxml (entity expansion and external entities refused), by the answer's content, not its
URL. Two common extensions are kept rather than dropped: a request's `notes` (its activity
history) become its events in raw_appeal_events through the shipped mapping `open311-notes`;
`extended_attributes` have no column in raw_appeals, so the load report says how many requests
carried them and which keys, instead of dropping them unseen.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from xml.etree.ElementTree import Element

import polars as pl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from ingestion.base import register
from ingestion.connectors.http_base import HttpRecordsConnector, Page, with_mapped_columns
from ingestion.http import safe_url
from ingestion.mapping import apply_mapping, load_mapping
from ingestion.readers import ROW
from warehouse.errors import ConfigError, RemoteError
from warehouse.load import table_spec_from_migrations

MIN_WINDOW = timedelta(minutes=1)
NOTES_MAPPING = "open311-notes"
NESTED_LISTS = {"notes": "note", "media_urls": "media_url"}  # XML containers of repeated elements


@register
class Open311Connector(HttpRecordsConnector):
    name = "open311"
    description = ("Open311 GeoReport v2 requests.json or requests.xml (options: start, end, window_days, "
                   "page_limit, api_key_env, extensions).")

    def __init__(self, location, mapping=None, options=None):
        super().__init__(location, mapping or load_mapping("open311"), options)
        self.start = _parse_day(self.options.get("start"), "start")
        self.end = _parse_day(self.options.get("end"), "end") if self.options.get("end") else datetime.now(timezone.utc)
        self.window = timedelta(days=float(self.options.get("window_days", 30)))
        self.page_limit = int(self.options.get("page_limit", 1000))
        self.notes_mapping = load_mapping(self.options.get("notes_mapping", NOTES_MAPPING))
        self.extended = Counter()  # extended_attributes keys seen, for the load report
        self.extended_requests = 0
        self.http = self.make_http()

    def record_pages(self) -> Iterator[Page]:
        return self._windows(self.start, self.end)

    def _windows(self, start: datetime, end: datetime) -> Iterator[Page]:
        cursor = start
        while cursor < end:
            upper = min(cursor + self.window, end)
            yield from self._fetch_window(cursor, upper)
            cursor = upper

    def _fetch_window(self, start: datetime, end: datetime) -> Iterator[Page]:
        records = self._get(start, end)
        if len(records) >= self.page_limit and end - start > MIN_WINDOW:
            middle = start + (end - start) / 2
            yield from self._fetch_window(start, middle)
            yield from self._fetch_window(middle, end)
        elif records:
            yield f"window {_iso(start)}..{_iso(end)}", records

    def _get(self, start: datetime, end: datetime) -> list[dict]:
        params = {"start_date": _iso(start), "end_date": _iso(end)}
        if self.options.get("extensions", "true").lower() in {"1", "true", "yes"}:
            params["extensions"] = "true"  # servers without extensions ignore it
        key_env = self.options.get("api_key_env", "OPEN311_API_KEY")
        if os.environ.get(key_env):
            params["api_key"] = os.environ[key_env]
        where = f"{safe_url(self.location)} (window {_iso(start)}..{_iso(end)})"
        response = self.http.get(self.location, params)
        return georeport_requests(response.content, response.headers.get("content-type", ""), where)

    def side_tables(self, records: list[dict], offset: int) -> tuple[dict[str, pl.DataFrame], pl.DataFrame | None]:
        self._count_extended(records)
        notes = notes_frame(records, offset)
        if notes.height == 0:
            return {}, None
        notes = with_mapped_columns(self.notes_mapping, notes, f"{safe_url(self.location)} notes")
        types = table_spec_from_migrations(self.notes_mapping.target)
        good, rejected = apply_mapping(self.notes_mapping, notes, types, self.zone)
        return {self.notes_mapping.target: good}, rejected

    def _count_extended(self, records: list[dict]) -> None:
        for record in records:
            attributes = record.get("extended_attributes")
            if isinstance(attributes, dict) and attributes:
                self.extended_requests += 1
                self.extended.update(attributes.keys())

    def closing_notes(self) -> list[str]:
        if not self.extended_requests:
            return []
        keys = ", ".join(f"{k} ({n})" for k, n in self.extended.most_common())
        return [f"{self.extended_requests} request(s) carried extended_attributes, not stored (raw_appeals has no "
                f"column for them): {keys}. Map one in a copy of the open311 mapping if it is needed."]


def georeport_requests(body: bytes, content_type: str, where: str) -> list[dict]:
    """The request records of a GeoReport v2 answer, JSON or XML; an error answer or anything
    else is one clear message naming the URL and window."""
    text = body.lstrip()
    if "xml" in content_type.lower() or text.startswith(b"<"):
        data = _xml_requests(text, where)
    else:
        try:
            data = json.loads(text)
        except ValueError:
            raise RemoteError(f"{where} returned neither JSON nor XML (content-type {content_type or 'unknown'}).",
                              hint="Check the endpoint URL: it should end in requests.json or requests.xml.") from None
    if isinstance(data, dict):
        data = data.get("service_requests", data.get("requests", data))
    if isinstance(data, list) and data and all(isinstance(r, dict) and set(r) <= {"code", "description"} for r in data):
        raise RemoteError(f"{where} answered with GeoReport errors: "
                          + "; ".join(f"{r.get('code')}: {str(r.get('description'))[:120]}" for r in data[:3]),
                          hint="Check the api_key (environment variable), the jurisdiction and the dates.")
    if not isinstance(data, list):
        raise RemoteError(f"{where} did not return a GeoReport v2 list of requests.",
                          hint="Check the endpoint URL: it should be .../requests.json or .../requests.xml.")
    return data


def _xml_requests(text: bytes, where: str) -> list[dict]:
    try:
        root = fromstring(text, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        raise RemoteError(f"{where} returned XML that cannot be read safely ({type(exc).__name__}).",
                          hint="The server's answer is malformed or uses DTDs/entities, which are refused.") from None
    if _local_name(root) == "errors":
        return [_element_value(e) for e in root]
    return [_element_value(e) for e in root if _local_name(e) in {"request", "service_request"}]


def _element_value(element: Element):
    """Text for a leaf (None when empty, as JSON's missing key), a list for a container of
    repeated elements (`notes`), a dict for any other container (`extended_attributes`)."""
    children = list(element)
    if not children:
        return (element.text or "").strip() or None
    name = _local_name(element)
    if name in NESTED_LISTS or len({_local_name(c) for c in children}) == 1 < len(children):
        return [_element_value(c) for c in children]
    return {_local_name(c): _element_value(c) for c in children}


def _local_name(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def notes_frame(records: list[dict], offset: int) -> pl.DataFrame:
    """One row per note of each request that has an id, numbered in the server's order; the row
    number is the request's, so a rejected note points at its request. Notes of a request without
    an id (a token not yet given one) go with that request, which is itself rejected."""
    rows = []
    for number, record in enumerate(records, start=offset + 1):
        notes = record.get("notes") if isinstance(record, dict) else None
        if not record.get("service_request_id") or not isinstance(notes, list):
            continue
        for seq, note in enumerate((n for n in notes if isinstance(n, dict)), start=1):
            fields = {k: None if v is None else str(v) for k, v in note.items()}
            text = " — ".join(t for t in (fields.get("summary"), fields.get("description")) if t) or None
            rows.append({"service_request_id": str(record["service_request_id"]), "seq": str(seq), **fields,
                         "text": text, ROW: number})
    if not rows:
        return pl.DataFrame(schema={ROW: pl.Int64})
    keys = dict.fromkeys(k for r in rows for k in r)
    return pl.DataFrame(rows, schema={k: pl.Int64 if k == ROW else pl.Utf8 for k in keys})


def _parse_day(value: str | None, name: str) -> datetime:
    if not value:
        raise ConfigError(f"The open311 connector needs --option {name}=YYYY-MM-DD.")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--option {name}={value!r} is not a date (YYYY-MM-DD).") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
