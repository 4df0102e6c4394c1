"""Responsiveness against the legal deadlines: the headline figures and the same per agency, region,
channel, language, appeal type or month (:mod:`insights.responsiveness`; the dashboard's page of the
same name, and its roles)."""

from __future__ import annotations

from enum import Enum

import polars as pl
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from api.schemas import PROBLEMS, Page, Paging, filters, page_of, paging
from api.security import ApiState, allowed, api_state
from dashboard import registry
from insights import responsiveness
from insights.scope import Filters

ROLES = registry.page("responsiveness").roles
router = APIRouter(prefix="/v1/responsiveness", tags=["responsiveness"], responses=PROBLEMS,
                   dependencies=[Depends(allowed(ROLES))])


class Dimension(str, Enum):
    agency = "agency"
    region = "region"
    channel = "channel"
    language = "language"
    appeal_type = "appeal_type"
    month = "month"


class ResponsivenessSummary(BaseModel):
    snapshot: str
    appeals: int = Field(description="Appeals registered in the period and slices.")
    answered: int = Field(description="Of them, with a final answer.")
    decided: int = Field(description="Answered, or past the deadline without an answer: the base of on_time_rate.")
    on_time: int = Field(description="Answered by the legal deadline.")
    on_time_rate: float | None = Field(description="on_time / decided.")
    median_days: float | None = Field(description="Median days to the final answer.")
    p90_days: float | None = Field(description="90th percentile of days to the final answer.")
    redirected: int
    ping_pong: int = Field(description="Appeals sent back to an agency that had already passed them on.")
    repeats: int = Field(description="Repeat appeals on the same matter.")
    interim_only: int = Field(description="Closed with only an interim answer.")
    rated: int = Field(description="Appeals whose applicant rated the answer.")
    satisfied: int
    mean_satisfaction: float | None


class ResponsivenessRow(BaseModel):
    key: str = Field(description="The value of the dimension (agency or region key, channel, …; a month as "
                                 "its first day, YYYY-MM-DD).")
    label: str | None = Field(description="Its name as stored in the warehouse.")
    appeals: int
    answered: int
    decided: int
    on_time: int
    on_time_rate: float | None
    on_time_low: float | None = Field(description="Wilson 95 % interval of the on-time rate, lower end.")
    on_time_high: float | None
    on_time_shrunk: float | None = Field(description="On-time rate shrunk toward the overall rate "
                                                     "(empirical Bayes), for fair ranking of small units.")
    median_days: float | None
    p90_days: float | None
    redirected: int
    ping_pong: int
    ping_pong_rate: float | None
    repeats: int
    repeat_rate: float | None
    interim_only: int
    interim_only_rate: float | None
    extended: int = Field(description="Appeals whose deadline was extended.")
    rated: int
    satisfied: int
    satisfied_rate: float | None
    mean_satisfaction: float | None
    ranked: bool = Field(description="Has at least min_count appeals, so it may be ranked.")


@router.get("/summary", response_model=ResponsivenessSummary, summary="Headline figures for the period and slices")
def summary(f: Filters = Depends(filters), state: ApiState = Depends(api_state)) -> dict:
    return {"snapshot": state.reader.version(), **state.reader.query(responsiveness.responsiveness_kpis, f)}


@router.get("/by/{dimension}", response_model=Page[ResponsivenessRow],
            summary="Responsiveness per value of a dimension")
def by_dimension(dimension: Dimension, min_count: int = Query(30, ge=0, description="Fewest appeals to be ranked."),
                 f: Filters = Depends(filters), page: Paging = Depends(paging),
                 state: ApiState = Depends(api_state)) -> dict:
    """Ordered by month for `month`, else by appeals (most first) and key: a stable order for paging."""
    frame = state.reader.query(responsiveness.responsiveness_by, f, dimension.value, min_count)
    if frame.height:
        frame = frame.with_columns(pl.col("key").cast(pl.Utf8))
        frame = frame.sort("key") if dimension is Dimension.month else \
            frame.sort(["appeals", "key"], descending=[True, False])
    return page_of(frame, page, state.reader.version())
