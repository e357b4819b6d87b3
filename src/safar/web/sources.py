"""Database sources in the web app: a dataset fed from a SQL query on PostgreSQL or MySQL/MariaDB.

Pages: ``/w/{ws}/datasets/sources`` (the workspace's sources with their last pull, and for administrators the
form that adds one), ``/w/{ws}/datasets/sources/{source_id}`` (one source: its first rows with the column each
role takes, changeable by administrators as on an upload's mapping step; pulling it now starts an import
followed at ``/w/{ws}/datasets/imports/{job}``), removing it. Editors pull, administrators add, change and
remove. API twins under ``/api/v1/workspaces/{ws}/sources``. All call :mod:`safar.services.sources`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from safar.accounts import Actor, Role
from safar.i18n.numbers import format_datetime
from safar.services import sources as svc
from safar.services.uploads import ImportJobOut
from safar.web.api import ERRORS
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import WorkspaceAccess, lang_of, screen_context, workspace_access
from safar.web.forms import filled, parse_form, read_form
from safar.web.render import render
from safar.web.security import check_csrf
from safar.web.threads import run_long
from safar.web.uploads import CALENDARS, _jobs, _reading

router = APIRouter()
SourceId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _actor(request: Request, access: WorkspaceAccess, via: str) -> Actor:
    """Who acts (for the audit log); an API call made with the session, not a token, shows its CSRF token."""
    if via == "api" and not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return Actor(access.user.username, via)


@router.get("/w/{ws}/datasets/sources", include_in_schema=False)
def sources_page(request: Request, ws: str) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)
    screen = svc.list_sources(screen_context(request, access))
    context = {
        "ws": ws,
        "screen": screen,
        "is_admin": access.role >= Role.ADMIN,
        "removed": request.query_params.get("removed") == "1",
    }
    return render(request, "sources.html", context)


@router.post("/w/{ws}/datasets/sources", include_in_schema=False)
async def add_post(request: Request, ws: str) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.ADMIN)
    fields = filled(form, svc.SourceIn)
    if form.get("url", "").strip():  # a URL is the whole connection: the separate fields are left out
        fields = {
            k: v for k, v in fields.items() if k not in ("host", "port", "database", "user", "password")
        }
    elif form.get("password"):
        fields["password"] = form["password"]  # as typed, spaces included
    new = parse_form(svc.SourceIn, fields, lang_of(request))
    made = await run_long(  # it reaches the source's database
        svc.add_source, screen_context(request, access), Actor(access.user.username, "web"), new
    )
    return RedirectResponse(f"/w/{quote(ws)}/datasets/sources/{made.id}", status_code=303)


@router.get("/w/{ws}/datasets/sources/{source_id}", include_in_schema=False)
def source_page(request: Request, ws: str, source_id: SourceId) -> Response:
    access = workspace_access(request, ws, Role.EDITOR)
    query = request.query_params
    reading = _reading({k: query.get(k, "") for k in query}) if "calendar" in query else None
    screen = svc.source_screen(screen_context(request, access), source_id, reading)
    lang = lang_of(request)
    times = []
    if screen.preview is not None:
        times = [
            None if t is None else format_datetime(t, lang, screen.preview.tz) for t in screen.preview.times
        ]
    context = {
        "ws": ws,
        "screen": screen,
        "s": screen.preview,
        "times": times,
        "calendars": CALENDARS,
        "is_admin": access.role >= Role.ADMIN,
        "saved": query.get("saved") == "1",
    }
    return render(request, "source.html", context)


@router.post("/w/{ws}/datasets/sources/{source_id}", include_in_schema=False)
async def change_post(request: Request, ws: str, source_id: SourceId) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.ADMIN)
    reading = _reading(form)
    every = form.get("every_minutes", "").strip()
    change = parse_form(
        svc.SourceChange,
        {
            "columns": reading.columns,
            "tz": reading.tz,
            "calendar": reading.calendar,
            "every_minutes": every or None,
            **({"query": form["query"]} if form.get("query", "").strip() else {}),
        },
        lang_of(request),
    )
    await run_long(
        svc.change_source,
        screen_context(request, access),
        Actor(access.user.username, "web"),
        source_id,
        change,
    )
    return RedirectResponse(f"/w/{quote(ws)}/datasets/sources/{source_id}?saved=1", status_code=303)


@router.post("/w/{ws}/datasets/sources/{source_id}/pull", include_in_schema=False)
async def pull_post(request: Request, ws: str, source_id: SourceId) -> Response:
    await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    actor = Actor(access.user.username, "web")
    job = svc.start_pull(screen_context(request, access), actor, source_id, _jobs(request))
    return RedirectResponse(f"/w/{quote(ws)}/datasets/imports/{job}", status_code=303)


@router.post("/w/{ws}/datasets/sources/{source_id}/remove", include_in_schema=False)
async def remove_post(request: Request, ws: str, source_id: SourceId) -> Response:
    await read_form(request)
    access = workspace_access(request, ws, Role.ADMIN)
    svc.remove_source(screen_context(request, access), Actor(access.user.username, "web"), source_id)
    return RedirectResponse(f"/w/{quote(ws)}/datasets/sources?removed=1", status_code=303)


# The API ------------------------------------------------------------------------------------------------------


@router.get(
    "/api/v1/workspaces/{ws}/sources", response_model=svc.SourcesScreen, responses=ERRORS, tags=["ingestion"]
)
def list_api(request: Request, ws: WorkspaceSlug) -> svc.SourcesScreen:
    """The workspace's database sources (editors): each with its connection without the password, its query,
    schedule and last pull."""
    access = workspace_access(request, ws, Role.EDITOR)
    return svc.list_sources(screen_context(request, access))


@router.post(
    "/api/v1/workspaces/{ws}/sources",
    response_model=svc.SourceOut,
    status_code=201,
    responses=ERRORS,
    tags=["ingestion"],
)
def add_api(request: Request, ws: WorkspaceSlug, new: svc.SourceIn) -> svc.SourceOut:
    """Add a database source (administrators): the connection is tried and the first rows read before it is
    kept (unless ``check`` is false); the URL is stored encrypted. A read-only database user is advised."""
    access = workspace_access(request, ws, Role.ADMIN)
    return svc.add_source(screen_context(request, access), _actor(request, access, "api"), new)


@router.get(
    "/api/v1/workspaces/{ws}/sources/{source_id}",
    response_model=svc.SourceOut,
    responses=ERRORS,
    tags=["ingestion"],
)
def get_api(request: Request, ws: WorkspaceSlug, source_id: SourceId) -> svc.SourceOut:
    """One database source (editors)."""
    access = workspace_access(request, ws, Role.EDITOR)
    return svc.get_source(screen_context(request, access), source_id)


@router.put(
    "/api/v1/workspaces/{ws}/sources/{source_id}",
    response_model=svc.SourceOut,
    responses=ERRORS,
    tags=["ingestion"],
)
def change_api(
    request: Request, ws: WorkspaceSlug, source_id: SourceId, change: svc.SourceChange
) -> svc.SourceOut:
    """Change a source's columns, time reading, query and schedule (administrators)."""
    access = workspace_access(request, ws, Role.ADMIN)
    return svc.change_source(
        screen_context(request, access), _actor(request, access, "api"), source_id, change
    )


