"""Future-state targets against today: each target metric, its current value, the gap and its progress.

For a future-state map (``based_on`` the current-state map) every metric with a target is measured on
the current-state map's data (:mod:`safar.kpis.values`); a current-state map with targets is measured
on its own data. Progress over time comes from two places: the data itself, period by period
(``trend``), and the map's snapshots by revision (``snapshots``).

``gap`` is how far the current value still is from the target in the metric's direction: positive
means not yet met, zero or less means met.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safar.events.periods import GREGORIAN_UTC, Calendar
from safar.kpis.values import KpiReport, KpiValue, iter_targets, measure_map
from safar.store.snapshots import SnapshotInfo, list_snapshots
from safar.workspace import Workspace


@dataclass(frozen=True)
class TargetsReport:
    report: KpiReport
    based_on: int | None
    snapshots: tuple[SnapshotInfo, ...]

    @property
    def targets(self) -> list[KpiValue]:
        return list(iter_targets(self.report))

    def history(self, key: str) -> list[dict[str, Any]]:
        """The metric's value in each snapshot, oldest first."""
        out = []
        for shot in self.snapshots:
            found = next((m for m in shot.metrics if m.get("key") == key), None)
            if found is not None:
                out.append(
                    {
                        "revision": shot.revision,
                        "computed_at": shot.computed_at.isoformat(),
                        "value": found.get("value"),
                        "n": found.get("n"),
                    }
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "map": self.report.map_id,
            "revision": self.report.revision,
            "based_on": self.based_on,
            "dataset": self.report.dataset,
            "period": self.report.period,
            "computed_at": self.report.computed_at.isoformat(),
            "targets": [
                {
                    "metric": v.metric,
                    "key": v.key,
                    "touchpoint": v.touchpoint,
                    "unit": v.unit,
                    "measure": v.measure,
                    "target": v.target,
                    "higher_is_better": v.higher_is_better,
                    "current": v.value,
                    "n": v.n,
                    "low": v.low,
                    "high": v.high,
                    "small_n": v.small_n,
                    "met": v.met,
                    "gap": v.gap,
                    "reason": v.reason,
                    "trend": list(v.trend),
                    "snapshots": self.history(v.key),
                }
                for v in self.targets
            ],
        }


def targets(
    workspace: Workspace, map_id: int, *, period: str | None = "month", calendar: Calendar = GREGORIAN_UTC
) -> TargetsReport:
    """The map's target metrics measured now, with their trend per ``period`` of ``calendar`` and their
    snapshots."""
    report = measure_map(workspace, map_id, period=period, calendar=calendar)
    based_on = report.data_map if report.data_map != map_id else None
    return TargetsReport(report, based_on, tuple(list_snapshots(workspace.engine, map_id)))
