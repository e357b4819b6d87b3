"""Jalali and Gregorian periods, cut in local time, against jdatetime for every day of several years.

Every day of Gregorian 2016–2026 (Jalali 1394–1405: the leap years 1399 and 1403 with their Esfand 30,
Nowruz on 20 and 21 March) is cut into its day, Saturday week, month, quarter and year by
:func:`with_period` and compared with what jdatetime says.
"""

from __future__ import annotations

import datetime as dt

import ibis
import jdatetime
import pyarrow as pa
import pytest

from safar.errors import InputError
from safar.events.periods import PERIODS, Calendar, nowruz, with_period

DAYS = [
    dt.date(2016, 1, 1) + dt.timedelta(days=i)
    for i in range((dt.date(2027, 1, 1) - dt.date(2016, 1, 1)).days)
]


def jalali_starts(day: dt.date) -> dict[str, dt.date]:
    """The first day of each Jalali period holding ``day``, by jdatetime."""
    j = jdatetime.date.fromgregorian(date=day)
    return {
        "day": day,
        "week": day - dt.timedelta(days=(day.weekday() + 2) % 7),  # back to Saturday
        "month": jdatetime.date(j.year, j.month, 1).togregorian(),
        "quarter": jdatetime.date(j.year, (j.month - 1) // 3 * 3 + 1, 1).togregorian(),
        "year": jdatetime.date(j.year, 1, 1).togregorian(),
    }


def gregorian_starts(day: dt.date) -> dict[str, dt.date]:
    return {
        "day": day,
        "week": day - dt.timedelta(days=day.weekday()),  # back to Monday
        "month": day.replace(day=1),
        "quarter": day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1),
        "year": day.replace(month=1, day=1),
    }


def cut(moments: list[dt.datetime], calendar: Calendar) -> list[dict[str, dt.date]]:
    table = ibis.memtable(pa.table({"ts": pa.array(moments, pa.timestamp("us"))}))
    for period in PERIODS:
        table = with_period(table, period, calendar, name=period)
    rows: list[dict[str, dt.date]] = table.select(*PERIODS).to_pyarrow().to_pylist()
    return rows


def test_every_jalali_period_of_eleven_years_is_jdatetime_s() -> None:
    noon = [dt.datetime.combine(d, dt.time(12)) for d in DAYS]
    assert cut(noon, Calendar("jalali", "UTC")) == [jalali_starts(d) for d in DAYS]


def test_periods_are_cut_in_local_time() -> None:
    """20 March 2023 21:00 UTC is 00:30 on 1 Farvardin 1402 in Tehran: the new year, not Esfand 1401;
    in summer 2021 (Iran's daylight time, +04:30) 19:45 UTC is already the next day."""
    moments = [
        dt.datetime(2023, 3, 20, 21, 0),
        dt.datetime(2023, 3, 20, 20, 29),
        dt.datetime(2021, 7, 22, 19, 45),
    ]
    assert cut(moments, Calendar("jalali", "Asia/Tehran")) == [
        jalali_starts(dt.date(2023, 3, 21)),
        jalali_starts(dt.date(2023, 3, 20)),
        jalali_starts(dt.date(2021, 7, 23)),
    ]
    assert cut(moments, Calendar("jalali", "UTC")) == [
        jalali_starts(dt.date(2023, 3, 20)),
        jalali_starts(dt.date(2023, 3, 20)),
        jalali_starts(dt.date(2021, 7, 22)),
    ]


def test_gregorian_periods_in_a_zone() -> None:
    """31 December 2023 21:00 UTC is New Year's Day 2024 in Tehran; in UTC it is still 2023."""
    moments = [dt.datetime(2023, 12, 31, 21, 0)]
    assert cut(moments, Calendar("gregorian", "Asia/Tehran")) == [gregorian_starts(dt.date(2024, 1, 1))]
    assert cut(moments, Calendar("gregorian", "UTC")) == [gregorian_starts(dt.date(2023, 12, 31))]


def test_leap_esfand_and_nowruz_days() -> None:
    """1403 is leap: Esfand 30 is 20 March 2025, still in the winter of 1403; 1404 starts on 21 March."""
    assert jdatetime.date(1403, 12, 30).togregorian() == dt.date(2025, 3, 20)
    moments = [dt.datetime(2025, 3, 20, 12), dt.datetime(2025, 3, 21, 12), dt.datetime(2024, 3, 20, 12)]
    assert cut(moments, Calendar("jalali", "UTC")) == [
        {
            "day": dt.date(2025, 3, 20),
            "week": dt.date(2025, 3, 15),
            "month": dt.date(2025, 2, 19),
            "quarter": dt.date(2024, 12, 21),
            "year": dt.date(2024, 3, 20),
        },
        {
            "day": dt.date(2025, 3, 21),
            "week": dt.date(2025, 3, 15),
            "month": dt.date(2025, 3, 21),
            "quarter": dt.date(2025, 3, 21),
            "year": dt.date(2025, 3, 21),
        },
        {
            "day": dt.date(2024, 3, 20),
            "week": dt.date(2024, 3, 16),
            "month": dt.date(2024, 3, 20),
            "quarter": dt.date(2024, 3, 20),
            "year": dt.date(2024, 3, 20),
        },
    ]
    assert [nowruz(y) for y in (1922, 2024, 2025)] == [
        dt.date(1922, 3, 22),
        dt.date(2024, 3, 20),
        dt.date(2025, 3, 21),
    ]


def test_an_unknown_period_calendar_or_zone_is_refused() -> None:
    table = ibis.memtable(pa.table({"ts": [dt.datetime(2024, 1, 1)]}))
    with pytest.raises(InputError) as period:
        with_period(table, "fortnight")
    with pytest.raises(InputError) as calendar:
        Calendar("lunar", "UTC")
    with pytest.raises(InputError) as zone:
        Calendar("jalali", "Mars/Olympus")
    assert (period.value.code, period.value.details) == (
        "time.bad_period",
        {"value": "fortnight", "allowed": list(PERIODS)},
    )
    assert (calendar.value.code, calendar.value.details) == (
        "time.bad_calendar",
        {"calendar": "lunar", "allowed": ["jalali", "gregorian"]},
    )
    assert (zone.value.code, zone.value.details) == ("events.bad_timezone", {"tz": "Mars/Olympus"})


@pytest.mark.parametrize("tz", ["Asia/Tehran", "Europe/London", "America/New_York"])
def test_the_portable_case_over_offsets_is_the_backends_own_conversion(tz: str) -> None:
    """DuckDB and Spark convert to local time with their own zone database; other backends run a case
    over zoneinfo's offsets. Both agree every 97 minutes through 2016-2026, across every clock change."""
    from safar.events.periods import _offsets, by_offsets, local_time

    start = dt.datetime(2016, 1, 1)
    moments = [start + dt.timedelta(minutes=97 * i) for i in range(11 * 366 * 24 * 60 // 97)]
    table = ibis.memtable(pa.table({"ts": pa.array(moments, pa.timestamp("us"))}))
    native = table.select(local=local_time(table.ts, tz)).to_pyarrow().column("local").to_pylist()
    case = table.select(local=by_offsets(table.ts, _offsets(tz))).to_pyarrow().column("local").to_pylist()
    assert "TIMEZONE" in ibis.to_sql(table.select(local=local_time(table.ts, tz)))
    assert native == case
    assert len({(b - a) for a, b in zip(moments, native, strict=True)}) >= 2  # the clock did change
