"""SQL for users, memberships and API tokens."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from safar.store.tables import ApiTokenRow, MembershipRow, UserRow, WorkspaceRow, utcnow

__all__ = ["ApiTokenRow", "UserRow", "WorkspaceRow"]
# How often a token's last use is written: a busy integration does not write on every request.
LAST_USED_EVERY = timedelta(minutes=1)


def find_user(session: Session, username: str) -> UserRow | None:
    return session.scalar(select(UserRow).where(UserRow.username == username))


def get_user(session: Session, user_id: int) -> UserRow | None:
    return session.get(UserRow, user_id)


def add_user(
    session: Session, username: str, display_name: str, password_hash: str, is_admin: bool
) -> UserRow:
    row = UserRow(
        username=username,
        display_name=display_name,
        password_hash=password_hash,
        is_admin=is_admin,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def set_role(session: Session, user_id: int, workspace_id: int, role: str) -> None:
    row = session.scalar(
        select(MembershipRow).where(
            MembershipRow.user_id == user_id, MembershipRow.workspace_id == workspace_id
        )
    )
    if row is None:
        session.add(MembershipRow(user_id=user_id, workspace_id=workspace_id, role=role))
    else:
        row.role = role
    session.flush()


def role_of(session: Session, user_id: int, workspace_id: int) -> str | None:
    return session.scalar(
        select(MembershipRow.role).where(
            MembershipRow.user_id == user_id, MembershipRow.workspace_id == workspace_id
        )
    )


def count_role(session: Session, workspace_id: int, role: str) -> int:
    """How many members of the workspace have ``role``."""
    found = session.scalar(
        select(func.count())
        .select_from(MembershipRow)
        .where(MembershipRow.workspace_id == workspace_id, MembershipRow.role == role)
    )
    return int(found or 0)


def workspaces_of(session: Session, user_id: int) -> list[tuple[str, str, str]]:
    """(slug, name, role) of every workspace the user belongs to."""
    rows = session.execute(
        select(WorkspaceRow.slug, WorkspaceRow.name, MembershipRow.role)
        .join(MembershipRow, MembershipRow.workspace_id == WorkspaceRow.id)
        .where(MembershipRow.user_id == user_id)
        .order_by(WorkspaceRow.id)
    )
    return [(slug, name, role) for slug, name, role in rows]


def remove_role(session: Session, user_id: int, workspace_id: int) -> bool:
    """Whether the user was a member (and is no longer)."""
    gone = session.execute(
        delete(MembershipRow).where(
            MembershipRow.user_id == user_id, MembershipRow.workspace_id == workspace_id
        )
    )
    return bool(gone.rowcount)  # type: ignore[attr-defined]


def all_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def all_memberships(session: Session) -> list[tuple[int, str, str, str]]:
    """(user id, workspace slug, workspace name, role) of every membership, workspaces oldest first."""
    rows = session.execute(
        select(MembershipRow.user_id, WorkspaceRow.slug, WorkspaceRow.name, MembershipRow.role)
        .join(WorkspaceRow, WorkspaceRow.id == MembershipRow.workspace_id)
        .order_by(WorkspaceRow.id)
    )
    return [(user_id, slug, name, role) for user_id, slug, name, role in rows]


def find_workspace(session: Session, slug: str) -> WorkspaceRow | None:
    return session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))


def all_workspace_rows(session: Session) -> list[WorkspaceRow]:
    return list(session.scalars(select(WorkspaceRow).order_by(WorkspaceRow.id)))


def add_token(
    session: Session,
    user_id: int,
    name: str,
    token_hash: str,
    *,
    scope: str = "write",
    workspace_id: int | None = None,
    prefix: str | None = None,
    expires_at: datetime | None = None,
) -> ApiTokenRow:
    row = ApiTokenRow(
        expires_at=expires_at,
        user_id=user_id,
        name=name,
        token_hash=token_hash,
        created_at=utcnow(),
        scope=scope,
        workspace_id=workspace_id,
        prefix=prefix,
    )
    session.add(row)
    session.flush()
    return row


def active_tokens(session: Session, user_id: int, name: str) -> list[ApiTokenRow]:
    return list(
        session.scalars(
            select(ApiTokenRow)
            .where(ApiTokenRow.user_id == user_id, ApiTokenRow.name == name, ApiTokenRow.revoked_at.is_(None))
            .order_by(ApiTokenRow.id)
        )
    )


def working_tokens(session: Session, user_id: int, now: datetime) -> list[ApiTokenRow]:
    """A user's tokens that still work: not revoked, not past their end."""
    return list(
        session.scalars(
            select(ApiTokenRow)
            .where(
                ApiTokenRow.user_id == user_id,
                ApiTokenRow.revoked_at.is_(None),
                (ApiTokenRow.expires_at.is_(None)) | (ApiTokenRow.expires_at > now),
            )
            .order_by(ApiTokenRow.id)
        )
    )


def get_token(session: Session, token_id: int) -> ApiTokenRow | None:
    return session.get(ApiTokenRow, token_id)


def all_tokens(session: Session) -> list[tuple[ApiTokenRow, str, str | None]]:
    """(token, owner's user name, workspace slug or None) of every token, newest first."""
    rows = session.execute(
        select(ApiTokenRow, UserRow.username, WorkspaceRow.slug)
        .join(UserRow, UserRow.id == ApiTokenRow.user_id)
        .outerjoin(WorkspaceRow, WorkspaceRow.id == ApiTokenRow.workspace_id)
        .order_by(ApiTokenRow.id.desc())
    )
    return [(token, username, slug) for token, username, slug in rows]


def token_by_hash(session: Session, token_hash: str) -> tuple[ApiTokenRow, UserRow, str | None] | None:
    """The token, its owner and its workspace's slug, whatever their state."""
    found = session.execute(
        select(ApiTokenRow, UserRow, WorkspaceRow.slug)
        .join(UserRow, ApiTokenRow.user_id == UserRow.id)
        .outerjoin(WorkspaceRow, WorkspaceRow.id == ApiTokenRow.workspace_id)
        .where(ApiTokenRow.token_hash == token_hash)
    ).first()
    return None if found is None else (found[0], found[1], found[2])


def touch_token(session: Session, token_id: int, now: datetime) -> None:
    """Record a use of the token, at most once per :data:`LAST_USED_EVERY`."""
    session.execute(
        update(ApiTokenRow)
        .where(
            ApiTokenRow.id == token_id,
            (ApiTokenRow.last_used_at.is_(None)) | (ApiTokenRow.last_used_at < now - LAST_USED_EVERY),
        )
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
