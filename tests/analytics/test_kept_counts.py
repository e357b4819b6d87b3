"""Counts kept beside the kept steps equal the counts computed from every event, after every kind of change.

The journeys screen's three counts (funnel, variants, stops) are read through :func:`counted` after new
customers, known customers coming back (twice), removed and edited events, several changes read at once,
counts left too far behind and a stage gaining its first data; each time they are compared whole with the
same counts over the steps computed from the events as they are now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ibis.expr.types as ir
import pytest
from kept_helpers import DATASET, add, execute

from safar import analytics as an
from safar.analytics import kept_counts
from safar.analytics.kept import kept_steps
from safar.analytics.kept_counts import counted
from safar.demo import synthetic_events
from safar.kpis.measures import measured_steps
from safar.model import JourneyMap
from safar.warehouse import Warehouse

Counts = Callable[[ir.Table], ir.Table]


def screens(journey: JourneyMap) -> dict[str, tuple[Counts, list[str]]]:
    stages = [s.id for s in journey.stages]
    return {
        "funnel": (
            lambda s: an.funnel_table(s, stages, level="stage", journey_map=journey),
            ["index", "step"],
        ),
        "variants": (lambda s: an.variants_table(an.journey(s, "touchpoint", journey)), ["steps"]),
        "stops": (lambda s: an.stops_table(s, an.Level("stage")), ["step", "completed", "dropped"]),
    }


def table(expr: ir.Table, keys: list[str]) -> list[dict[str, Any]]:
    """The rows, in key order, without groups whose counts are all zero (a kept count drops those)."""
    found = expr.to_pyarrow().to_pylist()
    found = [r for r in found if any(v != 0 for k, v in r.items() if k not in keys)]
    return sorted(found, key=lambda r: [str(r[k]) for k in keys])


def check(
    wh: Warehouse, journey: JourneyMap, names: tuple[str, ...] = ("funnel", "variants", "stops")
) -> None:
    wh.memo.clear()  # a new page
    kept = kept_steps(wh, DATASET, journey)
    direct = measured_steps(wh.events(DATASET), journey)
    for name in names:
        counts, keys = screens(journey)[name]
        assert table(counted(wh, kept, counts, keys), keys) == table(counts(direct), keys), name


def changes_left(wh: Warehouse) -> int:
    assert wh.raw is not None
    names = [r[0] for r in wh.raw.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
    return sum(
        wh.raw.execute(f"SELECT count(*) FROM {n}").fetchall()[0][0]
        for n in names
        if n.startswith("kept_changes_")
    )


def test_kept_counts_follow_every_change_of_the_events(warehouse: Warehouse, journey: JourneyMap) -> None:
    check(warehouse, journey)
    add(warehouse, synthetic_events(journey, customers=20, seed=9), prefix="new-", seq_from=10**6)
    come_back = (  # three known customers come back a month later
        "INSERT INTO events (dataset, customer_id, activity, ts, seq, channel) SELECT dataset, customer_id, "
        "activity, ts + INTERVAL 30 DAY, seq + {shift}, channel FROM events WHERE customer_id IN "
        "(SELECT DISTINCT customer_id FROM events WHERE customer_id NOT LIKE 'new-%' ORDER BY 1 LIMIT 3) "
        "AND seq < 1000000"
    )
    execute(warehouse, come_back.format(shift=2_000_000))
    check(warehouse, journey)
    assert changes_left(warehouse) == 0  # every count has read the changes: they are forgotten

    # Two changes before the funnel is read again (the variants read the first): the same customers
    # come back once more, five customers are removed, one event is renamed.
    execute(warehouse, come_back.format(shift=3_000_000))
    check(warehouse, journey, ("variants",))
    execute(
        warehouse,
        "DELETE FROM events WHERE customer_id IN (SELECT DISTINCT customer_id FROM events ORDER BY 1 LIMIT 5)",
    )
    execute(
        warehouse, "UPDATE events SET activity = 'something-else' WHERE seq = (SELECT max(seq) FROM events)"
    )
    assert changes_left(warehouse) > 0  # the funnel and the stops have not read them yet
    check(warehouse, journey)
    assert changes_left(warehouse) == 0


def test_counts_too_far_behind_are_counted_again(
    warehouse: Warehouse, journey: JourneyMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_counts, "BEHIND", 1)
    check(warehouse, journey, ("funnel",))
    for i in range(3):
        add(
            warehouse,
            synthetic_events(journey, customers=5, seed=20 + i),
            prefix=f"late{i}-",
            seq_from=10**6 * (i + 2),
        )
        check(warehouse, journey, ("variants",))  # the steps brought up to date, the funnel not read
    check(warehouse, journey, ("funnel",))


def test_a_stage_that_gains_its_first_data_counts_everyone_again(
    warehouse: Warehouse, journey: JourneyMap
) -> None:
    last = journey.stages[-1]
    execute(
        warehouse,
        "DELETE FROM events WHERE activity IN (" + ", ".join(f"'{t.id}'" for t in last.touchpoints) + ")",
    )
    check(warehouse, journey)
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
    check(warehouse, journey)  # the stops of every customer change (unobserved become dropped)
