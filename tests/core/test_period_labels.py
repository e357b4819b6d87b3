"""Period names as reports show them: Jalali months, seasons and Saturday weeks with Persian digits in
Persian; Gregorian months, quarters and Monday weeks in English; and the two mixed cases a workspace's
calendar setting makes."""

from __future__ import annotations

from datetime import date

from safar.events.periods import PERIODS
from safar.i18n.periods import period_label


def labels(start: date, calendar: str, lang: str) -> dict[str, str]:
    return {p: period_label(start, p, calendar, lang) for p in PERIODS}


def test_persian_reads_jalali_periods() -> None:
    # 14 Mordad 1402 (a Saturday); Mordad starts on 23 July 2023, summer on 22 June, 1402 on 21 March
    assert labels(date(2023, 8, 5), "jalali", "fa") == {
        "day": "۱۴۰۲/۰۵/۱۴",
        "week": "هفتهٔ ۱۴ مرداد ۱۴۰۲",
        "month": "مرداد ۱۴۰۲",
        "quarter": "تابستان ۱۴۰۲",
        "year": "۱۴۰۲",
    }
    assert [
        period_label(d, "quarter", "jalali", "fa") for d in ("2023-03-21", "2023-09-23", "2023-12-22")
    ] == [
        "بهار ۱۴۰۲",
        "پاییز ۱۴۰۲",
        "زمستان ۱۴۰۲",
    ]
    assert period_label(date(2025, 2, 19), "month", "jalali", "fa") == "اسفند ۱۴۰۳"


def test_english_reads_gregorian_periods() -> None:
    assert labels(date(2023, 7, 31), "gregorian", "en") == {
        "day": "2023-07-31",
        "week": "week of 2023-07-31",
        "month": "Jul 2023",
        "quarter": "2023 Q3",
        "year": "2023",
    }


def test_a_workspace_calendar_other_than_the_language_s() -> None:
    assert labels(date(2023, 7, 23), "jalali", "en") == {
        "day": "1402/05/01",
        "week": "week of 1 Mordad 1402",
        "month": "Mordad 1402",
        "quarter": "Summer 1402",
        "year": "1402",
    }
    assert labels(date(2023, 7, 1), "gregorian", "fa") == {
        "day": "۲۰۲۳-۰۷-۰۱",
        "week": "هفتهٔ ۱ ژوئیه ۲۰۲۳",
        "month": "ژوئیه ۲۰۲۳",
        "quarter": "سه‌ماههٔ ۳ ۲۰۲۳",
        "year": "۲۰۲۳",
    }
