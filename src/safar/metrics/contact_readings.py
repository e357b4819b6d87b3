"""The readings of the contact-centre key metrics (:mod:`safar.kpis.contact`): a share of contacts with its
Wilson interval, or a mean time in the metric's unit, each linked to the glossary entry that explains it
(:func:`safar.metrics.readings.read_kpi` hands them here).

>>> read_contact_kpi("service_level", "en", value=60.0, n=5, scope="the sales line").term
'service_level'
"""

from __future__ import annotations

from safar.i18n import translate
from safar.i18n.units import format_duration
from safar.metrics.readings import Period, Reading, _join, _period, _share, interval_sentence
from safar.metrics.units import seconds_per

# The contact-centre key metrics (safar.kpis.contact) and the glossary entry that explains each.
CONTACT_TERMS = {
    "service_level": "service_level",
    "abandonment_rate": "abandonment",
    "first_contact_resolution": "first_contact_resolution",
    "repeat_share": "repeat_contacts",
    "transfer_rate": "transfers",
    "speed_of_answer": "speed_of_answer",
    "handle_time": "handle_time",
}


def read_contact_kpi(
    kind: str,
    lang: str,
    *,
    value: float | None,
    n: int,
    scope: str,
    period: Period = None,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
) -> Reading:
    """A contact-centre key metric: a share in percent of ``n`` contacts with its Wilson interval, or a
    mean time (speed of answer, handle time) in the metric's ``unit``."""
    if kind in ("speed_of_answer", "handle_time"):
        seconds = None if value is None else value * seconds_per(unit)
        shown = format_duration(seconds, lang)
        text = translate(
            f"reading.kpi.{kind}", lang, value=shown, n=n, scope=scope, period=_period(period, lang)
        )
        return Reading(CONTACT_TERMS[kind], text)
    share = None if value is None else value / 100
    text = translate(
        f"reading.kpi.{kind}", lang, value=_share(share, lang), n=n, scope=scope, period=_period(period, lang)
    )
    return Reading(
        CONTACT_TERMS[kind], _join(text, interval_sentence(low, high, lang, method="wilson", suffix="%"))
    )
