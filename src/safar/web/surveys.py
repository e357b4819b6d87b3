"""Survey pages: the public response page (no login, no JavaScript needed), the map's voice page,
a survey's page (links, import, export, open/close) and their JSON API.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError, NotFoundError, SafarError, TooManyError, WarehouseLockedError
from safar.events.periods import PERIODS
from safar.i18n import translate
from safar.services.comments import LIMIT, CommentsList, comments
from safar.services.ingestion import zone_of as ingestion_zone
from safar.services.results import current
from safar.services.voice import VoiceReport, voice
from safar.services.voice_comments import voice_comments
from safar.surveys import QUICK_KINDS, Respondent, Surveys, answer, check_link_count, open_link, quick_survey
from safar.voice.answers import Problem
from safar.voice.pending import waiting_counts
from safar.web import limits
from safar.web.api import ERRORS, MAX_ID, MapId
from safar.web.context import lang_of, screen_context, services, workspace_access
from safar.web.forms import refuse_nul, refuse_nul_in_form
from safar.web.ratelimit import RateLimit
from safar.web.render import render
from safar.web.results import for_api, for_page
from safar.web.security import check_csrf
from safar.web.threads import run_long
from safar.workspace import Workspace

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["voice"])

MAX_IMPORT = 50 * 1024 * 1024
MAX_DOCUMENT = 1024 * 1024
MAX_ANSWER_BYTES = 256 * 1024  # a whole survey's answers, with long comments, fit many times over
ANSWERS_PER_WINDOW = 30
WINDOW_SECONDS = 600.0
_limit = RateLimit(ANSWERS_PER_WINDOW, WINDOW_SECONDS)


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def _form(request: Request) -> FormData:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or "") or None)
    await refuse_nul_in_form(request, form)
    return form


# The public response page -------------------------------------------------------------------------
def _workspace_of(request: Request, respondent: Respondent) -> Workspace:
    svc = services(request)
    return Workspace(svc.engine, respondent.survey.workspace_id, respondent.workspace_slug, svc.settings)


def _public(
    request: Request,
    respondent: Respondent,
    invitation: str | None,
    problems: list[Problem],
    values: dict[str, Any],
    status: int = 200,
) -> Response:
    by_question: dict[str, list[Problem]] = {}
    for p in problems:
        by_question.setdefault(p.question, []).append(p)
    return render(
        request,
        "survey_public.html",
        {
            "info": respondent.survey,
            "survey": respondent.survey.survey,
            "invitation": invitation or "",
            "problems": by_question,
            "general": [p for p in problems if not p.question],
            "values": values,
        },
        status,
    )


@router.get("/s/{token}")
def survey_page(request: Request, token: str, t: str | None = None) -> Response:
    try:
        respondent = open_link(services(request).engine, token, t)
    except SafarError as err:
        return render(
            request, "survey_closed.html", {"message": err.message_for(lang_of(request))}, err.http_status
        )
    return _public(request, respondent, t, [], {})


@router.post("/s/{token}", max_body_size=limits.SURVEY_ANSWER)
async def survey_answer(request: Request, token: str) -> Response:
    lang = lang_of(request)
    if int(request.headers.get("content-length") or 0) > MAX_ANSWER_BYTES:
        return render(request, "survey_closed.html", {"message": translate("survey.too_long", lang)}, 413)
    form = await request.form(max_files=0, max_fields=1000)
    invitation = str(form.get("t") or "") or None
    try:
        check_csrf(request, str(form.get("csrf") or "") or None)
        # the app database is read in a thread: a writer holding it (a sweep) must not stop the event loop
        respondent = await run_long(open_link, services(request).engine, token, invitation)
        client = request.client.host if request.client else "?"
        if not _limit.allow(f"{client}|{token}"):
            raise TooManyError("survey.rate_limited")
    except SafarError as err:
        return render(request, "survey_closed.html", {"message": err.message_for(lang)}, err.http_status)
    values: dict[str, Any] = {}
    for key in form:
        items = [str(v) for v in form.getlist(key)]
        values[key] = items if len(items) > 1 else items[0]
    fields = {k: v for k, v in values.items() if k not in ("csrf", "t")}
    try:
        refuse_nul(fields, lang)
    except SafarError as err:
        return render(request, "survey_closed.html", {"message": err.message_for(lang)}, err.http_status)
    try:
        # written to the warehouse, or kept to be written when another program holds it: off the event loop
        problems = await run_long(answer, _workspace_of(request, respondent), respondent, fields, lang=lang)
    except SafarError as err:
        return render(request, "survey_closed.html", {"message": err.message_for(lang)}, err.http_status)
    if problems:
        return _public(request, respondent, invitation, problems, values, 422)
    thanks = respondent.survey.survey.thanks
    return render(request, "survey_thanks.html", {"survey": respondent.survey.survey, "thanks": thanks})


# The map's voice page -----------------------------------------------------------------------------
@router.get("/w/{ws}/maps/{map_id}/voice")
def voice_page(
    request: Request,
    ws: str,
    map_id: int,
    by: str | None = None,
    touchpoint: str | None = None,
    label: str | None = None,
    period: str = "month",
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id, copy=False)  # read, not changed
    chosen = by if by in ("channel", "period") else None
    period = period if period in PERIODS else "month"
    ctx = screen_context(request, access)
    computed = for_page(request, access, voice, map_id, by=chosen, period=period)
    report = computed.result
    if report is None:  # its first computation is still running: the page shows it when ready
        return render(request, "computing.html", {"ws": ws, "stored": stored, "computed": computed})
    surveys = Surveys(access.workspace).list(map_id)
    touchpoint = touchpoint if touchpoint in {t.id for t in stored.document.touchpoints()} else None
    label = label if label in ("positive", "negative", "neutral") else None
    listed = current(ctx, voice_comments, map_id, touchpoint=touchpoint, label=label)
    said, unassigned, corrected = listed.comments.comments, listed.unassigned, listed.corrections
    from safar.services.topics import taxonomy, topics_on_map

    topics = topics_on_map(ctx, map_id) if taxonomy(ctx) else None
    return render(
        request,
        "voice.html",
        {
            "ws": ws,
            "map_id": map_id,
            "journey": stored.document,
            "report": report if report.measured else None,
            "surveys": surveys,
            "counts": report.survey_responses,
            "kinds": QUICK_KINDS,
            "by": chosen,
            "period": period,
            "can_edit": access.role.can_edit,
            "comments": said,
            "topics": topics,
            "corrections": corrected,
            "unassigned": unassigned,
            "filter": {"touchpoint": touchpoint or "", "label": label or ""},
            "computed": computed,
        },
    )


@router.post("/w/{ws}/maps/{map_id}/surveys")
async def create_survey(request: Request, ws: str, map_id: int) -> Response:
    form = await _form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    journey = access.workspace.get_map(map_id).document
    specs = [f"{kind}:{tp}" for kind in QUICK_KINDS for tp in form.getlist(f"tp_{kind}")]
    specs += [str(kind) for kind in form.getlist("journey") if str(kind) in QUICK_KINDS]
    title = str(form.get("title") or "").strip() or None
    survey = quick_survey(journey, specs, title=title, ask_consent=bool(form.get("ask_consent")))
    info = Surveys(access.workspace).create(map_id, survey, one_per_token=bool(form.get("one_per_token")))
    return _redirect(f"/w/{quote(ws)}/surveys/{info.id}")


@router.post("/w/{ws}/maps/{map_id}/surveys/document", max_body_size=limits.DOCUMENT)
async def create_survey_from_document(request: Request, ws: str, map_id: int) -> Response:
    """A survey from an uploaded document (YAML or JSON): custom texts, Likert scales, choices."""
    from safar.maps.yamlio import format_of, load_text
    from safar.surveys import parse_survey

    workspace_access(request, ws, Role.EDITOR)  # who asks, before a byte of the document is read
    form = await request.form()
    try:
        check_csrf(request, str(form.get("csrf") or "") or None)
        await refuse_nul_in_form(request, form)
        access = workspace_access(request, ws, Role.EDITOR)
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("file.not_found", source="(no file chosen)")
        name = FilePath(upload.filename).name
        raw = await upload.read(MAX_DOCUMENT + 1)
    finally:
        await form.close()
    if len(raw) > MAX_DOCUMENT:
        raise InputError(
            "upload.too_large", size_mb=round(len(raw) / 2**20, 1), limit_mb=MAX_DOCUMENT // 2**20
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "file.not_utf8", source=name, line=raw[: exc.start].count(b"\n") + 1, byte=exc.start
        ) from None
    survey = await run_long(lambda: parse_survey(load_text(text, format_of(name), name), name))
    info = Surveys(access.workspace).create(map_id, survey, one_per_token=bool(form.get("one_per_token")))
    return _redirect(f"/w/{quote(ws)}/surveys/{info.id}")


# A survey's page ----------------------------------------------------------------------------------
def _survey_context(request: Request, ws: str, survey_id: int) -> dict[str, Any]:
    from safar.voice.responses import response_count
    from safar.warehouse import open_warehouse

    access = workspace_access(request, ws)
    surveys = Surveys(access.workspace)
    info = surveys.get(survey_id)
    made, answered = surveys.invitations(survey_id)
    waiting = waiting_counts(access.workspace.engine, access.workspace.workspace_id).get(survey_id, 0)
    responses: int | None = 0
    settings = access.workspace.settings
    if settings.warehouse_url is not None or settings.warehouse_path.exists():
        try:
            with open_warehouse(settings, wait=False) as warehouse:
                responses = response_count(warehouse, survey_id)
        except WarehouseLockedError:
            responses = None  # another program is writing: the page says so rather than wait for it
    return {
        "ws": ws,
        "info": info,
        "journey": access.workspace.get_map(info.map_id).document,
        "made": made,
        "answered": answered,
        "responses": responses,
        "waiting": waiting,
        "link": str(request.base_url).rstrip("/") + info.path,
        "can_edit": access.role.can_edit,
        "links": [],
        "imported": None,
        "alerts_checked": 0,
        "alerts_fired": [],
        "rejected": [],
        "default_tz": ingestion_zone(access.workspace),
    }


@router.get("/w/{ws}/surveys/{survey_id}")
def survey_admin(request: Request, ws: str, survey_id: int) -> Response:
    return render(request, "survey.html", _survey_context(request, ws, survey_id))


@router.post("/w/{ws}/surveys/{survey_id}/links")
async def make_links(request: Request, ws: str, survey_id: int) -> Response:
    form = await _form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    customers: list[str | None] = [
        c.strip() for c in str(form.get("customers") or "").splitlines() if c.strip()
    ]
    try:
        count = int(str(form.get("count") or "0") or 0)
    except ValueError:
        raise InputError("survey.bad_count", count=str(form.get("count")), most=10_000) from None
    if count:
        check_link_count(count + len(customers))  # before the list is made
    customers += [None] * max(count, 0)
    channel = str(form.get("channel") or "").strip() or None
    made = Surveys(access.workspace).invite(survey_id, customers, channel)
    context = _survey_context(request, ws, survey_id)
    context["links"] = [(m.customer_id, f"{context['link']}?t={m.token}") for m in made]
    return render(request, "survey.html", context)


@router.post("/w/{ws}/surveys/{survey_id}/import", max_body_size=limits.SURVEY_FILE)
async def import_upload(request: Request, ws: str, survey_id: int) -> Response:
    workspace_access(request, ws, Role.EDITOR)  # who asks, before a byte of the file is read
    form = await request.form()
    try:
        check_csrf(request, str(form.get("csrf") or "") or None)
        await refuse_nul_in_form(request, form)
        return await _import(request, ws, survey_id, form)
    finally:
        await form.close()


async def _import(request: Request, ws: str, survey_id: int, form: FormData) -> Response:
    from safar.events.quarantine import rejected_rows
    from safar.services.ingestion import import_survey_responses
    from safar.voice.responses import dataset_of
    from safar.warehouse import open_warehouse

    access = workspace_access(request, ws, Role.EDITOR)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError("file.not_found", source="(no file chosen)")
    name = FilePath(upload.filename).name
    data = await upload.read(MAX_IMPORT + 1)
    if len(data) > MAX_IMPORT:
        raise InputError(
            "upload.too_large", size_mb=round(len(data) / 2**20, 1), limit_mb=MAX_IMPORT // 2**20
        )
    source = f"{name} ({hashlib.sha256(data).hexdigest()[:8]})"
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / (
            "upload" + FilePath(name).suffix.lower()[:8]
        )  # never the sent name as a path
        path.write_bytes(data)
        try:
            done = await run_long(  # the alert check may call webhooks: not on the event loop
                import_survey_responses,
                access.workspace,
                survey_id,
                path,
                response_col=_optional(form, "response_col"),
                customer_col=_optional(form, "customer_col"),
                time_col=_optional(form, "time_col"),
                channel_col=_optional(form, "channel_col"),
                tz=_optional(form, "tz"),  # none: the workspace's zone
                source_name=source,
                calendar=_choice(form, "calendar", ("auto", "jalali", "gregorian")),
                encoding=_optional(form, "encoding"),
                sheet=_optional(form, "sheet"),
            )
        except SafarError as err:  # the person sent "crm.csv", not a temporary path
            raise err.renamed(str(path), name) from err.__cause__
    with open_warehouse(access.workspace.settings) as warehouse:
        quarantined = rejected_rows(warehouse, dataset_of(done.survey_id), lang_of(request))
        rejected = [r for r in quarantined if r["source"] == source]
    context = _survey_context(request, ws, survey_id)
    context["imported"] = done.report.described()
    context["alerts_checked"] = len(done.alerts)
    context["alerts_fired"] = done.fired
    context["rejected"] = rejected[:200]
    return render(request, "survey.html", context)


def _choice(form: FormData, key: str, allowed: tuple[str, ...]) -> str:
    """A select's value: one of ``allowed`` (the first when none was sent), else a clear error."""
    value = str(form.get(key) or allowed[0])
    if value not in allowed:
        raise InputError("time.bad_calendar", calendar=value, allowed=list(allowed))
    return value


