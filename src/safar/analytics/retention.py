"""Cohort retention (نگه‌داشت گروه‌ها): customers grouped by when they started, and how many come back.

- A customer's **cohort** is the calendar period (day, week, month, quarter or year of the reader's
  calendar, cut in its time zone: :func:`safar.events.periods.with_period`) of their first event — or, with
  ``start``, of their first event at that step (an activity, or a touchpoint of the map); a customer who
  never reaches it is in no cohort.
- **Retained in period k** (k = 0, 1, …): the cohort's customers with at least one event (at any step) in
  the k-th period after the cohort's, counting only events at or after their start; period 0 is the cohort's
  own, so it holds every member. A cohort's list runs to the last period with data (which may be partial:
  ``partial`` says so), so later cohorts have shorter lists.
- **Revenue** (with ``value``, an event attribute holding a number): the sum of the values of the cohort's
  events in each period; a value that is not a number is counted in ``unreadable_values``, never guessed.

The counts are one Ibis expression (DuckDB and Spark alike): the cohort of each customer, the distinct
(customer, period) pairs of their events, counted per (cohort, period); the periods are put in order in
Python (:func:`safar.events.periods.period_after`), so Jalali months are counted as months.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 10)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b", "c"], "activity": ["x"] * 4,
...     "ts": [t0, t0 + dt.timedelta(days=40), t0, t0 + dt.timedelta(days=31)], "seq": [0, 1, 2, 3]}))
>>> [(c.start.isoformat(), c.size, c.retained) for c in retention(ev, "month").cohorts]
[('2024-01-01', 2, (2, 1)), ('2024-02-01', 1, (1,))]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import ibis.expr.types as ir

from safar.analytics._common import (
    Filters,
    Level,
    apply_filters,
    as_level,
    attribute,
    check_known,
    journey,
    rows,
)
from safar.events.periods import GREGORIAN_UTC, Calendar, check_period, period_after, with_period
from safar.model import JourneyMap

__all__ = ["Cohort", "RetentionResult", "retained_customers", "retention", "retention_table"]


@dataclass(frozen=True)
class Cohort:
    start: date
    size: int
    retained: tuple[int, ...]
    revenue: tuple[float, ...] | None = None

    def rates(self) -> list[float | None]:
        return [n / self.size if self.size else None for n in self.retained]


@dataclass(frozen=True)
class RetentionResult:
    period: str
    calendar: str
    start: str | None  # the step cohorts start at (None: the first event)
    cohorts: tuple[Cohort, ...]
    partial: bool  # the last period is not over at the data's last event
    last_event: str | None
    unreadable_values: int = 0

    def average(self) -> list[float | None]:
        """Per k, the share retained over every cohort that has reached period k (weighted by size)."""
        longest = max((len(c.retained) for c in self.cohorts), default=0)
        out: list[float | None] = []
        for k in range(longest):
            had = [c for c in self.cohorts if len(c.retained) > k]
            size = sum(c.size for c in had)
            out.append(sum(c.retained[k] for c in had) / size if size else None)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "calendar": self.calendar,
            "start_step": self.start,
            "partial": self.partial,
            "last_event": self.last_event,
            "customers": sum(c.size for c in self.cohorts),
            "average": self.average(),
            "unreadable_values": self.unreadable_values,
            "cohorts": [
                {
                    "start": c.start.isoformat(),
                    "size": c.size,
                    "retained": list(c.retained),
                    "rates": c.rates(),
                    **({"revenue": list(c.revenue)} if c.revenue is not None else {}),
                }
                for c in self.cohorts
            ],
        }


def _anchors(events: ir.Table, start: str | None, level: Level, journey_map: JourneyMap | None) -> ir.Table:
    """Each customer's start: the first event, or the first at step ``start``."""
    if start is None:
        return events.group_by("customer_id").agg(first_ts=events.ts.min())
    check_known([start], level, journey_map)
    path = journey(events, level, journey_map)
    at = path.filter(path.step == start)
    return at.group_by("customer_id").agg(first_ts=at.ts.min())


