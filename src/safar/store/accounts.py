"""SQL for users, memberships and API tokens."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from safar.store.tables import ApiTokenRow, MembershipRow, UserRow, WorkspaceRow, utcnow

__all__ = ["UserRow"]


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


def workspaces_of(session: Session, user_id: int) -> list[tuple[str, str, str]]:
    """(slug, name, role) of every workspace the user belongs to."""
    rows = session.execute(
        select(WorkspaceRow.slug, WorkspaceRow.name, MembershipRow.role)
        .join(MembershipRow, MembershipRow.workspace_id == WorkspaceRow.id)
        .where(MembershipRow.user_id == user_id)
        .order_by(WorkspaceRow.id)
    )
    return [(slug, name, role) for slug, name, role in rows]


def add_token(session: Session, user_id: int, name: str, token_hash: str) -> None:
    session.add(ApiTokenRow(user_id=user_id, name=name, token_hash=token_hash, created_at=utcnow()))
    session.flush()


def user_by_token(session: Session, token_hash: str) -> UserRow | None:
    return session.scalar(
        select(UserRow)
        .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
        .where(ApiTokenRow.token_hash == token_hash)
    )
