"""Reading and writing opportunity decisions and notes: the only place with SQL for them.

A scored touchpoint has no row until someone decides on or annotates it; its row's key is
``tp:<touchpoint id>``. An opportunity a user adds gets the key ``custom-<n>`` (n counts per map).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from safar.store.repository import aware
from safar.store.tables import OpportunityNoteRow, OpportunityRow, utcnow

CUSTOM = "custom-"


@dataclass(frozen=True)
class StoredNote:
    author: str
    text: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"author": self.author, "text": self.text, "created_at": aware(self.created_at).isoformat()}


@dataclass(frozen=True)
class StoredOpportunity:
    id: int
    key: str
    touchpoint_id: str | None
    text: str
    owner: str
    status: str
    created_by: str
    notes: tuple[StoredNote, ...]


def touchpoint_key(touchpoint_id: str) -> str:
    return f"tp:{touchpoint_id}"


class OpportunityStore:
    """Decisions on the opportunities of the maps of one workspace."""

    def __init__(self, engine: Engine, workspace_id: int) -> None:
        self.engine = engine
        self.workspace_id = workspace_id

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def for_map(self, map_id: int) -> dict[str, StoredOpportunity]:
        """Every stored opportunity of the map by key, with its notes (oldest first)."""
        with self._session() as s:
            found = s.scalars(
                select(OpportunityRow)
                .where(OpportunityRow.map_id == map_id, OpportunityRow.workspace_id == self.workspace_id)
                .order_by(OpportunityRow.id)
            ).all()
            notes: dict[int, list[StoredNote]] = {row.id: [] for row in found}
            if found:
                for note in s.scalars(
                    select(OpportunityNoteRow)
                    .where(OpportunityNoteRow.opportunity_id.in_(list(notes)))
                    .order_by(OpportunityNoteRow.id)
                ):
                    notes[note.opportunity_id].append(StoredNote(note.author, note.text, note.created_at))
            return {row.key: _stored(row, notes[row.id]) for row in found}

    def set_status(
        self, map_id: int, key: str, status: str, *, author: str, touchpoint_id: str | None
    ) -> None:
        for last in (False, False, True):
            try:
                with self._session() as s:
                    row = self._row(s, map_id, key, author=author, touchpoint_id=touchpoint_id)
                    row.status = status
                    row.updated_at = utcnow()
                return
            except IntegrityError:  # another writer created the row first: it exists now
                if last:
                    raise

    def add_note(self, map_id: int, key: str, text: str, *, author: str, touchpoint_id: str | None) -> None:
        for last in (False, False, True):
            try:
                with self._session() as s:
                    row = self._row(s, map_id, key, author=author, touchpoint_id=touchpoint_id)
                    row.updated_at = utcnow()
                    s.add(
                        OpportunityNoteRow(
                            opportunity_id=row.id, author=author, text=text, created_at=utcnow()
                        )
                    )
                return
            except IntegrityError:
                if last:
                    raise

    def add_custom(
        self, map_id: int, text: str, *, owner: str, touchpoint_id: str | None, author: str
    ) -> str:
        """A user's own opportunity; returns its key (``custom-<n>``)."""
        for attempt in range(5):
            try:
                with self._session() as s:
                    keys = s.scalars(
                        select(OpportunityRow.key).where(
                            OpportunityRow.map_id == map_id, OpportunityRow.key.startswith(CUSTOM)
                        )
                    ).all()
                    number = 1 + max(
                        (int(k[len(CUSTOM) :]) for k in keys if k[len(CUSTOM) :].isdecimal()), default=0
                    )
                    key = f"{CUSTOM}{number}"
                    s.add(
                        self._new(
                            map_id, key, author=author, touchpoint_id=touchpoint_id, text=text, owner=owner
                        )
                    )
                return key
            except IntegrityError:  # another writer took the number first
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def _row(
        self, s: Session, map_id: int, key: str, *, author: str, touchpoint_id: str | None
    ) -> OpportunityRow:
        row = s.scalars(
            select(OpportunityRow)
            .where(OpportunityRow.map_id == map_id, OpportunityRow.key == key)
            .with_for_update()
        ).first()
        if row is None:
            row = self._new(map_id, key, author=author, touchpoint_id=touchpoint_id)
            s.add(row)
            s.flush()
        return row

    def _new(
        self,
        map_id: int,
        key: str,
        *,
        author: str,
        touchpoint_id: str | None,
        text: str = "",
        owner: str = "",
    ) -> OpportunityRow:
        now = utcnow()
        return OpportunityRow(
            workspace_id=self.workspace_id,
            map_id=map_id,
            key=key,
            touchpoint_id=touchpoint_id,
            text=text,
            owner=owner,
            status="open",
            created_by=author,
            created_at=now,
            updated_at=now,
        )


def _stored(row: OpportunityRow, notes: list[StoredNote]) -> StoredOpportunity:
    return StoredOpportunity(
        row.id, row.key, row.touchpoint_id, row.text, row.owner, row.status, row.created_by, tuple(notes)
    )
