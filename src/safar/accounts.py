"""Users, passwords (argon2), roles per workspace and API tokens.

>>> Role.VIEWER < Role.EDITOR < Role.ADMIN
True
>>> Role.parse("editor").can_edit
True
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import IntEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from safar.errors import InputError, NotFoundError, ValidationError
from safar.store import accounts as repo
from safar.store.repository import ensure_workspace

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a real password")
MIN_PASSWORD = 8


class Role(IntEnum):
    VIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @classmethod
    def parse(cls, name: str) -> Role:
        try:
            return cls[name.upper()]
        except KeyError:
            raise InputError("role.unknown", role=name, allowed=["viewer", "editor", "admin"]) from None

    @property
    def can_edit(self) -> bool:
        return self >= Role.EDITOR

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    is_admin: bool


class Accounts:
    """Account operations over the app database's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_user(
        self,
        username: str,
        password: str,
        *,
        display_name: str = "",
        admin: bool = False,
        workspace: str = "default",
    ) -> User:
        username = username.strip()
        if not username or len(username) > 100:
            raise ValidationError("user.bad_username", username=username)
        if len(password) < MIN_PASSWORD:
            raise ValidationError("user.short_password", minimum=MIN_PASSWORD)
        with Session(self.engine) as s, s.begin():
            if repo.find_user(s, username) is not None:
                raise ValidationError("user.exists", username=username)
            row = repo.add_user(s, username, display_name or username, _hasher.hash(password), admin)
            workspace_id = ensure_workspace(s, workspace)
            repo.set_role(s, row.id, workspace_id, Role.ADMIN.label if admin else Role.EDITOR.label)
            return _user(row)

    def authenticate(self, username: str, password: str) -> User | None:
        """The user when the password is right; ``None`` otherwise (same work either way)."""
        with Session(self.engine) as s:
            row = repo.find_user(s, username.strip())
            try:
                _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
            except (VerificationError, InvalidHashError):
                return None
            return _user(row) if row else None

    def exists(self, username: str) -> bool:
        with Session(self.engine) as s:
            return repo.find_user(s, username) is not None

    def set_password(self, username: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise ValidationError("user.short_password", minimum=MIN_PASSWORD)
        with Session(self.engine) as s, s.begin():
            row = repo.find_user(s, username)
            if row is None:
                raise NotFoundError("user.not_found", username=username)
            row.password_hash = _hasher.hash(password)

    def get(self, user_id: int) -> User | None:
        with Session(self.engine) as s:
            row = repo.get_user(s, user_id)
            return _user(row) if row else None

    def grant(self, username: str, workspace: str, role: Role) -> None:
        with Session(self.engine) as s, s.begin():
            row = repo.find_user(s, username)
            if row is None:
                raise NotFoundError("user.not_found", username=username)
            repo.set_role(s, row.id, ensure_workspace(s, workspace), role.label)

    def role(self, user: User, workspace_id: int) -> Role | None:
        with Session(self.engine) as s:
            name = repo.role_of(s, user.id, workspace_id)
        return Role.parse(name) if name else None

    def workspaces(self, user: User) -> list[tuple[str, str, Role]]:
        with Session(self.engine) as s:
            return [(slug, name, Role.parse(role)) for slug, name, role in repo.workspaces_of(s, user.id)]

    def create_token(self, username: str, name: str) -> str:
        """A new API token; it is shown once and only its hash is kept."""
        token = "sft_" + secrets.token_urlsafe(32)
        with Session(self.engine) as s, s.begin():
            row = repo.find_user(s, username)
            if row is None:
                raise NotFoundError("user.not_found", username=username)
            repo.add_token(s, row.id, name, _token_hash(token))
        return token

    def user_for_token(self, token: str) -> User | None:
        with Session(self.engine) as s:
            row = repo.user_by_token(s, _token_hash(token))
            return _user(row) if row else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user(row: repo.UserRow) -> User:
    return User(row.id, row.username, row.display_name, row.is_admin)
