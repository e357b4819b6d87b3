"""The reading of a figure (خوانش عدد): what it counts, over whom, for which period, from how many (n) and
what its interval means, in plain Persian or English, built from the figure's own values.

One function per kind of figure; :func:`read` picks it by name (the web templates' ``reading`` macro,
``_reading.html``). The definitions read are this package's (:mod:`safar.metrics.survey`,
:mod:`safar.metrics.behaviour`) and the interval methods those modules use: NPS a normal (Wald) interval,
CSAT and shares Wilson, CES Student t, driver weights bootstrap, odds ratios Woolf. Every number goes
through :func:`safar.i18n.format_number` / :func:`safar.i18n.format_interval`; every word through the
catalogue (``reading.*``). Each reading names its glossary entry (``term``, an anchor of ``/glossary``).

>>> r = read_survey("csat", "en", value=75.0, n=40, low=59.8, high=85.8)
>>> r.term
'csat'
>>> print(r.text)  # doctest: +NORMALIZE_WHITESPACE
CSAT 75.0% over the whole journey, over all the data loaded: the percentage of 40 answers on the
satisfaction scale 1–5 that are in its top 2 points (4 or more). Interval 59.8% to 85.8%: with 95%
confidence the true value lies in this range (Wilson score interval); more data make it narrower.
>>> print(read_survey("nps", "en", value=100.0, n=1, scope="Checkout").text)  # doctest: +NORMALIZE_WHITESPACE
NPS 100.0 at «Checkout», over all the data loaded: of 1 answers to the recommendation question (0–10),
the percentage of promoters (9 or more) minus the percentage of detractors (6 or less). It runs from −100
to +100. No interval: with fewer than 2 answers the figure cannot say how far it may be from the true
value. Fewer than 30 answers: a small sample; read the figure with care.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from safar.i18n import format_datetime, format_day, format_interval, format_number, format_percent, translate
from safar.i18n.units import format_duration
from safar.metrics.survey import (
    CES_SCALE,
    CSAT_SCALE,
    CSAT_TOP,
    DETRACTOR_MAX,
    MIN_N,
    NPS_SCALE,
    PROMOTER_MIN,
    top_box_min,
)
from safar.metrics.units import seconds_per

SurveyKind = Literal["nps", "csat", "ces"]
Method = Literal["wald", "wilson", "t", "bootstrap", "woolf"]
# The interval each survey metric uses (metrics/survey.py).
SURVEY_METHOD: dict[str, Method] = {"nps": "wald", "csat": "wilson", "ces": "t"}
SURVEY_SCALE = {"nps": NPS_SCALE, "csat": CSAT_SCALE, "ces": CES_SCALE}
# The metrics an alert measures (alerts/measure.py ``metric_name``).
ALERT_METRICS = (
    "nps",
    "csat_top2",
    "conversion",
    "unanswered_share",
    "negative_share",
    "unanswered_questions",
)


@dataclass(frozen=True)
class Reading:
    """A figure's reading: the sentence and the glossary entry (``/glossary#<term>``) that explains its words."""

    term: str
    text: str


def _where(scope: str | None, lang: str) -> str:
    return (
        translate("reading.where.at", lang, scope=scope)
        if scope
        else translate("reading.where.journey", lang)
    )


Period = str | tuple[dt.datetime, dt.datetime] | None
"""A period: the ISO day it starts, or the first and last event time of the data in scope (UTC), or all."""


def _period(period: Period, lang: str) -> str:
    """The period in words, dates in the reader's calendar and time zone (Jalali in Persian).

    >>> _period((dt.datetime(2026, 3, 20, 20, 30), dt.datetime(2026, 4, 1, 8)), "fa")
    'در داده‌های ۱۴۰۵/۰۱/۰۱ ۰۰:۰۰ تا ۱۴۰۵/۰۱/۱۲ ۱۱:۳۰ (نخستین و واپسین رویداد آن)'
    """
    from safar.i18n.numbers import display_timezone

    return _period_in(period, lang, display_timezone(lang))


