"""Importance × performance (اهمیت × عملکرد): each driver placed in one of four quadrants.

A driver is *high* on an axis when its value is at or above the threshold of that axis — the mean
(default) or the median over the drivers:

=================  ===========  ============
quadrant           importance   performance
=================  ===========  ============
``fix_first``      high         low
``keep_up``        high         high
``low_priority``   low          low
``possible_overkill``  low      high
=================  ===========  ============

Performance is compared across drivers as given, so the drivers should share one rating scale.

>>> result = importance_performance([("wifi", 0.30, 2.1), ("seat", 0.25, 4.0), ("food", 0.05, 2.5), ("gate", 0.02, 4.4)])
>>> [(q.name, q.quadrant) for q in result.drivers]
[('wifi', 'fix_first'), ('seat', 'keep_up'), ('food', 'low_priority'), ('gate', 'possible_overkill')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from statistics import fmean, median
from typing import Any

from safar.errors import InputError
from safar.insights.drivers import DriversResult

QUADRANTS = ("fix_first", "keep_up", "low_priority", "possible_overkill")
THRESHOLDS = ("mean", "median")


@dataclass(frozen=True)
class QuadrantEntry:
    """One driver's place in the matrix."""

    name: str
    importance: float
    performance: float
    quadrant: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class QuadrantsResult:
    """Drivers in the order given (by importance for key drivers) with the thresholds that split them."""

    drivers: tuple[QuadrantEntry, ...]
    threshold: str
    importance_threshold: float
    performance_threshold: float
    r2: float | None = None
    n: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "drivers": [d.to_dict() for d in self.drivers],
            "quadrants": {q: [d.name for d in self.drivers if d.quadrant == q] for q in QUADRANTS},
            "threshold": self.threshold,
            "importance_threshold": self.importance_threshold,
            "performance_threshold": self.performance_threshold,
            "r2": self.r2,
            "n": self.n,
        }


def quadrant_of(importance: float, performance: float, importance_cut: float, performance_cut: float) -> str:
    """The quadrant of one point; a value equal to its threshold counts as high.

    >>> quadrant_of(0.2, 3.0, 0.1, 3.5)
    'fix_first'
    """
    important = importance >= importance_cut
    performing = performance >= performance_cut
    if important:
        return "keep_up" if performing else "fix_first"
    return "possible_overkill" if performing else "low_priority"


def importance_performance(
    points: Sequence[tuple[str, float, float]], *, threshold: str = "mean"
) -> QuadrantsResult:
    """Quadrants of ``(name, importance, performance)`` points, split at the mean or median of each axis.

    >>> importance_performance([("a", 0.3, 2.0), ("b", 0.1, 4.0)], threshold="median").importance_threshold
    0.2
    """
    if threshold not in THRESHOLDS:
        raise InputError("insights.bad_threshold", value=threshold, allowed=list(THRESHOLDS))
    if not points:
        raise InputError("insights.no_points")
    centre = fmean if threshold == "mean" else median
    importance_cut = float(centre([p[1] for p in points]))
    performance_cut = float(centre([p[2] for p in points]))
    entries = tuple(
        QuadrantEntry(
            name,
            importance,
            performance,
            quadrant_of(importance, performance, importance_cut, performance_cut),
        )
        for name, importance, performance in points
    )
    return QuadrantsResult(entries, threshold, importance_cut, performance_cut)


def quadrants(result: DriversResult, *, threshold: str = "mean") -> QuadrantsResult:
    """The importance × performance matrix of a key-driver result.

    >>> import pandas as pd
    >>> from safar.insights.drivers import key_drivers
    >>> frame = pd.DataFrame({"a": [1, 2, 3, 4, 5, 4], "b": [2, 1, 4, 3, 5, 5], "y": [1, 2, 3, 5, 4, 5]})
    >>> quadrants(key_drivers(frame, outcome="y", bootstrap=0)).to_dict()["quadrants"]
    {'fix_first': ['a'], 'keep_up': [], 'low_priority': [], 'possible_overkill': ['b']}
    """
    matrix = importance_performance(
        [(d.name, d.importance, d.performance) for d in result.drivers], threshold=threshold
    )
    return replace(matrix, r2=result.r2, n=result.n)
