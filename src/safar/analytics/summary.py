"""The map overlay (لایه داده روی نقشه): per touchpoint what the web map shows.

For each touchpoint on the map (in map order, touchpoints without events included):

- ``events``: events bound to it; ``customers``: distinct customers with such an event;
- ``conversion_to_next_stage`` (نرخ تبدیل به مرحله بعد): the share of those
  customers with a bound event in any later stage after one of their events at
  this touchpoint (``None`` for touchpoints of the last stage);
- ``dropoff`` (ریزش): customers whose last bound event is at this touchpoint,
  and ``dropoff_share`` of its customers;
- ``median_seconds_to_next`` (میانه زمان تا نقطه تماس بعد): the median time from an
  event here to the customer's next bound event (events with a next one only).

Unbound events are counted in ``unbound_events`` and otherwise left out.

>>> from safar.model import JourneyMap, Stage, Touchpoint, BindingRule
>>> import ibis, datetime as dt, pyarrow as pa
>>> def tp(i): return Touchpoint(id=i, name=i, channel="web", bind=[BindingRule(activity=i)])
>>> m = JourneyMap(title="t", stages=[Stage(id="s1", name="S1", touchpoints=[tp("a")]),
...     Stage(id="s2", name="S2", touchpoints=[tp("b")])])
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["x", "x", "y"], "activity": ["a", "b", "a"],
...     "ts": [t0, t0 + dt.timedelta(seconds=30), t0], "seq": [0, 1, 2]}))
>>> summary(ev, m).to_dict()["touchpoints"][0]
... # doctest: +NORMALIZE_WHITESPACE
{'stage': 's1', 'touchpoint': 'a', 'events': 2, 'customers': 2, 'conversion_to_next_stage': 0.5,
 'dropoff': 1, 'dropoff_share': 0.5, 'median_seconds_to_next': 30.0}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir

from safar.analytics._common import Filters, apply_filters, customer_window, rows, seconds, share
from safar.analytics.binding import bind_events
from safar.analytics.conformance import map_indices
from safar.model import JourneyMap


def summary_table(events: ir.Table, journey_map: JourneyMap) -> ir.Table:
    """Per touchpoint id: events, customers, converted, dropoff, median_seconds_to_next."""
    bound = events if "touchpoint_id" in events.columns else bind_events(events, journey_map)
    on = map_indices(bound.filter(bound.touchpoint_id.notnull()), journey_map)
    w, after = customer_window(), customer_window(rows=(1, None))
    on = on.mutate(
        next_ts=on.ts.lead().over(w),
        next_tp=on.touchpoint_id.lead().over(w),
        later_stage=on.stage_index.max().over(after),
    )
    on = on.mutate(gap=seconds(on.next_ts) - seconds(on.ts))
    return on.group_by("touchpoint_id").agg(
        events=on.count(),
        customers=on.customer_id.nunique(),
        converted=on.customer_id.nunique(where=on.later_stage > on.stage_index),
        dropoff=on.count(where=on.next_tp.isnull()),
        median_seconds_to_next=on.gap.median(),
    )


@dataclass(frozen=True)
class TouchpointSummary:
    stage: str
    touchpoint: str
    events: int
    customers: int
    converted: int | None
    dropoff: int
    median_seconds_to_next: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "touchpoint": self.touchpoint,
            "events": self.events,
            "customers": self.customers,
            "conversion_to_next_stage": None
            if self.converted is None
            else share(self.converted, self.customers),
            "dropoff": self.dropoff,
            "dropoff_share": share(self.dropoff, self.customers),
            "median_seconds_to_next": self.median_seconds_to_next,
        }


@dataclass(frozen=True)
class SummaryResult:
    events: int
    unbound_events: int
    customers: int
    touchpoints: tuple[TouchpointSummary, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "unbound_events": self.unbound_events,
            "customers": self.customers,
            "touchpoints": [t.to_dict() for t in self.touchpoints],
        }


def summary(events: ir.Table, journey_map: JourneyMap, *, filters: Filters | None = None) -> SummaryResult:
    """Per touchpoint volume, customers, conversion to the next stage, drop-off and median time to next."""
    events = apply_filters(events, filters)
    bound = bind_events(events, journey_map)
    per = {r["touchpoint_id"]: r for r in rows(summary_table(bound, journey_map))}
    totals = rows(
        bound.agg(
            events=bound.count(),
            unbound=bound.count(where=bound.touchpoint_id.isnull()),
            customers=bound.customer_id.nunique(),
        )
    )[0]
    last_stage = journey_map.stages[-1].id if journey_map.stages else None
    out = []
    for stage in journey_map.stages:
        for tp in stage.touchpoints:
            r = per.get(tp.id, {})
            median = r.get("median_seconds_to_next")
            out.append(
                TouchpointSummary(
                    stage=stage.id,
                    touchpoint=tp.id,
                    events=int(r.get("events", 0)),
                    customers=int(r.get("customers", 0)),
                    converted=None if stage.id == last_stage else int(r.get("converted", 0)),
                    dropoff=int(r.get("dropoff", 0)),
                    median_seconds_to_next=None if median is None else float(median),
                )
            )
    return SummaryResult(
        int(totals["events"]), int(totals["unbound"] or 0), int(totals["customers"] or 0), tuple(out)
    )
