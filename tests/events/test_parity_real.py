"""XES and CSV exports of the same real logs must give the same events (data: ../shared/data)."""

from __future__ import annotations

import pytest

from safar.events import ingest_file

from .conftest import DATA

pytestmark = pytest.mark.slow

PAIRS = [
    ("receipt/08_receipt.xes.gz", "receipt/receipt.csv", 8577, 1434),
    ("road-traffic-fines/roadtraffic100traces.xes", "road-traffic-fines/roadtraffic100traces.csv", 390, 100),
    ("running-example/running-example.xes", "running-example/running-example.csv", 42, 6),
]


@pytest.mark.parametrize(
    ("xes", "csv", "n_events", "n_customers"), PAIRS, ids=[p[0].split("/")[0] for p in PAIRS]
)
def test_xes_and_csv_give_the_same_events(settings, look, xes, csv, n_events, n_customers):
    if not (DATA / xes).exists():
        pytest.skip(f"{DATA / xes} is not available")
    from_xes = ingest_file(settings, DATA / xes, dataset="xes")
    from_csv = ingest_file(settings, DATA / csv, dataset="csv")
    expected = {
        "read": n_events,
        "loaded": n_events,
        "duplicates": 0,
        "rejected": 0,
        "quarantine": "rejected",
    }
    assert (from_xes.summary(), from_csv.summary()) == (expected, expected)

    def events(dataset: str) -> list[tuple]:
        return look.query(
            "SELECT customer_id, activity, ts, lifecycle, resource FROM events WHERE dataset = ? "
            "ORDER BY customer_id, ts, seq",
            [dataset],
        )

    assert events("xes") == events("csv")
    per_activity = "SELECT activity, count(*) FROM events WHERE dataset = ? GROUP BY ALL ORDER BY ALL"
    assert look.query(per_activity, ["xes"]) == look.query(per_activity, ["csv"])
    per_customer = "SELECT count(DISTINCT customer_id) FROM events WHERE dataset = ?"
    assert look.query(per_customer, ["xes"]) == look.query(per_customer, ["csv"]) == [(n_customers,)]


def test_receipt_channel_comes_from_the_case(settings, look):
    ingest_file(settings, DATA / "receipt/08_receipt.xes.gz", dataset="xes")
    ingest_file(settings, DATA / "receipt/receipt.csv", dataset="csv")
    by_channel = "SELECT channel, count(*) FROM events WHERE dataset = ? GROUP BY ALL ORDER BY ALL"
    assert look.query(by_channel, ["xes"]) == look.query(by_channel, ["csv"])
    assert look.query(
        "SELECT count(*) FROM customers WHERE dataset = 'xes' AND json_extract_string(attributes, '/channel') IS NOT NULL"
    ) == [(1434,)]


@pytest.mark.filterwarnings("ignore::UserWarning")  # pm4py suggests an optional faster reader
def test_event_counts_match_pm4py(settings):
    pm4py = pytest.importorskip("pm4py")
    path = DATA / "receipt/08_receipt.xes.gz"
    frame = pm4py.read_xes(str(path), show_progress_bar=False)
    report = ingest_file(settings, path, dataset="r")
    assert report.loaded == len(frame)


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("log", ["helpdesk/helpdesk.xes.gz", "bpic2013/06_bpic2013_closed.xes.gz"])
def test_xes_events_equal_pm4py(settings, look, log):
    """Same cases, activities, UTC timestamps and lifecycle transitions as PM4Py reads."""
    pm4py = pytest.importorskip("pm4py")
    frame = pm4py.read_xes(str(DATA / log), show_progress_bar=False)
    ingest_file(settings, DATA / log, dataset="d")
    stamps = frame["time:timestamp"].dt.tz_convert("UTC").dt.tz_localize(None)
    expected = sorted(
        zip(
            frame["case:concept:name"].astype(str),
            frame["concept:name"].astype(str),
            (t.to_pydatetime() for t in stamps),
            frame.get("lifecycle:transition", [None] * len(frame)),
            strict=True,
        )
    )
    ours = look.query("SELECT customer_id, activity, ts, lifecycle FROM events ORDER BY ALL")
    assert ours == expected
