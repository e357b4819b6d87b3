"""Timing (زمان‌بندی): time between consecutive steps and time to convert, overall and per channel.

- Time between steps (زمان بین مراحل): for every pair of consecutive steps
  ``a → b`` of a customer, ``ts(b) − ts(a)`` in seconds. At the stage level a
  step is the moment the customer entered the stage.
- Time to convert (زمان تبدیل): from the customer's first event to their last
  event, or, with ``final``, to their first occurrence of ``final`` (customers
  who never reach it are left out, and ``n`` says how many reached it).
- Per channel: a transition counts under the channel of the event where it
  starts; time to convert under the channel of the customer's first event.

Each is reported as n, mean, p25, median, p75, p90 (linear interpolation
between closest ranks, as pandas and Spark's ``percentile`` do), to the millisecond.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a"], "activity": ["visit", "buy"],
...     "ts": [t0, t0 + dt.timedelta(minutes=2)], "seq": [0, 1]}))
>>> timing(ev).conversion.median
120.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import (
    Distribution,
    Filters,
    Level,
    as_level,
    check_known,
    customer_window,
    distribution,
    journey,
    rows,
    seconds,
)
from safar.model import JourneyMap


def _gaps(path: ir.Table, final: str | None) -> tuple[ir.Table, ir.Table]:
    """Per transition (channel, step, next_step, gap) and per converting customer (channel, gap)."""
    w = customer_window()
    marked = path.mutate(
        next_step=path.step.lead().over(w),
        next_ts=path.ts.lead().over(w),
        t_first=path.ts.first().over(w),
        ch_first=path.channel.first().over(w),
    )
    moves = marked.filter(marked.next_step.notnull())
    moves = moves.select("channel", "step", "next_step", gap=seconds(moves.next_ts) - seconds(moves.ts))
    target = marked.filter(marked.step == final) if final is not None else marked
    per = target.group_by("customer_id", channel=target.ch_first).agg(
        start=target.t_first.min(),
        end=target.ts.min() if final is not None else target.ts.max(),
    )
    return moves, per.select("channel", gap=seconds(per.end) - seconds(per.start))


def timing_table(path: ir.Table, final: str | None = None) -> ir.Table:
    """Every timing distribution in one expression.

    Rows: ``kind`` (``transition`` or ``conversion``), ``by_channel`` (False for the overall
    row), ``channel``, ``step``, ``next_step`` (NULL for conversion), ``n``, ``mean``, ``quantiles``.
    """
    moves, per = _gaps(path, final)
    null = ibis.null().cast("string")
    parts = [
        moves.group_by("step", "next_step")
        .agg(**distribution(moves.gap))
        .mutate(kind=ibis.literal("transition"), by_channel=False, channel=null),
        moves.group_by("channel", "step", "next_step")
        .agg(**distribution(moves.gap))
        .mutate(kind=ibis.literal("transition"), by_channel=True),
        per.agg(**distribution(per.gap)).mutate(
            kind=ibis.literal("conversion"), by_channel=False, channel=null, step=null, next_step=null
        ),
        per.group_by("channel")
        .agg(**distribution(per.gap))
        .mutate(kind=ibis.literal("conversion"), by_channel=True, step=null, next_step=null),
    ]
    columns = ["kind", "by_channel", "channel", "step", "next_step", "n", "mean", "quantiles"]
    return ibis.union(*[p.select(*columns) for p in parts], distinct=False)


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    stats: Distribution
    channel: str | None = None

    def to_dict(self, *, with_channel: bool = False) -> dict[str, Any]:
        head: dict[str, Any] = {"channel": self.channel} if with_channel else {}
        return {**head, "source": self.source, "target": self.target, **self.stats.to_dict()}


@dataclass(frozen=True)
class TimingResult:
    level: str
    final: str | None
    transitions: tuple[Transition, ...]
    conversion: Distribution
    channel_transitions: tuple[Transition, ...]
    channel_conversion: tuple[tuple[str | None, Distribution], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "final": self.final,
            "transitions": [t.to_dict() for t in self.transitions],
            "conversion": self.conversion.to_dict(),
            "by_channel": {
                "transitions": [t.to_dict(with_channel=True) for t in self.channel_transitions],
                "conversion": [{"channel": c, **d.to_dict()} for c, d in self.channel_conversion],
            },
        }


def _key(value: str | None) -> tuple[bool, str]:
    return (value is not None, value or "")


def timing(
    events: ir.Table,
    *,
    level: str | Level = Level.ACTIVITY,
    final: str | None = None,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> TimingResult:
    """Time between consecutive steps and time to convert, with their distributions in seconds."""
    level = as_level(level)
    if final is not None:
        check_known([final], level, journey_map)
    path = journey(events, level, journey_map, filters)
    found = rows(timing_table(path, final))

    def _transitions(by_channel: bool) -> tuple[Transition, ...]:
        chosen = [
            Transition(
                r["step"], r["next_step"], Distribution.from_row(r), r["channel"] if by_channel else None
            )
            for r in found
            if r["kind"] == "transition" and r["by_channel"] is by_channel
        ]
        return tuple(sorted(chosen, key=lambda t: (_key(t.channel), -t.stats.n, t.source, t.target)))

    overall = [r for r in found if r["kind"] == "conversion" and not r["by_channel"]]
    per_channel = [r for r in found if r["kind"] == "conversion" and r["by_channel"]]
    return TimingResult(
        level=level.value,
        final=final,
        transitions=_transitions(False),
        conversion=Distribution.from_row(overall[0])
        if overall
        else Distribution(0, None, None, None, None, None),
        channel_transitions=_transitions(True),
        channel_conversion=tuple(
            sorted(((r["channel"], Distribution.from_row(r)) for r in per_channel), key=lambda p: _key(p[0]))
        ),
    )
