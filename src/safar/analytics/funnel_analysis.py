"""Funnel analysis (تحلیل قیف): a funnel broken down by group, compared with the period before, and how long
customers take — what an analyst asks of a funnel beyond its counts. The funnel is :mod:`safar.analytics.funnel`'s
(the same steps, order and window; the counts below add up to its own).

- **Breakdown** (تفکیک): each customer is in one group — ``channel``: the channel of the event that began
  their funnel (its first step); ``segment`` (an attribute): its value on the customer's first event that has
  it (customers without it are in the group ``None``); ``persona``: the persona's customers (those with an
  event holding each of its data-segment attributes) against everyone else. Each group gets the funnel of its
  own customers.
- **Comparison with the period before** (مقایسه با دوره قبل): the funnel of the customers whose funnel began
  in ``[start, end)`` against the one of ``[start − (end − start), start)``; per step, its conversion from the
  first step in each, the difference and the two-sided two-proportion z-test of it (pooled, as the alerts'
  guard: :func:`safar.alerts.stats.two_proportion_test`), and the median time from the first step in each.
- **Times** (زمان‌ها): per step k ≥ 2, the time from the first step to step k of the customers who reached it
  (time to convert), the time from step k−1 to step k (time in the step before), and for the customers who
  reached step k−1 and not k, the time from step k−1 to their last event (how long they stayed before leaving);
  each as n, mean, p25, median, p75, p90, and a histogram in :data:`BINS`.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b", "b"], "activity": ["visit", "buy", "visit", "x"],
...     "ts": [t0, t0 + dt.timedelta(hours=2), t0, t0 + dt.timedelta(hours=5)], "seq": [0, 1, 2, 3],
...     "channel": ["web", "web", "app", "app"]}))
>>> [(g.group, [s.customers for s in g.funnel.steps]) for g in breakdown(ev, ["visit", "buy"], "channel")]
[('app', [1, 0]), ('web', [1, 1])]
>>> t = funnel_times(ev, ["visit", "buy"])[0]
>>> (t.to_convert.median, t.dropped.median, t.histogram)
(7200.0, 18000.0, (0, 0, 1, 0, 0, 0, 0, 0))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.datatypes as dt_
import ibis.expr.types as ir

from safar.analytics._common import (
    Distribution,
    Filters,
    Level,
    apply_filters,
    as_level,
    attribute,
    check_steps,
    distribution,
    journey,
    rows,
    seconds,
    share,
)
from safar.analytics.funnel import FunnelResult, Order, funnel_of, reached_tables
from safar.errors import InputError
from safar.model import JourneyMap

__all__ = [
    "BINS",
    "Comparison",
    "GroupFunnel",
    "StepTimes",
    "began_in",
    "breakdown",
    "compare_previous",
    "funnel_times",
    "group_table",
]

# The histogram's bins, in seconds: under 1 minute, 1 hour, 6 hours, 1 day, 3 days, 7 days, 30 days, and beyond.
BINS = (60, 3600, 6 * 3600, 86400, 3 * 86400, 7 * 86400, 30 * 86400)


@dataclass(frozen=True)
class GroupFunnel:
    group: str | None
    funnel: FunnelResult

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, **self.funnel.to_dict()}


def _reached(
    events: ir.Table,
    steps: Sequence[str],
    *,
    order: str | Order,
    window: dt.timedelta | None,
    level: str | Level,
    journey_map: JourneyMap | None,
    filters: Filters | None,
) -> list[ir.Table]:
    return reached_tables(
        events, steps, order=order, window=window, level=level, journey_map=journey_map, filters=filters
    )


def group_table(
    events: ir.Table,
    steps: Sequence[str],
    by: str,
    *,
    level: Level,
    journey_map: JourneyMap | None,
    filters: Filters | None,
    segment: tuple[tuple[str, str], ...],
) -> ir.Table:
    """``customer_id``, ``grp``: each customer's group (see the module docstring)."""
    if by == "channel":
        path = journey(events, level, journey_map, filters)
        first = path.filter(path.step == steps[0])
        return first.group_by("customer_id").agg(grp=first.channel.argmin(first.pos))
    events = apply_filters(events, filters)
    if by == "persona":
        checks = {
            f"_s{i}": (attribute(events, key) == value).fill_null(False).any()
            for i, (key, value) in enumerate(segment)
        }
        per = events.group_by("customer_id").agg(**checks)
        member = ibis.literal(True)
        for name in checks:
            member = member & per[name]
        return per.select("customer_id", grp=ibis.ifelse(member, "persona", "others"))
    if not by.startswith("segment:") or not by.removeprefix("segment:").strip():
        raise InputError("analytics.bad_breakdown", value=by)
    key = by.removeprefix("segment:").strip()
    value = attribute(events, key)
    held = events.mutate(_v=value)
    everyone = events.select("customer_id").distinct()
    valued = held.filter(held._v.notnull())
    firsts = valued.group_by("customer_id").agg(grp=valued._v.argmin(valued.ts))
    return everyone.left_join(firsts, "customer_id").select(everyone.customer_id, firsts.grp)


