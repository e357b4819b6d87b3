"""The key-metrics page of a map and its JSON API: measured values against targets, trends, snapshots.

Page: ``/w/{ws}/maps/{id}/kpis`` (viewers read; editors choose what each metric measures and take a
snapshot). API under ``/api/v1``: ``…/kpis`` (now, or ``?revision=N`` as snapshotted), ``…/kpis/targets``,
``…/kpis/history``, ``POST …/kpis/snapshots`` and ``PUT …/kpis/measure``. Touchpoints and stages are
shown by their names in the map's language, never by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import ValidationError
from safar.i18n import format_day, translate
from safar.i18n.message import Message
from safar.kpis import bound_metrics, metrics_history, snapshot, targets
from safar.kpis.edit import ROLE_FIELDS, set_contact_roles, set_measure
from safar.model import JourneyMap
from safar.model.journey import MeasureKind
from safar.render.kpis import format_change, format_number, format_value, sparkline
from safar.services.customers import CustomerFilter
from safar.services.kpis import KeyMetric, KeyMetrics, MeasureOut, key_metrics
from safar.services.kpis import TrendPoint as TrendPointOut
from safar.web.api import ERRORS, MAX_ID, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import EDITOR_FIRST, WorkspaceAccess, lang_of, screen_context, workspace_access
from safar.web.customers import query_of
from safar.web.forms import refuse_nul_in_form
from safar.web.render import render
from safar.web.results import for_api, for_page
from safar.web.security import check_csrf
from safar.web.threads import run_long

router = APIRouter()
Period = Literal["day", "week", "month", "quarter", "year"]


@dataclass(frozen=True)
class Point:
    """One period of a metric's trend as the page lists it, under its sparkline."""

    label: str
    shown: str
    n: str
    who_n: str = ""
    who_value: str = ""


@dataclass(frozen=True)
class Row:
    """One metric as the page shows it, every number already in the user's digits."""

    value: KeyMetric
    shown: str
    target: str
    gap: str
    n: str
    interval: str
    reason: str
    spark: str
    place: str  # where the metric sits: its touchpoint's name, or the whole map
    measured: str  # what it measures, with the touchpoint's or stage's name when not its own
    where: str  # the scope the form shows chosen: "", "touchpoint:ID" or "stage:ID"
    who_n: str = ""  # the customers counted in n, when they are customers: the drill-down's address
    who_value: str = ""  # the customers a conversion or drop-off counts
    points: tuple[Point, ...] = ()  # the trend's periods, each with its customers when they are customers


def _names(journey: JourneyMap) -> dict[str, dict[str, str]]:
    """Touchpoint and stage ids → their names in the map's language."""
    return {
        "touchpoint": {t.id: t.name for t in journey.touchpoints()},
        "stage": {s.id: s.name for s in journey.stages},
    }


def _measured(v: KeyMetric, names: dict[str, dict[str, str]], lang: str) -> tuple[str, str]:
    """(what the metric measures, in words with names; the form's chosen scope)."""
    if not v.measure:
        return "—", ""
    kind = translate(f"kpis.kind.{v.measure.kind}", lang)
    stage, tp = v.measure.stage, v.measure.touchpoint
    if stage:
        return f"{kind} · {names['stage'].get(stage, stage)}", f"stage:{stage}"
    if tp and tp != v.touchpoint:
        return f"{kind} · {names['touchpoint'].get(tp, tp)}", f"touchpoint:{tp}"
    if v.touchpoint is None:
        return f"{kind} · {translate('kpis.web.map_level', lang)}", ""
    return kind, ""


def _who(base: str, chosen: CustomerFilter | None) -> str:
    return f"{base}/customers?{query_of(chosen)}" if chosen is not None else ""