def retention_table(
    events: ir.Table,
    period: str = "month",
    calendar: Calendar = GREGORIAN_UTC,
    *,
    start: str | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    value: str | None = None,
    filters: Filters | None = None,
) -> ir.Table:
    """The counts as an expression: one row per (``cohort``, ``period``) with ``customers`` (distinct, active in
    the period) and, with ``value``, ``revenue`` and ``unreadable`` (values that are not numbers)."""
    check_period(period)
    events = apply_filters(events, filters)
    anchors = _anchors(events, start, as_level(level), journey_map)
    cohorts = with_period(anchors, period, calendar, time_col="first_ts", name="cohort")
    wanted = ["customer_id", "ts", *(["attributes"] if value else [])]
    active = with_period(events.select(*wanted), period, calendar)
    joined = active.join(cohorts, "customer_id")
    joined = joined.filter(joined.ts >= joined.first_ts)
    measures: dict[str, Any] = {"customers": joined.customer_id.nunique()}
    if value:
        text = attribute(joined, value)
        number = text.try_cast("float64")
        measures["revenue"] = number.sum()
        measures["unreadable"] = (text.notnull() & (text.strip() != "") & number.isnull()).sum()
    return joined.group_by(["cohort", "period"]).agg(**measures)


def retained_customers(
    events: ir.Table,
    cohort: date,
    k: int,
    period: str = "month",
    calendar: Calendar = GREGORIAN_UTC,
    *,
    start: str | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
) -> ir.Table:
    """The customers behind one count of :func:`retention_table`: of the cohort starting on ``cohort``, those
    active in its ``k``-th period (``customer_id``, ordered)."""
    check_period(period)
    anchors = _anchors(events, start, as_level(level), journey_map)
    cohorts = with_period(anchors, period, calendar, time_col="first_ts", name="cohort")
    cohorts = cohorts.filter(cohorts.cohort == cohort)
    active = with_period(events.select("customer_id", "ts"), period, calendar)
    wanted = period_after(cohort, period, calendar.system, k) if k else cohort
    active = active.filter(active.period == wanted)
    joined = active.join(cohorts, "customer_id")
    joined = joined.filter(joined.ts >= joined.first_ts)
    return joined.select("customer_id").distinct().order_by("customer_id")


def retention(
    events: ir.Table,
    period: str = "month",
    calendar: Calendar = GREGORIAN_UTC,
    *,
    start: str | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    value: str | None = None,
    filters: Filters | None = None,
) -> RetentionResult:
    """Cohort retention of ``events`` (see the module docstring for the exact rules)."""
    counts = retention_table(
        events,
        period,
        calendar,
        start=start,
        level=level,
        journey_map=journey_map,
        value=value,
        filters=filters,
    )
    last = apply_filters(events, filters).ts.max().to_pyarrow().as_py()
    return retention_of(rows(counts), period, calendar, start=start, last_event=last, value=value)


def retention_of(
    found: list[dict[str, Any]],
    period: str,
    calendar: Calendar,
    *,
    start: str | None,
    last_event: Any,
    value: str | None = None,
) -> RetentionResult:
    """The result from the rows of :func:`retention_table` and the data's last event (naive UTC)."""
    if not found:
        return RetentionResult(period, calendar.system, start, (), False, None)
    last_period = max(r["period"] for r in found)
    index: dict[date, int] = {}
    day = min(r["cohort"] for r in found)
    while day <= last_period:
        index[day] = len(index)
        day = period_after(day, period, calendar.system)
    by_cohort: dict[date, dict[int, dict[str, Any]]] = {}
    for r in found:
        k = index[r["period"]] - index[r["cohort"]]  # ≥ 0: events before a customer's start are left out
        by_cohort.setdefault(r["cohort"], {})[k] = r
    cohorts = []
    end = index[last_period]
    for first in sorted(by_cohort):
        cells = by_cohort[first]
        span = range(end - index[first] + 1)
        cohorts.append(
            Cohort(
                start=first,
                size=int(cells[0]["customers"]),
                retained=tuple(int(cells[k]["customers"]) if k in cells else 0 for k in span),
                revenue=tuple(float(cells[k]["revenue"] or 0.0) if k in cells else 0.0 for k in span)
                if value
                else None,
            )
        )
    local_last = _local_day(last_event, calendar)
    partial = local_last is not None and period_after(last_period, period, calendar.system) > _next_day(
        local_last
    )
    unreadable = sum(int(r.get("unreadable") or 0) for r in found) if value else 0
    return RetentionResult(
        period,
        calendar.system,
        start,
        tuple(cohorts),
        partial,
        last_event.isoformat() if last_event is not None else None,
        unreadable,
    )


def _local_day(moment: Any, calendar: Calendar) -> date | None:
    from datetime import UTC
    from zoneinfo import ZoneInfo

    if moment is None:
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(calendar.tz)).date()  # type: ignore[no-any-return]


def _next_day(day: date) -> date:
    from datetime import timedelta

    return day + timedelta(days=1)
