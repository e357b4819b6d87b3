"""Maps as a portfolio in the browser and the API: a blank map, a map's details page (rename, owner and status,
duplicate, future state, archive), deleting a map (admins, after typing its title).

Pages: ``POST /w/{ws}/maps/blank``, ``/w/{ws}/maps/{id}/settings`` and its forms, ``/w/{ws}/maps/{id}/delete``.
API twins under ``/api/v1/workspaces/{ws}/maps``: ``POST blank``, ``PATCH {id}``, ``POST {id}/duplicate``,
``POST {id}/future-state``, ``POST {id}/archive``, ``POST {id}/unarchive``, ``DELETE {id}``. All call
:mod:`safar.services.portfolio`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from safar.accounts import Actor, Role
from safar.errors import InputError
from safar.model import MapType
from safar.services.portfolio import (
    STATUSES,
    BlankMapIn,
    DeletedMapOut,
    MapDetailsIn,
    archive_map,
    change_details,
    delete_map,
    deletion_screen,
    duplicate_map,
    future_state_map,
    map_members,
    new_blank_map,
)
from safar.web.api import ERRORS, MapId, MapSummary, StoredMapOut, Workspace
from safar.web.context import EDITOR_FIRST, WorkspaceAccess, lang_of, screen_context, workspace_access
from safar.web.forms import filled, parse_form, read_form
from safar.web.render import render
from safar.web.security import check_csrf

router = APIRouter()


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _base(ws: str, map_id: int) -> str:
    return f"/w/{quote(ws)}/maps/{map_id}"


# Pages ----------------------------------------------------------------------------------------------------
@router.post("/w/{ws}/maps/blank", include_in_schema=False)
async def blank_post(request: Request, ws: str) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    new = parse_form(BlankMapIn, filled(form, BlankMapIn), lang_of(request))
    stored = new_blank_map(screen_context(request, access), Actor(access.user.username, "web"), new)
    return _redirect(_base(ws, stored.id))


@router.get("/w/{ws}/maps/{map_id}/settings", include_in_schema=False)
def settings_page(request: Request, ws: str, map_id: int) -> Response:
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    stored = access.workspace.get_map(map_id)
    context = {
        "ws": ws,
        "stored": stored,
        "info": access.workspace.map_info(map_id),
        "members": map_members(ctx),
        "statuses": STATUSES,
        "map_types": [t.value for t in MapType],
        "can_edit": access.role.can_edit,
        "can_delete": access.role >= Role.ADMIN,
    }
    return render(request, "map_settings.html", context)


@router.post("/w/{ws}/maps/{map_id}/details", include_in_schema=False)
async def details_post(request: Request, ws: str, map_id: int) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    fields = {k: v.strip() for k, v in form.items() if k in MapDetailsIn.model_fields}
    if not fields.get("status"):
        fields.pop("status", None)
    change = parse_form(MapDetailsIn, fields, lang_of(request))
    change_details(screen_context(request, access), Actor(access.user.username, "web"), map_id, change)
    return _redirect(_base(ws, map_id) + "/settings")


@router.post("/w/{ws}/maps/{map_id}/duplicate", include_in_schema=False)
async def duplicate_post(request: Request, ws: str, map_id: int) -> Response:
    await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    stored = duplicate_map(screen_context(request, access), Actor(access.user.username, "web"), map_id)
    return _redirect(_base(ws, stored.id))


@router.post("/w/{ws}/maps/{map_id}/future-state", include_in_schema=False)
async def future_post(request: Request, ws: str, map_id: int) -> Response:
    await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    stored = future_state_map(screen_context(request, access), Actor(access.user.username, "web"), map_id)
    return _redirect(_base(ws, stored.id))


@router.post("/w/{ws}/maps/{map_id}/archive", include_in_schema=False)
async def archive_post(request: Request, ws: str, map_id: int) -> Response:
    return await _archive(request, ws, map_id, True)


@router.post("/w/{ws}/maps/{map_id}/unarchive", include_in_schema=False)
async def unarchive_post(request: Request, ws: str, map_id: int) -> Response:
    return await _archive(request, ws, map_id, False)


async def _archive(request: Request, ws: str, map_id: int, archived: bool) -> Response:
    await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    archive_map(screen_context(request, access), Actor(access.user.username, "web"), map_id, archived)
    return _redirect(_base(ws, map_id) + "/settings")


@router.get("/w/{ws}/maps/{map_id}/delete", include_in_schema=False)
def delete_page(request: Request, ws: str, map_id: int) -> Response:
    access = workspace_access(request, ws, Role.ADMIN)
    screen = deletion_screen(screen_context(request, access), map_id)
    return render(request, "delete_map.html", {"ws": ws, "screen": screen})


@router.post("/w/{ws}/maps/{map_id}/delete", include_in_schema=False)
async def delete_post(request: Request, ws: str, map_id: int) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.ADMIN)
    title = access.workspace.map_info(map_id).title
    if str(form.get("confirm") or "").strip() != title.strip():
        raise InputError("map.confirm_title", title=title)
    gone = delete_map(screen_context(request, access), Actor(access.user.username, "web"), map_id)
    return _redirect(f"/w/{quote(ws)}?deleted={quote(gone.title)}")


# The JSON API ---------------------------------------------------------------------------------------------
def _api(request: Request, ws: str, needed: Role) -> tuple[WorkspaceAccess, Actor]:
    access = workspace_access(request, ws, needed)
    if not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return access, Actor(access.user.username, "api")


@router.post(
    "/api/v1/workspaces/{ws}/maps/blank",
    response_model=StoredMapOut,
    status_code=201,
    responses=ERRORS,
    tags=["maps"],
    dependencies=[EDITOR_FIRST],
)
def blank_api(request: Request, ws: Workspace, body: BlankMapIn) -> dict[str, Any]:
    """A new map with a title, a language, a type and one empty stage, at revision 1."""
    access, actor = _api(request, ws, Role.EDITOR)
    return new_blank_map(screen_context(request, access), actor, body).to_dict(lang_of(request))


@router.patch(
    "/api/v1/workspaces/{ws}/maps/{map_id}",
    response_model=MapSummary,
    responses=ERRORS,
    tags=["maps"],
    dependencies=[EDITOR_FIRST],
)
def details_api(request: Request, ws: Workspace, map_id: MapId, body: MapDetailsIn) -> dict[str, Any]:
    """Rename a map or reword its description (a new revision), set its owner (a member, ``""`` for none)
    or its status (draft, in_review, published). An archived map is refused (409)."""
    access, actor = _api(request, ws, Role.EDITOR)
    return change_details(screen_context(request, access), actor, map_id, body).to_dict()


@router.post(
    "/api/v1/workspaces/{ws}/maps/{map_id}/duplicate",
    response_model=StoredMapOut,
    status_code=201,
    responses=ERRORS,
    tags=["maps"],
)
def duplicate_api(request: Request, ws: Workspace, map_id: MapId) -> dict[str, Any]:
    """A new map with the same document, titled "Copy of …", its history starting at revision 1."""
    access, actor = _api(request, ws, Role.EDITOR)
    return duplicate_map(screen_context(request, access), actor, map_id).to_dict(lang_of(request))


@router.post(
    "/api/v1/workspaces/{ws}/maps/{map_id}/future-state",
    response_model=StoredMapOut,
    status_code=201,
    responses=ERRORS,
    tags=["maps"],
)
def future_api(request: Request, ws: Workspace, map_id: MapId) -> dict[str, Any]:
    """A future-state map based on the map's latest revision (a future-state map itself is refused, 400)."""
    access, actor = _api(request, ws, Role.EDITOR)
    return future_state_map(screen_context(request, access), actor, map_id).to_dict(lang_of(request))


