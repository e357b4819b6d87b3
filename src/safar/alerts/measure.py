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
from safar.warehouse import Warehouse

RECENT, BASELINE = "recent", "baseline"


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
            hits=lambda t: t.count(where=is_promoter(t.value)),
            detractors=lambda t: t.count(where=is_detractor(t.value)),
        )
    else:
        found = _by_window(
            chosen,
            now,
            rule,
            n=lambda t: t.count(),
            hits=lambda t: t.count(where=is_top_box(t.value, CSAT_SCALE)),
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
        chosen, now, rule, n=lambda t: t.count(), hits=lambda t: t.count(where=is_negative(t.label))
    )
    recent, baseline = _stats(found, now, rule)
    return Measurement(metric_name(rule), _utc(now), recent, baseline)


def _behaviour(
    warehouse: Warehouse, rule: AlertRule, journey: JourneyMap, dataset: str
) -> Measurement | None:
    """Conversion: customers reaching the target in each window (from their first event there), ``hits``
    those who went on to a later stage, or to ``to``, within ``within``. Unanswered: the requests (events
    at the target) in each window, ``hits`` those with no later response (an event at another touchpoint),
    as ``safar analyze channels`` counts them. Definitions: :mod:`safar.metrics.behaviour`."""
    events = warehouse.con.table("events")
    events = events.filter(events.dataset == dataset)
    now = _latest(events)
    if now is None:
        return None
    end = now - timedelta(seconds=rule.params.within)
    on = on_map(events, journey)
    tps = [t.id for t in touchpoints_of(journey, rule.target_kind, rule.target_id)]
    at_target = on.touchpoint_id.isin(tps)
    if rule.kind is RuleKind.UNANSWERED_RISES:
        req = requests_table(on, request=at_target, response=~at_target)
        found = _by_window(
            req, end, rule, n=lambda t: t.count(), hits=lambda t: t.count(where=t.answered_ts.isnull())
        )
    else:
        start, mid, _ = _bounds(end, rule)
        at = on.filter(at_target, on.ts > start, on.ts <= end)
        at = at.mutate(win=ibis.ifelse(at.ts > mid, RECENT, BASELINE))
        first = ibis.window(group_by=["customer_id", "win"], order_by=["ts", "seq"])
        at = at.mutate(r=ibis.row_number().over(first))
        arrivals = at.filter(at.r == 0).select("customer_id", "win", "ts", "seq", "stage_index")
        judged = converted_within(arrivals, on, within_seconds=rule.params.within, to=rule.params.to)
        per = judged.group_by("win").agg(n=judged.count(), hits=judged.count(where=judged.converted))
        found = {str(r["win"]): r for r in rows(per)}
    recent, baseline = _stats(found, end, rule)
    return Measurement(metric_name(rule), _utc(now), recent, baseline, dataset)
