"""The name of a period as a report shows it: Jalali months, seasons and Saturday weeks, or Gregorian ones.

A period is given by its first day (a Gregorian date, as :func:`safar.events.periods.with_period` gives
it), its length and the calendar it was cut in; the words come from the catalogue in the reader's
language, the digits are Persian in Persian.

>>> from datetime import date
>>> period_label(date(2023, 7, 23), "month", "jalali", "fa") == "مرداد ۱۴۰۲"
True
>>> period_label(date(2023, 6, 22), "quarter", "jalali", "fa") == "تابستان ۱۴۰۲"
True
>>> period_label(date(2023, 8, 5), "week", "jalali", "fa") == "هفتهٔ ۱۴ مرداد ۱۴۰۲"
True
>>> [period_label("2023-08-01", p, "gregorian", "en") for p in ("month", "quarter", "year")]
['Aug 2023', '2023 Q3', '2023']
>>> period_label(date(2023, 7, 31), "week", "gregorian", "en"), period_label(date(2023, 8, 5), "day", "jalali", "en")
('week of 2023-07-31', '1402/05/14')
"""

from __future__ import annotations

from datetime import date

import jdatetime

from safar.i18n.catalogue import MESSAGES
from safar.i18n.numbers import to_persian_digits


def period_label(start: date | str, period: str, calendar: str, lang: str) -> str:
    """The name of the ``period`` (day, week, month, quarter, year) of ``calendar`` starting on ``start``."""
    day = date.fromisoformat(start[:10]) if isinstance(start, str) else start
    if calendar == "jalali":
        j = jdatetime.date.fromgregorian(date=day)
        year, month, dom = j.year, j.month, j.day
    else:
        year, month, dom = day.year, day.month, day.day
    if period == "day":
        text = _word("period.day", lang, day=_numeric(year, month, dom, calendar))
    elif period == "week":
        if calendar == "gregorian" and lang == "en":
            written = day.isoformat()
        else:
            written = _word("period.long_day", lang, day=dom, month=_month(calendar, month, lang), year=year)
        text = _word("period.week", lang, day=written)
    elif period == "month":
        text = _word("period.month", lang, month=_month(calendar, month, lang), year=year)
    elif period == "quarter" and calendar == "jalali":
        text = _word("period.season", lang, season=_word(f"season.{(month - 1) // 3 + 1}", lang), year=year)
    elif period == "quarter":
        text = _word("period.quarter", lang, quarter=(month - 1) // 3 + 1, year=year)
    else:
        text = _word("period.year", lang, year=year)
    return to_persian_digits(text) if lang == "fa" else text


def _numeric(year: int, month: int, day: int, calendar: str) -> str:
    return (
        f"{year:04d}/{month:02d}/{day:02d}" if calendar == "jalali" else f"{year:04d}-{month:02d}-{day:02d}"
    )


def _month(calendar: str, month: int, lang: str) -> str:
    return _word(f"month.{calendar}.{month}", lang)


def _word(code: str, lang: str, **params: object) -> str:
    """The catalogue's text, filled in as written (digits are localised once, on the whole label)."""
    entry = MESSAGES[code]
    return (entry.get(lang) or entry["en"]).format(**params)
