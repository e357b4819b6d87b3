"""Insights: moments of truth from data (key drivers), importance × performance, and gap analysis.

Pure functions over a table of survey ratings (a pandas DataFrame, e.g. from :func:`read_ratings`);
the definitions are in docs/insights.md.

>>> [name for name in ("key_drivers", "quadrants", "gap_analysis") if name in __all__]
['key_drivers', 'quadrants', 'gap_analysis']
"""

from __future__ import annotations

from safar.insights.drivers import DriverImportance, DriversResult, key_drivers
from safar.insights.gaps import Gap, GapPair, GapsResult, gap_analysis, parse_pairs, wilcoxon_signed_rank
from safar.insights.quadrants import (
    QUADRANTS,
    QuadrantEntry,
    QuadrantsResult,
    importance_performance,
    quadrants,
)
from safar.insights.ratings import binary_outcome, numeric_column, numeric_columns, read_ratings
from safar.insights.weights import (
    correlations,
    pair_counts,
    pairwise_correlations,
    relative_weights,
    standardized_coefficients,
)

__all__ = [
    "QUADRANTS",
    "DriverImportance",
    "DriversResult",
    "Gap",
    "GapPair",
    "GapsResult",
    "QuadrantEntry",
    "QuadrantsResult",
    "binary_outcome",
    "correlations",
    "gap_analysis",
    "importance_performance",
    "key_drivers",
    "numeric_column",
    "numeric_columns",
    "pair_counts",
    "pairwise_correlations",
    "parse_pairs",
    "quadrants",
    "read_ratings",
    "relative_weights",
    "standardized_coefficients",
    "wilcoxon_signed_rank",
]
