"""The administration pages (``/admin/…``) and their JSON twins (``/api/v1/admin/…``): users, roles per
workspace, workspaces, API tokens and the audit log, for the installation's administrators only.

Each page and its twin call the same function of :mod:`safar.services.admin`; every act is audited there
with who did it and through which edge (``web`` or ``api``). Anyone else gets the ordinary 403. Through the
API an administrator's token must be a ``write`` token to act and may not be limited to one workspace.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Accounts, Actor, Role
from safar.services import admin as svc
from safar.web.api import ERRORS
from safar.web.context import asked_first, current_user, lang_of, services
from safar.web.forms import filled, parse_form, read_form
from safar.web.render import render
from safar.web.security import ForbiddenError, check_csrf
from safar.web.threads import run_long

router = APIRouter()
pages = APIRouter(include_in_schema=False)


@asked_first
def _admin_first(request: Request) -> None:
    admin_of(request, "api")


api = APIRouter(
    prefix="/api/v1/admin",
    tags=["administration"],
    # an administrator, checked before a body is validated (403 before 422): see safar.web.context.role_first
    dependencies=[Depends(_admin_first)],
)

Username = Annotated[str, Path(min_length=1, max_length=100)]
WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]
TokenId = Annotated[int, Path(ge=1, le=2_147_483_647)]
ROLES = [r.label for r in Role]


class PasswordIn(BaseModel):
    password: str = Field(
        default="", max_length=200, description="Left blank, one is generated (shown once)."
    )
    revoke_tokens: bool = Field(
        default=False, description="Also revoke the user's API tokens (their sessions end in any case)."
    )


class AdminIn(BaseModel):
    admin: bool = Field(description="An administrator of the installation (these pages), or not.")


class RenameIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)


def admin_of(request: Request, via: str) -> tuple[Accounts, Actor]:
    """The accounts and the acting administrator; a 403 for anyone else (and for a token limited to one
    workspace: administration is not one workspace's business)."""
    user = current_user(request)
    if not user.is_admin:
        raise ForbiddenError("admin.required")
    if getattr(request.state, "token_workspace", None) is not None:
        raise ForbiddenError("token.admin_limited")
    if via == "api" and request.method != "GET" and not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return services(request).accounts, Actor(user.username, via)


def _page(request: Request, name: str, context: dict[str, object], status: int = 200) -> Response:
    return render(
        request, name, {"section": name.removeprefix("admin_").removesuffix(".html"), **context}, status
    )


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# Users ---------------------------------------------------------------------------------------------
def _users_page(request: Request, accounts: Accounts, made: svc.PasswordOut | None = None) -> Response:
    return _page(
        request,
        "admin_users.html",
        {
            "screen": svc.users_screen(accounts),
            "workspaces": svc.workspaces_screen(accounts).workspaces,
            "roles": ROLES,
            "made": made,
            "me": current_user(request).username,
        },
    )


@pages.get("/admin/users")
def users_page(request: Request) -> Response:
    accounts, _ = admin_of(request, "web")
    return _users_page(request, accounts)


@pages.post("/admin/users")
async def users_create(request: Request) -> Response:
    form = await read_form(request)
    accounts, actor = admin_of(request, "web")
    fields = filled(form, svc.NewUserIn) | {"admin": "admin" in form}
    new = parse_form(svc.NewUserIn, fields, lang_of(request))
    made = await run_long(svc.create_user, accounts, actor, new)  # argon2: off the event loop
    return _users_page(request, accounts, made) if made.generated_password else _back("/admin/users")


@pages.post("/admin/users/{username}/password")
async def users_password(request: Request, username: str) -> Response:
    form = await read_form(request)
    accounts, actor = admin_of(request, "web")
    revoke = form.get("revoke_tokens") == "1"
    made = await run_long(
        svc.reset_password, accounts, actor, username, form.get("password", ""), revoke_tokens=revoke
    )
    # the page says what was done: the password to pass on once, and the tokens that still work
    return (
        _users_page(request, accounts, made)
        if made.generated_password or made.tokens_working
        else _back("/admin/users")
    )


@pages.post("/admin/users/{username}/disable")
async def users_disable(request: Request, username: str) -> Response:
    await read_form(request)
    svc.set_user_disabled(*admin_of(request, "web"), username, True)
    return _back("/admin/users")


@pages.post("/admin/users/{username}/enable")
async def users_enable(request: Request, username: str) -> Response:
    await read_form(request)
    svc.set_user_disabled(*admin_of(request, "web"), username, False)
    return _back("/admin/users")


@pages.post("/admin/users/{username}/admin")
async def users_admin(request: Request, username: str) -> Response:
    form = await read_form(request)
    accounts, actor = admin_of(request, "web")
    svc.set_user_admin(accounts, actor, username, parse_form(AdminIn, form, lang_of(request)).admin)
    return _back("/admin/users")


@api.get("/users", response_model=svc.UsersOut, responses=ERRORS)
def api_users(request: Request) -> svc.UsersOut:
    """Every user with their workspaces and roles (the users page)."""
    return svc.users_screen(admin_of(request, "api")[0])


@api.post("/users", response_model=svc.PasswordOut, status_code=201, responses=ERRORS)
def api_create_user(request: Request, body: svc.NewUserIn) -> svc.PasswordOut:
    """A new user in one workspace with one role; a blank password is generated and returned once."""
    return svc.create_user(*admin_of(request, "api"), body)


@api.post("/users/{username}/disable", response_model=svc.UserOut, responses=ERRORS)
def api_disable(request: Request, username: Username) -> svc.UserOut:
    """The user can no longer log in; their session ends and their tokens stop working."""
    return svc.set_user_disabled(*admin_of(request, "api"), username, True)


@api.post("/users/{username}/enable", response_model=svc.UserOut, responses=ERRORS)
def api_enable(request: Request, username: Username) -> svc.UserOut:
    return svc.set_user_disabled(*admin_of(request, "api"), username, False)


@api.put("/users/{username}/admin", response_model=svc.UserOut, responses=ERRORS)
def api_admin(request: Request, username: Username, body: AdminIn) -> svc.UserOut:
    """Make the user an administrator of the installation, or no longer one: nobody takes it from
    themselves, and the last active administrator keeps it (422)."""
    return svc.set_user_admin(*admin_of(request, "api"), username, body.admin)


@api.put("/users/{username}/password", response_model=svc.PasswordOut, responses=ERRORS)
def api_password(request: Request, username: Username, body: PasswordIn = Body()) -> svc.PasswordOut:
    """A new password; a blank one is generated and returned once."""
    return svc.reset_password(
        *admin_of(request, "api"), username, body.password, revoke_tokens=body.revoke_tokens
    )


# Workspaces and their members ------------------------------------------------------------------------
@pages.get("/admin/workspaces")
def workspaces_page(request: Request) -> Response:
    accounts, _ = admin_of(request, "web")
    users = [u for u in svc.users_screen(accounts).users if not u.disabled]
    return _page(
        request,
        "admin_workspaces.html",
        {"screen": svc.workspaces_screen(accounts), "users": users, "roles": ROLES},
    )


@pages.post("/admin/workspaces")
async def workspaces_create(request: Request) -> Response:
    form = await read_form(request)
    accounts, actor = admin_of(request, "web")
    made = svc.create_workspace(
        accounts, actor, parse_form(svc.WorkspaceIn, filled(form, svc.WorkspaceIn), lang_of(request))
    )
    return _back(f"/admin/workspaces#ws-{quote(made.slug)}")


@pages.post("/admin/workspaces/{ws}/rename")
async def workspaces_rename(request: Request, ws: str) -> Response:
    form = await read_form(request)
    accounts, actor = admin_of(request, "web")
    svc.rename_workspace(accounts, actor, ws, parse_form(RenameIn, form, lang_of(request)).name)
    return _back(f"/admin/workspaces#ws-{quote(ws)}")


@pages.post("/admin/workspaces/{ws}/members")
async def members_set(request: Request, ws: str) -> Response:
    form = await read_form(request)
    accounts, actor = admin_of(request, "web")
    svc.set_member(accounts, actor, ws, form.get("username", ""), form.get("role", ""))
    return _back(f"/admin/workspaces#ws-{quote(ws)}")


@pages.post("/admin/workspaces/{ws}/members/{username}/remove")
async def members_remove(request: Request, ws: str, username: str) -> Response:
    await read_form(request)
    accounts, actor = admin_of(request, "web")
    svc.remove_member(accounts, actor, ws, username)
    return _back(f"/admin/workspaces#ws-{quote(ws)}")


@api.get("/workspaces", response_model=svc.WorkspacesOut, responses=ERRORS)
def api_workspaces(request: Request) -> svc.WorkspacesOut:
    """Every workspace with its members and their roles (the workspaces page)."""
    return svc.workspaces_screen(admin_of(request, "api")[0])


@api.post("/workspaces", response_model=svc.WorkspaceOut, status_code=201, responses=ERRORS)
def api_create_workspace(request: Request, body: svc.WorkspaceIn) -> svc.WorkspaceOut:
    """A new workspace; the administrator who makes it becomes its admin."""
    return svc.create_workspace(*admin_of(request, "api"), body)


@api.patch("/workspaces/{ws}", response_model=svc.WorkspaceOut, responses=ERRORS)
def api_rename_workspace(request: Request, ws: WorkspaceSlug, body: RenameIn) -> svc.WorkspaceOut:
    """A new display name (the slug in addresses stays)."""
    return svc.rename_workspace(*admin_of(request, "api"), ws, body.name)


@api.put("/workspaces/{ws}/members/{username}", response_model=svc.WorkspaceOut, responses=ERRORS)
def api_set_member(
    request: Request, ws: WorkspaceSlug, username: Username, body: svc.MemberIn
) -> svc.WorkspaceOut:
    """The user's role in the workspace (added if not a member yet)."""
    return svc.set_member(*admin_of(request, "api"), ws, username, body.role)


@api.delete("/workspaces/{ws}/members/{username}", response_model=svc.WorkspaceOut, responses=ERRORS)
def api_remove_member(request: Request, ws: WorkspaceSlug, username: Username) -> svc.WorkspaceOut:
    return svc.remove_member(*admin_of(request, "api"), ws, username)


# API tokens ----------------------------------------------------------------------------------------
def _tokens_page(request: Request, accounts: Accounts, made: svc.NewTokenOut | None = None) -> Response:
    screen = svc.users_screen(accounts)
    return _page(
        request,
        "admin_tokens.html",
        {
            "screen": svc.tokens_screen(accounts),
            "users": [u for u in screen.users if not u.disabled],
            "workspaces": svc.workspaces_screen(accounts).workspaces,
            "made": made,
        },
    )


@pages.get("/admin/tokens")
def tokens_page(request: Request) -> Response:
    accounts, _ = admin_of(request, "web")
    return _tokens_page(request, accounts)


@pages.post("/admin/tokens")
async def tokens_create(request: Request) -> Response:
    form = await read_form(request)
    accounts, actor = admin_of(request, "web")
    made = svc.create_token(
        accounts, actor, parse_form(svc.TokenIn, filled(form, svc.TokenIn), lang_of(request))
    )
    return _tokens_page(request, accounts, made)  # the token is shown on this answer only, never again


@pages.post("/admin/tokens/{token_id}/revoke")
async def tokens_revoke(request: Request, token_id: int) -> Response:
    await read_form(request)
    svc.revoke_token(*admin_of(request, "web"), token_id)
    return _back("/admin/tokens")


@api.get("/tokens", response_model=svc.TokensOut, responses=ERRORS)
def api_tokens(request: Request) -> svc.TokensOut:
    """Every API token, newest first, with its scope, workspace and last use (never the token)."""
    return svc.tokens_screen(admin_of(request, "api")[0])


@api.post("/tokens", response_model=svc.NewTokenOut, status_code=201, responses=ERRORS)
def api_create_token(request: Request, body: svc.TokenIn) -> svc.NewTokenOut:
    """A new token acting as a user within its scope (``read``: GET only; ``write``: also changes), all
    the user's workspaces or one; the token is in this answer only."""
    return svc.create_token(*admin_of(request, "api"), body)


@api.delete("/tokens/{token_id}", response_model=svc.TokenOut, responses=ERRORS)
def api_revoke_token(request: Request, token_id: TokenId) -> svc.TokenOut:
    """The token stops working at once (401); it stays listed as revoked."""
    return svc.revoke_token(*admin_of(request, "api"), token_id)


# The audit log -------------------------------------------------------------------------------------
@pages.get("/admin/audit")
def audit_page(request: Request, page: int = Query(default=1, ge=1, le=1_000_000)) -> Response:
    accounts, _ = admin_of(request, "web")
    return _page(request, "admin_audit.html", {"screen": svc.audit_log(accounts, page)})


@api.get("/audit", response_model=svc.AuditOut, responses=ERRORS)
def api_audit(request: Request, page: int = Query(default=1, ge=1, le=1_000_000)) -> svc.AuditOut:
    """Who did what, when: the audit log newest first, 50 entries a page."""
    return svc.audit_log(admin_of(request, "api")[0], page)


router.include_router(pages)
router.include_router(api)
