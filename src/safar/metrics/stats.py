"""Distribution helpers for confidence intervals and tests, in the standard library only (no SciPy at run
time; the tests check them against SciPy).

>>> round(z_value(0.95), 4)
1.96
>>> round(t_quantile(0.975, 9), 4)
2.2622
>>> tuple(round(x, 4) for x in wilson_interval(8, 10, 0.95))
(0.4902, 0.9433)
"""

from __future__ import annotations

import math
from statistics import NormalDist


def z_value(confidence: float) -> float:
    """The two-sided normal critical value for ``confidence`` (0.95 → 1.95996…)."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(successes: int, n: int, confidence: float) -> tuple[float, float]:
    """Wilson score interval of a proportion ``successes / n`` (n > 0)."""
    z = z_value(confidence)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def sample_sd(n: int, total: float, total_sq: float) -> float | None:
    """The sample standard deviation from n, Σx and Σx²; ``None`` when n < 2.

    >>> round(sample_sd(4, 16.0, 72.0), 4)
    1.633
    """
    if n < 2:
        return None
    mean = total / n
    return math.sqrt(max(total_sq - n * mean * mean, 0.0) / (n - 1))


def mean_interval(n: int, total: float, total_sq: float, confidence: float) -> tuple[float, float] | None:
    """The Student t interval of a mean from n, Σx and Σx²; ``None`` when n < 2.

    >>> tuple(round(x, 4) for x in mean_interval(4, 16.0, 72.0, 0.95))
    (1.4015, 6.5985)
    """
    sd = sample_sd(n, total, total_sq)
    if sd is None:
        return None
    half = t_quantile(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)
    return total / n - half, total / n + half


def t_cdf(x: float, df: float) -> float:
    """Student's t cumulative distribution, through the regularised incomplete beta function."""
    tail = 0.5 * _betainc(df / 2, 0.5, df / (df + x * x))
    return 1 - tail if x >= 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` degrees of freedom, by bisection (|error| < 1e-10)."""
    lo, hi = -1e3, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12:
            break
    return (lo + hi) / 2


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1 - math.exp(log_front) * _betacf(b, a, 1 - x) / b


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        for num in (
            m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)),
        ):
            d = 1 + num * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h
