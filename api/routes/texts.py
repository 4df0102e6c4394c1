"""Citizens' texts behind a number: for the text-reader roles only, every read audited first.

The list answers "which letters stand behind this count?" with the same filters as the numbers
(:func:`insights.themes.texts_behind`: with an area or polarity chosen, the appeals labelled so).
Before any text leaves the server, one record goes to the audit log (:mod:`warehouse.audit`,
page ``api``, the token's id in ``detail``); when it cannot be written the texts are not sent (503).
Texts are never cached by the API.
"""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from api.schemas import PROBLEMS, Page, Paging, filters, paging, records
from api.security import ApiState, allowed, api_state
from api.tokens import Caller
from dashboard.users import TEXT_READERS
from insights import themes
from insights.scope import Filters
from warehouse import audit

router = APIRouter(prefix="/v1/texts", tags=["texts"], responses=PROBLEMS)
reader_only = allowed(TEXT_READERS)
AUDIT_PAGE = "api"


class Text(BaseModel):
    appeal_id: str
    registered_at: datetime
    agency_key: str | None
    agency: str | None
    region: str | None
    language: str | None
    appeal_type: str | None
    text: str | None = Field(description="The appeal's text as stored: personal data redacted at ingestion.")


class Label(BaseModel):
    area: str
    polarity: str | None
    score: float | None
    is_low_confidence: bool | None
    model_version: str | None
    is_corrected: bool | None


class Appeal(BaseModel):
    appeal_id: str
    external_id: str | None
    registered_at: datetime
    agency_key: str | None
    agency: str | None
    region_key: str | None
    region: str | None
    channel: str | None
    language: str | None
    appeal_type: str | None
    status: str | None
    due_date: date | None
    final_answer_at: datetime | None
    is_on_time: bool | None
    redirect_count: int | None
    satisfaction: float | None
    text: str | None
    labels: list[Label]


@router.get("", response_model=Page[Text], summary="The texts behind a number (text readers only; audited)")
def texts(request: Request, f: Filters = Depends(filters), page: Paging = Depends(paging),
          who: Caller = Depends(reader_only), state: ApiState = Depends(api_state)) -> dict:
    """Newest first. ``total`` is the true number behind the filters; the page holds at most ``limit``."""
    frame = state.reader.query_uncached(themes.texts_behind, f, limit=page.limit, offset=page.offset)
    total = state.reader.query_uncached(themes.count_behind, f)
    rows = records(frame)
    log_read(state, who, "list", [r["appeal_id"] for r in rows], str(request.url.query))
    return {"snapshot": state.reader.version(), "total": total, "limit": page.limit, "offset": page.offset,
            "items": rows}


@router.get("/{appeal_id}", response_model=Appeal, summary="One appeal with its text and labels (audited)")
def appeal(appeal_id: str, who: Caller = Depends(reader_only), state: ApiState = Depends(api_state)) -> dict:
    found = state.reader.query_uncached(themes.appeal_detail, appeal_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No appeal with this id in the snapshot.")
    log_read(state, who, "read", [appeal_id], "")
    return {**found, "labels": records(found["labels"])}


def log_read(state: ApiState, who: Caller, action: str, appeal_ids: list[str], query: str) -> None:
    """One audit record per request that sends texts; raises AuditError (503) so nothing is sent unlogged."""
    detail = f"token {who.token_id}; {query}" if query else f"token {who.token_id}"
    audit.append(state.settings.resolved_audit_log_path(),
                 audit.AuditRecord(user=who.user.name, role=who.user.role, action=action, page=AUDIT_PAGE,
                                   appeal_ids=tuple(appeal_ids), detail=detail), state.settings.file_mode)
