from __future__ import annotations

from analytics_helpers import T0, H, journeys_for

from safar.analytics import loops

JOURNEYS = {
    "ana": [
        ("call", T0, "phone"),
        ("call", T0 + H, "phone"),
        ("web", T0 + 2 * H, "web"),
        ("call", T0 + 3 * H, "phone"),
    ],
    "bob": [
        ("call", T0, "phone"),
        ("email", T0 + H, "email"),
        ("call", T0 + 2 * H, "phone"),
        ("email", T0 + 3 * H, "email"),
    ],
    "cem": [("visit", T0, "web")],
    "dan": [("call", T0, None), ("call", T0 + H, "phone")],
}


def test_loops_and_ping_pong_whole_result():
    assert loops(journeys_for(JOURNEYS)).to_dict() == {
        "level": "activity",
        "customers": 4,
        "customers_with_repeats": 3,
        "share": 0.75,
        "mean_repeats": 5 / 3,
        "by_step": [
            {
                "step": "call",
                "customers": 3,
                "customers_with_repeats": 3,
                "share": 1.0,
                "repeats": 4,
                "mean_repeats": 4 / 3,
            },
            {
                "step": "email",
                "customers": 1,
                "customers_with_repeats": 1,
                "share": 1.0,
                "repeats": 1,
                "mean_repeats": 1.0,
            },
            {
                "step": "visit",
                "customers": 1,
                "customers_with_repeats": 0,
                "share": 0.0,
                "repeats": 0,
                "mean_repeats": None,
            },
            {
                "step": "web",
                "customers": 1,
                "customers_with_repeats": 0,
                "share": 0.0,
                "repeats": 0,
                "mean_repeats": None,
            },
        ],
        "ping_pong": {
            "customers": 2,
            "share": 0.5,
            "count": 3,
            "by_pair": [
                {"from": "email", "via": "phone", "count": 1, "customers": 1},
                {"from": "phone", "via": "email", "count": 1, "customers": 1},
                {"from": "phone", "via": "web", "count": 1, "customers": 1},
            ],
        },
    }


def test_no_loops():
    result = loops(journeys_for({"ana": [("a", T0, "web"), ("b", T0 + H, "phone")]})).to_dict()
    assert (result["customers_with_repeats"], result["mean_repeats"], result["ping_pong"]["count"]) == (
        0,
        None,
        0,
    )
