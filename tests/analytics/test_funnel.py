from __future__ import annotations

import datetime as dt

import pytest
from analytics_helpers import T0, H, journeys_for, reference_funnel, simple_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safar.analytics import funnel
from safar.errors import InputError


def _counts(result):
    return [s.customers for s in result.steps]


JOURNEYS = {
    "ana": [("visit", T0), ("cart", T0 + H), ("buy", T0 + 2 * H)],
    "bob": [("visit", T0), ("support", T0 + H), ("cart", T0 + 2 * H), ("buy", T0 + 50 * H)],
    "cem": [("cart", T0), ("visit", T0 + H), ("buy", T0 + 2 * H)],
    "dan": [("visit", T0), ("visit", T0 + H), ("cart", T0 + 2 * H)],
    "eve": [("support", T0)],
}
STEPS = ["visit", "cart", "buy"]


def test_sequential_funnel_whole_result():
    assert funnel(journeys_for(JOURNEYS), STEPS).to_dict() == {
        "steps": [
            {"step": "visit", "customers": 4, "rate_from_start": 1.0, "rate_from_previous": 1.0},
            {"step": "cart", "customers": 3, "rate_from_start": 0.75, "rate_from_previous": 0.75},
            {"step": "buy", "customers": 2, "rate_from_start": 0.5, "rate_from_previous": 2 / 3},
        ]
    }


@pytest.mark.parametrize(
    ("order", "window", "expected"),
    [
        ("sequential", None, [4, 3, 2]),
        ("sequential", dt.timedelta(hours=3), [4, 3, 1]),  # bob buys 50 h after his visit
        ("strict", None, [4, 2, 1]),  # bob has support between visit and cart; dan visits twice then carts
        ("strict", dt.timedelta(hours=1), [4, 2, 0]),
        ("any", None, [4, 4, 3]),  # cem carts before visiting
        ("any", dt.timedelta(hours=3), [4, 4, 2]),
    ],
)
def test_every_order_and_window(order, window, expected):
    result = funnel(journeys_for(JOURNEYS), STEPS, order=order, window=window)
    assert _counts(result) == expected == reference_funnel(JOURNEYS, STEPS, order, window)


def test_first_occurrence_anchor_with_a_window():
    # The first visit is too long before the cart; sequential anchors on the first visit, strict on any.
    journeys = {"ana": [("visit", T0), ("visit", T0 + 10 * H), ("cart", T0 + 11 * H)]}
    w = dt.timedelta(hours=2)
    assert _counts(funnel(journeys_for(journeys), ["visit", "cart"], window=w)) == [1, 0]
    assert _counts(funnel(journeys_for(journeys), ["visit", "cart"], order="strict", window=w)) == [1, 1]


def test_equal_timestamps_follow_source_order():
    journeys = {"ana": [("buy", T0), ("visit", T0)], "bob": [("visit", T0), ("buy", T0)]}
    assert _counts(funnel(journeys_for(journeys), ["visit", "buy"])) == [2, 1]


def test_a_step_may_repeat_in_order():
    journeys = {"ana": [("a", T0), ("b", T0 + H), ("a", T0 + 2 * H)], "bob": [("a", T0), ("b", T0 + H)]}
    assert _counts(funnel(journeys_for(journeys), ["a", "b", "a"])) == [2, 2, 1]


def test_no_limit_on_the_number_of_steps():
    steps = [f"s{i:02d}" for i in range(20)]
    journeys = {f"c{n}": [(s, T0 + i * H) for i, s in enumerate(steps[:n])] for n in range(1, 21)}
    assert _counts(funnel(journeys_for(journeys), steps)) == list(range(20, 0, -1))


def test_empty_and_zero_rates():
    result = funnel(journeys_for({"ana": [("x", T0)]}), ["visit", "buy"])
    assert result.to_dict()["steps"] == [
        {"step": "visit", "customers": 0, "rate_from_start": None, "rate_from_previous": None},
        {"step": "buy", "customers": 0, "rate_from_start": None, "rate_from_previous": None},
    ]


def test_touchpoint_and_stage_levels():
    journeys = {
        "ana": [("ad", T0), ("site", T0 + H), ("call", T0 + 2 * H), ("order", T0 + 3 * H)],
        "bob": [("ad", T0), ("noise", T0 + H), ("call", T0 + 2 * H)],
        "cem": [("site", T0), ("order", T0 + H)],
    }
    events, m = journeys_for(journeys), simple_map()
    assert _counts(funnel(events, ["ad", "call", "order"], level="touchpoint", journey_map=m)) == [2, 2, 1]
    # at the stage level noise is left out, so bob's ad -> call is aware -> consider consecutively
    assert _counts(
        funnel(events, ["aware", "consider", "buy"], level="stage", order="strict", journey_map=m)
    ) == [2, 2, 1]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"steps": []}, "analytics.no_steps"),
        ({"steps": ["a"], "order": "sideways"}, "analytics.bad_order"),
        ({"steps": ["a", "a"], "order": "any"}, "analytics.duplicate_step"),
        ({"steps": ["a"], "level": "room"}, "analytics.bad_level"),
        ({"steps": ["aware"], "level": "stage"}, "analytics.map_required"),
        ({"steps": ["nowhere"], "level": "stage", "journey_map": simple_map()}, "analytics.unknown_step"),
    ],
)
def test_bad_requests_raise_coded_errors(kwargs, code):
    with pytest.raises(InputError) as err:
        funnel(journeys_for({"ana": [("a", T0)]}), **kwargs)
    assert err.value.code == code


journey_strategy = st.dictionaries(
    st.sampled_from(["c1", "c2", "c3", "c4", "c5"]),
    st.lists(st.tuples(st.sampled_from("ABC"), st.integers(0, 6).map(lambda h: T0 + h * H)), max_size=7),
    min_size=1,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    journeys=journey_strategy,
    steps=st.lists(st.sampled_from("ABC"), min_size=1, max_size=4),
    order=st.sampled_from(["sequential", "strict", "any"]),
    window=st.none() | st.integers(0, 4).map(lambda h: dt.timedelta(hours=h)),
)
def test_funnel_equals_the_reference_on_random_journeys(journeys, steps, order, window):
    if order == "any":
        steps = list(dict.fromkeys(steps))
    result = funnel(journeys_for(journeys), steps, order=order, window=window)
    assert _counts(result) == reference_funnel(journeys, steps, order, window)


@pytest.mark.slow
def test_more_steps_than_a_small_integer_holds():
    steps = [f"s{i:03d}" for i in range(130)]
    journeys = {f"c{n}": [(s, T0 + i * H) for i, s in enumerate(steps[:n])] for n in (1, 64, 129, 130)}
    counts = _counts(funnel(journeys_for(journeys), steps))
    assert (counts[0], counts[63], counts[64], counts[128], counts[129]) == (4, 3, 2, 2, 1)
