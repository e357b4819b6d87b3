"""The canvas's numbers as the exports print them, and what an export says about itself.

The numbers come from the canvas's own result (:class:`safar.services.overlay.Canvas`, kept and read by
:func:`safar.services.results.current`); this module only formats them, in the reader's language, as the
canvas page does: Persian digits, ``٪``, a dash for a missing value, never ``nan``.

>>> from safar.services.overlay import Canvas, TouchpointFigures
>>> figures = Canvas(map=1, revision=1, datasets=["d"], dataset="d", customers=10, touchpoints={
...     "a": TouchpointFigures(stage="s", touchpoint="a", events=12, customers=10, conversion_to_next_stage=0.8,
...         dropoff=2, dropoff_share=0.2, completed=0, median_seconds_to_next=5400)})
>>> behaviour(figures, "a", "en")
{'customers': '10 (12)', 'conversion': '80%', 'dropoff': '20% (2)', 'time': '1.5 h'}
>>> behaviour(figures, "a", "fa")["dropoff"] == "۲۰٪ (۲)", behaviour(figures, "b", "en")
(True, {})
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from safar.i18n import format_datetime, format_day, format_number, format_percent, translate
from safar.i18n.units import format_duration
from safar.model import LaneFigure

if TYPE_CHECKING:
    from safar.services.overlay import Canvas

# The map's text lanes (a touchpoint's attributes and lists) and the service blueprint's, in the order every
# export prints them, with their labels (the canvas page's).
TEXT_LANES = (
    ("description", "attr.description"),
    ("customer_activity", "attr.customer_activity"),
    ("questions", "web.questions"),
    ("experience", "attr.experience"),
    ("expectations", "attr.expectations"),
    ("pain_points", "attr.pain_points"),
    ("opportunities", "attr.opportunities"),
    ("owner", "attr.owner"),
)
BLUEPRINT_LANES = (
    ("frontstage", "web.frontstage"),
    ("backstage", "web.backstage"),
    ("support", "web.support"),
)

# What the behaviour lanes show, in order, with their labels (the canvas page's).
BEHAVIOUR = (
    ("customers", "web.lane_customers"),
    ("conversion", "web.lane_conversion"),
    ("dropoff", "web.lane_dropoff"),
    ("time", "web.lane_time"),
)


@dataclass(frozen=True)
class About:
    """What an export says about itself: which map and revision, when it was made, from which data."""

    map_id: int
    revision: int
    exported_at: datetime
    dataset: str | None = None
    customers: int | None = None
    first: datetime | None = None
    last: datetime | None = None
    note: str | None = None  # why the map's data could not be read (the error's message)

    def span(self, lang: str) -> str:
        """The data's first and last day, ``—`` without data."""
        if self.first is None or self.last is None:
            return "—"
        return f"{format_day(self.first.date(), lang)} – {format_day(self.last.date(), lang)}"

    def when(self, lang: str) -> str:
        return format_datetime(self.exported_at, lang)


def pct(share: float | None, lang: str) -> str:
    """A share 0…1 in whole percent, as the canvas shows it."""
    return format_percent(None if share is None else share * 100, lang, 0)


def behaviour(figures: Canvas | None, touchpoint: str, lang: str) -> dict[str, str]:
    """A touchpoint's behaviour figures (the keys of :data:`BEHAVIOUR`); empty without data for it."""
    row = figures.touchpoints.get(touchpoint) if figures is not None else None
    if row is None:
        return {}
    if row.conversion_to_next_stage is None and row.completed:
        left = f"{translate('web.completed', lang)} ({format_number(row.completed, lang)})"
    else:
        left = f"{pct(row.dropoff_share, lang)} ({format_number(row.dropoff, lang)})"
    return {
        "customers": f"{format_number(row.customers, lang)} ({format_number(row.events, lang)})",
        "conversion": pct(row.conversion_to_next_stage, lang),
        "dropoff": left,
        "time": format_duration(row.median_seconds_to_next, lang),
    }


