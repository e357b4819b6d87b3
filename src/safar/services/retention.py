"""Retention and churn of a dataset's customers: the one service behind the map's retention page, its API twins
and ``safar analyze retention | churn``.

- :func:`retention`: cohort retention (:mod:`safar.analytics.retention`), cohorts named in the reader's
  calendar (Jalali months in Persian, Gregorian in English unless the workspace says otherwise);
- :func:`churn`: churn by inactivity or an explicit churn event (:mod:`safar.metrics.churn`), per cohort, and
  with ``risk`` the churn-risk model (:mod:`safar.insights.churn_risk`): its validation on a time split, the
  touchpoints that raise or lower the risk, and today's customers most at risk with their reasons;
- :func:`retention_screen`: both for a map's bound dataset, at the map's touchpoints (a kept result).

A touchpoint (``start_touchpoint``, the risk's steps) needs a map: the one given, else the workspace's only map
bound to the dataset; with several, the error names them.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from safar.context import Context  # at run time: the kept result reads the screen's type hints
from safar.errors import InputError
from safar.model import JourneyMap
from safar.services.health import HealthOut, customer_health

__all__ = [
    "ChurnOut",
    "RetentionOut",
    "RetentionScreen",
    "churn",
    "health_band",
    "retention",
    "retention_screen",
]

PERIODS = ("day", "week", "month", "quarter", "year")


class CohortOut(BaseModel):
    cohort: str = Field(description="The cohort's period, named in the reader's calendar.")
    start: str = Field(description="Its first day (YYYY-MM-DD, Gregorian).")
    size: int
    retained: list[int] = Field(description="Customers active in the cohort's period k = 0, 1, …")
    rates: list[float | None]
    revenue: list[float] | None = None


class RetentionOut(BaseModel):
    dataset: str
    period: str
    calendar: str
    start_step: str | None
    start_name: str | None = None
    partial: bool = Field(description="The last period is not over at the data's last event.")
    last_event: str | None
    customers: int
    average: list[float | None] = Field(
        description="Per k, the share retained over the cohorts that reached k."
    )
    value: str | None = None
    unreadable_values: int = 0
    cohorts: list[CohortOut]


class ChurnCohortOut(BaseModel):
    cohort: str
    start: str
    customers: int
    churned: int
    share: float | None


class EffectOut(BaseModel):
    feature: str
    name: str = Field(description="What the feature is, in the reader's language.")
    step: str | None
    coefficient: float = Field(description="Change in the log-odds of churning per standard deviation.")
    odds_ratio: float
    raises_risk: bool


class AtRiskOut(BaseModel):
    customer_id: str
    risk: float
    last_event: str
    events: int
    reasons: list[str] = Field(
        description="What adds most to this customer's risk, in the reader's language."
    )


class CalibrationOut(BaseModel):
    predicted: float
    observed: float
    customers: int


class ValidationOut(BaseModel):
    train_cutoff: str
    test_cutoff: str
    train_customers: int
    train_churned: int
    test_customers: int
    test_churned: int
    auc: float | None
    brier: float
    base_rate: float
    calibration: list[CalibrationOut]


class RiskOut(BaseModel):
    available: bool
    reason: str | None = Field(default=None, description="Why there is no model, in the reader's language.")
    horizon_days: float
    level: str
    validation: ValidationOut | None = None
    effects: list[EffectOut] = []
    scored: int = 0
    customers: list[AtRiskOut] = []


class ChurnOut(BaseModel):
    dataset: str
    as_of: str | None
    inactive_days: float | None
    churn_event: str | None
    customers: int
    churned: int
    active: int
    share: float | None
    period: str
    cohorts: list[ChurnCohortOut]
    risk: RiskOut | None = None


class RetentionScreen(BaseModel):
    """The map's retention page: its bound dataset's cohorts, churn, churn risk and customer health (None
    without a dataset)."""

    dataset: str | None = None
    retention: RetentionOut | None = None
    churn: ChurnOut | None = None
    health: HealthOut | None = None


def _check_period(period: str) -> str:
    if period not in PERIODS:
        raise InputError("time.bad_period", value=period, allowed=list(PERIODS))
    return period


def _map_of(ctx: Context, dataset: str, map_id: int | None, needed: bool) -> JourneyMap | None:
    """The map whose touchpoints are read: ``map_id``'s, else the only map bound to ``dataset``."""
    if map_id is not None:
        return ctx.workspace.get_map(map_id).document
    if not needed:
        return None
    bound = ctx.workspace.maps_reading(dataset)
    if len(bound) != 1:
        raise InputError(
            "retention.which_map", dataset=dataset, maps=", ".join(str(i) for i, _ in bound) or "—"
        )
    return bound[0][1]


