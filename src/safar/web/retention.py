"""The map's retention page (``/w/{ws}/maps/{id}/retention``): cohort retention, churn and churn risk of its bound
dataset, each count opening its customers (``…/retention/customers``) and the customers at risk exported; and the
JSON twins under ``/api/v1`` (the map's screen, a dataset's retention and churn). A thin adapter over
:mod:`safar.services.retention`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import pyarrow as pa
from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from starlette.requests import Request

from safar.i18n import translate
from safar.services import retention as service
from safar.services.exports import export_table
from safar.services.health import HealthOut, customer_health
from safar.services.retention import ChurnOut, CohortCustomersOut, RetentionOut, RetentionScreen
from safar.web.api import ERRORS, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import api_access, lang_of, screen_context, workspace_access
from safar.web.render import render
from safar.web.results import for_api, for_page

router = APIRouter()
API = "/api/v1/workspaces/{ws}"
Period = Literal["day", "week", "month", "quarter", "year"]
Start = Annotated[
    str | None,
    Query(max_length=200, description="A touchpoint id: cohorts from each customer's first visit there."),
]
Inactive = Annotated[
    Literal["30d", "60d", "90d", "180d", "365d"], Query(description="Churned after no event for this long.")
]
DatasetName = Annotated[str, Path(pattern=r"^[\w.-]{1,200}$")]
INACTIVE_CHOICES = (30, 60, 90, 180, 365)


@router.get("/w/{ws}/maps/{map_id}/retention", include_in_schema=False)
def retention_page(
    request: Request,
    ws: str,
    map_id: int,
    period: Period = "month",
    start: Start = None,
    inactive: Inactive = "90d",
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id, copy=False)  # read, not changed
    start = start or None
    computed = for_page(
        request, access, service.retention_screen, map_id, period=period, start=start, inactive=inactive
    )
    return render(
        request,
        "retention.html",
        {
            "ws": ws,
            "stored": stored,
            "computed": computed,
            "screen": computed.result,
            "period": period,
            "start": start,
            "inactive": inactive,
            "inactive_choices": INACTIVE_CHOICES,
        },
    )


@router.get("/w/{ws}/maps/{map_id}/retention/customers", include_in_schema=False)
def cohort_page(
    request: Request,
    ws: str,
    map_id: int,
    cohort: dt.date,
    k: Annotated[int, Query(ge=0, le=10_000)] = 0,
    period: Period = "month",
    start: Start = None,
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id, copy=False)
    found = service.cohort_customers(
        screen_context(request, access), map_id, cohort, k, period=period, start=start or None
    )
    return render(
        request,
        "retention_customers.html",
        {"ws": ws, "stored": stored, "found": found, "start": start or ""},
    )


@router.get("/w/{ws}/maps/{map_id}/retention/customers.csv", include_in_schema=False)
def cohort_export(
    request: Request,
    ws: str,
    map_id: int,
    cohort: dt.date,
    k: Annotated[int, Query(ge=0, le=10_000)] = 0,
    period: Period = "month",
    start: Start = None,
) -> Response:
    access = workspace_access(request, ws)
    lang = lang_of(request)
    found = service.cohort_customers(
        screen_context(request, access), map_id, cohort, k, period=period, start=start or None, limit=None
    )
    return _csv(
        pa.table({"customer_id": found.customers}), ["customer"], lang, f"cohort-{found.start}-{k}.csv"
    )


Band = Annotated[int, Query(ge=0, le=4, description="A health band: 0 (0–20 points) … 4 (80–100).")]


@router.get("/w/{ws}/maps/{map_id}/retention/health", include_in_schema=False)
def health_band_page(
    request: Request, ws: str, map_id: int, band: Band, inactive: Inactive = "90d"
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id, copy=False)
    found = service.health_band(screen_context(request, access), map_id, band, inactive=inactive)
    return render(
        request,
        "health_customers.html",
        {"ws": ws, "stored": stored, "h": found, "band": band, "inactive": inactive},
    )


@router.get("/w/{ws}/maps/{map_id}/retention/health.csv", include_in_schema=False)
def health_band_export(
    request: Request, ws: str, map_id: int, band: Band, inactive: Inactive = "90d"
) -> Response:
    access = workspace_access(request, ws)
    lang = lang_of(request)
    found = service.health_band(screen_context(request, access), map_id, band, inactive=inactive, limit=None)
    listed = found.lowest if found is not None else []
    weights = [c for c, w in (found.weights if found is not None else {}).items() if w]
    columns: dict[str, list[object]] = {
        "customer_id": [p.customer_id for p in listed],
        "score": [round(p.score, 1) for p in listed],
        "change": [None if p.change is None else round(p.change, 1) for p in listed],
    }
    for c in weights:
        columns[c] = [None if c not in p.components else round(p.components[c], 4) for p in listed]
    names = [
        translate("retention.customer", lang),
        translate("health.score", lang),
        translate("health.change", lang),
    ]
    names += [translate(f"health.component.{c}", lang) for c in weights]
    body = export_table(pa.table(columns), names, "csv", lang, sheet=f"health-{band}", about=[])
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="health-band-{band}.csv"'},
    )


@router.get("/w/{ws}/maps/{map_id}/retention/at-risk.csv", include_in_schema=False)
def at_risk_export(
    request: Request,
    ws: str,
    map_id: int,
    period: Period = "month",
    start: Start = None,
    inactive: Inactive = "90d",
) -> Response:
    access = workspace_access(request, ws)
    lang = lang_of(request)
    screen = for_page(
        request,
        access,
        service.retention_screen,
        map_id,
        period=period,
        start=start or None,
        inactive=inactive,
    )
    listed = (
        screen.result.churn.risk.customers
        if screen.result and screen.result.churn and screen.result.churn.risk
        else []
    )
    table = pa.table(
        {
            "customer_id": [c.customer_id for c in listed],
            "risk": [round(c.risk, 4) for c in listed],
            "last_event": [c.last_event for c in listed],
            "events": [c.events for c in listed],
            "reasons": ["; ".join(c.reasons) for c in listed],
        }
    )
    return _csv(
        table, ["customer", "risk_value", "last_event", "events", "reasons"], lang, "customers-at-risk.csv"
    )


def _csv(table: pa.Table, headers: list[str], lang: str, name: str) -> Response:
    """``table`` as a CSV download named ``name``, its columns headed in the reader's language
    (``retention.<header>``), formulas neutralised (safar.services.exports)."""
    named = [translate(f"retention.{h}", lang) for h in headers]
    body = export_table(table, named, "csv", lang, sheet=name.removesuffix(".csv"), about=[])
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# API ----------------------------------------------------------------------------------------------


@router.get(
    API + "/maps/{map_id}/retention", response_model=RetentionScreen, responses=ERRORS, tags=["retention"]
)
def retention_api(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    period: Period = "month",
    start: Start = None,
    inactive: Inactive = "90d",
) -> RetentionScreen:
    """The map's retention page: its bound dataset's cohort retention, churn and churn-risk model."""
    access = api_access(request, ws)
    return for_api(
        request,
        response,
        access,
        service.retention_screen,
        map_id,
        period=period,
        start=start or None,
        inactive=inactive,
    )


@router.get(
    API + "/maps/{map_id}/retention/customers",
    response_model=CohortCustomersOut,
    responses=ERRORS,
    tags=["retention"],
)
def cohort_api(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    cohort: dt.date,
    k: Annotated[int, Query(ge=0, le=10_000)] = 0,
    period: Period = "month",
    start: Start = None,
) -> CohortCustomersOut:
    """The customers of one cell of the map's cohort table (at most 1,000 ids; ``total`` counts all)."""
    ctx = screen_context(request, api_access(request, ws))
    return service.cohort_customers(ctx, map_id, cohort, k, period=period, start=start or None)


