"""One customer's whole history (customer 360) and the search that finds them: pages and JSON twins.

Pages ``/w/{ws}/customers?q=…`` (the search) and ``/w/{ws}/customers/{id}`` (the history); API
``GET /api/v1/workspaces/{ws}/customers?q=…`` and ``GET /api/v1/workspaces/{ws}/customers/{id}``. All call
:mod:`safar.services.customer_history`; viewers may read them, as they may read the data they show.
"""

from __future__ import annotations

from typing import Annotated, Any

import pydantic
from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from starlette.requests import Request

from safar.errors import SafarError
from safar.services.customer_history import (
    SHOWN,
    CustomerHistory,
    CustomerMatches,
    CustomerQuery,
    customer_history,
    find_customers,
)
from safar.web.api import ERRORS
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.forms import invalid
from safar.web.render import render

router = APIRouter()

CustomerId = Annotated[str, Path(min_length=1, max_length=200, description="The customer's id as stored.")]
Dataset = Annotated[str | None, Query(max_length=200, description="One dataset (default: every dataset).")]
Limit = Annotated[int, Query(ge=1, le=5000, description="The newest timeline items to list.")]
Text = Annotated[str, Query(min_length=1, max_length=200, description="Part of an id or of an attribute.")]


def _query(customer_id: str, dataset: str | None, limit: int, lang: str) -> CustomerQuery:
    try:
        return CustomerQuery(customer_id=customer_id, dataset=dataset or None, limit=limit)
    except pydantic.ValidationError as exc:
        raise invalid(exc.errors(), lang) from exc


@router.get("/w/{ws}/customers", include_in_schema=False)
def search_page(request: Request, ws: str, q: str = "") -> Response:
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    context: dict[str, Any] = {"ws": ws, "q": q, "found": None, "error": None}
    context["has_data"] = bool(ctx.workspace.datasets())
    if q.strip():
        try:
            context["found"] = find_customers(ctx, q)
        except SafarError as err:  # shown beside the search box, which keeps what was typed
            context["error"] = err.message_for(lang_of(request))
    return render(request, "customer_search.html", context)


@router.get("/w/{ws}/customers/{customer_id:path}", include_in_schema=False)
def customer_page(
    request: Request, ws: str, customer_id: str, dataset: str = "", limit: int = SHOWN
) -> Response:
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    history = customer_history(ctx, _query(customer_id, dataset, limit, lang_of(request)))
    return render(request, "customer.html", {"ws": ws, "history": history})


@router.get(
    "/api/v1/workspaces/{ws}/customers",
    response_model=CustomerMatches,
    responses=ERRORS,
    tags=["data"],
)
def search_api(request: Request, ws: WorkspaceSlug, q: Text) -> CustomerMatches:
    """Customers whose id or one of whose attributes holds ``q`` (the page ``/customers?q=``)."""
    access = workspace_access(request, ws)
    return find_customers(screen_context(request, access), q)


@router.get(
    "/api/v1/workspaces/{ws}/customers/{customer_id:path}",
    response_model=CustomerHistory,
    responses=ERRORS,
    tags=["data"],
)
def customer_api(
    request: Request,
    ws: WorkspaceSlug,
    customer_id: CustomerId,
    dataset: Dataset = None,
    limit: Limit = SHOWN,
) -> CustomerHistory:
    """One customer's whole history: their datasets and attributes, where they are on each map, and their
    events, comments and survey answers, newest first (the page ``/customers/{id}``)."""
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    return customer_history(ctx, _query(customer_id, dataset, limit, ctx.lang))
