"""Drop-off (ریزش): the last step customers take before they leave.

Every customer's journey ends somewhere; the drop-off of a step is the number
of customers whose last step (at the chosen level) it is, and its share of all
customers. With ``final`` (the step that means success, e.g. a purchase),
customers who reached ``final`` at any time are counted as ``completed`` and not
as drop-offs; shares stay relative to all customers.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b"], "activity": ["visit", "buy", "visit"],
...     "ts": [t0, t0, t0], "seq": [0, 1, 2]}))
>>> dropoff(ev, final="buy").to_dict()["steps"]
[{'step': 'visit', 'customers': 1, 'share': 0.5}]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import Filters, Level, as_level, check_known, journey, rows, share
from safar.model import JourneyMap


def dropoff_table(path: ir.Table, final: str | None = None) -> ir.Table:
    """Customers per last step: ``step``, ``completed`` (reached ``final`` at any time), ``customers``."""
    # One aggregate per customer: the step with the greatest (ts, seq), no window sort.
    last = path.step.argmax(ibis.struct({"ts": path.ts, "seq": path.seq}))
    done = ibis.literal(False) if final is None else (path.step == final).any()
    per = path.group_by("customer_id").agg(step=last, completed=done)
    return per.group_by("step", "completed").agg(customers=per.count())


@dataclass(frozen=True)
class DropoffResult:
    level: str
    customers: int
    completed: int | None
    steps: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "customers": self.customers,
            "completed": self.completed,
            "steps": [{"step": s, "customers": n, "share": share(n, self.customers)} for s, n in self.steps],
        }


def dropoff(
    events: ir.Table,
    *,
    level: str | Level = Level.ACTIVITY,
    final: str | None = None,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> DropoffResult:
    """Where customers stop: customers per last step, most first."""
    level = as_level(level)
    if final is not None:
        check_known([final], level, journey_map)
    path = journey(events, level, journey_map, filters)
    found = rows(dropoff_table(path, final))
    total = sum(int(r["customers"]) for r in found)
    completed = sum(int(r["customers"]) for r in found if r["completed"]) if final is not None else None
    stopped = [(str(r["step"]), int(r["customers"])) for r in found if not r["completed"]]
    return DropoffResult(level.value, total, completed, tuple(sorted(stopped, key=lambda p: (-p[1], p[0]))))
