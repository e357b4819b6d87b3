"""Reading and writing snapshots of a map revision's measured key metrics (table ``kpi_snapshots``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from safar.store.repository import aware
from safar.store.tables import KpiSnapshotRow


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    map_id: int
    revision: int
    computed_at: datetime
    author: str
    data_map: int
    dataset: str | None
    metrics: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "map": self.map_id,
            "revision": self.revision,
            "computed_at": self.computed_at.isoformat(),
            "author": self.author,
            "data_map": self.data_map,
            "dataset": self.dataset,
            "metrics": self.metrics,
        }


def _info(row: KpiSnapshotRow) -> SnapshotInfo:
    return SnapshotInfo(
        row.id,
        row.map_id,
        row.revision,
        aware(row.computed_at),
        row.author,
        row.data_map,
        row.dataset,
        list(row.metrics),
    )


def add_snapshot(
    engine: Engine,
    *,
    map_id: int,
    revision: int,
    computed_at: datetime,
    author: str,
    data_map: int,
    dataset: str | None,
    metrics: list[dict[str, Any]],
) -> SnapshotInfo:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        row = KpiSnapshotRow(
            map_id=map_id,
            revision=revision,
            computed_at=computed_at,
            author=author,
            data_map=data_map,
            dataset=dataset,
            metrics=metrics,
        )
        session.add(row)
        session.flush()
        return _info(row)


def list_snapshots(engine: Engine, map_id: int) -> list[SnapshotInfo]:
    """The map's snapshots, oldest first."""
    with Session(engine) as session:
        found = session.scalars(
            select(KpiSnapshotRow)
            .where(KpiSnapshotRow.map_id == map_id)
            .order_by(KpiSnapshotRow.computed_at, KpiSnapshotRow.id)
        )
        return [_info(row) for row in found]
