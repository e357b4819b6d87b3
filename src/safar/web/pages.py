"""The pages: parse the request, call one function, render. Forms work without JavaScript."""

from __future__ import annotations

import math
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError, SafarError
from safar.i18n import translate
from safar.maps.edits import Edit, apply_edit
from safar.maps.templates import TEMPLATES
from safar.maps.validate import parse_map_bytes
from safar.model import EvidenceSource, EvidenceStrength, LaneFigure, LaneKind, Persona
from safar.render.matrix import matrix_view
from safar.services.alerts import open_alerts
from safar.services.audience import Audience, audience_of
from safar.services.drivers import parse_codes, parse_names, upload_drivers
from safar.services.flows import flows_around
from safar.services.funnel_view import funnel_analysis
from safar.services.journeys import journeys
from safar.services.maps import SHOWN, Shown, maps_list
from safar.services.overlay import Canvas, canvas
from safar.services.portfolio import MAP_TYPES
from safar.services.rules_view import rules_view
from safar.sessions import Sessions
from safar.web import limits
from safar.web.api import EDIT_KEYS, EditIn, RevertIn
from safar.web.canvas import canvas_view, lane_rows
from safar.web.context import current_user, lang_of, screen_context, services, workspace_access
from safar.web.customers import query_of
from safar.web.forms import filled, parse_form, read_form, refuse_nul_in_form
from safar.web.render import render
from safar.web.results import for_page
from safar.web.security import check_csrf
from safar.web.threads import run_long
from safar.web.throttle import throttle_of

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 5 * 1024 * 1024
MAX_SURVEY = 50 * 1024 * 1024


async def _form(request: Request) -> dict[str, Any]:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or "") or None)
    await refuse_nul_in_form(request, form)
    return dict(form)


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", {"next": _safe_next(next), "failed": False})


@router.post("/login")
async def login(request: Request) -> Response:
    form = await _form(request)
    username = str(form.get("username", ""))
    address = request.client.host if request.client else ""
    gate = throttle_of(request.app)
    wait = gate.wait(username, address)
    if wait:  # checked before the password: while it waits, even the right one is refused
        context = {
            "next": _safe_next(form.get("next")),
            "failed": False,
            "wait_minutes": math.ceil(wait / 60),
        }
        response = render(request, "login.html", context, 429)
        response.headers["Retry-After"] = str(wait)
        return response
    # argon2 takes ~0.1 s of CPU: off the event loop, so a burst of log-ins holds up no other request
    user = await run_long(services(request).accounts.authenticate, username, str(form.get("password", "")))
    if user is None:
        gate.failed(username, address)
        return render(request, "login.html", {"next": _safe_next(form.get("next")), "failed": True}, 401)
    gate.succeeded(username)
    request.session.clear()
    token = Sessions(services(request).engine).start(user.id)  # a new session: never the one before log-in
    request.session.update({"sid": token, "user_name": user.display_name, "admin": user.is_admin})
    return _redirect(_safe_next(form.get("next")))


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _form(request)
    Sessions(services(request).engine).end(request.session.get("sid"))  # a copy of the cookie ends too
    request.session.clear()
    return _redirect("/login")


@router.get("/lang/{lang}")
def switch_language(lang: str, next: str = "/") -> Response:
    response = _redirect(_safe_next(next))
    response.set_cookie(
        "lang", lang if lang in ("fa", "en") else "fa", max_age=365 * 24 * 3600, samesite="lax"
    )
    return response


@router.get("/")
def home(request: Request) -> Response:
    user = current_user(request)
    workspaces = services(request).accounts.workspaces(user)
    if len(workspaces) == 1:
        return _redirect(f"/w/{quote(workspaces[0][0])}")
    return render(request, "workspaces.html", {"workspaces": workspaces})


@router.get("/w/{ws}")
def maps_page(request: Request, ws: str, q: str = "", show: str = "active", deleted: str = "") -> Response:
    access = workspace_access(request, ws)
    shown: Shown = show if show in SHOWN else "active"  # type: ignore[assignment]
    screen = maps_list(screen_context(request, access), query=q.strip()[:300], show=shown)
    return render(
        request,
        "maps.html",
        {
            "ws": ws,
            "screen": screen,
            "maps": screen.maps,
            "templates": TEMPLATES,
            "types": MAP_TYPES,
            "deleted": deleted[:300],
            "can_edit": access.role.can_edit,
            "can_manage": access.role >= Role.ADMIN or access.user.is_admin,
        },
    )


@router.get("/w/{ws}/personas")
def personas_page(request: Request, ws: str) -> Response:
    access = workspace_access(request, ws)
    return render(request, "personas.html", {"ws": ws, "personas": access.workspace.personas()})


