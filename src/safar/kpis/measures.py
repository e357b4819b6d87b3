"""The measured value of one measure (docs/kpis.md), from events, survey answers or comments.

A *scope* is the set of touchpoints a value is measured over (one touchpoint, the touchpoints of a
stage, the touchpoints a future-state touchpoint improves) or ``None`` for the whole map. Each function
returns one row per period (``period`` is ``None`` without a period) with ``value``, ``n`` and, for
shares and survey metrics, an interval (``low``, ``high``). Shares are in percent.

Events kinds use the definitions of :mod:`safar.metrics.behaviour` (the map overlay's): a customer
*converts* from the scope when a bound event in a later stage follows one of their events there (no
value from the last stage with data); *drops off* when their last bound event is in the scope and they
neither completed the journey nor stand before a stage without data; the *time to next* is from an
event in the scope to the customer's next bound event. For the whole map, conversion is the share of
customers who reach the last stage with data, and drop-off the share who drop off anywhere. In a trend, a customer belongs to the period in which their
journey started (their first bound event), so journeys are not cut at period boundaries.

>>> import ibis, datetime as dt, pyarrow as pa
>>> from safar.model import JourneyMap, Stage, Touchpoint, BindingRule
>>> def tp(i): return Touchpoint(id=i, name=i, channel="web", bind=[BindingRule(activity=i)])
>>> m = JourneyMap(title="t", stages=[Stage(id="s1", name="S1", touchpoints=[tp("a")]),
...     Stage(id="s2", name="S2", touchpoints=[tp("b")])])
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["x", "x", "y"], "activity": ["a", "b", "a"],
...     "ts": [t0, t0 + dt.timedelta(seconds=30), t0], "seq": [0, 1, 2]}))
>>> [(r["value"], r["n"]) for r in events_measure(ev, m, "conversion", {"a"})]
[(50.0, 2)]
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import rows
from safar.analytics.conformance import on_map
from safar.errors import InputError
from safar.events.periods import GREGORIAN_UTC, PERIODS, Calendar, with_period
from safar.metrics.behaviour import journey_steps
from safar.metrics.stats import wilson_interval
from safar.metrics.survey import is_negative, map_level
from safar.model import JourneyMap
from safar.voice.groups import metric_by

EVENT_KINDS = ("customers", "conversion", "dropoff", "median_time_to_next")
SURVEY_KINDS = ("nps", "csat", "ces")
CONFIDENCE = 0.95

Row = dict[str, Any]


def check_period(period: str | None) -> str | None:
    if period is not None and period not in PERIODS:
        raise InputError("kpis.bad_period", value=period, allowed=list(PERIODS))
    return period


def events_measure(
    events: ir.Table,
    journey: JourneyMap,
    kind: str,
    scope: Collection[str] | None,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> list[Row]:
    """``kind`` over the bound events of ``scope`` (touchpoint ids; ``None``: the whole map)."""
    return steps_measure(measured_steps(events, journey), kind, scope, period, calendar)


def measured_steps(events: ir.Table, journey: JourneyMap) -> ir.Table:
    """The map's journey steps (:func:`safar.metrics.behaviour.journey_steps`) with each customer's
    ``reached_stage`` and ``started``: what every events kind reads. A page that measures many metrics
    builds it once (and may cache it) and hands it to :func:`steps_measure`."""
    on = journey_steps(on_map(events, journey))
    return on.mutate(
        reached_stage=on.stage_index.max().over(ibis.window(group_by="customer_id")),
        started=on.ts.min().over(ibis.window(group_by="customer_id")),
    )


def steps_measure(
    on: ir.Table,
    kind: str,
    scope: Collection[str] | None,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> list[Row]:
    """``kind`` over ``scope`` from the table of :func:`measured_steps`; with ``period``, one row per
    period of ``calendar`` (:func:`safar.events.periods.with_period`) in which journeys started."""
    keys: list[Any] = []
    if check_period(period) is not None:
        on = with_period(on, str(period), calendar, time_col="started")
        keys = ["period"]
    if scope is None:
        here = on
        # The whole map: reaching the last stage with data is converting; dropping off is as anywhere.
        converted = on.customer_id.nunique(where=on.reached_stage >= on.top_data_stage)
        dropped = on.customer_id.nunique(where=on.dropped)
        final = ibis.literal(False)
    else:
        here = on.filter(on.touchpoint_id.isin(list(scope)))
        converted = here.customer_id.nunique(where=here.converted)
        dropped = here.customer_id.nunique(where=here.dropped)
        final = here.final_stage.all()
    aggs = {
        "customers": here.customer_id.nunique(),
        "converted": converted,
        "dropped": dropped,
        "final": final,
        "median": here.gap.median(),
        "with_next": here.gap.count(),
    }
    grouped = here.group_by(keys).agg(**aggs) if keys else here.agg(**aggs)
    out = []
    for r in rows(grouped.order_by(keys) if keys else grouped):
        customers = int(r["customers"] or 0)
        if kind == "customers":
            row = _row(float(customers) if customers else None, customers)
        elif kind == "conversion" and r["final"]:
            row = _row(None, customers)  # no later stage with data to convert to
        elif kind == "conversion":
            row = _share(int(r["converted"] or 0), customers)
        elif kind == "dropoff":
            row = _share(int(r["dropped"] or 0), customers)
        else:
            median = r["median"]
            row = _row(None if median is None else float(median), int(r["with_next"] or 0))
        row["period"] = r.get("period")
        out.append(row)
    return out


def survey_measure(
    answers: ir.Table,
    kind: str,
    *,
    map_id: int,
    scope: Collection[str] | None,
    stage: str | None = None,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> list[Row]:
    """NPS, CSAT or CES of the map's answers in ``scope`` (warehouse ``responses`` table)."""
    mine = answers.filter((answers.map_id == map_id) & (answers.kind == kind) & answers.value.notnull())
    if scope is None:
        mine = map_level(mine)  # the map's headline: its journey-level question when there is one
    else:
        where = mine.touchpoint_id.isin(list(scope))
        if stage is not None:
            where = where | (mine.stage_id == stage)
        mine = mine.filter(where)
    if check_period(period) is not None:
        mine = with_period(mine, str(period), calendar, time_col="ts")
    else:
        mine = mine.mutate(period=ibis.null().cast("date"))
    table = metric_by(mine, kind, by="period", score_col="value", confidence=CONFIDENCE)
    out = []
    for rec in table.to_dict("records"):
        row = _row(float(rec["value"]), int(rec["n"]), rec.get("ci_low"), rec.get("ci_high"))
        row["small_n"] = bool(rec["small_n"])
        row["period"] = rec["period"] if period is not None else None
        out.append(row)
    return out


