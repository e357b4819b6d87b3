from __future__ import annotations

import json
from datetime import datetime

import pytest

from safar.errors import InputError
from safar.events import ingest_file, rejected_rows
from safar.i18n import translate
from safar.warehouse import open_warehouse

HEADER = "customer_id,activity,timestamp,channel,amount\n"


def test_csv_loads_events_with_attributes_in_utc(settings, look, write):
    path = write(
        "log.csv",
        HEADER + "ana,visit,2024-03-01 10:00:00,web,\nana,buy,2024-03-01T10:05:00+03:30,app,12.5\n",
    )
    report = ingest_file(settings, path, dataset="shop")
    assert report.summary() == {
        "read": 2,
        "loaded": 2,
        "duplicates": 0,
        "rejected": 0,
        "quarantine": "rejected",
    }
    assert report.columns == {
        "customer": "customer_id",
        "activity": "activity",
        "time": "timestamp",
        "channel": "channel",
    }
    rows = look.query(
        "SELECT customer_id, activity, ts, seq, channel, attributes::JSON::MAP(VARCHAR, VARCHAR) FROM events ORDER BY customer_id, ts, seq"
    )
    assert rows == [
        ("ana", "buy", datetime(2024, 3, 1, 6, 35), 2, "app", {"amount": "12.5"}),
        ("ana", "visit", datetime(2024, 3, 1, 10, 0), 1, "web", {"amount": None}),  # empty cell: JSON null
    ]
    assert look.query("SELECT dataset, customer_id, attributes FROM customers") == [("shop", "ana", "{}")]


def test_empty_and_repeated_headers_get_the_keys_they_always_had(settings, look, write):
    """An empty header is v<position>, a repeated one name_1: DuckDB's names, kept since Safar 0.1."""
    path = write("log.csv", "customer,activity,time,note,note,\nc1,visit,2024-01-01,a,b,z\n")
    assert ingest_file(settings, path, dataset="d").loaded == 1
    assert look.query("SELECT attributes FROM events") == [('{"note":"a","note_1":"b","v5":"z"}',)]
    again = ingest_file(settings, path, dataset="d")
    assert (again.loaded, again.duplicates) == (0, 1)


def test_naive_times_take_the_given_time_zone(settings, look, write):
    path = write("log.csv", "case,event,time\nc1,a,2024-03-01 12:00:00\nc1,b,2024-06-01 12:00:00+02:00\n")
    ingest_file(settings, path, dataset="d", tz="Asia/Tehran")
    assert look.events("d") == [
        ("c1", "a", datetime(2024, 3, 1, 8, 30), 1),
        ("c1", "b", datetime(2024, 6, 1, 10, 0), 2),
    ]


def test_unknown_time_zone_is_an_input_error(settings, write):
    path = write("log.csv", "case,event,time\nc1,a,2024-03-01\n")
    with pytest.raises(InputError) as caught:
        ingest_file(settings, path, dataset="d", tz="Mars/Olympus")
    assert (caught.value.code, caught.value.details) == ("events.bad_timezone", {"tz": "Mars/Olympus"})


def test_equal_timestamps_keep_source_order(settings, look, write):
    path = write(
        "log.csv", "case,event,time\nc1,z,2024-01-01 09:00\nc1,a,2024-01-01 09:00\nc1,m,2024-01-01 09:00\n"
    )
    ingest_file(settings, path, dataset="d")
    assert [row[1] for row in look.events("d")] == ["z", "a", "m"]


def test_reingesting_the_same_file_loads_nothing_new(settings, look, write):
    path = write("log.csv", HEADER + "ana,visit,2024-03-01 10:00,web,1\nbob,visit,2024-03-02 10:00,web,2\n")
    first = ingest_file(settings, path, dataset="shop")
    again = ingest_file(settings, path, dataset="shop")
    assert (first.loaded, again.summary()) == (
        2,
        {"read": 2, "loaded": 0, "duplicates": 2, "rejected": 0, "quarantine": "rejected"},
    )
    assert look.query("SELECT count(*), count(event_id) FROM events") == [(2, 0)]  # identified by content
    assert look.query("SELECT read, loaded, duplicates, rejected FROM ingestions ORDER BY started_at") == [
        (2, 2, 0, 0),
        (2, 0, 2, 0),
    ]


