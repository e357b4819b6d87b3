"""The customers behind a count are as many as the count, for every count the pages show.

Each count (the overlay per touchpoint, the funnel, where customers stop, the variants) is computed
by its own function; the cohort of the same filter is listed and counted, on declared journeys and
on the real logs.
"""

from __future__ import annotations

import datetime as dt
import json

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pytest
from analytics_helpers import T0, H, journey_map, journeys_for, simple_map, to_events_table, tp

from safar.analytics import Level, dropoff, funnel, paths, summary
from safar.analytics.cohort import (
    Cohort,
    CohortKind,
    CustomerRow,
    Started,
    cohort_customers,
    cohort_table,
)
from safar.errors import InputError
from safar.events.periods import Calendar
from safar.kpis.measures import measured_steps, steps_measure
from safar.model import JourneyMap

# ana goes all the way; bob stops at the site; cem stops at the site after a noise event; dan is
# only seen at the ad; eve calls after ordering (a backward move, still completed).
JOURNEYS = {
    "ana": [("ad", T0, "web", {"segment": "new"}), ("site", T0 + H), ("call", T0 + 2 * H), ("order", T0 + 4 * H)],
    "bob": [("ad", T0, "web", {"segment": "returning"}), ("site", T0 + 2 * H)],
    "cem": [("site", T0), ("noise", T0 + H), ("site", T0 + 3 * H, "web", {"segment": "new"})],
    "dan": [("ad", T0)],
    "eve": [("site", T0), ("order", T0 + H), ("call", T0 + 2 * H)],
}  # fmt: skip


def _count(events: ir.Table, cohort: Cohort, journey: JourneyMap | None) -> int:
    return int(cohort_table(events, cohort, journey_map=journey).count().to_pyarrow().as_py())


def _ids(events: ir.Table, cohort: Cohort, journey: JourneyMap | None = None) -> list[str]:
    return [c.customer_id for c in cohort_customers(events, cohort, journey_map=journey).customers]


def assert_counts_match(events: ir.Table, journey: JourneyMap, *, check_variants: int = 0) -> None:
    """Every count the canvas and the journeys page show equals the length of its customer list."""
    shown = summary(events, journey)
    assert _count(events, Cohort(CohortKind.ALL), journey) == shown.customers
    for row in shown.touchpoints:
        at = {"level": Level.TOUCHPOINT, "step": row.touchpoint}
        assert _count(events, Cohort(CohortKind.REACHED, **at), journey) == row.customers, row
        assert _count(events, Cohort(CohortKind.DROPPED, **at), journey) == row.dropoff, row
        assert _count(events, Cohort(CohortKind.COMPLETED, **at), journey) == row.completed, row
        converted = _count(events, Cohort(CohortKind.CONVERTED, **at), journey)
        assert converted == (row.converted or 0), row
    stages = [s.id for s in journey.stages]
    steps = funnel(events, stages, level="stage", journey_map=journey).steps
    for index, step in enumerate(steps):
        cohort = Cohort(CohortKind.FUNNEL, level=Level.STAGE, steps=tuple(stages), index=index)
        assert _count(events, cohort, journey) == step.customers, step
    for level in (Level.TOUCHPOINT, Level.STAGE):
        stops = dropoff(events, level=level, journey_map=journey)
        for step, n in stops.steps:
            assert _count(events, Cohort(CohortKind.DROPPED, level=level, step=step), journey) == n
        assert _count(events, Cohort(CohortKind.DROPPED, level=level), journey) == sum(
            n for _, n in stops.steps
        )
        assert _count(events, Cohort(CohortKind.COMPLETED, level=level), journey) == stops.completed
        assert _count(events, Cohort(CohortKind.UNOBSERVED, level=level), journey) == stops.unobserved
        found = paths(events, level=level, top=check_variants, journey_map=journey)
        for variant, n in found.variants:
            cohort = Cohort(CohortKind.VARIANT, level=level, steps=variant)
            assert _count(events, cohort, journey) == n, variant


