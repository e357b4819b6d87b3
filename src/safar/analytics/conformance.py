"""Conformance (انطباق با نقشه): where real journeys leave the designed one.

The map's order is its stages in order and, inside a stage, its touchpoints in
order. Each customer's bound events, in ``(ts, seq)`` order, are compared pair
by pair (consecutive bound events ``x → y``):

- ``backward_move`` (بازگشت به مرحله قبل): ``y`` is in an earlier stage than ``x``;
  where = ``stage(x) → stage(y)``.
- ``skipped_stage`` (جا انداختن مرحله): ``y`` is more than one stage after ``x``;
  one deviation per stage jumped over, where = that stage. Entering late or
  leaving early is not a skip (that is drop-off).
- ``out_of_order`` (خارج از ترتیب): same stage, but ``y`` is a touchpoint placed
  before ``x`` on the map; where = ``x → y``. Repeating a touchpoint is not a deviation.
- ``not_on_map`` (خارج از نقشه): an event no touchpoint binds; where = its activity.

A customer conforms (منطبق) when none of their events deviates. ``customers``
counts customers with a deviation of that kind and place, ``count`` the occurrences.

>>> from safar.model import JourneyMap, Stage, Touchpoint, BindingRule
>>> import ibis, datetime as dt, pyarrow as pa
>>> def tp(i): return Touchpoint(id=i, name=i, channel="web", bind=[BindingRule(activity=i)])
>>> m = JourneyMap(title="t", stages=[Stage(id="s1", name="S1", touchpoints=[tp("a")]),
...     Stage(id="s2", name="S2", touchpoints=[tp("b")]), Stage(id="s3", name="S3", touchpoints=[tp("c")])])
>>> ev = ibis.memtable(pa.table({"customer_id": ["x", "x"], "activity": ["a", "c"],
...     "ts": [dt.datetime(2024, 1, 1)] * 2, "seq": [0, 1]}))
>>> conformance(ev, m).to_dict()["deviations"]
[{'kind': 'skipped_stage', 'where': 's2', 'customers': 1, 'count': 1}]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import Filters, apply_filters, customer_window, rows, share
from safar.analytics.binding import bind_events
from safar.model import JourneyMap

KINDS = ("skipped_stage", "backward_move", "not_on_map", "out_of_order")


def map_indices(bound: ir.Table, journey_map: JourneyMap) -> ir.Table:
    """Add ``stage_index`` and ``touchpoint_index`` (positions on the map) to bound events."""
    null = ibis.null().cast("int64")
    stages = [(bound.stage_id == s.id, i) for i, s in enumerate(journey_map.stages)]
    tps = [(bound.touchpoint_id == t.id, i) for i, t in enumerate(journey_map.touchpoints())]
    return bound.mutate(
        stage_index=ibis.cases(*stages, else_=null) if stages else null,
        touchpoint_index=ibis.cases(*tps, else_=null) if tps else null,
    )


def on_map(events: ir.Table, journey_map: JourneyMap) -> ir.Table:
    """The events bound to the map (bound here unless they already are), with their positions on it;
    unbound events are left out."""
    bound = events if "touchpoint_id" in events.columns else bind_events(events, journey_map)
    return map_indices(bound.filter(bound.touchpoint_id.notnull()), journey_map)


def deviations_table(events: ir.Table, journey_map: JourneyMap) -> ir.Table:
    """One row per deviation: customer_id, kind, where."""
    bound = events if "touchpoint_id" in events.columns else bind_events(events, journey_map)
    off = bound.filter(bound.touchpoint_id.isnull())
    parts = [off.select("customer_id", kind=ibis.literal("not_on_map"), where=off.activity)]
    on = map_indices(bound.filter(bound.touchpoint_id.notnull()), journey_map)
    w = customer_window()
    on = on.mutate(
        prev_si=on.stage_index.lag().over(w),
        prev_ti=on.touchpoint_index.lag().over(w),
        prev_stage=on.stage_id.lag().over(w),
        prev_tp=on.touchpoint_id.lag().over(w),
    )
    back = on.filter(on.stage_index < on.prev_si)
    parts.append(
        back.select(
            "customer_id", kind=ibis.literal("backward_move"), where=back.prev_stage + " → " + back.stage_id
        )
    )
    for i, stage in enumerate(journey_map.stages):
        jump = on.filter((on.prev_si < i) & (on.stage_index > i))
        parts.append(
            jump.select("customer_id", kind=ibis.literal("skipped_stage"), where=ibis.literal(stage.id))
        )
    ooo = on.filter((on.stage_index == on.prev_si) & (on.touchpoint_index < on.prev_ti))
    parts.append(
        ooo.select(
            "customer_id", kind=ibis.literal("out_of_order"), where=ooo.prev_tp + " → " + ooo.touchpoint_id
        )
    )
    # Nullability differs between parts (activity is NOT NULL in the warehouse); a union needs one schema.
    parts = [p.mutate(where=p["where"].cast("string")) for p in parts]
    return ibis.union(*parts, distinct=False)


def conformance_table(events: ir.Table, journey_map: JourneyMap) -> ir.Table:
    """Deviation counts in one expression: rows ``level`` (all, kind, where), ``kind``, ``where``,
    ``customers`` (distinct) and ``count``; the ``all`` row with ``kind`` NULL counts every customer."""
    dev = deviations_table(events, journey_map)
    null = ibis.null().cast("string")
    parts = [
        events.agg(customers=events.customer_id.nunique(), count=events.count()).mutate(
            level=ibis.literal("all"), kind=null, where=null
        ),
        dev.agg(customers=dev.customer_id.nunique(), count=dev.count()).mutate(
            level=ibis.literal("deviating"), kind=null, where=null
        ),
        dev.group_by("kind")
        .agg(customers=dev.customer_id.nunique(), count=dev.count())
        .mutate(level=ibis.literal("kind"), where=null),
        dev.group_by("kind", "where")
        .agg(customers=dev.customer_id.nunique(), count=dev.count())
        .mutate(level=ibis.literal("where")),
    ]
    columns = ["level", "kind", "where", "customers", "count"]
    return ibis.union(*[p.select(*columns) for p in parts], distinct=False)


@dataclass(frozen=True)
class Deviation:
    kind: str
    where: str
    customers: int
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "where": self.where, "customers": self.customers, "count": self.count}


@dataclass(frozen=True)
class ConformanceResult:
    customers: int
    conforming: int
    deviations: tuple[Deviation, ...]
    by_kind: tuple[tuple[str, int, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "customers": self.customers,
            "conforming": self.conforming,
            "conforming_share": share(self.conforming, self.customers),
            "by_kind": {k: {"customers": c, "count": n} for k, c, n in self.by_kind},
            "deviations": [d.to_dict() for d in self.deviations],
        }


def conformance(
    events: ir.Table, journey_map: JourneyMap, *, filters: Filters | None = None
) -> ConformanceResult:
    """Share of customers whose journey follows the map, and every deviation by kind and place."""
    found = rows(conformance_table(apply_filters(events, filters), journey_map))
    total = next(int(r["customers"]) for r in found if r["level"] == "all")
    deviating = next(int(r["customers"]) for r in found if r["level"] == "deviating")
    kinds = {r["kind"]: r for r in found if r["level"] == "kind"}
    deviations = sorted(
        (
            Deviation(r["kind"], r["where"], int(r["customers"]), int(r["count"]))
            for r in found
            if r["level"] == "where"
        ),
        key=lambda d: (KINDS.index(d.kind), -d.customers, -d.count, d.where),
    )
    return ConformanceResult(
        customers=total,
        conforming=total - deviating,
        deviations=tuple(deviations),
        by_kind=tuple(
            (k, int(kinds[k]["customers"]) if k in kinds else 0, int(kinds[k]["count"]) if k in kinds else 0)
            for k in KINDS
        ),
    )
