"""A map's insights page (moments of truth, evidence verdicts, opportunities) and its JSON API.

Pages: ``/w/{ws}/maps/{id}/insights`` shows the ranked opportunities with their components and the
moments of truth with the map's evidence; editors accept, reject, annotate and add opportunities
through forms (CSRF-checked; viewers get 403). API under ``/api/v1``: the same data as JSON.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import SafarError
from safar.insights.opportunities import MAX_TEXT, add_opportunity, annotate, decide
from safar.insights.scoring import COMPONENTS
from safar.render.matrix import matrix_view
from safar.services.drivers import map_gaps, map_quadrants
from safar.services.moments import MomentsView
from safar.services.moments import moments as moments_screen
from safar.services.opportunities import OpportunitiesOut, map_opportunities_screen
from safar.web.api import ERRORS
from safar.web.context import (
    EDITOR_FIRST,
    api_access,
    lang_of,
    screen_context,
    workspace_access,
)
from safar.web.customers import query_of
from safar.web.forms import editor_form
from safar.web.render import render
from safar.web.results import for_api, for_page

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["insights"])
router = APIRouter()

MAX_ID = 2_147_483_647
MapId = Annotated[int, Path(ge=1, le=MAX_ID)]
WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]
Ref = Annotated[str, Path(min_length=1, max_length=100)]


# Pages --------------------------------------------------------------------------------------------


@pages.get("/w/{ws}/maps/{map_id}/insights")
def map_insights_page(
    request: Request,
    ws: str,
    map_id: int,
    dataset: str | None = None,
    outcome: str | None = None,
    churn: bool = False,
    population: str = "stage",
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id)
    lang = lang_of(request)
    ctx = screen_context(request, access)
    opportunities, opportunities_error = None, None
    try:
        opportunities = map_opportunities_screen(ctx, map_id, dataset=dataset or None)
    except SafarError as err:
        opportunities_error = err.message_for(lang)
    moments, moments_error, computed = None, None, None
    try:  # the slow part of the page (bootstrap intervals): kept, recomputed in the background after new data
        computed = for_page(
            request,
            access,
            moments_screen,
            map_id,
            dataset=dataset or None,
            outcome=outcome or None,
            churn=churn,
            population=population,
            bootstrap=100,
        )
        moments = computed.result
    except SafarError as err:
        moments_error = err.message_for(lang)
    gaps = map_gaps(ctx, map_id)
    matrix = None
    if moments is not None and moments.ratings is not None and moments.ratings.get("r2") is not None:
        touchpoints = [tp.id for tp in stored.document.touchpoints()]
        found = map_quadrants(ctx, map_id, touchpoints=touchpoints)
        matrix = matrix_view(found, lang, {tp.id: tp.name for tp in stored.document.touchpoints()})
    return render(
        request,
        "map_insights.html",
        {
            "ws": ws,
            "stored": stored,
            "gaps": gaps,
            "matrix": matrix,
            "opportunities": opportunities,
            "opportunities_error": opportunities_error,
            "moments": moments,
            "moments_error": moments_error,
            "computed": computed,
            "components": COMPONENTS,
            "customers_query": query_of,
            "can_edit": access.role.can_edit,
            "form": {
                "dataset": dataset or "",
                "outcome": outcome or "",
                "churn": churn,
                "population": population,
            },
            "touchpoints": list(stored.document.touchpoints()),
        },
    )


def _back(ws: str, map_id: int, form: dict[str, str]) -> RedirectResponse:
    query = {k: form[k] for k in ("dataset", "outcome", "population") if form.get(k)}
    suffix = f"?{urlencode(query)}" if query else ""
    return RedirectResponse(f"/w/{quote(ws)}/maps/{map_id}/insights{suffix}#opportunities", status_code=303)


@pages.post("/w/{ws}/maps/{map_id}/opportunities/decide")
async def decide_form(request: Request, ws: str, map_id: int) -> Response:
    form, access = await editor_form(request, ws)
    decide(access.workspace, map_id, form.get("ref", ""), form.get("status", ""), author=access.user.username)
    return _back(ws, map_id, form)


@pages.post("/w/{ws}/maps/{map_id}/opportunities/note")
async def note_form(request: Request, ws: str, map_id: int) -> Response:
    form, access = await editor_form(request, ws)
    annotate(access.workspace, map_id, form.get("ref", ""), form.get("text", ""), author=access.user.username)
    return _back(ws, map_id, form)


@pages.post("/w/{ws}/maps/{map_id}/opportunities/add")
async def add_form(request: Request, ws: str, map_id: int) -> Response:
    form, access = await editor_form(request, ws)
    add_opportunity(
        access.workspace,
        map_id,
        form.get("text", ""),
        touchpoint=form.get("touchpoint") or None,
        owner=form.get("owner") or None,
        author=access.user.username,
    )
    return _back(ws, map_id, form)


# API ----------------------------------------------------------------------------------------------


class DecisionIn(BaseModel):
    status: Literal["open", "accepted", "rejected"]


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class NewOpportunityIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    touchpoint: str | None = Field(default=None, max_length=64)
    owner: str | None = Field(default=None, max_length=200)


class RefOut(BaseModel):
    ref: str


Weight = Annotated[float | None, Query(ge=0, le=1_000_000)]


@api.get("/workspaces/{ws}/maps/{map_id}/opportunities", response_model=OpportunitiesOut, responses=ERRORS)
def opportunities(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: Annotated[str | None, Query(max_length=200)] = None,
    reach: Weight = None,
    dropoff: Weight = None,
    driver: Weight = None,
    gap: Weight = None,
    sentiment: Weight = None,
) -> OpportunitiesOut:
    given = {"reach": reach, "dropoff": dropoff, "driver": driver, "gap": gap, "sentiment": sentiment}
    weights = {k: v for k, v in given.items() if v is not None}
    access = api_access(request, ws)
    return map_opportunities_screen(screen_context(request, access), map_id, dataset=dataset, weights=weights)


@api.post(
    "/workspaces/{ws}/maps/{map_id}/opportunities",
    response_model=RefOut,
    status_code=201,
    responses=ERRORS,
    dependencies=[EDITOR_FIRST],
)
def add(request: Request, ws: WorkspaceSlug, map_id: MapId, body: NewOpportunityIn) -> dict[str, Any]:
    access = api_access(request, ws, Role.EDITOR)
    ref = add_opportunity(
        access.workspace,
        map_id,
        body.text,
        touchpoint=body.touchpoint,
        owner=body.owner,
        author=access.user.username,
    )
    return {"ref": ref}


@api.put(
    "/workspaces/{ws}/maps/{map_id}/opportunities/{ref}/status",
    response_model=RefOut,
    responses=ERRORS,
    dependencies=[EDITOR_FIRST],
)
def set_status(
    request: Request, ws: WorkspaceSlug, map_id: MapId, ref: Ref, body: DecisionIn
) -> dict[str, Any]:
    access = api_access(request, ws, Role.EDITOR)
    decide(access.workspace, map_id, ref, body.status, author=access.user.username)
    return {"ref": ref}


@api.post(
    "/workspaces/{ws}/maps/{map_id}/opportunities/{ref}/notes",
    response_model=RefOut,
    status_code=201,
    responses=ERRORS,
    dependencies=[EDITOR_FIRST],
)
def add_note(request: Request, ws: WorkspaceSlug, map_id: MapId, ref: Ref, body: NoteIn) -> dict[str, Any]:
    access = api_access(request, ws, Role.EDITOR)
    annotate(access.workspace, map_id, ref, body.text, author=access.user.username)
    return {"ref": ref}


@api.get("/workspaces/{ws}/maps/{map_id}/moments", response_model=MomentsView, responses=ERRORS)
def moments(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: Annotated[str | None, Query(max_length=200)] = None,
    outcome: Annotated[str | None, Query(max_length=200)] = None,
    churn: bool = False,
    population: Literal["stage", "all"] = "stage",
    bootstrap: Annotated[int, Query(ge=0, le=1000)] = 200,
) -> MomentsView:
    """The page's moments of truth: kept like the page's (read in milliseconds while the data is unchanged),
    with when they were computed in the headers."""
    access = api_access(request, ws)
    return for_api(
        request,
        response,
        access,
        moments_screen,
        map_id,
        dataset=dataset,
        outcome=outcome,
        churn=churn,
        population=population,
        bootstrap=bootstrap,
    )


router.include_router(api)
router.include_router(pages)