def test_every_count_of_the_map_equals_its_customers() -> None:
    assert_counts_match(journeys_for(JOURNEYS), simple_map())


def test_the_customers_behind_a_stop_and_what_is_known_of_them() -> None:
    events = journeys_for(JOURNEYS)
    found = cohort_customers(
        events, Cohort(CohortKind.DROPPED, level=Level.TOUCHPOINT, step="site"), journey_map=simple_map()
    )
    assert found.total == 2
    assert found.customers == (
        CustomerRow("bob", "returning", "site", "consider", "site", T0 + 2 * H, 2),
        CustomerRow("cem", "new", "site", "consider", "site", T0 + 3 * H, 3),
    )


def test_completed_and_unobserved_customers_are_not_dropped() -> None:
    # "check" has no data: ana and bob, last seen before it, cannot be said to stop; cem completed.
    journey = journey_map(
        {
            "aware": [tp("ad", {"activity": "ad"})],
            "check": [tp("form", {"activity": "form"})],
            "buy": [tp("order", {"activity": "order"})],
        }
    )
    events = journeys_for({"ana": [("ad", T0)], "bob": [("ad", T0)], "cem": [("ad", T0), ("order", T0 + H)]})
    at = {"level": Level.TOUCHPOINT, "step": "ad"}
    assert _ids(events, Cohort(CohortKind.DROPPED, **at), journey) == []
    assert _ids(events, Cohort(CohortKind.UNOBSERVED, **at), journey) == ["ana", "bob"]
    assert _ids(events, Cohort(CohortKind.COMPLETED, level=Level.STAGE), journey) == ["cem"]
    assert_counts_match(events, journey)


def test_funnel_orders_and_window_list_the_customers_they_count() -> None:
    events = journeys_for(JOURNEYS)
    steps = ["ad", "site", "order"]
    for order in ("sequential", "strict", "any"):
        for window in (None, dt.timedelta(hours=3)):
            counted = funnel(events, steps, order=order, window=window).steps
            for index, step in enumerate(counted):
                cohort = Cohort(
                    CohortKind.FUNNEL, level=Level.ACTIVITY, steps=tuple(steps), index=index, order=order, window=window
                )  # fmt: skip
                assert _count(events, cohort, None) == step.customers, (order, window, index)
    cohort = Cohort(CohortKind.FUNNEL, level=Level.ACTIVITY, steps=tuple(steps), index=2)
    assert _ids(events, cohort) == ["ana"]


def test_activity_level_stops_follow_dropoff_with_a_final_step() -> None:
    events = journeys_for(JOURNEYS)
    stops = dropoff(events, final="order")
    for step, n in stops.steps:
        cohort = Cohort(CohortKind.DROPPED, level=Level.ACTIVITY, step=step, final="order")
        assert _count(events, cohort, None) == n
    assert _ids(events, Cohort(CohortKind.COMPLETED, level=Level.ACTIVITY, final="order")) == ["ana", "eve"]
    assert _ids(events, Cohort(CohortKind.REACHED, level=Level.ACTIVITY, step="noise")) == ["cem"]


def test_paging_and_the_segment_from_the_customer_attributes() -> None:
    events = journeys_for(JOURNEYS)
    own = ibis.memtable(
        pa.table({"customer_id": ["dan", "eve"], "attributes": [json.dumps({"segment": "vip"}), "{}"]})
    )
    found = cohort_customers(
        events, Cohort(CohortKind.ALL), journey_map=simple_map(), customer_attributes=own, offset=2, limit=2
    )
    assert found.total == 5
    assert [(c.customer_id, c.segment) for c in found.customers] == [("cem", "new"), ("dan", "vip")]
    assert cohort_customers(events, Cohort(CohortKind.ALL), offset=10, limit=2).customers == ()


