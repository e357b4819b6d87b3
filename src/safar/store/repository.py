"""Reading and writing app data. The only place with SQL for workspaces, channels and maps."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer

from safar.errors import ConflictError, NotFoundError
from safar.i18n.message import Message
from safar.store.tables import (
    AlertRuleRow,
    ChannelRow,
    DatasetRow,
    KpiSnapshotRow,
    MapRow,
    OpportunityRow,
    ResultRow,
    RevisionRow,
    SurveyRow,
    WorkspaceRow,
    utcnow,
)


@dataclass(frozen=True)
class MapInfo:
    id: int
    title: str
    type: str
    lang: str
    head: int
    created_at: datetime
    updated_at: datetime
    owner: str | None = None
    status: str = "draft"
    archived_at: datetime | None = None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "type": self.type,
            "lang": self.lang,
            "revision": self.head,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "owner": self.owner,
            "status": self.status,
            "archived_at": _iso(self.archived_at) if self.archived_at else None,
        }


@dataclass(frozen=True)
class RevisionInfo:
    map_id: int
    number: int
    author: str
    message: Message
    created_at: datetime
    digest: str

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The revision as JSON: its message as stored (key and values) and as read in ``lang``."""
        return {
            "map_id": self.map_id,
            "revision": self.number,
            "author": self.author,
            "message": self.message.render(lang),
            "message_key": self.message.key,
            "message_values": self.message.values,
            "created_at": _iso(self.created_at),
            "digest": self.digest,
        }


def _iso(moment: datetime) -> str:
    return aware(moment).isoformat()


def aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def digest(document: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def ensure_workspace(session: Session, slug: str, name: str | None = None) -> int:
    row = session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))
    if row is None:
        row = WorkspaceRow(slug=slug, name=name or slug, created_at=utcnow())
        session.add(row)
        session.flush()
    return row.id


def all_workspaces(session: Session) -> list[tuple[int, str]]:
    """(id, slug) of every workspace, oldest first."""
    return [(r.id, r.slug) for r in session.scalars(select(WorkspaceRow).order_by(WorkspaceRow.id))]


def workspace_id(session: Session, slug: str) -> int | None:
    return session.scalar(select(WorkspaceRow.id).where(WorkspaceRow.slug == slug))


def dataset_owner(session: Session, name: str) -> int | None:
    return session.scalar(select(DatasetRow.workspace_id).where(DatasetRow.name == name))


def add_dataset(session: Session, workspace_id: int, name: str) -> None:
    session.add(DatasetRow(workspace_id=workspace_id, name=name, created_at=utcnow()))
    session.flush()


def remove_dataset(session: Session, workspace_id: int, name: str) -> None:
    session.execute(
        delete(DatasetRow).where(DatasetRow.workspace_id == workspace_id, DatasetRow.name == name)
    )


def list_datasets(session: Session, workspace_id: int) -> list[str]:
    return list(
        session.scalars(
            select(DatasetRow.name).where(DatasetRow.workspace_id == workspace_id).order_by(DatasetRow.name)
        )
    )


def list_channels(session: Session, workspace_id: int) -> list[ChannelRow]:
    return list(
        session.scalars(
            select(ChannelRow).where(ChannelRow.workspace_id == workspace_id).order_by(ChannelRow.key)
        )
    )


def add_channel(session: Session, workspace_id: int, key: str, name_fa: str, name_en: str, kind: str) -> None:
    session.add(ChannelRow(workspace_id=workspace_id, key=key, name_fa=name_fa, name_en=name_en, kind=kind))
    session.flush()


def list_maps(session: Session, workspace_id: int) -> list[MapInfo]:
    rows = session.scalars(select(MapRow).where(MapRow.workspace_id == workspace_id).order_by(MapRow.id))
    return [map_info(r) for r in rows]


def map_info(row: MapRow) -> MapInfo:
    return MapInfo(
        row.id,
        row.title,
        row.type,
        row.lang,
        row.head,
        aware(row.created_at),
        aware(row.updated_at),
        row.owner,
        row.status,
        aware(row.archived_at) if row.archived_at else None,
    )


def set_map_fields(session: Session, row: MapRow, **fields: Any) -> MapInfo:
    """Set the portfolio fields of a map (``owner``, ``status``, ``archived_at``): not its document."""
    unknown = set(fields) - {"owner", "status", "archived_at"}
    assert not unknown, unknown
    for name, value in fields.items():
        setattr(row, name, value)
    session.flush()
    return map_info(row)