@router.delete(
    "/api/v1/workspaces/{ws}/sources/{source_id}",
    response_model=svc.SourceOut,
    responses=ERRORS,
    tags=["ingestion"],
)
def remove_api(request: Request, ws: WorkspaceSlug, source_id: SourceId) -> svc.SourceOut:
    """Remove a source (administrators); its dataset and what it loaded stay. The source as it was."""
    access = workspace_access(request, ws, Role.ADMIN)
    ctx = screen_context(request, access)
    found = svc.get_source(ctx, source_id)
    svc.remove_source(ctx, _actor(request, access, "api"), source_id)
    return found


@router.post(
    "/api/v1/workspaces/{ws}/sources/{source_id}/pull",
    response_model=ImportJobOut,
    status_code=202,
    responses=ERRORS,
    tags=["ingestion"],
)
def pull_api(request: Request, ws: WorkspaceSlug, source_id: SourceId) -> ImportJobOut:
    """Pull a source now (editors): its query's rows are imported into its dataset as a job, followed at
    ``GET …/imports/{job}``."""
    access = workspace_access(request, ws, Role.EDITOR)
    ctx = screen_context(request, access)
    jobs = _jobs(request)
    job = svc.start_pull(ctx, _actor(request, access, "api"), source_id, jobs)
    return jobs.status(ctx, job)
