"""SQL for the audit log: every administrative act, appended in the transaction that made it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from safar.store.tables import AuditRow, utcnow

__all__ = ["AuditRow"]


def record(
    session: Session,
    *,
    actor: str,
    via: str,
    action: str,
    target: str,
    workspace: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditRow:
    row = AuditRow(
        at=utcnow(),
        actor=actor,
        via=via,
        action=action,
        target=target,
        workspace=workspace,
        details=details or {},
    )
    session.add(row)
    session.flush()
    return row


def page(session: Session, *, offset: int, limit: int) -> tuple[list[AuditRow], int]:
    """Rows newest first from ``offset``, and how many there are in all."""
    total = session.scalar(select(func.count()).select_from(AuditRow)) or 0
    rows = session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).offset(offset).limit(limit))
    return list(rows), total
