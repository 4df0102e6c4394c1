"""Training planners' numbers: behaviour gaps per agency and area, and the courses that would close
them (:mod:`insights.training.planning`; the dashboard's training-priorities page and its roles).

Example appeal ids are left out on purpose: texts go only through ``/v1/texts``, to text readers, audited."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.schemas import PROBLEMS, Page, Paging, filters, page_of, paging
from api.security import ApiState, allowed, api_state
from dashboard import registry
from insights.scope import Filters
from insights.training import planning

ROLES = registry.page("training_priorities").roles
router = APIRouter(prefix="/v1/training", tags=["training"], responses=PROBLEMS,
                   dependencies=[Depends(allowed(ROLES))])


class Gap(BaseModel):
    agency_key: str
    agency: str | None
    area: str = Field(description="Behaviour area id (see the taxonomy).")
    rank_in_agency: int = Field(description="1 = the agency's largest gap.")
    gap_score: float | None = Field(description="Shrunk complaint rate minus the national rate (0.02 = 2 more "
                                                "complaints per 100 appeals than the country).")
    gap_low: float | None = Field(description="Posterior 95 % interval of the gap, lower end.")
    gap_high: float | None
    certainty: float | None = Field(
        description="Posterior probability that the agency's rate exceeds the national one.")
    negative_appeals: int
    positive_appeals: int
    neutral_appeals: int
    classified_appeals: int
    appeals: int
    national_rate: float | None
    negative_rate: float | None
    trend: float | None = Field(description="Gap now minus the gap in the same number of months before.")
    ranked: bool
    period_start: date
    period_end: date


class Priority(BaseModel):
    agency_key: str
    agency: str | None
    course_id: str
    title_en: str | None
    title_ru: str | None
    title_kk: str | None
    rank_in_agency: int
    value: float | None = Field(description="Priority-weighted complaints per month the course addresses.")
    gap_areas: list[str]
    top_area: str | None
    gap_score: float | None
    certainty: float | None
    negative_appeals: int | None
    classified_appeals: int | None
    survey_score: float | None = Field(description="Colleagues' and citizens' 360-degree score (1-5), if surveyed.")
    survey_shortfall: float | None
    priority: float | None
    cost_per_seat: float | None
    cohort_seats: int | None
    cohort_cost: float | None
    staff_count: int | None
    staff_trained_recently: int | None
    last_session_date: date | None


@router.get("/gaps", response_model=Page[Gap], summary="Behaviour gaps per agency and area")
def gaps(f: Filters = Depends(filters), page: Paging = Depends(paging), state: ApiState = Depends(api_state)) -> dict:
    """Uses the period's end (date_to) and the agency and region filters, as the dashboard does."""
    rules = planning.PlanningRules.from_settings(state.settings)
    frame = planning.gaps_for_export(state.reader.query(planning.citizen_gaps, f, rules))
    return page_of(frame, page, state.reader.version())


@router.get("/priorities", response_model=Page[Priority], summary="Courses ranked per agency by the gaps they close")
def priorities(f: Filters = Depends(filters), page: Paging = Depends(paging),
               state: ApiState = Depends(api_state)) -> dict:
    rules = planning.PlanningRules.from_settings(state.settings)
    frame = state.reader.query(planning.training_priorities, f, rules)
    return page_of(frame.drop("example_appeal_ids"), page, state.reader.version())
