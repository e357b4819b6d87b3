"""Reading and writing screens' computed results (table ``results``; what they mean: safar.services.results).

>>> from sqlalchemy import create_engine
>>> from safar.store.tables import Base, WorkspaceRow
>>> engine = create_engine("sqlite://")
>>> Base.metadata.create_all(engine)
>>> with Session(engine) as s, s.begin():
...     s.add(WorkspaceRow(id=1, slug="default", name="default"))
>>> first = put_result(engine, 1, key="k", kind="canvas", map_id=1, fingerprint="a", seconds=0.5, document={"n": 1})
>>> again = put_result(engine, 1, key="k", kind="canvas", map_id=1, fingerprint="b", seconds=0.4, document={"n": 2})
>>> found = get_result(engine, 1, "k")
>>> found.fingerprint, found.document, found.id == first.id
('b', {'n': 2}, True)
>>> _ = put_result(engine, 1, key="k", kind="canvas", map_id=1, fingerprint="c", seconds=0.3, document={"n": 3})
>>> get_result(engine, 1, "k").document  # read again: the document this process kept is replaced
{'n': 3}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer

from safar.bounded import Bounded
from safar.store.repository import aware
from safar.store.tables import ResultRow, utcnow

# At most this many results are kept per screen of a map (kind, map): each revision, audience, dataset and
# language of a screen is its own result, and the ones computed least recently go first (derived data: a
# dropped one is computed again when it is read).
KEEP_PER_SCREEN = 64


@dataclass(frozen=True)
class KeptResult:
    id: int
    key: str
    kind: str
    map_id: int | None
    fingerprint: str
    computed_at: datetime
    seconds: float
    document: dict[str, Any]


def _kept(row: ResultRow, document: dict[str, Any] | None = None) -> KeptResult:
    """The kept result of ``row``; ``document``: its document when read already (the row's is then not)."""
    return KeptResult(
        row.id,
        row.key,
        row.kind,
        row.map_id,
        row.fingerprint,
        aware(row.computed_at),
        row.seconds,
        dict(row.document) if document is None else document,
    )


def get_result(engine: Engine, workspace_id: int, key: str) -> KeptResult | None:
    """The kept result of ``key``. Its document is read from the database only when it changed since this
    process last read it (a page reads its results on every request; a canvas's document is ~200 KB of
    JSON, and parsing it was about a tenth of a warm page's time)."""
    with Session(engine) as s:
        query = select(ResultRow).where(ResultRow.workspace_id == workspace_id, ResultRow.key == key)
        row = s.scalar(query.options(defer(ResultRow.document)))
        if row is None:
            return None
        seen = (str(engine.url), workspace_id, key)
        version = (row.id, row.fingerprint, row.computed_at)
        found = _READ.get(seen)
        if found is None or found[0] != version:
            found = (version, dict(row.document))
            _READ.put(seen, found)
        return _kept(row, found[1])


# The documents of the results this process read last, by (database, workspace, key), with the version
# they were read at (row, fingerprint, when computed): readers only read them.
_READ: Bounded[tuple[str, int, str], tuple[tuple[Any, ...], dict[str, Any]]] = Bounded(256)


def put_result(
    engine: Engine,
    workspace_id: int,
    *,
    key: str,
    kind: str,
    map_id: int | None,
    fingerprint: str,
    seconds: float,
    document: dict[str, Any],
) -> KeptResult:
    """Keep ``document`` as the result of ``key`` (replacing an earlier one); two writers of the same key
    (the server and a CLI) end with one row, the later one's."""
    for attempt in range(2):
        try:
            with Session(engine, expire_on_commit=False) as s, s.begin():
                row = s.scalar(
                    select(ResultRow).where(ResultRow.workspace_id == workspace_id, ResultRow.key == key)
                )
                if row is None:
                    row = ResultRow(workspace_id=workspace_id, key=key, kind=kind, map_id=map_id)
                    s.add(row)
                row.fingerprint = fingerprint
                row.seconds = seconds
                row.computed_at = utcnow()
                row.document = document
                s.flush()
                _forget_the_oldest(s, workspace_id, kind, map_id)
                return _kept(row)
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def _forget_the_oldest(s: Session, workspace_id: int, kind: str, map_id: int | None) -> None:
    """Past :data:`KEEP_PER_SCREEN` results of one screen of one map, the ones computed least recently go."""
    same = [ResultRow.workspace_id == workspace_id, ResultRow.kind == kind]
    same.append(ResultRow.map_id.is_(None) if map_id is None else ResultRow.map_id == map_id)
    old = s.scalars(
        select(ResultRow.id)
        .where(*same)
        .order_by(ResultRow.computed_at.desc(), ResultRow.id.desc())
        .offset(KEEP_PER_SCREEN)
    ).all()
    if old:
        s.execute(delete(ResultRow).where(ResultRow.id.in_(old)))


def forget_results(engine: Engine, workspace_id: int, map_id: int | None = None) -> int:
    """Drop the kept results of a workspace (of one map); they are computed again when next read."""
    with Session(engine) as s, s.begin():
        query = delete(ResultRow).where(ResultRow.workspace_id == workspace_id)
        if map_id is not None:
            query = query.where(ResultRow.map_id == map_id)
        return s.execute(query).rowcount  # type: ignore[attr-defined,no-any-return]