def _label(start: dt.date, period: str, ctx: Context) -> str:
    from safar.i18n.periods import period_label

    return period_label(start, period, ctx.calendar.system, ctx.lang)


def retention(
    ctx: Context,
    dataset: str,
    *,
    period: str = "month",
    start_touchpoint: str | None = None,
    start_activity: str | None = None,
    value: str | None = None,
    map_id: int | None = None,
) -> RetentionOut:
    """Cohort retention of ``dataset`` by ``period`` of the reader's calendar, from each customer's first event
    (or first at ``start_touchpoint`` of the map, or ``start_activity``)."""
    from safar.analytics import Level
    from safar.analytics.retention import retention as compute

    _check_period(period)
    if start_touchpoint and start_activity:
        raise InputError("retention.one_start")
    ctx.workspace.require_dataset(dataset)
    journey = _map_of(ctx, dataset, map_id, needed=start_touchpoint is not None)
    start = start_touchpoint or start_activity
    level = Level.TOUCHPOINT if start_touchpoint else Level.ACTIVITY
    with ctx.warehouse() as warehouse:
        found = compute(
            warehouse.events(dataset),
            period,
            ctx.calendar,
            start=start,
            level=level,
            journey_map=journey,
            value=value,
        )
    names = {t.id: t.name for t in journey.touchpoints()} if journey is not None else {}
    return RetentionOut(
        dataset=dataset,
        period=period,
        calendar=found.calendar,
        start_step=start,
        start_name=names.get(start or "", start),
        partial=found.partial,
        last_event=found.last_event,
        customers=sum(c.size for c in found.cohorts),
        average=found.average(),
        value=value,
        unreadable_values=found.unreadable_values,
        cohorts=[
            CohortOut(
                cohort=_label(c.start, period, ctx),
                start=c.start.isoformat(),
                size=c.size,
                retained=list(c.retained),
                rates=c.rates(),
                revenue=list(c.revenue) if c.revenue is not None else None,
            )
            for c in found.cohorts
        ],
    )


def _feature_name(feature: str, names: dict[str, str], lang: str) -> str:
    from safar.i18n import translate

    if feature.startswith("step:"):
        step = feature.removeprefix("step:")
        return translate("churn.feature.step", lang, step=names.get(step, step))
    return translate(f"churn.feature.{feature}", lang)


def churn(
    ctx: Context,
    dataset: str,
    *,
    inactive: str | None = "90d",
    churn_event: str | None = None,
    horizon: str | None = None,
    risk: bool = False,
    top: int = 50,
    period: str = "month",
    map_id: int | None = None,
) -> ChurnOut:
    """Who has churned from ``dataset`` (no event for ``inactive``, or an explicit ``churn_event``), per cohort
    of ``period``; with ``risk``, the churn-risk model and the ``top`` customers most at risk now."""
    from safar.analytics import Level, parse_duration
    from safar.analytics.churn import churn as compute
    from safar.analytics.churn import last_moment
    from safar.i18n import translate
    from safar.insights.churn_risk import churn_risk

    _check_period(period)
    if not 1 <= top <= 10_000:
        raise InputError("churn.bad_top", value=top)
    if churn_event:
        inactive = None
    idle = parse_duration(inactive) if inactive else None
    span = parse_duration(horizon) if horizon else idle
    if churn_event and span is None:
        raise InputError("churn.horizon_needed")
    ctx.workspace.require_dataset(dataset)
    journey = ctx.workspace.get_map(map_id).document if map_id is not None else None
    with ctx.warehouse() as warehouse:
        events = warehouse.events(dataset)
        moment = last_moment(events)
        found = compute(
            events, inactive=idle, churn_event=churn_event, as_of=moment, period=period, calendar=ctx.calendar
        )
        modelled = None
        if risk and moment is not None:
            modelled = churn_risk(
                events,
                as_of=moment,
                inactive=idle,
                churn_event=churn_event,
                horizon=span,
                level=Level.TOUCHPOINT if journey is not None else Level.ACTIVITY,
                journey_map=journey,
                top=top,
            )
    names = {t.id: t.name for t in journey.touchpoints()} if journey is not None else {}
    out = ChurnOut(
        dataset=dataset,
        as_of=found.as_of,
        inactive_days=found.inactive_days,
        churn_event=churn_event,
        customers=found.customers,
        churned=found.churned,
        active=found.customers - found.churned,
        share=found.share,
        period=period,
        cohorts=[ChurnCohortOut(cohort=_label(c.start, period, ctx), **c.to_dict()) for c in found.cohorts],
    )
    if modelled is not None:
        said = modelled.to_dict()
        out.risk = RiskOut(
            available=modelled.available,
            reason=translate(modelled.reason, ctx.lang) if modelled.reason else None,
            horizon_days=modelled.horizon_days,
            level=modelled.level,
            validation=ValidationOut.model_validate(said["validation"]) if said["validation"] else None,
            effects=[
                EffectOut(name=_feature_name(e["feature"], names, ctx.lang), **e) for e in said["effects"]
            ],
            scored=modelled.scored,
            customers=[
                AtRiskOut(**{**c, "reasons": [_feature_name(r, names, ctx.lang) for r in c["reasons"]]})
                for c in said["customers"]
            ],
        )
    return out


