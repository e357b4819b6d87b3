"""Journey analytics through the JSON API: ``GET /api/v1/workspaces/{ws}/analyze/{kind}``, the twin of
``safar analyze KIND`` (and ``safar map bind``).

Each route reads the command's options as query parameters under the same names (``dataset``, ``map``,
``from``, ``to``, ``segment`` (repeatable), ``channel``, ``level``, ...; lists such as ``steps`` are
comma-separated as on the command line), calls the same function of :mod:`safar.services.analyze` and
answers its result: the document ``safar analyze KIND --json`` prints. The dataset must be the workspace's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request

from safar.context import Context
from safar.services import analyze
from safar.web.api import ERRORS
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import screen_context, workspace_access

router = APIRouter(prefix="/api/v1/workspaces/{ws}/analyze", tags=["analyze"])

MAX_ID = 2_147_483_647
Dataset = Annotated[str, Query(min_length=1, max_length=200, description="Dataset whose events to analyse.")]
MapOpt = Annotated[
    int | None,
    Query(alias="map", ge=1, le=MAX_ID, description="Journey map id (needed for touchpoint/stage levels)."),
]
NeedMap = Annotated[int, Query(alias="map", ge=1, le=MAX_ID, description="Journey map id.")]
MOMENT = (
    "ISO 8601 or Jalali, Latin or Persian digits (2023-08-05, 1402/05/14 10:30); without an offset, "
    "in the workspace's time zone"
)
From = Annotated[
    str | None,
    Query(
        alias="from", min_length=1, max_length=64, description=f"Only events at or after this time: {MOMENT}."
    ),
]
To = Annotated[
    str | None,
    Query(alias="to", min_length=1, max_length=64, description=f"Only events before this time: {MOMENT}."),
]
Segment = Annotated[
    list[str] | None, Query(max_length=20, description="ATTR=VAL: customers with this attribute.")
]
Channel = Annotated[
    str | None, Query(min_length=1, max_length=64, description="Only events in this channel.")
]
Level = Annotated[Literal["activity", "touchpoint", "stage"], Query()]
Steps = Annotated[str, Query(min_length=1, max_length=2000, description="Comma-separated steps, e.g. A,B,C.")]
Final = Annotated[
    str | None, Query(min_length=1, max_length=200, description="The step that means the journey is done.")
]
Duration = Annotated[str | None, Query(min_length=1, max_length=32, description="e.g. 30d, 12h.")]
Top = Annotated[int, Query(ge=0, le=10_000, description="How many to list (0 = all).")]

_A = TypeVar("_A", bound=analyze.Analysis)


def _scope(
    start: From = None, end: To = None, segment: Segment = None, channel: Channel = None
) -> analyze.Scope:
    """The events that count, from the query (``from``, ``to``, ``segment``, ``channel``), as the CLI's options."""
    return analyze.Scope(start=start, end=end, segment=segment or [], channel=channel)


InScope = Annotated[analyze.Scope, Depends(_scope)]


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _answer(request: Request, ws: str, dataset: str, compute: Callable[[Context], _A]) -> _A:
    access = workspace_access(request, ws)
    access.workspace.require_dataset(dataset)  # another workspace's data does not exist here
    return compute(screen_context(request, access))


@router.get("/funnel", response_model=analyze.Funnel, responses=ERRORS)
def funnel(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    steps: Steps,
    order: Annotated[Literal["sequential", "strict", "any"], Query()] = "sequential",
    window: Duration = None,
    level: Level = "activity",
    map_id: MapOpt = None,
) -> analyze.Funnel:
    """Customers reaching each step of a funnel (``safar analyze funnel``)."""
    return _answer(
        request,
        ws,
        dataset,
        lambda ctx: analyze.funnel(
            ctx, dataset, _split(steps), order=order, window=window, level=level, map_id=map_id, scope=scope
        ),
    )


