"""The one reading of times every importer shares: ISO 8601, Gregorian layouts, Jalali, --time-format."""

from __future__ import annotations

from datetime import datetime

import pytest

from safar.errors import InputError
from safar.events.dates import TimeReading, default_zone, read_moment, read_times
from safar.i18n import translate

TEHRAN = TimeReading(tz="Asia/Tehran")


def _read(
    values: list[str], reading: TimeReading = TEHRAN
) -> tuple[list[datetime | None], list[str | None], str]:
    found = read_times(values, reading, path="x.csv", field="زمان")
    return found.times, found.reasons, found.calendar


def test_jalali_with_and_without_time_any_separator_and_digits():
    times, reasons, calendar = _read(
        ["1402/05/14 10:30", "۱۴۰۲-۰۵-۱۴ ۱۰:۳۰", "1402.05.14 10:30:00", "١٤٠٢/٠٥/١٤ ١٠:٣٠", "1402/5/14"]
    )
    assert calendar == "jalali"
    assert reasons == [None] * 5
    assert times == [datetime(2023, 8, 5, 7, 0)] * 4 + [datetime(2023, 8, 4, 20, 30)]


def test_jalali_across_nowruz_and_the_leap_year_1403():
    times, reasons, _ = _read(
        [
            "1402/12/29 23:59",  # the last day of 1402 (not a leap year)
            "1403/01/01 00:00",  # Nowruz 1403 = 20 March 2024
            "1403/12/30 12:00",  # 1403 is leap: Esfand has 30 days
            "1404/01/01 00:00",  # Nowruz 1404 = 21 March 2025
            "1402/12/30 10:00",  # 1402 is not leap: no such day
            "1403/13/01",
        ]
    )
    assert times == [
        datetime(2024, 3, 19, 20, 29),
        datetime(2024, 3, 19, 20, 30),
        datetime(2025, 3, 20, 8, 30),
        datetime(2025, 3, 20, 20, 30),
        None,
        None,
    ]
    assert reasons == [None, None, None, None, "row.bad_time", "row.bad_time"]


def test_gregorian_layouts_offsets_and_ambiguity():
    times, reasons, calendar = _read(
        [
            "2023-08-05 10:30",
            "2023-08-05T07:00:00Z",
            "2023-08-05T10:30:00+03:30",
            "2023.08.05 10:30",
            "2023/8/5 10:30",
            "13/02/2023",  # only day/month reads it
            "02/13/2023",  # only month/day reads it
            "05/05/2023 10:30",  # both readings are the same day
            "01/02/2023",  # 1 February or 2 January: refused, not guessed
            "2023-02-30",
            "",
        ]
    )
    assert calendar == "gregorian"
    assert times == [datetime(2023, 8, 5, 7, 0)] * 5 + [
        datetime(2023, 2, 12, 20, 30),
        datetime(2023, 2, 12, 20, 30),
        datetime(2023, 5, 5, 7, 0),
        None,
        None,
        None,
    ]
    assert reasons == [None] * 8 + ["row.ambiguous_time", "row.bad_time", None]


def test_time_format_reads_twitter_and_a_naive_layout_in_the_zone():
    twitter = TimeReading(tz="Asia/Tehran", time_format="%a %b %d %H:%M:%S %z %Y")
    assert _read(["Wed Oct 11 06:55:44 +0000 2017", "2017-10-11"], twitter)[:2] == (
        [datetime(2017, 10, 11, 6, 55, 44), None],
        [None, "row.bad_time"],
    )
    day_first = TimeReading(tz="Asia/Tehran", time_format="%d/%m/%Y %H:%M")
    assert _read(["01/02/2023 10:30"], day_first)[0] == [datetime(2023, 2, 1, 7, 0)]


def test_auto_refuses_a_column_mixing_calendars_and_names_rows_and_options():
    with pytest.raises(InputError) as caught:
        _read(["1402/05/14", "2023-08-05", "1402/05/15", "garbage"])
    assert caught.value.code == "time.mixed_calendars"
    assert caught.value.details == {
        "path": "x.csv",
        "field": "زمان",
        "jalali": 2,
        "jalali_rows": [1, 3],
        "gregorian": 1,
        "gregorian_rows": [2],
    }
    message = translate(caught.value.code, "en", **caught.value.details)
    assert "--calendar jalali" in message and "rows 1, 3)" in message


def test_an_explicit_calendar_decides_and_refuses_the_other():
    jalali = TimeReading(tz="Asia/Tehran", calendar="jalali")
    assert _read(["1402/05/14 10:30", "2023-08-05 10:30"], jalali)[:2] == (
        [datetime(2023, 8, 5, 7, 0), None],
        [None, "row.bad_time"],  # 2023 is no Jalali year Safar reads: refused, not moved 621 years
    )
    gregorian = TimeReading(tz="UTC", calendar="gregorian")
    assert _read(["1402-05-14 10:30"], gregorian)[0] == [datetime(1402, 5, 14, 10, 30)]


@pytest.mark.parametrize(
    ("reading", "code"),
    [
        (TimeReading(calendar="persian"), "time.bad_calendar"),
        (TimeReading(time_format="dd/mm/yyyy"), "time.bad_format"),
        (TimeReading(calendar="jalali", time_format="%Y/%m/%d"), "time.format_with_jalali"),
        (TimeReading(tz="Asia/Nowhere"), "events.bad_timezone"),
    ],
)
def test_wrong_options_are_refused_before_reading(reading, code):
    with pytest.raises(InputError) as caught:
        reading.checked()
    assert caught.value.code == code
    assert "{" not in translate(code, "fa", **caught.value.details)


def test_default_zone():
    assert default_zone(None, "fa") == "Asia/Tehran"
    assert default_zone(None, "en") == "UTC"
    assert default_zone("Europe/Berlin", "fa") == "Europe/Berlin"


def test_a_typed_moment_is_read_as_the_importers_read_a_time() -> None:
    read = [
        read_moment(v, "Asia/Tehran", option="--from")
        for v in (
            "1402/05/14",
            "۱۴۰۲-۰۵-۱۴ ۱۰:۳۰",
            "١٤٠٢.٠٥.١٤ ١٠:٣٠",
            "2023-08-05",
            "2023-08-05T07:00:00Z",
            "13/02/2023",
        )
    ]
    assert read == [
        datetime(2023, 8, 4, 20, 30),  # midnight in Tehran
        datetime(2023, 8, 5, 7, 0),
        datetime(2023, 8, 5, 7, 0),
        datetime(2023, 8, 4, 20, 30),
        datetime(2023, 8, 5, 7, 0),
        datetime(2023, 2, 12, 20, 30),
    ]
    assert read_moment("1403/12/30", "UTC", option="--to") == datetime(2025, 3, 20)  # leap Esfand 30


@pytest.mark.parametrize(
    ("value", "code", "details"),
    [
        ("yesterday", "time.bad_moment", {"option": "--to", "value": "yesterday", "tz": "UTC"}),
        ("1402/12/30", "time.bad_moment", {"option": "--to", "value": "1402/12/30", "tz": "UTC"}),  # not leap
        ("", "time.bad_moment", {"option": "--to", "value": "", "tz": "UTC"}),
        ("03/04/2024", "time.ambiguous_moment", {"option": "--to", "value": "03/04/2024"}),
    ],
)
def test_a_typed_moment_that_reads_as_none_or_two_is_refused(
    value: str, code: str, details: dict[str, str]
) -> None:
    with pytest.raises(InputError) as caught:
        read_moment(value, "UTC", option="--to")
    assert (caught.value.code, caught.value.details) == (code, details)
