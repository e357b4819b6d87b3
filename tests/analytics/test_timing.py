from __future__ import annotations

from analytics_helpers import T0, M, journeys_for, simple_map

from safar.analytics import timing

JOURNEYS = {
    "ana": [("visit", T0, "web"), ("cart", T0 + 10 * M, "web"), ("buy", T0 + 30 * M, "app")],
    "bob": [("visit", T0, "app"), ("cart", T0 + 20 * M, "app")],
    "cem": [("visit", T0, "web"), ("cart", T0 + 40 * M, "web"), ("buy", T0 + 100 * M, "web")],
}


def stats(*secs):
    import pandas as pd

    s = pd.Series(secs, dtype=float)
    return {
        "n": len(s),
        "mean": s.mean(),
        "p25": s.quantile(0.25),
        "median": s.median(),
        "p75": s.quantile(0.75),
        "p90": s.quantile(0.9),
    }


NONE = {"n": 0, "mean": None, "p25": None, "median": None, "p75": None, "p90": None}


def test_timing_whole_result():
    assert timing(journeys_for(JOURNEYS)).to_dict() == {
        "level": "activity",
        "final": None,
        "transitions": [
            {"source": "visit", "target": "cart", **stats(600, 1200, 2400)},
            {"source": "cart", "target": "buy", **stats(1200, 3600)},
        ],
        "conversion": stats(1800, 1200, 6000),
        "by_channel": {
            "transitions": [
                {"channel": "app", "source": "visit", "target": "cart", **stats(1200)},
                {"channel": "web", "source": "cart", "target": "buy", **stats(1200, 3600)},
                {"channel": "web", "source": "visit", "target": "cart", **stats(600, 2400)},
            ],
            "conversion": [{"channel": "app", **stats(1200)}, {"channel": "web", **stats(1800, 6000)}],
        },
    }


def test_time_to_a_final_step_counts_only_customers_who_reach_it():
    result = timing(journeys_for(JOURNEYS), final="buy").to_dict()
    assert result["conversion"] == stats(1800, 6000)
    assert result["by_channel"]["conversion"] == [{"channel": "web", **stats(1800, 6000)}]


def test_nothing_to_time():
    result = timing(journeys_for({"ana": [("visit", T0)]}), final="buy").to_dict()
    assert result["transitions"] == [] and result["conversion"] == NONE


def test_stage_level_times_entry_to_entry():
    journeys = {"ana": [("ad", T0), ("site", T0 + 5 * M), ("call", T0 + 9 * M), ("order", T0 + 20 * M)]}
    result = timing(journeys_for(journeys), level="stage", journey_map=simple_map()).to_dict()
    assert result["transitions"] == [
        {"source": "aware", "target": "consider", **stats(300)},
        {"source": "consider", "target": "buy", **stats(900)},
    ]


def test_milliseconds_count():
    import datetime as dt

    journeys = {"ana": [("a", T0), ("b", T0 + dt.timedelta(milliseconds=1500))]}
    assert timing(journeys_for(journeys)).transitions[0].stats.median == 1.5
