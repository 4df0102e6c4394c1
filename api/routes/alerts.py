"""Early warning: the months in which an agency's appeals, or its complaints about one area, rose
beyond their baseline (:mod:`insights.alerts`; the dashboard's alerts page and its roles).

Each alert comes with its evidence (count, baseline, prediction band, p- and q-value) and its state.
Example appeal ids are left out on purpose, as on the training routes: texts go only through
``/v1/texts``, to text readers, audited. Acknowledging is the dashboard's and the CLI's: this API
only reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import polars as pl
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from api.schemas import PROBLEMS, Page, Paging, filters, page_of, paging
from api.security import ApiState, allowed, api_state
from dashboard import registry
from insights.alerts import STATUSES, alert_list
from insights.scope import Filters

ROLES = registry.page("alerts").roles
router = APIRouter(prefix="/v1/alerts", tags=["alerts"], responses=PROBLEMS, dependencies=[Depends(allowed(ROLES))])
Status = Literal[STATUSES]


class ThemeName(BaseModel):
    label: str
    label_language: str


class Alert(BaseModel):
    alert_id: str = Field(description="Stable id of the alert (metric, agency, region, area and month).")
    month: date = Field(description="First day of the month the rise happened in.")
    metric: str = Field(description="'volume' (all appeals to the agency), 'negative' (appeals with negative "
                                    "evidence on one area) or 'theme' (the appeals of one emerging theme, "
                                    "country-wide).")
    agency_key: str = Field(description="Empty for 'theme' alerts (every agency).")
    region_key: str = Field(description="Empty for 'theme' alerts (the whole country).")
    area: str = Field(description="Behaviour area id for 'negative' alerts; empty for 'volume'; the theme's "
                                  "number for 'theme' (numbers change when `tyndau topics build` reclusters).")
    theme_names: dict[str, ThemeName] | None = Field(
        None, description="For 'theme' alerts, the theme's name per interface language (kk, ru, en) and the "
                          "language the name's words come from (a theme with no text in a language is named "
                          "in the language it has most).")
    observed: int = Field(description="Appeals counted in the month.")
    expected: float = Field(description="What the agency's own history predicted for the month.")
    lower: float = Field(description="Lower end of the 95 % prediction band.")
    upper: float = Field(description="Upper end of the 95 % prediction band.")
    p_value: float = Field(description="Probability of a count at least this high under the baseline.")
    q_value: float = Field(description="p-value adjusted over every series of the metric that month "
                                       "(Benjamini-Hochberg); an alert has q at most the configured rate.")
    status: Status = Field(description="'acknowledged' by a user, else 'sent' in a digest, else 'new'.")
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    sent_at: datetime | None


FIELDS = tuple(Alert.model_fields)


@router.get("", response_model=Page[Alert], summary="Unusual rises, newest month first, clearest first")
def alerts(f: Filters = Depends(filters), page: Paging = Depends(paging), state: ApiState = Depends(api_state),
           status: Annotated[list[Status], Query(description="Only alerts in these states; repeat for several.")] = [],
           ) -> dict:
    """Uses the agency, region and area filters and the period (the alert's month); other filters do not apply."""
    frame = state.reader.query(alert_list).select(FIELDS)
    return page_of(frame.filter(chosen(f, status)), page, state.reader.version())


def chosen(f: Filters, status: list[str]) -> pl.Expr:
    keep = pl.lit(True)
    if f.agencies:
        keep &= pl.col("agency_key").is_in(list(f.agencies))
    if f.regions:
        keep &= pl.col("region_key").is_in(list(f.regions))
    if f.date_from:
        keep &= pl.col("month") >= f.date_from.replace(day=1)
    if f.date_to:
        keep &= pl.col("month") <= f.date_to
    if f.areas:
        keep &= pl.col("area").is_in(list(f.areas))
    if status:
        keep &= pl.col("status").is_in(status)
    return keep
