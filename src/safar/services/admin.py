"""Administration (مدیریت): users, roles per workspace, workspaces, API tokens and the audit log.

One function per screen or act, each returning one typed result: the pages under ``/admin``, their JSON
twins under ``/api/v1/admin`` and ``safar user …`` / ``safar workspace …`` call the same functions. Every
act names its :class:`~safar.accounts.Actor` and is written to the audit log with the change itself.

A password or a token is returned once, by the act that made it, and never again: a new user's or a reset
password left blank is generated (``generated_password``); a new token is in :class:`NewTokenOut` only.

>>> TokenIn(username="crm", name="crm sync", scope="read").workspace is None
True
"""

from __future__ import annotations

import math
import secrets
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field

from safar.accounts import Accounts, Actor, Role, TokenScope

__all__ = [
    "AuditEntryOut",
    "AuditOut",
    "MemberIn",
    "NewTokenOut",
    "NewUserIn",
    "PasswordOut",
    "TokenIn",
    "TokenOut",
    "TokensOut",
    "UserOut",
    "UsersOut",
    "WorkspaceIn",
    "WorkspaceOut",
    "WorkspacesOut",
    "audit_log",
    "create_token",
    "create_user",
    "create_workspace",
    "remove_member",
    "rename_workspace",
    "reset_password",
    "revoke_token",
    "set_member",
    "set_user_admin",
    "set_user_disabled",
    "tokens_screen",
    "users_screen",
    "workspaces_screen",
]

RoleName = Literal["viewer", "editor", "admin"]
ScopeName = Literal["read", "write"]
AUDIT_PAGE = 50


