"""Paths from and to a step against pandas walking the receipt log's cases, and the touchpoint level keeping the
events the map does not bind (the paths that leave the designed journey) on a journey written out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from analytics_helpers import journey_map, journeys_for, to_events_table, tp

from safar.analytics.flows import END, START, flow_members, flows

STEP = "T02 Check confirmation of receipt"


@pytest.mark.parametrize("direction", ["from", "to"])
def test_paths_around_a_step_equal_pandas(real_logs: Any, direction: str) -> None:
    _, frame = real_logs["receipt"]
    expected: Counter[tuple[str, ...]] = Counter()
    who: dict[tuple[str, ...], set[str]] = {}
    for customer, g in frame.groupby("customer_id", sort=False):
        acts = g.activity.tolist()
        if STEP not in acts:
            continue
        i = acts.index(STEP)
        if direction == "from":
            after = acts[i + 1 : i + 4]
            path = tuple([*after, END] if len(after) < 3 else after)
        else:
            before = acts[max(0, i - 3) : i]
            path = tuple([START, *before] if len(before) < 3 else before)
        expected[path] += 1
        who.setdefault(path, set()).add(str(customer))
    found = flows(to_events_table(frame), STEP, direction=direction, depth=3, top=1000)
    assert {p.steps: p.customers for p in found.paths} == dict(expected)
    assert found.customers == sum(expected.values()) and found.other == 0
    firsts = Counter()
    for steps, n in expected.items():
        firsts[steps[0] if direction == "from" else steps[-1]] += n
    assert {s.step: s.customers for s in found.next} == dict(firsts)
    for path, _ in expected.most_common(4):  # a path's customers, as the page's link lists them
        members = flow_members(to_events_table(frame), STEP, path, direction=direction)
        assert set(members.to_pyarrow().column("customer_id").to_pylist()) == who[path]
    top = flows(to_events_table(frame), STEP, direction=direction, depth=3, top=2)
    assert len(top.paths) == 2 and top.other == top.customers - sum(p.customers for p in top.paths)


def test_the_touchpoint_level_keeps_the_steps_off_the_map() -> None:
    t0 = dt.datetime(2024, 1, 1)
    h = dt.timedelta(hours=1)
    events = journeys_for(
        {
            "ana": [("ad", t0), ("quote", t0 + h), ("buy", t0 + 2 * h)],
            "bob": [("ad", t0), ("quote", t0 + h), ("competitor_site", t0 + 2 * h)],
            "cy": [("ad", t0), ("quote", t0 + h)],
        }
    )
    shop = journey_map(
        {
            "aware": [tp("ad", {"activity": "ad"})],
            "choose": [tp("quote", {"activity": "quote"})],
            "buy": [tp("buy", {"activity": "buy"})],
        }
    )
    found = flows(events, "quote", level="touchpoint", journey_map=shop, depth=2)
    assert {p.steps: p.customers for p in found.paths} == {
        ("buy", END): 1,
        ("~competitor_site", END): 1,
        (END,): 1,
    }