def breakdown(
    events: ir.Table,
    steps: Sequence[str],
    by: str,
    *,
    order: str | Order = Order.SEQUENTIAL,
    window: dt.timedelta | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
    segment: tuple[tuple[str, str], ...] = (),
) -> list[GroupFunnel]:
    """The funnel of each group of customers (``by``: ``channel``, ``segment:ATTR`` or ``persona`` with its
    ``segment`` conditions), largest first step first, the group without a value last."""
    steps = check_steps(steps)
    level = as_level(level)
    if by == "persona" and not segment:
        raise InputError("analytics.bad_breakdown", value=by)
    groups = group_table(
        events, steps, by, level=level, journey_map=journey_map, filters=filters, segment=segment
    )
    reached = _reached(
        events, steps, order=order, window=window, level=level, journey_map=journey_map, filters=filters
    )
    parts = []
    for i, table in enumerate(reached):
        joined = table.select("customer_id").join(groups, "customer_id")
        parts.append(
            joined.group_by("grp")
            .agg(customers=joined.customer_id.nunique())
            .mutate(index=ibis.literal(i).cast("int64"), step=ibis.literal(steps[i]).cast("string"))
        )
    found = rows(ibis.union(*parts) if len(parts) > 1 else parts[0])
    by_group: dict[str | None, list[dict[str, Any]]] = {}
    for r in found:
        by_group.setdefault(None if r["grp"] is None else str(r["grp"]), []).append(r)
    out = [GroupFunnel(g, funnel_of(ibis.memtable(_table(rs)), steps)) for g, rs in by_group.items()]
    out.sort(key=lambda g: (g.group is None, -g.funnel.steps[0].customers, g.group or ""))
    return out


def _table(found: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "index": pa.array([int(r["index"]) for r in found], pa.int64()),
            "step": pa.array([str(r["step"]) for r in found]),
            "customers": pa.array([int(r["customers"]) for r in found], pa.int64()),
        }
    )


@dataclass(frozen=True)
class StepChange:
    step: str
    current: int
    previous: int
    current_rate: float | None
    previous_rate: float | None
    change: float | None
    z: float | None
    p_value: float | None
    current_median: float | None = None  # median seconds from the first step to this one, this period
    previous_median: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class Comparison:
    start: str
    end: str
    previous_start: str
    current: FunnelResult
    previous: FunnelResult
    steps: tuple[StepChange, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "previous_start": self.previous_start,
            "current": self.current.to_dict(),
            "previous": self.previous.to_dict(),
            "steps": [s.to_dict() for s in self.steps],
        }


def _began_in(
    events: ir.Table,
    steps: Sequence[str],
    start: dt.datetime,
    end: dt.datetime,
    **how: Any,
) -> tuple[FunnelResult, list[float | None]]:
    """The funnel of the customers whose funnel began (first step) in ``[start, end)``, and per step the median
    seconds from their first step to it."""
    reached = _reached(events, steps, **how)
    parts = []
    for i, table in enumerate(reached):
        began = began_in(table, start, end)
        per = began.group_by("customer_id").agg(t0=began.t0.min(), t=began.t.min())
        parts.append(
            per.agg(
                customers=per.count(),
                median=(seconds(per.t) - seconds(per.t0)).quantile(0.5).cast("float64"),
            ).mutate(index=ibis.literal(i).cast("int64"), step=ibis.literal(steps[i]).cast("string"))
        )
    found = rows(ibis.union(*parts) if len(parts) > 1 else parts[0])
    medians = {int(r["index"]): r["median"] for r in found}
    result = funnel_of(ibis.memtable(_table(found)), steps)
    return result, [None if medians.get(i) is None else float(medians[i]) for i in range(len(steps))]


def began_in(reached: ir.Table, start: dt.datetime, end: dt.datetime) -> ir.Table:
    """The rows of a funnel step's reached table (:func:`safar.analytics.funnel.reached_tables`) whose funnel
    began (its first step) in ``[start, end)``: a period of the comparison."""
    return reached.filter((reached.t0 >= start) & (reached.t0 < end))


