"""Survey answers waiting to be written to the warehouse, in the app database. The only SQL for them.

An answer is kept here, whole, when the warehouse is held by another program; it leaves only once its rows
are in the warehouse (safar.voice.pending).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from safar.store.tables import PendingAnswerRow, as_utc, utcnow


@dataclass(frozen=True)
class PendingAnswer:
    id: int
    workspace_id: int
    survey_id: int
    response_id: str
    rows: list[dict[str, Any]]
    received_at: datetime
    attempts: int
    last_error: str | None


def add_pending(
    s: Session, workspace_id: int, survey_id: int, response_id: str, rows: list[dict[str, Any]]
) -> None:
    s.add(
        PendingAnswerRow(
            workspace_id=workspace_id,
            survey_id=survey_id,
            response_id=response_id,
            rows=rows,
            received_at=utcnow(),
            attempts=0,
        )
    )


def oldest_pending(s: Session, limit: int) -> list[PendingAnswer]:
    """Up to ``limit`` waiting answers, the first taken first."""
    found = s.scalars(select(PendingAnswerRow).order_by(PendingAnswerRow.id).limit(limit))
    return [
        PendingAnswer(
            r.id,
            r.workspace_id,
            r.survey_id,
            r.response_id,
            list(r.rows),
            as_utc(r.received_at),
            r.attempts,
            r.last_error,
        )
        for r in found
    ]


def remove_pending(s: Session, ids: list[int]) -> None:
    if ids:
        s.execute(delete(PendingAnswerRow).where(PendingAnswerRow.id.in_(ids)))


def note_failure(s: Session, pending_id: int, error: str) -> None:
    """One more failed attempt at writing an answer, and why (it stays waiting)."""
    s.execute(
        update(PendingAnswerRow)
        .where(PendingAnswerRow.id == pending_id)
        .values(attempts=PendingAnswerRow.attempts + 1, last_error=error[:200])
    )


def pending_counts(s: Session, workspace_id: int | None = None) -> dict[int, int]:
    """Per survey, how many of its answers wait (surveys with none left out); ``workspace_id``: its only."""
    query = select(PendingAnswerRow.survey_id, func.count()).group_by(PendingAnswerRow.survey_id)
    if workspace_id is not None:
        query = query.where(PendingAnswerRow.workspace_id == workspace_id)
    return {int(survey): int(n) for survey, n in s.execute(query)}
