"""Every analytics expression compiles to Spark SQL with Ibis's PySpark compiler.

This is a compile-only check (PySpark is not installed here): it catches operations the
PySpark backend does not support, so the one code path stays portable. Running the analytics
on a Spark session and comparing results with DuckDB is the job of the ``spark`` marker.
"""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.config
import pytest
from analytics_helpers import T0, H, journeys_for, simple_map

from safar import analytics as an
from safar.analytics.paths import paths_table, step_pairs_table


class _SparkOptions(ibis.config.Config):
    treat_nan_as_null: bool = False


@pytest.fixture(autouse=True)
def _spark_options(monkeypatch):
    # The compiler reads ibis.options.pyspark, which only exists once the PySpark backend is imported.
    if ibis.options.pyspark is None:
        monkeypatch.setattr(ibis.options, "pyspark", _SparkOptions())


EVENTS = journeys_for({"ana": [("ad", T0, "web", {"tier": "gold"}), ("site", T0 + H, "app")]})
MAP = simple_map()
PATH = an.journey(EVENTS, "stage", MAP)
DAY = dt.timedelta(days=1)

EXPRESSIONS = {
    "bind_events": lambda: an.bind_events(EVENTS, MAP),
    "filters": lambda: an.apply_filters(
        EVENTS, an.Filters(start=T0, end=T0 + DAY, segment=(("tier", "gold"),))
    ),
    "funnel_sequential": lambda: an.funnel_table(EVENTS, ["ad", "site"], window=DAY),
    "funnel_strict": lambda: an.funnel_table(EVENTS, ["ad", "site"], order="strict", window=DAY),
    "funnel_any": lambda: an.funnel_table(EVENTS, ["ad", "site"], order="any", window=DAY),
    "dfg": lambda: an.dfg_table(PATH),
    "variants": lambda: an.variants_table(PATH),
    "step_pairs": lambda: step_pairs_table(PATH, 3),
    "paths": lambda: paths_table(PATH, top=5, sankey_depth=3),
    "paths_all_variants": lambda: paths_table(PATH, top=0),
    "dropoff": lambda: an.dropoff_table(PATH, "buy"),
    "timing": lambda: an.timing_table(PATH, "buy"),
    "repeats": lambda: an.repeats_table(PATH),
    "loops": lambda: an.loops_table(PATH, EVENTS),
    "ping_pong": lambda: an.ping_pong_table(EVENTS),
    "responses": lambda: an.responses_table(EVENTS, ["ad"], ["site"]),
    "conformance": lambda: an.conformance_table(EVENTS, MAP),
    "deviations": lambda: an.deviations_table(EVENTS, MAP),
    "summary": lambda: an.summary_table(EVENTS, MAP),
}


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_compiles_to_spark_sql(name):
    assert ibis.to_sql(EXPRESSIONS[name](), dialect="pyspark").strip()