def _rows(values: list[KeyMetric], journey: JourneyMap, lang: str, base: str = "") -> list[Row]:
    """The page's rows; ``base`` is the address of the map whose data is measured (its drill-down)."""
    names = _names(journey)
    out = []
    for v in values:
        measured, where = _measured(v, names, lang)
        interval = ""
        if v.low is not None and v.high is not None:
            low, high = format_number(v.low, lang), format_number(v.high, lang)
            interval = translate("kpis.web.interval", lang, low=low, high=high)
        points = [p.value for p in v.trend if p.value is not None]
        label = " · ".join(
            f"{p.label or format_day(str(p.period), lang)}: {format_number(p.value, lang)}" for p in v.trend
        )
        out.append(
            Row(
                v,
                format_value(v.value, v.unit, lang),
                format_value(v.target, v.unit, lang),
                format_number(v.gap, lang),
                format_number(v.n, lang),
                interval,
                v.reason_text,
                sparkline(points, label=label),
                names["touchpoint"].get(v.touchpoint, v.touchpoint) if v.touchpoint else "—",
                measured,
                where,
                _who(base, v.n_customers),
                _who(base, v.value_customers),
                tuple(
                    Point(
                        p.label or format_day(str(p.period), lang),
                        format_value(p.value, v.unit, lang),
                        format_number(p.n, lang),
                        _who(base, p.n_customers),
                        _who(base, p.value_customers),
                    )
                    for p in v.trend
                    if p.period
                ),
            )
        )
    return out


@router.get("/w/{ws}/maps/{map_id}/kpis", include_in_schema=False)
def kpis_page(request: Request, ws: str, map_id: int, period: str = "month") -> Response:
    access = workspace_access(request, ws)
    lang = lang_of(request)
    stored = access.workspace.get_map(map_id, copy=False)  # read, not changed
    computed = for_page(request, access, key_metrics, map_id, period=period)
    report = computed.result
    if report is None:  # its first computation is still running: the page shows it when ready
        return render(request, "computing.html", {"ws": ws, "stored": stored, "computed": computed})
    history = metrics_history(access.workspace, map_id, lang=lang)
    names = _names(stored.document)
    for revision in history["revisions"]:
        for shot in revision["snapshots"]:
            shot["computed_at_dt"] = datetime.fromisoformat(shot["computed_at"])
            for m in shot["metrics"]:
                m["shown"] = format_value(m.get("value"), m.get("unit") or "", lang)
                m["moved"] = format_change(m.get("change"), lang)
                tp = m.get("touchpoint")
                m["place"] = names["touchpoint"].get(tp, tp) if tp else "—"

    return render(
        request,
        "kpis.html",
        {
            "ws": ws,
            "stored": stored,
            "report": report,
            "rows": _rows(report.metrics, stored.document, lang, f"/w/{quote(ws)}/maps/{report.data_map}"),
            "history": [r for r in history["revisions"] if r["snapshots"]],
            "can_edit": access.role.can_edit,
            "period": period,
            "kinds": [k.value for k in MeasureKind],
            "computed": computed,
        },
    )


@router.post("/w/{ws}/maps/{map_id}/kpis/measure", include_in_schema=False)
async def measure_page(request: Request, ws: str, map_id: int) -> Response:
    """The form of one metric: what it measures (kind) and where (a touchpoint or stage, by name)."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or "") or None)
    await refuse_nul_in_form(request, form)
    access = workspace_access(request, ws, Role.EDITOR)
    key, kind = str(form.get("key") or ""), str(form.get("kind") or "")
    await run_long(  # measured on the warehouse before it is saved
        _save_measure,
        access,
        map_id,
        key,
        kind,
        str(form.get("where") or ""),
        _revision(form.get("base_revision")),
    )
    return RedirectResponse(f"/w/{quote(ws)}/maps/{map_id}/kpis", status_code=303)


def _revision(value: object) -> int:
    text = str(value or "").strip()
    if not text.isdecimal() or not 1 <= int(text) <= MAX_ID:
        raise ValidationError("kpis.bad_revision", field="base_revision", value=text)
    return int(text)


def _save_measure(
    access: WorkspaceAccess, map_id: int, key: str, kind: str, where: str, base_revision: int
) -> dict[str, Any]:
    journey = access.workspace.get_map(map_id, base_revision).document
    code = "kpis.measure_saved" if kind.strip() else "kpis.measure_cleared"
    name = next((b.metric.name for b in bound_metrics(journey) if b.key == key), key)
    result = set_measure(
        access.workspace,
        map_id,
        key,
        kind=kind,
        where=where,
        base_revision=base_revision,
        author=access.user.username,
        message=Message(code, {"metric": name, "kind": kind.strip()}),  # read in each reader's language
    )
    return result.to_dict()


@router.post("/w/{ws}/maps/{map_id}/kpis/contact-roles", include_in_schema=False)
async def contact_roles_page(request: Request, ws: str, map_id: int) -> Response:
    """The form of the map's contact-centre roles: which activities enter the queue, answer, abandon, end and
    reopen a contact, the columns and the thresholds; all empty removes them."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or "") or None)
    await refuse_nul_in_form(request, form)
    access = workspace_access(request, ws, Role.EDITOR)
    given = {name: str(form.get(name) or "") for name in ROLE_FIELDS}
    await run_long(
        set_contact_roles,
        access.workspace,
        map_id,
        given,
        base_revision=_revision(form.get("base_revision")),
        author=access.user.username,
    )
    return RedirectResponse(f"/w/{quote(ws)}/maps/{map_id}/kpis#contact-roles", status_code=303)


