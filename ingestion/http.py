"""The HTTP boundary, once: timeouts, retries with backoff, and safe error messages.

Retriable (429 and 5xx, connection errors and timeouts) is told apart from fatal
(any other 4xx). Neither logs nor errors ever carry a query string, an API key or a
response body: those may hold secrets or citizens' personal data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import httpx

from warehouse.errors import RemoteError

log = logging.getLogger("tyndau.http")
# httpx logs every request line with its query string (an api_key) at INFO, and httpcore
# logs headers (a bearer token) at DEBUG: keep both quiet whatever the root level is.
for _noisy in ("httpx", "httpcore"):
    logging.getLogger(_noisy).setLevel(logging.WARNING)
RETRIABLE_STATUS = {429, 500, 502, 503, 504}


def safe_url(url: str | httpx.URL) -> str:
    """Scheme, host and path only: no credentials, no query string."""
    u = httpx.URL(str(url))
    return f"{u.scheme}://{u.host}{':' + str(u.port) if u.port else ''}{u.path}"


class HttpSource:
    """GET JSON with retries. One instance per load; `sleep` is injectable for fast tests."""

    def __init__(self, timeout: float = 30.0, retries: int = 4, backoff: float = 1.0,
                 headers: dict[str, str] | None = None, sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None):
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.client = httpx.Client(timeout=timeout, headers=headers or {}, transport=transport,
                                   follow_redirects=True)

    def get_json(self, url: str, params: dict | None = None):
        return _decode(self.get(url, params), url)

    def get(self, url: str, params: dict | None = None) -> httpx.Response:
        """A successful response, after retrying what may pass; for callers that read more than JSON."""
        for attempt in range(self.retries + 1):
            try:
                response = self.client.get(url, params=params)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                self._retry_or_fail(attempt, url, f"{type(exc).__name__}", None)
                continue
            if response.status_code in RETRIABLE_STATUS:
                self._retry_or_fail(attempt, url, f"HTTP {response.status_code}", response.headers.get("retry-after"))
                continue
            if response.status_code >= 400:
                raise RemoteError(f"{safe_url(url)} answered HTTP {response.status_code}; not retried.",
                                  hint=_hint_for(response.status_code))
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _retry_or_fail(self, attempt: int, url: str, what: str, retry_after: str | None) -> None:
        if attempt >= self.retries:
            raise RemoteError(f"{safe_url(url)} failed after {self.retries + 1} attempts (last: {what}).")
        delay = _retry_delay(retry_after, self.backoff * 2 ** attempt)
        log.warning("%s from %s; retrying in %.1fs", what, safe_url(url), delay)
        self.sleep(delay)

    def close(self) -> None:
        self.client.close()


def _retry_delay(retry_after: str | None, default: float) -> float:
    if retry_after and retry_after.strip().isdigit():
        return min(float(retry_after), 300.0)
    return default


def _hint_for(status: int) -> str:
    if status in (401, 403):
        return "Check the API key or token (set through the environment variable the mapping names)."
    if status == 404:
        return "Check the endpoint URL and the API version."
    return "Check the request parameters (dates, page size) against the API's documentation."


def _decode(response: httpx.Response, url: str):
    try:
        return response.json()
    except ValueError:
        raise RemoteError(f"{safe_url(url)} did not return JSON (content-type "
                          f"{response.headers.get('content-type', 'unknown')}).",
                          hint="Check the endpoint URL: it should be the JSON API, not a web page.") from None