@router.get("/w/{ws}/insights")
def insights_page(request: Request, ws: str) -> Response:
    maps = workspace_access(request, ws).workspace.list_maps()
    return render(request, "insights.html", {"ws": ws, "result": None, "form": {}, "maps": maps})


@router.post("/w/{ws}/insights", max_body_size=limits.SURVEY_FILE)
async def insights_compute(request: Request, ws: str) -> Response:
    access = workspace_access(request, ws)  # who asks, before a byte of the file is read
    form = await _form(request)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError("file.not_found", source="(no file chosen)")
    try:
        raw = await upload.read(MAX_SURVEY + 1)
    finally:
        await upload.close()
    if len(raw) > MAX_SURVEY:
        raise InputError("upload.too_large", size_mb=round(len(raw) / 2**20, 1), limit_mb=MAX_SURVEY // 2**20)
    fields = {k: str(form.get(k) or "").strip() for k in ("outcome", "positive", "na", "exclude")}
    result = await run_long(  # minutes for a big file: never on the event loop
        upload_drivers,
        screen_context(request, access),
        raw,
        upload.filename,
        outcome=fields["outcome"],
        positive=fields["positive"] or None,
        na=parse_codes(fields["na"]),
        exclude=parse_names(fields["exclude"]),
    )
    context = {
        "ws": ws,
        "result": result,
        "matrix": matrix_view(result.matrix, lang_of(request)),
        "form": fields,
    }
    return render(request, "insights.html", context)


@router.post("/w/{ws}/maps/new")
async def new_map(request: Request, ws: str) -> Response:
    form = await _form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    stored = access.workspace.new_from_template(
        str(form.get("template", "insurance")),
        str(form.get("lang") or lang_of(request)),
        title=str(form.get("title") or "").strip() or None,
        author=access.user.username,
    )
    return _redirect(f"/w/{quote(ws)}/maps/{stored.id}")


@router.post("/w/{ws}/maps/import", max_body_size=limits.DOCUMENT)
async def import_map(request: Request, ws: str) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)  # who asks, before a byte of the file is read
    form = await _form(request)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError("file.not_found", source="(no file chosen)")
    try:
        raw = await upload.read(MAX_UPLOAD + 1)
    finally:
        await upload.close()
    if len(raw) > MAX_UPLOAD:
        raise InputError("upload.too_large", size_mb=round(len(raw) / 2**20, 1), limit_mb=MAX_UPLOAD // 2**20)
    fmt = "json" if upload.filename.lower().endswith(".json") else "yaml"
    channels = access.workspace.channels()
    document = await run_long(parse_map_bytes, raw, source=upload.filename, fmt=fmt, channels=channels)
    stored = access.workspace.create_map(
        document, message=f"Imported {upload.filename}", author=access.user.username
    )
    return _redirect(f"/w/{quote(ws)}/maps/{stored.id}")


@router.get("/w/{ws}/maps/{map_id}")
def canvas_page(
    request: Request,
    ws: str,
    map_id: int,
    revision: int | None = None,
    dataset: str | None = None,
    since: str | None = None,
    until: str | None = None,
    channel: str | None = None,
    segment: str | None = None,
    persona: str | None = None,
    saved: int | None = Query(default=None, ge=1, le=2**31),
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id, revision, copy=False)  # read, not changed
    channels = access.workspace.channels()
    screen: Canvas | None = None
    computed = None
    overlay_error = None
    typed = _typed_audience(since, until, channel, segment, persona)
    try:
        audience = _audience(request, access, typed, stored.document.personas)
        computed = for_page(
            request, access, canvas, map_id, revision=revision, dataset=dataset, audience=audience
        )
        screen = computed.result
    except SafarError as err:
        overlay_error = err.message_for(lang_of(request))
    voice = screen.voice if screen is not None else {}
    measured = {tp: v.measured_emotion for tp, v in voice.items() if v.measured_emotion is not None}
    alerts = open_alerts(access.workspace, map_id, stored.document, lang_of(request))
    info = access.workspace.map_info(map_id)
    view = canvas_view(stored.document, channels, measured)
    return render(
        request,
        "canvas.html",
        {
            "ws": ws,
            "stored": stored,
            "view": view,
            "lane_rows": lane_rows(stored.document, view.columns, screen, lang_of(request)),
            "lane_kinds": [kind.value for kind in LaneKind],
            "lane_figures": [figure.value for figure in LaneFigure],
            "voice": voice,
            "alerts": alerts,
            "editable": access.role.can_edit and stored.revision == stored.head and not info.archived,
            "info": info,
            "channels": channels,
            "overlay": screen if screen is not None and screen.dataset is not None else None,
            "headline": screen.headline if screen is not None else None,
            "overlay_error": overlay_error,
            "datasets": stored.document.datasets(),
            "computed": computed,
            "audience": typed,
            "audience_query": _audience_query(typed),
            "personas": _in_data(stored.document.personas),
            "saved": saved,
        },
    )


@router.get("/w/{ws}/maps/{map_id}/journeys")
def journeys_page(
    request: Request,
    ws: str,
    map_id: int,
    dataset: str | None = None,
    level: str = "stage",
    depth: int = 5,
    since: str | None = None,
    until: str | None = None,
    channel: str | None = None,
    segment: str | None = None,
    persona: str | None = None,
    breakdown: str | None = None,
    compare: bool = False,
    times: bool = False,
    around: str | None = None,
    direction: Literal["from", "to"] = "from",
    rules: bool = False,
    within: Literal["", "1d", "3d", "7d", "14d", "30d"] = "",
    order: Literal["sequential", "strict", "any"] = "sequential",
    window: Literal["", "1d", "7d", "30d", "90d"] = "",
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id, copy=False)  # read, not changed
    typed = _typed_audience(since, until, channel, segment, persona)
    context: dict[str, Any] = {
        "ws": ws,
        "stored": stored,
        "view": None,
        "computed": None,
        "error": None,
        "level": level,
    }
    context |= {
        "audience": typed,
        "audience_query": _audience_query(typed),
        "channels": access.workspace.channels(),
        "personas": _in_data(stored.document.personas),
        "customers_query": query_of,
    }
    try:
        audience = _audience(request, access, typed, stored.document.personas)
        computed = for_page(
            request,
            access,
            journeys,
            map_id,
            dataset=dataset,
            level=level,
            depth=max(2, min(depth, 8)),
            audience=audience,
        )
    except InputError as err:  # a date or a segment the reader typed: said beside the form, in their language
        context["error"] = err.message_for(lang_of(request))
        return render(request, "journeys.html", context)
    view = computed.result
    context |= {"view": view if view is not None and view.dataset is not None else None, "computed": computed}
    context |= {"breakdown": breakdown or "", "compare": compare, "times": times, "analysis": None}
    context |= {"order": order, "window": window, "windows": ("1d", "7d", "30d", "90d")}
    if breakdown or compare or times:  # the funnel analysis the reader asked for (a kept result of its own)
        try:
            context["analysis"] = for_page(
                request,
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
            ).result
        except InputError as err:
            context["analysis_error"] = err.message_for(lang_of(request))
    context |= {"around": around or "", "direction": direction, "flows": None}
    if around:  # where customers go from (or come to) a touchpoint
        try:
            context["flows"] = for_page(
                request, access, flows_around, map_id, dataset=dataset, step=around, direction=direction
            ).result
        except InputError as err:
            context["flows_error"] = err.message_for(lang_of(request))
    context |= {"rules": None, "within": within, "within_choices": ("1d", "3d", "7d", "14d", "30d")}
    if rules:  # the map's rules checked on its customers
        context["rules"] = for_page(
            request, access, rules_view, map_id, dataset=dataset, within=within or None
        ).result
    return render(request, "journeys.html", context)


def _typed_audience(
    since: str | None, until: str | None, channel: str | None, segment: str | None, persona: str | None
) -> dict[str, str | None]:
    """The audience inputs of a map's page as the reader typed them (to read and to show again)."""
    return {
        "since": since or None,
        "until": until or None,
        "channel": channel or None,
        "segment": segment or None,
        "persona": persona or None,
    }


def _in_data(personas: list[Persona]) -> list[Persona]:
    """The map's personas that say who they are in the data (the ones a page's audience can choose)."""
    return [p for p in personas if p.conditions()]


def _audience(
    request: Request, access: Any, typed: dict[str, str | None], personas: list[Persona]
) -> Audience | None:
    """The audience a map's page was asked for, its errors naming the page's fields in the reader's language."""
    return audience_of(screen_context(request, access).calendar.tz, typed, _audience_names(request), personas)


def _audience_names(request: Request) -> tuple[str, str]:
    """The page's names of the audience's two times, in the reader's language (what an error names)."""
    lang = lang_of(request)
    return translate("audience.since", lang), translate("audience.until", lang)


def _audience_query(typed: dict[str, str | None]) -> str:
    """The audience inputs as a query string (``&start=…``) for the page's links that keep them."""
    return "".join(f"&{key}={quote(value)}" for key, value in typed.items() if value)


@router.post("/w/{ws}/maps/{map_id}/edit")
async def edit_map(request: Request, ws: str, map_id: int) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    fields = {k[2:]: v for k, v in form.items() if k.startswith("f_")}
    # The form's fields are the JSON twin's body (``f_name`` → ``fields.name``): one model checks both.
    body = parse_form(EditIn, filled(form, EditIn) | {"fields": fields}, lang_of(request))
    edit = Edit.model_validate(body.model_dump(include=EDIT_KEYS))
    stored = access.workspace.get_map(map_id, body.base_revision)
    result = access.workspace.save_map(
        map_id,
        apply_edit(stored.document, edit),
        base_revision=stored.revision,
        author=access.user.username,
        message=body.message,
    )
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"map_id": map_id, "revision": result.revision, "created": result.created})
    if edit.op.endswith("_persona"):
        return _redirect(f"/w/{quote(ws)}/maps/{map_id}/personas?saved={result.revision}")
    anchor = f"#{edit.touchpoint or edit.stage}" if (edit.touchpoint or edit.stage) else ""
    return _redirect(f"/w/{quote(ws)}/maps/{map_id}?saved={result.revision}{anchor}")


