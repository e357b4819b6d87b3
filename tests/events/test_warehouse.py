from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime

import duckdb
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from safar.errors import ConflictError, NotFoundError
from safar.events import ingest_file
from safar.events.transform import MACROS
from safar.model.text import normalize_text
from safar.warehouse import DatasetInfo, open_warehouse


def test_datasets_and_events_of_a_dataset(settings, write):
    ingest_file(
        settings, write("a.csv", "case,event,time\nc1,a,2024-01-01\nc2,b,2024-01-03\n"), dataset="one"
    )
    with open_warehouse(settings) as wh:
        assert wh.datasets() == [
            DatasetInfo(
                "one",
                events=2,
                customers=2,
                activities=2,
                first=datetime(2024, 1, 1),
                last=datetime(2024, 1, 3),
            )
        ]
        assert wh.events("one").count().to_pyarrow().as_py() == 2
        assert wh.events().columns == (
            "dataset",
            "event_id",
            "customer_id",
            "activity",
            "ts",
            "seq",
            "channel",
            "lifecycle",
            "resource",
            "attributes",
        )
        with pytest.raises(NotFoundError) as caught:
            wh.events("two")
    assert (caught.value.code, caught.value.details) == (
        "dataset.not_found",
        {"dataset": "two", "known": ["one"]},
    )


def test_ingest_through_an_open_warehouse(settings, write):
    with open_warehouse(settings) as wh:
        report = ingest_file(wh, write("a.csv", "case,event,time\nc1,a,2024-01-01\n"), dataset="one")
        assert report.loaded == 1
        assert [d.name for d in wh.datasets()] == ["one"]


def test_a_warehouse_held_by_another_process_is_a_clear_error(settings, write):
    settings.home.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(settings.warehouse_path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(ConflictError) as caught:
            ingest_file(settings, write("a.csv", "case,event,time\nc1,a,2024-01-01\n"), dataset="one")
    finally:
        holder.communicate("")
    err = caught.value
    assert (err.code, err.details) == (
        "warehouse.locked",
        {"path": str(settings.warehouse_path), "pid": str(holder.pid)},
    )
    assert "safar serve" in err.message_for("en")


@pytest.fixture(scope="module")
def norm_con():
    con = duckdb.connect()
    for macro in MACROS:
        con.execute(macro)
    yield con
    con.close()


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet="ي ىكaب\u200c\t\n\u00a0ی.", max_size=12))
def test_sql_normalisation_equals_normalize_text(norm_con, text):
    assert norm_con.execute("SELECT safar_norm(?)", [text]).fetchone()[0] == normalize_text(text)