class CohortCustomersOut(BaseModel):
    dataset: str
    cohort: str = Field(description="The cohort's period, named in the reader's calendar.")
    start: str
    k: int
    period: str
    total: int
    customers: list[str]


MAX_LISTED = 1000


def cohort_customers(
    ctx: Context,
    map_id: int,
    cohort: dt.date,
    k: int,
    *,
    dataset: str | None = None,
    period: str = "month",
    start: str | None = None,
    limit: int | None = MAX_LISTED,
) -> CohortCustomersOut:
    """The customers of one cell of the map's cohort table: the cohort starting on ``cohort`` (its first day, or
    any day of it), active in its ``k``-th period (``limit``: how many ids to list; None: all)."""
    from safar.analytics import Level
    from safar.analytics.cohort import period_start
    from safar.analytics.retention import retained_customers

    _check_period(period)
    if not 0 <= k <= 10_000:
        raise InputError("retention.bad_k", value=k)
    journey = ctx.workspace.get_map(map_id).document
    chosen = dataset or next(iter(journey.datasets()), None)
    if chosen is None:
        raise InputError("retention.no_dataset")
    ctx.workspace.require_dataset(chosen)
    first = period_start(cohort, period, ctx.calendar)
    with ctx.warehouse() as warehouse:
        found = retained_customers(
            warehouse.events(chosen),
            first,
            k,
            period,
            ctx.calendar,
            start=start,
            level=Level.TOUCHPOINT if start else Level.ACTIVITY,
            journey_map=journey,
        )
        total = int(found.count().to_pyarrow().as_py())
        listed = found.limit(limit) if limit is not None else found
        ids = [str(r["customer_id"]) for r in listed.to_pyarrow().to_pylist()]
    return CohortCustomersOut(
        dataset=chosen,
        cohort=_label(first, period, ctx),
        start=first.isoformat(),
        k=k,
        period=period,
        total=total,
        customers=ids,
    )


def retention_screen(
    ctx: Context,
    map_id: int,
    dataset: str | None = None,
    *,
    period: str = "month",
    start: str | None = None,
    inactive: str = "90d",
    top: int = 50,
) -> RetentionScreen:
    """The map's retention page: cohorts (from the first event, or from touchpoint ``start``), churn after
    ``inactive`` and the churn-risk model at the map's touchpoints, for its bound dataset (or ``dataset``)."""
    journey = ctx.workspace.get_map(map_id).document
    chosen = dataset or next(iter(journey.datasets()), None)
    if chosen is None:
        return RetentionScreen()
    if start is not None and start not in {t.id for t in journey.touchpoints()}:
        raise InputError("retention.unknown_start", touchpoint=start)
    return RetentionScreen(
        dataset=chosen,
        retention=retention(ctx, chosen, period=period, start_touchpoint=start, map_id=map_id),
        churn=churn(ctx, chosen, inactive=inactive, risk=True, top=top, period=period, map_id=map_id),
        health=customer_health(ctx, chosen, window=inactive, map_id=map_id, lowest=top),
    )


def health_band(
    ctx: Context,
    map_id: int,
    band: int,
    *,
    inactive: str = "90d",
    limit: int | None = 1000,
) -> HealthOut | None:
    """The customers of one health band of the map's retention page (its ``inactive`` window, worst first; all of
    them when ``limit`` is None); None when the map reads no dataset."""
    journey = ctx.workspace.get_map(map_id).document
    chosen = next(iter(journey.datasets()), None)
    if chosen is None:
        return None
    return customer_health(ctx, chosen, window=inactive, map_id=map_id, lowest=limit, band=band)
