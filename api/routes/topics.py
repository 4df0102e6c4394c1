"""Emerging themes: appeals grouped by meaning, named by key phrases, with size, trend and where they
come from (:mod:`insights.topics`; the dashboard's emerging-themes page and its roles).

Counts and names only: a theme's example texts stay on the dashboard, for text readers. Mapping a
theme to an area is an analyst's decision made on the dashboard or with ``tyndau topics map``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from api.schemas import PROBLEMS, Page, Paging, page_of, paging
from api.security import ApiState, allowed, api_state
from dashboard import registry
from insights import topics

ROLES = registry.page("emerging_themes").roles
router = APIRouter(prefix="/v1/topics", tags=["topics"], responses=PROBLEMS, dependencies=[Depends(allowed(ROLES))])
Language = Annotated[Literal[topics.LANGUAGES], Query(description="Language of the names.")]
ThemeNo = Annotated[int, Path(ge=0, description="The theme's number, as /v1/topics lists it.")]


class Theme(BaseModel):
    theme_no: int
    label: str = Field(description="Key phrases of the theme in the asked language (or the nearest one).")
    label_language: str = Field(description="The language the label is in; differs from the asked one when "
                                            "the theme has no texts in it.")
    appeals: int
    with_area: int = Field(description="Of them, appeals the classifier gave at least one behaviour area.")
    cohesion: float | None = Field(description="Mean similarity of members to the theme's centre (0-1).")
    recent: int = Field(description="Appeals in the recent months (the comparison window).")
    earlier: int = Field(description="Appeals before them.")
    share_ratio: float | None = Field(description="Theme's share of appeals recently over its share before.")
    ratio_low: float | None = Field(description="95 % interval of the share ratio, lower end.")
    ratio_high: float | None
    is_new: bool = Field(description="Appeared only in the recent months.")
    is_growing: bool = Field(description="Its share grew, with the whole interval above the threshold.")
    first_registered_at: datetime | None
    last_registered_at: datetime | None


class ThemeMonth(BaseModel):
    registered_month: date
    appeals: int
    share_of_month: float | None = Field(description="The theme's appeals over all appeals of the month.")


class ThemeSlice(BaseModel):
    kind: Literal["agency", "region"]
    slice_key: str
    name: str = Field(description="Agency or region name in the asked language.")
    appeals: int
    place: int = Field(description="1 = the theme's largest agency (or region).")


@router.get("", response_model=Page[Theme], summary="Themes: new first, then growing, then by size")
def themes(page: Paging = Depends(paging), state: ApiState = Depends(api_state), lang: Language = "en") -> dict:
    state.reader.query(topics.require_any_theme)
    return page_of(state.reader.query(topics.theme_table, lang), page, state.reader.version())


@router.get("/{theme_no}/monthly", response_model=Page[ThemeMonth], summary="A theme's appeals month by month")
def monthly(theme_no: ThemeNo, page: Paging = Depends(paging), state: ApiState = Depends(api_state)) -> dict:
    state.reader.query(topics.require_theme, theme_no)
    return page_of(state.reader.query(topics.theme_monthly, theme_no), page, state.reader.version())


@router.get("/{theme_no}/slices", response_model=Page[ThemeSlice], summary="A theme's largest agencies and regions")
def slices(theme_no: ThemeNo, page: Paging = Depends(paging), state: ApiState = Depends(api_state),
           lang: Language = "en") -> dict:
    state.reader.query(topics.require_theme, theme_no)
    return page_of(state.reader.query(topics.theme_slices, theme_no, lang), page, state.reader.version())