def _optional(form: FormData, key: str) -> str | None:
    value = str(form.get(key) or "").strip()
    return value or None


@router.get("/w/{ws}/surveys/{survey_id}/responses.{fmt}")
def export(request: Request, ws: str, survey_id: int, fmt: str) -> Response:
    from safar.voice.responses import export_responses
    from safar.warehouse import open_warehouse

    if fmt not in ("csv", "xlsx"):
        raise NotFoundError("survey.no_export_format", format=fmt, allowed=["csv", "xlsx"])
    access = workspace_access(request, ws)
    info = Surveys(access.workspace).get(survey_id)
    with tempfile.TemporaryDirectory() as folder:
        out = FilePath(folder) / f"survey-{survey_id}.{fmt}"
        with open_warehouse(access.workspace.settings) as warehouse:
            export_responses(warehouse, info.survey, info.id, out)
        body = out.read_bytes()
    media = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    headers = {"Content-Disposition": f'attachment; filename="survey-{survey_id}.{fmt}"'}
    return Response(body, media_type=media, headers=headers)


@router.post("/w/{ws}/surveys/{survey_id}/state")
async def set_state(request: Request, ws: str, survey_id: int) -> Response:
    form = await _form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    Surveys(access.workspace).set_open(survey_id, form.get("open") == "1")
    return _redirect(f"/w/{quote(ws)}/surveys/{survey_id}")


