"""Durations as a person reads them, in the page, the reading of a figure and the terminal: seconds,
minutes, hours or days, never raw seconds (percentages: :func:`safar.i18n.format_percent`).

>>> format_duration(5400, "en"), format_duration(200_000, "en"), format_duration(None, "en")
('1.5 h', '2.3 days', '—')
>>> format_duration(5400, "fa") == "۱٫۵ ساعت", format_duration(86400 * 3, "en")
(True, '3 days')
"""

from __future__ import annotations

import math

from safar.i18n import translate

MINUTE, HOUR, DAY = 60, 3600, 86400


def format_duration(seconds: float | None, lang: str) -> str:
    """``seconds`` in the largest unit that keeps it readable: s below a minute, min below an hour,
    h below a day (one decimal below ten), days with one decimal; a dash when missing."""
    if seconds is None or not math.isfinite(seconds):
        return "—"
    if seconds < MINUTE:
        return translate("unit.seconds", lang, n=round(seconds))
    if seconds < HOUR:
        return translate("unit.minutes", lang, n=round(seconds / MINUTE))
    if seconds < DAY:
        hours = seconds / HOUR
        return translate("unit.hours", lang, n=_tidy(hours) if hours < 10 else round(hours))
    return translate("unit.days", lang, n=_tidy(seconds / DAY))


def _tidy(value: float) -> float | int:
    """One decimal, none when it is zero (``2`` rather than ``2.0``)."""
    rounded = round(value, 1)
    return int(rounded) if rounded.is_integer() else rounded
