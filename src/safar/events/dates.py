"""Dates and times as every importer reads them: ISO 8601, common Gregorian layouts, Jalali, or a given format.

One reading for events, comments and survey answers, done in DuckDB SQL so that a file of
millions of events is parsed vectorised (Jalali dates go through a cached conversion per
distinct day). Digits may be Persian or Arabic-Indic. What is read:

- ISO 8601 with or without an offset (``2023-08-05T07:00:00Z``, ``2023-08-05 10:30``, ``2023/8/5``);
- year first with ``.`` too (``2023.08.05 10:30``); day and month around a four-digit year
  (``05/08/2023``) only when the value says which is which: ``13/02/2023`` is 13 February,
  ``01/02/2023`` is refused as ambiguous (``row.ambiguous_time``) with the ``--time-format`` to give;
- Jalali, year first, ``/`` ``-`` or ``.`` between, with or without a time (``1402/05/14``,
  ``۱۴۰۲-۰۵-۱۴ ۱۰:۳۰``); Jalali years are 1300–1500;
- anything else with ``--time-format`` (strftime: ``%a %b %d %H:%M:%S %z %Y`` for Twitter/X).

``calendar="auto"`` reads a column as Jalali when its dates are all written with a year in
1300–1500, as Gregorian when none is; a column with both is an error naming rows of each and
the ``--calendar`` to pass. Times without an offset are in ``tz``; everything is stored as naive UTC.

>>> read_times(["1402/05/14 10:30", "۱۴۰۳/۱۲/۳۰"], TimeReading(tz="Asia/Tehran"), path="x.csv", field="t").times
[datetime.datetime(2023, 8, 5, 7, 0), datetime.datetime(2025, 3, 19, 20, 30)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import jdatetime
import pyarrow as pa

from safar.errors import InputError
from safar.events.digits import MACROS as DIGIT_MACROS

CALENDARS = ("auto", "jalali", "gregorian")
JALALI_YEARS = (1300, 1500)
PERSIAN_ZONE = "Asia/Tehran"
# Times Python (and so every reader of the warehouse) can hold, whatever their zone: others are unreadable.
IN_RANGE = "BETWEEN TIMESTAMP '0001-01-02' AND TIMESTAMP '9999-12-30'"

_CLOCK = r"(?:(?:T|\s+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,6}))?)?)?"
_YMD = rf"^([0-9]{{4}})[-/.]([0-9]{{1,2}})[-/.]([0-9]{{1,2}}){_CLOCK}$"
_DMY = rf"^([0-9]{{1,2}})[-/.]([0-9]{{1,2}})[-/.]([0-9]{{4}}){_CLOCK}$"
_JALALI_SHAPE = r"^(1[34][0-9]{2}|1500)[-/.][0-9]"


# No subquery in these macros: DuckDB plans a scalar subquery for every row, while a CASE branch
# (and so each regexp_extract in it) runs only for the rows that reach it — most are ISO 8601.
def _part(layout: str, i: int) -> str:
    return f"CAST(nullif(regexp_extract(n, '{layout}', {i}), '') AS INTEGER)"


def _clock(layout: str) -> str:
    def group(i: int) -> str:
        return f"coalesce(nullif(regexp_extract(n, '{layout}', {i}), ''), '0')"

    return (
        f"try(make_time(CAST({group(4)} AS BIGINT), CAST({group(5)} AS BIGINT), "
        f"CAST({group(6)} || '.' || {group(7)} AS DOUBLE)))"
    )


def _day(layout: str, year: int, month: int, day: int) -> str:
    return f"try(make_date({_part(layout, year)}, {_part(layout, month)}, {_part(layout, day)})) + {_clock(layout)}"


MACROS = (
    *DIGIT_MACROS,
    f"""CREATE OR REPLACE TEMP MACRO safar_jalali_ts(n) AS CASE
        WHEN regexp_matches(n, '{_YMD}') AND {_part(_YMD, 1)} BETWEEN {JALALI_YEARS[0]} AND {JALALI_YEARS[1]}
        THEN safar_jalali({_part(_YMD, 1)}, {_part(_YMD, 2)}, {_part(_YMD, 3)}) + {_clock(_YMD)} END""",
    # Year first, any separator; day and month around the year only when the value tells them apart.
    f"""CREATE OR REPLACE TEMP MACRO safar_gregorian_ts(n) AS CASE
        WHEN regexp_matches(n, '{_YMD}') THEN {_day(_YMD, 1, 2, 3)}
        WHEN NOT regexp_matches(n, '{_DMY}') THEN NULL
        WHEN {_part(_DMY, 1)} > 12 OR {_part(_DMY, 1)} = {_part(_DMY, 2)} THEN {_day(_DMY, 3, 2, 1)}
        WHEN {_part(_DMY, 2)} > 12 THEN {_day(_DMY, 3, 1, 2)} END""",
    f"""CREATE OR REPLACE TEMP MACRO safar_ambiguous(n) AS CASE
        WHEN regexp_matches(n, '{_DMY}') THEN {_part(_DMY, 1)} <> {_part(_DMY, 2)}
          AND {_part(_DMY, 1)} BETWEEN 1 AND 12 AND {_part(_DMY, 2)} BETWEEN 1 AND 12 END""",
    r"""CREATE OR REPLACE TEMP MACRO safar_aware(t) AS
        regexp_matches(t, '\d:\d\d(:\d\d([.,]\d+)?)?\s*([zZ]|[+-]\d\d(:?\d\d)?)$')""",
)


@dataclass(frozen=True)
class TimeReading:
    """How an importer reads times: the zone of naive times, the calendar, and an optional strftime format."""

    tz: str = "UTC"
    calendar: str = "auto"
    time_format: str | None = None

    def checked(self) -> TimeReading:
        """This reading, or an ``InputError`` saying which option is wrong and what it may be."""
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise InputError("events.bad_timezone", tz=self.tz) from None
        if self.calendar not in CALENDARS:
            raise InputError("time.bad_calendar", calendar=self.calendar, allowed=list(CALENDARS))
        if self.time_format is not None:
            if "%" not in self.time_format:
                raise InputError("time.bad_format", format=self.time_format)
            if self.calendar == "jalali":
                raise InputError("time.format_with_jalali", format=self.time_format)
        return self


def default_zone(configured: str | None, lang: str) -> str:
    """The zone of naive times when none is given: the workspace's setting, else Tehran for Persian.

    >>> default_zone(None, "fa"), default_zone(None, "en"), default_zone("Asia/Dubai", "fa")
    ('Asia/Tehran', 'UTC', 'Asia/Dubai')
    """
    return configured or (PERSIAN_ZONE if lang == "fa" else "UTC")


_JALALI_CACHE: dict[tuple[int, int, int], date | None] = {}


def _jalali_days(years: pa.Array, months: pa.Array, days: pa.Array) -> pa.Array:
    """The Gregorian day of each Jalali (year, month, day); null for a day the calendar lacks."""
    out: list[date | None] = []
    for key in zip(years.to_pylist(), months.to_pylist(), days.to_pylist(), strict=True):
        if None in key:
            out.append(None)
            continue
        found = _JALALI_CACHE.get(key, ...)
        if found is ...:
            try:
                found = jdatetime.date(*key).togregorian()
            except ValueError:
                found = None
            _JALALI_CACHE[key] = found
        out.append(found)
    return pa.array(out, pa.date32())


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Give ``con`` the reading's macros and the Jalali conversion (once per connection)."""
    known = con.execute("SELECT 1 FROM duckdb_functions() WHERE function_name = 'safar_jalali' LIMIT 1")
    if not known.fetchall():
        con.create_function(  # type: ignore[call-overload]
            "safar_jalali",
            _jalali_days,
            ["INTEGER", "INTEGER", "INTEGER"],
            "DATE",
            type="arrow",
            null_handling="special",
        )
    for macro in MACROS:
        con.execute(macro)


