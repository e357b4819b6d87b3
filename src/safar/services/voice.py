"""The voice report of a map: what its customers said, measured per touchpoint, per stage and for the map.

:func:`voice` is the one function behind the voice page, ``GET /api/v1/…/maps/{id}/voice`` and
``safar survey report`` (definitions: :mod:`safar.voice.report`; the map's headline NPS, CSAT and CES are
its KPIs', :func:`safar.metrics.survey.map_level`). Periods are the reader's (:attr:`Context.calendar`:
Jalali months in Tehran time for Persian); each trend row's ``period`` is the ISO day it starts and
``label`` its name (``مرداد ۱۴۰۲``, ``Aug 2023``).

>>> VoiceReport(map=1, title="t").measured
False
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from safar.context import Context
from safar.errors import InputError
from safar.events.periods import check_period
from safar.i18n.periods import period_label
from safar.services.figures import SurveyFigure, survey_figures
from safar.services.results import same_in_every_language

__all__ = ["VoiceReport", "VoiceStage", "VoiceTouchpoint", "voice"]


class VoiceTouchpoint(BaseModel):
    touchpoint: str
    name: str
    stage: str
    channel: str
    owner: str | None = None
    assumed_emotion: int | None = None
    comments: int = 0
    negative_share: float | None = None
    positive_share: float | None = None
    mean_score: float | None = None
    answers: int = 0
    measured_emotion: float | None = None
    measured_n: int = 0
    flagged: bool = False
    metrics: dict[str, SurveyFigure] = {}
    sources: dict[str, dict[str, Any]] = {}


class VoiceStage(BaseModel):
    stage: str
    name: str
    metrics: dict[str, SurveyFigure] = {}
    measured_emotion: float | None = None
    measured_n: int = 0
    assumed_emotion: float | None = None
    flagged: bool = False


class VoiceReport(BaseModel):
    """The report; ``measured`` is False (and every count 0) while the workspace has no data yet."""

    map: int
    title: str
    period: str = "month"
    calendar: str = "gregorian"
    measured: bool = False
    responses: int = 0
    answers: int = 0
    comments: int = 0
    journey: dict[str, SurveyFigure] = {}
    touchpoints: list[VoiceTouchpoint] = []
    stages: list[VoiceStage] = []
    trend: dict[str, list[dict[str, Any]]] = {}
    breakdown: dict[str, Any] | None = None
    terms: dict[str, dict[str, list[dict[str, Any]]]] = {}
    survey_responses: dict[int, int] = {}


def _localized(ctx: Context, report: VoiceReport) -> VoiceReport:
    """Each period of the trend (and of a breakdown by period) named in the reader's calendar and language."""

    def named(start: str) -> str:
        return period_label(start, report.period, report.calendar, ctx.lang)

    trend = {k: [r | {"label": named(r["period"])} for r in rows] for k, rows in report.trend.items()}
    breakdown = report.breakdown
    if breakdown is not None and breakdown.get("by") == "period":
        breakdown = breakdown | {"rows": [r | {"label": named(r["group"])} for r in breakdown["rows"]]}
    return report.model_copy(update={"trend": trend, "breakdown": breakdown})


@same_in_every_language(_localized, periods=True, events=False)  # survey answers and comments, never events
def voice(
    ctx: Context,
    map_id: int,
    *,
    by: str | None = None,
    period: str = "month",
    min_n: int = 30,
) -> VoiceReport:
    """NPS, CSAT, CES, sentiment and the measured emotion of ``map_id``, with a breakdown ``by`` channel,
    period or ``segment:ATTRIBUTE`` and the trend per ``period``; responses per survey of the map."""
    from safar.surveys import Surveys
    from safar.voice.report import BREAKDOWNS, voice_report
    from safar.voice.responses import response_counts

    if by is not None and by not in ("channel", "period") and not (by.startswith("segment:") and by[8:]):
        raise InputError("voice.bad_breakdown", value=by, allowed=list(BREAKDOWNS))
    check_period(period)
    journey = ctx.workspace.get_map(map_id).document
    surveys = Surveys(ctx.workspace).list(map_id)
    calendar = ctx.calendar
    head = {"map": map_id, "title": journey.title, "period": period, "calendar": calendar.system}
    if not ctx.has_warehouse():
        return VoiceReport.model_validate(head | {"survey_responses": {s.id: 0 for s in surveys}})
    pairs = [(s.id, s.survey) for s in surveys]
    with ctx.warehouse() as warehouse:
        found = voice_report(
            warehouse, map_id, journey, pairs, by=by, period=period, min_n=min_n, calendar=calendar
        )
        counts = response_counts(warehouse, [s.id for s in surveys])

    return VoiceReport.model_validate(
        found
        | head
        | {
            "measured": True,
            "journey": survey_figures(found["journey"]),
            "touchpoints": [_with_figures(row) for row in found["touchpoints"]],
            "stages": [_with_figures(row) for row in found["stages"]],
            "survey_responses": {s.id: int(counts.get(s.id, 0)) for s in surveys},
        }
    )


def _with_figures(row: dict[str, Any]) -> dict[str, Any]:
    return row | {"metrics": survey_figures(row["metrics"])}
