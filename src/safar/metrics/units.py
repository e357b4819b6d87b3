"""The time units a key metric may be written in (its ``unit``), in seconds: one table for the value's
scale (safar.kpis.values) and its reading (safar.metrics.readings).

>>> seconds_per("Minutes"), seconds_per("دقیقه"), seconds_per("%")
(60, 60, 1)
"""

from __future__ import annotations

TIME_UNITS = {
    **dict.fromkeys(("s", "sec", "second", "seconds", "ثانیه"), 1),
    **dict.fromkeys(("min", "minute", "minutes", "دقیقه"), 60),
    **dict.fromkeys(("h", "hour", "hours", "ساعت"), 3600),
    **dict.fromkeys(("d", "day", "days", "روز"), 86400),
}


def seconds_per(unit: str) -> int:
    """Seconds in one ``unit`` (1 for a unit that is not a time: the value stays in seconds)."""
    return TIME_UNITS.get(unit.strip().lower(), 1)
