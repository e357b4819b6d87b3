"""The customers behind a count (مشتریان پشت یک عدد): every count of customers, as a list.

A :class:`Cohort` states declaratively which count it opens; its customers are built from the same
expressions the count is built from, so there are exactly as many as the count says:

- ``all``: every customer with an event (the overlay's ``customers``);
- ``reached`` ``step`` at ``level``: customers with an event there (a touchpoint's ``customers`` on the
  canvas, from :func:`safar.analytics.on_map`; at the activity level, from :func:`journey`);
- ``converted`` from ``step``: customers who went on to a later stage after it (the numerator of the
  canvas's conversion, :func:`safar.metrics.behaviour.journey_steps`);
- at a map level, ``reached``, ``converted``, ``dropped``, ``completed`` and ``unobserved`` also take
  ``steps`` for *any of* those touchpoints or stages (a KPI measured over a stage's or several
  touchpoints); ``reached`` with neither is every customer with a bound event, ``converted`` with
  neither every customer who reached the last stage with data (a map-level KPI's n and conversion);
- ``funnel`` ``index`` of ``steps``: customers who reach that step of the funnel
  (:func:`safar.analytics.funnel.reached_tables`, the same ``order`` and ``window``);
- ``dropped`` / ``completed`` / ``unobserved`` (at ``step``, or anywhere when it is not given): the
  customers :mod:`safar.analytics.dropoff` counts there; completed and unobserved customers are not
  dropped (:func:`safar.analytics.dropoff.customer_stops_table`);
- ``variant`` ``steps``: customers whose whole journey at ``level`` is exactly that sequence
  (:func:`safar.analytics.paths.customer_variants_table`);
- ``position`` ``steps`` at ``index``: customers whose journey at ``level`` has those steps from its
  ``index``-th step on (from 0): a node of the Sankey (one step) or a link (two), as
  :func:`safar.analytics.paths.pairs_from_variants` counts them from the same variants.

- ``funnel`` also takes ``group`` (one group of the funnel's breakdown: its entry channel, a segment value, a
  persona or everyone else, as :func:`safar.analytics.funnel_analysis.breakdown` counts them) and ``began`` (whose
  funnel began in a period, as :func:`safar.analytics.funnel_analysis.compare_previous` counts each period);
- ``flow`` ``steps`` from (or to, by ``direction``) ``step``: customers whose path after (before) their first
  ``step`` begins with those steps (:func:`safar.analytics.flows.flow_members`: a path or a next step of
  :func:`safar.analytics.flows.flows`);
- ``rule`` ``rule`` about ``steps`` (stages; ``window`` for a ``within`` rule): the customers who broke that rule
  of the map (:func:`safar.analytics.rules.rule_breakers`, the ``broken`` of
  :func:`safar.analytics.rules.map_rules`).

Any kind on a map also takes ``started``: only the customers whose journey started (their first bound
event) in one period of a calendar, as a KPI's trend counts them (:func:`safar.kpis.measures.steps_measure`).

Each customer comes with their ``segment`` (the value of a chosen attribute, ``segment`` by default:
from their latest event that has it, else from the customer's own attributes), their last step on
the map (``last_touchpoint``, ``last_stage``), their ``last_activity``, ``last_event_at`` and ``events``.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b"], "activity": ["visit", "buy", "visit"],
...     "ts": [t0, t0, t0], "seq": [0, 1, 2]}))
>>> found = cohort_customers(ev, Cohort(CohortKind.DROPPED, level=Level.ACTIVITY, final="buy"))
>>> found.total, [(c.customer_id, c.last_activity, c.events) for c in found.customers]
(1, [('b', 'visit', 1)])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from safar.analytics._common import Filters, Level, apply_filters, attribute, check_known, journey, rows
from safar.analytics.conformance import on_map
from safar.analytics.dropoff import customer_last_table, customer_stops_table
from safar.analytics.flows import flow_members
from safar.analytics.funnel import Order, reached_tables
from safar.analytics.funnel_analysis import began_in, group_table
from safar.analytics.paths import customer_variants_table
from safar.analytics.rules import rule_breakers
from safar.errors import InputError
from safar.events.periods import GREGORIAN_UTC, Calendar, check_period, with_period
from safar.metrics.behaviour import journey_steps
from safar.model import JourneyMap


class CohortKind(StrEnum):
    ALL = "all"
    REACHED = "reached"
    CONVERTED = "converted"
    FUNNEL = "funnel"
    DROPPED = "dropped"
    COMPLETED = "completed"
    UNOBSERVED = "unobserved"
    VARIANT = "variant"
    POSITION = "position"
    FLOW = "flow"
    RULE = "rule"


# What each kind needs besides the events: a step, a list of steps, and at which levels it exists.
_NEEDS_STEPS = {CohortKind.FUNNEL, CohortKind.VARIANT, CohortKind.POSITION, CohortKind.FLOW, CohortKind.RULE}
_MAP_ONLY = {CohortKind.CONVERTED, CohortKind.UNOBSERVED, CohortKind.RULE}


@dataclass(frozen=True)
class Started:
    """Journeys that started in the ``period`` (day, week, month, quarter, year) of ``calendar`` beginning on
    the local day ``start``."""

    period: str
    start: dt.date
    calendar: Calendar = GREGORIAN_UTC


@dataclass(frozen=True)
class InGroup:
    """A funnel's customers of one group of its breakdown (:func:`safar.analytics.funnel_analysis.group_table`):
    ``by`` ``channel``, ``segment:ATTR`` or ``persona`` (with its ``segment`` conditions), and the group's
    ``value`` (``None``: the customers without one)."""

    by: str
    value: str | None
    segment: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Cohort:
    """Which customers: a ``kind`` and what it reads (see the module docstring)."""

    kind: CohortKind
    level: Level = Level.TOUCHPOINT
    step: str | None = None
    steps: tuple[str, ...] = ()
    index: int = 0
    order: Order = Order.SEQUENTIAL
    window: dt.timedelta | None = None
    final: str | None = None
    started: Started | None = None
    group: InGroup | None = None  # funnel: one group of its breakdown
    began: tuple[dt.datetime, dt.datetime] | None = None  # funnel: whose funnel began in [start, end)
    direction: str = "from"  # flow: the paths from ``step`` or to it
    rule: str | None = None  # rule: which of the map's rules (``steps``: the stages it is about)


@dataclass(frozen=True)
class CustomerRow:
    customer_id: str
    segment: str | None
    last_touchpoint: str | None
    last_stage: str | None
    last_activity: str
    last_event_at: dt.datetime
    events: int


@dataclass(frozen=True)
class CohortCustomers:
    total: int
    customers: tuple[CustomerRow, ...] = field(default_factory=tuple)


def check_cohort(cohort: Cohort, journey_map: JourneyMap | None) -> None:
    """Refuse a cohort that names no step where it needs one, a step off the map, or a level it lacks."""
    kind = cohort.kind
    if cohort.level is not Level.ACTIVITY and journey_map is None and kind is not CohortKind.ALL:
        raise InputError("analytics.map_required", level=cohort.level.value)
    if cohort.started is not None:
        if journey_map is None:
            raise InputError("analytics.map_required", level=cohort.level.value)
        check_period(cohort.started.period)
    if kind in _MAP_ONLY and cohort.level is Level.ACTIVITY:
        raise InputError(
            "cohort.map_level", kind=kind.value, allowed=[Level.TOUCHPOINT.value, Level.STAGE.value]
        )
    if kind is CohortKind.REACHED and cohort.level is Level.ACTIVITY and not cohort.step:
        raise InputError("cohort.step_required", kind=kind.value)
    if kind in _NEEDS_STEPS and not cohort.steps:
        raise InputError("cohort.steps_required", kind=kind.value)
    if kind is CohortKind.POSITION and cohort.index < 0:
        raise InputError("cohort.bad_index", index=cohort.index + 1, steps=len(cohort.steps))
    if kind is CohortKind.FUNNEL and not 0 <= cohort.index < len(cohort.steps):
        raise InputError("cohort.bad_index", index=cohort.index + 1, steps=len(cohort.steps))
    if kind is CohortKind.FLOW and not cohort.step:
        raise InputError("cohort.step_required", kind=kind.value)
    if kind is CohortKind.FLOW or kind is CohortKind.RULE:  # a flow's steps may be off the map or its ends
        named = [s for s in (cohort.step, cohort.final) if s]
        check_known(named, cohort.level, journey_map)
        return
    named = [s for s in (cohort.step, cohort.final) if s] + list(cohort.steps)
    check_known(named, cohort.level, journey_map)


def cohort_table(
    events: ir.Table, cohort: Cohort, *, journey_map: JourneyMap | None = None, filters: Filters | None = None
) -> ir.Table:
    """The cohort's customers as an expression: one column ``customer_id``, each customer once."""
    check_cohort(cohort, journey_map)
    kind, level = cohort.kind, cohort.level
    if kind is CohortKind.ALL:
        found = apply_filters(events, filters)
    elif kind is CohortKind.FUNNEL:
        found = reached_tables(
            events,
            cohort.steps,
            order=cohort.order,
            window=cohort.window,
            level=level,
            journey_map=journey_map,
            filters=filters,
        )[cohort.index]
        if cohort.began is not None:
            found = began_in(found, *cohort.began)
        if cohort.group is not None:
            found = _of_group(events, found, cohort, journey_map, filters)
    elif kind is CohortKind.FLOW:
        assert cohort.step is not None  # check_cohort refused a flow without its step
        found = flow_members(
            events,
            cohort.step,
            cohort.steps,
            direction=cohort.direction,
            level=level,
            journey_map=journey_map,
            filters=filters,
        )
    elif kind is CohortKind.RULE:
        assert journey_map is not None  # check_cohort refused a rule without a map
        found = rule_breakers(
            events, journey_map, cohort.rule or "", cohort.steps, within=cohort.window, filters=filters
        )
    elif kind is CohortKind.VARIANT:
        each = customer_variants_table(journey(events, level, journey_map, filters))
        found = each.filter(each.steps == ibis.literal(list(cohort.steps), type="array<string>"))
    elif kind is CohortKind.POSITION:
        each = customer_variants_table(journey(events, level, journey_map, filters))
        found = each.filter(*(each.steps[cohort.index + i] == step for i, step in enumerate(cohort.steps)))
    elif level is Level.ACTIVITY:
        found = _activity_cohort(events, cohort, journey_map, filters)
    else:
        found = _map_cohort(events, cohort, journey_map, filters)
    found = found.select("customer_id").distinct()
    if cohort.started is not None:
        assert journey_map is not None  # check_cohort refused a period without a map
        began = started_in(apply_filters(events, filters), journey_map, cohort.started)
        found = found.filter(found.customer_id.isin(began.customer_id))
    return found