@router.get("/paths", response_model=analyze.Paths, responses=ERRORS)
def paths(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    level: Level = "activity",
    top: Top = 10,
    sankey_depth: Annotated[int, Query(ge=1, le=50)] = 5,
    map_id: MapOpt = None,
) -> analyze.Paths:
    """Directly-follows graph, variants, start/end steps and Sankey data (``safar analyze paths``)."""
    return _answer(
        request,
        ws,
        dataset,
        lambda ctx: analyze.paths(
            ctx, dataset, level=level, top=top, sankey_depth=sankey_depth, map_id=map_id, scope=scope
        ),
    )


@router.get("/dropoff", response_model=analyze.Dropoff, responses=ERRORS)
def dropoff(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    level: Level = "activity",
    final: Final = None,
    map_id: MapOpt = None,
) -> analyze.Dropoff:
    """Where customers stop: their last step (``safar analyze dropoff``)."""
    return _answer(
        request,
        ws,
        dataset,
        lambda ctx: analyze.dropoff(ctx, dataset, level=level, final=final, map_id=map_id, scope=scope),
    )


@router.get("/timing", response_model=analyze.Timing, responses=ERRORS)
def timing(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    level: Level = "activity",
    final: Final = None,
    map_id: MapOpt = None,
) -> analyze.Timing:
    """Time between consecutive steps and time to convert, per channel (``safar analyze timing``)."""
    return _answer(
        request,
        ws,
        dataset,
        lambda ctx: analyze.timing(ctx, dataset, level=level, final=final, map_id=map_id, scope=scope),
    )


@router.get("/loops", response_model=analyze.Loops, responses=ERRORS)
def loops(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    level: Level = "activity",
    map_id: MapOpt = None,
) -> analyze.Loops:
    """Repeated steps per customer and channel ping-pong (``safar analyze loops``)."""
    return _answer(
        request, ws, dataset, lambda ctx: analyze.loops(ctx, dataset, level=level, map_id=map_id, scope=scope)
    )


@router.get("/channels", response_model=analyze.Channels, responses=ERRORS)
def channels(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    requests: Annotated[
        str, Query(alias="request", min_length=1, max_length=2000, description="Comma-separated requests.")
    ],
    responses: Annotated[
        str, Query(alias="response", min_length=1, max_length=2000, description="Comma-separated responses.")
    ],
    sla: Duration = None,
) -> analyze.Channels:
    """Response times and unanswered requests per channel (``safar analyze channels``)."""
    return _answer(
        request,
        ws,
        dataset,
        lambda ctx: analyze.channels(ctx, dataset, _split(requests), _split(responses), sla=sla, scope=scope),
    )


@router.get("/conformance", response_model=analyze.Conformance, responses=ERRORS)
def conformance(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    map_id: NeedMap,
) -> analyze.Conformance:
    """Share of customers following the map, and where they leave it (``safar analyze conformance``)."""
    return _answer(request, ws, dataset, lambda ctx: analyze.conformance(ctx, dataset, map_id, scope=scope))


@router.get("/rules", response_model=analyze.Rules, responses=ERRORS)
def rules(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    map_id: NeedMap,
    within: Annotated[str | None, Query(max_length=20, examples=["7d"])] = None,
) -> analyze.Rules:
    """The map's rules, each with who broke it and its cost in drop-off and time (``safar analyze rules``)."""
    return _answer(
        request, ws, dataset, lambda ctx: analyze.rules(ctx, dataset, map_id, within=within, scope=scope)
    )


@router.get("/summary", response_model=analyze.Summary, responses=ERRORS)
def summary(
    request: Request,
    ws: WorkspaceSlug,
    scope: InScope,
    dataset: Dataset,
    map_id: NeedMap,
) -> analyze.Summary:
    """Per touchpoint volume, customers, conversion, drop-off and time (``safar analyze summary``)."""
    return _answer(request, ws, dataset, lambda ctx: analyze.summary(ctx, dataset, map_id, scope=scope))


@router.get("/bind", response_model=analyze.Binding, responses=ERRORS)
def bind(
    request: Request, ws: WorkspaceSlug, dataset: Dataset, map_id: NeedMap, top: Top = 10
) -> analyze.Binding:
    """How the map's binding rules cover the dataset (``safar map bind``)."""
    return _answer(request, ws, dataset, lambda ctx: analyze.binding(ctx, dataset, map_id, top=top))
