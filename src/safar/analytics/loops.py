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

import ibis.expr.types as ir

from safar.analytics._common import Filters, Level, apply_filters, as_level, customer_window, journey, rows, share
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
                "by_pair": [{"from": a, "via": b, "count": n, "customers": c} for a, b, n, c in self.ping_pong],
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
    reps = repeats_table(path)
    per_step = path.group_by("step").agg(customers=path.customer_id.nunique())
    rep_step = reps.group_by("step").agg(with_repeats=reps.count(), repeats=reps.repeats.sum())
    joined = per_step.left_join(rep_step, "step").select(
        "step", "customers", with_repeats=rep_step.with_repeats.fill_null(0), repeats=rep_step.repeats.fill_null(0)
    )
    by_step = sorted(
        (StepRepeats(r["step"], int(r["customers"]), int(r["with_repeats"]), int(r["repeats"]))
         for r in rows(joined)),
        key=lambda s: (-s.customers_with_repeats, -s.repeats, s.step),
    )
    totals = rows(reps.agg(customers=reps.customer_id.nunique(), repeats=reps.repeats.sum()))[0]
    n_customers = int(rows(path.agg(n=path.customer_id.nunique()))[0]["n"] or 0)
    pp = ping_pong_table(apply_filters(events, filters))
    pairs = rows(pp.group_by("from", "via").agg(count=pp.count(), customers=pp.customer_id.nunique()))
    pp_customers = int(rows(pp.agg(n=pp.customer_id.nunique()))[0]["n"] or 0)
    return LoopsResult(
        level=level.value,
        customers=n_customers,
        customers_with_repeats=int(totals["customers"] or 0),
        repeats=int(totals["repeats"] or 0),
        by_step=tuple(by_step),
        ping_pong=tuple(sorted(((r["from"], r["via"], int(r["count"]), int(r["customers"])) for r in pairs),
                               key=lambda p: (-p[2], p[0], p[1]))),
        ping_pong_customers=pp_customers,
    )