def normalized(text_sql: str) -> str:
    """SQL for the text of a time as read: trimmed, digits in ASCII."""
    return f"safar_digits(trim({text_sql}))"


def time_sql(n: str, reading: TimeReading, calendar: str) -> str:
    """SQL for the naive-UTC ``TIMESTAMP`` the normalised text ``n`` writes, NULL when it writes none.

    ``calendar`` is the column's calendar, decided (``jalali`` or ``gregorian``).
    """
    if reading.time_format is not None:
        parsed = f"try_strptime({n}, {_ql(reading.time_format)})"
        if "%z" in reading.time_format or "%Z" in reading.time_format:
            return f"CAST({parsed} AS TIMESTAMP)"
        return _in_zone(parsed, reading.tz)
    if calendar == "jalali":
        return _in_zone(f"safar_jalali_ts({n})", reading.tz)
    naive = _in_zone(f"coalesce(try_cast({n} AS TIMESTAMP), safar_gregorian_ts({n}))", reading.tz)
    return f"CASE WHEN safar_aware({n}) THEN CAST(try_cast({n} AS TIMESTAMPTZ) AS TIMESTAMP) ELSE {naive} END"


def ambiguous_sql(n: str, reading: TimeReading, calendar: str) -> str:
    """SQL true when ``n`` reads as two different Gregorian days (day and month both ≤ 12)."""
    if reading.time_format is not None or calendar == "jalali":
        return "false"
    return f"coalesce(safar_ambiguous({n}), false)"


def _in_zone(naive: str, tz: str) -> str:
    return naive if tz == "UTC" else f"CAST(timezone({_ql(tz)}, CAST({naive} AS TIMESTAMP)) AS TIMESTAMP)"