def test_identical_rows_are_distinct_events_and_reingestion_still_loads_nothing(settings, look, write):
    path = write("log.csv", "case,event,time\nc1,call,2024-01-01 09:00\nc1,call,2024-01-01 09:00\n")
    first = ingest_file(settings, path, dataset="d")
    write(
        "log.csv",
        "case,event,time\nc1,call,2024-01-01 09:00\nc1,call,2024-01-01 09:00\nc1,call,2024-01-01 09:00\n",
    )
    grown = ingest_file(settings, path, dataset="d")
    assert (first.loaded, first.duplicates, grown.loaded, grown.duplicates) == (2, 0, 1, 2)
    assert look.query("SELECT count(*), count(event_id) FROM events") == [(3, 0)]


def test_id_column_is_the_identity(settings, look, write):
    first = write(
        "a.csv", "id,case,event,time\ne1,c1,visit,2024-01-01\ne2,c1,buy,2024-01-02\ne2,c1,buy,2024-01-02\n"
    )
    changed = write("b.csv", "id,case,event,time\ne2,c1,buy (edited),2024-01-02\ne3,c1,leave,2024-01-03\n")
    assert ingest_file(settings, first, dataset="d", id_col="id").duplicates == 1  # a repeated id
    report = ingest_file(settings, changed, dataset="d", id_col="id")
    assert (report.loaded, report.duplicates) == (1, 1)
    assert look.query("SELECT event_id, activity FROM events ORDER BY event_id") == [
        ("e1", "visit"),
        ("e2", "buy"),
        ("e3", "leave"),
    ]


def test_every_bad_row_is_quarantined_with_row_field_and_reason(settings, look, write):
    path = write(
        "bad.csv",
        b"case,event,time\n"
        b"c1,visit,2024-01-01 10:00\n"  # 1 ok
        b"c1,buy,yesterday\n"  # 2 bad time
        b",visit,2024-01-01 11:00\n"  # 3 missing customer
        b"c2,,2024-01-01 12:00\n"  # 4 missing activity
        b"c2,visit,\n"  # 5 missing time
        b"c2,\xff\xfevisit,2024-01-01 13:00\n"  # 6 not UTF-8
        b"c3,too,2024-01-01,many\n"  # 7 too many fields
        b"c3,visit,2024-01-01 14:00\n"  # 8 ok
        b"c3,visit,2024-01-01 14:00\n",  # 9 same content as 8: a second, identical event
    )
    report = ingest_file(settings, path, dataset="d")
    assert report.summary() == {
        "read": 9,
        "loaded": 3,
        "duplicates": 0,
        "rejected": 6,
        "quarantine": "rejected",
    }
    assert report.read == report.loaded + report.duplicates + report.rejected
    assert look.rejected("d") == [
        (2, "time", "row.bad_time"),
        (3, "case", "row.missing_customer"),
        (4, "event", "row.missing_activity"),
        (5, "time", "row.missing_time"),
        (6, "event", "row.bad_encoding"),
        (7, None, "row.broken_csv"),
    ]
    # The reason is stored as its code and values, and read in the reader's language.
    stored = dict(look.query("SELECT row_number, reason_values FROM rejected"))
    assert json.loads(stored[2]) == {"row": 2, "field": "time", "value": "yesterday"}
    with open_warehouse(settings) as wh:
        messages = {r["row_number"]: r["message"] for r in rejected_rows(wh, "d", "en")}
        persian = {r["row_number"]: r["message"] for r in rejected_rows(wh, "d", "fa")}
    assert (messages[2], persian[2]) == tuple(
        translate("row.bad_time", lang, row=2, field="time", value="yesterday") for lang in ("en", "fa")
    )
    assert messages[2].startswith("Row 2: time = 'yesterday' is not a time")
    raws = dict(look.query("SELECT row_number, raw FROM rejected"))
    assert raws[7] == "c3,too,2024-01-01,many"
    assert raws[2] == '{"case":"c1","event":"buy","time":"yesterday"}'


