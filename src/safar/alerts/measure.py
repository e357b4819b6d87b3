"""What an alert rule measures, in its recent and its baseline window, from the warehouse.

"Now" is the latest timestamp in the data the rule reads (the map's survey answers, the map's
comments, or the events dataset), not the wall clock, so a historical log is judged as it was.
The recent window is ``(end − window, end]`` and the baseline the ``baseline`` before it.
For the behaviour rules (``conversion_drops``, ``unanswered_rises``) ``end`` is ``now − within``:
a customer's arrival is judged only once its follow-up time has passed. Definitions: docs/alerts.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.alerts.rules import AlertRule, RuleKind, TargetKind, touchpoints_of
from safar.analytics import bind_events
from safar.analytics._common import rows
from safar.analytics.conformance import map_indices
from safar.model import JourneyMap
from safar.warehouse import Warehouse

RECENT, BASELINE = "recent", "baseline"


@dataclass(frozen=True)
class WindowStats:
    """One window: ``n`` observations, ``hits`` of them counted by the metric (top-2-box answers,
    promoters, converted or unanswered customers, negative comments), ``detractors`` for NPS."""

    start: datetime
    end: datetime
    n: int
    hits: int
    detractors: int | None = None

    @property
    def value(self) -> float | None:
        if not self.n:
            return None
        return (self.hits - (self.detractors or 0)) / self.n

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
    metric: str
    now: datetime
    recent: WindowStats
    baseline: WindowStats
    dataset: str | None = None


def metric_name(rule: AlertRule) -> str:
    if rule.kind is RuleKind.SATISFACTION_FALLS:
        return "nps" if rule.params.metric == "nps" else "csat_top2"
    return {
        RuleKind.CONVERSION_DROPS: "conversion",
        RuleKind.UNANSWERED_RISES: "unanswered_share",
        RuleKind.NEGATIVE_SENTIMENT_RISES: "negative_share",
    }[rule.kind]


def measure(
    warehouse: Warehouse, rule: AlertRule, journey: JourneyMap, *, dataset: str | None = None
) -> Measurement | None:
    """The rule's metric in both windows; ``None`` when there is no data to judge."""
    if rule.kind is RuleKind.SATISFACTION_FALLS:
        return _answers(warehouse, rule, journey)
    if rule.kind is RuleKind.NEGATIVE_SENTIMENT_RISES:
        return _comments(warehouse, rule, journey)
    if dataset is None:
        return None
    return _behaviour(warehouse, rule, journey, dataset)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _bounds(end: datetime, rule: AlertRule) -> tuple[datetime, datetime, datetime]:
    mid = end - timedelta(seconds=rule.params.window)
    return mid - timedelta(seconds=rule.params.baseline), mid, end


def _latest(table: ir.Table) -> datetime | None:
    """The data's "now": its latest time, but never later than the wall clock (a future-dated row
    would otherwise leave every recent window empty)."""
    value = table.ts.max().to_pyarrow().as_py()
    if value is None:
        return None
    return min(_utc(value).replace(tzinfo=None), datetime.now(UTC).replace(tzinfo=None))


def _by_window(table: ir.Table, end: datetime, rule: AlertRule, **aggs: Any) -> dict[str, dict[str, Any]]:
    start, mid, _ = _bounds(end, rule)
    inside = table.filter((table.ts > start) & (table.ts <= end))
    inside = inside.mutate(win=ibis.ifelse(inside.ts > mid, RECENT, BASELINE))
    found = rows(inside.group_by("win").agg(**{k: f(inside) for k, f in aggs.items()}))
    return {str(r["win"]): r for r in found}


def _stats(
    found: dict[str, dict[str, Any]], end: datetime, rule: AlertRule, *, nps: bool = False
) -> tuple[WindowStats, WindowStats]:
    start, mid, end = (_utc(b) for b in _bounds(end, rule))

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