@router.get("/w/{ws}/maps/{map_id}/personas")
def map_personas_page(
    request: Request, ws: str, map_id: int, saved: int | None = Query(default=None, ge=1, le=2**31)
) -> Response:
    """The map's personas: each shown whole; editors add, change (undo at once) and remove them."""
    access = workspace_access(request, ws)
    info = access.workspace.map_info(map_id)
    context = {
        "ws": ws,
        "stored": access.workspace.get_map(map_id),
        "info": info,
        "writable": access.role.can_edit and not info.archived_at,
        "saved": saved,
    }
    return render(request, "map_personas.html", context)


@router.get("/w/{ws}/maps/{map_id}/touchpoints/{touchpoint_id}")
def touchpoint_page(request: Request, ws: str, map_id: int, touchpoint_id: str) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)
    stored = access.workspace.get_map(map_id)
    stage = stored.document.stage_of(touchpoint_id)
    if stage is None:
        raise InputError("edit.unknown_touchpoint", touchpoint=touchpoint_id)
    touchpoint = next(t for t in stage.touchpoints if t.id == touchpoint_id)
    return render(
        request,
        "touchpoint.html",
        {
            "ws": ws,
            "stored": stored,
            "stage": stage,
            "tp": touchpoint,
            "channels": access.workspace.channels(),
            "sources": [s.value for s in EvidenceSource],
            "strengths": [s.value for s in EvidenceStrength],
        },
    )