@pytest.mark.parametrize(
    ("cohort", "code"),
    [
        (Cohort(CohortKind.REACHED, level=Level.TOUCHPOINT, step="nowhere"), "analytics.unknown_step"),
        (Cohort(CohortKind.REACHED, level=Level.ACTIVITY), "cohort.step_required"),
        (Cohort(CohortKind.VARIANT, level=Level.STAGE), "cohort.steps_required"),
        (Cohort(CohortKind.FUNNEL, level=Level.STAGE, steps=("aware",), index=1), "cohort.bad_index"),
        (Cohort(CohortKind.UNOBSERVED, level=Level.ACTIVITY), "cohort.map_level"),
    ],
)
def test_a_cohort_that_cannot_be_built_says_why(cohort: Cohort, code: str) -> None:
    with pytest.raises(InputError) as caught:
        cohort_table(journeys_for(JOURNEYS), cohort, journey_map=simple_map())
    assert caught.value.code == code
    assert "{" not in caught.value.message_for("en") and "{" not in caught.value.message_for("fa")


# --- the real logs --------------------------------------------------------------------------------


def _helpdesk_map() -> JourneyMap:
    """The help desk's ticket journey; "escalate" has no events, so tickets last seen at work are unobserved."""
    return journey_map(
        {
            "intake": [tp("insert", {"activity": "Insert ticket"}), tp("assign", {"activity": "Assign seriousness"})],
            "work": [
                tp("take", {"activity": "Take in charge ticket"}),
                tp("wait", {"activity": "Wait"}),
                tp("anomaly", {"activity_in": ["Require upgrade", "Create SW anomaly", "Resolve SW anomaly"]}),
            ],
            "escalate": [tp("expert", {"activity": "Escalate to expert"})],
            "resolve": [tp("resolve", {"activity": "Resolve ticket"})],
            "close": [tp("closed", {"activity": "Closed"})],
        }
    )  # fmt: skip


@pytest.mark.slow
def test_helpdesk_every_count_equals_its_customers(real_logs) -> None:  # type: ignore[no-untyped-def]
    raw, frame = real_logs["helpdesk"]
    rows = [int(e.rsplit("-", 1)[1]) for e in frame["event_id"]]
    levels = raw.reset_index(drop=True)["service_level"].astype(str).tolist()
    events = to_events_table(frame, [{"segment": levels[i]} for i in rows])
    journey = _helpdesk_map()
    assert_counts_match(events, journey, check_variants=10)
    stops = dropoff(events, level="touchpoint", journey_map=journey)
    assert stops.unobserved and stops.completed and stops.steps  # every outcome is exercised
    step, n = stops.steps[0]
    cohort = Cohort(CohortKind.DROPPED, level=Level.TOUCHPOINT, step=step)
    found = cohort_customers(events, cohort, journey_map=journey, limit=5)
    assert found.total == n and len(found.customers) == min(n, 5)
    assert all(c.last_touchpoint == step and c.segment in set(levels) for c in found.customers)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["receipt", "bpic2013_closed"])
def test_real_logs_funnel_stops_and_variants_list_their_customers(real_logs, name) -> None:  # type: ignore[no-untyped-def]
    _, frame = real_logs[name]
    events = to_events_table(frame)
    found = paths(events, top=5)
    for variant, n in found.variants:
        assert _count(events, Cohort(CohortKind.VARIANT, level=Level.ACTIVITY, steps=variant), None) == n
    steps = [step for step, _ in found.start][:1] + [step for step, _ in found.end][:2]
    for order in ("sequential", "any"):
        for index, step in enumerate(funnel(events, steps, order=order).steps):
            cohort = Cohort(
                CohortKind.FUNNEL, level=Level.ACTIVITY, steps=tuple(steps), index=index, order=order
            )
            assert _count(events, cohort, None) == step.customers
    # Each node and flow of the paths diagram (its first 3 steps) lists as many customers as it shows.
    diagram = paths(events, top=1, sankey_depth=3)
    for depth, step, n in diagram.sankey_nodes:
        cohort = Cohort(CohortKind.POSITION, level=Level.ACTIVITY, steps=(step,), index=depth)
        assert _count(events, cohort, None) == n, (depth, step)
    for depth, a, b, n in diagram.sankey_links[:10]:
        cohort = Cohort(CohortKind.POSITION, level=Level.ACTIVITY, steps=(a, b), index=depth)
        assert _count(events, cohort, None) == n, (depth, a, b)
    final = found.end[0][0]
    stops = dropoff(events, final=final)
    for step, n in stops.steps[:5]:
        cohort = Cohort(CohortKind.DROPPED, level=Level.ACTIVITY, step=step, final=final)
        assert _count(events, cohort, None) == n
    assert (
        _count(events, Cohort(CohortKind.COMPLETED, level=Level.ACTIVITY, final=final), None)
        == stops.completed
    )