def _answers(warehouse: Warehouse, rule: AlertRule, journey: JourneyMap) -> Measurement | None:
    table = warehouse.con.table("responses")
    table = table.filter(table.map_id == rule.map_id)
    now = _latest(table)
    if now is None:
        return None
    nps = rule.params.metric == "nps"
    tps = [t.id for t in touchpoints_of(journey, rule.target_kind, rule.target_id)]
    where = [table.touchpoint_id.isin(tps)] if tps else []
    if rule.target_kind is TargetKind.STAGE:
        where.append(table.stage_id == rule.target_id)
    elif rule.target_kind is TargetKind.CHANNEL:
        where.append(table.touchpoint_id.isnull() & (table.channel == rule.target_id))
    chosen = table.filter(_any(where), table.kind == rule.params.metric, table.value.notnull())
    if nps:
        found = _by_window(
            chosen,
            now,
            rule,
            n=lambda t: t.count(),
            hits=lambda t: t.count(where=t.value >= 9),
            detractors=lambda t: t.count(where=t.value <= 6),
        )
    else:
        found = _by_window(
            chosen, now, rule, n=lambda t: t.count(), hits=lambda t: t.count(where=t.value >= 4)
        )
    recent, baseline = _stats(found, now, rule, nps=nps)
    return Measurement(metric_name(rule), _utc(now), recent, baseline)


def _comments(warehouse: Warehouse, rule: AlertRule, journey: JourneyMap) -> Measurement | None:
    table = warehouse.con.table("comments")
    table = table.filter(table.map_id == rule.map_id, table.ts.notnull())
    now = _latest(table)
    if now is None:
        return None
    tps = [t.id for t in touchpoints_of(journey, rule.target_kind, rule.target_id)]
    chosen = table.filter(_any([table.touchpoint_id.isin(tps)] if tps else []))
    found = _by_window(
        chosen, now, rule, n=lambda t: t.count(), hits=lambda t: t.count(where=t.label == "negative")
    )
    recent, baseline = _stats(found, now, rule)
    return Measurement(metric_name(rule), _utc(now), recent, baseline)


def _behaviour(
    warehouse: Warehouse, rule: AlertRule, journey: JourneyMap, dataset: str
) -> Measurement | None:
    """Customers reaching the target in each window; ``hits`` converted (went on to a later stage, or to
    ``to``, within ``within``) or, for unanswered, had no later bound event within ``within``."""
    events = warehouse.con.table("events")
    events = events.filter(events.dataset == dataset)
    now = _latest(events)
    if now is None:
        return None
    end = now - timedelta(seconds=rule.params.within)
    start, mid, _ = _bounds(end, rule)
    bound = map_indices(bind_events(events, journey), journey)
    bound = bound.filter(bound.touchpoint_id.notnull())
    tps = [t.id for t in touchpoints_of(journey, rule.target_kind, rule.target_id)]
    at = bound.filter(bound.touchpoint_id.isin(tps), bound.ts > start, bound.ts <= end)
    at = at.mutate(win=ibis.ifelse(at.ts > mid, RECENT, BASELINE))
    last = rule.kind is RuleKind.UNANSWERED_RISES
    order = [ibis.desc("ts"), ibis.desc("seq")] if last else ["ts", "seq"]
    at = at.mutate(r=ibis.row_number().over(ibis.window(group_by=["customer_id", "win"], order_by=order)))
    arrivals = at.filter(at.r == 0).select("customer_id", "win", t0=at.ts, s0=at.seq, i0=at.stage_index)
    later = bound.select(
        c=bound.customer_id, t1=bound.ts, s1=bound.seq, i1=bound.stage_index, tp1=bound.touchpoint_id
    )
    follow = [
        arrivals.customer_id == later.c,
        (later.t1 > arrivals.t0) | ((later.t1 == arrivals.t0) & (later.s1 > arrivals.s0)),
        later.t1 <= arrivals.t0 + ibis.interval(seconds=rule.params.within),
    ]
    if rule.kind is RuleKind.CONVERSION_DROPS:
        follow.append(later.tp1 == rule.params.to if rule.params.to else later.i1 > arrivals.i0)
    joined = arrivals.left_join(later, follow)
    per = joined.group_by("customer_id", "win").agg(followed=joined.c.count())
    hit = per.followed == 0 if last else per.followed > 0
    found = {
        str(r["win"]): r for r in rows(per.group_by("win").agg(n=per.count(), hits=per.count(where=hit)))
    }
    recent, baseline = _stats(found, end, rule)
    return Measurement(metric_name(rule), _utc(now), recent, baseline, dataset)
