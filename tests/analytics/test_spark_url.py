"""``SAFAR_WAREHOUSE_URL=spark:…``: the real CLI ingests into Spark (local mode) and analyses there.

The same commands run against a DuckDB home and a Spark home over the receipt log; their JSON must
be equal (floats to 1e-9 relative: the engines add in different orders). One Spark session serves
the whole module; it is stopped at the end.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from analytics_helpers import DATA, journey_map, tp
from typer.testing import CliRunner

from safar.cli import app
from safar.config import Settings
from safar.errors import ConfigError

pytestmark = [
    pytest.mark.spark,
    # Not Safar's code: PySpark 4.x calls pandas APIs that pandas 3 deprecates.
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
    # Not Safar's code: Ibis 12's DuckDB backend calls duckdb 2.0's deprecated fetch_arrow_table().
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]

RECEIPT = DATA / "receipt" / "08_receipt.xes.gz"
RECEIPT_COLUMNS = {  # the XES keys that took each role
    "customer": "case:concept:name",
    "activity": "concept:name",
    "time": "time:timestamp",
    "channel": "channel",
    "lifecycle": "lifecycle:transition",
    "resource": "org:resource",
}
UTC_READING = {"encoding": "UTF-8", "calendar": "gregorian", "tz": "UTC"}
STEPS = [
    "Confirmation of receipt",
    "T02 Check confirmation of receipt",
    "T04 Determine confirmation of receipt",
    "T05 Print and send confirmation of receipt",
]


def receipt_map() -> Any:
    bound = {"dataset": "receipt"}
    return journey_map(
        {
            "receive": [tp("confirm", {"activity": STEPS[0], **bound})],
            "check": [
                tp("check", {"activity": STEPS[1], **bound}),
                tp("determine", {"activity": STEPS[2], **bound}),
            ],
            "send": [tp("send", {"activity": STEPS[3], **bound})],
            "advise": [tp("advice", {"activity_regex": "^T(06|10) ", **bound})],
        }
    )


def run(env: dict[str, str | None], *args: str) -> Any:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory, spark_available: None) -> Iterator[dict[str, Any]]:
    """Two homes with the receipt log ingested and the same map: DuckDB (default) and Spark."""
    from safar.warehouse import spark
    from safar.workspace import Workspace

    base = tmp_path_factory.mktemp("spark-url")
    tables = base / "spark tables"  # a space: the folder reaches Spark SQL and DuckDB quoted
    envs: dict[str, dict[str, str | None]] = {
        "duckdb": {"SAFAR_HOME": str(base / "duck"), "SAFAR_LANG": "en", "SAFAR_WAREHOUSE_URL": None},
        "spark": {
            "SAFAR_HOME": str(base / "spark"),
            "SAFAR_LANG": "en",
            "SAFAR_WAREHOUSE_URL": f"spark:local[2]?path={tables}",
        },
    }
    reports, maps = {}, {}
    for name, env in envs.items():
        reports[name] = run(env, "events", "ingest", str(RECEIPT), "--dataset", "receipt", "--json")
        settings = Settings.from_env({k: v for k, v in env.items() if v is not None})
        with Workspace.open(settings) as ws:
            maps[name] = str(ws.create_map(receipt_map()).id)
    yield {"envs": envs, "reports": reports, "maps": maps, "tables": tables}
    spark.stop()


def same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def test_ingest_into_spark_reports_like_duckdb_and_writes_parquet(homes: dict[str, Any]) -> None:
    assert homes["reports"]["spark"] == homes["reports"]["duckdb"]
    assert homes["reports"]["spark"] == {
        "read": 8577,
        "loaded": 8577,
        "duplicates": 0,
        "rejected": 0,
        "quarantine": "rejected",
        "columns": RECEIPT_COLUMNS,
        "reading": UTC_READING,
    }
    for table in ("events", "customers", "ingestions"):
        assert list((homes["tables"] / table).glob("*.parquet")), table


def test_reingesting_the_same_file_into_spark_loads_nothing(homes: dict[str, Any]) -> None:
    again = run(homes["envs"]["spark"], "events", "ingest", str(RECEIPT), "--dataset", "receipt", "--json")
    assert again == {
        "read": 8577,
        "loaded": 0,
        "duplicates": 8577,
        "rejected": 0,
        "quarantine": "rejected",
        "columns": RECEIPT_COLUMNS,
        "reading": UTC_READING,
    }


def test_the_spark_quarantine_keeps_the_latest_ingestion_of_a_source_as_duckdb_does(
    homes: dict[str, Any], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("customer,activity,time\nana,visit,2024-03-01 10:00\nbob,,2024-03-01 10:00\n")
    results = {}
    for backend, env in homes["envs"].items():
        first = run(env, "events", "ingest", str(log), "--dataset", "small", "--json")
        with log.open("a") as more:
            more.write("cid,buy,not a time\n")
        second = run(env, "events", "ingest", str(log), "--dataset", "small", "--json")
        rows = run(env, "events", "rejected", "--dataset", "small", "--json")
        results[backend] = (first, second, [{**r, "ingested_at": None} for r in rows])
        log.write_text("customer,activity,time\nana,visit,2024-03-01 10:00\nbob,,2024-03-01 10:00\n")
    assert results["spark"] == results["duckdb"]
    first, second, rows = results["spark"]
    assert (first["loaded"], first["rejected"]) == (1, 1)
    assert (second["loaded"], second["duplicates"], second["rejected"]) == (0, 1, 2)
    assert [(r["row_number"], r["reason"]) for r in rows] == [
        (2, "row.missing_activity"),
        (3, "row.bad_time"),
    ]


COMMANDS = {
    "datasets": ["events", "datasets"],
    "funnel": ["analyze", "funnel", "--dataset", "receipt", "--steps", ",".join(STEPS)],
    "paths": ["analyze", "paths", "--dataset", "receipt", "--top", "5"],
    "summary": ["analyze", "summary", "--dataset", "receipt", "--map", "{map}"],
    "bind": ["map", "bind", "{map}", "--dataset", "receipt"],
    # an attribute (JSON text in both warehouses) read by key: customers with an event of Group 4
    "segment": ["analyze", "dropoff", "--dataset", "receipt", "--segment", "org:group=Group 4"],
    # the contact report through its service: the contacts computed once and kept while the warehouse is
    # open (a temporary table in DuckDB, a cached DataFrame on Spark)
    "contact": [
        "contact", "report", "--dataset", "receipt", "--contact-col", "case:concept:name",
        "--enter", STEPS[0], "--answer", STEPS[1], "--end", STEPS[3], "--agent-col", "org:resource", "--by", "agent",
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_cli_gives_the_same_json_on_spark_and_duckdb(homes: dict[str, Any], name: str) -> None:
    results = {}
    for backend, env in homes["envs"].items():
        args = [a.replace("{map}", homes["maps"][backend]) for a in COMMANDS[name]]
        results[backend] = run(env, *args, "--json")
    assert same(results["duckdb"], results["spark"]), results
    assert results["duckdb"]


def test_the_web_overlay_and_journeys_read_spark(homes: dict[str, Any]) -> None:
    from safar.context import Context
    from safar.services.journeys import journeys
    from safar.services.overlay import canvas

    views = {}
    for backend, env in homes["envs"].items():
        settings = Settings.from_env({k: v for k, v in env.items() if v is not None})
        with Context.open(settings, lang="en") as ctx:
            map_id = int(homes["maps"][backend])
            overlay = canvas(ctx, map_id)
            view = journeys(ctx, map_id)
            assert overlay.voice == {}  # no answers or comments: an empty voice, no error
        assert overlay.dataset is not None and view.dataset is not None
        views[backend] = (overlay.customers, overlay.touchpoints, view.funnel, view.variants, view.sankey)
    assert same(list(views["duckdb"]), list(views["spark"]))


def test_the_cli_ingests_comments_into_spark_like_duckdb(homes: dict[str, Any], tmp_path: Path) -> None:
    comments = tmp_path / "comments.csv"
    comments.write_text('text\nvery slow\n""\n')
    reports = {}
    for backend, env in homes["envs"].items():
        args = ["feedback", "ingest", str(comments), "--map", homes["maps"][backend], "--dataset", "talk"]
        reports[backend] = run(env, *args, "--json")
    assert reports["spark"] == reports["duckdb"]
    assert reports["spark"] == {
        "read": 2,
        "loaded": 1,
        "duplicates": 0,
        "rejected": 1,
        "quarantine": "rejected",
        "columns": {"text": "text"},
        "reading": {"encoding": "UTF-8", "calendar": "-", "tz": "UTC"},
    }


def test_a_spark_url_without_pyspark_says_how_to_install_it(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['pyspark'] = None\n"  # what an installation without PySpark sees
        "from safar.config import Settings\n"
        "from safar.errors import ConfigError\n"
        "from safar.warehouse import open_warehouse\n"
        "try:\n"
        f"    open_warehouse(Settings.from_env({{'SAFAR_HOME': {str(tmp_path)!r},"
        " 'SAFAR_WAREHOUSE_URL': 'spark:local[1]'}))\n"
        "except ConfigError as err:\n"
        "    print(err.code, err.message_for('en'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("warehouse.spark_missing ")
    assert "pip install 'safar[spark]'" in done.stdout


def test_a_spark_url_with_an_unknown_setting_is_refused(tmp_path: Path) -> None:
    from safar.warehouse.spark import SparkLocation

    with pytest.raises(ConfigError) as err:
        SparkLocation.parse("spark:local[2]?folder=/x", tmp_path)
    assert err.value.code == "warehouse.spark_url"
    assert err.value.details["key"] == "folder"


def test_key_metrics_measure_the_same_on_spark(homes: dict[str, Any]) -> None:
    """The KPI screen keeps the map's measured steps once per page (a temporary table on DuckDB, a
    cached DataFrame on Spark, released when the warehouse closes): both give the same values."""
    from safar.kpis.values import measure_map
    from safar.model.journey import Measure, Metric
    from safar.workspace import Workspace

    journey = receipt_map()
    journey.metrics = [
        Metric(name=kind, unit="%", measure=Measure(kind=kind))
        for kind in ("customers", "conversion", "dropoff", "median_time_to_next")
    ]
    journey.stages[1].touchpoints[0].metrics = [
        Metric(name="check goes on", unit="%", measure=Measure(kind="conversion")),
        Metric(name="check stops", unit="%", measure=Measure(kind="dropoff")),
    ]
    values = {}
    for backend, env in homes["envs"].items():
        settings = Settings.from_env({k: v for k, v in env.items() if v is not None})
        with Workspace.open(settings) as ws:
            map_id = ws.create_map(journey).id
            report = measure_map(ws, map_id, period="month")
        values[backend] = [(v.metric, v.value, v.n, v.low, v.high, list(v.trend)) for v in report.values]
    assert same(values["duckdb"], values["spark"])
    measured = {name: n for name, value, n, *_ in values["duckdb"] if value is not None}
    assert set(measured) >= {"customers", "conversion", "check goes on", "check stops"}


def test_removing_a_dataset_from_spark_leaves_the_others(homes: dict[str, Any], tmp_path: Path) -> None:
    """`safar events remove` writes each Spark table again without the dataset: the other datasets keep
    every row, as on DuckDB (both homes end as they began: the receipt log only)."""
    (tmp_path / "keep.csv").write_text("customer,activity,time\nk1,visit,2024-01-01T10:00:00\n")
    (tmp_path / "drop.csv").write_text(
        "customer,activity,time\nd1,visit,2024-01-01T10:00:00\nd2,visit,2024-01-02T10:00:00\nd3,visit,x\n"
    )
    counts = {}
    before = {}
    for backend, env in homes["envs"].items():
        listed = run(env, "events", "datasets", "--json")
        before[backend] = {d["name"]: (d["events"], d["customers"]) for d in listed}
        for name in ("keep", "drop"):
            run(env, "events", "ingest", str(tmp_path / f"{name}.csv"), "--dataset", name, "--json")
        removed = run(env, "events", "remove", "drop", "--yes", "--json")
        left = {d["name"]: (d["events"], d["customers"]) for d in run(env, "events", "datasets", "--json")}
        run(env, "events", "remove", "keep", "--yes", "--json")
        counts[backend] = (removed, left)
    assert counts["spark"] == counts["duckdb"]
    assert counts["spark"] == (
        {
            "dataset": "drop",
            "removed": {"events": 2, "customers": 2, "comments": 0, "rejected": 1, "ingestions": 1},
            "maps": [],
        },
        {**before["spark"], "keep": (1, 1)},  # what the module's other tests left there, untouched
    )
    assert counts["spark"][1]["receipt"][0] == homes["reports"]["spark"]["loaded"]
