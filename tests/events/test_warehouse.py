from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from safar.errors import ConflictError, NotFoundError
from safar.events import ingest_file, rejected_rows
from safar.events.transform import MACROS
from safar.i18n import translate
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


def test_a_warehouse_of_safar_0_1_is_upgraded_in_place_and_keeps_deduplicating(settings, look, write):
    """0.1 stored attributes as a MAP and a content hash in a NOT NULL event_id."""
    settings.warehouse_path.parent.mkdir(parents=True)
    old = duckdb.connect(str(settings.warehouse_path))
    old.execute(
        """CREATE TABLE events (dataset VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
        customer_id VARCHAR NOT NULL, activity VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, seq BIGINT NOT NULL,
        channel VARCHAR, lifecycle VARCHAR, resource VARCHAR, attributes MAP(VARCHAR, VARCHAR))"""
    )
    old.execute(
        """INSERT INTO events VALUES
        ('shop', '5d41402abc4b2a76b9719d911017c592', 'ana', 'visit', '2024-03-01 10:00', 1, NULL, NULL, NULL,
         MAP {'tier': 'gold', 'a/b': 'x'}),
        ('shop', '7d793037a0760186574b0282f2f435e7', 'bob', 'visit', '2024-03-02 10:00', 2, NULL, NULL, NULL,
         MAP {})"""
    )
    old.execute(
        "CREATE TABLE customers (dataset VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, attributes MAP(VARCHAR, VARCHAR))"
    )
    old.execute("INSERT INTO customers VALUES ('shop', 'ana', MAP {'plan': 'ویژه'}), ('shop', 'bob', MAP {})")
    old.close()
    with open_warehouse(settings) as wh:
        assert wh.raw.execute(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_name = 'events' AND column_name IN ('event_id', 'attributes') ORDER BY column_name"
        ).fetchall() == [("attributes", "VARCHAR", "YES"), ("event_id", "VARCHAR", "YES")]
    assert look.query("SELECT event_id, attributes FROM events ORDER BY seq") == [
        ("5d41402abc4b2a76b9719d911017c592", '{"tier":"gold","a/b":"x"}'),
        ("7d793037a0760186574b0282f2f435e7", "{}"),
    ]
    assert look.query("SELECT customer_id, attributes FROM customers ORDER BY 1") == [
        ("ana", '{"plan":"ویژه"}'),
        ("bob", "{}"),
    ]
    # the same events from a file again: recognised by content, nothing loaded twice
    path = write(
        "log.csv",
        "case,event,time,tier,a/b\nana,visit,2024-03-01 10:00,gold,x\nbob,visit,2024-03-02 10:00,,\n",
    )
    report = ingest_file(settings, path, dataset="shop")
    assert (report.loaded, report.duplicates) == (0, 2)  # bob's empty cells (JSON nulls) match his empty map


def test_an_older_quarantine_keeps_its_messages_as_written_and_new_reasons_are_keys(settings, look, write):
    """Before, a quarantined row's message was stored as text in the ingestion's language."""
    settings.warehouse_path.parent.mkdir(parents=True)
    old = duckdb.connect(str(settings.warehouse_path))
    old.execute(
        """CREATE TABLE rejected (dataset VARCHAR NOT NULL, source VARCHAR NOT NULL, row_number BIGINT,
        field VARCHAR, reason VARCHAR NOT NULL, message VARCHAR, raw VARCHAR, ingested_at TIMESTAMP NOT NULL)"""
    )
    old.execute(
        "INSERT INTO rejected VALUES ('shop', 'old.csv', 2, 'time', 'row.bad_time', "
        "'سطر ۲: مقدار «دیروز» در time زمان نیست.', '{}', '2024-03-01 10:00'), "
        "('shop', 'old.csv', 3, 'case', 'row.missing_customer', NULL, '{}', '2024-03-01 10:00')"
    )
    old.execute(
        "CREATE TABLE ingestions (dataset VARCHAR NOT NULL, source VARCHAR NOT NULL, digest VARCHAR, "
        "read BIGINT NOT NULL, loaded BIGINT NOT NULL, duplicates BIGINT NOT NULL, rejected BIGINT NOT NULL, "
        "started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL)"
    )
    old.execute("INSERT INTO ingestions VALUES ('shop', 'old.csv', NULL, 2, 0, 0, 2, now(), now())")
    old.close()
    ingest_file(settings, write("new.csv", "case,event,time\nana,visit,soon\n"), dataset="shop")
    assert look.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'rejected' ORDER BY ordinal_position"
    ) == [
        (c,)
        for c in ("dataset", "source", "row_number", "field", "reason", "reason_values", "raw", "ingested_at")
    ]
    with open_warehouse(settings) as wh:
        found = rejected_rows(wh, "shop", "en")
    rows = {(Path(r["source"]).name, r["row_number"]): (r["reason_values"], r["message"]) for r in found}
    legacy = "سطر ۲: مقدار «دیروز» در time زمان نیست."
    assert rows == {
        ("old.csv", 2): ({"legacy": legacy}, legacy),  # kept as written, in the language it was written in
        ("old.csv", 3): ({}, "Row 3: the customer (case) is empty. Fill it in and ingest the file again."),
        ("new.csv", 1): (
            {"row": 1, "field": "time", "value": "soon"},
            translate("row.bad_time", "en", row=1, field="time", value="soon"),
        ),
    }