def _of_group(
    events: ir.Table, found: ir.Table, cohort: Cohort, journey_map: JourneyMap | None, filters: Filters | None
) -> ir.Table:
    assert cohort.group is not None
    groups = group_table(
        events,
        cohort.steps,
        cohort.group.by,
        level=cohort.level,
        journey_map=journey_map,
        filters=filters,
        segment=cohort.group.segment,
    )
    value = cohort.group.value
    chosen = groups.filter(groups.grp.isnull() if value is None else groups.grp == value)
    return found.filter(found.customer_id.isin(chosen.customer_id))


def started_in(events: ir.Table, journey_map: JourneyMap, started: Started) -> ir.Table:
    """The customers (``customer_id``) whose first event bound to ``journey_map`` falls in ``started``'s period."""
    on = on_map(events, journey_map)
    first = on.group_by("customer_id").agg(started=on.ts.min())
    first = with_period(first, started.period, started.calendar, time_col="started")
    return first.filter(first.period == ibis.literal(started.start, type="date")).select("customer_id")


def period_start(day: dt.date, period: str, calendar: Calendar) -> dt.date:
    """The first local day of the ``period`` of ``calendar`` that holds the local ``day``.

    >>> period_start(dt.date(2023, 8, 20), "month", Calendar("jalali", "Asia/Tehran"))
    datetime.date(2023, 7, 23)
    """
    from zoneinfo import ZoneInfo

    noon = dt.datetime.combine(day, dt.time(12), ZoneInfo(calendar.tz)).astimezone(dt.UTC)
    one = ibis.memtable(pa.table({"ts": pa.array([noon.replace(tzinfo=None)], pa.timestamp("us"))}))
    found = with_period(one, check_period(period), calendar).to_pyarrow().to_pylist()[0]["period"]
    return found if isinstance(found, dt.date) else dt.date.fromisoformat(str(found)[:10])


