"""Periods as a reader counts them: the day, week, month, quarter or year of the Jalali or the Gregorian
calendar, cut in the workspace's time zone.

:func:`with_period` gives a table (DuckDB, Spark, any Ibis backend) a column with the first day of the
period of a timestamp column (naive UTC, as the warehouse stores it), so every report groups by it.
A moment first becomes local time (``2023-03-20T21:00Z`` is already 1 Farvardin 1402 in Tehran);
then

- Gregorian periods are the engine's truncation (weeks start on Monday, as ISO 8601's);
- Jalali years start at Nowruz (1 Farvardin: 20, 21 or 22 March, a short lookup made with
  ``jdatetime`` for Jalali 1300–1500), months 1–6 have 31 days, 7–11 have 30 and Esfand 29 or 30,
  so a month or a quarter (three months: spring, summer, autumn, winter) starts a fixed number of days
  after Nowruz; Jalali weeks start on Saturday.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t = ibis.memtable(pa.table({"ts": [dt.datetime(2023, 3, 20, 21, 0)]}))
>>> with_period(t, "month", Calendar("jalali", "Asia/Tehran")).to_pyarrow().to_pylist()
[{'ts': datetime.datetime(2023, 3, 20, 21, 0), 'period': datetime.date(2023, 3, 21)}]
>>> with_period(t, "month", Calendar("gregorian", "UTC")).to_pyarrow().to_pylist()
[{'ts': datetime.datetime(2023, 3, 20, 21, 0), 'period': datetime.date(2023, 3, 1)}]
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import jdatetime

from safar.errors import InputError

PERIODS = ("day", "week", "month", "quarter", "year")
CALENDARS = ("jalali", "gregorian")
JALALI_YEARS = (1300, 1500)
_TRUNCATE = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


@dataclass(frozen=True)
class Calendar:
    """How a reader cuts time into periods: the calendar (``jalali`` or ``gregorian``) and the time zone
    the days begin in. Persian readers count in Jalali, English ones in Gregorian, unless the workspace
    says otherwise (``SAFAR_CALENDAR``; the zone is ``SAFAR_TZ``, else Tehran in Persian, UTC in English).

    >>> Calendar.of("fa"), Calendar.of("en", tz="Asia/Dubai", calendar="jalali")
    (Calendar(system='jalali', tz='Asia/Tehran'), Calendar(system='jalali', tz='Asia/Dubai'))
    """

    system: str = "gregorian"
    tz: str = "UTC"

    def __post_init__(self) -> None:
        if self.system not in CALENDARS:
            raise InputError("time.bad_calendar", calendar=self.system, allowed=list(CALENDARS))
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise InputError("events.bad_timezone", tz=self.tz) from None

    @classmethod
    def of(cls, lang: str, *, tz: str | None = None, calendar: str | None = None) -> Calendar:
        """The reader's calendar: ``calendar`` when the workspace sets one, else Jalali for Persian."""
        system = calendar or ("jalali" if lang == "fa" else "gregorian")
        return cls(system, tz or ("Asia/Tehran" if lang == "fa" else "UTC"))


GREGORIAN_UTC = Calendar()


def check_period(period: str) -> str:
    """``period`` when it is one Safar cuts, else an ``InputError`` naming the ones it does."""
    if period not in PERIODS:
        raise InputError("time.bad_period", value=period, allowed=list(PERIODS))
    return period


def with_period(
    table: ir.Table,
    period: str,
    calendar: Calendar = GREGORIAN_UTC,
    *,
    time_col: str = "ts",
    name: str = "period",
) -> ir.Table:
    """``table`` with a column ``name``: the first local day of the ``period`` (day, week, month, quarter,
    year) of ``calendar`` holding the naive-UTC moment ``time_col``.

    A table, not a lone expression, because SQL has no names for intermediate values: an expression would
    write the zone's offsets out again at every step that reads the local day (1.6 MB of SQL for a Jalali
    month in Tehran time); here each step is a column, computed once.
    """
    steps = _steps(period, calendar)
    out = table.mutate(_safar_ts=table[time_col])
    for step_name, step in steps:
        current = out

        def column(n: str, t: ir.Table = current) -> ir.Value:
            return t[f"_safar_{n}"]

        out = out.mutate(**{f"_safar_{step_name}": step(column)})
    helpers = ["_safar_ts", *(f"_safar_{n}" for n, _ in steps if n != _OUT)]
    if name in out.columns:
        out = out.drop(name)
    return out.rename({name: f"_safar_{_OUT}"}).drop(*helpers)


