"""SQL for alert rules, department webhooks, fired alerts and their delivery log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from safar.store.tables import AlertDeliveryRow, AlertDestinationRow, AlertRow, AlertRuleRow, utcnow

__all__ = ["AlertDeliveryRow", "AlertDestinationRow", "AlertRow", "AlertRuleRow"]


def add_rule(session: Session, **fields: Any) -> AlertRuleRow:
    row = AlertRuleRow(created_at=utcnow(), enabled=True, **fields)
    session.add(row)
    session.flush()
    return row


def list_rules(session: Session, workspace_id: int, map_id: int | None = None) -> list[AlertRuleRow]:
    query = select(AlertRuleRow).where(AlertRuleRow.workspace_id == workspace_id)
    if map_id is not None:
        query = query.where(AlertRuleRow.map_id == map_id)
    return list(session.scalars(query.order_by(AlertRuleRow.id)))


def get_rule(session: Session, workspace_id: int, rule_id: int) -> AlertRuleRow | None:
    return session.scalar(
        select(AlertRuleRow).where(AlertRuleRow.workspace_id == workspace_id, AlertRuleRow.id == rule_id)
    )


def remove_rule(session: Session, row: AlertRuleRow) -> None:
    session.delete(row)
    session.flush()


def set_destination(
    session: Session, workspace_id: int, department: str, url: str, attempts: int, backoff_ms: int
) -> AlertDestinationRow:
    row = session.scalar(
        select(AlertDestinationRow).where(
            AlertDestinationRow.workspace_id == workspace_id, AlertDestinationRow.department == department
        )
    )
    if row is None:
        row = AlertDestinationRow(workspace_id=workspace_id, department=department)
        session.add(row)
    row.url, row.attempts, row.backoff_ms, row.updated_at = url, attempts, backoff_ms, utcnow()
    session.flush()
    return row


def remove_destination(session: Session, workspace_id: int, department: str) -> int:
    result = session.execute(
        delete(AlertDestinationRow).where(
            AlertDestinationRow.workspace_id == workspace_id, AlertDestinationRow.department == department
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def list_destinations(session: Session, workspace_id: int) -> list[AlertDestinationRow]:
    return list(
        session.scalars(
            select(AlertDestinationRow)
            .where(AlertDestinationRow.workspace_id == workspace_id)
            .order_by(AlertDestinationRow.department)
        )
    )


def last_alert(session: Session, rule_id: int) -> AlertRow | None:
    return session.scalar(
        select(AlertRow).where(AlertRow.rule_id == rule_id).order_by(AlertRow.id.desc()).limit(1)
    )


def last_alert_of(
    session: Session, workspace_id: int, map_id: int, kind: str, target_id: str
) -> AlertRow | None:
    """The newest alert of ``kind`` on a map's ``target_id``, whatever rule fired it (or none)."""
    return session.scalar(
        select(AlertRow)
        .where(
            AlertRow.workspace_id == workspace_id,
            AlertRow.map_id == map_id,
            AlertRow.kind == kind,
            AlertRow.target_id == target_id,
        )
        .order_by(AlertRow.id.desc())
        .limit(1)
    )


def add_alert(session: Session, **fields: Any) -> AlertRow:
    row = AlertRow(**fields)
    session.add(row)
    session.flush()
    return row


def list_alerts(session: Session, workspace_id: int, *, limit: int = 100) -> list[AlertRow]:
    return list(
        session.scalars(
            select(AlertRow)
            .where(AlertRow.workspace_id == workspace_id)
            .order_by(AlertRow.id.desc())
            .limit(limit)
        )
    )


def alerts_since(session: Session, workspace_id: int, since: datetime) -> list[AlertRow]:
    """The workspace's alerts fired at or after ``since``, oldest first."""
    return list(
        session.scalars(
            select(AlertRow)
            .where(AlertRow.workspace_id == workspace_id, AlertRow.fired_at >= since)
            .order_by(AlertRow.id)
        )
    )


def get_alert(session: Session, workspace_id: int, alert_id: int) -> AlertRow | None:
    return session.scalar(
        select(AlertRow).where(AlertRow.workspace_id == workspace_id, AlertRow.id == alert_id)
    )


def add_delivery(
    session: Session,
    alert_id: int,
    *,
    department: str,
    url: str,
    attempt: int,
    status_code: int | None,
    error: str | None,
    ok: bool,
    at: datetime,
) -> None:
    session.add(
        AlertDeliveryRow(
            alert_id=alert_id,
            department=department,
            url=url,
            attempt=attempt,
            status_code=status_code,
            error=error,
            ok=ok,
            at=at,
        )
    )
    session.flush()


def deliveries_of(session: Session, alert_ids: list[int]) -> list[AlertDeliveryRow]:
    if not alert_ids:
        return []
    return list(
        session.scalars(
            select(AlertDeliveryRow)
            .where(AlertDeliveryRow.alert_id.in_(alert_ids))
            .order_by(AlertDeliveryRow.alert_id, AlertDeliveryRow.id)
        )
    )
