"""The Jalali and Gregorian periods on Apache Spark (local mode) are the ones DuckDB cuts.

Moments at every hour-and-a-half around Nowruz 1402 and 1404, across Esfand 30 of the leap year 1403,
through Iran's last summer time (2022) and at random minutes of 2016–2026, cut into every period of
both calendars in Tehran time and in UTC, on both engines.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import ibis
import pyarrow as pa
import pytest

from safar.events.periods import PERIODS, Calendar, with_period

pytestmark = [
    pytest.mark.spark,
    # Not Safar's code: PySpark 4.x calls pandas APIs that pandas 3 deprecates.
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]


def moments() -> list[dt.datetime]:
    around = [
        start + dt.timedelta(minutes=90 * i)
        for start in (dt.datetime(2023, 3, 18), dt.datetime(2025, 3, 17), dt.datetime(2022, 9, 19))
        for i in range(16 * 6)
    ]
    rng = random.Random(14)
    scattered = [
        dt.datetime(2016, 1, 1) + dt.timedelta(minutes=rng.randrange(11 * 365 * 24 * 60)) for _ in range(400)
    ]
    return around + scattered


def cut(table: ibis.Table, calendar: Calendar) -> list[dict[str, Any]]:
    for period in PERIODS:
        table = with_period(table, period, calendar, time_col="ts", name=period)
    rows: list[dict[str, Any]] = table.order_by("i").to_pyarrow().to_pylist()
    return rows


@pytest.mark.parametrize(
    "calendar",
    [Calendar("jalali", "Asia/Tehran"), Calendar("jalali", "UTC"), Calendar("gregorian", "Asia/Tehran")],
    ids=str,
)
def test_spark_cuts_the_periods_duckdb_cuts(spark: Any, calendar: Calendar) -> None:
    from pyspark.sql import types as T

    times = moments()
    schema = T.StructType([T.StructField("i", T.LongType()), T.StructField("ts", T.TimestampNTZType())])
    spark.createDataFrame(list(enumerate(times)), schema=schema).createOrReplaceTempView("moments")
    on_spark = cut(ibis.pyspark.connect(spark).table("moments"), calendar)
    on_duckdb = cut(ibis.memtable(pa.table({"i": range(len(times)), "ts": times})), calendar)
    assert on_spark == on_duckdb
    assert len({row["month"] for row in on_duckdb}) > 100  # eleven years of months, not one