def _activity_cohort(
    events: ir.Table, cohort: Cohort, journey_map: JourneyMap | None, filters: Filters | None
) -> ir.Table:
    path = journey(events, Level.ACTIVITY, journey_map, filters)
    if cohort.kind is CohortKind.REACHED:
        return path.filter(path.step == cohort.step)
    last = customer_last_table(path, cohort.final)
    done = last.completed if cohort.kind is CohortKind.COMPLETED else ~last.completed
    return last.filter(done & _at(last.step, cohort.step))


def _map_cohort(
    events: ir.Table, cohort: Cohort, journey_map: JourneyMap | None, filters: Filters | None
) -> ir.Table:
    assert journey_map is not None  # check_cohort refused a map level without a map
    on = on_map(apply_filters(events, filters), journey_map)
    column = "touchpoint_id" if cohort.level is Level.TOUCHPOINT else "stage_id"
    named = [s for s in (cohort.step, *cohort.steps) if s]
    if cohort.kind is CohortKind.REACHED:
        return on.filter(_at(on[column], named))
    steps = journey_steps(on)
    if cohort.kind is CohortKind.CONVERTED and not named:
        return steps.filter(steps.stage_index == steps.top_data_stage)
    if cohort.kind is CohortKind.CONVERTED:
        return steps.filter(_at(steps[column], named) & steps.converted)
    per = customer_stops_table(steps, cohort.level, cohort.final)
    outcome = {
        CohortKind.DROPPED: per.dropped,
        CohortKind.COMPLETED: per.completed,
        CohortKind.UNOBSERVED: ~per.completed & ~per.dropped,
    }[cohort.kind]
    return per.filter(outcome & _at(per.step, named))


