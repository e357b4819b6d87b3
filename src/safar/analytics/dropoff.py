"""Drop-off (ریزش): the last step customers take before they leave.

Every customer's journey ends somewhere; the drop-off of a step is the number
of customers whose last step (at the chosen level) it is, and its share of all
customers. With ``final`` (the step that means success, e.g. a purchase),
customers who reached ``final`` at any time are counted as ``completed`` and not
as drop-offs; shares stay relative to all customers.

At the touchpoint and stage levels the map says where a journey succeeds
(:mod:`safar.metrics.behaviour`): customers whose last bound event is in the last
stage with data are ``completed``, and those whose next stage has no data at all
are ``unobserved``; neither is a stop. Only real stops are listed.

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

from safar.analytics._common import (
    Filters,
    Level,
    apply_filters,
    as_level,
    check_known,
    journey,
    rows,
    share,
)
from safar.analytics.conformance import on_map
from safar.errors import InputError
from safar.metrics.behaviour import journey_steps
from safar.model import JourneyMap


def customer_stops_table(steps: ir.Table, level: Level, final: str | None = None) -> ir.Table:
    """At a map level, one row per customer: ``customer_id``, last ``step``, ``completed``, ``dropped``.

    ``steps`` are :func:`safar.metrics.behaviour.journey_steps`; reaching ``final`` also completes.
    A customer neither completed nor dropped is unobserved (the stage after their last has no data).
    """
    column = steps.touchpoint_id if level is Level.TOUCHPOINT else steps.stage_id
    reached = ibis.literal(False) if final is None else (column == final).any()
    per = steps.group_by("customer_id").agg(
        step=column.argmax(ibis.struct({"ts": steps.ts, "seq": steps.seq})),
        done=steps.completed.any() | reached,
        stopped=steps.dropped.any(),
    )
    return per.select("customer_id", "step", completed=per.done, dropped=per.stopped & ~per.done)


def stops_table(steps: ir.Table, level: Level, final: str | None = None) -> ir.Table:
    """At a map level, customers per last step: ``step``, ``completed``, ``dropped``, ``customers``."""
    per = customer_stops_table(steps, level, final)
    return per.group_by("step", "completed", "dropped").agg(customers=per.count())


def customer_last_table(path: ir.Table, final: str | None = None) -> ir.Table:
    """One row per customer: ``customer_id``, last ``step``, ``completed`` (reached ``final`` at any time)."""
    # One aggregate per customer: the step with the greatest (ts, seq), no window sort.
    last = path.step.argmax(ibis.struct({"ts": path.ts, "seq": path.seq}))
    done = ibis.literal(False) if final is None else (path.step == final).any()
    return path.group_by("customer_id").agg(step=last, completed=done)


def dropoff_table(path: ir.Table, final: str | None = None) -> ir.Table:
    """Customers per last step: ``step``, ``completed`` (reached ``final`` at any time), ``customers``."""
    per = customer_last_table(path, final)
    return per.group_by("step", "completed").agg(customers=per.count())


@dataclass(frozen=True)
class DropoffResult:
    level: str
    customers: int
    completed: int | None
    steps: tuple[tuple[str, int], ...]
    unobserved: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "customers": self.customers,
            "completed": self.completed,
            "unobserved": self.unobserved,
            "steps": [{"step": s, "customers": n, "share": share(n, self.customers)} for s, n in self.steps],
        }


def dropoff(
    events: ir.Table,
    *,
    level: str | Level = Level.ACTIVITY,
    final: str | None = None,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
    steps: ir.Table | None = None,
) -> DropoffResult:
    """Where customers stop: customers per last step, most first; at a map level completion apart.
    ``steps``: at a map level without filters, the events' kept steps (:mod:`safar.analytics.kept`)."""
    level = as_level(level)
    if final is not None:
        check_known([final], level, journey_map)
    if level is not Level.ACTIVITY:
        return _map_stops(events, level, final, journey_map, filters, steps)
    path = journey(events, level, journey_map, filters)
    found = rows(dropoff_table(path, final))
    total = sum(int(r["customers"]) for r in found)
    completed = sum(int(r["customers"]) for r in found if r["completed"]) if final is not None else None
    stopped = [(str(r["step"]), int(r["customers"])) for r in found if not r["completed"]]
    return DropoffResult(level.value, total, completed, _ranked(stopped))


def _map_stops(
    events: ir.Table,
    level: Level,
    final: str | None,
    journey_map: JourneyMap | None,
    filters: Filters | None,
    steps: ir.Table | None,
) -> DropoffResult:
    if journey_map is None:
        raise InputError("analytics.map_required", level=level.value)
    if steps is None or filters is not None:
        steps = journey_steps(on_map(apply_filters(events, filters), journey_map))
    return stops_of(stops_table(steps, level, final), level)


def stops_of(counts: ir.Table, level: str | Level) -> DropoffResult:
    """Where customers stop at a map level, from the counts of :func:`stops_table` (kept or computed now)."""
    level = as_level(level)
    found = rows(counts)
    total = sum(int(r["customers"]) for r in found)
    completed = sum(int(r["customers"]) for r in found if r["completed"])
    unobserved = sum(int(r["customers"]) for r in found if not r["completed"] and not r["dropped"])
    stopped = [(str(r["step"]), int(r["customers"])) for r in found if r["dropped"]]
    return DropoffResult(level.value, total, completed, _ranked(stopped), unobserved)


def _ranked(stopped: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(stopped, key=lambda p: (-p[1], p[0])))
