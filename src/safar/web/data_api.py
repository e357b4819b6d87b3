"""The JSON API of what the map's data pages show: the overlay, the journeys view and the personas."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from safar.services.audience import audience_of
from safar.services.flows import FlowsOut, flows_around
from safar.services.funnel_view import FunnelAnalysis, funnel_analysis
from safar.services.journeys import JourneysView, journeys
from safar.services.maps import MapsList, maps_list
from safar.services.overlay import Canvas, canvas
from safar.services.rules_view import RulesView, rules_view
from safar.web.api import ERRORS, MAX_ID, MapId
from safar.web.context import screen_context, workspace_access
from safar.web.results import for_api

router = APIRouter(prefix="/api/v1", tags=["data"])
WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]
DatasetName = Annotated[str | None, Query(pattern=r"^[\w.-]{1,200}$")]
# What a person types to choose the audience (a date, a channel, KEY=VALUE); read by safar.services.audience.
AudienceText = Annotated[str | None, Query(max_length=200)]


@router.get("/workspaces/{ws}/maps/{map_id}/overlay", response_model=Canvas, responses=ERRORS)
def overlay(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: DatasetName = None,
    revision: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    since: AudienceText = None,
    until: AudienceText = None,
    channel: AudienceText = None,
    segment: AudienceText = None,
    persona: AudienceText = None,
) -> Canvas:
    """The canvas's numbers: per touchpoint customers, events, going on, drop-off and median time (its data
    lanes), each touchpoint's voice, and the map's headline NPS, CSAT, CES, conversion and drop-off.
    ``since``/``until`` (journeys that started then: ISO or Jalali, naive in the reader's zone), ``channel``
    ``segment`` (``KEY=VALUE``) and ``persona`` (a persona of the map with a ``data_segment``: who it is in the
    data) keep the journeys of those customers alone (survey figures stay whole)."""
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    typed = {"since": since, "until": until, "channel": channel, "segment": segment, "persona": persona}
    audience = audience_of(
        ctx.calendar.tz, typed, personas=access.workspace.get_map(map_id, revision).document.personas
    )
    return for_api(
        request, response, access, canvas, map_id, revision=revision, dataset=dataset, audience=audience
    )


@router.get("/workspaces/{ws}/maps/{map_id}/journeys", response_model=JourneysView, responses=ERRORS)
def journeys_api(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: DatasetName = None,
    level: Annotated[Literal["stage", "touchpoint"], Query()] = "stage",
    depth: Annotated[int, Query(ge=2, le=8)] = 5,
    since: AudienceText = None,
    until: AudienceText = None,
    channel: AudienceText = None,
    segment: AudienceText = None,
    persona: AudienceText = None,
) -> JourneysView:
    """The stage funnel, where customers stop, the most common journeys and their Sankey (the journeys page);
    ``since``, ``until``, ``channel``, ``segment`` and ``persona`` as for the overlay."""
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    typed = {"since": since, "until": until, "channel": channel, "segment": segment, "persona": persona}
    audience = audience_of(
        ctx.calendar.tz, typed, personas=access.workspace.get_map(map_id).document.personas
    )
    return for_api(
        request,
        response,
        access,
        journeys,
        map_id,
        dataset=dataset,
        level=level,
        depth=depth,
        audience=audience,
    )


@router.get("/workspaces/{ws}/activity", response_model=MapsList, responses=ERRORS)
def activity(request: Request, ws: WorkspaceSlug) -> MapsList:
    """The maps list's figures: every map of the workspace with its surveys, their responses and its open
    (unacknowledged) alerts."""
    access = workspace_access(request, ws)
    return maps_list(screen_context(request, access))


class PersonaOut(BaseModel):
    persona: dict[str, Any]
    lang: str
    maps: list[int]


@router.get("/workspaces/{ws}/personas", response_model=list[PersonaOut], responses=ERRORS)
def personas(request: Request, ws: WorkspaceSlug) -> list[dict[str, Any]]:
    """Every persona of the workspace's maps, with the maps it appears in."""
    access = workspace_access(request, ws)
    return [
        {"persona": p.persona.model_dump(mode="json"), "lang": p.lang, "maps": [m.id for m in p.maps]}
        for p in access.workspace.personas()
    ]


@router.get("/workspaces/{ws}/maps/{map_id}/funnel-analysis", response_model=FunnelAnalysis, responses=ERRORS)
def funnel_analysis_api(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: DatasetName = None,
    breakdown: Annotated[
        str | None, Query(max_length=200, description="channel, or persona:ID (a persona of the map).")
    ] = None,
    compare: bool = False,
    times: bool = False,
    since: AudienceText = None,
    until: AudienceText = None,
    channel: AudienceText = None,
    order: Literal["sequential", "strict", "any"] = "sequential",
    window: Annotated[
        str | None, Query(max_length=20, description="Each stage within this time of the first (e.g. 7d).")
    ] = None,
) -> FunnelAnalysis:
    """The Journeys page's funnel analysis of the map's stages: per entry channel or persona, the customers who
    began in ``since``…``until`` (default: the data's last 30 days) against the period before with each
    stage's test, and the time to each stage, from the one before, and before leaving."""
    access = workspace_access(request, ws)
    return for_api(
        request,
        response,
        access,
        funnel_analysis,
        map_id,
        dataset=dataset,
        breakdown=breakdown or None,
        compare=compare,
        times=times,
        since=since or None,
        until=until or None,
        channel=channel or None,
        order=order,
        window=window or None,
    )


@router.get("/workspaces/{ws}/maps/{map_id}/flows", response_model=FlowsOut, responses=ERRORS)
def flows_api(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    step: Annotated[str | None, Query(max_length=200, description="A touchpoint of the map.")] = None,
    direction: Literal["from", "to"] = "from",
    depth: Annotated[int, Query(ge=1, le=10)] = 3,
    dataset: DatasetName = None,
) -> FlowsOut:
    """Where customers go after their first visit to a touchpoint (``from``), or how they come to it (``to``):
    the next (previous) touchpoints, the journey's end (start), and the events off the map."""
    access = workspace_access(request, ws)
    return for_api(
        request,
        response,
        access,
        flows_around,
        map_id,
        dataset=dataset,
        step=step,
        direction=direction,
        depth=depth,
    )


@router.get("/workspaces/{ws}/maps/{map_id}/rules", response_model=RulesView, responses=ERRORS)
def rules_api(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    within: Annotated[str | None, Query(max_length=20, examples=["7d"])] = None,
    dataset: DatasetName = None,
) -> RulesView:
    """The map's rules (starts with, must follow, must not skip, within ``within``) checked on its customers,
    each said as a sentence, with who broke it and its cost in drop-off and time."""
    access = workspace_access(request, ws)
    return for_api(request, response, access, rules_view, map_id, dataset=dataset, within=within or None)
