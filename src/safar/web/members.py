"""A workspace's members page (``/w/{ws}/members``) and its JSON twin (``/api/v1/workspaces/{ws}/members``),
for the workspace's own admins and the installation's administrators.

They see the members, invite a colleague (an existing user by name, or a new one whose password is shown
once), change a role and remove a member, in this workspace only: every call goes to
:mod:`safar.services.members`, which reaches no other workspace, no token, no administrator flag. Anyone
else gets what every workspace page gives them: a workspace they are not in does not exist (404), a role
below admin is a 403.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Body, Depends
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from safar.accounts import Accounts, Actor, Role
from safar.services import members as svc
from safar.services.admin import MemberIn, PasswordOut, WorkspaceOut
from safar.web.admin import ROLES, Username
from safar.web.api import ERRORS
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import asked_first, current_user, lang_of, services, workspace_access
from safar.web.forms import filled, parse_form, read_form
from safar.web.render import render
from safar.web.security import check_csrf
from safar.web.threads import run_long

router = APIRouter()


@asked_first
def _manager_first(request: Request) -> None:
    manager_of(request, str(request.path_params.get("ws", "")), "api")


# who manages the workspace's members, checked before a body is validated (403 before 422)
MANAGER_FIRST = Depends(_manager_first)


def manager_of(request: Request, ws: str, via: str) -> tuple[Accounts, Actor]:
    """The accounts and who manages ``ws``'s members: one of its admins, or an administrator of the
    installation (member or not); anyone else gets the workspace's 404 or 403."""
    user = current_user(request)
    limited = getattr(request.state, "token_workspace", None)
    if not user.is_admin or limited not in (None, ws):
        workspace_access(request, ws, Role.ADMIN)
    if via == "api" and request.method != "GET" and not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return services(request).accounts, Actor(user.username, via)


def _page(request: Request, ws: str, accounts: Accounts, made: PasswordOut | None = None) -> Response:
    context = {"ws": ws, "screen": svc.members_screen(accounts, ws), "roles": ROLES, "made": made}
    return render(request, "members.html", context)


def _back(ws: str) -> RedirectResponse:
    return RedirectResponse(f"/w/{quote(ws)}/members", status_code=303)


@router.get("/w/{ws}/members", include_in_schema=False)
def members_page(request: Request, ws: str) -> Response:
    accounts, _ = manager_of(request, ws, "web")
    return _page(request, ws, accounts)


@router.post("/w/{ws}/members", include_in_schema=False)
async def members_add(request: Request, ws: str) -> Response:
    form = await read_form(request)
    accounts, actor = manager_of(request, ws, "web")
    svc.set_member(accounts, actor, ws, form.get("username", "").strip(), form.get("role", ""))
    return _back(ws)


@router.post("/w/{ws}/members/new", include_in_schema=False)
async def members_invite(request: Request, ws: str) -> Response:
    form = await read_form(request)
    accounts, actor = manager_of(request, ws, "web")
    new = parse_form(svc.NewMemberIn, filled(form, svc.NewMemberIn), lang_of(request))
    made = await run_long(svc.invite_member, accounts, actor, ws, new)  # argon2: off the event loop
    return _page(request, ws, accounts, made)  # the password: once


@router.post("/w/{ws}/members/{username}/remove", include_in_schema=False)
async def members_remove(request: Request, ws: str, username: str) -> Response:
    await read_form(request)
    accounts, actor = manager_of(request, ws, "web")
    svc.remove_member(accounts, actor, ws, username)
    return _back(ws)


@router.get(
    "/api/v1/workspaces/{ws}/members",
    response_model=WorkspaceOut,
    responses=ERRORS,
    tags=["members"],
)
def api_members(request: Request, ws: WorkspaceSlug) -> WorkspaceOut:
    """The workspace's members and their roles (its admins and the installation's administrators)."""
    return svc.members_screen(manager_of(request, ws, "api")[0], ws)


@router.post(
    "/api/v1/workspaces/{ws}/members",
    response_model=PasswordOut,
    status_code=201,
    responses=ERRORS,
    tags=["members"],
    dependencies=[MANAGER_FIRST],
)
def api_invite(request: Request, ws: WorkspaceSlug, body: svc.NewMemberIn) -> PasswordOut:
    """A colleague with no account yet: a user made in this workspace only, with a generated password
    returned once."""
    return svc.invite_member(*manager_of(request, ws, "api"), ws, body)


@router.put(
    "/api/v1/workspaces/{ws}/members/{username}",
    response_model=WorkspaceOut,
    responses=ERRORS,
    tags=["members"],
    dependencies=[MANAGER_FIRST],
)
def api_set_member(
    request: Request, ws: WorkspaceSlug, username: Username, body: MemberIn = Body()
) -> WorkspaceOut:
    """An existing user's role in the workspace (added if not a member yet); its last admin stays one."""
    return svc.set_member(*manager_of(request, ws, "api"), ws, username, body.role)


@router.delete(
    "/api/v1/workspaces/{ws}/members/{username}",
    response_model=WorkspaceOut,
    responses=ERRORS,
    tags=["members"],
)
def api_remove_member(request: Request, ws: WorkspaceSlug, username: Username) -> WorkspaceOut:
    """The user leaves the workspace (their account stays); its last admin stays."""
    return svc.remove_member(*manager_of(request, ws, "api"), ws, username)
