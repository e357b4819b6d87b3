"""Key metrics (شاخص‌های کلیدی) measured from the data: values, future-state targets, revision snapshots.

Definitions: docs/kpis.md. ``values`` measures every metric of a map that says what it measures;
``targets`` sets each target against today's value and its progress; ``snapshots`` keeps the measured
values of a revision so a map's history shows how its numbers moved.
"""

from safar.kpis.snapshots import changes, kpis_view, metrics_history, snapshot, snapshots
from safar.kpis.targets import TargetsReport, targets
from safar.kpis.values import KpiReport, KpiValue, bound_metrics, measure_map

__all__ = [
    "KpiReport",
    "KpiValue",
    "TargetsReport",
    "bound_metrics",
    "changes",
    "kpis_view",
    "measure_map",
    "metrics_history",
    "snapshot",
    "snapshots",
    "targets",
]
