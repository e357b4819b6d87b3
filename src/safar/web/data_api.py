"""The JSON API of what the map's data pages show: the overlay, the journeys view and the personas."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from starlette.requests import Request

from safar.journeys import journeys_view
from safar.overlay import map_overlay
from safar.web.api import ERRORS, MapId
from safar.web.context import workspace_access

router = APIRouter(prefix="/api/v1", tags=["data"])
WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]
DatasetName = Annotated[str | None, Query(pattern=r"^[\w.-]{1,200}$")]


class OverlayOut(BaseModel):
    dataset: str | None
    customers: int
    unbound_events: int
    touchpoints: dict[str, dict[str, Any]]


@router.get("/workspaces/{ws}/maps/{map_id}/overlay", response_model=OverlayOut, responses=ERRORS)
def overlay(
    request: Request, ws: WorkspaceSlug, map_id: MapId, dataset: DatasetName = None
) -> dict[str, Any]:
    """Per touchpoint: customers, events, going on, drop-off and median time (the canvas's data lanes)."""
    access = workspace_access(request, ws)
    found = map_overlay(access.workspace, access.workspace.get_map(map_id).document, dataset)
    if found is None:
        return {"dataset": None, "customers": 0, "unbound_events": 0, "touchpoints": {}}
    return {
        "dataset": found.dataset,
        "customers": found.customers,
        "unbound_events": found.unbound_events,
        "touchpoints": found.touchpoints,
    }


class JourneysOut(BaseModel):
    dataset: str | None
    level: str
    funnel: list[dict[str, Any]]
    dropoff: list[dict[str, Any]]
    completed: int
    unobserved: int
    variants: list[dict[str, Any]]
    n_variants: int
    labels: dict[str, str]


@router.get("/workspaces/{ws}/maps/{map_id}/journeys", response_model=JourneysOut, responses=ERRORS)
def journeys(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: DatasetName = None,
    level: Annotated[Literal["stage", "touchpoint"], Query()] = "stage",
) -> dict[str, Any]:
    """The stage funnel, where customers stop and the most common journeys (the journeys page)."""
    access = workspace_access(request, ws)
    view = journeys_view(access.workspace, access.workspace.get_map(map_id).document, dataset, level=level)
    if view is None:
        return {
            "dataset": None,
            "level": level,
            "funnel": [],
            "dropoff": [],
            "completed": 0,
            "unobserved": 0,
            "variants": [],
            "n_variants": 0,
            "labels": {},
        }
    return {
        "dataset": view.dataset,
        "level": view.level,
        "funnel": view.funnel,
        "dropoff": view.dropoff,
        "completed": view.completed,
        "unobserved": view.unobserved,
        "variants": view.variants,
        "n_variants": view.n_variants,
        "labels": view.labels,
    }


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
