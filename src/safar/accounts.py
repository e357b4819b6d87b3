"""Users, passwords (argon2), roles per workspace, API tokens and the audit of who changed them.

Every change an administrator makes (``by=Actor(...)``) is written to the audit log in the same
transaction as the change itself. A disabled user cannot log in, their session ends and their tokens stop
working; a revoked token stops working; a token's scope is ``read`` (GET only) or ``write``, and it may be
limited to one workspace (enforced by the web edge, :mod:`safar.web.context`).

>>> Role.VIEWER < Role.EDITOR < Role.ADMIN
True
>>> Role.parse("editor").can_edit
True
>>> TokenScope.parse("read").can_write
False
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from safar.errors import InputError, NotFoundError, ValidationError
from safar.sessions import end_all
from safar.store import accounts as repo
from safar.store import audit
from safar.store.repository import ensure_workspace
from safar.store.tables import as_utc, utcnow

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a real password")
MIN_PASSWORD = 8
# An API token's life unless its maker chooses another (safar user token --expires-days, the admin page).
TOKEN_LIFETIME = timedelta(days=365)
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


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


class TokenScope(StrEnum):
    """What an API token may do: ``read`` (GET requests only) or ``write`` (what its owner's role allows)."""

    READ = "read"
    WRITE = "write"

    @classmethod
    def parse(cls, name: str) -> TokenScope:
        try:
            return cls(name.strip().lower())
        except ValueError:
            raise InputError("token.bad_scope", scope=name, allowed="read, write") from None

    @property
    def can_write(self) -> bool:
        return self is TokenScope.WRITE


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    is_admin: bool


@dataclass(frozen=True)
class Actor:
    """Who does an administrative act, and through which edge: ``web``, ``api`` or ``cli``."""

    username: str
    via: str = "cli"


@dataclass(frozen=True)
class TokenGrant:
    """What a presented API token allows: its owner, its scope and the one workspace it may be limited to."""

    user: User
    token_id: int
    name: str
    scope: TokenScope
    workspace: str | None


@dataclass(frozen=True)
class UserInfo:
    user: User
    created_at: datetime
    disabled_at: datetime | None
    memberships: list[tuple[str, str, Role]] = field(default_factory=list)  # (slug, name, role)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    username: str
    scope: TokenScope
    workspace: str | None
    prefix: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None = None  # None: no end

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= utcnow()


@dataclass(frozen=True)
class WorkspaceInfo:
    slug: str
    name: str
    created_at: datetime
    members: list[tuple[str, str, Role, bool]]  # (username, display name, role, disabled)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    via: str
    action: str
    target: str
    workspace: str | None
    details: dict[str, Any]


class Accounts:
    """Account operations over the app database's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Users ---------------------------------------------------------------------------------------
    def create_user(
        self,
        username: str,
        password: str,
        *,
        display_name: str = "",
        admin: bool = False,
        workspace: str = "default",
        role: Role | None = None,
        by: Actor | None = None,
    ) -> User:
        """A new user, member of ``workspace`` as ``role`` (admin with ``admin``, else editor, by default)."""
        username = username.strip()
        if not username or len(username) > 100 or any(c.isspace() for c in username):
            raise ValidationError("user.bad_username", username=username)
        _check_password(password)
        role = role or (Role.ADMIN if admin else Role.EDITOR)
        with Session(self.engine) as s, s.begin():
            if repo.find_user(s, username) is not None:
                raise ValidationError("user.exists", username=username)
            workspace_id = _workspace_id(s, workspace, create=by is None or by.via == "cli")
            row = repo.add_user(s, username, display_name.strip() or username, _hasher.hash(password), admin)
            repo.set_role(s, row.id, workspace_id, role.label)
            _audit(s, by, "user.create", username, workspace, role=role.label, admin=admin)
            return _user(row)

    def authenticate(self, username: str, password: str) -> User | None:
        """The user when the password is right and the user is not disabled; ``None`` otherwise (same work
        either way)."""
        with Session(self.engine) as s:
            row = repo.find_user(s, username.strip())
            try:
                _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
            except (VerificationError, InvalidHashError):
                return None
            return _user(row) if row and row.disabled_at is None else None

    def exists(self, username: str) -> bool:
        with Session(self.engine) as s:
            return repo.find_user(s, username) is not None

    def set_password(
        self, username: str, password: str, *, by: Actor | None = None, revoke_tokens: bool = False
    ) -> int:
        """A new password: every session of the user ends. Their API tokens are credentials of their own (an
        integration's) and keep working unless ``revoke_tokens`` (a password reset after a suspected
        compromise); returns how many of their tokens still work."""
        _check_password(password)
        with Session(self.engine) as s, s.begin():
            row = _find(s, username)
            row.password_hash = _hasher.hash(password)
            end_all(s, row.id, "password")  # whoever had the old password is signed out everywhere
            _audit(s, by, "user.password", username)
            working = repo.working_tokens(s, row.id, utcnow())
            if not revoke_tokens:
                return len(working)
            for token in working:
                token.revoked_at = utcnow()
                _audit(s, by, "token.revoke", username, None, name=token.name)
            return 0

    def set_disabled(self, username: str, disabled: bool, *, by: Actor | None = None) -> None:
        """Disable a user (no log-in, sessions end, tokens stop working) or enable them again."""
        with Session(self.engine) as s, s.begin():
            row = _find(s, username)
            if disabled and by is not None and by.username == row.username:
                raise ValidationError("user.disable_self", username=username)
            if (row.disabled_at is not None) == disabled:
                return
            if disabled and row.is_admin:
                _keep_an_admin(s, row)
            row.disabled_at = utcnow() if disabled else None
            if disabled:
                end_all(s, row.id, "disabled")
            _audit(s, by, "user.disable" if disabled else "user.enable", username)

    def set_admin(self, username: str, admin: bool, *, by: Actor | None = None) -> None:
        """Make the user an administrator of the installation or take it away; nobody takes it from
        themselves, and the last active administrator keeps it."""
        with Session(self.engine) as s, s.begin():
            row = _find(s, username)
            if not admin and by is not None and by.username == row.username:
                raise ValidationError("user.admin_self", username=username)
            if row.is_admin == admin:
                return
            if not admin:
                _keep_an_admin(s, row)
            row.is_admin = admin
            _audit(s, by, "user.admin_grant" if admin else "user.admin_revoke", username)

    def get(self, user_id: int) -> User | None:
        """The user with this id, unless disabled (a disabled user's session ends with their next request)."""
        with Session(self.engine) as s:
            row = repo.get_user(s, user_id)
            return _user(row) if row and row.disabled_at is None else None

    def users(self) -> list[UserInfo]:
        """Every user, by user name, with their workspaces and roles (disabled users too)."""
        with Session(self.engine) as s:
            memberships: dict[int, list[tuple[str, str, Role]]] = {}
            for user_id, slug, name, role in repo.all_memberships(s):
                memberships.setdefault(user_id, []).append((slug, name, Role.parse(role)))
            return [
                UserInfo(_user(r), as_utc(r.created_at), as_utc(r.disabled_at), memberships.get(r.id, []))
                for r in repo.all_users(s)
            ]

    # Roles and workspaces ---------------------------------------------------------------------------
    def grant(
        self,
        username: str,
        workspace: str,
        role: Role,
        *,
        by: Actor | None = None,
        keep_an_admin: bool = False,
    ) -> None:
        """Make the user ``role`` of ``workspace`` (the CLI makes the workspace; an admin names one that is).
        With ``keep_an_admin`` the workspace's last admin is not made anything less."""
        with Session(self.engine) as s, s.begin():
            row = _find(s, username)
            workspace_id = _workspace_id(s, workspace, create=by is None or by.via == "cli")
            if keep_an_admin and role < Role.ADMIN:
                _workspace_keeps_an_admin(s, workspace_id, row, workspace)
            before = repo.role_of(s, row.id, workspace_id)
            repo.set_role(s, row.id, workspace_id, role.label)
            if before != role.label:
                _audit(s, by, "member.grant", username, workspace, role=role.label, before=before)

    def ungrant(
        self, username: str, workspace: str, *, by: Actor | None = None, keep_an_admin: bool = False
    ) -> None:
        """Take the user out of ``workspace`` (their account and other workspaces stay); with
        ``keep_an_admin`` the workspace's last admin stays."""
        with Session(self.engine) as s, s.begin():
            row = _find(s, username)
            workspace_id = _workspace_id(s, workspace, create=False)
            if keep_an_admin:
                _workspace_keeps_an_admin(s, workspace_id, row, workspace)
            before = repo.role_of(s, row.id, workspace_id)
            if not repo.remove_role(s, row.id, workspace_id):
                raise NotFoundError("member.not_found", username=username, workspace=workspace)
            _audit(s, by, "member.remove", username, workspace, before=before)

    def role(self, user: User, workspace_id: int) -> Role | None:
        with Session(self.engine) as s:
            name = repo.role_of(s, user.id, workspace_id)
        return Role.parse(name) if name else None

    def workspaces(self, user: User) -> list[tuple[str, str, Role]]:
        with Session(self.engine) as s:
            return [(slug, name, Role.parse(role)) for slug, name, role in repo.workspaces_of(s, user.id)]

    def all_workspaces(self) -> list[WorkspaceInfo]:
        """Every workspace, oldest first, with its members by user name."""
        with Session(self.engine) as s:
            users = {u.id: u for u in repo.all_users(s)}
            members: dict[str, list[tuple[str, str, Role, bool]]] = {}
            for user_id, slug, _name, role in repo.all_memberships(s):
                u = users[user_id]
                members.setdefault(slug, []).append(
                    (u.username, u.display_name, Role.parse(role), u.disabled_at is not None)
                )
            return [
                WorkspaceInfo(w.slug, w.name, as_utc(w.created_at), sorted(members.get(w.slug, [])))
                for w in repo.all_workspace_rows(s)
            ]

    def create_workspace(self, slug: str, name: str = "", *, by: Actor | None = None) -> None:
        """A new workspace; the administrator who makes it (when they have an account) becomes its admin."""
        slug, name = slug.strip(), name.strip() or slug.strip()
        if not SLUG.fullmatch(slug):
            raise ValidationError("workspace.bad_slug", workspace=slug)
        _check_name(name)
        with Session(self.engine) as s, s.begin():
            if repo.find_workspace(s, slug) is not None:
                raise ValidationError("workspace.exists", workspace=slug)
            workspace_id = ensure_workspace(s, slug, name)
            creator = repo.find_user(s, by.username) if by else None
            if creator is not None:
                repo.set_role(s, creator.id, workspace_id, Role.ADMIN.label)
            _audit(s, by, "workspace.create", slug, slug, name=name)

    def rename_workspace(self, slug: str, name: str, *, by: Actor | None = None) -> None:
        name = name.strip()
        _check_name(name)
        with Session(self.engine) as s, s.begin():
            row = repo.find_workspace(s, slug)
            if row is None:
                raise NotFoundError("workspace.not_found", workspace=slug)
            before, row.name = row.name, name
            if before != name:
                _audit(s, by, "workspace.rename", slug, slug, before=before, name=name)

    # API tokens -------------------------------------------------------------------------------------
    def create_token(
        self,
        username: str,
        name: str,
        *,
        scope: TokenScope = TokenScope.WRITE,
        workspace: str | None = None,
        expires_in: timedelta | None = TOKEN_LIFETIME,
        by: Actor | None = None,
    ) -> str:
        """A new API token; it is shown once and only its hash is kept (and its first characters, to
        recognise it in a list). It stops working after ``expires_in`` (``None``: never)."""
        return self.issue_token(
            username, name, scope=scope, workspace=workspace, expires_in=expires_in, by=by
        )[0]

    def issue_token(
        self,
        username: str,
        name: str,
        *,
        scope: TokenScope = TokenScope.WRITE,
        workspace: str | None = None,
        expires_in: timedelta | None = TOKEN_LIFETIME,
        by: Actor | None = None,
    ) -> tuple[str, int]:
        """:meth:`create_token`, with the new token's id."""
        name = name.strip()
        if not name or len(name) > 200:
            raise ValidationError("token.bad_name", name=name)
        token = "sft_" + secrets.token_urlsafe(32)
        with Session(self.engine) as s, s.begin():
            row = _find(s, username)
            workspace_id = _workspace_id(s, workspace, create=False) if workspace else None
            if workspace_id is not None and repo.role_of(s, row.id, workspace_id) is None:
                raise ValidationError("token.not_member", username=username, workspace=workspace)
            made = repo.add_token(
                s,
                row.id,
                name,
                _token_hash(token),
                scope=scope.value,
                workspace_id=workspace_id,
                prefix=token[:8],
                expires_at=utcnow() + expires_in if expires_in is not None else None,
            )
            _audit(s, by, "token.create", username, workspace, name=name, scope=scope.value)
            return token, made.id

    def token_ids(self, username: str, name: str) -> list[int]:
        """The ids of the user's working tokens called ``name`` (names need not be unique)."""
        with Session(self.engine) as s:
            found = repo.active_tokens(s, _find(s, username).id, name)
            if not found:
                raise NotFoundError("token.not_found", username=username, name=name)
            return [t.id for t in found]

    def revoke_token(self, token_id: int, *, by: Actor | None = None) -> None:
        """Stop a token from working, for good; it stays in the list, marked revoked."""
        with Session(self.engine) as s, s.begin():
            row = repo.get_token(s, token_id)
            if row is None:
                raise NotFoundError("token.id_not_found", token=token_id)
            if row.revoked_at is None:
                row.revoked_at = utcnow()
                owner = repo.get_user(s, row.user_id)
                _audit(s, by, "token.revoke", owner.username if owner else "", None, name=row.name)

    def tokens(self) -> list[TokenInfo]:
        """Every token, newest first, revoked ones too."""
        with Session(self.engine) as s:
            return [
                TokenInfo(
                    t.id,
                    t.name,
                    username,
                    TokenScope(t.scope),
                    slug,
                    t.prefix,
                    as_utc(t.created_at),
                    as_utc(t.last_used_at),
                    as_utc(t.revoked_at),
                    as_utc(t.expires_at),
                )
                for t, username, slug in repo.all_tokens(s)
            ]

    def token_grant(self, token: str, *, record_use: bool = True) -> TokenGrant | None:
        """What ``token`` allows, its use recorded (the web app authenticates with this); ``None`` for an
        unknown or revoked token or a disabled owner."""
        with Session(self.engine) as s, s.begin():
            found = repo.token_by_hash(s, _token_hash(token))
            if found is None:
                return None
            row, owner, slug = found
            if row.revoked_at is not None or owner.disabled_at is not None:
                return None
            if row.expires_at is not None and as_utc(row.expires_at) <= utcnow():
                return None
            if record_use:
                repo.touch_token(s, row.id, utcnow())
            return TokenGrant(_user(owner), row.id, row.name, TokenScope(row.scope), slug)

    def user_for_token(self, token: str) -> User | None:
        """The owner of a working ``token`` (a look-up: it is not recorded as a use)."""
        grant = self.token_grant(token, record_use=False)
        return grant.user if grant else None

    # The audit log -----------------------------------------------------------------------------------
    def audit(self, *, offset: int = 0, limit: int = 50) -> tuple[list[AuditEntry], int]:
        """The audit log newest first from ``offset``, and its length."""
        with Session(self.engine) as s:
            rows, total = audit.page(s, offset=offset, limit=limit)
            return [
                AuditEntry(
                    r.id, as_utc(r.at), r.actor, r.via, r.action, r.target, r.workspace, dict(r.details)
                )
                for r in rows
            ], total


def _audit(
    session: Session, by: Actor | None, action: str, target: str, workspace: str | None = None, **details: Any
) -> None:
    if by is not None:
        audit.record(
            session,
            actor=by.username,
            via=by.via,
            action=action,
            target=target,
            workspace=workspace,
            details=details,
        )


def _keep_an_admin(session: Session, row: repo.UserRow) -> None:
    """Refuse to leave the installation without an active administrator (``row`` being about to stop)."""
    others = [u for u in repo.all_users(session) if u.is_admin and u.disabled_at is None and u.id != row.id]
    if not others:
        raise ValidationError("user.last_admin", username=row.username)


def _workspace_keeps_an_admin(session: Session, workspace_id: int, row: repo.UserRow, slug: str) -> None:
    """Refuse to leave workspace ``slug`` without an admin (``row``, one of them, being about to stop)."""
    if repo.role_of(session, row.id, workspace_id) != Role.ADMIN.label:
        return
    if repo.count_role(session, workspace_id, Role.ADMIN.label) <= 1:
        raise ValidationError("member.last_admin", username=row.username, workspace=slug)


def _find(session: Session, username: str) -> repo.UserRow:
    row = repo.find_user(session, username)
    if row is None:
        raise NotFoundError("user.not_found", username=username)
    return row


def _workspace_id(session: Session, slug: str, *, create: bool) -> int:
    if create:
        return ensure_workspace(session, slug)
    row = repo.find_workspace(session, slug)
    if row is None:
        raise NotFoundError("workspace.not_found", workspace=slug)
    return row.id


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("user.short_password", minimum=MIN_PASSWORD)


def _check_name(name: str) -> None:
    if not name or len(name) > 200:
        raise ValidationError("workspace.bad_name", name=name)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user(row: repo.UserRow) -> User:
    return User(row.id, row.username, row.display_name, row.is_admin)
