"""Loops (تکرار) and channel ping-pong (پینگ‌پنگ کانال).

- Repeats: a customer repeats a step when they take it more than once; their
  repeats of it are ``occurrences − 1`` (calling three times = two repeats).
  ``mean_repeats`` is the mean over the customers who repeat.
- Channel ping-pong: in a customer's events (every event, in ``(ts, seq)``
  order, events without a channel left out, consecutive events in the same
  channel taken as one), each ``A → B → A`` is one ping-pong from ``A`` via ``B``.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a"] * 3, "activity": ["call", "call", "call"],
...     "ts": [t0] * 3, "seq": [0, 1, 2], "channel": ["phone", "web", "phone"]}))
>>> r = loops(ev).to_dict()
>>> r["by_step"][0]["mean_repeats"], r["ping_pong"]["by_pair"]
(2.0, [{'from': 'phone', 'via': 'web', 'count': 1, 'customers': 1}])
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
    customer_window,
    journey,
    rows,
    share,
)
from safar.model import JourneyMap


def repeats_table(path: ir.Table) -> ir.Table:
    """Per customer and step: ``repeats`` (occurrences − 1), only where the customer repeats."""
    per = path.group_by("customer_id", "step").agg(n=path.count())
    return per.filter(per.n > 1).mutate(repeats=per.n - 1)


def ping_pong_table(events: ir.Table) -> ir.Table:
    """Each ``A → B → A`` channel switch: customer_id, ``from`` (A), ``via`` (B)."""
    ch = events.filter(events.channel.notnull()).select("customer_id", "ts", "seq", "channel")
    ch = ch.mutate(prev=ch.channel.lag().over(customer_window()))
    runs = ch.filter(ch.prev.isnull() | (ch.prev != ch.channel))
    w = customer_window()
    runs = runs.mutate(n1=runs.channel.lead(1).over(w), n2=runs.channel.lead(2).over(w))
    hits = runs.filter((runs.n2 == runs.channel) & runs.n1.notnull())
    return hits.select("customer_id", **{"from": hits.channel, "via": hits.n1})


def loops_table(path: ir.Table, events: ir.Table) -> ir.Table:
    """Repeats per step and in total, ping-pong per channel pair and in total, in one expression.

    Rows: ``kind`` (step, total, pair, pair_total), ``a`` (the step, or the ``from`` channel), ``b``
    (the ``via`` channel), ``customers``, ``with_repeats``, ``count`` (repeats, or ping-pongs).
    """
    per = path.group_by("customer_id", "step").agg(n=path.count())
    by_step = per.group_by(a=per.step).agg(
        customers=per.count(), with_repeats=per.count(where=per.n > 1), count=(per.n - 1).sum()
    )
    per_customer = per.group_by("customer_id").agg(r=(per.n - 1).sum())
    total = per_customer.agg(
        customers=per_customer.count(),
        with_repeats=per_customer.count(where=per_customer.r > 0),
        count=per_customer.r.sum(),
    )
    pp = ping_pong_table(events)
    pairs = pp.group_by(a=pp["from"], b=pp.via).agg(customers=pp.customer_id.nunique(), count=pp.count())
    pp_total = pp.agg(customers=pp.customer_id.nunique(), count=pp.count())
    null, zero = ibis.null().cast("string"), ibis.literal(0).cast("int64")
    parts = [
        by_step.mutate(kind=ibis.literal("step"), b=null),
        total.mutate(kind=ibis.literal("total"), a=null, b=null),
        pairs.mutate(kind=ibis.literal("pair"), with_repeats=zero),
        pp_total.mutate(kind=ibis.literal("pair_total"), a=null, b=null, with_repeats=zero),
    ]
    return ibis.union(
        *[
            p.select(
                "kind",
                a=p.a.cast("string"),
                b=p.b.cast("string"),
                customers=p.customers.cast("int64"),
                with_repeats=p.with_repeats.cast("int64"),
                count=p["count"].fill_null(0).cast("int64"),
            )
            for p in parts
        ],
        distinct=False,
    )


@dataclass(frozen=True)
class StepRepeats:
    step: str
    customers: int
    customers_with_repeats: int
    repeats: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "customers": self.customers,
            "customers_with_repeats": self.customers_with_repeats,
            "share": share(self.customers_with_repeats, self.customers),
            "repeats": self.repeats,
            "mean_repeats": share(self.repeats, self.customers_with_repeats),
        }


@dataclass(frozen=True)
class LoopsResult:
    level: str
    customers: int
    customers_with_repeats: int
    repeats: int
    by_step: tuple[StepRepeats, ...]
    ping_pong: tuple[tuple[str, str, int, int], ...]
    ping_pong_customers: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "customers": self.customers,
            "customers_with_repeats": self.customers_with_repeats,
            "share": share(self.customers_with_repeats, self.customers),
            "mean_repeats": share(self.repeats, self.customers_with_repeats),
            "by_step": [s.to_dict() for s in self.by_step],
            "ping_pong": {
                "customers": self.ping_pong_customers,
                "share": share(self.ping_pong_customers, self.customers),
                "count": sum(p[2] for p in self.ping_pong),
                "by_pair": [
                    {"from": a, "via": b, "count": n, "customers": c} for a, b, n, c in self.ping_pong
                ],
            },
        }


def loops(
    events: ir.Table,
    *,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> LoopsResult:
    """Repeated steps per customer and channel ping-pong."""
    level = as_level(level)
    path = journey(events, level, journey_map, filters)
    found = rows(loops_table(path, apply_filters(events, filters)))
    total = next(r for r in found if r["kind"] == "total")
    pp_total = next(r for r in found if r["kind"] == "pair_total")
    by_step = sorted(
        (
            StepRepeats(r["a"], r["customers"], r["with_repeats"], r["count"])
            for r in found
            if r["kind"] == "step"
        ),
        key=lambda s: (-s.customers_with_repeats, -s.repeats, s.step),
    )
    pairs = [(r["a"], r["b"], r["count"], r["customers"]) for r in found if r["kind"] == "pair"]
    return LoopsResult(
        level=level.value,
        customers=total["customers"],
        customers_with_repeats=total["with_repeats"],
        repeats=total["count"],
        by_step=tuple(by_step),
        ping_pong=tuple(sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))),
        ping_pong_customers=pp_total["customers"],
    )
