from __future__ import annotations

from datetime import datetime

import pyarrow as pa
import pyarrow.parquet as pq

from safar.events import ingest_file


def test_jsonl_broken_lines_are_quarantined_and_blank_lines_skipped(settings, look, write):
    path = write(
        "log.jsonl",
        '{"customer": "ana", "activity": "visit", "time": "2024-01-01T10:00:00Z", "device": "ios", "n": 3}\n'
        '{"customer": "ana", "activity": "buy", \n'
        "\n"
        '["not", "an", "object"]\n'
        '{"customer": "bob", "activity": "visit", "time": "2024-01-02 09:00", "nested": {"a": 1}, "gone": null}\n',
    )
    report = ingest_file(settings, path, dataset="j")
    assert report.summary() == {
        "read": 4,
        "loaded": 2,
        "duplicates": 0,
        "rejected": 2,
        "quarantine": "rejected",
    }
    assert look.rejected("j") == [(2, None, "row.bad_json"), (4, None, "row.bad_json")]
    assert look.query(
        "SELECT customer_id, activity, ts, seq, attributes::JSON::MAP(VARCHAR, VARCHAR) FROM events ORDER BY seq"
    ) == [
        ("ana", "visit", datetime(2024, 1, 1, 10), 1, {"device": "ios", "n": "3"}),
        ("bob", "visit", datetime(2024, 1, 2, 9), 5, {"nested": '{"a":1}'}),
    ]
    assert look.query("SELECT raw FROM rejected ORDER BY row_number") == [
        ('{"customer": "ana", "activity": "buy", ',),
        ('["not", "an", "object"]',),
    ]
    assert ingest_file(settings, path, dataset="j").summary()["duplicates"] == 2


def test_parquet_typed_and_text_times(settings, look, write, tmp_path):
    table = pa.table(
        {
            "case_id": ["c1", "c1", "c2", None],
            "activity": ["a", "b", "a", "a"],
            "timestamp": pa.array(
                [
                    datetime(2024, 1, 1, 12),
                    datetime(2024, 1, 1, 12),
                    datetime(2024, 1, 2),
                    datetime(2024, 1, 3),
                ],
                pa.timestamp("us"),
            ),
            "score": [1, 2, None, 4],
        }
    )
    path = tmp_path / "log.parquet"
    pq.write_table(table, path)
    report = ingest_file(settings, path, dataset="p", tz="Asia/Tehran")
    assert report.summary() == {
        "read": 4,
        "loaded": 3,
        "duplicates": 0,
        "rejected": 1,
        "quarantine": "rejected",
    }
    assert look.events("p") == [
        ("c1", "a", datetime(2024, 1, 1, 8, 30), 1),
        ("c1", "b", datetime(2024, 1, 1, 8, 30), 2),
        ("c2", "a", datetime(2024, 1, 1, 20, 30), 3),
    ]
    assert look.rejected("p") == [(4, "case_id", "row.missing_customer")]
    assert look.query("SELECT attributes::JSON::MAP(VARCHAR, VARCHAR) FROM events ORDER BY seq") == [
        ({"score": "1"},),
        ({"score": "2"},),
        ({"score": None},),  # a missing value is a JSON null
    ]


def test_parquet_aware_timestamps_stay_the_same_instant(settings, look, tmp_path):
    table = pa.table(
        {
            "customer": ["c1"],
            "event": ["a"],
            "time": pa.array([datetime(2024, 1, 1, 12)], pa.timestamp("us", tz="UTC")),
        }
    )
    path = tmp_path / "aware.parquet"
    pq.write_table(table, path)
    ingest_file(settings, path, dataset="p", tz="Asia/Tehran")
    assert look.events("p") == [("c1", "a", datetime(2024, 1, 1, 12), 1)]


def test_a_json_array_is_not_json_lines(settings, write):
    import pytest

    from safar.errors import InputError

    with pytest.raises(InputError) as caught:
        ingest_file(settings, write("log.json", '[{"customer": "a"}]'), dataset="j")
    assert caught.value.code == "events.unreadable"
    assert "one JSON array" in caught.value.message_for("en")


def test_parquet_numbers_stay_numbers_in_the_attributes_and_reingestion_loads_nothing(
    settings, look, tmp_path
):
    path = tmp_path / "typed.parquet"
    pq.write_table(
        pa.table(
            {
                "case": ["c1", "c1", "c2"],
                "activity": ["a", "a", "b"],
                "time": pa.array([datetime(2024, 1, 1)] * 3, pa.timestamp("s")),
                "amount": [12.5, 12.5, None],
                "paid": [True, True, False],
                "note": ["x", "x", "y"],
            }
        ),
        path,
    )
    first = ingest_file(settings, path, dataset="p")
    again = ingest_file(settings, path, dataset="p")
    assert (first.loaded, again.loaded, again.duplicates) == (3, 0, 3)
    assert look.query("SELECT attributes FROM events ORDER BY seq") == [
        ('{"amount":12.5,"paid":true,"note":"x"}',),
        ('{"amount":12.5,"paid":true,"note":"x"}',),
        ('{"amount":null,"paid":false,"note":"y"}',),
    ]
    # read by key, a number is its text (safar.analytics._common.attribute)
    assert look.query("SELECT json_extract_string(attributes, '/amount') FROM events ORDER BY seq") == [
        ("12.5",),
        ("12.5",),
        (None,),
    ]