@router.get(
    API + "/datasets/{dataset}/retention", response_model=RetentionOut, responses=ERRORS, tags=["retention"]
)
def dataset_retention_api(
    request: Request,
    ws: WorkspaceSlug,
    dataset: DatasetName,
    period: Period = "month",
    start_activity: Annotated[str | None, Query(max_length=200)] = None,
    value: Annotated[
        str | None, Query(max_length=200, description="An event attribute holding money.")
    ] = None,
) -> RetentionOut:
    """A dataset's cohort retention (as ``safar analyze retention``)."""
    ctx = screen_context(request, api_access(request, ws))
    return service.retention(
        ctx, dataset, period=period, start_activity=start_activity or None, value=value or None
    )


@router.get(API + "/datasets/{dataset}/churn", response_model=ChurnOut, responses=ERRORS, tags=["retention"])
def dataset_churn_api(
    request: Request,
    ws: WorkspaceSlug,
    dataset: DatasetName,
    inactive: Annotated[str, Query(max_length=20, examples=["90d"])] = "90d",
    churn_event: Annotated[str | None, Query(max_length=200)] = None,
    horizon: Annotated[str | None, Query(max_length=20)] = None,
    risk: bool = False,
    top: Annotated[int, Query(ge=1, le=10_000)] = 50,
    period: Period = "month",
) -> ChurnOut:
    """A dataset's churn (as ``safar analyze churn``), with ``risk`` its churn-risk model."""
    ctx = screen_context(request, api_access(request, ws))
    return service.churn(
        ctx,
        dataset,
        inactive=inactive,
        churn_event=churn_event or None,
        horizon=horizon or None,
        risk=risk,
        top=top,
        period=period,
    )


@router.get(
    API + "/datasets/{dataset}/health", response_model=HealthOut, responses=ERRORS, tags=["retention"]
)
def dataset_health_api(
    request: Request,
    ws: WorkspaceSlug,
    dataset: DatasetName,
    window: Annotated[str, Query(max_length=20, examples=["90d"])] = "90d",
    trend: Annotated[str, Query(max_length=20, examples=["30d"])] = "30d",
    weights: Annotated[str | None, Query(max_length=300, examples=["recency=2,survey=1"])] = None,
    contacts: Annotated[str | None, Query(max_length=1000)] = None,
    segment_attr: Annotated[str | None, Query(max_length=200)] = None,
    lowest: Annotated[int, Query(ge=1, le=1000)] = 20,
    band: Annotated[int | None, Query(ge=0, le=4, description="List this band's customers.")] = None,
    value: Annotated[
        str | None,
        Query(
            max_length=200, description="With segment_attr: list this value's customers (empty: no value)."
        ),
    ] = None,
    account_attr: Annotated[
        str | None, Query(max_length=200, description="An attribute naming each customer's account.")
    ] = None,
) -> HealthOut:
    """Every customer's health in a dataset (as ``safar analyze health``): the distribution, its trend and the
    customers in the worst health — of one band or segment value when asked (its customers behind a count)."""
    ctx = screen_context(request, api_access(request, ws))
    return customer_health(
        ctx,
        dataset,
        window=window,
        trend=trend,
        weights=weights,
        contacts=contacts or None,
        segment=segment_attr or None,
        lowest=lowest,
        band=band,
        value=value,
        account=account_attr or None,
    )
