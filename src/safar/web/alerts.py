"""The alerts feed page (``/w/{ws}/alerts``) and its JSON API: parse, call :mod:`safar.alerts`, render.

Everyone in the workspace sees the feed, the rules and the webhooks; editors add and remove rules, set
webhooks, acknowledge alerts and run the check.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Role
from safar.alerts import Alerts, RuleKind, TargetKind
from safar.alerts.rules import WAIT_PARAMS, bad_param
from safar.services.alerts import AlertOut, RuleOut, alert_feed, alert_rules, alerts_screen, rules_out
from safar.services.kb_surges import check_surges
from safar.web.api import ERRORS, MapId
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import EDITOR_FIRST, WorkspaceAccess, screen_context, workspace_access
from safar.web.forms import refuse_nul_in_form
from safar.web.render import render
from safar.web.security import check_csrf
from safar.web.threads import run_long

router = APIRouter()
PARAMS = (
    "metric", "to", "dataset", "min_n", "alpha", "min_effect", "window", "baseline", "within", "guard", *WAIT_PARAMS,
)  # fmt: skip


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or "") or None)
    await refuse_nul_in_form(request, form)
    return {k: str(v).strip() for k, v in form.items() if isinstance(v, str)}


def _back(ws: str) -> RedirectResponse:
    return RedirectResponse(f"/w/{quote(ws)}/alerts", status_code=303)


def _number(text: str | None, kind: type, name: str = "value") -> Any:
    """Form numbers: empty means the default; one that is not a number is refused here, naming it."""
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        raise bad_param(name, text) from None


@router.get("/w/{ws}/alerts", include_in_schema=False)
def alerts_page(request: Request, ws: str) -> Response:
    access = workspace_access(request, ws)
    screen = alerts_screen(screen_context(request, access), reveal_urls=access.role.can_edit)
    return render(
        request,
        "alerts.html",
        {
            "ws": ws,
            "screen": screen,
            "fired_at": {a.id: datetime.fromisoformat(a.fired_at) for a in screen.feed},
            "kinds": [k.value for k in RuleKind],
            "targets": [k.value for k in TargetKind],
            "can_edit": access.role.can_edit,
        },
    )


@router.post("/w/{ws}/alerts/rules", include_in_schema=False)
async def add_rule(request: Request, ws: str) -> Response:
    form = await _form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    target = form.get("target_kind", "touchpoint")
    params: dict[str, Any] = {k: form.get(k) or None for k in PARAMS}
    params["min_n"] = _number(form.get("min_n"), int, "min_n")
    params["alpha"] = _number(form.get("alpha"), float, "alpha")
    params["min_effect"] = _number(form.get("min_effect"), float, "min_effect")
    Alerts(access.workspace).add_rule(
        _number(form.get("map_id"), int, "map_id") or 0,
        kind=form.get("kind", ""),
        touchpoint=form.get("target_id") if target == "touchpoint" else None,
        stage=form.get("target_id") if target == "stage" else None,
        channel=form.get("target_id") if target == "channel" else None,
        params=params,
        owner=form.get("owner") or None,
        cooldown=form.get("cooldown") or None,
        author=access.user.username,
    )
    return _back(ws)


@router.post("/w/{ws}/alerts/rules/{rule_id}/remove", include_in_schema=False)
async def remove_rule(request: Request, ws: str, rule_id: int) -> Response:
    await _form(request)
    Alerts(workspace_access(request, ws, Role.EDITOR).workspace).remove_rule(rule_id)
    return _back(ws)


@router.post("/w/{ws}/alerts/destinations", include_in_schema=False)
async def set_destination(request: Request, ws: str) -> Response:
    form = await _form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    Alerts(access.workspace).set_destination(
        form.get("department", ""),
        form.get("url", ""),
        attempts=_number(form.get("attempts"), int, "attempts"),
        backoff=form.get("backoff") or None,
    )
    return _back(ws)


@router.post("/w/{ws}/alerts/check", include_in_schema=False)
async def check_now(request: Request, ws: str) -> Response:
    await _form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    await run_long(Alerts(access.workspace).check)  # webhooks may take a while: not on the event loop
    await run_long(check_surges, screen_context(request, access))  # the knowledge base's surging questions
    return _back(ws)


@router.post("/w/{ws}/alerts/{alert_id}/ack", include_in_schema=False)
async def acknowledge(request: Request, ws: str, alert_id: int) -> Response:
    await _form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    Alerts(access.workspace).acknowledge(alert_id, access.user.username)
    return _back(ws)


# The JSON API ---------------------------------------------------------------------------------


Duration = Annotated[str | None, Field(default=None, max_length=20, examples=["7d"])]


class RuleIn(BaseModel):
    target_kind: Literal["touchpoint", "stage", "channel"]
    target_id: str = Field(min_length=1, max_length=200)
    kind: Literal[
        "satisfaction_falls", "conversion_drops", "unanswered_rises", "negative_sentiment_rises", "wait_exceeds"
    ]  # fmt: skip
    metric: Literal["csat", "nps"] | None = None
    to: str | None = Field(default=None, max_length=200)
    dataset: str | None = Field(default=None, max_length=200)
    min_n: int | None = Field(default=None, ge=1, le=10_000_000)
    alpha: float | None = Field(default=None, gt=0, lt=0.5)
    min_effect: float | None = Field(default=None, ge=0, le=2)
    window: Duration = None
    baseline: Duration = None
    within: Duration = None
    guard: Literal["ztest", "pchart", "both"] | None = None
    enter: str | None = Field(default=None, max_length=2000, description="wait_exceeds: entering the queue.")
    answer: str | None = Field(default=None, max_length=2000, description="wait_exceeds: the answer.")
    abandon: str | None = Field(default=None, max_length=2000, description="wait_exceeds: the abandon.")
    queue: str | None = Field(
        default=None, max_length=200, description="wait_exceeds: one queue (default: all)."
    )
    contact_col: str | None = Field(default=None, max_length=200)
    queue_col: str | None = Field(default=None, max_length=200)
    threshold: Duration = None
    recent: Duration = None
    cooldown: Duration = None
    owner: str | None = Field(default=None, max_length=200)


def _access(request: Request, ws: str, needed: Role = Role.VIEWER) -> WorkspaceAccess:
    access = workspace_access(request, ws, needed)
    if request.method != "GET" and not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return access


@router.get(
    "/api/v1/workspaces/{ws}/alerts", response_model=list[AlertOut], responses=ERRORS, tags=["alerts"]
)
def api_feed(request: Request, ws: WorkspaceSlug) -> list[AlertOut]:
    """The fired alerts, newest first, with their delivery attempts (the alerts page's feed)."""
    access = _access(request, ws)
    return alert_feed(screen_context(request, access), reveal_urls=access.role.can_edit)


@router.get(
    "/api/v1/workspaces/{ws}/alert-rules", response_model=list[RuleOut], responses=ERRORS, tags=["alerts"]
)
def api_rules(request: Request, ws: WorkspaceSlug) -> list[RuleOut]:
    """The alert rules, each naming what it watches (the alerts page's rules)."""
    access = _access(request, ws)
    return alert_rules(screen_context(request, access))


@router.post(
    "/api/v1/workspaces/{ws}/maps/{map_id}/alert-rules",
    response_model=RuleOut,
    status_code=201,
    responses=ERRORS,
    tags=["alerts"],
    dependencies=[EDITOR_FIRST],
)
def api_add_rule(request: Request, ws: WorkspaceSlug, map_id: MapId, body: RuleIn) -> RuleOut:
    access = _access(request, ws, Role.EDITOR)
    rule = Alerts(access.workspace).add_rule(
        map_id,
        kind=body.kind,
        **{body.target_kind: body.target_id},
        params=body.model_dump(include=set(PARAMS)),
        owner=body.owner,
        cooldown=body.cooldown,
        author=access.user.username,
    )
    return rules_out(screen_context(request, access), [rule])[0]
