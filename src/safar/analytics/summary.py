"""The map overlay (لایه داده روی نقشه): per touchpoint what the web map shows.

For each touchpoint on the map (in map order, touchpoints without events included):

- ``events``: events bound to it; ``customers``: distinct customers with such an event;
- ``conversion_to_next_stage`` (نرخ تبدیل به مرحله بعد): the share of those
  customers with a bound event in any later stage after one of their events at
  this touchpoint (``None`` for touchpoints of the last stage that has data, and after it);
- ``dropoff`` (ریزش): customers whose last bound event is at this touchpoint and who did not
  complete the journey, and ``dropoff_share`` of its customers; ``completed``: customers whose
  last bound event is here, in the last stage with data (definitions: :mod:`safar.metrics.behaviour`);
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
 'dropoff': 1, 'dropoff_share': 0.5, 'completed': 0, 'median_seconds_to_next': 30.0}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir

from safar.analytics._common import Filters, apply_filters, rows, share
from safar.analytics.binding import bind_events
from safar.analytics.conformance import on_map
from safar.analytics.kept import KeptSteps
from safar.analytics.kept_counts import Counter
from safar.metrics.behaviour import customer_counts, dropped_customers, journey_steps
from safar.model import JourneyMap


def summary_table(events: ir.Table, journey_map: JourneyMap, *, steps: ir.Table | None = None) -> ir.Table:
    """Per touchpoint id: events, customers, converted, final, dropoff, completed, median_seconds_to_next.
    ``steps``: the events' journey steps when they are computed already (:mod:`safar.analytics.kept`)."""
    on = steps if steps is not None else journey_steps(on_map(events, journey_map))
    counts = summary_counts(on)
    medians = summary_medians(on)
    joined = counts.left_join(medians, counts.touchpoint_id == medians.touchpoint_id)
    return joined.select(
        counts.touchpoint_id,
        counts.events,
        counts.customers,
        counts.converted,
        final=counts.in_final > 0,
        dropoff=counts.dropoff,
        completed=counts.completed,
        median_seconds_to_next=medians.median_seconds_to_next,
    )


def summary_counts(on: ir.Table) -> ir.Table:
    """Per touchpoint id of the journey steps ``on``, the overlay's counts, additive over customers (so they
    can be kept, :mod:`safar.analytics.kept_counts`): events, customers, converted, ``in_final`` (its steps
    in the last stage with data: it has no conversion), dropoff, completed."""
    return on.group_by("touchpoint_id").agg(
        events=on.count(),
        **customer_counts(on, "touchpoint"),
        in_final=on.count(where=on.final_stage),
        dropoff=dropped_customers(on),
        completed=on.count(where=on.completed),
    )


def summary_medians(on: ir.Table) -> ir.Table:
    """Per touchpoint id of the journey steps ``on``, the median time to the customer's next step."""
    return on.group_by("touchpoint_id").agg(median_seconds_to_next=on.gap.median())


@dataclass(frozen=True)
class TouchpointSummary:
    stage: str
    touchpoint: str
    events: int
    customers: int
    converted: int | None
    dropoff: int
    completed: int
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
            "completed": self.completed,
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


def summary(
    events: ir.Table,
    journey_map: JourneyMap,
    *,
    filters: Filters | None = None,
    kept: KeptSteps | None = None,
    count: Counter | None = None,
) -> SummaryResult:
    """Per touchpoint volume, customers, conversion to the next stage, drop-off and median time to next.
    ``kept``: the kept steps of every event (no filters), read instead of computing them; ``count``: how
    their counts are read (:func:`safar.analytics.kept_counts.counter`; computed from them by default)."""
    if kept is not None and filters is None:
        # the counts through ``count`` (kept beside the kept steps), the medians from the steps
        count = count or (lambda counts, _keys: counts(kept.steps))
        per = {r["touchpoint_id"]: r for r in rows(count(summary_counts, ["touchpoint_id"]))}
        for r in per.values():
            r["final"] = r.pop("in_final") > 0
        for r in rows(summary_medians(kept.steps)):
            if r["touchpoint_id"] in per:
                per[r["touchpoint_id"]]["median_seconds_to_next"] = r["median_seconds_to_next"]
        bound_events = sum(int(r["events"]) for r in per.values())
        totals = {"events": kept.events, "unbound": kept.events - bound_events, "customers": kept.customers}
    else:
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
                    converted=None if r.get("final") else int(r.get("converted", 0)),
                    dropoff=int(r.get("dropoff", 0)),
                    completed=int(r.get("completed", 0)),
                    median_seconds_to_next=None if median is None else float(median),
                )
            )
    return SummaryResult(
        int(totals["events"]), int(totals["unbound"] or 0), int(totals["customers"] or 0), tuple(out)
    )
