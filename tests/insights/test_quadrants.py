"""Importance × performance quadrants on a hand-made case, at the mean and at the median."""

from __future__ import annotations

import pytest

from safar.errors import InputError
from safar.insights import importance_performance

POINTS = [
    ("wifi", 0.30, 2.0),
    ("boarding", 0.25, 4.0),
    ("food", 0.05, 2.5),
    ("gate", 0.02, 4.5),
    ("seat", 0.08, 3.4),
]


def test_quadrants_at_the_mean() -> None:
    # mean importance 0.14, mean performance 3.28
    assert importance_performance(POINTS).to_dict() == {
        "drivers": [
            {"name": "wifi", "importance": 0.30, "performance": 2.0, "quadrant": "fix_first"},
            {"name": "boarding", "importance": 0.25, "performance": 4.0, "quadrant": "keep_up"},
            {"name": "food", "importance": 0.05, "performance": 2.5, "quadrant": "low_priority"},
            {"name": "gate", "importance": 0.02, "performance": 4.5, "quadrant": "possible_overkill"},
            {"name": "seat", "importance": 0.08, "performance": 3.4, "quadrant": "possible_overkill"},
        ],
        "quadrants": {
            "fix_first": ["wifi"],
            "keep_up": ["boarding"],
            "low_priority": ["food"],
            "possible_overkill": ["gate", "seat"],
        },
        "threshold": "mean",
        "importance_threshold": pytest.approx(0.14),
        "performance_threshold": pytest.approx(3.28),
        "r2": None,
        "n": None,
    }


def test_at_the_median_the_middle_point_counts_as_high() -> None:
    # median importance 0.08 (seat), median performance 3.4 (seat): seat is high on both
    result = importance_performance(POINTS, threshold="median").to_dict()
    assert result["quadrants"] == {
        "fix_first": ["wifi"],
        "keep_up": ["boarding", "seat"],
        "low_priority": ["food"],
        "possible_overkill": ["gate"],
    }
    assert (result["importance_threshold"], result["performance_threshold"]) == (0.08, 3.4)


def test_bad_threshold_and_no_points() -> None:
    with pytest.raises(InputError) as caught:
        importance_performance(POINTS, threshold="mode")
    assert caught.value.details == {"value": "mode", "allowed": ["mean", "median"]}
    with pytest.raises(InputError) as caught:
        importance_performance([])
    assert caught.value.code == "insights.no_points"
