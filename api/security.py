"""Who is calling and what they may read: bearer tokens, the lockout of bad ones, and role checks.

A request without a token gets 401; a token that is unknown, revoked, expired or whose user was
removed gets 401 too (never saying which); a caller whose role may not read a resource gets 403.
Bad tokens are counted per client address in the dashboard's login-state file
(:mod:`dashboard.lockout`, keys ``api-address:…``, apart from the dashboard's own): after
``FREE_FAILURES`` of them the address waits, doubling, and gets 429 with ``Retry-After``, valid token
or not, as the dashboard checks no password while an address is locked. The roles are the
dashboard's: a resource allows the roles of the dashboard page that shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.reader import CachedReader
from api.tokens import Caller, tokens_path, verify
from dashboard.lockout import LoginThrottle, address_key, state_path, whole_seconds
from warehouse.config import Settings

bearer = HTTPBearer(auto_error=False, scheme_name="token",
                    description="An API token issued with `tyndau api-tokens add --user NAME`.")
UNAUTHORISED = "A valid API token is required (Authorization: Bearer tyndau_…)."


@dataclass
class ApiState:
    """What every request needs, built once by :func:`api.app.create_app`."""

    settings: Settings
    reader: CachedReader
    tokens_file: Path
    throttle: LoginThrottle

    @classmethod
    def from_settings(cls, settings: Settings) -> "ApiState":
        return cls(settings, CachedReader(settings.resolved_snapshot_path()), tokens_path(settings.users_file),
                   LoginThrottle(state_path(settings.users_file), settings.file_mode))


def api_state(request: Request) -> ApiState:
    return request.app.state.tyndau


def caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Caller:
    """The caller behind the bearer token, or 401 (no or bad token) / 429 (this address is locked)."""
    if credentials is None:
        raise _unauthorised()
    state = api_state(request)
    keys = throttle_keys(request, state.settings.behind_proxy)
    wait = state.throttle.wait_seconds(keys)
    if wait > 0:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "Too many bad tokens from this address; wait.",
                            headers={"Retry-After": str(whole_seconds(wait))})
    found = verify(state.tokens_file, state.settings.users_file, credentials.credentials)
    if found is None:
        state.throttle.begin_attempt(keys)
        raise _unauthorised()
    state.throttle.succeeded(keys)
    return found


def _unauthorised() -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, UNAUTHORISED, headers={"WWW-Authenticate": "Bearer"})


def throttle_keys(request: Request, behind_proxy: bool) -> list[str]:
    address = client_address(request, behind_proxy)
    return ["api-" + address_key(address)] if address else []


def client_address(request: Request, behind_proxy: bool) -> str | None:
    """The proxy's X-Forwarded-For (its last entry, the one the proxy appended) when configured,
    else the connection's address: the same rule as the dashboard's login."""
    if behind_proxy:
        return (request.headers.get("X-Forwarded-For") or "").split(",")[-1].strip() or None
    return request.client.host if request.client else None


def allowed(roles: frozenset[str]) -> Callable[..., Caller]:
    """A dependency that lets only these roles through (403 for the others)."""

    def check(who: Caller = Depends(caller)) -> Caller:
        if who.user.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN,
                                f"The role {who.user.role!r} may not read this; it is for: {', '.join(sorted(roles))}.")
        return who

    return check
