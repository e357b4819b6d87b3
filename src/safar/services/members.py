"""A workspace's members (اعضا), managed by that workspace's own admins: who is in it and with which role,
a colleague invited (an existing user by name, or a new one whose password is generated and returned once),
a role changed, a member removed.

The page ``/w/{ws}/members``, its JSON twin under ``/api/v1/workspaces/{ws}/members`` and nothing else call
these; who may (the workspace's admins and the installation's administrators) is decided at the web edge.
Nothing here reaches beyond the one workspace: no other workspace, no token, no administrator flag, no
disabling. Every act is audited with its :class:`~safar.accounts.Actor`, and the workspace's last admin
is neither demoted nor removed (``member.last_admin``), so someone is always left to manage it.

>>> NewMemberIn(username="mina").role
'viewer'
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from safar.accounts import Accounts, Actor, Role
from safar.errors import NotFoundError
from safar.services.admin import (
    NewUserIn,
    PasswordOut,
    RoleName,
    WorkspaceOut,
    create_user,
    workspaces_screen,
)

__all__ = ["NewMemberIn", "invite_member", "members_screen", "remove_member", "set_member"]


class NewMemberIn(BaseModel):
    """A colleague who has no account yet: one is made, with a generated password shown once."""

    username: str = Field(min_length=1, max_length=100)
    display_name: str = Field(default="", max_length=200)
    role: RoleName = "viewer"


def members_screen(accounts: Accounts, workspace: str) -> WorkspaceOut:
    """The workspace with its members and their roles, by user name."""
    for found in workspaces_screen(accounts).workspaces:
        if found.slug == workspace:
            return found
    raise NotFoundError("workspace.not_found", workspace=workspace)


def invite_member(accounts: Accounts, actor: Actor, workspace: str, new: NewMemberIn) -> PasswordOut:
    """A new user, member of ``workspace`` only and no administrator of the installation; their password
    is generated and returned once."""
    members_screen(accounts, workspace)  # a workspace that is not there is a 404 before anything is made
    return create_user(
        accounts,
        actor,
        NewUserIn(username=new.username, display_name=new.display_name, workspace=workspace, role=new.role),
    )


def set_member(accounts: Accounts, actor: Actor, workspace: str, username: str, role: str) -> WorkspaceOut:
    """Make an existing user ``role`` of ``workspace`` (added if not a member yet)."""
    accounts.grant(username, workspace, Role.parse(role), by=actor, keep_an_admin=True)
    return members_screen(accounts, workspace)


def remove_member(accounts: Accounts, actor: Actor, workspace: str, username: str) -> WorkspaceOut:
    """Take ``username`` out of ``workspace``; their account and other workspaces stay."""
    accounts.ungrant(username, workspace, by=actor, keep_an_admin=True)
    return members_screen(accounts, workspace)