@router.post("/w/{ws}/maps/{map_id}/kpis/snapshot", include_in_schema=False)
async def snapshot_page(request: Request, ws: str, map_id: int) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or "") or None)
    await refuse_nul_in_form(request, form)
    access = workspace_access(request, ws, Role.EDITOR)
    await run_long(snapshot, access.workspace, map_id, author=access.user.username)  # every metric
    return RedirectResponse(f"/w/{quote(ws)}/maps/{map_id}/kpis#history", status_code=303)


# JSON API -------------------------------------------------------------------------------------------


class MeasureIn(BaseModel):
    """What the metric ``key`` measures: a ``kind`` (empty: not measured) at most at one ``touchpoint`` or
    ``stage`` (ids of the map); saved on top of ``base_revision``."""

    key: str = Field(max_length=2000)
    kind: str = Field(default="", max_length=100)
    touchpoint: str | None = Field(default=None, max_length=200)
    stage: str | None = Field(default=None, max_length=200)
    base_revision: int = Field(ge=1, le=MAX_ID)


class ContactRolesIn(BaseModel):
    """The map's contact-centre roles (docs/kpis.md): activities comma-separated, columns, thresholds such as
    ``20s``; every field empty removes them. Saved on top of ``base_revision``."""

    enter: str = Field(default="", max_length=2000, description="Activities of entering the queue.")
    answer: str = Field(default="", max_length=2000, description="Activities of the answer.")
    abandon: str = Field(default="", max_length=2000)
    end: str = Field(default="", max_length=2000)
    reopen: str = Field(default="", max_length=2000)
    contact_col: str = Field(default="", max_length=200)
    queue_col: str = Field(default="", max_length=200)
    agent_col: str = Field(default="", max_length=200)
    sla: str = Field(default="", max_length=20)
    short_abandon: str = Field(default="", max_length=20)
    repeat_within: str = Field(default="", max_length=20)
    base_revision: int = Field(ge=1, le=MAX_ID)


class MeasureSavedOut(BaseModel):
    map_id: int
    revision: int
    created: bool


class MetricOut(BaseModel):
    key: str
    metric: str
    touchpoint: str | None
    unit: str
    measure: MeasureOut | None
    target: float | None
    higher_is_better: bool
    value: float | None
    n: int
    low: float | None = None
    high: float | None = None
    met: bool | None = None
    gap: float | None = None
    reason: str | None = None


class KpiOut(MetricOut):
    small_n: bool | None = None
    trend: list[TrendPointOut] = []


class KpiReportOut(BaseModel):
    map: int
    revision: int
    data_map: int
    dataset: str | None
    period: str | None
    computed_at: str
    metrics: list[KpiOut]


class SnapshotMetricOut(MetricOut):
    change: float | None = None


class SnapshotBriefOut(BaseModel):
    id: int
    revision: int
    computed_at: str


class SnapshotOut(SnapshotBriefOut):
    map: int
    author: str
    data_map: int
    dataset: str | None
    metrics: list[SnapshotMetricOut]


class TargetOut(BaseModel):
    metric: str
    key: str
    touchpoint: str | None
    unit: str
    measure: MeasureOut | None
    target: float | None
    higher_is_better: bool
    current: float | None
    n: int
    low: float | None = None
    high: float | None = None
    small_n: bool | None = None
    met: bool | None = None
    gap: float | None = None
    reason: str | None = None
    trend: list[TrendPointOut]
    snapshots: list[dict[str, Any]]


