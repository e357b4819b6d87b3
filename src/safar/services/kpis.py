"""The key-metrics screen of a map: every metric of the map, measured now, against its target and the
latest snapshot.

:func:`key_metrics` is the one function behind the KPI page, ``GET /api/v1/…/maps/{id}/kpis`` and
``safar map kpis``. Values come from :func:`safar.kpis.measure_map` (definitions: docs/kpis.md); with a
``revision``, the values that revision's latest snapshot kept are shown instead, each with its change
since. A metric that cannot be measured has no value and says why (``reason``, and ``reason_text`` in the
reader's language). A measured count of customers opens its customers (the drill-down of the map whose
data is measured, ``data_map``): ``n_customers`` those counted in ``n`` (customers, conversion and
drop-off), ``value_customers`` those behind a conversion or drop-off share, with exactly the metric's scope.

>>> KeyMetric(key="nps", metric="NPS", touchpoint=None, unit="", target=40.0, higher_is_better=True,
...     value=None, n=0).met is None
True
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from safar.context import Context
from safar.events.periods import Calendar
from safar.i18n import translate
from safar.i18n.catalogue import MESSAGES
from safar.i18n.periods import period_label
from safar.model import JourneyMap
from safar.services.customers import CustomerFilter
from safar.services.results import same_in_every_language

__all__ = ["KeyMetric", "KeyMetrics", "MeasureOut", "SnapshotBrief", "TrendPoint", "key_metrics"]


class MeasureOut(BaseModel):
    """What a metric measures: a kind at a touchpoint or stage (ids), the dataset, the touchpoints it covers."""

    kind: str
    touchpoint: str | None = None
    stage: str | None = None
    dataset: str | None = None
    over: list[str] | None = None


class TrendPoint(BaseModel):
    """One period of a trend: the ISO day it starts, its name in the reader's calendar and language, and
    (a measured behaviour metric) the customers whose journey started in it: those counted in ``n`` and
    those its share counts."""

    period: str | None
    value: float | None
    n: int
    label: str = ""
    n_customers: CustomerFilter | None = None
    value_customers: CustomerFilter | None = None


class KeyMetric(BaseModel):
    """One metric: where it sits (``touchpoint`` None: the whole map), its value now, n, interval, target."""

    key: str
    metric: str
    touchpoint: str | None
    unit: str
    measure: MeasureOut | None = None
    target: float | None
    higher_is_better: bool
    value: float | None
    n: int
    low: float | None = None
    high: float | None = None
    small_n: bool | None = None
    met: bool | None = None
    gap: float | None = None
    reason: str | None = None
    reason_details: dict[str, Any] = Field(default={}, description="The values the reason's message names.")
    reason_text: str = Field(default="", description="Why there is no value, in the reader's language.")
    trend: list[TrendPoint] = []
    now: float | None = None
    then: float | None = None
    change: float | None = None
    n_customers: CustomerFilter | None = Field(
        default=None, description="The customers counted in n (measured behaviour metrics, measured now)."
    )
    value_customers: CustomerFilter | None = Field(
        default=None, description="The customers a conversion or drop-off share counts (its numerator)."
    )


class SnapshotBrief(BaseModel):
    id: int
    revision: int
    computed_at: str


class KeyMetrics(BaseModel):
    """The screen: the map (and ``data_map``, whose data a future-state map is measured on), the dataset,
    the trend period, the snapshot compared with, and the metrics in document order."""

    map: int
    revision: int
    data_map: int
    dataset: str | None
    period: str | None
    calendar: str = "gregorian"
    measured_at: str
    snapshot: SnapshotBrief | None
    metrics: list[KeyMetric]


def _localized(ctx: Context, screen: KeyMetrics) -> KeyMetrics:
    """Each metric's reason (why it has no value) and each trend period named in the reader's language."""
    metrics = [
        m.model_copy(
            update={
                "reason_text": _reason(m.reason, m.reason_details, ctx.lang),
                "trend": [
                    p.model_copy(update={"label": _label(p.period, screen.period, screen.calendar, ctx.lang)})
                    for p in m.trend
                ],
            }
        )
        for m in screen.metrics
    ]
    return screen.model_copy(update={"metrics": metrics})


@same_in_every_language(_localized, periods=True)
def key_metrics(
    ctx: Context, map_id: int, *, revision: int | None = None, period: str | None = "month"
) -> KeyMetrics:
    """Every metric of ``map_id`` measured now (with its trend per ``period``), beside the latest snapshot;
    with ``revision``, that revision's snapshot (``kpis.no_snapshot`` when it has none)."""
    from safar.kpis import kpis_view

    calendar = ctx.calendar
    view = kpis_view(ctx.workspace, map_id, revision, period=period, calendar=calendar)
    compared = view.to_dict()
    moved = {m["key"]: m for m in compared["metrics"]}
    if view.at_revision:
        shown = compared["metrics"]
    else:
        data = ctx.workspace.get_map(view.now.data_map).document
        shown = [
            v.to_dict()
            | {"reason_details": v.reason_details, "now": v.value}
            | {k: moved.get(v.key, {}).get(k) for k in ("then", "change")}
            | _drill(v.measure, v.value, data)
            | {"trend": [p | _drill_point(v.measure, p, period, calendar, data) for p in v.trend]}
            for v in view.now.values
        ]
    return KeyMetrics(
        map=map_id,
        revision=compared["revision"],
        data_map=view.now.data_map,
        dataset=view.now.dataset,
        period=view.now.period,
        calendar=calendar.system,
        measured_at=compared["measured_at"],
        snapshot=compared["snapshot"],
        metrics=[KeyMetric.model_validate(m) for m in shown],
    )


