"""The kept steps' test data: an insurance map bound to a dataset ``log`` of synthetic customers, and
writes of events as a load makes them (tests/analytics/test_kept.py, test_kept_counts.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from safar.config import Settings
from safar.demo import bind_to_dataset, synthetic_events
from safar.maps.templates import load_template
from safar.model import JourneyMap
from safar.warehouse import Warehouse, open_warehouse

DATASET = "log"


@pytest.fixture(name="journey")
def kept_journey() -> JourneyMap:
    return bind_to_dataset(load_template("insurance", "en"), DATASET)


@pytest.fixture(name="warehouse")
def kept_warehouse(tmp_path: Path, journey: JourneyMap) -> Iterator[Warehouse]:
    wh = open_warehouse(Settings.from_env({"SAFAR_HOME": str(tmp_path / "home")}))
    add(wh, synthetic_events(journey, customers=400, seed=3))
    yield wh
    wh.close()


def add(wh: Warehouse, rows: list[dict[str, Any]], *, prefix: str = "", seq_from: int = 0) -> None:
    table = pa.table(
        {
            "dataset": [DATASET] * len(rows),
            "customer_id": [prefix + str(r["customer_id"]) for r in rows],
            "activity": [r["activity"] for r in rows],
            "ts": [dt.datetime.fromisoformat(str(r["timestamp"])).replace(tzinfo=None) for r in rows],
            "seq": list(range(seq_from, seq_from + len(rows))),
            "channel": [r["channel"] for r in rows],
            "attributes": [r.get("attributes") for r in rows],
        }
    )
    assert wh.raw is not None
    wh.raw.register("_added", table)
    wh.raw.execute(
        "INSERT INTO events (dataset, customer_id, activity, ts, seq, channel, attributes) "
        "SELECT dataset, customer_id, activity, ts, seq, channel, attributes FROM _added"
    ).fetchall()
    wh.raw.unregister("_added")
    loaded(wh)


def loaded(wh: Warehouse) -> None:
    """A load's record, as every ingestion writes with its events: the kept steps are checked again."""
    assert wh.raw is not None
    n = wh.raw.execute("SELECT count(*) FROM ingestions").fetchall()[0][0]
    wh.raw.execute(
        "INSERT INTO ingestions VALUES (?, 'test', NULL, 0, 0, 0, 0, now(), now())", [DATASET]
    ).fetchall()
    assert wh.raw.execute("SELECT count(*) FROM ingestions").fetchall()[0][0] == n + 1


def execute(wh: Warehouse, sql: str) -> None:
    assert wh.raw is not None
    wh.raw.execute(sql).fetchall()
    loaded(wh)
