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
>>> from safar.model import JourneyMap, Stage, Stage, Touchpoint, BindingRule
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

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from typing import Any, TypeVar

import ibis
import ibis.expr.types as ir

from safar.analytics._common import rows
from safar.analytics.conformance import on_map
from safar.analytics.kept_counts import Counter
from safar.errors import InputError
from safar.events.periods import GREGORIAN_UTC, PERIODS, Calendar, with_period
from safar.metrics.behaviour import (
    customer_counts,
    dropped_customers,
    map_customers,
    measured,
    reached_the_end,
)
from safar.metrics.stats import wilson_interval
from safar.metrics.survey import is_negative, map_level
from safar.model import JourneyMap, Stage
from safar.voice.groups import counts_by, from_counts, metric_by, scale_of

EVENT_KINDS = ("customers", "conversion", "dropoff", "median_time_to_next")
SURVEY_KINDS = ("nps", "csat", "ces")
CONFIDENCE = 0.95

Row = dict[str, Any]
K = TypeVar("K", bound=Hashable)


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
    ``reached_stage`` and ``started`` (:func:`safar.metrics.behaviour.customer_reach`): what every events
    kind reads. A page that measures many metrics builds it once and hands it to :func:`steps_measure`;
    a whole dataset's are kept in the warehouse (:func:`safar.analytics.kept.kept_steps`)."""
    return measured(on_map(events, journey))


