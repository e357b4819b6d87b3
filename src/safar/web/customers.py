"""The customers behind a count: the page, its CSV and XLSX exports, and its JSON twin.

Page: ``/w/{ws}/maps/{id}/customers?kind=…`` (paged); exports: ``…/customers.csv`` and
``…/customers.xlsx`` (the whole list, formulas neutralised); API:
``GET /api/v1/workspaces/{ws}/maps/{id}/customers``. All three read the same query (a
:class:`~safar.services.customers.CustomerFilter`) and call :func:`~safar.services.customers.map_customers`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.requests import Request

from safar.errors import NotFoundError
from safar.services.customers import (
    MAX_PER_PAGE,
    CustomerFilter,
    CustomersResult,
    export_customers,
    map_customers,
)
from safar.web.api import ERRORS, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.render import render

router = APIRouter()
Filter = Annotated[CustomerFilter, Query()]
Page = Annotated[int, Query(ge=1)]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def query_of(chosen: CustomerFilter) -> str:
    """The filter as a query string (the links of the page and its exports)."""
    return urlencode(chosen.model_dump(exclude_defaults=True, exclude_none=True), doseq=True)


@router.get("/w/{ws}/maps/{map_id}/customers", include_in_schema=False)
def customers_page(
    request: Request, ws: str, map_id: int, chosen: Filter, page: Page = 1, per_page: PerPage = 50
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id)
    result = map_customers(screen_context(request, access), map_id, chosen, page=page, per_page=per_page)
    context = {"ws": ws, "stored": stored, "result": result, "query": query_of(result.filter)}
    return render(request, "customers.html", context)


@router.get("/w/{ws}/maps/{map_id}/customers.{fmt}", include_in_schema=False)
def customers_export(request: Request, ws: str, map_id: int, fmt: str, chosen: Filter) -> Response:
    if fmt not in MEDIA:
        raise NotFoundError("customers.bad_format", format=fmt, allowed=list(MEDIA))
    access = workspace_access(request, ws)
    lang = lang_of(request)
    result = map_customers(screen_context(request, access), map_id, chosen, per_page=None)
    name = f"safar-map-{map_id}-customers.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(export_customers(result, fmt, lang), media_type=MEDIA[fmt], headers=headers)


@router.get(
    "/api/v1/workspaces/{ws}/maps/{map_id}/customers",
    response_model=CustomersResult,
    responses=ERRORS,
    tags=["data"],
)
def customers_api(
    request: Request, ws: WorkspaceSlug, map_id: MapId, chosen: Filter, page: Page = 1, per_page: PerPage = 50
) -> CustomersResult:
    """One page of the customers behind a count (the same filter as the page ``…/customers``)."""
    access = workspace_access(request, ws)
    return map_customers(screen_context(request, access), map_id, chosen, page=page, per_page=per_page)
