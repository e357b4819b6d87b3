"""What an alert counted: the page, its CSV and XLSX exports, and its JSON twin.

Page: ``/w/{ws}/alerts/{id}/rows?window=recent&which=misses`` (paged); exports: ``…/rows.csv`` and
``…/rows.xlsx`` (the whole list, formulas neutralised); API: ``GET /api/v1/workspaces/{ws}/alerts/{id}/rows``.
All three call :func:`safar.services.alert_rows.alert_rows`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from starlette.requests import Request

from safar.errors import NotFoundError
from safar.services.alert_rows import MAX_PER_PAGE, AlertRows, Which, Window, alert_rows, export_alert_rows
from safar.web.api import ERRORS
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.customers import MEDIA
from safar.web.render import render

router = APIRouter()
AlertId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Page = Annotated[int, Query(ge=1)]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]


@router.get("/w/{ws}/alerts/{alert_id}/rows", include_in_schema=False)
def rows_page(
    request: Request,
    ws: str,
    alert_id: AlertId,
    window: Window = "recent",
    which: Which = "all",
    page: Page = 1,
    per_page: PerPage = 50,
) -> Response:
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    result = alert_rows(ctx, alert_id, window=window, which=which, page=page, per_page=per_page)
    query = urlencode({"window": window, "which": which})
    return render(request, "alert_rows.html", {"ws": ws, "result": result, "query": query})


@router.get("/w/{ws}/alerts/{alert_id}/rows.{fmt}", include_in_schema=False)
def rows_export(
    request: Request, ws: str, alert_id: AlertId, fmt: str, window: Window = "recent", which: Which = "all"
) -> Response:
    if fmt not in MEDIA:
        raise NotFoundError("customers.bad_format", format=fmt, allowed=list(MEDIA))
    access = workspace_access(request, ws)
    result = alert_rows(screen_context(request, access), alert_id, window=window, which=which, per_page=None)
    name = f"safar-alert-{alert_id}-{window}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(export_alert_rows(result, fmt, lang_of(request)), media_type=MEDIA[fmt], headers=headers)


@router.get(
    "/api/v1/workspaces/{ws}/alerts/{alert_id}/rows",
    response_model=AlertRows,
    responses=ERRORS,
    tags=["alerts"],
)
def rows_api(
    request: Request,
    ws: WorkspaceSlug,
    alert_id: AlertId,
    window: Window = "recent",
    which: Which = "all",
    page: Page = 1,
    per_page: PerPage = 50,
) -> AlertRows:
    """One page of what an alert counted in one of its windows: the answers, comments, arrivals or requests
    behind its ``n`` (the same rows as the page ``/w/{ws}/alerts/{id}/rows``)."""
    access = workspace_access(request, ws)
    return alert_rows(
        screen_context(request, access), alert_id, window=window, which=which, page=page, per_page=per_page
    )
