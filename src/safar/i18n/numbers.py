"""Persian digits and Jalali/Gregorian date display.

>>> to_persian_digits("12.5%")
'۱۲٫۵٪'
>>> from datetime import datetime, UTC
>>> format_datetime(datetime(2026, 3, 21, 8, 30, tzinfo=UTC), "fa", "Asia/Tehran")
'۱۴۰۵/۰۱/۰۱ ۱۲:۰۰'
>>> format_datetime(datetime(2026, 3, 21, 8, 30, tzinfo=UTC), "en", "UTC")
'2026-03-21 08:30'
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import jdatetime

_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def to_persian_digits(text: str, keep: tuple[str, str] | None = None) -> str:
    """Latin digits to Persian ones; a decimal point between digits and ``%`` become Persian marks too.

    Text inside backticks (commands the user should type) keeps Latin digits, and
    so does text between the two ``keep`` marks, which are removed.
    """
    if keep is not None:
        open_, close = keep
        pieces = text.split(open_)
        out = [to_persian_digits(pieces[0])]
        for piece in pieces[1:]:
            kept, _, rest = piece.partition(close)
            out.append(kept + to_persian_digits(rest))
        return "".join(out)
    parts = text.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = _localise_segment(parts[i])
    return "`".join(parts)


def _localise_segment(segment: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(segment):
        if ch == "." and 0 < i < len(segment) - 1 and segment[i - 1].isdigit() and segment[i + 1].isdigit():
            out.append("٫")
        elif ch == "%" and i > 0 and segment[i - 1].isdigit():
            out.append("٪")
        else:
            out.append(ch)
    return "".join(out).translate(_FA_DIGITS)


def display_timezone(lang: str) -> str:
    """``SAFAR_TZ`` when set; otherwise Tehran time for Persian and UTC for English."""
    return os.environ.get("SAFAR_TZ") or ("Asia/Tehran" if lang == "fa" else "UTC")


def format_datetime(moment: datetime, lang: str, tz: str | None = None) -> str:
    """A stored UTC moment as the user reads it: Jalali with Persian digits in Persian."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(ZoneInfo(tz or display_timezone(lang)))
    if lang == "fa":
        jalali = jdatetime.datetime.fromgregorian(datetime=local)
        return to_persian_digits(jalali.strftime("%Y/%m/%d %H:%M"))
    return local.strftime("%Y-%m-%d %H:%M")


def format_day(value: date | str, lang: str) -> str:
    """A calendar day (or the start of a period) as the user reads it: Jalali with Persian digits in Persian.

    >>> format_day("2026-03-21", "fa"), format_day("2026-03-21", "en")
    ('۱۴۰۵/۰۱/۰۱', '2026-03-21')
    """
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if lang == "fa":
        return to_persian_digits(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))
    return day.isoformat()
