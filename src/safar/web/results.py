"""Kept results on the web: how a page and its API twin read a screen (:mod:`safar.services.results`),
and the route a page asks whether its newer numbers are ready.

A page waits ``SAFAR_PAGE_WAIT`` seconds for a recomputation, then shows the earlier numbers with when they
were computed; ``app.js`` asks ``GET /w/{ws}/results/{key}`` every few seconds and offers the new ones
when ready. The API twin waits for the current numbers and says when they were computed in the headers
``X-Safar-Computed-At`` and ``X-Safar-Compute-Seconds``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from safar.errors import NotFoundError
from safar.services.results import Computed, read
from safar.store.results import get_result
from safar.web.context import WorkspaceAccess, jobs, screen_context, workspace_access

router = APIRouter()
T = TypeVar("T", bound=BaseModel)
Key = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]


def for_page(
    request: Request, access: WorkspaceAccess, screen: Callable[..., T], map_id: int, **params: Any
) -> Computed[T]:
    """The screen's numbers for a page: current ones, or after ``SAFAR_PAGE_WAIT`` the earlier ones."""
    return read(screen_context(request, access), screen, map_id, **params)


def for_api(
    request: Request,
    response: Response,
    access: WorkspaceAccess,
    screen: Callable[..., T],
    map_id: int,
    **params: Any,
) -> T:
    """The screen's current numbers for the API, with when they were computed in the headers."""
    computed = read(screen_context(request, access), screen, map_id, wait=float("inf"), **params)
    if computed.result is None:  # pragma: no cover - an infinite wait returns the result
        raise AssertionError("the API waits for its numbers")
    if computed.freshness.computed_at is not None:
        response.headers["X-Safar-Computed-At"] = computed.freshness.computed_at.isoformat()
        response.headers["X-Safar-Compute-Seconds"] = str(computed.freshness.seconds)
    return computed.result


@router.get("/w/{ws}/results/{key}", include_in_schema=False)
def result_status(request: Request, ws: str, key: Key) -> JSONResponse:
    """Whether the numbers ``key`` are being recomputed, and when they last were (what app.js asks)."""
    access = workspace_access(request, ws)
    kept = get_result(access.workspace.engine, access.workspace.workspace_id, key)
    computing = jobs(request).running(key)
    if kept is None and not computing:
        raise NotFoundError("results.not_found", key=key)
    return JSONResponse(
        {
            "computing": computing,
            "computed_at": kept.computed_at.isoformat() if kept is not None else None,
        }
    )
