"""The API application: one FastAPI app over the published snapshot, and the list of its resources.

Adding a resource is one file in ``api/routes/`` with a ``router``
whose dependencies say who may read it (``allowed(registry.page("…").roles)``), plus one line in
:data:`ROUTERS`; the OpenAPI document, the token check and the error bodies follow by themselves.

No interactive docs pages: FastAPI's would load scripts from a CDN, which an on-premises network
does not reach (and should not); the OpenAPI document itself is served at ``/v1/openapi.json``.
"""

from __future__ import annotations

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.routes import alerts, responsiveness, texts, themes, topics, training
from api.schemas import PROBLEMS
from api.security import ApiState, caller
from api.tokens import Caller
from warehouse.audit import AuditError
from warehouse.config import Settings, load_settings
from warehouse.errors import TyndauError, WarehouseError

ROUTERS = (
    responsiveness.router,
    training.router,
    themes.router,
    topics.router,
    alerts.router,
    texts.router,
)
VERSION = "1"
UNAVAILABLE = (WarehouseError, AuditError)  # the server's state, not the request: 503


class Health(BaseModel):
    status: str = Field(description="'ok' while the process answers; says nothing about the data.")


class Me(BaseModel):
    user: str
    role: str
    reads_texts: bool = Field(description="Whether this role may read citizens' texts (/v1/texts).")
    token_id: str


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="Tyndau API", version=VERSION, openapi_url="/v1/openapi.json", docs_url=None,
                  redoc_url=None, description="Read-only figures on citizens' appeals for other government "
                                              "systems. Every endpoint but /v1/health needs a bearer token.")
    app.state.tyndau = ApiState.from_settings(settings or load_settings())
    app.add_api_route("/v1/health", health, methods=["GET"], response_model=Health, tags=["meta"])
    app.add_api_route("/v1/me", me, methods=["GET"], response_model=Me, tags=["meta"], responses=PROBLEMS)
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(TyndauError, domain_error)
    app.middleware("http")(no_caching)
    return app


def health() -> dict:
    return {"status": "ok"}


def me(who: Caller = Depends(caller)) -> dict:
    return {"user": who.user.name, "role": who.user.role, "reads_texts": who.user.can_read_texts,
            "token_id": who.token_id}


async def domain_error(request: Request, exc: TyndauError) -> JSONResponse:
    """A domain error becomes one JSON message and what to do, like the CLI's; never a traceback."""
    code = 503 if isinstance(exc, UNAVAILABLE) else 400
    return JSONResponse({"detail": str(exc), "hint": exc.hint}, status_code=code)


async def no_caching(request: Request, call_next):
    """Answers may hold citizens' texts or figures of one snapshot: no proxy or client keeps them."""
    response = await call_next(request)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", server_header=False,
                proxy_headers=False)