_OUT = "start"
Step = tuple[str, Callable[[Callable[[str], Any]], ir.Value]]


def _steps(period: str, calendar: Calendar) -> list[Step]:
    """The steps from ``ts`` to the period's start; each reads the earlier ones by name."""
    check_period(period)
    local: Step = ("local", lambda v: local_time(v("ts"), calendar.tz))
    if calendar.system == "gregorian":
        return [local, (_OUT, lambda v: v("local").truncate(_TRUNCATE[period]).date())]
    day: Step = ("day", lambda v: v("local").date())
    if period == "day":
        return [local, (_OUT, lambda v: v("local").date())]
    if period == "week":  # Saturday: index 5 with Monday 0
        return [
            local,
            day,
            (_OUT, lambda v: v("day") - ((v("day").day_of_week.index() + 2) % 7).as_interval("D")),
        ]
    nowruz: list[Step] = [
        ("nowruz", lambda v: _nowruz(v("day").year())),
        ("year", lambda v: ibis.ifelse(v("day") >= v("nowruz"), v("nowruz"), _nowruz(v("day").year() - 1))),
    ]
    if period == "year":
        return [local, day, *nowruz, (_OUT, lambda v: v("year"))]
    since: Step = ("since", lambda v: v("day").delta(v("year"), unit="day"))
    # Days into the month (quarter): 31-day months (93-day quarters) until the 186th day, then 30 (90).
    first, rest = (31, 30) if period == "month" else (93, 90)
    into: Step = (
        "into",
        lambda v: ibis.ifelse(v("since") < 186, v("since") % first, (v("since") - 186) % rest),
    )
    return [local, day, *nowruz, since, into, (_OUT, lambda v: v("day") - v("into").as_interval("D"))]


def local_time(ts: ir.TimestampValue, tz: str) -> ir.TimestampValue:
    """The naive-UTC moment ``ts`` as the wall-clock time of ``tz``.

    A zone with one offset adds it. Otherwise DuckDB and Spark convert with their own time-zone database
    (``timezone`` twice; ``from_utc_timestamp``), and any other backend runs a case over the zone's
    offsets (``zoneinfo``'s transitions 1900–2100). The case is exact everywhere but large (Tehran's
    clock changed about 90 times): its SQL took most of the KPI screen's time to compile, once per query.
    """
    ts = ts.cast("timestamp")
    changes = _offsets(tz)
    if len(changes) == 1:
        seconds = changes[0][1]
        return ts if seconds == 0 else ts + ibis.interval(seconds=seconds)
    backend = getattr(ts._find_backend(use_default=True), "name", "")
    if backend == "duckdb":
        return _duckdb_wall_clock(tz, _duckdb_instant("UTC", ts))
    if backend == "pyspark":
        return _spark_wall_clock(ts, tz)
    return by_offsets(ts, changes)


def by_offsets(ts: ir.TimestampValue, changes: tuple[tuple[datetime, int], ...]) -> ir.TimestampValue:
    """The wall-clock time of ``ts`` by a zone's offsets (:func:`_offsets`), as a case any backend runs."""
    branches = [
        (ts >= ibis.literal(since), ts + ibis.interval(seconds=seconds))
        for since, seconds in reversed(changes[1:])
    ]
    return ibis.cases(*branches, else_=ts + ibis.interval(seconds=changes[0][1]))


def _two(first: Any, second: Any) -> Any:
    """A function of two arguments that the backend itself has (see :func:`_declared`)."""


def _declared(name: str, args: tuple[Any, Any], returns: Any) -> Callable[..., ir.TimestampValue]:
    """The backend's own function ``name`` of two arguments, with their types and its result's."""
    return ibis.udf.scalar.builtin(_two, name=name, signature=(args, returns))  # type: ignore[no-any-return]


# DuckDB: timezone(zone, wall clock) is that instant; timezone(zone, instant) is its wall clock there.
_duckdb_instant = _declared("timezone", (dt.string, dt.timestamp), dt.Timestamp(timezone="UTC"))
_duckdb_wall_clock = _declared("timezone", (dt.string, dt.Timestamp(timezone="UTC")), dt.timestamp)
# Spark: from_utc_timestamp(naive UTC moment, zone) is its wall clock in the zone.
_spark_wall_clock = _declared("from_utc_timestamp", (dt.timestamp, dt.string), dt.timestamp)