def map_dependants(session: Session, map_id: int) -> dict[str, int]:
    """How many rows of each kind go with a map when it is deleted (its revisions, surveys, alert rules,
    key-metric snapshots and opportunities)."""
    columns = {
        "revisions": RevisionRow.map_id,
        "surveys": SurveyRow.map_id,
        "alert_rules": AlertRuleRow.map_id,
        "snapshots": KpiSnapshotRow.map_id,
        "opportunities": OpportunityRow.map_id,
    }
    return {
        name: session.scalar(select(func.count()).where(column == map_id)) or 0
        for name, column in columns.items()
    }


def delete_map(session: Session, row: MapRow) -> None:
    """Delete a map: the database deletes what hangs on it (revisions, surveys and their links, alert
    rules, snapshots, opportunities and notes: ``ON DELETE CASCADE``); its kept results go too. Fired
    alerts stay in the feed, as they do when their rule is removed."""
    session.execute(delete(ResultRow).where(ResultRow.map_id == row.id))
    session.execute(delete(MapRow).where(MapRow.id == row.id))
    session.flush()


MAX_ID = 2_147_483_647  # the largest id both SQLite and PostgreSQL integers hold


def get_map_row(session: Session, workspace_id: int, map_id: int, *, lock: bool = False) -> MapRow:
    if not 1 <= map_id <= MAX_ID:
        raise NotFoundError("map.not_found", map_id=map_id)
    query = select(MapRow).where(MapRow.id == map_id, MapRow.workspace_id == workspace_id)
    if lock:
        query = query.with_for_update()
    row = session.scalar(query)
    if row is None:
        raise NotFoundError("map.not_found", map_id=map_id)
    return row


def get_revision(
    session: Session, map_row: MapRow, number: int | None = None, *, document: bool = True
) -> RevisionRow:
    """Revision ``number`` of the map (its head by default); ``document=False``: its document is read only
    when asked for (a caller that knows it by its digest)."""
    wanted = map_row.head if number is None else number
    if not 1 <= wanted <= MAX_ID:
        raise NotFoundError("revision.not_found", map_id=map_row.id, revision=wanted, head=map_row.head)
    query = select(RevisionRow).where(RevisionRow.map_id == map_row.id, RevisionRow.number == wanted)
    if not document:
        query = query.options(defer(RevisionRow.document))
    row = session.scalar(query)
    if row is None:
        raise NotFoundError("revision.not_found", map_id=map_row.id, revision=wanted, head=map_row.head)
    return row


def list_revisions(session: Session, map_id: int) -> list[RevisionInfo]:
    rows = session.scalars(
        select(RevisionRow).where(RevisionRow.map_id == map_id).order_by(RevisionRow.number)
    )
    return [revision_info(r) for r in rows]


def revision_info(row: RevisionRow) -> RevisionInfo:
    message = Message(row.message_key, dict(row.message_values or {}))
    return RevisionInfo(row.map_id, row.number, row.author, message, aware(row.created_at), row.digest)


def create_map(
    session: Session, workspace_id: int, document: dict[str, Any], *, author: str, message: Message
) -> tuple[MapRow, RevisionRow]:
    now = utcnow()
    row = MapRow(
        workspace_id=workspace_id,
        title=document["title"],
        type=document["type"],
        lang=document["lang"],
        head=1,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    revision = RevisionRow(
        map_id=row.id,
        number=1,
        author=author,
        message_key=message.key,
        message_values=message.values,
        created_at=now,
        digest=digest(document),
        document=document,
    )
    session.add(revision)
    session.flush()
    return row, revision


def append_revision(
    session: Session, row: MapRow, document: dict[str, Any], *, author: str, message: Message
) -> RevisionRow:
    """Add revision ``head + 1``; a concurrent writer that got there first makes this a conflict."""
    now = utcnow()
    number = row.head + 1
    revision = RevisionRow(
        map_id=row.id,
        number=number,
        author=author,
        message_key=message.key,
        message_values=message.values,
        created_at=now,
        digest=digest(document),
        document=document,
    )
    try:
        with session.begin_nested():
            session.add(revision)
            session.flush()
    except IntegrityError as exc:
        latest = session.scalar(select(func.max(RevisionRow.number)).where(RevisionRow.map_id == row.id))
        raise ConflictError("map.conflict", map_id=row.id, base=row.head, head=latest, changes=[]) from exc
    row.head = number
    row.title, row.type, row.lang = document["title"], document["type"], document["lang"]
    row.updated_at = now
    session.flush()
    return revision