# --- a KPI trend's point: the customers whose journey started in its period -------------------------


def assert_trend_points_match(
    events: ir.Table, journey: JourneyMap, calendar: Calendar, *, sample: bool = False
) -> int:
    """Each point of a behaviour KPI's monthly trend (the map, each stage) lists as many customers as its n,
    and its share's customers are its share of them; with ``sample``, the first, middle and last point of
    each. Returns how many points were checked."""
    # Materialised once, as the KPI page keeps it (safar.kpis.values): each measure is then a small query.
    steps = ibis.memtable(measured_steps(events, journey).to_pyarrow())
    scopes: list[tuple[str, ...] | None] = [
        None,
        *(tuple(t.id for t in s.touchpoints) for s in journey.stages),
    ]
    checked = 0
    for scope in scopes:
        over = {"level": Level.TOUCHPOINT, "steps": scope or ()}  # the map: every bound customer
        counted = steps_measure(steps, "customers", scope, "month", calendar)
        shares = {
            kind: {r["period"]: r for r in steps_measure(steps, kind, scope, "month", calendar)}
            for kind in ("conversion", "dropoff")
        }
        if sample and counted:
            counted = [counted[i] for i in sorted({0, len(counted) // 2, len(counted) - 1})]
        for point in counted:
            started = Started("month", point["period"], calendar)
            n = _count(events, Cohort(CohortKind.REACHED, started=started, **over), journey)
            assert n == point["n"], (scope, point)
            for kind, cohort_kind in (("conversion", CohortKind.CONVERTED), ("dropoff", CohortKind.DROPPED)):
                share = shares[kind][point["period"]]
                if share["value"] is None:
                    continue
                part = _count(events, Cohort(cohort_kind, started=started, **over), journey)
                assert round(100 * part / n, 4) == share["value"], (kind, scope, point)
            checked += 1
    return checked


def test_a_trend_point_lists_the_customers_who_started_in_its_period() -> None:
    late = T0 + dt.timedelta(days=40)  # ana, bob and cem start in March 2024; fay and gus in April
    journeys = JOURNEYS | {
        "fay": [("ad", late), ("site", late + H), ("order", late + 2 * H)],
        "gus": [("site", late)],
    }
    events = journeys_for(journeys)
    journey = simple_map()
    assert assert_trend_points_match(events, journey, Calendar("gregorian", "UTC")) >= 4
    april = Started("month", dt.date(2024, 4, 1))
    assert _ids(events, Cohort(CohortKind.REACHED, level=Level.STAGE, step="consider", started=april), journey) == ["fay", "gus"]  # fmt: skip
    # In Tehran's Jalali calendar 20 March 2024 is 1 Farvardin 1403 (to 19 April): the other months' cut.
    jalali = Calendar("jalali", "Asia/Tehran")
    assert assert_trend_points_match(events, journey, jalali) >= 4
    farvardin = Started("month", dt.date(2024, 3, 20), jalali)
    assert _count(events, Cohort(CohortKind.ALL, started=farvardin), journey) == 5


@pytest.mark.slow
def test_helpdesk_trend_points_equal_their_customers(real_logs) -> None:  # type: ignore[no-untyped-def]
    _, frame = real_logs["helpdesk"]
    events = to_events_table(frame)
    jalali = Calendar("jalali", "Asia/Tehran")
    # the map and the stages with data ("escalate" has none), up to three points each
    assert assert_trend_points_match(events, _helpdesk_map(), jalali, sample=True) >= 12