@functools.lru_cache(maxsize=1024)
def _period_in(period: Period, lang: str, tz: str) -> str:
    """:func:`_period` in the zone ``tz``, kept: every figure of a page reads the same period (85 a canvas)."""
    if not period:
        return translate("reading.period.all", lang)
    if isinstance(period, tuple):
        first, last = (format_datetime(moment, lang, tz) for moment in period)
        return translate("reading.period.between", lang, first=first, last=last)
    return translate("reading.period.from", lang, period=format_day(period, lang))


def _period_sentence(period: Period, lang: str) -> str:
    """The period as a sentence of its own, for readings whose message does not name it (none without one)."""
    return translate("reading.period.of_data", lang, period=_period(period, lang)) if period else ""


def _share(fraction: float | None, lang: str) -> str:
    """A share 0…1 as a whole percentage."""
    return format_percent(None if fraction is None else fraction * 100, lang, 0)


def _join(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


def interval_sentence(
    low: float | None,
    high: float | None,
    lang: str,
    *,
    method: Method,
    spec: str = ".1f",
    suffix: str = "",
    confidence: float = 0.95,
) -> str:
    """What the interval ``low…high`` means; empty when there is none.

    >>> print(interval_sentence(1.2, 3.4, "en", method="t"))  # doctest: +NORMALIZE_WHITESPACE
    Interval 1.2 to 3.4: with 95% confidence the true value lies in this range (Student's t interval);
    more data make it narrower.
    """
    if format_interval(low, high, lang, spec) == "—":
        return ""
    return translate(
        "reading.interval",
        lang,
        low=format_number(f"{low:{spec}}{suffix}", lang),
        high=format_number(f"{high:{spec}}{suffix}", lang),
        confidence=format_number(f"{confidence * 100:.0f}%", lang),
        method=translate(f"reading.method.{method}", lang),
    )


def _sample(n: int | None, lang: str, *, interval: bool = True) -> str:
    """n < 2: no interval; n < MIN_N: a small sample."""
    if n is None:
        return ""
    no_interval = translate("reading.interval_none", lang) if interval and n < 2 else ""
    small = translate("reading.small_n", lang, min_n=MIN_N) if n < MIN_N else ""
    return _join(no_interval, small)


# --- survey metrics ------------------------------------------------------------------------------------


def read_survey(
    kind: SurveyKind,
    lang: str,
    *,
    value: float | None,
    n: int,
    low: float | None = None,
    high: float | None = None,
    scale: tuple[int, int] | None = None,
    top: int = CSAT_TOP,
    top_box: Sequence[int] | None = None,
    scope: str | None = None,
    period: Period = None,
    confidence: float = 0.95,
) -> Reading:
    """NPS (points), CSAT (percent) or CES (mean) with its n and interval, over ``scope`` (a touchpoint or
    stage name; None: the whole journey) in ``period`` (the ISO day it starts; None: all the data).

    A CSAT figure's ``top_box`` (its answers in the top box, e.g. ``[6, 7]``) gives its scale's top and
    the box's size when ``scale`` is not known."""
    scale_low, scale_high = scale or SURVEY_SCALE[kind]
    if kind == "csat" and top_box and scale is None:
        scale_high, top = max(top_box), len(top_box)
    suffix = "%" if kind == "csat" else ""
    shown = format_number(None if value is None else f"{value:.1f}{suffix}", lang)
    common: dict[str, Any] = {
        "value": shown,
        "n": n,
        "where": _where(scope, lang),
        "period": _period(period, lang),
        "scale_low": scale_low,
        "scale_high": scale_high,
    }
    if kind == "nps":
        head = translate("reading.nps", lang, promoter=PROMOTER_MIN, detractor=DETRACTOR_MAX, **common)
    elif kind == "csat":
        box = top_box_min((scale_low, scale_high), top)
        head = translate("reading.csat", lang, top=top, box_low=box, **common)
    else:
        head = translate("reading.ces", lang, **common)
    spread = (
        ""
        if n < 2
        else interval_sentence(
            low, high, lang, method=SURVEY_METHOD[kind], suffix=suffix, confidence=confidence
        )
    )
    return Reading(kind, _join(head, spread, _sample(n, lang)))


def read_negative_share(
    lang: str,
    *,
    share: float | None,
    n: int,
    scope: str | None = None,
    period: Period = None,
    low: float | None = None,
    high: float | None = None,
) -> Reading:
    """The share (0…1) of ``n`` comments labelled negative; ``low``/``high`` a Wilson interval in percent."""
    text = translate(
        "reading.negative_share",
        lang,
        value=_share(share, lang),
        n=n,
        where=_where(scope, lang),
        period=_period(period, lang),
    )
    return Reading(
        "negative_share", _join(text, interval_sentence(low, high, lang, method="wilson", suffix="%"))
    )


# --- behaviour on the map --------------------------------------------------------------------------------


def read_customers(
    lang: str, *, customers: int, scope: str, events: int | None = None, period: Period = None
) -> Reading:
    """Customers with at least one event bound to ``scope`` (and the events they had there, when known)."""
    if events is None:
        text = translate(
            "reading.customers_plain", lang, value=customers, scope=scope, period=_period(period, lang)
        )
    else:
        text = translate(
            "reading.customers",
            lang,
            value=customers,
            events=events,
            scope=scope,
            period=_period(period, lang),
        )
    return Reading("customers", text)


def read_conversion(
    lang: str,
    *,
    share: float | None,
    n: int,
    scope: str,
    period: Period = None,
    low: float | None = None,
    high: float | None = None,
) -> Reading:
    """Conversion to a later stage: the share (0…1) of the ``n`` customers at ``scope`` who went on;
    ``low``/``high`` a Wilson interval in percent, where the figure has one."""
    text = translate(
        "reading.conversion",
        lang,
        value=_share(share, lang),
        n=n,
        scope=scope,
        period=_period(period, lang),
    )
    return Reading("conversion", _join(text, interval_sentence(low, high, lang, method="wilson", suffix="%")))


def read_dropoff(
    lang: str,
    *,
    share: float | None,
    n: int,
    count: int | None,
    scope: str,
    period: Period = None,
    low: float | None = None,
    high: float | None = None,
) -> Reading:
    """Drop-off: ``count`` of the ``n`` customers at ``scope`` (``share`` 0…1) left the journey there."""
    shown_count = "—" if count is None else format_number(count, lang)
    text = translate(
        "reading.dropoff",
        lang,
        value=_share(share, lang),
        n=n,
        count=shown_count,
        scope=scope,
        period=_period(period, lang),
    )
    return Reading("dropoff", _join(text, interval_sentence(low, high, lang, method="wilson", suffix="%")))


def read_completed(lang: str, *, count: int, scope: str, period: Period = None) -> Reading:
    """Customers whose last step is in the last stage with data: they completed the journey."""
    return Reading(
        "dropoff",
        translate("reading.completed", lang, count=count, scope=scope, period=_period(period, lang)),
    )


def read_completed_share(lang: str, *, count: int, n: int, period: Period = None) -> Reading:
    """Customers (``count`` of all ``n``) whose last step is in the last stage with data."""
    share = count / n if n else None
    text = translate("reading.completed_share", lang, count=count, n=n, value=_share(share, lang))
    return Reading("dropoff", _join(text, _period_sentence(period, lang)))


def read_unobserved(lang: str, *, count: int, n: int, period: Period = None) -> Reading:
    """Customers who stopped before a stage without data: not dropped off, not known to go on."""
    share = count / n if n else None
    text = translate("reading.unobserved", lang, count=count, n=n, value=_share(share, lang))
    return Reading("dropoff", _join(text, _period_sentence(period, lang)))


def read_stopped(lang: str, *, count: int, n: int, scope: str, period: Period = None) -> Reading:
    """ "Where customers stop": ``count`` of all ``n`` customers had their last step at ``scope``."""
    share = count / n if n else None
    text = translate("reading.stopped", lang, count=count, n=n, value=_share(share, lang), scope=scope)
    return Reading("dropoff", _join(text, _period_sentence(period, lang)))


def read_time_to_next(
    lang: str, *, seconds: float | None, scope: str, n: int | None = None, period: Period = None
) -> Reading:
    """The median time from an event at ``scope`` to the customer's next bound event (over ``n`` such steps)."""
    text = translate(
        "reading.time_to_next",
        lang,
        value=format_duration(seconds, lang),
        scope=scope,
        period=_period(period, lang),
    )
    steps = "" if n is None else translate("reading.steps_n", lang, n=n)
    return Reading("time_to_next", _join(text, steps))


def read_funnel(
    lang: str,
    *,
    share: float | None,
    n: int,
    count: int,
    scope: str,
    from_start: bool = True,
    period: Period = None,
) -> Reading:
    """A funnel step: ``count`` customers reached ``scope``, ``share`` (0…1) of the ``n`` who entered the
    first stage (``from_start``) or of the ``n`` of the previous stage."""
    value = _share(share, lang)
    if from_start:
        text = translate(
            "reading.funnel_start",
            lang,
            value=value,
            n=n,
            count=count,
            scope=scope,
            period=_period(period, lang),
        )
    else:
        text = translate("reading.funnel_previous", lang, value=value, n=n, count=count, scope=scope)
        text = _join(text, _period_sentence(period, lang))
    return Reading("funnel", text)


# --- insights -----------------------------------------------------------------------------------------


def read_r2(lang: str, *, r2: float | None, n: int) -> Reading:
    """R² of the drivers' model over ``n`` respondents."""
    return Reading("r2", _join(translate("reading.r2", lang, value=format_number(r2, lang, ".3f"), n=n)))


def read_importance(
    lang: str,
    *,
    importance: float | None,
    share: float | None,
    scope: str,
    low: float | None = None,
    high: float | None = None,
) -> Reading:
    """A driver's Johnson relative weight (its part of R²), its share of R² and its bootstrap interval."""
    text = translate(
        "reading.importance",
        lang,
        value=format_number(importance, lang, ".4f"),
        share=_share(share, lang),
        scope=scope,
    )
    return Reading(
        "relative_weights", _join(text, interval_sentence(low, high, lang, method="bootstrap", spec=".4f"))
    )


def read_gap(
    lang: str,
    *,
    gap: float | None,
    n: int,
    scope: str,
    low: float | None = None,
    high: float | None = None,
) -> Reading:
    """The expectation gap (perception − expectation) at ``scope`` with its t interval."""
    text = translate("reading.gap", lang, value=format_number(gap, lang, ".2f"), n=n, scope=scope)
    spread = "" if n < 2 else interval_sentence(low, high, lang, method="t", spec=".2f")
    return Reading("gap", _join(text, spread, _sample(n, lang)))


def read_p_value(lang: str, *, p: float | None) -> Reading:
    """A p-value in words."""
    return Reading("p_value", translate("reading.p_value", lang, value=_p(p, lang)))


def read_q_value(lang: str, *, q: float | None) -> Reading:
    """A Benjamini–Hochberg q value in words."""
    return Reading("q_value", translate("reading.q_value", lang, value=_p(q, lang)))


def read_dz(lang: str, *, dz: float | None) -> Reading:
    """Cohen's dz of the paired gaps in words."""
    return Reading("dz", translate("reading.dz", lang, value=format_number(dz, lang, ".2f")))


def read_odds_ratio(
    lang: str,
    *,
    odds_ratio: float | None,
    with_n: int,
    without_n: int,
    scope: str,
    low: float | None = None,
    high: float | None = None,
) -> Reading:
    """The odds ratio of the outcome for customers who had ``scope`` against those who did not (Woolf interval)."""
    text = translate(
        "reading.odds_ratio",
        lang,
        value=format_number(odds_ratio, lang, ".2f"),
        with_n=with_n,
        without_n=without_n,
        scope=scope,
    )
    return Reading("odds_ratio", _join(text, interval_sentence(low, high, lang, method="woolf", spec=".2f")))


def _p(p: float | None, lang: str) -> str:
    """``= 0.0123`` or ``< 0.0001``: the relation and the value, as a page shows a p or q value."""
    if p is None:
        return "—"
    if p < 0.0001:
        return format_number("< 0.0001", lang)
    return format_number(f"= {p:.4f}", lang)


# --- alerts and key metrics ---------------------------------------------------------------------------


def read_alert(
    lang: str,
    *,
    metric: str,
    scope: str,
    baseline: float | None,
    recent: float | None,
    baseline_n: int,
    recent_n: int,
    p: float | None,
) -> Reading:
    """An alert's comparison: ``metric`` (``nps``: −1…1; else a share 0…1) in the baseline and recent windows
    (the metrics of :func:`safar.alerts.measure.metric_name`)."""

    def show(v: float | None) -> str:
        if metric == "nps":
            return format_number(None if v is None else v * 100, lang, "+.0f")
        return _share(v, lang)

    text = translate(
        "reading.alert",
        lang,
        metric=translate(f"reading.metric.{metric if metric in ALERT_METRICS else 'other'}", lang),
        scope=scope,
        baseline=show(baseline),
        recent=show(recent),
        baseline_n=baseline_n,
        recent_n=recent_n,
        p=_p(p, lang),
    )
    return Reading("ztest", text)


def read_priority(
    lang: str, *, priority: float | None, score: float | None, coverage: float | None
) -> Reading:
    """An opportunity's priority = score × evidence coverage (coverage 0…1)."""
    text = translate(
        "reading.priority",
        lang,
        priority=format_number(priority, lang, ".3f"),
        score=format_number(score, lang, ".3f"),
        coverage=_share(coverage, lang),
    )
    return Reading("priority", text)


def read_kpi(
    lang: str,
    *,
    kind: str,
    value: float | None,
    n: int,
    scope: str | None,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
    period: Period = None,
) -> Reading:
    """A key metric by what it measures (``kind``: a :class:`safar.model.journey.MeasureKind` value); its
    value in the metric's own unit (shares in percent, times in ``unit``, survey metrics as defined)."""
    kind = str(kind)
    place = scope or translate("reading.where.journey", lang)
    if kind in ("nps", "csat", "ces"):
        survey_kind: SurveyKind = kind  # type: ignore[assignment]
        return read_survey(
            survey_kind, lang, value=value, n=n, low=low, high=high, scope=scope, period=period
        )
    share = None if value is None else value / 100
    if kind == "conversion":
        return read_conversion(lang, share=share, n=n, scope=place, period=period, low=low, high=high)
    if kind == "dropoff":
        count = None if share is None else round(share * n)
        return read_dropoff(
            lang, share=share, n=n, count=count, scope=place, period=period, low=low, high=high
        )
    if kind == "negative_share":
        return read_negative_share(lang, share=share, n=n, scope=scope, period=period, low=low, high=high)
    from safar.metrics.contact_readings import CONTACT_TERMS, read_contact_kpi

    if kind in CONTACT_TERMS:
        return read_contact_kpi(
            kind, lang, value=value, n=n, scope=place, period=period, low=low, high=high, unit=unit
        )
    if kind == "median_time_to_next":
        seconds = None if value is None else value * seconds_per(unit)
        return read_time_to_next(lang, seconds=seconds, scope=place, n=n, period=period)
    return read_customers(lang, customers=int(value or 0), scope=place, period=period)


READERS: dict[str, Callable[..., Reading]] = {
    "negative_share": read_negative_share,
    "customers": read_customers,
    "conversion": read_conversion,
    "dropoff": read_dropoff,
    "completed": read_completed,
    "completed_share": read_completed_share,
    "unobserved": read_unobserved,
    "stopped": read_stopped,
    "time_to_next": read_time_to_next,
    "funnel": read_funnel,
    "r2": read_r2,
    "importance": read_importance,
    "gap": read_gap,
    "p_value": read_p_value,
    "q_value": read_q_value,
    "dz": read_dz,
    "odds_ratio": read_odds_ratio,
    "alert": read_alert,
    "priority": read_priority,
    "kpi": read_kpi,
}


def read(kind: str, lang: str, /, **values: Any) -> Reading:
    """The reading of a figure of ``kind`` (``nps``, ``csat``, ``ces`` or a key of :data:`READERS`).

    >>> read("dz", "en", dz=0.5).text.startswith("Cohen's dz 0.50")
    True
    """
    if kind in SURVEY_METHOD:
        return read_survey(kind, lang, **values)  # type: ignore[arg-type]
    return READERS[kind](lang, **values)
