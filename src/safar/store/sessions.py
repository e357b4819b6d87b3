"""The ``sessions`` table: one row per signed-in browser (safar.sessions decides what is valid)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from safar.store.tables import SessionRow, UserRow

__all__ = ["add", "end", "end_for_user", "find", "live_for_user", "touch"]


def add(s: Session, user_id: int, token_hash: str, now: datetime) -> None:
    s.add(SessionRow(user_id=user_id, token_hash=token_hash, created_at=now, last_seen_at=now))


def find(s: Session, token_hash: str) -> tuple[SessionRow, UserRow] | None:
    found = s.execute(
        select(SessionRow, UserRow)
        .join(UserRow, UserRow.id == SessionRow.user_id)
        .where(SessionRow.token_hash == token_hash)
    ).first()
    return None if found is None else (found[0], found[1])


def touch(s: Session, session_id: int, now: datetime) -> None:
    s.execute(update(SessionRow).where(SessionRow.id == session_id).values(last_seen_at=now))


def end(s: Session, token_hash: str, now: datetime, by: str) -> None:
    s.execute(
        update(SessionRow)
        .where(SessionRow.token_hash == token_hash, SessionRow.ended_at.is_(None))
        .values(ended_at=now, ended_by=by)
    )


def end_for_user(s: Session, user_id: int, now: datetime, by: str, *, keep: str | None = None) -> int:
    """End every live session of the user (but the one whose hash is ``keep``); how many there were."""
    live = [SessionRow.user_id == user_id, SessionRow.ended_at.is_(None)]
    if keep is not None:
        live.append(SessionRow.token_hash != keep)
    done = s.execute(update(SessionRow).where(*live).values(ended_at=now, ended_by=by))
    return int(done.rowcount or 0)  # type: ignore[attr-defined]


def live_for_user(s: Session, user_id: int) -> list[SessionRow]:
    return list(
        s.scalars(
            select(SessionRow)
            .where(SessionRow.user_id == user_id, SessionRow.ended_at.is_(None))
            .order_by(SessionRow.last_seen_at.desc())
        )
    )
