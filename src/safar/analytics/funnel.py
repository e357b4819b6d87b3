"""Funnel (قیف): how many customers reach each step of a list, in one of three orders.

Steps are activities, touchpoint ids or stage ids (``level``). Let ``s1..sn`` be
the steps and a customer's events ordered by ``(ts, seq)``:

- ``sequential`` (ترتیبی): the anchor is the customer's *first* occurrence of
  ``s1``; step k is matched by the earliest occurrence of ``sk`` after the
  match of step k−1 (other events may come between). The customer reaches step
  k when the chain reaches k and, with a window, step k is at most ``window``
  after the anchor.
- ``strict`` (پشت‌سرهم): ``s1..sk`` are consecutive events of the customer (no
  other event between, at the chosen level), starting at *any* occurrence of
  ``s1``, with step k at most ``window`` after that ``s1``.
- ``any`` (بدون ترتیب): the customer did each of ``s1..sk`` at least once, in
  any order; with a window, the first occurrences of ``s1..sk`` lie within
  ``window`` of each other.

A window per step (``step_windows``, sequential and strict orders): step k must also come within
``step_windows[k − 2]`` of the match of step k − 1 (``None``: no limit for that step).

``rate_from_start`` = customers at k / customers at 1, ``rate_from_previous`` =
customers at k / customers at k−1 (``None`` when the denominator is 0).

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b"], "activity": ["visit", "buy", "visit"],
...     "ts": [t0, t0 + dt.timedelta(hours=1), t0], "seq": [0, 1, 2]}))
>>> funnel(ev, ["visit", "buy"]).to_dict()["steps"][1]
{'step': 'buy', 'customers': 1, 'rate_from_start': 0.5, 'rate_from_previous': 0.5}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import (
    Filters,
    Level,
    as_level,
    check_known,
    check_steps,
    customer_window,
    has_positions,
    journey,
    rows,
    share,
)
from safar.errors import InputError
from safar.model import JourneyMap


class Order(StrEnum):
    SEQUENTIAL = "sequential"
    STRICT = "strict"
    ANY = "any"


def _as_order(value: str | Order) -> Order:
    try:
        return Order(value)
    except ValueError:
        raise InputError("analytics.bad_order", value=value, allowed=[o.value for o in Order]) from None


def funnel_table(
    events: ir.Table,
    steps: Sequence[str],
    *,
    order: str | Order = Order.SEQUENTIAL,
    window: dt.timedelta | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
    step_windows: Sequence[dt.timedelta | None] | None = None,
) -> ir.Table:
    """The funnel as an expression: one row per step with ``index``, ``step`` and ``customers``."""
    steps = check_steps(steps)
    counts = reached_tables(
        events,
        steps,
        order=order,
        window=window,
        level=level,
        journey_map=journey_map,
        filters=filters,
        step_windows=step_windows,
    )
    parts = [
        count.agg(customers=count.customer_id.nunique()).mutate(
            index=ibis.literal(i).cast("int64"), step=ibis.literal(s).cast("string")
        )
        for i, (s, count) in enumerate(zip(steps, counts, strict=True))
    ]
    return ibis.union(*parts) if len(parts) > 1 else parts[0]


def reached_tables(
    events: ir.Table,
    steps: Sequence[str],
    *,
    order: str | Order = Order.SEQUENTIAL,
    window: dt.timedelta | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
    step_windows: Sequence[dt.timedelta | None] | None = None,
) -> list[ir.Table]:
    """Per step, in order, the customers who reach it: tables with a ``customer_id`` column, and ``t0`` (when
    their funnel began) and ``t`` (when they reached the step; for ``any``, when the last of the steps so far
    was first done).

    A customer may appear more than once in a table (``strict`` keeps every matching run);
    :func:`funnel_table` counts distinct customers, the drill-down (:mod:`safar.analytics.cohort`)
    lists them.
    """
    steps = check_steps(steps)
    level, order = as_level(level), _as_order(order)
    check_known(steps, level, journey_map)
    if order is Order.ANY and len(set(steps)) != len(steps):
        raise InputError("analytics.duplicate_step", steps=list(steps))
    path = journey(events, level, journey_map, filters)
    if order is not Order.STRICT and not has_positions(events, filters):
        # Only the steps' events matter, and their order among themselves: keep them, then number
        # them (one window sort over fewer rows; strict needs the positions among all events).
        path = path.filter(path.step.isin(list(dict.fromkeys(steps))))
        path = path.mutate(pos=ibis.row_number().over(customer_window()))
    limits = list(step_windows or [])
    if limits and (order is Order.ANY or len(limits) != len(steps) - 1):
        raise InputError(
            "analytics.bad_step_windows", steps=len(steps) - 1, given=len(limits), order=order.value
        )
    if order is Order.ANY:
        return _any(path, steps, window)
    chained = _sequential if order is Order.SEQUENTIAL else _strict
    return chained(path, steps, window, limits or [None] * (len(steps) - 1))


def _within(ts: ir.TimestampValue, anchor: ir.TimestampValue, window: dt.timedelta | None) -> ir.BooleanValue:
    if window is None:
        return ibis.literal(True)
    return ts <= anchor + ibis.interval(seconds=int(window.total_seconds()))


def _sequential(
    path: ir.Table, steps: list[str], window: dt.timedelta | None, limits: list[dt.timedelta | None]
) -> list[ir.Table]:
    first = path.filter(path.step == steps[0])
    chain = first.group_by("customer_id").agg(p=first.pos.min(), t0=first.ts.min(), t=first.ts.min())
    reached = [chain]
    for step, limit in zip(steps[1:], limits, strict=True):
        cand = path.filter(path.step == step).rename(ts_="ts")
        joined = chain.join(cand, chain.customer_id == cand.customer_id)
        joined = joined.filter(
            (joined.pos > joined.p)
            & _within(joined.ts_, joined.t0, window)
            & _within(joined.ts_, joined.t, limit)
        )
        # The earliest later occurrence: min pos is also the event with the min ts.
        chain = joined.group_by("customer_id", "t0").agg(p=joined.pos.min(), t=joined.ts_.min())
        reached.append(chain)
    return reached


def _strict(
    path: ir.Table, steps: list[str], window: dt.timedelta | None, limits: list[dt.timedelta | None]
) -> list[ir.Table]:
    first = path.filter(path.step == steps[0])
    chain = first.select("customer_id", p=first.pos, t0=first.ts, t=first.ts)
    reached = [chain]
    for step, limit in zip(steps[1:], limits, strict=True):
        cand = path.filter(path.step == step).rename(ts_="ts")
        joined = chain.join(cand, [chain.customer_id == cand.customer_id, cand.pos == chain.p + 1])
        joined = joined.filter(_within(joined.ts_, joined.t0, window) & _within(joined.ts_, joined.t, limit))
        chain = joined.select("customer_id", "t0", p=joined.pos, t=joined.ts_)
        reached.append(chain)
    return reached


def _any(path: ir.Table, steps: list[str], window: dt.timedelta | None) -> list[ir.Table]:
    firsts = path.group_by("customer_id", "step").agg(t=path.ts.min())
    reached = []
    for k in range(1, len(steps) + 1):
        sub = firsts.filter(firsts.step.isin(steps[:k]))
        per = sub.group_by("customer_id").agg(n=sub.count(), lo=sub.t.min(), hi=sub.t.max())
        done = per.filter((per.n == k) & _within(per.hi, per.lo, window))
        reached.append(done.mutate(t0=done.lo, t=done.hi))
    return reached


@dataclass(frozen=True)
class FunnelStep:
    step: str
    customers: int
    rate_from_start: float | None
    rate_from_previous: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "customers": self.customers,
            "rate_from_start": self.rate_from_start,
            "rate_from_previous": self.rate_from_previous,
        }


@dataclass(frozen=True)
class FunnelResult:
    steps: tuple[FunnelStep, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"steps": [s.to_dict() for s in self.steps]}


def funnel(
    events: ir.Table,
    steps: Sequence[str],
    *,
    order: str | Order = Order.SEQUENTIAL,
    window: dt.timedelta | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
    step_windows: Sequence[dt.timedelta | None] | None = None,
) -> FunnelResult:
    """Customers reaching each step (see the module docstring for the exact rules)."""
    expr = funnel_table(
        events,
        steps,
        order=order,
        window=window,
        level=level,
        journey_map=journey_map,
        filters=filters,
        step_windows=step_windows,
    )
    return funnel_of(expr, steps)


def funnel_of(counts: ir.Table, steps: Sequence[str]) -> FunnelResult:
    """The funnel of ``steps`` from its counts (rows of :func:`funnel_table`, kept or computed now; a step
    without a row has no customers)."""
    by_index = {int(r["index"]): int(r["customers"]) for r in rows(counts)}
    names = check_steps(steps)
    counts = [by_index.get(i, 0) for i in range(len(names))]
    out = []
    for i, (name, n) in enumerate(zip(names, counts, strict=True)):
        out.append(FunnelStep(name, n, share(n, counts[0]), share(n, counts[i - 1]) if i else share(n, n)))
    return FunnelResult(tuple(out))
