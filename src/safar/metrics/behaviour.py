"""Behaviour metrics (معیارهای رفتاری), each defined once, as Ibis expressions over bound events.

Every surface that shows one of these figures (the canvas overlay, "where customers stop", the KPIs,
the alerts, ``safar analyze``) builds it here. The events are those bound to the map
(:func:`safar.analytics.bind_events`), ordered per customer by ``(ts, seq)``; a stage *has data*
when at least one event in the data analysed is bound to it. The builders take the bound events with
their positions on the map (:func:`safar.analytics.on_map`).

- **Conversion to a later stage** (تبدیل به مرحله بعد): a customer converts from an event when a
  bound event in a later stage of the map follows it (:func:`converted_within` adds a time limit or a
  chosen target touchpoint). It is not defined from the last stage that has data.
- **Drop-off** (ریزش): a customer drops off at their last bound event, unless they *completed* the
  journey (that event is in the last stage with data) or the stage after it has no data at all (the
  data cannot say whether they went on). A stage of the map without events changes nothing.
- **Time to next** (زمان تا نقطه تماس بعد): seconds from an event to the customer's next bound event.
- **Customers of a touchpoint, a stage or the map** (مشتریان): the distinct customers with a bound event
  there; **converted** among them: those with a later stage after one of their events there
  (:func:`customer_counts`). Kept steps mark each customer's first event at its touchpoint, in its stage
  and on the map (:data:`FIRST_COLUMNS`), so these are counts of marked rows instead of distinct counts.
- **Unanswered share and response time** (سهم بی‌پاسخ، زمان پاسخ): per request, its first later
  response of the same customer (:func:`requests_table`); a request with no later response is unanswered.

>>> import ibis, datetime as dt, pyarrow as pa
>>> from safar.model import JourneyMap, Stage, Touchpoint, BindingRule
>>> def tp(i): return Touchpoint(id=i, name=i, channel="web", bind=[BindingRule(activity=i)])
>>> m = JourneyMap(title="t", stages=[Stage(id="s1", name="S1", touchpoints=[tp("a")]),
...     Stage(id="s2", name="S2", touchpoints=[tp("b")]), Stage(id="s3", name="S3", touchpoints=[])])
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["x", "x", "y"], "activity": ["a", "b", "a"],
...     "ts": [t0, t0 + dt.timedelta(seconds=30), t0], "seq": [0, 1, 2]}))
>>> from safar.analytics import on_map
>>> steps = journey_steps(on_map(ev, m))
>>> cols = ["customer_id", "touchpoint_id", "converted", "completed", "dropped"]
>>> [tuple(r.values()) for r in steps.order_by("seq").select(*cols).to_pyarrow().to_pylist()]
[('x', 'a', True, False, False), ('x', 'b', False, True, False), ('y', 'a', False, False, True)]
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from safar.metrics._order import customer_window, seconds

STEP_COLUMNS = ("gap", "converted", "final_stage", "is_last", "completed", "dropped")
# What :func:`with_data_stages` adds.
DATA_STAGE_COLUMNS = ("top_data_stage", "next_has_data", *STEP_COLUMNS)
# What :func:`first_columns` adds (the kept steps have them, :mod:`safar.analytics.kept`).
FIRST_COLUMNS = ("first_here", "first_in_stage", "first_on_map")
# The groups :func:`customer_counts` counts in: rows of one touchpoint, of one stage.
PER_FIRST = {"touchpoint": "first_here", "stage": "first_in_stage"}


def journey_steps(on: ir.Table) -> ir.Table:
    """Each bound event (from :func:`safar.analytics.on_map`) with what the behaviour metrics read from it.

    ``next_ts``, ``next_tp``, ``gap`` (seconds to the next bound event, NULL for the last),
    ``later_stage`` (the highest stage index after it), ``top_data_stage`` (the last stage with data), ``converted`` (a later stage follows),
    ``final_stage`` (the event is in the last stage with data, or after it: conversion is undefined),
    ``is_last`` (the customer's last bound event), ``completed`` and ``dropped`` (only on the last).
    """
    return with_data_stages(customer_steps(on))


def measured(on: ir.Table) -> ir.Table:
    """:func:`journey_steps` with each customer's reach (:func:`customer_reach`): what every behaviour
    figure of a map reads (the canvas, the key metrics, where customers stop)."""
    return customer_reach(journey_steps(on))


def customer_steps(on: ir.Table) -> ir.Table:
    """The part of :func:`journey_steps` each customer's own events decide: ``next_ts``, ``next_tp`` and
    ``later_stage``. Another customer's events never change these rows, which is what lets the kept steps
    (:mod:`safar.analytics.kept`) recompute only the customers whose events changed."""
    return on.mutate(**customer_step_columns(on))


def customer_step_columns(on: ir.Table) -> dict[str, ir.Value]:
    """The columns :func:`customer_steps` adds, as expressions (to be computed with others in one pass)."""
    w, after = customer_window(), customer_window(rows=(1, None))
    return {
        "next_ts": on.ts.lead().over(w),
        "next_tp": on.touchpoint_id.lead().over(w),
        "later_stage": on.stage_index.max().over(after),
    }


def first_columns(on: ir.Table, touchpoints: int, stages: int) -> dict[str, ir.Value]:
    """:data:`FIRST_COLUMNS` as expressions over bound events of a map with ``touchpoints`` touchpoints and
    ``stages`` stages: whether the event is its customer's first (in journey order) at its touchpoint, in its
    stage, and on the map. Each depends on the customer's own events alone.

    Up to 63 touchpoints (or stages), from the bits of the ones the customer's earlier events were at, in
    the customer's window that the other columns read (its one sort); past that, in a window of the customer
    and the touchpoint (a sort of its own, several seconds at 10 M events)."""
    order = ["ts", "seq"]
    earlier = customer_window(rows=(None, -1))

    def first(column: str, n: int) -> ir.BooleanValue:
        if n <= _BITS:
            bit = ibis.literal(1, "int64") << on[column]
            return (bit.bit_or().over(earlier).fill_null(0) & bit) == 0
        return ibis.row_number().over(ibis.window(group_by=["customer_id", column], order_by=order)) == 0

    return {
        "first_here": first("touchpoint_index", touchpoints),
        "first_in_stage": first("stage_index", stages),
        "first_on_map": ibis.row_number().over(customer_window()) == 0,
    }


_BITS = 63  # the bits of a BIGINT a position can be without overflow


def customer_counts(on: ir.Table, per: str | None) -> dict[str, ir.IntegerScalar]:
    """Aggregations over groups of journey steps (rows of :func:`journey_steps`): ``customers``, the
    distinct customers with a step in the group, and ``converted``, those of them with a later stage after
    one of their steps in the group. ``per`` says what a group is: ``"touchpoint"`` (one touchpoint's
    steps, or a period's of them), ``"stage"``, or ``None`` (any set of steps).

    The same numbers either way: on steps with :data:`FIRST_COLUMNS` (the kept steps) each customer's first
    step in the group is counted (a customer's first step at a touchpoint, or in a stage, has every later
    step of theirs after it and the same stage, so it converts when any of theirs there does; a row count,
    ~10× cheaper than a distinct count at 10 M steps); otherwise the customers are counted distinct. Not
    for the whole map: a customer's first step there may be in a later stage than one after it."""
    first = PER_FIRST.get(per or "")
    if first is not None and first in on.columns:
        marked = on[first]
        return {"customers": on.count(where=marked), "converted": on.count(where=marked & on.converted)}
    return {
        "customers": on.customer_id.nunique(),
        "converted": on.customer_id.nunique(where=on.converted),
    }


def map_customers(on: ir.Table) -> ir.IntegerScalar:
    """How many customers the journey steps ``on`` have (each customer's first step counted on the kept
    steps, their distinct count otherwise)."""
    if "first_on_map" in on.columns:
        return on.count(where=on.first_on_map)
    return on.customer_id.nunique()


def reached_the_end(on: ir.Table) -> ir.IntegerScalar:
    """How many customers of the journey steps ``on`` reached the last stage with data (a map's conversion):
    each customer's first step counted once on the kept steps, their distinct count otherwise."""
    end = on.reached_stage >= on.top_data_stage
    if "first_on_map" in on.columns:  # reached_stage and top_data_stage are the same on every step of theirs
        return on.count(where=on.first_on_map & end)
    return on.customer_id.nunique(where=end)


def dropped_customers(on: ir.Table) -> ir.IntegerScalar:
    """How many customers of a group of journey steps dropped off: drop-off is marked on a customer's last
    step alone (one per customer), so a count of the marked rows is the count of customers."""
    return on.count(where=on.dropped)


def customer_reach(steps: ir.Table) -> ir.Table:
    """Each customer's ``reached_stage`` (the highest stage index of their bound events) and ``started``
    (their first bound event's time), on every row: what the key metrics read."""
    return steps.mutate(**customer_reach_columns(steps))


def customer_reach_columns(steps: ir.Table) -> dict[str, ir.Value]:
    """The columns :func:`customer_reach` adds, as expressions."""
    whole = ibis.window(group_by="customer_id")
    return {"reached_stage": steps.stage_index.max().over(whole), "started": steps.ts.min().over(whole)}


def with_data_stages(steps: ir.Table, present: Sequence[int] | None = None) -> ir.Table:
    """The rest of :func:`journey_steps`, from :func:`customer_steps`: what depends on which stages have
    data. ``present``: the stage indices with at least one bound event in the whole data, when they are
    known already (the kept steps add one customer's rows); by default they are read from ``steps``."""
    if present is None:
        # A stage "has data" when some event is bound to it: mark the stage before each such stage.
        marks = steps.select(_has_next=steps.stage_index - 1).distinct()
        steps = steps.left_join(marks, steps.stage_index == marks._has_next)
        steps = steps.mutate(
            top_data_stage=steps.stage_index.max().over(ibis.window()),
            next_has_data=steps._has_next.notnull(),
        ).drop("_has_next")
    else:
        top = ibis.literal(max(present), "int64") if present else ibis.null().cast("int64")
        has_next = [i - 1 for i in sorted(set(present))]
        steps = steps.mutate(
            top_data_stage=top,
            next_has_data=steps.stage_index.isin(has_next) if has_next else ibis.literal(False),
        )
    is_last = steps.next_tp.isnull()
    return steps.mutate(
        gap=seconds(steps.next_ts) - seconds(steps.ts),
        converted=(steps.later_stage > steps.stage_index).fill_null(False),
        final_stage=steps.stage_index >= steps.top_data_stage,
        is_last=is_last,
        completed=is_last & (steps.stage_index == steps.top_data_stage),
        dropped=is_last & steps.next_has_data,
    )


def converted_within(
    arrivals: ir.Table, on: ir.Table, *, within_seconds: float, to: str | None = None
) -> ir.Table:
    """``arrivals`` (rows of ``on`` or with its ``customer_id``, ``ts``, ``seq``, ``stage_index``) with
    ``converted``: a bound event of the customer in a later stage (or at touchpoint ``to``) follows
    within ``within_seconds``. The time-limited form of :func:`journey_steps`' ``converted``."""
    start = arrivals.mutate(_row=ibis.row_number())
    later = on.select(_c=on.customer_id, _t=on.ts, _s=on.seq, _i=on.stage_index, _tp=on.touchpoint_id)
    follow = [
        start.customer_id == later._c,
        (later._t > start.ts) | ((later._t == start.ts) & (later._s > start.seq)),
        later._t <= start.ts + ibis.interval(seconds=within_seconds),
        later._tp == to if to is not None else later._i > start.stage_index,
    ]
    joined = start.left_join(later, follow)
    hit = joined.group_by("_row").agg(_n=joined._c.count())
    out = start.join(hit, "_row")
    return out.mutate(converted=out._n > 0).drop("_row", "_n")


def requests_table(events: ir.Table, *, request: ir.BooleanValue, response: ir.BooleanValue) -> ir.Table:
    """One row per request (events where ``request`` holds): customer_id, channel, ts, ``answered_ts``
    (the customer's first later event where ``response`` holds, NULL when unanswered), ``gap`` seconds.

    Several requests before one response are each answered by it, each timed from its own moment.
    """
    after = customer_window(rows=(1, None))
    channel = events.channel if "channel" in events.columns else ibis.null().cast("string")
    marked = events.mutate(
        _request=request,
        channel=channel,
        answered_ts=ibis.cases((response, events.ts), else_=ibis.null().cast("timestamp")).min().over(after),
    )
    req = marked.filter(marked._request)
    return req.select(
        "customer_id", "channel", "ts", "answered_ts", gap=seconds(req.answered_ts) - seconds(req.ts)
    )


def activity_requests(events: ir.Table, request: Sequence[str], response: Sequence[str]) -> ir.Table:
    """:func:`requests_table` with requests and responses named by activity (``safar analyze channels``)."""
    return requests_table(
        events, request=events.activity.isin(list(request)), response=events.activity.isin(list(response))
    )