# Inputs --------------------------------------------------------------------------------------------
class NewUserIn(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    display_name: str = Field(default="", max_length=200)
    password: str = Field(
        default="", max_length=200, description="Left blank, one is generated (shown once)."
    )
    workspace: str = Field(default="default", min_length=1, max_length=64)
    role: RoleName = "viewer"
    admin: bool = Field(default=False, description="An administrator of the installation (these pages).")


class MemberIn(BaseModel):
    role: RoleName


class WorkspaceIn(BaseModel):
    slug: str = Field(min_length=1, max_length=64, description="Lower-case letters, digits, '-' and '_'.")
    name: str = Field(default="", max_length=200)


class TokenIn(BaseModel):
    username: str = Field(min_length=1, max_length=100, description="The token acts as this user.")
    name: str = Field(min_length=1, max_length=200, description="What the token is for, e.g. 'crm sync'.")
    scope: ScopeName = Field(default="read", description="read: GET requests only; write: also changes.")
    workspace: str | None = Field(
        default=None,
        max_length=64,
        description="Limited to this workspace; every workspace of the user if not set.",
    )
    expires_days: int = Field(
        default=365, ge=1, le=3650, description="The token stops working this many days after it is made."
    )


# Results -------------------------------------------------------------------------------------------
class MembershipOut(BaseModel):
    workspace: str
    workspace_name: str
    role: RoleName


class UserOut(BaseModel):
    username: str
    display_name: str
    admin: bool
    disabled: bool
    created_at: datetime
    disabled_at: datetime | None
    workspaces: list[MembershipOut]


class UsersOut(BaseModel):
    users: list[UserOut]


class PasswordOut(BaseModel):
    """A user made or a password reset; ``generated_password`` only when Safar chose it (shown once)."""

    user: UserOut
    generated_password: str | None = None
    tokens_working: int = Field(
        default=0,
        description="the user's API tokens that still work (a password reset keeps them unless asked)",
    )


class MemberOut(BaseModel):
    username: str
    display_name: str
    role: RoleName
    disabled: bool


class WorkspaceOut(BaseModel):
    slug: str
    name: str
    created_at: datetime
    members: list[MemberOut]


class WorkspacesOut(BaseModel):
    workspaces: list[WorkspaceOut]


class TokenOut(BaseModel):
    id: int
    name: str
    username: str
    scope: ScopeName
    workspace: str | None
    prefix: str | None = Field(description="The token's first characters, to recognise it; never the token.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None = Field(default=None, description="When it stops working (none: never).")
    active: bool


class TokensOut(BaseModel):
    tokens: list[TokenOut]


class NewTokenOut(BaseModel):
    token: str = Field(description="Shown once: only its hash is kept.")
    about: TokenOut


class AuditEntryOut(BaseModel):
    at: datetime
    actor: str
    via: Literal["web", "api", "cli"]
    action: str
    target: str
    workspace: str | None
    details: dict[str, Any]


class AuditOut(BaseModel):
    entries: list[AuditEntryOut]
    total: int
    page: int
    pages: int


# Screens -------------------------------------------------------------------------------------------
def users_screen(accounts: Accounts) -> UsersOut:
    """Every user with their workspaces and roles, disabled users too."""
    return UsersOut(
        users=[
            UserOut(
                username=u.user.username,
                display_name=u.user.display_name,
                admin=u.user.is_admin,
                disabled=u.disabled_at is not None,
                created_at=u.created_at,
                disabled_at=u.disabled_at,
                workspaces=[
                    MembershipOut(workspace=s, workspace_name=n, role=r.label) for s, n, r in u.memberships
                ],
            )
            for u in accounts.users()
        ]
    )


def workspaces_screen(accounts: Accounts) -> WorkspacesOut:
    """Every workspace with its members and their roles."""
    return WorkspacesOut(
        workspaces=[
            WorkspaceOut(
                slug=w.slug,
                name=w.name,
                created_at=w.created_at,
                members=[
                    MemberOut(username=u, display_name=d, role=r.label, disabled=off)
                    for u, d, r, off in w.members
                ],
            )
            for w in accounts.all_workspaces()
        ]
    )


def tokens_screen(accounts: Accounts) -> TokensOut:
    """Every API token, newest first, with its scope and when it was last used; revoked ones marked."""
    return TokensOut(
        tokens=[
            TokenOut(
                id=t.id,
                name=t.name,
                username=t.username,
                scope=t.scope.value,
                workspace=t.workspace,
                prefix=t.prefix,
                created_at=t.created_at,
                last_used_at=t.last_used_at,
                revoked_at=t.revoked_at,
                expires_at=t.expires_at,
                active=t.revoked_at is None and not t.expired,
            )
            for t in accounts.tokens()
        ]
    )


def audit_log(accounts: Accounts, page: int = 1) -> AuditOut:
    """Who did what, when: page ``page`` of the audit log, newest first."""
    entries, total = accounts.audit(offset=(max(page, 1) - 1) * AUDIT_PAGE, limit=AUDIT_PAGE)
    return AuditOut(
        entries=[AuditEntryOut.model_validate(e, from_attributes=True) for e in entries],
        total=total,
        page=max(page, 1),
        pages=max(1, math.ceil(total / AUDIT_PAGE)),
    )


# Acts ------------------------------------------------------------------------------------------------
def create_user(accounts: Accounts, actor: Actor, new: NewUserIn) -> PasswordOut:
    """A new user, member of one workspace with one role; a blank password is generated and returned once."""
    password = new.password or _password()
    accounts.create_user(
        new.username,
        password,
        display_name=new.display_name,
        admin=new.admin,
        workspace=new.workspace,
        role=Role.parse(new.role),
        by=actor,
    )
    return PasswordOut(
        user=_user(accounts, new.username.strip()), generated_password=None if new.password else password
    )


def reset_password(
    accounts: Accounts, actor: Actor, username: str, password: str = "", *, revoke_tokens: bool = False
) -> PasswordOut:
    """A new password for ``username`` (a blank one is generated and returned once); their sessions end, and
    with ``revoke_tokens`` their API tokens too."""
    chosen = password or _password()
    working = accounts.set_password(username, chosen, by=actor, revoke_tokens=revoke_tokens)
    return PasswordOut(
        user=_user(accounts, username),
        generated_password=None if password else chosen,
        tokens_working=working,
    )


def set_user_disabled(accounts: Accounts, actor: Actor, username: str, disabled: bool) -> UserOut:
    accounts.set_disabled(username, disabled, by=actor)
    return _user(accounts, username)


def set_user_admin(accounts: Accounts, actor: Actor, username: str, admin: bool) -> UserOut:
    """Make ``username`` an administrator of the installation, or no longer one (never oneself, never the
    last active one)."""
    accounts.set_admin(username, admin, by=actor)
    return _user(accounts, username)


def set_member(accounts: Accounts, actor: Actor, workspace: str, username: str, role: str) -> WorkspaceOut:
    """Make ``username`` ``role`` of ``workspace`` (added if not a member yet)."""
    accounts.grant(username, workspace, Role.parse(role), by=actor)
    return _workspace(accounts, workspace)


def remove_member(accounts: Accounts, actor: Actor, workspace: str, username: str) -> WorkspaceOut:
    accounts.ungrant(username, workspace, by=actor)
    return _workspace(accounts, workspace)


def create_workspace(accounts: Accounts, actor: Actor, new: WorkspaceIn) -> WorkspaceOut:
    accounts.create_workspace(new.slug, new.name, by=actor)
    return _workspace(accounts, new.slug.strip())


def rename_workspace(accounts: Accounts, actor: Actor, workspace: str, name: str) -> WorkspaceOut:
    accounts.rename_workspace(workspace, name, by=actor)
    return _workspace(accounts, workspace)


def create_token(accounts: Accounts, actor: Actor, new: TokenIn) -> NewTokenOut:
    """A new API token acting as ``new.username`` within its scope; the token is in the result, once."""
    token, made = accounts.issue_token(
        new.username,
        new.name,
        scope=TokenScope.parse(new.scope),
        workspace=new.workspace or None,
        expires_in=timedelta(days=new.expires_days),
        by=actor,
    )
    return NewTokenOut(token=token, about=_token(accounts, made))


def revoke_token(accounts: Accounts, actor: Actor, token_id: int) -> TokenOut:
    accounts.revoke_token(token_id, by=actor)
    return _token(accounts, token_id)


def _password() -> str:
    return secrets.token_urlsafe(12)


def _user(accounts: Accounts, username: str) -> UserOut:
    return next(u for u in users_screen(accounts).users if u.username == username)


def _workspace(accounts: Accounts, slug: str) -> WorkspaceOut:
    return next(w for w in workspaces_screen(accounts).workspaces if w.slug == slug)


def _token(accounts: Accounts, token_id: int) -> TokenOut:
    return next(t for t in tokens_screen(accounts).tokens if t.id == token_id)