def voice(figures: Canvas | None, touchpoint: str, lang: str) -> list[str]:
    """A touchpoint's voice, one line a figure: NPS, CSAT and CES with their n, the comments and their
    negative share, and the gap between measured and assumed emotion when the canvas flags it."""
    said = figures.voice.get(touchpoint) if figures is not None else None
    if said is None:
        return []
    lines = []
    for key, spec in (("nps", ".0f"), ("csat", "%"), ("ces", ".1f")):
        figure = said.metrics.get(key)
        if figure is None:
            continue
        value = (
            format_percent(figure.value, lang, 0) if spec == "%" else format_number(figure.value, lang, spec)
        )
        lines.append(f"{key.upper()} {value} (n={format_number(figure.n, lang)})")
    if said.comments:
        lines.append(
            translate("web.voice_cell", lang, n=said.comments, negative=pct(said.negative_share, lang))
        )
    if said.flagged and said.measured_emotion is not None and said.assumed_emotion is not None:
        measured = format_number(said.measured_emotion, lang, "+.1f")
        assumed = format_number(said.assumed_emotion, lang, "+d")
        lines.append(translate("export.emotion_gap", lang, measured=measured, assumed=assumed))
    return lines


def measured(figures: Canvas | None) -> dict[str, float]:
    """The emotion measured from customers per touchpoint (−2…+2), where there is one."""
    if figures is None:
        return {}
    return {tp: v.measured_emotion for tp, v in figures.voice.items() if v.measured_emotion is not None}


def figure_of(figures: Canvas | None, figure: LaneFigure, touchpoint: str) -> float | None:
    """A figure lane's value at ``touchpoint``, read off the canvas's own result (the same numbers as its
    data lanes and voice chips); ``None`` where there is none.

    >>> from safar.services.overlay import Canvas, TouchpointFigures
    >>> figures = Canvas(map=1, revision=1, datasets=["d"], dataset="d", customers=10, touchpoints={
    ...     "a": TouchpointFigures(stage="s", touchpoint="a", events=12, customers=10, conversion_to_next_stage=0.8,
    ...         dropoff=2, dropoff_share=0.2, completed=0, median_seconds_to_next=5400)})
    >>> figure_of(figures, LaneFigure.CONVERSION, "a"), figure_of(figures, LaneFigure.NPS, "a")
    (0.8, None)
    """
    if figures is None:
        return None
    row = figures.touchpoints.get(touchpoint)
    said = figures.voice.get(touchpoint)
    match figure:
        case LaneFigure.CUSTOMERS:
            return None if row is None else float(row.customers)
        case LaneFigure.CONVERSION:
            return None if row is None else row.conversion_to_next_stage
        case LaneFigure.DROPOFF:
            return None if row is None or row.conversion_to_next_stage is None else row.dropoff_share
        case LaneFigure.TIME_TO_NEXT:
            return None if row is None else row.median_seconds_to_next
        case LaneFigure.NEGATIVE_SHARE:
            return None if said is None or not said.comments else said.negative_share
    metric = said.metrics.get(figure.value) if said is not None else None
    return None if metric is None else metric.value


def figure_text(figure: LaneFigure, value: float | None, lang: str) -> str:
    """A figure lane's value as the canvas writes that figure elsewhere (a dash without one).

    >>> figure_text(LaneFigure.CONVERSION, 0.8, "fa"), figure_text(LaneFigure.NPS, -12.4, "en")
    ('۸۰٪', '-12')
    """
    if value is None:
        return "—"
    match figure:
        case LaneFigure.CONVERSION | LaneFigure.DROPOFF | LaneFigure.NEGATIVE_SHARE:
            return pct(value, lang)
        case LaneFigure.TIME_TO_NEXT:
            return format_duration(value, lang)
        case LaneFigure.CSAT:
            return format_percent(value, lang, 0)
        case LaneFigure.CES:
            return format_number(value, lang, ".1f")
        case LaneFigure.NPS:
            return format_number(value, lang, ".0f")
    return format_number(round(value), lang)  # customers
