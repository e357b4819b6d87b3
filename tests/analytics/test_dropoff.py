from __future__ import annotations

from analytics_helpers import T0, H, journeys_for, simple_map

from safar.analytics import dropoff

JOURNEYS = {
    "ana": [("visit", T0), ("cart", T0 + H), ("buy", T0 + 2 * H)],
    "bob": [("visit", T0), ("cart", T0 + H)],
    "cem": [("visit", T0)],
    "dan": [("visit", T0), ("buy", T0 + H), ("support", T0 + 2 * H)],
}


def test_last_step_of_every_customer():
    assert dropoff(journeys_for(JOURNEYS)).to_dict() == {
        "level": "activity",
        "customers": 4,
        "completed": None,
        "unobserved": None,
        "steps": [
            {"step": "buy", "customers": 1, "share": 0.25},
            {"step": "cart", "customers": 1, "share": 0.25},
            {"step": "support", "customers": 1, "share": 0.25},
            {"step": "visit", "customers": 1, "share": 0.25},
        ],
    }


def test_customers_who_reached_final_are_completed_not_dropped():
    assert dropoff(journeys_for(JOURNEYS), final="buy").to_dict() == {
        "level": "activity",
        "customers": 4,
        "completed": 2,
        "unobserved": None,
        "steps": [
            {"step": "cart", "customers": 1, "share": 0.25},
            {"step": "visit", "customers": 1, "share": 0.25},
        ],
    }


def test_touchpoint_level_uses_the_last_bound_event():
    journeys = {"ana": [("ad", T0), ("site", T0 + H), ("noise", T0 + 2 * H)], "bob": [("ad", T0)]}
    result = dropoff(journeys_for(journeys), level="touchpoint", journey_map=simple_map()).to_dict()
    # Nobody reached "buy", so "consider" is the last stage with data: ana, who ends at the site, completed.
    assert result["steps"] == [{"step": "ad", "customers": 1, "share": 0.5}]
    assert (result["completed"], result["unobserved"]) == (1, 0)