@router.post(
    "/api/v1/workspaces/{ws}/maps/{map_id}/archive",
    response_model=MapSummary,
    responses=ERRORS,
    tags=["maps"],
)
def archive_api(request: Request, ws: Workspace, map_id: MapId) -> dict[str, Any]:
    """Archive a map: hidden from the maps list by default, read-only until it is unarchived."""
    access, actor = _api(request, ws, Role.EDITOR)
    return archive_map(screen_context(request, access), actor, map_id, True).to_dict()


@router.post(
    "/api/v1/workspaces/{ws}/maps/{map_id}/unarchive",
    response_model=MapSummary,
    responses=ERRORS,
    tags=["maps"],
)
def unarchive_api(request: Request, ws: Workspace, map_id: MapId) -> dict[str, Any]:
    """Take a map out of the archive."""
    access, actor = _api(request, ws, Role.EDITOR)
    return archive_map(screen_context(request, access), actor, map_id, False).to_dict()


@router.delete(
    "/api/v1/workspaces/{ws}/maps/{map_id}", response_model=DeletedMapOut, responses=ERRORS, tags=["maps"]
)
def delete_api(request: Request, ws: Workspace, map_id: MapId) -> DeletedMapOut:
    """Delete a map for good (workspace administrators): its revisions, surveys, alert rules, snapshots and
    opportunities. Fired alerts stay in the feed."""
    access, actor = _api(request, ws, Role.ADMIN)
    return delete_map(screen_context(request, access), actor, map_id)
