from __future__ import annotations

from analytics_helpers import T0, H, journeys_for, simple_map

from safar.analytics import conformance


def _j(*acts):
    return [(a, T0 + i * H) for i, a in enumerate(acts)]


JOURNEYS = {
    "ana": _j("ad", "site", "call", "call", "order"),
    "bob": _j("ad", "order"),
    "cem": _j("ad", "call", "site", "order"),
    "dan": _j("site", "ad", "noise"),
    "eve": _j("ad", "order", "site"),
}


def test_conformance_whole_result():
    assert conformance(journeys_for(JOURNEYS), simple_map()).to_dict() == {
        "customers": 5,
        "conforming": 1,
        "conforming_share": 0.2,
        "by_kind": {
            "skipped_stage": {"customers": 2, "count": 2},
            "backward_move": {"customers": 2, "count": 2},
            "not_on_map": {"customers": 1, "count": 1},
            "out_of_order": {"customers": 1, "count": 1},
        },
        "deviations": [
            {"kind": "skipped_stage", "where": "consider", "customers": 2, "count": 2},
            {"kind": "backward_move", "where": "buy → consider", "customers": 1, "count": 1},
            {"kind": "backward_move", "where": "consider → aware", "customers": 1, "count": 1},
            {"kind": "not_on_map", "where": "noise", "customers": 1, "count": 1},
            {"kind": "out_of_order", "where": "call → site", "customers": 1, "count": 1},
        ],
    }


def test_entering_late_and_leaving_early_conform():
    result = conformance(journeys_for({"ana": _j("site", "call")}), simple_map()).to_dict()
    assert (result["conforming"], result["deviations"]) == (1, [])