# JSON API -----------------------------------------------------------------------------------------
WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]


class SurveyOut(BaseModel):
    id: int
    map_id: int
    title: dict[str, str]
    link: str
    one_per_token: bool
    open: bool
    created_at: str
    survey: dict[str, Any]
    waiting: int = Field(
        description="answers taken while another program held the warehouse, not yet written"
    )


@api.get("/workspaces/{ws}/surveys", response_model=list[SurveyOut], responses=ERRORS)
def api_surveys(
    request: Request, ws: WorkspaceSlug, map_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
) -> list[dict[str, Any]]:
    access = workspace_access(request, ws)
    waiting = waiting_counts(access.workspace.engine, access.workspace.workspace_id)
    return [s.to_dict() | {"waiting": waiting.get(s.id, 0)} for s in Surveys(access.workspace).list(map_id)]


@api.get("/workspaces/{ws}/maps/{map_id}/voice", response_model=VoiceReport, responses=ERRORS)
def api_voice(
    request: Request,
    response: Response,
    ws: WorkspaceSlug,
    map_id: MapId,
    by: Annotated[str | None, Query(pattern=r"^(channel|period|segment:[\w.-]{1,64})$")] = None,
) -> VoiceReport:
    """The voice report of the map (the voice page's figures): NPS, CSAT, CES and sentiment per touchpoint,
    stage and for the whole map, with the trend and an optional breakdown."""
    return for_api(request, response, workspace_access(request, ws), voice, map_id, by=by)


@api.get("/workspaces/{ws}/maps/{map_id}/comments", response_model=CommentsList, responses=ERRORS)
def api_comments(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    touchpoint: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    label: Annotated[Literal["positive", "negative", "neutral"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = LIMIT,
) -> CommentsList:
    """The map's newest comments (the voice page's list), of one touchpoint and one sentiment label when given."""
    ctx = screen_context(request, workspace_access(request, ws))
    return comments(ctx, map_id, touchpoint=touchpoint, label=label, limit=limit)
