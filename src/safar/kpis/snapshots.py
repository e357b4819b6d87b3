"""Revisions remember their numbers: snapshots of a map revision's measured key metrics.

A snapshot measures every bound metric of one revision of a map (:func:`safar.kpis.values.measure_map`)
and keeps, per metric, its value, n, interval and target, with when it was computed and from which data.
Snapshots are never changed; a revision may have several. ``change`` is always *later − earlier*
of the same metric (same key: its touchpoint and name).

>>> changes([{"key": "a", "value": 40.0}], [{"key": "a", "value": 35.5}, {"key": "b", "value": 1.0}])
{'a': 4.5}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from safar.errors import NotFoundError
from safar.events.periods import GREGORIAN_UTC, Calendar
from safar.kpis.values import KpiReport, measure_map
from safar.store.snapshots import SnapshotInfo, add_snapshot, list_snapshots
from safar.workspace import Workspace

STORED = frozenset(
    {"key", "metric", "touchpoint", "unit", "measure", "target", "higher_is_better", "value", "n"}
    | {"low", "high", "met", "gap", "reason"}
)


def changes(later: Sequence[dict[str, Any]], earlier: Sequence[dict[str, Any]]) -> dict[str, float | None]:
    """Per key of ``later``, its value minus the value of the same key in ``earlier`` (``None`` when unknown)."""
    before = {m["key"]: m.get("value") for m in earlier}
    out: dict[str, float | None] = {}
    for m in later:
        old, new = before.get(m["key"]), m.get("value")
        out[m["key"]] = None if old is None or new is None else round(float(new) - float(old), 6)
    return out


def snapshot(
    workspace: Workspace, map_id: int, revision: int | None = None, *, author: str | None = None
) -> SnapshotInfo:
    """Measure the bound metrics of ``revision`` (default: the latest) now and keep them."""
    report = measure_map(workspace, map_id, revision)
    return add_snapshot(
        workspace.engine,
        map_id=map_id,
        revision=report.revision,
        computed_at=report.computed_at,
        author=author or workspace.settings.author,
        data_map=report.data_map,
        dataset=report.dataset,
        metrics=_stored(report),
    )


def snapshots(workspace: Workspace, map_id: int) -> list[SnapshotInfo]:
    """The map's snapshots, oldest first."""
    workspace.get_map(map_id)  # the map must be this workspace's
    return list_snapshots(workspace.engine, map_id)


def metrics_history(workspace: Workspace, map_id: int, *, lang: str) -> dict[str, Any]:
    """Every revision of the map, newest first (its message read in ``lang``), with its snapshots and each
    metric's change since the previous snapshot (of any revision)."""
    revisions = workspace.history(map_id)
    taken = list_snapshots(workspace.engine, map_id)
    by_revision: dict[int, list[dict[str, Any]]] = {}
    previous: SnapshotInfo | None = None
    for shot in taken:
        moved = changes(shot.metrics, previous.metrics) if previous else {}
        entry = shot.to_dict() | {
            "previous": None if previous is None else {"id": previous.id, "revision": previous.revision},
            "metrics": [m | {"change": moved.get(m["key"])} for m in shot.metrics],
        }
        by_revision.setdefault(shot.revision, []).append(entry)
        previous = shot
    return {
        "map": map_id,
        "revisions": [
            r.to_dict(lang) | {"snapshots": by_revision.get(r.number, [])} for r in reversed(revisions)
        ],
    }


@dataclass(frozen=True)
class KpisView:
    """Key metrics now beside a snapshot: ``at_revision`` shows the snapshot's values, else today's;
    ``change`` is now − snapshot either way."""

    map_id: int
    now: KpiReport
    snapshot: SnapshotInfo | None
    at_revision: bool = False

    def to_dict(self) -> dict[str, Any]:
        current = _stored(self.now)
        then = self.snapshot.metrics if self.snapshot else []
        moved = changes(current, then)
        now, before = {m["key"]: m for m in current}, {m["key"]: m for m in then}
        shown = then if self.at_revision else current
        return {
            "map": self.map_id,
            "revision": self.snapshot.revision if self.at_revision and self.snapshot else self.now.revision,
            "measured_at": self.now.computed_at.isoformat(),
            "dataset": self.now.dataset,
            "snapshot": None if self.snapshot is None else _brief(self.snapshot),
            "metrics": [
                m
                | {
                    "now": now.get(m["key"], {}).get("value"),
                    "then": before.get(m["key"], {}).get("value"),
                    "change": moved.get(m["key"]),
                }
                for m in shown
            ],
        }


def kpis_view(
    workspace: Workspace,
    map_id: int,
    revision: int | None = None,
    *,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> KpisView:
    """Measured now against the latest snapshot; with ``revision``, that revision's latest snapshot
    against now (``kpis.no_snapshot`` when it has none). With ``period``, today's values carry their trend
    (periods of ``calendar``)."""
    stored = workspace.get_map(map_id, revision)
    taken = list_snapshots(workspace.engine, map_id)
    now = measure_map(workspace, map_id, period=period, calendar=calendar)
    if revision is None:
        return KpisView(map_id, now, taken[-1] if taken else None)
    at = [s for s in taken if s.revision == stored.revision]
    if not at:
        raise NotFoundError("kpis.no_snapshot", map_id=map_id, revision=revision)
    return KpisView(map_id, now, at[-1], at_revision=True)


def _brief(shot: SnapshotInfo) -> dict[str, Any]:
    return {"id": shot.id, "revision": shot.revision, "computed_at": shot.computed_at.isoformat()}


def _stored(report: KpiReport) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in value.to_dict().items() if k in STORED} for value in report.values if value.measure
    ]