class TargetsOut(BaseModel):
    map: int
    revision: int
    based_on: int | None
    dataset: str | None
    period: str | None
    computed_at: str
    targets: list[TargetOut]


class HistorySnapshotOut(SnapshotOut):
    previous: SnapshotBriefOut | None = None


class HistoryRevisionOut(BaseModel):
    map_id: int
    revision: int
    author: str
    message: str
    message_key: str
    message_values: dict[str, Any]
    created_at: str
    digest: str
    snapshots: list[dict[str, Any]]


class HistoryOut(BaseModel):
    map: int
    revisions: list[HistoryRevisionOut]


API = "/api/v1/workspaces/{ws}/maps/{map_id}/kpis"


def _access(request: Request, ws: str, needed: Role = Role.VIEWER) -> WorkspaceAccess:
    access = workspace_access(request, ws, needed)
    if request.method != "GET" and not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return access


@router.get(API, response_model=KeyMetrics, responses=ERRORS, tags=["kpis"])
def api_kpis(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    revision: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    period: Period = "month",
) -> KeyMetrics:
    """Key metrics measured now (each with its trend per ``period``), or as snapshotted at ``revision``,
    with the change since the latest snapshot (the KPI page's figures)."""
    access = _access(request, ws)
    return for_api(request, response, access, key_metrics, map_id, revision=revision, period=period)


@router.get(API + "/targets", response_model=TargetsOut, responses=ERRORS, tags=["kpis"])
def api_targets(
    request: Request, ws: WorkspaceSlug, map_id: MapId, period: Period = "month"
) -> dict[str, Any]:
    """Target metrics against today's measured values, with the gap, the trend (periods of the reader's
    calendar) and the snapshots."""
    access = _access(request, ws)
    calendar = screen_context(request, access).calendar
    return targets(access.workspace, map_id, period=period, calendar=calendar).to_dict()


@router.get(API + "/history", response_model=HistoryOut, responses=ERRORS, tags=["kpis"])
def api_history(request: Request, ws: WorkspaceSlug, map_id: MapId) -> dict[str, Any]:
    """Every revision with its snapshots and each metric's change since the previous snapshot."""
    return metrics_history(_access(request, ws).workspace, map_id, lang=lang_of(request))


@router.post(API + "/snapshots", response_model=SnapshotOut, status_code=201, responses=ERRORS, tags=["kpis"])
def api_snapshot(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    revision: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> dict[str, Any]:
    """Measure the bound metrics of ``revision`` (default: the latest) now and keep them."""
    access = _access(request, ws, Role.EDITOR)
    return snapshot(access.workspace, map_id, revision, author=access.user.username).to_dict()


@router.put(
    API + "/measure",
    response_model=MeasureSavedOut,
    responses=ERRORS,
    tags=["kpis"],
    dependencies=[EDITOR_FIRST],
)
def api_measure(request: Request, ws: WorkspaceSlug, map_id: MapId, body: MeasureIn) -> dict[str, Any]:
    """Choose what the metric ``key`` measures; saves a new revision of the map (editors)."""
    access = _access(request, ws, Role.EDITOR)
    if body.touchpoint and body.stage:
        where = f"touchpoint:{body.touchpoint} stage:{body.stage}"
        raise ValidationError("kpis.bad_where", field="stage", value=where)
    where = (
        f"touchpoint:{body.touchpoint}" if body.touchpoint else f"stage:{body.stage}" if body.stage else ""
    )
    return _save_measure(access, map_id, body.key, body.kind, where, body.base_revision)


@router.put(
    API + "/contact-roles",
    response_model=MeasureSavedOut,
    responses=ERRORS,
    tags=["kpis"],
    dependencies=[EDITOR_FIRST],
)
def api_contact_roles(
    request: Request, ws: WorkspaceSlug, map_id: MapId, body: ContactRolesIn
) -> dict[str, Any]:
    """Set the map's contact-centre roles, which its contact-centre metrics read; saves a new revision (editors)."""
    access = _access(request, ws, Role.EDITOR)
    given = body.model_dump(exclude={"base_revision"})
    saved = set_contact_roles(
        access.workspace, map_id, given, base_revision=body.base_revision, author=access.user.username
    )
    return saved.to_dict()
