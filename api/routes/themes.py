"""Behaviour areas in the appeals: evidence per area and its rate per 1,000 appeals
(:mod:`insights.themes`; the dashboard's themes page and its roles). Counts only, never texts."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.schemas import PROBLEMS, Page, Paging, filters, page_of, paging
from api.security import ApiState, allowed, api_state
from dashboard import registry
from insights import themes
from insights.scope import Filters

ROLES = registry.page("themes").roles
router = APIRouter(prefix="/v1/themes", tags=["themes"], responses=PROBLEMS, dependencies=[Depends(allowed(ROLES))])


class AreaTotal(BaseModel):
    area: str = Field(description="Behaviour area id (see the taxonomy).")
    appeals: int = Field(description="Appeals giving evidence about the area.")
    negative: int
    positive: int
    neutral: int
    per_1000: float | None = Field(description="Evidence per 1,000 appeals under the same filters (area and "
                                               "polarity filters choose the evidence, never the denominator).")
    all_appeals: int = Field(description="All appeals under the filters: the denominator.")


@router.get("/areas", response_model=Page[AreaTotal], summary="Evidence per behaviour area")
def areas(f: Filters = Depends(filters), page: Paging = Depends(paging), state: ApiState = Depends(api_state)) -> dict:
    return page_of(state.reader.query(themes.area_totals, f), page, state.reader.version())
