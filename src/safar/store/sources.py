"""SQL for database sources (table ``sources``; what they are: safar.services.sources).

>>> from sqlalchemy import create_engine
>>> from safar.store.tables import Base, WorkspaceRow
>>> engine = create_engine("sqlite://")
>>> Base.metadata.create_all(engine)
>>> with Session(engine) as s, s.begin():
...     s.add(WorkspaceRow(id=1, slug="default", name="default"))
>>> made = add_source(engine, 1, dataset="crm", kind="postgres", sealed_url="…", shown="postgresql://db/crm",
...                   query="SELECT 1", columns={}, tz=None, calendar="auto", every_minutes=60, created_by="ana")
>>> [(f.id, f.dataset, f.every_minutes) for f in list_sources(engine, 1)]
[(1, 'crm', 60)]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from safar.store import audit
from safar.store.repository import aware
from safar.store.tables import SourceRow, WorkspaceRow


@dataclass(frozen=True)
class KeptSource:
    id: int
    workspace_id: int
    dataset: str
    kind: str
    sealed_url: str
    shown: str
    query: str
    columns: dict[str, Any]
    tz: str | None
    calendar: str
    every_minutes: int | None
    created_by: str
    created_at: datetime
    last_pull_at: datetime | None
    last_result: dict[str, Any] | None


def _kept(row: SourceRow) -> KeptSource:
    return KeptSource(
        row.id,
        row.workspace_id,
        row.dataset,
        row.kind,
        row.sealed_url,
        row.shown,
        row.query,
        dict(row.columns or {}),
        row.tz,
        row.calendar,
        row.every_minutes,
        row.created_by,
        aware(row.created_at),
        aware(row.last_pull_at) if row.last_pull_at else None,
        dict(row.last_result) if row.last_result is not None else None,
    )


@dataclass(frozen=True)
class Audit:
    """Who does an act on a source, for the audit log (``via``: web, api or cli)."""

    actor: str
    via: str
    workspace: str


def _audit(s: Session, by: Audit | None, action: str, row: SourceRow, **details: Any) -> None:
    if by is not None:
        details = {"source": row.id, "kind": row.kind, "shown": row.shown, **details}
        audit.record(
            s,
            actor=by.actor,
            via=by.via,
            action=action,
            target=row.dataset,
            workspace=by.workspace,
            details=details,
        )


def add_source(engine: Engine, workspace_id: int, by: Audit | None = None, **fields: Any) -> KeptSource:
    with Session(engine) as s, s.begin():
        row = SourceRow(workspace_id=workspace_id, **fields)
        s.add(row)
        s.flush()
        _audit(s, by, "source.create", row, query=row.query, every_minutes=row.every_minutes)
        return _kept(row)


def list_sources(engine: Engine, workspace_id: int) -> list[KeptSource]:
    with Session(engine) as s:
        rows = s.scalars(
            select(SourceRow).where(SourceRow.workspace_id == workspace_id).order_by(SourceRow.id)
        )
        return [_kept(r) for r in rows]


def get_source(engine: Engine, workspace_id: int, source_id: int) -> KeptSource | None:
    with Session(engine) as s:
        row = s.get(SourceRow, source_id)
        return _kept(row) if row is not None and row.workspace_id == workspace_id else None


def change_source(
    engine: Engine, source_id: int, by: Audit | None = None, action: str = "source.change", **fields: Any
) -> KeptSource | None:
    """Set ``fields`` of the source (audited as ``action`` when ``by`` is given); ``None`` if it is gone."""
    with Session(engine) as s, s.begin():
        row = s.get(SourceRow, source_id)
        if row is None:
            return None
        for name, value in fields.items():
            setattr(row, name, value)
        s.flush()
        shown = {k: v for k, v in fields.items() if k not in ("sealed_url", "last_result", "last_pull_at")}
        _audit(
            s, by, action, row, **{k: v for k, v in shown.items() if isinstance(v, str | int | dict | None)}
        )
        return _kept(row)


def remove_source(engine: Engine, source_id: int, by: Audit | None = None) -> None:
    with Session(engine) as s, s.begin():
        row = s.get(SourceRow, source_id)
        if row is not None:
            _audit(s, by, "source.remove", row)
            s.delete(row)


def scheduled_sources(engine: Engine) -> list[tuple[str, KeptSource]]:
    """Every workspace's sources that have a schedule, with their workspace's slug."""
    with Session(engine) as s:
        rows = s.execute(
            select(WorkspaceRow.slug, SourceRow)
            .join(WorkspaceRow, WorkspaceRow.id == SourceRow.workspace_id)
            .where(SourceRow.every_minutes.is_not(None))
            .order_by(SourceRow.id)
        )
        return [(slug, _kept(row)) for slug, row in rows]
