"""Binding events to a journey map (اتصال رویدادها به نقشه): which event belongs to which touchpoint.

A rule matches an event when every condition it states holds; a touchpoint
binds an event when any of its rules matches; the first touchpoint in map order
(stages in order, touchpoints in order within a stage) that binds an event wins.
Events no touchpoint binds keep ``NULL`` ids: they are counted and shown, never dropped.

>>> import ibis, datetime as dt, pyarrow as pa
>>> from safar.model import JourneyMap, Stage, Touchpoint, BindingRule
>>> m = JourneyMap(title="t", stages=[Stage(id="buy", name="Buy", touchpoints=[
...     Touchpoint(id="cart", name="Cart", channel="website", bind=[BindingRule(activity="add")])])])
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a"], "activity": ["add", "look"],
...     "ts": [dt.datetime(2024, 1, 1)] * 2, "seq": [0, 1]}))
>>> bind_events(ev, m).select("activity", "touchpoint_id", "stage_id").to_pyarrow().to_pylist()[0]
{'activity': 'add', 'touchpoint_id': 'cart', 'stage_id': 'buy'}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import Filters, apply_filters, attribute, rows, share
from safar.errors import InputError
from safar.model import BindingRule, JourneyMap

# Python's re accepts these, but the engines' regex libraries (RE2 in DuckDB) do not.
_NOT_PORTABLE = re.compile(r"\(\?<?[=!]|\\[1-9]")


def rule_condition(events: ir.Table, rule: BindingRule) -> ir.BooleanValue:
    """The condition a rule states, as an Ibis boolean expression over the events table."""
    parts: list[ir.BooleanValue] = []
    if rule.activity is not None:
        parts.append(events.activity == rule.activity)
    if rule.activity_in:
        parts.append(events.activity.isin(rule.activity_in))
    if rule.activity_regex is not None:
        parts.append(events.activity.re_search(rule.activity_regex))
    if rule.channel is not None:
        parts.append(events.channel == rule.channel)
    for key, value in rule.attributes.items():
        parts.append(attribute(events, key) == value)
    if rule.dataset is not None:
        parts.append(events.dataset == rule.dataset)
    condition = parts[0]
    for part in parts[1:]:
        condition = condition & part
    # A NULL channel or missing attribute never matches; coalesce keeps NULL out of the CASE.
    return condition.fill_null(False)


def bind_events(events: ir.Table, journey_map: JourneyMap) -> ir.Table:
    """``events`` with ``touchpoint_id`` and ``stage_id`` added (NULL where no rule matches)."""
    branches: list[tuple[ir.BooleanValue, str]] = []
    stage_of: dict[str, str] = {}
    for stage in journey_map.stages:
        for touchpoint in stage.touchpoints:
            stage_of[touchpoint.id] = stage.id
            if not touchpoint.bind:
                continue
            for rule in touchpoint.bind:
                if rule.activity_regex is not None and _NOT_PORTABLE.search(rule.activity_regex):
                    raise InputError(
                        "analytics.unsupported_regex", touchpoint=touchpoint.id, pattern=rule.activity_regex
                    )
            condition = rule_condition(events, touchpoint.bind[0])
            for rule in touchpoint.bind[1:]:
                condition = condition | rule_condition(events, rule)
            branches.append((condition, touchpoint.id))
    null = ibis.null().cast("string")
    if not branches:
        return events.mutate(touchpoint_id=null, stage_id=null)
    bound = events.mutate(touchpoint_id=ibis.cases(*branches, else_=null))
    stage = ibis.cases(*[(bound.touchpoint_id == t, s) for t, s in stage_of.items()], else_=null)
    return bound.mutate(stage_id=stage)


@dataclass(frozen=True)
class TouchpointCount:
    stage: str
    touchpoint: str
    events: int
    customers: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "touchpoint": self.touchpoint,
            "events": self.events,
            "customers": self.customers,
        }


@dataclass(frozen=True)
class BindingPreview:
    """How well a map's binding rules cover a dataset."""

    events: int
    bound: int
    bound_share: float | None
    touchpoints: tuple[TouchpointCount, ...]
    unbound_activities: int
    top_unbound: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "bound": self.bound,
            "unbound": self.events - self.bound,
            "bound_share": self.bound_share,
            "touchpoints": [t.to_dict() for t in self.touchpoints],
            "unbound_activities": self.unbound_activities,
            "top_unbound": [{"activity": a, "events": n} for a, n in self.top_unbound],
        }


def preview_binding(
    events: ir.Table, journey_map: JourneyMap, *, top: int = 10, filters: Filters | None = None
) -> BindingPreview:
    """Coverage of the map's rules: share of events bound, events per touchpoint, top unbound activities."""
    bound = bind_events(apply_filters(events, filters), journey_map)
    per_tp = {
        r["touchpoint_id"]: r
        for r in rows(
            bound.group_by("touchpoint_id").agg(events=bound.count(), customers=bound.customer_id.nunique())
        )
    }
    unbound = bound.filter(bound.touchpoint_id.isnull())
    top_rows = rows(
        unbound.group_by("activity")
        .agg(events=unbound.count())
        .order_by([ibis.desc("events"), "activity"])
        .limit(top)
    )
    n_unbound_activities = int(rows(unbound.agg(n=unbound.activity.nunique()))[0]["n"] or 0)
    total = sum(int(r["events"]) for r in per_tp.values())
    n_unbound = int(per_tp.get(None, {}).get("events", 0))
    counts = tuple(
        TouchpointCount(
            stage.id,
            tp.id,
            int(per_tp.get(tp.id, {}).get("events", 0)),
            int(per_tp.get(tp.id, {}).get("customers", 0)),
        )
        for stage in journey_map.stages
        for tp in stage.touchpoints
    )
    return BindingPreview(
        events=total,
        bound=total - n_unbound,
        bound_share=share(total - n_unbound, total),
        touchpoints=counts,
        unbound_activities=n_unbound_activities,
        top_unbound=tuple((str(r["activity"]), int(r["events"])) for r in top_rows),
    )
