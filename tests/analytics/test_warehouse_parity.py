"""Through the real path: `safar.events.ingest_file` into a warehouse, then paths() against PM4Py.

The analytics side is held to PM4Py in test_real_logs.py; this test shows what a user gets after
ingestion. PM4Py (AGPL) is a test-only reference.
"""

from __future__ import annotations

import warnings

import pytest
from analytics_helpers import DATA, LOGS

from safar.analytics import paths
from safar.config import Settings

pytestmark = [
    pytest.mark.slow,
    # Not Safar's code: Ibis 12's DuckDB backend calls duckdb 2.0's deprecated fetch_arrow_table().
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    from safar.events import ingest_file
    from safar.warehouse import open_warehouse

    settings = Settings.from_env({"SAFAR_HOME": str(tmp_path_factory.mktemp("home"))})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, rel in LOGS.items():
            ingest_file(settings, DATA / rel, dataset=name)
    with open_warehouse(settings) as wh:
        yield wh


@pytest.mark.parametrize("name", sorted(LOGS))
def test_ingested_logs_give_pm4pys_dfg_and_variants(warehouse, real_logs, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pm4py
    raw, _ = real_logs[name]
    dfg, start, end = pm4py.discover_dfg(raw)
    variants = pm4py.get_variants(raw)

    result = paths(warehouse.events(name), top=0)

    assert {(a, b): n for a, b, n in result.edges} == dict(dfg)
    assert dict(result.variants) == {tuple(k): int(v) for k, v in variants.items()}
    assert (dict(result.start), dict(result.end)) == (dict(start), dict(end))