def negative_share(
    comments: ir.Table,
    *,
    map_id: int,
    scope: Collection[str] | None,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> list[Row]:
    """Percent of the map's comments in ``scope`` whose sentiment label is negative."""
    mine = comments.filter(comments.map_id == map_id)
    if scope is not None:
        mine = mine.filter(mine.touchpoint_id.isin(list(scope)))
    if check_period(period) is None:
        found = rows(mine.agg(n=mine.count(), negative=is_negative(mine.label).sum().cast("int64")))
    else:
        mine = mine.filter(mine.ts.notnull())
        mine = with_period(mine, str(period), calendar, time_col="ts")
        grouped = mine.group_by("period").agg(
            n=mine.count(), negative=is_negative(mine.label).sum().cast("int64")
        )
        found = rows(grouped.order_by("period"))
    out = []
    for r in found:
        n = int(r["n"] or 0)
        if n:
            out.append(_share(int(r["negative"] or 0), n) | {"period": r.get("period")})
    return out


def _row(value: float | None, n: int, low: float | None = None, high: float | None = None) -> Row:
    return {"value": value, "n": n, "low": low, "high": high}


def _share(part: int, whole: int) -> Row:
    if not whole:
        return _row(None, 0)
    low, high = wilson_interval(part, whole, CONFIDENCE)
    return _row(round(100 * part / whole, 4), whole, round(100 * low, 4), round(100 * high, 4))