def compare_previous(
    events: ir.Table,
    steps: Sequence[str],
    *,
    start: dt.datetime,
    end: dt.datetime,
    order: str | Order = Order.SEQUENTIAL,
    window: dt.timedelta | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> Comparison:
    """The funnel of customers who began in ``[start, end)`` against those who began in the period of the same
    length before, with each step's change in conversion from the first step and its two-sided p-value."""
    from safar.alerts.stats import normal_cdf, two_proportion_test

    if end <= start:
        raise InputError("analytics.bad_range", start=start.isoformat(), end=end.isoformat())
    steps = check_steps(steps)
    before = start - (end - start)
    how: dict[str, Any] = {
        "order": order,
        "window": window,
        "level": level,
        "journey_map": journey_map,
        "filters": filters,
    }
    now, now_medians = _began_in(events, steps, start, end, **how)
    then, then_medians = _began_in(events, steps, before, start, **how)
    n_now, n_then = now.steps[0].customers, then.steps[0].customers
    changes = []
    for k, (a, b) in enumerate(zip(now.steps, then.steps, strict=True)):
        z = p = None
        if n_now and n_then:
            test = two_proportion_test(b.customers, n_then, a.customers, n_now, falling=False)
            z = test.z  # None: both shares without spread and different, a certain change
            p = 0.0 if z is None else 2 * (1 - normal_cdf(abs(z)))
        rate_now, rate_then = share(a.customers, n_now), share(b.customers, n_then)
        changes.append(
            StepChange(
                a.step,
                a.customers,
                b.customers,
                rate_now,
                rate_then,
                None if rate_now is None or rate_then is None else rate_now - rate_then,
                z,
                p,
                now_medians[k],
                then_medians[k],
            )
        )
    return Comparison(start.isoformat(), end.isoformat(), before.isoformat(), now, then, tuple(changes))


@dataclass(frozen=True)
class StepTimes:
    step: str
    previous: str
    to_convert: Distribution  # first step → this step, those who reached it
    in_step: Distribution  # previous step → this step, those who reached it
    dropped: Distribution  # previous step → last event, those who reached the previous step and not this one
    histogram: tuple[int, ...]  # to_convert in BINS: len(BINS) + 1 counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "previous": self.previous,
            "to_convert": self.to_convert.to_dict(),
            "in_step": self.in_step.to_dict(),
            "dropped": self.dropped.to_dict(),
            "histogram": {"bins": list(BINS), "counts": list(self.histogram)},
        }


def funnel_times(
    events: ir.Table,
    steps: Sequence[str],
    *,
    order: str | Order = Order.SEQUENTIAL,
    window: dt.timedelta | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> list[StepTimes]:
    """The time distributions of each step after the first (see the module docstring)."""
    steps = check_steps(steps)
    reached = _reached(
        events, steps, order=order, window=window, level=level, journey_map=journey_map, filters=filters
    )

    # each customer once per step (their first run that reached it), all steps in one table: (customer, k, t0, t)
    def one(k: int, r: ir.Table) -> ir.Table:
        first = r.group_by("customer_id").agg(t0=r.t0.min(), t=r.t.min())
        # the same nullable types in every part (a first step's columns are NOT NULL, a later one's are not)
        return first.select(
            customer_id=first.customer_id.cast(dt_.String(nullable=True)),
            t0=first.t0.cast(dt_.Timestamp(nullable=True)),
            t=first.t.cast(dt_.Timestamp(nullable=True)),
            k=ibis.literal(k).cast("int64"),
        )

    per = ibis.union(*(one(k, r) for k, r in enumerate(reached)))
    before = per.select("customer_id", k=per.k + 1, tp=per.t)
    went = per.filter(per.k >= 1).join(before, ["customer_id", "k"])
    convert = seconds(went.t) - seconds(went.t0)
    stay = seconds(went.t) - seconds(went.tp)
    measures = {f"c_{name}": value for name, value in distribution(convert).items()}
    measures |= {f"s_{name}": value for name, value in distribution(stay).items()}
    measures |= {f"b{i}": (convert < edge).sum() for i, edge in enumerate(BINS)}
    moved = {int(r["k"]): r for r in rows(went.group_by("k").agg(**measures))}
    kept = apply_filters(events, filters)
    last = kept.group_by("customer_id").agg(last=kept.ts.max())
    left = before.filter(before.k < len(steps)).anti_join(per, ["customer_id", "k"]).join(last, "customer_id")
    gone = {
        int(r["k"]): r
        for r in rows(left.group_by("k").agg(**distribution(seconds(left["last"]) - seconds(left.tp))))
    }
    out: list[StepTimes] = []
    for k in range(1, len(steps)):
        row = moved.get(k, {})
        convert_row = {name: row.get(f"c_{name}") for name in ("n", "mean", "quantiles")}
        stay_row = {name: row.get(f"s_{name}") for name in ("n", "mean", "quantiles")}
        below = [int(row.get(f"b{i}") or 0) for i in range(len(BINS))]
        n = int(row.get("c_n") or 0)
        counts = [below[0], *(below[i] - below[i - 1] for i in range(1, len(BINS))), n - below[-1]]
        out.append(
            StepTimes(
                steps[k],
                steps[k - 1],
                Distribution.from_row(convert_row),
                Distribution.from_row(stay_row),
                Distribution.from_row(gone.get(k, {})),
                tuple(counts),
            )
        )
    return out
