"""Reading and writing a workspace's topics: the only place with SQL for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from safar.errors import ConflictError, NotFoundError
from safar.store.tables import TopicRow, as_utc, utcnow


@dataclass(frozen=True)
class StoredTopic:
    id: int
    key: str
    name_fa: str
    name_en: str
    phrases: tuple[str, ...]
    keywords: tuple[str, ...]
    created_by: str
    created_at: datetime
    updated_at: datetime


def _topic(row: TopicRow) -> StoredTopic:
    return StoredTopic(
        row.id,
        row.key,
        row.name_fa,
        row.name_en,
        tuple(row.phrases or []),
        tuple(row.keywords or []),
        row.created_by,
        as_utc(row.created_at),
        as_utc(row.updated_at),
    )


def topics(s: Session, workspace_id: int) -> list[StoredTopic]:
    rows = s.scalars(select(TopicRow).where(TopicRow.workspace_id == workspace_id).order_by(TopicRow.id))
    return [_topic(r) for r in rows]


def _row(s: Session, workspace_id: int, key: str) -> TopicRow:
    row = s.scalars(
        select(TopicRow).where(TopicRow.workspace_id == workspace_id, TopicRow.key == key)
    ).first()
    if row is None:
        known = ", ".join(t.key for t in topics(s, workspace_id)) or "-"
        raise NotFoundError("topic.not_found", topic=key[:64], known=known)
    return row


def add_topic(
    s: Session,
    workspace_id: int,
    *,
    key: str,
    name_fa: str,
    name_en: str,
    phrases: list[str],
    keywords: list[str],
    created_by: str,
) -> StoredTopic:
    now = utcnow()
    row = TopicRow(
        workspace_id=workspace_id,
        key=key,
        name_fa=name_fa,
        name_en=name_en,
        phrases=phrases,
        keywords=keywords,
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    try:
        with s.begin_nested():
            s.add(row)
            s.flush()
    except IntegrityError:
        raise ConflictError("topic.key_taken", topic=key) from None
    return _topic(row)


def change_topic(s: Session, workspace_id: int, key: str, **fields: object) -> StoredTopic:
    row = _row(s, workspace_id, key)
    for name, value in fields.items():
        setattr(row, name, value)
    row.updated_at = utcnow()
    s.flush()
    return _topic(row)


def remove_topic(s: Session, workspace_id: int, key: str) -> StoredTopic:
    row = _row(s, workspace_id, key)
    found = _topic(row)
    s.delete(row)
    s.flush()
    return found
