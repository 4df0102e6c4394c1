"""A paginated REST JSON API described by a mapping, for e-Otinish-like systems.

Everything about the API is declarative, in the mapping's ``[reader_options]``::

    records_path = "data.items"        # where the list of records is in each page
    pagination = "page"                # page | offset | next_link
    page_param = "page"                # page number parameter (page), first page 1
    size_param = "per_page"            # page size parameter (page, offset)
    page_size = 100
    offset_param = "offset"            # (offset)
    next_path = "links.next"           # URL of the next page (next_link)
    token_env = "EOTINISH_TOKEN"       # the token is read from this environment variable
    auth_header = "Authorization"
    token_prefix = "Bearer "

The token never appears in a mapping, a log line, an error or the stored lineage.
"""

from __future__ import annotations

import os
from collections.abc import Iterator


from ingestion.base import register
from ingestion.connectors.http_base import HttpRecordsConnector, Page
from ingestion.http import safe_url
from warehouse.errors import ConfigError

MAX_PAGES = 100_000


@register
class RestJsonConnector(HttpRecordsConnector):
    name = "rest-json"
    description = "Paginated REST JSON API (page, offset or next-link paging) with a declarative mapping."

    def __init__(self, location, mapping=None, options=None):
        if mapping is None:
            raise ConfigError("The rest-json connector needs --mapping NAME_OR_FILE describing the API.",
                              hint="See docs/connectors.md, 'REST JSON APIs (rest-json)'.")
        super().__init__(location, mapping, {**mapping.reader_options, **(options or {})})
        self.http = self.make_http(self._auth_headers())

    def _auth_headers(self) -> dict[str, str]:
        env = self.options.get("token_env")
        if not env:
            return {}
        token = os.environ.get(env)
        if not token:
            raise ConfigError(f"The API token is missing: set the environment variable {env}.")
        return {self.options.get("auth_header", "Authorization"): self.options.get("token_prefix", "Bearer ") + token}

    def record_pages(self) -> Iterator[Page]:
        return self._pages()

    def _pages(self) -> Iterator[Page]:
        style = self.options.get("pagination", "page")
        size = int(self.options.get("page_size", 100))
        url, params = self.location, self._first_params(style, size)
        for number in range(1, MAX_PAGES + 1):
            page = self.http.get_json(url, params)
            records = _at_path(page, self.options.get("records_path")) or []
            if records:
                yield f"page {number}", records
            if style == "next_link":
                url, params = _at_path(page, self.options.get("next_path", "next")), None
                if not url:
                    return
            elif len(records) < size:
                return
            else:
                params = self._next_params(style, params, size)
        raise ConfigError(f"{safe_url(self.location)} returned more than {MAX_PAGES} pages; check the paging options.")

    def _first_params(self, style: str, size: int) -> dict:
        if style == "page":
            return {self.options.get("page_param", "page"): 1, self.options.get("size_param", "per_page"): size}
        if style == "offset":
            return {self.options.get("offset_param", "offset"): 0, self.options.get("size_param", "limit"): size}
        if style == "next_link":
            return {}
        raise ConfigError(f"Unknown pagination {style!r}: use page, offset or next_link.")

    def _next_params(self, style: str, params: dict, size: int) -> dict:
        key = self.options.get("page_param", "page") if style == "page" else self.options.get("offset_param", "offset")
        return {**params, key: params[key] + (1 if style == "page" else size)}


def _at_path(document, path: str | None):
    """The value at a dotted path ("data.items"), or None; no path means the document itself."""
    value = document
    for part in path.split(".") if path else []:
        value = value.get(part) if isinstance(value, dict) else None
    return value
