from __future__ import annotations

import pytest
from analytics_helpers import T0, journey_map, journeys_for, tp

from safar.analytics import bind_events, preview_binding
from safar.errors import InputError


def _bound(events, m):
    out = bind_events(events, m).order_by("seq").select("activity", "touchpoint_id", "stage_id")
    return [tuple(r.values()) for r in out.to_pyarrow().to_pylist()]


def test_every_condition_kind_binds_and_first_touchpoint_in_map_order_wins():
    events = journeys_for(
        {
            "ana": [
                ("Call", T0, "phone"),
                ("Callback", T0, "phone"),
                ("web-login", T0, "web"),
                ("Call", T0, None),
                ("mail", T0, "email", {"tier": "gold"}),
                ("mail", T0, "email", {"tier": "silver"}),
                ("other", T0, "web"),
            ]
        }
    )
    m = journey_map(
        {
            "contact": [
                tp("phone_call", {"activity": "Call", "channel": "phone"}),
                tp("callback", {"activity_in": ["Call", "Callback"]}),
                tp("web", {"activity_regex": "^web-"}),
            ],
            "after": [tp("vip_mail", {"activity": "mail", "attributes": {"tier": "gold"}})],
        }
    )
    assert _bound(events, m) == [
        ("Call", "phone_call", "contact"),
        ("Callback", "callback", "contact"),
        ("web-login", "web", "contact"),
        ("Call", "callback", "contact"),  # NULL channel fails the first rule, the second catches it
        ("mail", "vip_mail", "after"),
        ("mail", None, None),
        ("other", None, None),
    ]


def test_any_rule_of_a_touchpoint_binds_and_dataset_is_a_condition():
    events = journeys_for({"ana": [("a", T0), ("b", T0), ("c", T0)]}, dataset="shop")
    m = journey_map(
        {
            "s": [
                tp(
                    "t",
                    {"activity": "a"},
                    {"activity": "b", "dataset": "shop"},
                    {"activity": "c", "dataset": "x"},
                )
            ]
        }
    )
    assert _bound(events, m) == [("a", "t", "s"), ("b", "t", "s"), ("c", None, None)]


def test_attribute_conditions_read_any_key_and_a_missing_or_null_value_never_matches():
    odd = {"a/b": "1", "x~y": "2", "نوع مشتری": "طلایی", 'q"uote': "3"}
    events = journeys_for(
        {
            "ana": [
                ("e", T0, None, odd),
                ("e", T0, None, {"a/b": "2"}),
                ("e", T0, None, {"a/b": None}),
                ("e", T0, None, {}),
            ]
        }
    )
    m = journey_map(
        {
            "s": [
                tp("slash", {"attributes": {"a/b": "1", "x~y": "2"}}),
                tp("persian", {"attributes": {"نوع مشتری": "طلایی", 'q"uote': "3"}}),
                tp("other", {"attributes": {"a/b": "2"}}),
            ]
        }
    )
    assert _bound(events, m) == [
        ("e", "slash", "s"),
        ("e", "other", "s"),
        ("e", None, None),
        ("e", None, None),
    ]
    only_persian = journey_map({"s": [tp("persian", {"attributes": {"نوع مشتری": "طلایی"}})]})
    assert [r[1] for r in _bound(events, only_persian)] == ["persian", None, None, None]


def test_a_map_without_rules_binds_nothing():
    events = journeys_for({"ana": [("a", T0)]})
    assert _bound(events, journey_map({"s": [tp("t")]})) == [("a", None, None)]


def test_preview_shows_coverage_and_the_unbound_activities():
    events = journeys_for(
        {
            "ana": [("visit", T0), ("buy", T0), ("noise", T0), ("noise", T0)],
            "bob": [("visit", T0), ("other", T0)],
        }
    )
    m = journey_map(
        {"s1": [tp("v", {"activity": "visit"})], "s2": [tp("b", {"activity": "buy"}), tp("never")]}
    )

    assert preview_binding(events, m).to_dict() == {
        "events": 6,
        "bound": 3,
        "unbound": 3,
        "bound_share": 0.5,
        "touchpoints": [
            {"stage": "s1", "touchpoint": "v", "events": 2, "customers": 2},
            {"stage": "s2", "touchpoint": "b", "events": 1, "customers": 1},
            {"stage": "s2", "touchpoint": "never", "events": 0, "customers": 0},
        ],
        "unbound_activities": 2,
        "top_unbound": [{"activity": "noise", "events": 2}, {"activity": "other", "events": 1}],
    }
    assert preview_binding(events, m, top=1).to_dict()["top_unbound"] == [{"activity": "noise", "events": 2}]


@pytest.mark.parametrize("pattern", ["^a(?=b)", "(?!x)y", "(?<=a)b", r"(a)\1"])
def test_regexes_the_engines_cannot_run_are_refused_by_name(pattern):
    m = journey_map({"s": [tp("t", {"activity_regex": pattern})]})
    with pytest.raises(InputError) as err:
        bind_events(journeys_for({"ana": [("ab", T0)]}), m)
    assert (err.value.code, err.value.details) == (
        "analytics.unsupported_regex",
        {"touchpoint": "t", "pattern": pattern},
    )
