"""The contact-centre report on Apache Spark (local mode) and on DuckDB gives the same document: the
synthetic call-centre log of tests/services/test_contact.py, its contact, queue and agent columns kept as
attributes as ingestion keeps them, grouped every way, Jalali months in Tehran time included."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import ibis
import pyarrow as pa
import pytest
from tests.services.test_contact import _rows

from safar.analytics._common import rows
from safar.analytics.contact import BY, Roles, contact_report, contact_times
from safar.analytics.routing import route_cells
from safar.events.periods import Calendar

pytestmark = [
    pytest.mark.spark,
    # Not Safar's code: PySpark 4.x calls pandas APIs that pandas 3 deprecates.
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]
ROLES = Roles(enter=("queued",), answer=("answered",), abandon=("abandoned",), end=("ended",))


@pytest.fixture(scope="module")
def tables(spark: Any) -> tuple[Any, Any]:
    from pyspark.sql import types as T

    records = []
    for seq, row in enumerate(_rows()):
        kept = {k: row[k] for k in ("contact_id", "queue", "agent", "reason") if row[k]}
        records.append(
            (
                "calls",
                row["customer"],
                row["activity"],
                dt.datetime.fromisoformat(row["time"]),
                seq,
                row["channel"],
                None,
                json.dumps(kept),
            )
        )
    names = ["dataset", "customer_id", "activity", "ts", "seq", "channel", "resource", "attributes"]
    types = [T.StringType(), T.StringType(), T.StringType(), T.TimestampNTZType(), T.LongType()]
    types += [T.StringType(), T.StringType(), T.StringType()]
    schema = T.StructType([T.StructField(n, t) for n, t in zip(names, types, strict=True)])
    spark.createDataFrame(records, schema=schema).createOrReplaceTempView("contact_events")
    arrow = pa.table(
        {n: [r[i] for r in records] for i, n in enumerate(names)},
        schema=pa.schema(
            [
                (n, pa.timestamp("us") if n == "ts" else pa.int64() if n == "seq" else pa.string())
                for n in names
            ]
        ),
    )
    return ibis.memtable(arrow), ibis.pyspark.connect(spark).table("contact_events")


def same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


# Each way of grouping reads its key one way: the whole (no key), a kept attribute taken from the first
# answer (agent), a computed local time (weekday, in Jalali weeks). Queue and channel are read as the agent
# and hour as the weekday are, so each Spark run (about 8 s here) checks a different path.
@pytest.mark.parametrize("by", [None, "agent", "weekday"])
def test_the_same_report_on_spark(tables: tuple[Any, Any], by: str | None) -> None:
    assert by is None or by in BY
    duck, spark = tables
    calendar = Calendar("jalali", "Asia/Tehran")
    expected = contact_report(duck, ROLES, by=by, period="month", calendar=calendar)
    found = contact_report(spark, ROLES, by=by, period="month", calendar=calendar)
    assert same(found, expected), (found, expected)
    assert expected["overall"]["offered"] == 12 and expected["not_read"]["before_enter"] == 1


def test_the_routing_cells_the_wait_estimates_times_and_the_handle_split_on_spark(
    tables: tuple[Any, Any],
) -> None:
    duck, spark = tables
    # c07's transfer read as a hold: the window of a contact's next event (safar.metrics.contact)
    split = Roles(**{**ROLES.__dict__, "hold": ("transferred",), "reopen": ("reopened",)})
    expected = contact_report(duck, split)
    assert same(contact_report(spark, split), expected), expected
    # c07's hold runs from the transfer a minute in to its end 3 minutes later: 180 s among 8 ended contacts
    assert expected["overall"]["hold_time"] == 180 / 8
    assert same(route_cells(spark, ROLES), route_cells(duck, ROLES))
    order = ["queue", "enter"]
    assert same(
        rows(contact_times(spark, ROLES).order_by(order)), rows(contact_times(duck, ROLES).order_by(order))
    )
