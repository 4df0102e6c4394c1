"""What every resource shares: paging with totals, the filters (:class:`insights.scope.Filters`) as
query parameters, and the error body. Row models live beside their routes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Generic, TypeVar

import polars as pl
from fastapi import HTTPException, Query, status
from pydantic import BaseModel, Field

from insights.scope import Filters

T = TypeVar("T")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_VALUES = 200  # values of one filter in one request


class Problem(BaseModel):
    detail: str = Field(description="What went wrong.")
    hint: str = Field("", description="What to do about it (for domain errors).")


PROBLEMS = {
    400: {"model": Problem, "description": "The request asks for what the warehouse does not hold (an unknown "
                                           "theme, themes not built yet); the hint says what to do."},
    401: {"model": Problem, "description": "No token, or a token that is unknown, revoked or expired."},
    403: {"model": Problem, "description": "The token's user has a role that may not read this."},
    429: {"model": Problem, "description": "Too many bad tokens from this address; see Retry-After."},
    503: {"model": Problem, "description": "No published snapshot, or it lacks a table (rebuild), or the audit "
                                           "log cannot be written."},
}


class Page(BaseModel, Generic[T]):
    snapshot: str = Field(description="Version of the published snapshot answered from; when it changes "
                                      "between two pages, start again (the rows may have moved).")
    total: int = Field(description="Rows in the whole result, not only this page.")
    limit: int
    offset: int
    items: list[T]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = DEFAULT_LIMIT,
           offset: Annotated[int, Query(ge=0, description="Rows to skip.")] = 0) -> Paging:
    return Paging(limit, offset)


def records(frame: pl.DataFrame) -> list[dict]:
    """Rows as dicts, NaN as null (JSON has no NaN)."""
    floats = [c for c, d in frame.schema.items() if d in (pl.Float32, pl.Float64)]
    return frame.with_columns(pl.col(c).fill_nan(None) for c in floats).to_dicts() if floats else frame.to_dicts()


def page_of(frame: pl.DataFrame, paging: Paging, snapshot: str) -> dict:
    """One page of a whole result (for results the API computes in full and caches)."""
    return {"snapshot": snapshot, "total": frame.height, "limit": paging.limit, "offset": paging.offset,
            "items": records(frame.slice(paging.offset, paging.limit))}



def many(description: str):
    """A repeatable query parameter (``?agency=A&agency=B``), at most MAX_VALUES values."""
    return Query(max_length=MAX_VALUES, description=description)


def filters(
    date_from: Annotated[date | None, Query(description="First day of the period (registration date).")] = None,
    date_to: Annotated[date | None, Query(description="Last day of the period.")] = None,
    agency: Annotated[list[str], many("Agency key; repeat for several.")] = [],
    region: Annotated[list[str], many("Region key; repeat for several.")] = [],
    channel: Annotated[list[str], many("Channel (e.g. portal, office).")] = [],
    language: Annotated[list[str], many("Language of the appeal (kk, ru, …).")] = [],
    appeal_type: Annotated[list[str], many("Appeal type (complaint, …).")] = [],
    area: Annotated[list[str], many("Behaviour area (themes and texts only).")] = [],
    polarity: Annotated[list[str], many("negative, positive or neutral (themes and texts only).")] = [],
) -> Filters:
    """The period and slices, exactly as the dashboard's sidebar chooses them."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "date_from is after date_to.")
    return Filters(date_from, date_to, tuple(agency), tuple(region), tuple(channel), tuple(language),
                   tuple(appeal_type), tuple(area), tuple(polarity))
