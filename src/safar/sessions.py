"""Server-side sessions of the web app: what a signed-in browser's cookie stands for.

The session cookie (signed by Starlette's ``SessionMiddleware``) carries a random token; the app database
keeps its SHA-256 with the user, when it began and when it was last used (table ``sessions``). A request's
session is valid only while its row is live, so these end it at once, whatever copy of the cookie exists:

- log-out (that session);
- a new password, a disabled user (every session of that user; the password's owner signs in again);
- no request for :data:`IDLE` (12 hours), or :data:`ABSOLUTE` (14 days, the cookie's own lifetime) since
  signing in.

A user's role in a workspace and their administrator flag are read from the database on every request,
so taking them away needs no session to end.

>>> IDLE.total_seconds() / 3600, ABSOLUTE.days
(12.0, 14)
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from safar.store import sessions as repo
from safar.store.tables import as_utc, utcnow

__all__ = ["ABSOLUTE", "IDLE", "SessionInfo", "Sessions"]

IDLE = timedelta(hours=12)
ABSOLUTE = timedelta(days=14)
# A session's last use is written at most this often (a page is several requests).
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionInfo:
    """One live session of a user: when it began and was last used, and whether it is the asker's own."""

    started_at: datetime
    last_seen_at: datetime
    current: bool


class Sessions:
    """Start, check and end the web app's sessions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def start(self, user_id: int) -> str:
        """A new session of the user; the token its cookie carries (only its hash is stored)."""
        token = secrets.token_urlsafe(32)
        with Session(self.engine) as s, s.begin():
            repo.add(s, user_id, _hash(token), utcnow())
        return token

    def user_id(self, token: str | None, *, now: datetime | None = None) -> int | None:
        """The user of a live session, its last use recorded; ``None`` for an unknown, ended, idle, too old
        session or a disabled user."""
        if not token:
            return None
        now = now or utcnow()
        with Session(self.engine) as s, s.begin():
            found = repo.find(s, _hash(token))
            if found is None:
                return None
            row, user = found
            if row.ended_at is not None or user.disabled_at is not None:
                return None
            if now - as_utc(row.last_seen_at) > IDLE:
                repo.end(s, row.token_hash, now, "idle")
                return None
            if now - as_utc(row.created_at) > ABSOLUTE:
                repo.end(s, row.token_hash, now, "expired")
                return None
            if now - as_utc(row.last_seen_at) >= TOUCH_EVERY:
                repo.touch(s, row.id, now)
            return row.user_id

    def end(self, token: str | None, *, by: str = "logout") -> None:
        """End one session (log-out); an unknown or ended one is left as it is."""
        if token:
            with Session(self.engine) as s, s.begin():
                repo.end(s, _hash(token), utcnow(), by)

    def live(self, user_id: int) -> int:
        """How many sessions of the user are live (not ended; idle ones end when next used)."""
        return len(self.listed(user_id))

    def listed(self, user_id: int, token: str | None = None) -> list[SessionInfo]:
        """The user's live sessions, the last used first; ``token``'s marked as the current one. A session
        idle or too old for use is left out (it ends when next presented)."""
        now, mine = utcnow(), _hash(token) if token else None
        with Session(self.engine) as s:
            return [
                SessionInfo(as_utc(r.created_at), as_utc(r.last_seen_at), r.token_hash == mine)
                for r in repo.live_for_user(s, user_id)
                if now - as_utc(r.last_seen_at) <= IDLE and now - as_utc(r.created_at) <= ABSOLUTE
            ]

    def end_others(self, user_id: int, keep: str | None) -> int:
        """End every session of the user but ``keep`` (sign out everywhere else); how many ended."""
        with Session(self.engine) as s, s.begin():
            return repo.end_for_user(s, user_id, utcnow(), "signed_out", keep=_hash(keep) if keep else None)


def end_all(s: Session, user_id: int, by: str) -> int:
    """End every session of the user in the caller's transaction (a new password, a disabled user)."""
    return repo.end_for_user(s, user_id, utcnow(), by)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
