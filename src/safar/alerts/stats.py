"""The statistical guard of an alert: is the recent window really worse than the baseline?

Two tests, both one-sided in the direction the rule watches:

- the **two-proportion z-test** with the pooled proportion (shares: CSAT top-2-box, conversion,
  unanswered share, negative-comment share), and its analogue for NPS, a difference of means of
  scores +1 (promoter), 0 (passive), −1 (detractor) with unpooled variances;
- the **p-chart**: 3-sigma control limits around the baseline value for a sample of the recent size.

Pure functions of counts; no I/O.

>>> r = two_proportion_test(80, 100, 60, 100, falling=True)
>>> round(r.z, 3), round(r.p_value, 5)
(-3.086, 0.00101)
>>> control_limits(0.8, 100)
(0.68, 0.92)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from safar.metrics.survey import nps_value, nps_variance


def normal_cdf(z: float) -> float:
    """P(Z ≤ z) for a standard normal Z.

    >>> round(normal_cdf(-2.326), 4)
    0.01
    """
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


@dataclass(frozen=True)
class Significance:
    """A one-sided test of recent against baseline: ``z`` is ``None`` when both samples have no spread
    but differ (the difference is then certain: ``p_value`` 0)."""

    z: float | None
    p_value: float


def _one_sided(diff: float, se: float, *, falling: bool) -> Significance:
    if se == 0.0:
        if diff == 0.0:
            return Significance(0.0, 1.0)
        worse = diff < 0 if falling else diff > 0
        return Significance(None, 0.0 if worse else 1.0)
    z = diff / se
    return Significance(z, normal_cdf(z) if falling else normal_cdf(-z))


def two_proportion_test(
    base_hits: int, base_n: int, recent_hits: int, recent_n: int, *, falling: bool
) -> Significance:
    """The pooled two-proportion z-test of H1: recent share < baseline share (``falling``) or > (rising).

    >>> two_proportion_test(5, 10, 5, 10, falling=False)
    Significance(z=0.0, p_value=0.5)
    >>> two_proportion_test(0, 50, 0, 40, falling=False)
    Significance(z=0.0, p_value=1.0)
    """
    if base_n <= 0 or recent_n <= 0:
        raise ValueError("both samples need at least one observation")
    p0, p1 = base_hits / base_n, recent_hits / recent_n
    pooled = (base_hits + recent_hits) / (base_n + recent_n)
    se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / base_n + 1.0 / recent_n))
    return _one_sided(p1 - p0, se, falling=falling)


def nps(promoters: int, detractors: int, n: int) -> float:
    """NPS as a fraction in −1…1 (shown ×100), :func:`safar.metrics.survey.nps_value` / 100.

    >>> nps(50, 20, 100)
    0.3
    """
    return nps_value(n, promoters, detractors) / 100


def nps_test(
    base: tuple[int, int, int], recent: tuple[int, int, int], *, falling: bool = True
) -> Significance:
    """z-test of a change in NPS; each sample is ``(promoters, detractors, n)``.

    >>> r = nps_test((50, 20, 100), (30, 40, 100))
    >>> round(r.z, 3), round(r.p_value, 4)
    (-3.508, 0.0002)
    """
    (bp, bd, bn), (rp, rd, rn) = base, recent
    if bn <= 0 or rn <= 0:
        raise ValueError("both samples need at least one observation")
    se = math.sqrt(nps_variance(bp, bd, bn) / bn + nps_variance(rp, rd, rn) / rn)
    return _one_sided(nps(rp, rd, rn) - nps(bp, bd, bn), se, falling=falling)


def control_limits(
    center: float, n: int, *, variance: float | None = None, bounds: tuple[float, float] = (0.0, 1.0)
) -> tuple[float, float]:
    """The 3-sigma limits of a p-chart around ``center`` for a sample of ``n``, clipped to ``bounds``.

    ``variance`` is one observation's variance: ``center·(1−center)`` for a share (the default),
    :func:`safar.metrics.survey.nps_variance` for NPS.

    >>> control_limits(0.5, 25)
    (0.2, 0.8)
    >>> control_limits(0.3, 100, variance=0.61, bounds=(-1.0, 1.0))
    (0.0657, 0.5343)
    """
    spread = center * (1.0 - center) if variance is None else variance
    sigma = math.sqrt(max(spread, 0.0) / n)
    low, high = bounds
    return round(max(low, center - 3 * sigma), 4), round(min(high, center + 3 * sigma), 4)