def _at(column: ir.StringValue, steps: str | list[str] | None) -> ir.BooleanValue:
    """Anywhere when no step is named, else at that step (or at any of those steps)."""
    if not steps:
        return ibis.literal(True)
    return column == steps if isinstance(steps, str) else column.isin(steps)


def customer_details_table(
    events: ir.Table,
    *,
    journey_map: JourneyMap | None = None,
    segment_key: str = "segment",
    customer_attributes: ir.Table | None = None,
) -> ir.Table:
    """Per customer of ``events``: segment, last touchpoint and stage, last activity, last event time, events.

    ``customer_attributes`` (``customer_id``, ``attributes``: the warehouse's ``customers`` table)
    gives the segment of customers whose events do not carry it.
    """
    order = ibis.struct({"ts": events.ts, "seq": events.seq})
    out = events.group_by("customer_id").agg(
        last_activity=events.activity.argmax(order), last_event_at=events.ts.max(), events=events.count()
    )
    if "attributes" in events.columns:
        tagged = events.mutate(_segment=attribute(events, segment_key))
        tagged = tagged.filter(tagged._segment.notnull())
        segment = tagged.group_by("customer_id").agg(
            _event_segment=tagged._segment.argmax(ibis.struct({"ts": tagged.ts, "seq": tagged.seq}))
        )
        out = out.left_join(segment, "customer_id").drop("customer_id_right")
    else:
        out = out.mutate(_event_segment=ibis.null("string"))
    own: ir.Value = ibis.null("string")
    if customer_attributes is not None:
        kept = customer_attributes.mutate(_own=attribute(customer_attributes, segment_key))
        kept = kept.group_by("customer_id").agg(_own_segment=kept._own.max())
        out = out.left_join(kept, "customer_id").drop("customer_id_right")
        own = out._own_segment
    out = out.mutate(segment=out._event_segment.fill_null(own))
    null = ibis.null("string")
    last_tp: ir.Value = null
    last_stage: ir.Value = null
    if journey_map is not None:
        on = on_map(events, journey_map)
        where = ibis.struct({"ts": on.ts, "seq": on.seq})
        last = on.group_by("customer_id").agg(
            _tp=on.touchpoint_id.argmax(where), _stage=on.stage_id.argmax(where)
        )
        out = out.left_join(last, "customer_id").drop("customer_id_right")
        last_tp, last_stage = out._tp, out._stage
    return out.select(
        "customer_id",
        "segment",
        last_touchpoint=last_tp.cast("string"),
        last_stage=last_stage.cast("string"),
        last_activity=out.last_activity,
        last_event_at=out.last_event_at,
        events=out.events,
    )


def cohort_customers(
    events: ir.Table,
    cohort: Cohort,
    *,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
    segment_key: str = "segment",
    customer_attributes: ir.Table | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> CohortCustomers:
    """How many customers the cohort holds, and ``limit`` of them from ``offset`` (all when ``limit`` is None),
    by customer id, each with the columns of :func:`customer_details_table`."""
    if offset < 0:
        raise InputError("analytics.bad_number", option="offset", value=offset)
    if limit is not None and limit < 1:
        raise InputError("analytics.bad_number", option="limit", value=limit)
    members = cohort_table(events, cohort, journey_map=journey_map, filters=filters)
    # The page and the cohort's size in one query; only a page past the end needs a second one.
    chosen = members.mutate(_total=members.customer_id.count().over(ibis.window())).order_by("customer_id")
    if limit is not None or offset:
        chosen = chosen.limit(limit, offset=offset)
    found = rows(chosen)
    if not found:
        return CohortCustomers(int(members.count().to_pyarrow().as_py()))
    total, ids = int(found[0]["_total"]), [str(r["customer_id"]) for r in found]
    scope = apply_filters(events, filters)
    scope = scope.filter(scope.customer_id.isin(ids))
    if customer_attributes is not None:
        customer_attributes = customer_attributes.filter(customer_attributes.customer_id.isin(ids))
    details = customer_details_table(
        scope, journey_map=journey_map, segment_key=segment_key, customer_attributes=customer_attributes
    )
    by_id: dict[str, dict[str, Any]] = {str(r["customer_id"]): r for r in rows(details)}
    return CohortCustomers(total, tuple(_row(by_id[i]) for i in ids))


def _row(r: dict[str, Any]) -> CustomerRow:
    return CustomerRow(
        customer_id=str(r["customer_id"]),
        segment=r["segment"],
        last_touchpoint=r["last_touchpoint"],
        last_stage=r["last_stage"],
        last_activity=str(r["last_activity"]),
        last_event_at=r["last_event_at"],
        events=int(r["events"]),
    )