@router.get("/w/{ws}/maps/{map_id}/history")
def history_page(
    request: Request, ws: str, map_id: int, a: int | None = None, b: int | None = None
) -> Response:
    access = workspace_access(request, ws)
    revisions = access.workspace.history(map_id)
    head = revisions[-1].number
    old, new = (a or max(1, head - 1)), (b or head)
    changes = [c.to_dict() for c in access.workspace.diff(map_id, old, new)]
    return render(
        request,
        "history.html",
        {
            "ws": ws,
            "map_id": map_id,
            "title": access.workspace.get_map(map_id).document.title,
            "names": _names(
                access.workspace.get_map(map_id, old).document, access.workspace.get_map(map_id, new).document
            ),
            "revisions": list(reversed(revisions)),
            "old": old,
            "new": new,
            "changes": changes,
            "can_edit": access.role.can_edit,
        },
    )


def _names(*documents: Any) -> dict[str, str]:
    """Stage, touchpoint, persona and lane names by id in the two compared revisions (the newer name wins)."""
    names: dict[str, str] = {}
    for document in documents:
        names |= {s.id: s.name for s in document.stages} | {t.id: t.name for t in document.touchpoints()}
        names |= {p.id: p.name for p in document.personas} | {lane.id: lane.name for lane in document.lanes}
    return names


@router.post("/w/{ws}/maps/{map_id}/revert")
async def revert(request: Request, ws: str, map_id: int) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    body = parse_form(RevertIn, filled(form, RevertIn), lang_of(request))
    access.workspace.revert(
        map_id,
        body.revision,
        base_revision=body.base_revision,
        message=body.message,
        author=access.user.username,
    )
    if form.get("back") == "personas":  # the personas page's undo returns there
        return _redirect(f"/w/{quote(ws)}/maps/{map_id}/personas")
    if form.get("back") == "canvas":  # so does the canvas's
        return _redirect(f"/w/{quote(ws)}/maps/{map_id}")
    return _redirect(f"/w/{quote(ws)}/maps/{map_id}/history")


@router.get("/w/{ws}/maps/{map_id}/export.{fmt}")
def export(
    request: Request,
    ws: str,
    map_id: int,
    fmt: str,
    revision: int | None = None,
    paper: str = "a4",
    dataset: str | None = None,
) -> Response:
    """The map as a file, as ``safar map export`` makes it (``paper``: a4, a3 or poster, for a PDF)."""
    from safar.services.map_exports import export_map

    access = workspace_access(request, ws)
    exported = export_map(
        screen_context(request, access), map_id, fmt, revision=revision, paper=paper, dataset=dataset
    )
    disposition = {"Content-Disposition": f'attachment; filename="{exported.filename}"'}
    return Response(exported.content, media_type=exported.media_type, headers=disposition)
