"""What an alert rule measures, in its recent and its baseline window, from the warehouse.

"Now" is the latest timestamp in the data the rule reads (the map's survey answers, the map's
comments, or the events dataset), not the wall clock, so a historical log is judged as it was.
The recent window is ``(end − window, end]`` and the baseline the ``baseline`` before it.
For the behaviour rules (``conversion_drops``, ``unanswered_rises``) ``end`` is ``now − within``:
a customer's arrival (or a request) is judged only once its follow-up time has passed. Definitions: docs/alerts.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.alerts.rules import AlertRule, RuleKind, TargetKind, touchpoints_of
from safar.analytics._common import rows
from safar.analytics.conformance import on_map
from safar.metrics.behaviour import converted_within, requests_table
from safar.metrics.survey import CSAT_SCALE, is_detractor, is_negative, is_promoter, is_top_box, nps_value
from safar.model import JourneyMap
from safar.voice.corrections import labelled_comments
from safar.warehouse import Warehouse

RECENT, BASELINE = "recent", "baseline"
Bounds = tuple[datetime, datetime, datetime]  # the baseline's start, the recent window's start, its end


@dataclass(frozen=True)
class WindowStats:
    """One window: ``n`` observations, ``hits`` of them counted by the metric (top-2-box answers,
    promoters, converted customers, unanswered requests, negative comments), ``detractors`` for NPS."""

    start: datetime
    end: datetime
    n: int
    hits: int
    detractors: int | None = None

    @property
    def value(self) -> float | None:
        if not self.n:
            return None
        if self.detractors is not None:
            return nps_value(self.n, self.hits, self.detractors) / 100
        return self.hits / self.n

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "n": self.n,
            "hits": self.hits,
            "value": None if self.value is None else round(self.value, 6),
        }
        if self.detractors is not None:
            out["detractors"] = self.detractors
        return out


@dataclass(frozen=True)
class Measurement:
    """What a rule measured; a wait rule's ``estimate`` (seconds, None when stale) and ``method`` beside
    its recent window (``n``: contacts answered in it)."""

    metric: str
    now: datetime
    recent: WindowStats
    baseline: WindowStats
    dataset: str | None = None
    estimate: float | None = None
    method: str | None = None


def metric_name(rule: AlertRule) -> str:
    if rule.kind is RuleKind.SATISFACTION_FALLS:
        return "nps" if rule.params.metric == "nps" else "csat_top2"
    return {
        RuleKind.CONVERSION_DROPS: "conversion",
        RuleKind.UNANSWERED_RISES: "unanswered_share",
        RuleKind.NEGATIVE_SENTIMENT_RISES: "negative_share",
        RuleKind.WAIT_EXCEEDS: "expected_wait",
    }[rule.kind]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _bounds(end: datetime, rule: AlertRule) -> Bounds:
    mid = end - timedelta(seconds=rule.params.window)
    return mid - timedelta(seconds=rule.params.baseline), mid, end


def _latest(table: ir.Table) -> datetime | None:
    """The data's "now": its latest time, but never later than the wall clock (a future-dated row
    would otherwise leave every recent window empty)."""
    value = table.ts.max().to_pyarrow().as_py()
    if value is None:
        return None
    return min(_utc(value).replace(tzinfo=None), datetime.now(UTC).replace(tzinfo=None))


def _windows(table: ir.Table, bounds: Bounds) -> ir.Table:
    """The rows of ``table`` in ``(start, end]``, each with its window: ``recent`` after the middle."""
    start, mid, end = bounds
    inside = table.filter((table.ts > start) & (table.ts <= end))
    return inside.mutate(win=ibis.ifelse(inside.ts > mid, RECENT, BASELINE))


def _per_window(observed: ir.Table, *, nps: bool) -> dict[str, dict[str, Any]]:
    aggs: dict[str, Any] = {"n": observed.count(), "hits": observed.count(where=observed.hit)}
    if nps:
        aggs["detractors"] = observed.count(where=observed.detractor)
    return {str(r["win"]): r for r in rows(observed.group_by("win").agg(**aggs))}


def _stats(
    found: dict[str, dict[str, Any]], bounds: Bounds, *, nps: bool = False
) -> tuple[WindowStats, WindowStats]:
    start, mid, end = (_utc(b) for b in bounds)

    def one(win: str, lo: datetime, hi: datetime) -> WindowStats:
        r = found.get(win, {})
        detractors = int(r.get("detractors") or 0) if nps else None
        return WindowStats(lo, hi, int(r.get("n") or 0), int(r.get("hits") or 0), detractors)

    return one(RECENT, mid, end), one(BASELINE, start, mid)


def _any(conditions: list[ir.BooleanValue]) -> ir.BooleanValue:
    if not conditions:
        return ibis.literal(False)
    out = conditions[0]
    for c in conditions[1:]:
        out = out | c
    return out


def observed(
    warehouse: Warehouse, rule: AlertRule, journey: JourneyMap, bounds: Bounds, *, dataset: str | None = None
) -> ir.Table:
    """What the rule counts in the two windows of ``bounds``, one row each, with ``win`` (recent or
    baseline), ``ts``, ``customer_id`` and ``hit`` (and ``detractor`` for NPS): an answer (``hit`` a
    promoter or a top-2-box answer), a comment (``hit`` negative), a customer's first arrival at the
    target (``hit`` went on), or a request (``hit`` unanswered). :func:`measure` counts these rows and
    the alert's drill-down lists them, so an alert's ``n`` is the number of rows it opens."""
    if rule.kind is RuleKind.SATISFACTION_FALLS:
        inside = _windows(_answers_table(warehouse, rule, journey), bounds)
        if rule.params.metric == "nps":
            return inside.mutate(hit=is_promoter(inside.value), detractor=is_detractor(inside.value))
        return inside.mutate(hit=is_top_box(inside.value, CSAT_SCALE))
    if rule.kind is RuleKind.NEGATIVE_SENTIMENT_RISES:
        inside = _windows(_comments_table(warehouse, rule, journey), bounds)
        return inside.mutate(hit=is_negative(inside.label))
    if dataset is None:
        raise ValueError("a behaviour rule reads an events dataset")
    on = on_map(_events(warehouse, dataset), journey)
    tps = [t.id for t in touchpoints_of(journey, rule.target_kind, rule.target_id)]
    at_target = on.touchpoint_id.isin(tps)
    if rule.kind is RuleKind.UNANSWERED_RISES:
        req = _windows(requests_table(on, request=at_target, response=~at_target), bounds)
        return req.mutate(hit=req.answered_ts.isnull())
    at = _windows(on.filter(at_target), bounds)
    first = ibis.window(group_by=["customer_id", "win"], order_by=["ts", "seq"])
    at = at.mutate(r=ibis.row_number().over(first))
    arrivals = at.filter(at.r == 0).select("customer_id", "win", "ts", "seq", "stage_index")
    judged = converted_within(arrivals, on, within_seconds=rule.params.within, to=rule.params.to)
    return judged.mutate(hit=judged.converted)


def _answers_table(warehouse: Warehouse, rule: AlertRule, journey: JourneyMap) -> ir.Table:
    """The map's answers the rule reads: its metric's, at its target, with a value."""
    table = _map_answers(warehouse, rule)
    tps = [t.id for t in touchpoints_of(journey, rule.target_kind, rule.target_id)]
    where = [table.touchpoint_id.isin(tps)] if tps else []
    if rule.target_kind is TargetKind.STAGE:
        where.append(table.stage_id == rule.target_id)
    elif rule.target_kind is TargetKind.CHANNEL:
        where.append(table.touchpoint_id.isnull() & (table.channel == rule.target_id))
    return table.filter(_any(where), table.kind == rule.params.metric, table.value.notnull())


def _map_answers(warehouse: Warehouse, rule: AlertRule) -> ir.Table:
    table = warehouse.con.table("responses")
    return table.filter(table.map_id == rule.map_id)


def _map_comments(warehouse: Warehouse, rule: AlertRule) -> ir.Table:
    table = labelled_comments(warehouse)
    return table.filter(table.map_id == rule.map_id, table.ts.notnull())


def _comments_table(warehouse: Warehouse, rule: AlertRule, journey: JourneyMap) -> ir.Table:
    table = _map_comments(warehouse, rule)
    tps = [t.id for t in touchpoints_of(journey, rule.target_kind, rule.target_id)]
    return table.filter(_any([table.touchpoint_id.isin(tps)] if tps else []))


def _events(warehouse: Warehouse, dataset: str) -> ir.Table:
    events = warehouse.con.table("events")
    return events.filter(events.dataset == dataset)


def measure(
    warehouse: Warehouse, rule: AlertRule, journey: JourneyMap, *, dataset: str | None = None
) -> Measurement | None:
    """The rule's metric in both windows; ``None`` when there is no data to judge.

    Conversion: customers reaching the target in each window (from their first event there), ``hits``
    those who went on to a later stage, or to ``to``, within ``within``. Unanswered: the requests (events
    at the target) in each window, ``hits`` those with no later response (an event at another touchpoint),
    as ``safar analyze channels`` counts them. Definitions: :mod:`safar.metrics.behaviour`."""
    if rule.kind is RuleKind.WAIT_EXCEEDS:
        from safar.alerts.wait import measure_wait

        return None if dataset is None else measure_wait(warehouse, rule, dataset)
    if rule.kind is RuleKind.SATISFACTION_FALLS:
        source = _map_answers(warehouse, rule)
    elif rule.kind is RuleKind.NEGATIVE_SENTIMENT_RISES:
        source = _map_comments(warehouse, rule)
    elif dataset is None:
        return None
    else:
        source = _events(warehouse, dataset)
    now = _latest(source)
    if now is None:
        return None
    behaviour = rule.kind.source == "events"  # judged once the follow-up time has passed
    bounds = _bounds(now - timedelta(seconds=rule.params.within) if behaviour else now, rule)
    nps = rule.kind is RuleKind.SATISFACTION_FALLS and rule.params.metric == "nps"
    found = _per_window(observed(warehouse, rule, journey, bounds, dataset=dataset), nps=nps)
    recent, baseline = _stats(found, bounds, nps=nps)
    return Measurement(metric_name(rule), _utc(now), recent, baseline, dataset if behaviour else None)