def _ql(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def resolve_calendar(
    con: duckdb.DuckDBPyConnection,
    source: str,
    n: str,
    reading: TimeReading,
    *,
    path: str,
    field: str,
    decided: str | None = None,
) -> str:
    """The calendar of the time column ``n`` (normalised text SQL) of ``source`` (with ``_row``).

    An explicit calendar is kept; ``auto`` is ``jalali`` when every date is written with a
    year in 1300–1500, ``gregorian`` when none is, and an ``InputError`` naming rows of both
    otherwise. ``decided`` is the calendar earlier parts of the same file were read in: a part
    written in the other one is the same error.
    """
    if reading.calendar != "auto":
        return reading.calendar
    if reading.time_format is not None:
        return "gregorian"
    # The text is computed once in a subquery: spelled out in each test it cost DuckDB 8 times as much.
    texts = f"(SELECT _row, {n} AS n FROM {source})"
    shape = f"regexp_matches(n, '{_JALALI_SHAPE}')"
    jalali: tuple[Any, ...] = ([], 0)
    if decided != "jalali":
        jalali = _rows(con, texts, shape)
        if not jalali[1]:
            return decided or "gregorian"
    gregorian = _rows(
        con, texts, f"NOT coalesce({shape}, true) AND ({time_sql('n', reading, 'gregorian')}) IS NOT NULL"
    )
    if not gregorian[1]:
        return "jalali"
    raise InputError(
        "time.mixed_calendars",
        path=path,
        field=field,
        jalali=int(jalali[1]),
        jalali_rows=list(jalali[0]) or ["-"],
        gregorian=int(gregorian[1]),
        gregorian_rows=list(gregorian[0]),
    )


def _rows(con: duckdb.DuckDBPyConnection, source: str, where: str) -> tuple[Any, ...]:
    """The first three rows of ``source`` meeting ``where``, and how many do."""
    return con.execute(
        f"SELECT list(_row ORDER BY _row)[1:3], count(*) FROM {source} WHERE {where}"
    ).fetchall()[0]


@dataclass(frozen=True)
class TimesRead:
    """The times of one column: naive UTC or ``None``, the reason of each refused value, the calendar used."""

    times: list[datetime | None]
    reasons: list[str | None]
    calendar: str


def read_times(values: Sequence[str], reading: TimeReading, *, path: str, field: str) -> TimesRead:
    """Read a column of texts (``""`` for empty) the way the events importer reads its time column.

    Empty values get neither a time nor a reason; the caller decides whether a time is required.
    """
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        install(con)
        table = pa.table(
            {
                "_row": pa.array(range(1, len(values) + 1), pa.int64()),
                "t": pa.array(list(values), pa.string()),
            }
        )
        con.register("safar_times", table)
        n = normalized("t")
        calendar = resolve_calendar(con, "safar_times", n, reading, path=path, field=field)
        rows: list[tuple[Any, ...]] = con.execute(
            f"""SELECT CASE WHEN ts {IN_RANGE} THEN ts END, amb, empty FROM (
              SELECT _row, {time_sql("n", reading, calendar)} AS ts,
                {ambiguous_sql("n", reading, calendar)} AS amb, n = '' AS empty
              FROM (SELECT _row, {n} AS n FROM safar_times)) ORDER BY _row"""
        ).fetchall()
    finally:
        con.close()
    times: list[datetime | None] = []
    reasons: list[str | None] = []
    for ts, amb, empty in rows:
        times.append(None if empty or amb else ts)
        reasons.append(None if empty else "row.ambiguous_time" if amb else None if ts else "row.bad_time")
    return TimesRead(times, reasons, calendar)


def read_moment(text: str, tz: str, *, option: str) -> datetime:
    """One moment a user typed (``--from``, ``--to``, ``--cutoff``, a page's filter) as naive UTC, read as the
    importers read a time: ISO 8601, Gregorian layouts, Jalali (``1402/05/14``, ``۱۴۰۲-۰۵-۱۴ ۱۰:۳۰``), Persian
    or Arabic-Indic digits; a time without an offset is in ``tz`` (the workspace's zone). A value that
    reads as two days, or as none, is an ``InputError`` naming ``option`` with examples that are accepted.

    >>> read_moment("۱۴۰۲/۰۵/۱۴ ۱۰:۳۰", "Asia/Tehran", option="--from")
    datetime.datetime(2023, 8, 5, 7, 0)
    >>> read_moment("2023-08-05T10:30+03:30", "UTC", option="--to")
    datetime.datetime(2023, 8, 5, 7, 0)
    """
    value = text.strip()
    read = read_times([value], TimeReading(tz=tz).checked(), path=option, field=option) if value else None
    if read is not None and read.reasons[0] == "row.ambiguous_time":
        raise InputError("time.ambiguous_moment", option=option, value=text)
    if read is None or read.times[0] is None:
        raise InputError("time.bad_moment", option=option, value=text, tz=tz)
    return read.times[0]


def read_day(text: str, *, option: str) -> date:
    """One calendar day a user typed (a moment of truth's evidence, a map's period), Jalali or Gregorian as
    :func:`read_moment` reads it, with no time zone to move it to another day.

    >>> read_day("۱۴۰۵/۰۱/۰۱", option="start"), read_day("2026-09-22", option="end")
    (datetime.date(2026, 3, 21), datetime.date(2026, 9, 22))
    """
    return read_moment(text, "UTC", option=option).date()