def _label(start: str | None, period: str | None, calendar: str, lang: str) -> str:
    return period_label(start, period, calendar, lang) if start and period else ""


def _reason(reason: str | None, details: dict[str, Any], lang: str) -> str:
    if not reason:
        return ""
    code = f"kpis.reason.{reason}"
    return translate(code if code in MESSAGES else reason, lang, **details)


def _drill_point(
    measure: dict[str, Any] | None,
    point: dict[str, Any],
    period: str | None,
    calendar: Calendar,
    data: JourneyMap,
) -> dict[str, Any]:
    """A trend point's customer filters: the metric's, cut to the journeys that started in its period
    (safar.kpis.measures.steps_measure counts a customer in the period of their first bound event)."""
    start = point.get("period")
    if not start or period is None or not point.get("n"):
        return {}
    cut = {"period": period, "start": str(start)[:10], "calendar": calendar.system, "tz": calendar.tz}
    return {
        key: chosen.model_copy(update=CustomerFilter.model_validate(cut).model_dump(include=set(cut)))
        for key, chosen in _drill(measure, point.get("value"), data).items()
    }


def _drill(measure: dict[str, Any] | None, value: float | None, data: JourneyMap) -> dict[str, Any]:
    """The customer filters of a measured behaviour metric: the scope's customers (its ``n``) and, for a
    conversion or drop-off, the customers its share counts — the definitions of safar.kpis.measures."""
    kind = (measure or {}).get("kind")
    if measure is None or value is None or kind not in ("customers", "conversion", "dropoff"):
        return {}
    over: list[str] | None = measure.get("over")
    where: dict[str, Any] = {"dataset": measure.get("dataset"), "level": "touchpoint"}
    stage = next((s for s in data.stages if s.id == measure.get("stage")), None)
    if stage is not None and over is not None and set(over) == {t.id for t in stage.touchpoints}:
        where |= {"level": "stage", "step": stage.id}  # a whole stage: named as the stage
    elif over is not None and len(over) == 1:
        where["step"] = over[0]
    elif over is not None:
        where["steps"] = over
    out = {"n_customers": CustomerFilter(kind="reached", **where)}
    if kind != "customers":
        out["value_customers"] = CustomerFilter(
            kind="converted" if kind == "conversion" else "dropped", **where
        )
    return out