@functools.cache
def _offsets(tz: str) -> tuple[tuple[datetime, int], ...]:
    """(naive UTC moment from which, UTC offset in seconds) of ``tz`` from 1900 to 2100, oldest first."""
    zone = ZoneInfo(tz)

    def offset(moment: datetime) -> int:
        delta = moment.astimezone(zone).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    moment = datetime(1900, 1, 1, tzinfo=UTC)
    out = [(moment.replace(tzinfo=None), offset(moment))]
    step = timedelta(days=1)
    while moment.year < 2100:
        after = moment + step
        if offset(after) != out[-1][1]:
            low, high = moment, after  # the change is in (low, high]: find its minute
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                low, high = (low, mid) if offset(mid) != out[-1][1] else (mid, high)
            out.append((high.replace(tzinfo=None, second=0, microsecond=0), offset(high)))
        moment = after
    return tuple(out)


def _nowruz_days() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The Gregorian years whose Nowruz is on 20 March, and those where it is on 22 March (else 21)."""
    found: dict[int, list[int]] = {20: [], 21: [], 22: []}
    for year in range(JALALI_YEARS[0], JALALI_YEARS[1] + 2):
        day = jdatetime.date(year, 1, 1).togregorian()
        found[day.day].append(day.year)
    return tuple(found[20]), tuple(found[22])


ON_20, ON_22 = _nowruz_days()


def _nowruz(year: ir.IntegerValue) -> ir.DateValue:
    """1 Farvardin in the Gregorian ``year``."""
    day = ibis.cases((year.isin(ON_20), 20), (year.isin(ON_22), 22), else_=21)
    return ibis.date(year, 3, day)


def nowruz(year: int) -> date:
    """1 Farvardin in the Gregorian ``year`` (the lookup :func:`with_period` uses), as Python computes it.

    >>> nowruz(2024), nowruz(2025)
    (datetime.date(2024, 3, 20), datetime.date(2025, 3, 21))
    """
    return date(year, 3, 20 if year in ON_20 else 22 if year in ON_22 else 21)


def period_after(start: date, period: str, system: str = "gregorian", count: int = 1) -> date:
    """The first day of the ``count``-th ``period`` after the one that starts on ``start`` (a first day, as
    :func:`with_period` gives it), in the ``system`` calendar.

    >>> period_after(date(2024, 1, 1), "month"), period_after(date(2024, 11, 1), "quarter")
    (datetime.date(2024, 2, 1), datetime.date(2025, 2, 1))
    >>> period_after(date(2024, 3, 20), "month", "jalali"), period_after(date(2024, 9, 22), "month", "jalali")
    (datetime.date(2024, 4, 20), datetime.date(2024, 10, 22))
    >>> period_after(date(2025, 2, 19), "month", "jalali"), period_after(date(2024, 3, 20), "year", "jalali")
    (datetime.date(2025, 3, 21), datetime.date(2025, 3, 21))
    >>> period_after(date(2024, 1, 6), "week", "jalali", 2)
    datetime.date(2024, 1, 20)
    """
    check_period(period)
    if period == "day":
        return start + timedelta(days=count)
    if period == "week":
        return start + timedelta(days=7 * count)
    months = {"month": 1, "quarter": 3, "year": 12}[period] * count
    if system == "jalali":
        j = jdatetime.date.fromgregorian(date=start)
        total = j.year * 12 + (j.month - 1) + months
        return jdatetime.date(total // 12, total % 12 + 1, 1).togregorian()  # type: ignore[no-any-return]
    total = start.year * 12 + (start.month - 1) + months
    return date(total // 12, total % 12 + 1, 1)


def periods_between(first: date, last: date, period: str, system: str = "gregorian") -> list[date]:
    """The first days of every ``period`` from the one starting on ``first`` to the one starting on ``last``.

    >>> periods_between(date(2024, 1, 1), date(2024, 3, 1), "month")
    [datetime.date(2024, 1, 1), datetime.date(2024, 2, 1), datetime.date(2024, 3, 1)]
    """
    out = [first]
    while out[-1] < last:
        out.append(period_after(out[-1], period, system))
    return out