def test_a_broken_quote_is_quarantined_and_later_rows_still_load(settings, look, write):
    path = write(
        "quote.csv",
        'case,event,time\nc1,visit,2024-01-01\nc1,"buy,2024-01-02\nc1,pay,2024-01-03\nc1,"leave",2024-01-04\n',
    )
    report = ingest_file(settings, path, dataset="d")
    assert report.read == report.loaded + report.duplicates + report.rejected
    # The unmatched quote swallows lines up to the next quote: one rejected row that keeps them all.
    assert look.rejected("d") == [(2, "event", "row.broken_csv")]
    assert [row[1] for row in look.events("d")] == ["visit"]
    assert look.query("SELECT raw FROM rejected") == [
        ('{"case":"c1","event":"buy,2024-01-02\\nc1,pay,2024-01-03\\nc1,leave\\"","time":"2024-01-04"}',)
    ]


def test_quarantine_keeps_the_latest_ingestion_of_a_source(settings, look, write):
    path = write("log.csv", "case,event,time\nc1,visit,soon\nc1,buy,2024-01-02\n")
    ingest_file(settings, path, dataset="d")
    ingest_file(settings, path, dataset="d")
    assert look.rejected("d") == [(1, "time", "row.bad_time")]
    write("log.csv", "case,event,time\nc1,visit,2024-01-01\nc1,buy,2024-01-02\n")
    report = ingest_file(settings, path, dataset="d")
    assert (report.loaded, report.duplicates, look.rejected("d")) == (1, 1, [])


def test_cp1256_and_semicolons_are_sniffed(settings, look, write):
    # Windows-1256 has no Persian yeh: Persian Windows files carry the Arabic one (ي).
    text = "مشتري;فعاليت;زمان;کانال\nعلي;خريد;2024-01-01 10:00;تلفن\n"
    path = write("fa.csv", text.encode("cp1256"))
    report = ingest_file(
        settings,
        path,
        dataset="fa",
        customer_col="مشتری",
        activity_col="فعالیت",
        time_col="زمان",
        channel_col="کانال",
    )
    assert report.loaded == 1
    # Arabic yeh/kaf typed on Windows keyboards become Persian letters.
    assert look.query("SELECT customer_id, activity, channel FROM events") == [("علی", "خرید", "تلفن")]


def test_utf8_bom_and_tab_delimiter(settings, look, write):
    path = write("bom.csv", "\ufeffcase\tevent\ttime\nc1\tvisit\t2024-01-01\n".encode())
    assert ingest_file(settings, path, dataset="d").loaded == 1
    assert look.events("d") == [("c1", "visit", datetime(2024, 1, 1), 1)]


def test_missing_role_column_lists_the_columns_present(settings, write):
    path = write("log.csv", "who,what,when\nc1,visit,2024-01-01\n")
    with pytest.raises(InputError) as caught:
        ingest_file(settings, path, dataset="d")
    err = caught.value
    assert (err.code, err.details) == (
        "events.no_column",
        {
            "path": str(path),
            "role": "customer",
            "candidates": [
                "case:concept:name",
                "case_id",
                "case",
                "customer_id",
                "customer",
                "کد مشتری",
                "شناسه مشتری",
                "شماره مشتری",
                "مشتری",
            ],
            "columns": ["who", "what", "when"],
            "option": "--customer-col",
        },
    )
    assert "who, what, when" in err.message_for("en") and "--customer-col" in err.message_for("en")


def test_given_column_must_exist(settings, write):
    path = write("log.csv", "case,event,time\nc1,visit,2024-01-01\n")
    with pytest.raises(InputError) as caught:
        ingest_file(settings, path, dataset="d", channel_col="medium")
    assert caught.value.code == "events.column_not_found"
    assert caught.value.details["columns"] == ["case", "event", "time"]


def test_missing_file_and_unknown_format(settings, tmp_path, write):
    with pytest.raises(InputError) as caught:
        ingest_file(settings, tmp_path / "nope.csv", dataset="d")
    assert caught.value.code == "events.file_not_found"
    with pytest.raises(InputError) as caught:
        ingest_file(settings, write("log.ods", "x"), dataset="d")
    assert caught.value.code == "events.unknown_format"


def test_progress_reports_bytes(settings, write):
    path = write("log.csv", "case,event,time\nc1,visit,2024-01-01\n")
    seen: list[tuple[int, int | None]] = []
    ingest_file(settings, path, dataset="d", progress=lambda done, total: seen.append((done, total)))
    size = path.stat().st_size
    assert seen[-1] == (size, size)
