"""The same analytics on Apache Spark (local mode) and on DuckDB give the same results.

One code path: the analyses are Ibis expressions, so the events table may come from either
backend. Floats may differ in their last bits (Spark and DuckDB add in different orders), so they
are compared to 1e-9 relative.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import pytest

from safar import analytics as an
from safar import demo
from safar.analytics.churn import churn
from safar.analytics.flows import flows
from safar.analytics.funnel_analysis import breakdown, funnel_times
from safar.analytics.retention import retention
from safar.analytics.rules import map_rules
from safar.events.periods import Calendar
from safar.insights.churn_risk import churn_risk
from safar.insights.health import health
from safar.maps.templates import load_template

pytestmark = [
    pytest.mark.spark,
    # Not Safar's code: PySpark 4.x calls pandas APIs that pandas 3 deprecates.
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]

JOURNEY = demo.bind_to_dataset(load_template("insurance", "en"))
TEHRAN = Calendar("jalali", "Asia/Tehran")


@pytest.fixture(scope="module")
def tables(spark: Any) -> tuple[Any, Any]:
    rows = demo.synthetic_events(JOURNEY, customers=300, seed=2)
    frame = pd.DataFrame(rows)
    frame["ts"] = pd.to_datetime(frame["timestamp"]).dt.tz_convert(None)
    frame["seq"] = range(len(frame))
    frame["dataset"] = demo.DATASET
    frame["event_id"] = [str(i) for i in range(len(frame))]
    frame = frame[["dataset", "event_id", "customer_id", "activity", "ts", "seq", "channel"]]
    from pyspark.sql import types as T

    schema = T.StructType(
        [
            T.StructField("dataset", T.StringType()),
            T.StructField("event_id", T.StringType()),
            T.StructField("customer_id", T.StringType()),
            T.StructField("activity", T.StringType()),
            T.StructField("ts", T.TimestampNTZType()),
            T.StructField("seq", T.LongType()),
            T.StructField("channel", T.StringType()),
        ]
    )
    records = [
        (r.dataset, r.event_id, r.customer_id, r.activity, r.ts.to_pydatetime(), int(r.seq), r.channel)
        for r in frame.itertuples(index=False)
    ]
    spark.createDataFrame(records, schema=schema).createOrReplaceTempView("events")
    duck = ibis.memtable(pa.Table.from_pylist([dict(zip(frame.columns, r, strict=True)) for r in records]))
    return duck, ibis.pyspark.connect(spark).table("events")


def same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


STAGES = [s.id for s in JOURNEY.stages]


class Listed:
    """Results that come as a list (one per group or step), compared like the others."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def to_dict(self) -> list[Any]:
        return [i.to_dict() for i in self.items]


class Members:
    """The customers behind the journey analyses' counts (a path, a broken rule, a funnel group's step), by id."""

    def __init__(self, events: Any) -> None:
        from safar.analytics import Level
        from safar.analytics.cohort import Cohort, CohortKind, InGroup, cohort_table

        stage = Level.STAGE
        cohorts = {
            "flow": Cohort(CohortKind.FLOW, step="wait_for_agent", steps=("(end)",), level=Level.TOUCHPOINT),
            "rule": Cohort(
                CohortKind.RULE,
                level=stage,
                rule="within",
                steps=("claims", "renewal"),
                window=timedelta(days=7),
            ),
            "group": Cohort(
                CohortKind.FUNNEL,
                level=stage,
                steps=tuple(STAGES[:3]),
                index=2,
                group=InGroup("channel", "advertising"),
            ),
        }
        self.found = {
            name: sorted(
                r["customer_id"]
                for r in cohort_table(events, c, journey_map=JOURNEY).to_pyarrow().to_pylist()
            )
            for name, c in cohorts.items()
        }

    def to_dict(self) -> dict[str, list[str]]:
        assert all(self.found.values())  # each names customers
        return self.found


ANALYSES = {
    "customers_behind_the_analyses": Members,
    "funnel": lambda e: an.funnel(e, STAGES, level="stage", journey_map=JOURNEY),
    "paths": lambda e: an.paths(e, level="touchpoint", journey_map=JOURNEY),
    "dropoff": lambda e: an.dropoff(e, level="touchpoint", journey_map=JOURNEY),
    "timing": lambda e: an.timing(e, level="stage", journey_map=JOURNEY),
    "loops": lambda e: an.loops(e, level="touchpoint", journey_map=JOURNEY),
    "conformance": lambda e: an.conformance(e, JOURNEY),
    "summary": lambda e: an.summary(e, JOURNEY),
    "retention": lambda e: retention(e, "month", TEHRAN),
    "retention_from_a_touchpoint": lambda e: retention(
        e, "week", start="report_claim", level="touchpoint", journey_map=JOURNEY
    ),
    "churn": lambda e: churn(e, inactive=timedelta(days=30), calendar=TEHRAN),
    "rules": lambda e: map_rules(e, JOURNEY, within=timedelta(days=7)),
    "flows_from_a_touchpoint": lambda e: flows(e, "wait_for_agent", level="touchpoint", journey_map=JOURNEY),
    "flows_to_a_touchpoint": lambda e: flows(
        e, "report_claim", direction="to", level="touchpoint", journey_map=JOURNEY
    ),
    # the first four stages: each step's chain is another join on Spark (the whole funnel is above)
    "funnel_per_channel": lambda e: Listed(
        breakdown(e, STAGES[:4], "channel", level="stage", journey_map=JOURNEY)
    ),
    "funnel_times": lambda e: Listed(funnel_times(e, STAGES[:4], level="stage", journey_map=JOURNEY)),
    "health": lambda e: health(e, as_of=datetime(2026, 10, 1), contacts=("wait_for_agent",)),
    "churn_risk": lambda e: churn_risk(
        e, as_of=datetime(2026, 10, 1), inactive=timedelta(days=30), level="touchpoint", journey_map=JOURNEY
    ),
}


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_spark_and_duckdb_agree(tables: tuple[Any, Any], name: str) -> None:
    duck, spark_events = tables
    on_duckdb = ANALYSES[name](duck).to_dict()
    on_spark = ANALYSES[name](spark_events).to_dict()
    assert same(on_duckdb, on_spark), (on_duckdb, on_spark)
    assert on_duckdb  # a real result, not an empty one
