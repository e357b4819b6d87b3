"""The survey answers behind an NPS, CSAT or CES count: the page, its CSV and XLSX exports, and its JSON twin.

Page: ``/w/{ws}/maps/{id}/respondents?metric=…&group=…&touchpoint=…`` (paged); exports:
``…/respondents.csv`` and ``…/respondents.xlsx`` (the whole list, formulas neutralised); API:
``GET /api/v1/workspaces/{ws}/maps/{id}/respondents``. All three read the same query (a
:class:`~safar.services.respondents.RespondentFilter`) and call
:func:`~safar.services.respondents.map_respondents`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.requests import Request

from safar.errors import NotFoundError
from safar.services.respondents import (
    MAX_PER_PAGE,
    RespondentFilter,
    RespondentsResult,
    export_respondents,
    map_respondents,
)
from safar.web.api import ERRORS, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.customers import MEDIA
from safar.web.render import render

router = APIRouter()
Filter = Annotated[RespondentFilter, Query()]
Page = Annotated[int, Query(ge=1)]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]


def respondents_query(chosen: RespondentFilter) -> str:
    """The filter as a query string (the links of the voice page, this page and its exports)."""
    return urlencode(chosen.model_dump(exclude_none=True))


@router.get("/w/{ws}/maps/{map_id}/respondents", include_in_schema=False)
def respondents_page(
    request: Request, ws: str, map_id: int, chosen: Filter, page: Page = 1, per_page: PerPage = 50
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id)
    result = map_respondents(screen_context(request, access), map_id, chosen, page=page, per_page=per_page)
    context = {"ws": ws, "stored": stored, "result": result, "query": respondents_query(result.filter)}
    return render(request, "respondents.html", context)


@router.get("/w/{ws}/maps/{map_id}/respondents.{fmt}", include_in_schema=False)
def respondents_export(request: Request, ws: str, map_id: int, fmt: str, chosen: Filter) -> Response:
    if fmt not in MEDIA:
        raise NotFoundError("customers.bad_format", format=fmt, allowed=list(MEDIA))
    access = workspace_access(request, ws)
    result = map_respondents(screen_context(request, access), map_id, chosen, per_page=None)
    name = f"safar-map-{map_id}-{result.filter.metric}-answers.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    body = export_respondents(result, fmt, lang_of(request))
    return Response(body, media_type=MEDIA[fmt], headers=headers)


@router.get(
    "/api/v1/workspaces/{ws}/maps/{map_id}/respondents",
    response_model=RespondentsResult,
    responses=ERRORS,
    tags=["data"],
)
def respondents_api(
    request: Request, ws: WorkspaceSlug, map_id: MapId, chosen: Filter, page: Page = 1, per_page: PerPage = 50
) -> RespondentsResult:
    """One page of the survey answers behind an NPS, CSAT or CES count (the same filter as the page
    ``…/respondents``)."""
    access = workspace_access(request, ws)
    return map_respondents(screen_context(request, access), map_id, chosen, page=page, per_page=per_page)
