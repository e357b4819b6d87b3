"""Persian digits, numbers that survive right-to-left text, and Jalali/Gregorian date display.

>>> to_persian_digits("12.5%")
'۱۲٫۵٪'
>>> to_persian_digits("n=600, -21.4…29.4") == "n=۶۰۰, \u2068-۲۱٫۴…۲۹٫۴\u2069"
True
>>> from datetime import datetime, UTC
>>> format_datetime(datetime(2026, 3, 21, 8, 30, tzinfo=UTC), "fa", "Asia/Tehran")
'۱۴۰۵/۰۱/۰۱ ۱۲:۰۰'
>>> format_datetime(datetime(2026, 3, 21, 8, 30, tzinfo=UTC), "en", "UTC")
'2026-03-21 08:30'
"""

from __future__ import annotations

import math
import os
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import jdatetime

_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_FA_MARKS = str.maketrans("0123456789%", "۰۱۲۳۴۵۶۷۸۹٪")
_POINT = re.compile(r"(?<=.)\.(?=.)", re.DOTALL)  # a point with a character on each side
# In right-to-left text a signed number ("-21.4") or an interval ("1.2…3.4", "1–7") is reordered by the
# bidi algorithm ("n=600-"); wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE it reads as written.
FSI, PDI = "\u2068", "\u2069"
_NUM = r"[0-9۰-۹][0-9۰-۹.,٫٬]*[%٪]?"
_BIDI_FRAGILE = re.compile(
    rf"(?<![\w)\u2068])[-−+]{_NUM}(?:\s*[…–]\s*[-−+]?{_NUM})?|(?<![\w\u2068]){_NUM}\s*[…–]\s*[-−+]?{_NUM}"
)


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
    if "." in segment:  # a decimal point between two digits (a page's text has thousands of characters)
        segment = _POINT.sub(
            lambda m: "٫" if segment[m.start() - 1].isdigit() and segment[m.start() + 1].isdigit() else ".",
            segment,
        )
    return isolate_numbers(segment.translate(_FA_MARKS))


def isolate_numbers(text: str) -> str:
    """Signed numbers and intervals in ``text`` wrapped in Unicode isolates, so right-to-left text keeps them whole.

    >>> isolate_numbers("از −۲ تا +۲") == "از \u2068−۲\u2069 تا \u2068+۲\u2069"
    True
    """
    return _BIDI_FRAGILE.sub(lambda m: f"{FSI}{m.group()}{PDI}", text)


def format_number(value: object, lang: str, spec: str = "") -> str:
    """One number as the reader reads it: Persian digits, ``٫`` and ``٪`` and bidi isolation in Persian;
    a missing or undefined value (None, NaN, infinity) is a dash, never ``nan``.

    >>> format_number(-0.256, "fa", "+.2f") == "\u2068-۰٫۲۶\u2069", format_number(12.5, "en", ".1f")
    (True, '12.5')
    >>> format_number(float("nan"), "fa"), format_number(None, "en")
    ('—', '—')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    text = value if isinstance(value, str) else format(value, spec)
    return to_persian_digits(text) if lang == "fa" else text


def format_target(value: float, unit: str, lang: str) -> str:
    """A key metric's target as a map states it: at most two decimals and none when it is whole, then its
    unit (``%`` attached, as ``٪`` in Persian).

    >>> format_target(40.0, "امتیاز", "fa") == "۴۰ امتیاز", format_target(25.0, "%", "fa") == "۲۵٪"
    (True, True)
    >>> format_target(2.5, "", "en"), format_target(0.125, "s", "en")
    ('2.5', '0.12 s')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return format_number(text + ("%" if unit == "%" else f" {unit}" if unit else ""), lang)


def format_percent(value: float | None, lang: str, digits: int = 1) -> str:
    """A value in percent (0…100) with ``digits`` decimals and its sign attached: ``87.3%`` in English,
    ``۸۷٫۳٪`` in Persian (never a Latin ``%``, never a space before it); a dash when missing.

    The one percent formatter: pages, SVG, PDF and the terminal all write percentages through it.

    >>> format_percent(87.25, "fa") == "۸۷٫۲٪", format_percent(87.25, "en", 0), format_percent(None, "fa")
    (True, '87%', '—')
    >>> format_percent(-4.0, "fa", 0) == "\u2068-۴٪\u2069"
    True
    """
    if value is None or not math.isfinite(value):
        return "—"
    return format_number(f"{value:.{digits}f}%", lang)


def _unsigned_zero(text: str) -> str:
    """``-0.0`` (a small negative rounded to nothing) as ``0.0``: a zero has no sign."""
    return text[1:] if text.startswith("-") and not any(ch in "123456789" for ch in text) else text


def format_interval(low: float | None, high: float | None, lang: str, spec: str = ".1f") -> str:
    """``low…high`` isolated as one piece in Persian; a dash when either end is missing.

    >>> format_interval(-1.25, 3.5, "fa") == "\u2068-۱٫۲…۳٫۵\u2069", format_interval(1, None, "en")
    (True, '—')
    >>> format_interval(-0.0004, 16.7, "en")
    '0.0…16.7'
    """
    ends = [_unsigned_zero(format_number(v, "en", spec)) for v in (low, high)]
    if "—" in ends:
        return "—"
    text = "…".join(ends)
    return to_persian_digits(text) if lang == "fa" else text


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
