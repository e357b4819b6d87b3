from __future__ import annotations

from analytics_helpers import T0, H, journeys_for, simple_map

from safar.analytics import summary

JOURNEYS = {
    "ana": [("ad", T0), ("site", T0 + H), ("call", T0 + 2 * H), ("order", T0 + 4 * H)],
    "bob": [("ad", T0), ("site", T0 + 2 * H)],
    "cem": [("site", T0), ("noise", T0 + H), ("site", T0 + 3 * H)],
}


def test_summary_whole_result():
    assert summary(journeys_for(JOURNEYS), simple_map()).to_dict() == {
        "events": 9,
        "unbound_events": 1,
        "customers": 3,
        "touchpoints": [
            {
                "stage": "aware",
                "touchpoint": "ad",
                "events": 2,
                "customers": 2,
                "conversion_to_next_stage": 1.0,
                "dropoff": 0,
                "dropoff_share": 0.0,
                "completed": 0,
                "median_seconds_to_next": 5400.0,
            },
            {
                "stage": "consider",
                "touchpoint": "site",
                "events": 4,
                "customers": 3,
                "conversion_to_next_stage": 1 / 3,
                "dropoff": 2,
                "dropoff_share": 2 / 3,
                "completed": 0,
                "median_seconds_to_next": 7200.0,
            },
            {
                "stage": "consider",
                "touchpoint": "call",
                "events": 1,
                "customers": 1,
                "conversion_to_next_stage": 1.0,
                "dropoff": 0,
                "dropoff_share": 0.0,
                "completed": 0,
                "median_seconds_to_next": 7200.0,
            },
            {
                "stage": "buy",
                "touchpoint": "order",
                "events": 1,
                "customers": 1,
                "conversion_to_next_stage": None,
                "dropoff": 0,  # ana finished in the last stage: completed, not dropped off
                "dropoff_share": 0.0,
                "completed": 1,
                "median_seconds_to_next": None,
            },
        ],
    }
