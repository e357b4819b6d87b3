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
from safar.analytics.paths import with_next
from safar.model import JourneyMap


def transitions_table(path: ir.Table, *, by_channel: bool = False) -> ir.Table:
    nxt = with_next(path)
    nxt = nxt.filter(nxt.next_step.notnull())
    nxt = nxt.mutate(gap=seconds(nxt.next_ts) - seconds(nxt.ts))
    keys = ["channel", "step", "next_step"] if by_channel else ["step", "next_step"]
    return nxt.group_by(keys).agg(**distribution(nxt.gap))


def conversion_table(path: ir.Table, final: str | None = None, *, by_channel: bool = False) -> ir.Table:
    w = customer_window()
    first = path.mutate(t_first=path.ts.first().over(w), ch_first=path.channel.first().over(w))
    target = first.filter(first.step == final) if final is not None else first
    per = target.group_by("customer_id", channel=target.ch_first).agg(
        start=target.t_first.min(),
        end=target.ts.min() if final is not None else target.ts.max(),
    )
    per = per.mutate(gap=seconds(per.end) - seconds(per.start))
    grouped = per.group_by("channel") if by_channel else per
    return grouped.agg(**distribution(per.gap))


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

    def _transitions(by_channel: bool) -> tuple[Transition, ...]:
        found = [
            Transition(r["step"], r["next_step"], Distribution.from_row(r), r["channel"] if by_channel else None)
            for r in rows(transitions_table(path, by_channel=by_channel))
        ]
        return tuple(sorted(found, key=lambda t: (_key(t.channel), -t.stats.n, t.source, t.target)))

    overall = rows(conversion_table(path, final))
    per_channel = rows(conversion_table(path, final, by_channel=True))
    return TimingResult(
        level=level.value,
        final=final,
        transitions=_transitions(False),
        conversion=Distribution.from_row(overall[0]) if overall else Distribution(0, *[None] * 5),
        channel_transitions=_transitions(True),
        channel_conversion=tuple(
            sorted(((r["channel"], Distribution.from_row(r)) for r in per_channel), key=lambda p: _key(p[0]))
        ),
    )
