"""The kept journey steps equal the steps computed from every event, after every kind of change to the data.

Each case changes the warehouse's events as an ingest, a removal or a source would, then reads the kept
steps and compares them whole (every row, every column, in order) with :func:`measured_steps` over the
events as they are now, and checks how many customers were computed again.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pyarrow as pa
import pytest
from kept_helpers import DATASET, add, execute, loaded

from safar.analytics._common import POSITION_COLUMNS
from safar.analytics._common import journey as journey_path
from safar.analytics.conformance import on_map
from safar.analytics.kept import KEEP, Audience, audience_members, binding_key, kept_steps, of_audience
from safar.config import Settings
from safar.demo import synthetic_events
from safar.events.ingest import ingest_file
from safar.kpis.measures import measured_steps
from safar.metrics.behaviour import (
    FIRST_COLUMNS,
    customer_counts,
    dropped_customers,
    first_columns,
    map_customers,
    reached_the_end,
)
from safar.model import BindingRule, JourneyMap
from safar.warehouse import Warehouse, open_warehouse
from safar.warehouse.kept import LOADED

ORDER = ["customer_id", "ts", "seq"]


def read(wh: Warehouse, journey: JourneyMap) -> tuple[pa.Table, int | None]:
    wh.memo.clear()  # a new page: the kept steps are read again
    kept = kept_steps(wh, DATASET, journey)
    direct = measured_steps(wh.events(DATASET), journey).order_by(ORDER).to_pyarrow()
    got = kept.steps.order_by(ORDER).to_pyarrow()
    assert got.column_names == [*direct.column_names, *POSITION_COLUMNS, *FIRST_COLUMNS]
    assert got.select(direct.column_names).to_pylist() == direct.to_pylist()
    on = on_map(wh.events(DATASET), journey)
    firsts = (
        on.mutate(**first_columns(on, sum(1 for _ in journey.touchpoints()), len(journey.stages)))
        .order_by(ORDER)
        .select(*FIRST_COLUMNS)
        .to_pyarrow()
    )
    assert got.select(FIRST_COLUMNS).to_pylist() == firsts.to_pylist()
    # customers counted from the first steps are the distinct customers, per touchpoint, stage and map
    plain = measured_steps(wh.events(DATASET), journey)
    for by, per in (("touchpoint_id", "touchpoint"), ("stage_index", "stage")):
        counted = [
            t.group_by(by).agg(**customer_counts(t, per)).order_by(by).to_pyarrow().to_pylist()
            for t in (kept.steps, plain)
        ]
        assert counted[0] == counted[1]
    whole = [
        t.agg(c=map_customers(t), e=reached_the_end(t), d=dropped_customers(t)).to_pyarrow().to_pylist()
        for t in (kept.steps, plain)
    ]
    assert whole[0] == whole[1]
    for level in ("touchpoint", "stage"):  # the positions read give the journeys computed from the events
        path = journey_path(kept.steps, level, journey).order_by(ORDER).to_pyarrow().to_pylist()
        assert (
            path == journey_path(wh.events(DATASET), level, journey).order_by(ORDER).to_pyarrow().to_pylist()
        )
    events = wh.events(DATASET)
    counts = events.agg(n=events.count(), c=events.customer_id.nunique()).to_pyarrow().to_pylist()[0]
    assert (kept.events, kept.customers) == (counts["n"], counts["c"])
    return got, kept.changed


def test_the_first_read_makes_the_table_and_the_next_reads_change_nothing(
    warehouse: Warehouse, journey: JourneyMap
) -> None:
    first, changed = read(warehouse, journey)
    assert changed is None and first.num_rows > 1000
    again, changed = read(warehouse, journey)
    assert changed == 0 and again.equals(first)


def test_events_are_checked_again_after_a_load_only(warehouse: Warehouse, journey: JourneyMap) -> None:
    """Every write of events is a load: until the next one, the customers' fingerprints are not taken
    again (a stale table here would be a write that bypassed the loads)."""
    read(warehouse, journey)
    assert warehouse.raw is not None
    warehouse.raw.execute(  # a write with no load: not looked for
        "DELETE FROM events WHERE customer_id = (SELECT min(customer_id) FROM events)"
    ).fetchall()
    warehouse.memo.clear()
    assert kept_steps(warehouse, DATASET, journey).changed == 0
    loaded(warehouse)  # the next load: every customer checked, the one gone found
    warehouse.memo.clear()
    assert kept_steps(warehouse, DATASET, journey).changed == 1


def test_new_customers_and_new_events_of_known_customers_are_the_only_ones_computed_again(
    warehouse: Warehouse, journey: JourneyMap
) -> None:
    read(warehouse, journey)
    add(warehouse, synthetic_events(journey, customers=20, seed=9), prefix="new-", seq_from=10**6)
    execute(  # three known customers come back a month later
        warehouse,
        "INSERT INTO events (dataset, customer_id, activity, ts, seq, channel) SELECT dataset, customer_id, "
        "activity, ts + INTERVAL 30 DAY, seq + 2000000, channel FROM events WHERE customer_id IN "
        "(SELECT DISTINCT customer_id FROM events WHERE customer_id NOT LIKE 'new-%' ORDER BY 1 LIMIT 3)",
    )
    _, changed = read(warehouse, journey)
    assert changed == 23


def test_a_load_notes_its_customers_and_only_they_are_looked_at(
    warehouse: Warehouse, journey: JourneyMap, tmp_path: Path
) -> None:
    """An ingest into a dataset with kept steps notes the customers it wrote to; the next read takes the
    fingerprints of those alone (a write that bypassed the loads is not found, as between loads) and
    forgets the note once every kept table of the dataset has read past it."""
    read(warehouse, journey)
    assert warehouse.raw is not None
    warehouse.raw.execute(  # a write with no load, before the load: not looked for
        "DELETE FROM events WHERE customer_id = (SELECT min(customer_id) FROM events)"
    ).fetchall()
    known = [
        r[0]
        for r in warehouse.raw.execute(
            "SELECT DISTINCT customer_id FROM events ORDER BY 1 LIMIT 2"
        ).fetchall()
    ]
    rows = synthetic_events(journey, customers=10, seed=11)
    lines = ["customer_id,activity,timestamp,channel"]
    lines += [f"new-{r['customer_id']},{r['activity']},{r['timestamp']},{r['channel']}" for r in rows]
    lines += [f"{who},{rows[0]['activity']},2031-01-0{i + 1}T10:00:00,web" for i, who in enumerate(known)]
    source = tmp_path / "more.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_file(warehouse, source, dataset=DATASET, time_col="timestamp")
    assert report.loaded == len(rows) + 2
    noted = warehouse.raw.execute(f"SELECT count(customer_id), count(*) FROM {LOADED}").fetchall()
    assert noted == [(12, 13)]  # each customer once, and the load's own mark
    warehouse.memo.clear()
    kept = kept_steps(warehouse, DATASET, journey)
    assert kept.changed == 12
    assert warehouse.raw.execute(f"SELECT count(*) FROM {LOADED}").fetchall() == [(0,)]
    loaded(warehouse)  # a load that noted nothing (a write of another kind): every customer checked again
    _, changed = read(warehouse, journey)
    assert changed == 1  # the customer deleted without a load


def test_removed_and_edited_events_are_computed_again(warehouse: Warehouse, journey: JourneyMap) -> None:
    read(warehouse, journey)
    execute(
        warehouse,
        "DELETE FROM events WHERE customer_id IN (SELECT DISTINCT customer_id FROM events ORDER BY 1 LIMIT 5)",
    )
    execute(  # one event's activity changes: its customer's steps are computed again
        warehouse,
        "UPDATE events SET activity = 'something-else' WHERE seq = (SELECT max(seq) FROM events)",
    )
    _, changed = read(warehouse, journey)
    assert changed == 6


def test_a_stage_that_gains_its_first_data_changes_every_customers_drop_off(
    warehouse: Warehouse, journey: JourneyMap
) -> None:
    last = journey.stages[-1]
    execute(
        warehouse,
        "DELETE FROM events WHERE activity IN (" + ", ".join(f"'{t.id}'" for t in last.touchpoints) + ")",
    )
    before, _ = read(warehouse, journey)
    assert max(r for r in before["stage_index"].to_pylist()) < len(journey.stages) - 1
    add(
        warehouse,
        [
            {
                "customer_id": "late",
                "activity": last.touchpoints[0].id,
                "timestamp": "2024-06-01T10:00:00",
                "channel": "web",
            }
        ],
        seq_from=10**7,
    )
    after, changed = read(warehouse, journey)
    assert changed == 1
    assert after["top_data_stage"].to_pylist()[0] == len(journey.stages) - 1
    # Customers who stopped in the stage before the last were "unobserved" and now dropped off.
    assert sum(after["dropped"].to_pylist()) > sum(before["dropped"].to_pylist())


def test_a_map_bound_differently_reads_its_own_table_and_old_tables_are_dropped(
    warehouse: Warehouse, journey: JourneyMap
) -> None:
    read(warehouse, journey)
    other = journey.model_copy(deep=True)
    other.stages[0].touchpoints[0].bind = [BindingRule(activity="nothing-binds-this")]
    assert binding_key(DATASET, other) != binding_key(DATASET, journey)
    read(warehouse, other)
    renamed = journey.model_copy(deep=True)
    renamed.title, renamed.stages[0].name = "Another title", "Another name"
    assert binding_key(DATASET, renamed) == binding_key(DATASET, journey)  # names do not bind events
    for i in range(KEEP + 2):  # each kept as the first two were checked; here only how many stay
        variant = journey.model_copy(deep=True)
        variant.stages[0].touchpoints[0].bind = [BindingRule(activity=f"variant-{i}")]
        warehouse.memo.clear()
        assert kept_steps(warehouse, DATASET, variant).changed is None  # made, not found
    assert warehouse.raw is not None
    kept = warehouse.raw.execute("SELECT count(*) FROM kept_steps").fetchall()[0][0]
    tables = warehouse.raw.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'kept_steps_%'"
    ).fetchall()[0][0]
    assert (kept, tables) == (KEEP, KEEP)


def test_two_pages_reading_at_once_bring_the_table_up_to_date_once(
    tmp_path: Path, warehouse: Warehouse, journey: JourneyMap
) -> None:
    read(warehouse, journey)
    add(warehouse, synthetic_events(journey, customers=10, seed=5), prefix="new-", seq_from=10**6)
    settings = warehouse.settings
    warehouse.close()
    found: list[int | None] = []
    failed: list[BaseException] = []

    def page() -> None:
        try:
            with open_warehouse(settings) as wh:
                found.append(kept_steps(wh, DATASET, journey).changed)
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=page) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    assert sorted(found) == [0, 10]
    with open_warehouse(settings) as wh:
        read(wh, journey)


def test_removing_the_dataset_drops_its_kept_steps(warehouse: Warehouse, journey: JourneyMap) -> None:
    from safar.events.removal import remove_dataset

    read(warehouse, journey)
    assert warehouse.raw is not None
    assert remove_dataset(warehouse, DATASET)["events"] > 0
    left = warehouse.raw.execute(
        "SELECT (SELECT count(*) FROM kept_steps), (SELECT count(*) FROM kept_counts), "
        "(SELECT list(table_name ORDER BY 1) FROM duckdb_tables() WHERE table_name LIKE 'kept_%')"
    ).fetchall()
    assert left == [(0, 0, ["kept_counts", "kept_steps"])]  # the lists themselves stay, empty


@pytest.mark.parametrize(
    "audience",
    [
        Audience(start=dt.datetime(2026, 4, 1), end=dt.datetime(2026, 6, 1)),
        Audience(channel="instagram"),
        Audience(segment=(("segment", "returning"),)),
        Audience(start=dt.datetime(2026, 4, 15), channel="website", segment=(("segment", "new"),)),
        Audience(start=dt.datetime(2031, 1, 1)),  # nobody
    ],
    ids=["started in a period", "channel", "segment", "all three", "nobody"],
)
def test_an_audience_reads_as_the_data_of_its_customers_alone(
    tmp_path: Path, journey: JourneyMap, audience: Audience
) -> None:
    """The kept steps of a audience equal the steps computed from its customers' events alone (which stages
    have data included), and so do its journeys and its counts."""
    from safar.analytics import on_map

    wh = open_warehouse(Settings.from_env({"SAFAR_HOME": str(tmp_path / "home")}))
    try:
        rows_ = synthetic_events(journey, customers=400, seed=3)
        for i, row in enumerate(rows_):  # the generator's segment and channel as stored attributes
            row["attributes"] = json.dumps({"segment": row["segment"]}) if i % 7 else None
        add(wh, rows_)
        events = wh.events(DATASET)
        members = audience_members(on_map(events, journey), audience)
        theirs = events.filter(events.customer_id.isin(members.customer_id))
        kept = of_audience(wh, DATASET, kept_steps(wh, DATASET, journey), audience)
        direct = measured_steps(theirs, journey).order_by(ORDER).to_pyarrow()
        got = kept.steps.order_by(ORDER).to_pyarrow()
        assert got.select(direct.column_names).to_pylist() == direct.to_pylist()
        for level in ("touchpoint", "stage"):
            path = journey_path(kept.steps, level, journey).order_by(ORDER).to_pyarrow().to_pylist()
            assert path == journey_path(theirs, level, journey).order_by(ORDER).to_pyarrow().to_pylist()
        counts = theirs.agg(n=theirs.count(), c=theirs.customer_id.nunique()).to_pyarrow().to_pylist()[0]
        assert (kept.events, kept.customers) == (counts["n"], counts["c"])
        if audience.start == dt.datetime(2031, 1, 1):
            assert (kept.customers, got.num_rows) == (0, 0)
        else:
            assert 0 < kept.customers < 400
    finally:
        wh.close()
