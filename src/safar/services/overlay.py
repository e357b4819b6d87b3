"""The canvas of a map: per touchpoint numbers from the warehouse, the customers' voice, and the headline.

A map says which dataset it reads through its binding rules (``bind[].dataset``; the first named is its
default). :func:`canvas` is the one function behind the canvas page, ``GET /api/v1/…/maps/{id}/overlay``
and ``safar map overlay``; its headline NPS, CSAT and CES are the map's KPIs' (the journey-level question,
:func:`safar.metrics.survey.map_level`), its conversion and drop-off those of ``kpis.measures`` for the
whole map.

>>> Headline().model_dump()
{'nps': None, 'csat': None, 'ces': None, 'conversion': None, 'dropoff': None}
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from safar.context import Context
from safar.model import JourneyMap
from safar.services.audience import Audience, AudienceShown
from safar.services.figures import (
    DataPeriod,
    ShareFigure,
    SurveyFigure,
    bound_period,
    share_figure,
    survey_figures,
)
from safar.services.results import same_in_every_language

__all__ = ["Canvas", "Headline", "Overlay", "TouchpointFigures", "TouchpointVoice", "canvas", "map_overlay"]


class TouchpointFigures(BaseModel):
    """What customers did at one touchpoint (definitions: :mod:`safar.analytics.summary`); shares are fractions."""

    stage: str
    touchpoint: str
    events: int
    customers: int
    conversion_to_next_stage: float | None
    dropoff: int
    dropoff_share: float | None
    completed: int
    median_seconds_to_next: float | None


class Overlay(BaseModel):
    """The map's numbers from one dataset: its customers, the events no rule binds, and each touchpoint's."""

    dataset: str | None = None
    customers: int = 0
    unbound_events: int = 0
    touchpoints: dict[str, TouchpointFigures] = {}
    period: DataPeriod | None = None


class TouchpointVoice(BaseModel):
    """Survey scores and comment sentiment of one touchpoint (:mod:`safar.voice.touchpoints`)."""

    touchpoint: str
    comments: int
    negative_share: float | None
    positive_share: float | None
    mean_score: float | None
    answers: int
    measured_emotion: float | None
    measured_n: int
    assumed_emotion: int | None
    flagged: bool
    metrics: dict[str, SurveyFigure] = {}
    sources: dict[str, dict[str, Any]] = {}


class Headline(BaseModel):
    """The map's own figures: NPS, CSAT and CES of its headline answers; conversion (reaching the last stage
    with data) and drop-off of all its customers, in percent."""

    nps: SurveyFigure | None = None
    csat: SurveyFigure | None = None
    ces: SurveyFigure | None = None
    conversion: ShareFigure | None = None
    dropoff: ShareFigure | None = None


class Canvas(Overlay):
    """Everything the canvas shows that is measured, for one revision of the map and one dataset."""

    map: int
    revision: int
    datasets: list[str]
    voice: dict[str, TouchpointVoice] = {}
    headline: Headline = Field(default_factory=Headline)
    audience: AudienceShown | None = None


@same_in_every_language()
def canvas(
    ctx: Context,
    map_id: int,
    *,
    revision: int | None = None,
    dataset: str | None = None,
    audience: Audience | None = None,
) -> Canvas:
    """The canvas's numbers of ``map_id`` (at ``revision``) from ``dataset`` (default: the map's first);
    with ``audience`` (:mod:`safar.services.audience`), the behaviour figures (the data lanes, conversion and
    drop-off) count those customers' journeys alone; the survey figures are every respondent's.

    A dataset that is not the workspace's, or a warehouse that cannot be read, raises its :class:`SafarError`.
    """
    stored = ctx.workspace.get_map(map_id, revision)
    journey = stored.document
    head = {"map": map_id, "revision": stored.revision, "datasets": journey.datasets()}
    chosen = dataset or next(iter(journey.datasets()), None)
    if chosen is not None:
        ctx.workspace.require_dataset(chosen)
    if not ctx.has_warehouse():
        return Canvas(**head, dataset=chosen)
    with ctx.warehouse() as warehouse:
        overlay = _overlay(warehouse, journey, chosen, audience) if chosen else Overlay()
        voice = _voice(ctx, warehouse, map_id, journey)
        headline = _headline(warehouse, map_id, journey, chosen, audience)
    shown = AudienceShown.of(audience)
    return Canvas(**head, **dict(overlay), voice=voice, headline=headline, audience=shown)


def map_overlay(ctx: Context, journey: JourneyMap, dataset: str | None = None) -> Overlay | None:
    """The per touchpoint numbers alone, from ``dataset`` (default: the map's first); ``None`` without one."""
    chosen = dataset or next(iter(journey.datasets()), None)
    if chosen is None:
        return None
    ctx.workspace.require_dataset(chosen)
    with ctx.warehouse() as warehouse:
        return _overlay(warehouse, journey, chosen)


def _overlay(warehouse: Any, journey: JourneyMap, dataset: str, audience: Audience | None = None) -> Overlay:
    from safar.analytics import summary
    from safar.analytics.kept import kept_steps, of_audience
    from safar.analytics.kept_counts import counter

    events = warehouse.events(dataset)
    kept = kept_steps(warehouse, dataset, journey)
    if audience is not None:
        kept = of_audience(warehouse, dataset, kept, audience)
    result = summary(events, journey, kept=kept, count=counter(warehouse, kept))
    return Overlay(
        dataset=dataset,
        period=bound_period(events, journey, steps=kept.steps),
        customers=result.customers,
        unbound_events=result.unbound_events,
        touchpoints={t.touchpoint: TouchpointFigures.model_validate(t.to_dict()) for t in result.touchpoints},
    )


def _voice(ctx: Context, warehouse: Any, map_id: int, journey: JourneyMap) -> dict[str, TouchpointVoice]:
    from safar.surveys import Surveys
    from safar.voice.report import scales_of
    from safar.voice.touchpoints import touchpoint_voice

    scales = scales_of([(s.id, s.survey) for s in Surveys(ctx.workspace).list(map_id)])
    found = touchpoint_voice(warehouse, map_id, journey, scales)
    return {
        tp: TouchpointVoice.model_validate(v.to_dict() | {"metrics": survey_figures(v.metrics)})
        for tp, v in found.items()
    }


def _headline(
    warehouse: Any, map_id: int, journey: JourneyMap, dataset: str | None, audience: Audience | None = None
) -> Headline:
    from safar.kpis import measures
    from safar.voice.report import headline
    from safar.voice.touchpoints import answers_of

    said = survey_figures(headline(answers_of(warehouse, map_id)))
    out = Headline(nps=said.get("nps"), csat=said.get("csat"), ces=said.get("ces"))
    if dataset is not None:
        from safar.analytics.kept import kept_steps, of_audience
        from safar.analytics.kept_counts import counter

        kept = kept_steps(warehouse, dataset, journey)
        if audience is not None:
            kept = of_audience(warehouse, dataset, kept, audience)
        # one query for both, its counts kept beside the steps
        (counts,) = measures.steps_counts(kept.steps, {"": None}, medians=(), count=counter(warehouse, kept))[
            ""
        ]
        out.conversion = share_figure([measures.step_value("conversion", counts)])
        out.dropoff = share_figure([measures.step_value("dropoff", counts)])
    return out
