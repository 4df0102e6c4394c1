"""Open311 GeoReport v2 `requests.json` over HTTP, paged by date windows.

GeoReport v2 servers return at most a server-chosen number of requests per call and
filter by `start_date`/`end_date`, so the connector walks the period in windows and
halves any window that comes back full (it may have been cut off). The records are
given meaning by the shipped mapping `open311` (or any other), like a file would be.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone


from ingestion.base import register
from ingestion.connectors.http_base import HttpRecordsConnector
from ingestion.http import safe_url
from ingestion.mapping import load_mapping
from warehouse.errors import ConfigError

MIN_WINDOW = timedelta(minutes=1)


@register
class Open311Connector(HttpRecordsConnector):
    name = "open311"
    description = "Open311 GeoReport v2 requests.json (options: start, end, window_days, page_limit, api_key_env)."

    def __init__(self, location, mapping=None, options=None):
        super().__init__(location, mapping or load_mapping("open311"), options)
        self.start = _parse_day(self.options.get("start"), "start")
        self.end = _parse_day(self.options.get("end"), "end") if self.options.get("end") else datetime.now(timezone.utc)
        self.window = timedelta(days=float(self.options.get("window_days", 30)))
        self.page_limit = int(self.options.get("page_limit", 1000))
        self.http = self.make_http()

    def record_pages(self) -> Iterator[list[dict]]:
        return self._windows(self.start, self.end)

    def _windows(self, start: datetime, end: datetime) -> Iterator[list[dict]]:
        cursor = start
        while cursor < end:
            upper = min(cursor + self.window, end)
            yield from self._fetch_window(cursor, upper)
            cursor = upper

    def _fetch_window(self, start: datetime, end: datetime) -> Iterator[list[dict]]:
        records = self._get(start, end)
        if len(records) >= self.page_limit and end - start > MIN_WINDOW:
            middle = start + (end - start) / 2
            yield from self._fetch_window(start, middle)
            yield from self._fetch_window(middle, end)
        elif records:
            yield records

    def _get(self, start: datetime, end: datetime) -> list[dict]:
        params = {"start_date": _iso(start), "end_date": _iso(end)}
        key_env = self.options.get("api_key_env", "OPEN311_API_KEY")
        if os.environ.get(key_env):
            params["api_key"] = os.environ[key_env]
        data = self.http.get_json(self.location, params)
        if isinstance(data, dict) and "errors" not in data:
            data = data.get("service_requests", data.get("requests", []))
        if not isinstance(data, list):
            raise ConfigError(f"{safe_url(self.location)} did not return a GeoReport v2 list of requests.")
        return data


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
