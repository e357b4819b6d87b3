"""The cases pages (``/w/{ws}/cases``: a department's queue, the late ones, the rules and who is told by
e-mail; ``/w/{ws}/cases/{id}``: one case worked through its lifecycle) and their JSON twins under ``/api/v1``.
Every figure and every change comes from :mod:`safar.services.cases`; viewers read, editors work cases."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Annotated, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Role
from safar.cases.lifecycle import PRIORITIES, STATUSES, sla_of
from safar.errors import InputError
from safar.events.dates import read_day
from safar.i18n.numbers import format_datetime
from safar.services import cases as service
from safar.services import notifications
from safar.services.case_sweep import SweepOut, sweep
from safar.services.cases import CaseOut, QueueOut, RuleOut
from safar.web.api import ERRORS, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import api_access, lang_of, screen_context, workspace_access
from safar.web.forms import editor_form
from safar.web.render import render
from safar.web.threads import run_long

router = APIRouter()
PAGE = 50
MAX_ID = 2_147_483_647
CaseId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _stamp(lang: str):  # type: ignore[no-untyped-def]
    return lambda text: format_datetime(datetime.fromisoformat(text), lang) if text else "—"


def _since(text: str) -> datetime | None:
    if not text.strip():
        return None
    return datetime.combine(read_day(text.strip(), option="since"), time(), tzinfo=UTC)


@router.get("/w/{ws}/cases", include_in_schema=False)
def cases_page(
    request: Request,
    ws: str,
    department: str | None = None,
    status: str | None = None,
    late: bool = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    lang = lang_of(request)
    found = service.queue(
        ctx,
        department=department if department is not None and department != "" else None,
        status=status or None,
        late=late,
        offset=(page - 1) * PAGE,
        limit=PAGE,
    )
    maps = [m for m in access.workspace.list_maps()]
    touchpoints = {m.id: list(access.workspace.get_map(m.id).document.touchpoints()) for m in maps}
    return render(
        request,
        "cases.html",
        {
            "ws": ws,
            "queue": found,
            "rules": service.rules(ctx),
            "addresses": notifications.addresses(ctx) if access.role.can_edit else [],
            "outbox": notifications.outbox(ctx, limit=20) if access.role.can_edit else [],
            "maps": maps,
            "touchpoints": touchpoints,
            "statuses": STATUSES,
            "priorities": PRIORITIES,
            "filters": {"department": department, "status": status or "", "late": late},
            "page": page,
            "pages": max(1, -(-found.total // PAGE)),
            "stamp": _stamp(lang),
            "can_edit": access.role.can_edit,
            "export": f"/w/{quote(ws)}/cases/export.csv?"
            + urlencode(
                {k: v for k, v in (("department", department or ""), ("status", status or "")) if v}
                | ({"late": "true"} if late else {})
            ),
        },
    )


@router.get("/w/{ws}/cases/export.csv", include_in_schema=False)
def cases_export(
    request: Request, ws: str, department: str | None = None, status: str | None = None, late: bool = False
) -> Response:
    access = workspace_access(request, ws)
    body = service.export_csv(
        screen_context(request, access), department=department or None, status=status or None, late=late
    )
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="cases-{ws}.csv"'},
    )


@router.get("/w/{ws}/cases/{case_id}", include_in_schema=False)
def case_page(request: Request, ws: str, case_id: CaseId) -> Response:
    from safar.surveys import Surveys

    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    case = service.case_screen(ctx, case_id)
    surveys = [s for s in Surveys(access.workspace).list(case.map_id) if s.is_open]
    from safar.services.portfolio import map_members

    return render(
        request,
        "case.html",
        {
            "ws": ws,
            "case": case,
            "surveys": surveys,
            "members": map_members(ctx),
            "priorities": PRIORITIES,
            "stamp": _stamp(lang_of(request)),
            "can_edit": access.role.can_edit,
        },
    )


def _to_case(ws: str, case_id: int) -> RedirectResponse:
    return RedirectResponse(f"/w/{quote(ws)}/cases/{case_id}", status_code=303)


def _to_cases(ws: str, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/w/{quote(ws)}/cases{anchor}", status_code=303)


@router.post("/w/{ws}/cases/{case_id}/status", include_in_schema=False)
async def status_form(request: Request, ws: str, case_id: CaseId) -> Response:
    form, access = await editor_form(request, ws)
    ctx = screen_context(request, access)
    await run_long(
        service.move,
        ctx,
        case_id,
        form.get("status", ""),
        actor=access.user.username,
        via="web",
        note=form.get("note") or None,
    )
    return _to_case(ws, case_id)


@router.post("/w/{ws}/cases/{case_id}/assign", include_in_schema=False)
async def assign_form(request: Request, ws: str, case_id: CaseId) -> Response:
    form, access = await editor_form(request, ws)
    ctx = screen_context(request, access)
    await run_long(
        service.assign, ctx, case_id, form.get("assignee") or None, actor=access.user.username, via="web"
    )
    return _to_case(ws, case_id)


@router.post("/w/{ws}/cases/{case_id}/priority", include_in_schema=False)
async def priority_form(request: Request, ws: str, case_id: CaseId) -> Response:
    form, access = await editor_form(request, ws)
    ctx = screen_context(request, access)
    await run_long(
        service.set_priority, ctx, case_id, form.get("priority", ""), actor=access.user.username, via="web"
    )
    return _to_case(ws, case_id)


@router.post("/w/{ws}/cases/{case_id}/note", include_in_schema=False)
async def note_form(request: Request, ws: str, case_id: CaseId) -> Response:
    form, access = await editor_form(request, ws)
    ctx = screen_context(request, access)
    await run_long(
        service.add_note, ctx, case_id, form.get("text", ""), actor=access.user.username, via="web"
    )
    return _to_case(ws, case_id)


@router.post("/w/{ws}/cases/{case_id}/follow-up", include_in_schema=False)
async def follow_up_form(request: Request, ws: str, case_id: CaseId) -> Response:
    form, access = await editor_form(request, ws)
    ctx = screen_context(request, access)
    survey = form.get("survey", "")
    if not survey.isdecimal():
        raise InputError("case.bad_survey", value=survey[:20])
    await run_long(service.follow_up, ctx, case_id, int(survey), actor=access.user.username, via="web")
    return _to_case(ws, case_id)


@router.post("/w/{ws}/cases/rules", include_in_schema=False)
async def add_rule_form(request: Request, ws: str) -> Response:
    form, access = await editor_form(request, ws)
    ctx = screen_context(request, access)
    map_id = form.get("map", "")
    if not map_id.isdecimal():
        raise InputError("case.bad_map", value=map_id[:20])
    await run_long(
        service.add_rule,
        ctx,
        int(map_id),
        form.get("condition", ""),
        touchpoint=form.get("touchpoint") or None,
        department=form.get("department") or None,
        priority=form.get("priority") or "normal",
        sla=sla_of(form.get("sla") or "48h"),
        since=_since(form.get("since", "")),
        actor=access.user.username,
    )
    await run_long(sweep, ctx, via="web")
    return _to_cases(ws, "#rules")


@router.post("/w/{ws}/cases/rules/{rule_id}/remove", include_in_schema=False)
async def remove_rule_form(request: Request, ws: str, rule_id: CaseId) -> Response:
    _, access = await editor_form(request, ws)
    await run_long(service.remove_rule, screen_context(request, access), rule_id)
    return _to_cases(ws, "#rules")


@router.post("/w/{ws}/cases/sweep", include_in_schema=False)
async def sweep_form(request: Request, ws: str) -> Response:
    _, access = await editor_form(request, ws)
    await run_long(sweep, screen_context(request, access), via="web")
    return _to_cases(ws)


@router.post("/w/{ws}/cases/mail", include_in_schema=False)
async def add_address_form(request: Request, ws: str) -> Response:
    form, access = await editor_form(request, ws)
    await run_long(
        notifications.add_address,
        screen_context(request, access),
        form.get("department", ""),
        form.get("address", ""),
        form.get("lang", "fa"),
    )
    return _to_cases(ws, "#mail")


@router.post("/w/{ws}/cases/mail/{address_id}/remove", include_in_schema=False)
async def remove_address_form(request: Request, ws: str, address_id: CaseId) -> Response:
    _, access = await editor_form(request, ws)
    await run_long(notifications.remove_address, screen_context(request, access), address_id)
    return _to_cases(ws, "#mail")


# API ----------------------------------------------------------------------------------------------

API = "/api/v1/workspaces/{ws}"


class StatusIn(BaseModel):
    status: Literal["new", "in_progress", "resolved", "closed", "reopened"]
    note: str | None = Field(default=None, max_length=service.MAX_NOTE)


class AssignIn(BaseModel):
    assignee: str | None = Field(default=None, max_length=100)


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=service.MAX_NOTE)


class FollowUpIn(BaseModel):
    survey_id: int = Field(ge=1, le=MAX_ID)


class RuleIn(BaseModel):
    map_id: int = Field(ge=1, le=MAX_ID)
    condition: str = Field(min_length=1, max_length=64, examples=["nps<=6", "csat<=2", "negative", "alert"])
    touchpoint: str | None = Field(default=None, max_length=64)
    department: str | None = Field(default=None, max_length=200)
    priority: Literal["low", "normal", "high", "urgent"] = "normal"
    sla: str = Field(default="48h", max_length=16, examples=["48h", "2d", "90m"])
    since: datetime | None = None


@router.get(API + "/cases", response_model=QueueOut, responses=ERRORS, tags=["cases"])
def cases_api(
    request: Request,
    ws: WorkspaceSlug,
    department: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[Literal["new", "in_progress", "resolved", "closed", "reopened"] | None, Query()] = None,
    late: bool = False,
    map_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> QueueOut:
    access = api_access(request, ws)
    return service.queue(
        screen_context(request, access),
        department=department,
        status=status,
        late=late,
        map_id=map_id,
        offset=offset,
        limit=limit,
    )


@router.get(API + "/cases/{case_id}", response_model=CaseOut, responses=ERRORS, tags=["cases"])
def case_api(request: Request, ws: WorkspaceSlug, case_id: CaseId) -> CaseOut:
    access = api_access(request, ws)
    return service.case_screen(screen_context(request, access), case_id)


@router.post(API + "/cases/{case_id}/status", response_model=CaseOut, responses=ERRORS, tags=["cases"])
def status_api(request: Request, ws: WorkspaceSlug, case_id: CaseId, body: StatusIn) -> CaseOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.move(
        screen_context(request, access),
        case_id,
        body.status,
        actor=access.user.username,
        via="api",
        note=body.note,
    )


@router.post(API + "/cases/{case_id}/assign", response_model=CaseOut, responses=ERRORS, tags=["cases"])
def assign_api(request: Request, ws: WorkspaceSlug, case_id: CaseId, body: AssignIn) -> CaseOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.assign(
        screen_context(request, access), case_id, body.assignee, actor=access.user.username, via="api"
    )


@router.post(API + "/cases/{case_id}/notes", response_model=CaseOut, responses=ERRORS, tags=["cases"])
def note_api(request: Request, ws: WorkspaceSlug, case_id: CaseId, body: NoteIn) -> CaseOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.add_note(
        screen_context(request, access), case_id, body.text, actor=access.user.username, via="api"
    )


@router.post(API + "/cases/{case_id}/follow-up", response_model=CaseOut, responses=ERRORS, tags=["cases"])
def follow_up_api(request: Request, ws: WorkspaceSlug, case_id: CaseId, body: FollowUpIn) -> CaseOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.follow_up(
        screen_context(request, access), case_id, body.survey_id, actor=access.user.username, via="api"
    )


@router.post(API + "/cases/sweep", response_model=SweepOut, responses=ERRORS, tags=["cases"])
def sweep_api(request: Request, ws: WorkspaceSlug) -> SweepOut:
    access = api_access(request, ws, Role.EDITOR)
    return sweep(screen_context(request, access), via="api")


@router.get(API + "/case-rules", response_model=list[RuleOut], responses=ERRORS, tags=["cases"])
def rules_api(request: Request, ws: WorkspaceSlug) -> list[RuleOut]:
    access = api_access(request, ws)
    return service.rules(screen_context(request, access))


@router.post(API + "/case-rules", response_model=RuleOut, status_code=201, responses=ERRORS, tags=["cases"])
def add_rule_api(request: Request, ws: WorkspaceSlug, body: RuleIn) -> RuleOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.add_rule(
        screen_context(request, access),
        body.map_id,
        body.condition,
        touchpoint=body.touchpoint,
        department=body.department,
        priority=body.priority,
        sla=sla_of(body.sla),
        since=body.since.astimezone(UTC)
        if body.since and body.since.tzinfo
        else (body.since.replace(tzinfo=UTC) if body.since else None),
        actor=access.user.username,
    )


@router.delete(API + "/case-rules/{rule_id}", response_model=RuleOut, responses=ERRORS, tags=["cases"])
def remove_rule_api(request: Request, ws: WorkspaceSlug, rule_id: MapId) -> RuleOut:
    access = api_access(request, ws, Role.EDITOR)
    return service.remove_rule(screen_context(request, access), rule_id)