def test_ingest_through_an_open_warehouse(settings, write):
    with open_warehouse(settings) as wh:
        report = ingest_file(wh, write("a.csv", "case,event,time\nc1,a,2024-01-01\n"), dataset="one")
        assert report.loaded == 1
        assert [d.name for d in wh.datasets()] == ["one"]


def test_a_warehouse_held_by_another_process_is_a_clear_error(settings, write, warehouse_holder):
    settings.home.mkdir(parents=True)
    pid = warehouse_holder.hold(settings.warehouse_path)
    with pytest.raises(ConflictError) as caught:
        ingest_file(settings, write("a.csv", "case,event,time\nc1,a,2024-01-01\n"), dataset="one")
    warehouse_holder.release()
    err = caught.value
    assert (err.code, err.details) == (
        "warehouse.locked",
        {"path": str(settings.warehouse_path), "pid": str(pid)},
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


def test_a_spark_folder_of_safar_0_1_gets_json_attributes_without_losing_rows(tmp_path):
    from safar.warehouse.spark import SparkLocation, upgrade_events_folder

    location = SparkLocation.parse(f"spark:local[1]?path={tmp_path / 'w'}", tmp_path)
    folder = location.folder("events")
    folder.mkdir(parents=True)
    old, new = folder / "part-0.parquet", folder / "part-1.parquet"
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT 'shop' AS dataset, 'h1' AS event_id, MAP {{'tier': 'gold'}} AS attributes "
            f"UNION ALL SELECT 'shop', 'h2', MAP {{}}) TO '{old}' (FORMAT parquet)"
        )
        con.execute(
            f"""COPY (SELECT 'shop' AS dataset, NULL AS event_id, '{{"a":"1"}}' AS attributes) TO '{new}'"""
        )
        (tmp_path / "w" / "customers").mkdir()
        people = tmp_path / "w" / "customers" / "part-0.parquet"
        con.execute(
            f"COPY (SELECT 'shop' AS dataset, 'ana' AS customer_id, MAP {{'x': 'y'}} AS attributes) TO '{people}'"
        )
    assert upgrade_events_folder(location) == 2
    assert upgrade_events_folder(location) == 0  # nothing left to do
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT event_id, attributes FROM read_parquet(['{old}', '{new}']) ORDER BY event_id NULLS LAST"
        ).fetchall()
    assert rows == [("h1", '{"tier":"gold"}'), ("h2", "{}"), (None, '{"a":"1"}')]
    with duckdb.connect() as con:
        assert con.execute(f"SELECT customer_id, attributes FROM '{people}'").fetchall() == [
            ("ana", '{"x":"y"}')
        ]
    assert sorted(p.name for p in folder.iterdir()) == ["part-0.parquet", "part-1.parquet"]


def test_a_spark_quarantine_folder_keeps_its_old_messages_as_legacy_reason_values(tmp_path):
    from safar.warehouse.spark import SparkLocation, upgrade_rejected_folder

    location = SparkLocation.parse(f"spark:local[1]?path={tmp_path / 'w'}", tmp_path)
    folder = location.folder("rejected")
    folder.mkdir(parents=True)
    old, new = folder / "part-0.parquet", folder / "part-1.parquet"
    columns = (
        "'shop' AS dataset, 'a.csv' AS source, 2 AS row_number, 'time' AS field, 'row.bad_time' AS reason"
    )
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT {columns}, 'Row 2: old words' AS message, '{{}}' AS raw, "
            f"TIMESTAMP '2024-03-01 10:00' AS ingested_at) TO '{old}' (FORMAT parquet)"
        )
        con.execute(
            f"""COPY (SELECT {columns}, '{{"row": 2}}' AS reason_values, '{{}}' AS raw,
            TIMESTAMP '2024-03-01 10:00' AS ingested_at) TO '{new}' (FORMAT parquet)"""
        )
    assert upgrade_rejected_folder(location) == 1
    assert upgrade_rejected_folder(location) == 0  # nothing left to do
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT * FROM read_parquet(['{old}', '{new}']) ORDER BY reason_values"
        ).fetchall()
        names = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM '{old}'").fetchall()]
    assert names == [
        "dataset",
        "source",
        "row_number",
        "field",
        "reason",
        "reason_values",
        "raw",
        "ingested_at",
    ]
    assert [r[5] for r in rows] == ['{"legacy":"Row 2: old words"}', '{"row": 2}']
