"""A signed-in user's own account (``/account`` and ``/api/v1/me``): who they are, the browsers they are
signed in on, changing their own password and signing out everywhere else.

A new password ends every session of the user (:meth:`safar.accounts.Accounts.set_password`); the browser
that changed it is signed in again by its edge, so only the others are signed out. Each change is audited
with the user as its actor.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from safar.accounts import Accounts, Actor, User
from safar.errors import ValidationError
from safar.sessions import Sessions

__all__ = [
    "AccountOut",
    "PasswordChangeIn",
    "SessionOut",
    "account_screen",
    "change_password",
    "sign_out_others",
]


class SessionOut(BaseModel):
    started_at: datetime
    last_seen_at: datetime
    current: bool = Field(description="This browser's own session.")


class AccountOut(BaseModel):
    username: str
    display_name: str
    admin: bool
    sessions: list[SessionOut] = Field(
        description="The browsers signed in as this user, the last used first."
    )


class PasswordChangeIn(BaseModel):
    current: str = Field(min_length=1, max_length=200, description="The password in use now.")
    new: str = Field(min_length=1, max_length=200, description="The new password (at least 8 characters).")


def account_screen(sessions: Sessions, user: User, token: str | None) -> AccountOut:
    """The user and their live sessions, ``token``'s marked as the current one."""
    return AccountOut(
        username=user.username,
        display_name=user.display_name,
        admin=user.is_admin,
        sessions=[
            SessionOut.model_validate(s, from_attributes=True) for s in sessions.listed(user.id, token)
        ],
    )


def change_password(accounts: Accounts, user: User, change: PasswordChangeIn, *, via: str) -> None:
    """The user's own new password, when ``change.current`` is the one in use; every session ends."""
    if accounts.authenticate(user.username, change.current) is None:
        raise ValidationError("account.wrong_password")
    if change.new == change.current:
        raise ValidationError("account.same_password")
    accounts.set_password(user.username, change.new, by=Actor(user.username, via))


def sign_out_others(sessions: Sessions, user: User, token: str | None) -> int:
    """End every session of the user but this browser's; how many ended."""
    return sessions.end_others(user.id, token)
