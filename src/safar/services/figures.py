"""The figures several screens share, as typed results: a survey metric and a share with its interval.

Every screen that shows an NPS, CSAT or CES shows a :class:`SurveyFigure` made by
:func:`safar.voice.groups.metric_by` (definitions: :mod:`safar.metrics.survey`); every share of customers
(conversion, drop-off) measured by :mod:`safar.kpis.measures` is a :class:`ShareFigure` in percent.

>>> SurveyFigure.model_validate({"metric": "nps", "value": 12.5, "n": 40, "ci_low": 1.0, "ci_high": 24.0,
...     "small_n": False}).value
12.5
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, field_validator

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from safar.model import JourneyMap


class SurveyFigure(BaseModel):
    """NPS (points), CSAT (% top box) or CES (mean effort) of some answers, with n and its interval."""

    metric: str
    value: float
    n: int
    ci_low: float | None = None
    ci_high: float | None = None
    confidence: float = 0.95
    missing: int = 0
    min_n: int = 30
    small_n: bool = False
    promoters: int | None = None
    passives: int | None = None
    detractors: int | None = None
    satisfied: int | None = None
    top_box: list[int] | None = None
    sd: float | None = None


class ShareFigure(BaseModel):
    """A share of customers in percent (``value`` None when there is none), of ``n`` customers, with its
    Wilson interval (``low``, ``high``)."""

    value: float | None
    n: int
    low: float | None = None
    high: float | None = None


def survey_figures(found: dict[str, dict[str, Any]]) -> dict[str, SurveyFigure]:
    """Metric name → figure, from the rows :func:`safar.voice.touchpoints.metrics_by` gives."""
    return {metric: SurveyFigure.model_validate(row) for metric, row in found.items()}


def share_figure(rows: list[dict[str, Any]]) -> ShareFigure:
    """The one row of an unperiodised :func:`safar.kpis.measures.events_measure`."""
    if not rows:
        return ShareFigure(value=None, n=0)
    row = rows[0]
    return ShareFigure(value=row["value"], n=int(row["n"]), low=row.get("low"), high=row.get("high"))


class DataPeriod(BaseModel):
    """The first and the last event time (UTC) of the data a screen's figures count: its readings' period."""

    first: dt.datetime
    last: dt.datetime

    @field_validator("first", "last")
    @classmethod
    def _in_utc(cls, value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)

    def span(self) -> tuple[dt.datetime, dt.datetime]:
        return self.first, self.last


def bound_period(
    events: ir.Table, journey: JourneyMap, *, steps: ir.Table | None = None
) -> DataPeriod | None:
    """The period of the events bound to ``journey``'s touchpoints (the events the map's figures count);
    ``steps``: those events' kept steps (:mod:`safar.analytics.kept`), read instead of binding them again."""
    from safar.analytics.conformance import on_map

    on = steps if steps is not None else on_map(events, journey)
    found = on.aggregate(first=on.ts.min(), last=on.ts.max()).to_pyarrow().to_pylist()[0]
    return None if found["first"] is None else DataPeriod.model_validate(found)
