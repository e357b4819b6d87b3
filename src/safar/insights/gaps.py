"""Gap analysis (تحلیل شکاف): perception − expectation per touchpoint, SERVQUAL style, with a paired test.

For each touchpoint the rows where both ratings are present (the ``na`` codes are missing) give
paired differences ``d = perception − expectation``; the result reports

* ``gap`` — the mean of ``d`` with a Student t interval (``gap_low``, ``gap_high``);
* ``p_value`` — the paired t-test of mean ``d`` = 0 (the test that matches the interval and the mean);
* ``p_wilcoxon`` — the Wilcoxon signed-rank test, which does not assume interval-scaled ratings: zero
  differences are dropped; exact when at most 50 non-zero differences remain and none tie, else the
  normal approximation with the tie correction and no continuity correction (as SciPy's
  ``wilcoxon(method="exact" | "approx")``);
* ``dz`` — Cohen's d for paired data, ``mean(d) / sd(d)``; ``n`` and the expectation and perception means.

Touchpoints are ranked by gap, most negative (furthest below expectations) first. When every
difference is the same the t statistic is undefined: ``p_value`` and ``dz`` are ``None``.

>>> frame = pd.DataFrame({"exp": [5, 5, 4, 4, 5], "per": [3, 4, 4, 2, 4]})
>>> g = gap_analysis(frame, [("checkin", "exp", "per")]).gaps[0]
>>> g.touchpoint, g.n, g.gap, round(g.dz, 3), round(g.p_value, 4)
('checkin', 5, -1.2, -1.434, 0.0327)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from safar.errors import InputError
from safar.insights.ratings import numeric_column, require_columns
from safar.metrics.stats import t_cdf, t_quantile
from safar.metrics.survey import expectation_gap

CONFIDENCE = 0.95
EXACT_WILCOXON_UP_TO = 50


@dataclass(frozen=True)
class GapPair:
    """A touchpoint and the columns holding its expectation and perception ratings."""

    touchpoint: str
    expectation: str
    perception: str


@dataclass(frozen=True)
class Gap:
    """The gap of one touchpoint with its tests."""

    touchpoint: str
    expectation_col: str
    perception_col: str
    n: int
    expectation: float
    perception: float
    gap: float
    gap_low: float | None
    gap_high: float | None
    sd: float
    dz: float | None
    t: float | None
    p_value: float | None
    p_wilcoxon: float | None
    wilcoxon_method: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class GapsResult:
    """Gaps ranked from the most negative."""

    gaps: tuple[Gap, ...]
    confidence: float
    na: tuple[float, ...]
    test: str = "paired_t"

    def to_dict(self) -> dict[str, Any]:
        return {
            "gaps": [g.to_dict() for g in self.gaps],
            "confidence": self.confidence,
            "na": list(self.na),
            "test": self.test,
        }


def parse_pairs(text: str) -> list[GapPair]:
    """``"tp:expect_col:perceive_col,…"`` as pairs.

    >>> parse_pairs("checkin:exp_c:per_c, wifi:exp_w:per_w")[1]
    GapPair(touchpoint='wifi', expectation='exp_w', perception='per_w')
    """
    pairs = []
    for item in (part.strip() for part in text.split(",")):
        pieces = [p.strip() for p in item.split(":")]
        if len(pieces) != 3 or not all(pieces):
            raise InputError("insights.bad_pair", value=item)
        pairs.append(GapPair(*pieces))
    if not pairs:
        raise InputError("insights.bad_pair", value=text)
    return pairs


def gap_analysis(
    frame: pd.DataFrame,
    pairs: Sequence[GapPair | tuple[str, str, str]],
    *,
    na: Sequence[float] = (),
    confidence: float = CONFIDENCE,
) -> GapsResult:
    """Perception − expectation for each pair of columns, with paired tests; most negative gap first.

    >>> frame = pd.DataFrame({"e1": [4, 5, 4], "p1": [4, 4, 3], "e2": [3, 3, 4], "p2": [4, 5, 4]})
    >>> [(g.touchpoint, round(g.gap, 2)) for g in gap_analysis(frame, parse_pairs("desk:e1:p1,app:e2:p2")).gaps]
    [('desk', -0.67), ('app', 1.0)]
    """
    if not 0 < confidence < 1:
        raise InputError("insights.bad_confidence", value=confidence)
    chosen = [p if isinstance(p, GapPair) else GapPair(*p) for p in pairs]
    if not chosen:
        raise InputError("insights.bad_pair", value="")
    require_columns(frame, [c for p in chosen for c in (p.expectation, p.perception)])
    gaps = [_gap(frame, pair, na, confidence) for pair in chosen]
    gaps.sort(key=lambda g: (g.gap, g.touchpoint))
    return GapsResult(tuple(gaps), confidence, tuple(float(v) for v in na))


def _gap(frame: pd.DataFrame, pair: GapPair, na: Sequence[float], confidence: float) -> Gap:
    expect = numeric_column(frame, pair.expectation, na=na)
    perceive = numeric_column(frame, pair.perception, na=na)
    both = ~np.isnan(expect) & ~np.isnan(perceive)
    n = int(both.sum())
    if n < 2:
        raise InputError("insights.too_few_pairs", touchpoint=pair.touchpoint, n=n)
    diff = expectation_gap(perceive[both], expect[both])
    mean, sd = float(diff.mean()), float(diff.std(ddof=1))
    if sd > 0:
        t = mean / (sd / math.sqrt(n))
        p_value: float | None = min(1.0, 2 * t_cdf(-abs(t), n - 1))
        half = t_quantile(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)
        low, high, dz, t_stat = mean - half, mean + half, mean / sd, t
    else:
        p_value, low, high, dz, t_stat = None, mean, mean, None, None
    p_wilcoxon, method = wilcoxon_signed_rank(diff)
    return Gap(
        touchpoint=pair.touchpoint,
        expectation_col=pair.expectation,
        perception_col=pair.perception,
        n=n,
        expectation=float(expect[both].mean()),
        perception=float(perceive[both].mean()),
        gap=mean,
        gap_low=low,
        gap_high=high,
        sd=sd,
        dz=dz,
        t=t_stat,
        p_value=p_value,
        p_wilcoxon=p_wilcoxon,
        wilcoxon_method=method,
    )


def wilcoxon_signed_rank(diff: np.ndarray) -> tuple[float | None, str | None]:
    """Two-sided p-value of the Wilcoxon signed-rank test of paired differences, and the method used.

    >>> wilcoxon_signed_rank(np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    (0.0625, 'exact')
    >>> wilcoxon_signed_rank(np.zeros(4))
    (None, None)
    """
    d = diff[diff != 0]
    n = len(d)
    if n == 0:
        return None, None
    magnitude = np.abs(d)
    ranks = pd.Series(magnitude).rank(method="average").to_numpy()
    r_plus = float(ranks[d > 0].sum())
    _, ties = np.unique(magnitude, return_counts=True)
    if n <= EXACT_WILCOXON_UP_TO and (ties == 1).all():
        counts = np.zeros(n * (n + 1) // 2 + 1)
        counts[0] = 1.0
        for k in range(1, n + 1):
            counts[k:] = counts[k:] + counts[:-k].copy()
        cdf = np.cumsum(counts) / counts.sum()
        t = round(min(r_plus, n * (n + 1) / 2 - r_plus))
        return min(1.0, 2 * float(cdf[t])), "exact"
    mean = n * (n + 1) / 4
    var = n * (n + 1) * (2 * n + 1) / 24 - float((ties**3 - ties).sum()) / 48
    if var <= 0:
        return None, None
    z = (r_plus - mean) / math.sqrt(var)
    # erfc keeps small tail probabilities exact where 1 − Φ(z) would round to 0
    return min(1.0, math.erfc(abs(z) / math.sqrt(2))), "approx"