def steps_measure(
    on: ir.Table,
    kind: str,
    scope: Collection[str] | None,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> list[Row]:
    """``kind`` over ``scope`` from the table of :func:`measured_steps`; with ``period``, one row per
    period of ``calendar`` (:func:`safar.events.periods.with_period`) in which journeys started."""
    scopes = {"": None if scope is None else frozenset(scope)}
    return [step_value(kind, r) for r in steps_counts(on, scopes, period, calendar)[""]]


def steps_counts(
    on: ir.Table,
    scopes: Mapping[K, frozenset[str] | None],
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
    stages: Sequence[Stage] | None = None,
    *,
    medians: Collection[K] | None = None,
    count: Counter | None = None,
) -> dict[K, list[Row]]:
    """The counts every events kind of each scope is read from (:func:`step_value`), for many scopes at
    once: one query for the whole map (``None``), one for the scopes of one touchpoint, one for those of a
    whole stage of ``stages`` (the map's, in order), one for any other sets of touchpoints, instead of one
    per scope. Without ``period`` each scope has one row (zero counts when nothing was measured there);
    with it, one per period with journeys.

    The counts are additive over customers, so ``count(counts, keys)`` may read them kept beside the kept
    steps and brought up to date by the changed customers alone
    (:func:`safar.analytics.kept_counts.counted`); by default they are computed from ``on``. The median
    time to next is not (it reads every step of its scope): it is computed for the scopes of ``medians``
    alone (default: every scope), the others' is ``None``."""
    keys: list[str] = ["period"] if check_period(period) is not None else []
    count = count or (lambda counts, _keys: counts(on))
    wanted = set(scopes) if medians is None else set(medians)

    def periodic(t: ir.Table) -> ir.Table:
        return with_period(t, str(period), calendar, time_col="started") if keys else t

    out: dict[K, list[Row]] = {}
    whole_keys = [k for k, scope in scopes.items() if scope is None]
    if whole_keys:
        # The whole map: reaching the last stage with data is converting; dropping off is as anywhere.
        def whole(t: ir.Table) -> ir.Table:
            t = periodic(t)
            aggs = {
                "customers": map_customers(t),
                "converted": reached_the_end(t),
                "dropped": dropped_customers(t),
                "with_next": t.gap.count(),
            }
            return t.group_by(keys).agg(**aggs) if keys else t.agg(**aggs)

        found = rows(count(whole, keys))
        medians_of: dict[Any, Any] = {}
        if any(k in wanted for k in whole_keys):
            t = periodic(on)
            medians_of = {
                r.get("period"): r["median"]
                for r in rows(
                    t.group_by(keys).agg(median=t.gap.median()) if keys else t.agg(median=t.gap.median())
                )
            }
        counted_rows = sorted(
            ({**r, "final": False, "median": medians_of.get(r.get("period"))} for r in found),
            key=lambda r: (r.get("period") is not None, r.get("period")),
        )
        if not keys and not counted_rows:  # no steps: one row of zeros, as a count over nothing has
            counted_rows = [dict(_NOTHING) | {"final": False}]
        for key in whole_keys:
            out[key] = [dict(r) if key in wanted else dict(r) | {"median": None} for r in counted_rows]
    # A scope of one touchpoint, or of one whole stage, is a group of the steps themselves; any other set of
    # touchpoints is a group of the steps of its touchpoints (a touchpoint may be in several) and its
    # customers are counted distinct.
    stage_of = {
        frozenset(t.id for t in s.touchpoints): i for i, s in enumerate(stages or []) if s.touchpoints
    }
    alone: dict[str, list[K]] = {}
    whole_stages: dict[int, list[K]] = {}
    parts: list[tuple[K, frozenset[str]]] = []
    for key, scope in scopes.items():
        if scope is None:
            continue
        if len(scope) == 1:
            alone.setdefault(next(iter(scope)), []).append(key)
        elif scope in stage_of:
            whole_stages.setdefault(stage_of[scope], []).append(key)
        else:
            parts.append((key, scope))
    groups: list[tuple[Callable[[ir.Table, list[Any]], ir.Table], str, str | None, dict[Any, list[K]]]] = []
    if alone:
        groups.append(
            (
                lambda t, by: t.filter(t.touchpoint_id.isin(sorted(by))),
                "touchpoint_id",
                "touchpoint",
                dict(alone),
            )
        )
    if whole_stages:
        groups.append(
            (
                lambda t, by: t.filter(t.stage_index.isin(sorted(by))),
                "stage_index",
                "stage",
                dict(whole_stages),
            )
        )
    if parts:
        groups.append(
            (
                _in_parts([scope for _, scope in parts]),
                "_safar_scope",
                None,
                {i: [k] for i, (k, _) in enumerate(parts)},
            )
        )
    for select, by, per, keyed in groups:
        per_group = _grouped(on, select, by, per, keys, keyed, wanted, periodic, count)
        for group, scope_keys in keyed.items():
            for key in scope_keys:
                # an aggregate over no rows is still one row; a scope without steps has no group
                out[key] = [
                    dict(r) if key in wanted else dict(r) | {"median": None}
                    for r in per_group.get(group, [] if keys else [dict(_NOTHING)])
                ]
    return out


_NOTHING: Row = {"customers": 0, "converted": 0, "dropped": 0, "final": None, "median": None, "with_next": 0}


def _in_parts(scopes: list[frozenset[str]]) -> Callable[[ir.Table, list[Any]], ir.Table]:
    """The steps of each set of touchpoints, with its index (``_safar_scope``): a step is in every set of
    its touchpoint. Written as literals (no table of the sets), so the counts' definition is the same text
    each time and their kept table is found again."""
    holders: dict[str, list[int]] = {}
    for i, scope in enumerate(scopes):
        for tp in sorted(scope):
            holders.setdefault(tp, []).append(i)

    def select(t: ir.Table, by: list[Any]) -> ir.Table:
        chosen = set(by)
        mine = {tp: [i for i in found if i in chosen] for tp, found in holders.items()}
        mine = {tp: found for tp, found in mine.items() if found}
        if not mine:
            return t.filter(ibis.literal(False)).mutate(_safar_scope=ibis.literal(0, "int64"))
        index = ibis.cases(
            *(
                (t.touchpoint_id == tp, ibis.literal(found, "array<int64>"))
                for tp, found in sorted(mine.items())
            )
        )
        here = t.filter(t.touchpoint_id.isin(sorted(mine)))
        return here.mutate(_safar_scope=index).unnest("_safar_scope")

    return select


def _grouped(
    on: ir.Table,
    select: Callable[[ir.Table, list[Any]], ir.Table],
    by: str,
    per: str | None,
    keys: list[str],
    keyed: Mapping[Any, Sequence[Any]],
    wanted: set[Any],
    periodic: Callable[[ir.Table], ir.Table],
    count: Counter,
) -> dict[Any, list[Row]]:
    """The counts of :func:`steps_counts` per value of column ``by`` (and period), as lists of rows: the
    counts through ``count``, the medians of the groups with a scope in ``wanted`` from ``on``."""
    groups = sorted(keyed)

    def counts(t: ir.Table) -> ir.Table:
        here = periodic(select(t, groups))
        return here.group_by([by, *keys]).agg(
            **customer_counts(here, per),
            dropped=dropped_customers(here),
            open=here.count(where=~here.final_stage),
            with_next=here.gap.count(),
        )

    found = rows(count(counts, [by, *keys]))
    with_median = [g for g in groups if any(k in wanted for k in keyed[g])]
    medians: dict[tuple[Any, Any], Any] = {}
    if with_median:
        here = periodic(select(on, with_median))
        medians = {
            (r[by], r.get("period")): r["median"]
            for r in rows(here.group_by([by, *keys]).agg(median=here.gap.median()))
        }
    out: dict[Any, list[Row]] = {}
    for r in sorted(found, key=lambda r: (r[by], r.get("period") is not None, r.get("period"))):
        group = r.pop(by)
        r["final"] = r.pop("open") == 0  # every step of the group in the last stage with data
        r["median"] = medians.get((group, r.get("period")))
        out.setdefault(group, []).append(r)
    return out


def step_value(kind: str, r: Row) -> Row:
    """The value of events ``kind`` from one row of :func:`steps_counts`."""
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
    return row


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
    return survey_value(
        survey_counts(answers, kind, map_id=map_id, period=period, calendar=calendar),
        kind,
        scope=scope,
        stage=stage,
        period=period,
        answers=answers,
        map_id=map_id,
        calendar=calendar,
    )


def survey_counts(
    answers: ir.Table,
    kind: str,
    *,
    map_id: int,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> list[Row]:
    """The counts of the map's ``kind`` answers (:func:`safar.voice.groups.counts_by`) per touchpoint,
    stage and period: every scope's NPS, CSAT or CES adds up from them (:func:`survey_value`), so a page
    asks the answers once per kind instead of once per metric."""
    mine = _answers_of(answers, kind, map_id)
    if check_period(period) is not None:
        mine = with_period(mine, str(period), calendar, time_col="ts")
    else:
        mine = mine.mutate(period=ibis.null().cast("date"))
    keys = ["touchpoint_id", "stage_id", "period"]
    return counts_by(mine, kind, keys, score_col="value", scale=scale_of(kind))


def survey_value(
    counts: list[Row],
    kind: str,
    *,
    scope: Collection[str] | None,
    stage: str | None = None,
    period: str | None,
    answers: ir.Table,
    map_id: int,
    calendar: Calendar = GREGORIAN_UTC,
) -> list[Row]:
    """NPS, CSAT or CES in ``scope`` from the groups of :func:`survey_counts` (``answers``: where an
    off-scale answer in the scope is looked up, to name it in the error)."""
    if scope is None:
        # the map's headline (safar.metrics.survey.map_level): its journey-level question when asked
        journey = [c for c in counts if c["touchpoint_id"] is None and c["stage_id"] is None]
        chosen = journey or counts
    else:
        wanted = set(scope)
        chosen = [
            c
            for c in counts
            if c["touchpoint_id"] in wanted or (stage is not None and c["stage_id"] == stage)
        ]
    summed: dict[Any, Row] = {}
    for c in chosen:
        into = summed.setdefault(c["period"], dict.fromkeys(c, 0) | {"period": c["period"]})
        for name, value in c.items():
            if name not in ("touchpoint_id", "stage_id", "period") and value is not None:
                into[name] += value
    if any(s.get("off_scale") for s in summed.values()):
        _name_off_scale(
            answers, kind, map_id=map_id, scope=scope, stage=stage, period=period, calendar=calendar
        )
    scale = scale_of(kind)
    out = []
    for key in sorted(summed, key=lambda p: (p is not None, p)):
        found = from_counts(summed[key], kind, confidence=CONFIDENCE, scale=scale)
        if found is None:
            continue
        row = _row(float(found["value"]), int(found["n"]), found.get("ci_low"), found.get("ci_high"))
        row["small_n"] = bool(found["small_n"])
        row["period"] = key if period is not None else None
        out.append(row)
    return out


def _answers_of(answers: ir.Table, kind: str, map_id: int) -> ir.Table:
    """The map's answers of ``kind`` that have a value: what every survey measure counts."""
    return answers.filter((answers.map_id == map_id) & (answers.kind == kind) & answers.value.notnull())


def _name_off_scale(
    answers: ir.Table,
    kind: str,
    *,
    map_id: int,
    scope: Collection[str] | None,
    stage: str | None,
    period: str | None,
    calendar: Calendar,
) -> None:
    """Raise the error that names the first off-scale answer in the scope (metric_by's own check)."""
    mine = _answers_of(answers, kind, map_id)
    if scope is None:
        mine = map_level(mine)
    else:
        where = mine.touchpoint_id.isin(list(scope))
        if stage is not None:
            where = where | (mine.stage_id == stage)
        mine = mine.filter(where)
    mine = mine.mutate(period=ibis.null().cast("date"))
    metric_by(mine, kind, by="period", score_col="value", confidence=CONFIDENCE)


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
