"""Surveys and their invitation links in the app database. The only SQL for surveys.

A survey has a public token (its link) and, when ``one_per_token`` is set, personal invitation links:
each invitation's token is shown once, only its SHA-256 is stored, and it is spent by the first answer.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from safar.errors import NotFoundError
from safar.store.tables import SurveyLinkRow, SurveyRow, WorkspaceRow, utcnow


@dataclass(frozen=True)
class SurveyRecord:
    id: int
    workspace_id: int
    map_id: int
    title: str
    document: dict[str, Any]
    public_token: str
    one_per_token: bool
    is_open: bool
    created_at: datetime


@dataclass(frozen=True)
class Invitation:
    """A personal link's token (known only at creation) and whom it is for."""

    token: str
    customer_id: str | None
    channel: str | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _record(row: SurveyRow) -> SurveyRecord:
    return SurveyRecord(
        row.id,
        row.workspace_id,
        row.map_id,
        row.title,
        dict(row.document),
        row.public_token,
        row.one_per_token,
        row.is_open,
        row.created_at,
    )


def add_survey(
    s: Session, workspace_id: int, map_id: int, title: str, document: dict[str, Any], one_per_token: bool
) -> SurveyRecord:
    row = SurveyRow(
        workspace_id=workspace_id,
        map_id=map_id,
        title=title[:300],
        document=document,
        public_token=secrets.token_urlsafe(18),
        one_per_token=one_per_token,
        is_open=True,
    )
    s.add(row)
    s.flush()
    return _record(row)


def list_surveys(s: Session, workspace_id: int, map_id: int | None = None) -> list[SurveyRecord]:
    query = select(SurveyRow).where(SurveyRow.workspace_id == workspace_id)
    if map_id is not None:
        query = query.where(SurveyRow.map_id == map_id)
    return [_record(r) for r in s.scalars(query.order_by(SurveyRow.id))]


def _row(s: Session, workspace_id: int, survey_id: int) -> SurveyRow:
    row = s.get(SurveyRow, survey_id) if 0 < survey_id < 2**31 else None
    if row is None or row.workspace_id != workspace_id:
        raise NotFoundError("survey.not_found", survey_id=survey_id)
    return row


def get_survey(s: Session, workspace_id: int, survey_id: int) -> SurveyRecord:
    return _record(_row(s, workspace_id, survey_id))


def set_open(s: Session, workspace_id: int, survey_id: int, is_open: bool) -> SurveyRecord:
    row = _row(s, workspace_id, survey_id)
    row.is_open = is_open
    return _record(row)


def delete_survey(s: Session, workspace_id: int, survey_id: int) -> None:
    s.delete(_row(s, workspace_id, survey_id))


def survey_by_token(s: Session, public_token: str) -> SurveyRecord | None:
    """The survey whose public link carries ``public_token`` (any workspace: the link is the key)."""
    if not public_token or len(public_token) > 64:
        return None
    row = s.scalars(select(SurveyRow).where(SurveyRow.public_token == public_token)).first()
    return _record(row) if row is not None else None


def workspace_slug(s: Session, workspace_id: int) -> str:
    row = s.get(WorkspaceRow, workspace_id)
    return row.slug if row is not None else ""


def add_invitations(
    s: Session, survey_id: int, customers: list[str | None], channel: str | None
) -> list[Invitation]:
    made: list[Invitation] = []
    for customer in customers:
        token = secrets.token_urlsafe(18)
        s.add(
            SurveyLinkRow(
                survey_id=survey_id, token_hash=token_hash(token), customer_id=customer, channel=channel
            )
        )
        made.append(Invitation(token, customer, channel))
    s.flush()
    return made


def find_invitation(s: Session, survey_id: int, token: str) -> SurveyLinkRow | None:
    row = s.scalars(select(SurveyLinkRow).where(SurveyLinkRow.token_hash == token_hash(token))).first()
    return row if row is not None and row.survey_id == survey_id else None


def spend_invitation(s: Session, link_id: int) -> bool:
    """Mark the invitation used; ``False`` when it already was (checked and set in one statement)."""
    result = s.execute(
        update(SurveyLinkRow)
        .where(SurveyLinkRow.id == link_id, SurveyLinkRow.used_at.is_(None))
        .values(used_at=utcnow())
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def restore_invitation(s: Session, link_id: int) -> None:
    """Undo :func:`spend_invitation` when the answer could not be stored."""
    s.execute(update(SurveyLinkRow).where(SurveyLinkRow.id == link_id).values(used_at=None))


def invitation_counts(s: Session, survey_id: int) -> tuple[int, int]:
    """(invitations made, invitations answered)."""
    rows = list(s.scalars(select(SurveyLinkRow.used_at).where(SurveyLinkRow.survey_id == survey_id)))
    return len(rows), sum(1 for r in rows if r is not None)
