"""The 2 × 2 table of a moment of truth: odds ratio with a Woolf interval, Fisher's exact test, BH q-values.

The table counts customers::

                 outcome   no outcome
    had it          a          b
    did not         c          d

``OR = (a·d) / (b·c)``; when any cell is 0 every cell gets 0.5 first (Haldane–Anscombe), and the
result says so. The interval is Woolf's: ``exp(ln OR ± z·√(1/a + 1/b + 1/c + 1/d))``. The p-value is
Fisher's exact test, two-sided: the probability, under the hypergeometric law with the margins
fixed, of every table no more likely than the one observed (as R's ``fisher.test`` and SciPy's
``fisher_exact``). In the standard library and NumPy only.

>>> t = odds_ratio(20, 10, 10, 20)
>>> round(t.odds_ratio, 2), round(t.low, 3), round(t.high, 3), t.corrected, round(t.p_value, 5)
(4.0, 1.367, 11.703, False, 0.01938)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from safar.metrics.stats import z_value

HALDANE = 0.5
# Tables whose probability is within this relative tolerance of the observed one count as "as likely".
_RELATIVE = 1 + 1e-7


@dataclass(frozen=True)
class OddsRatio:
    odds_ratio: float
    low: float
    high: float
    log_or: float
    corrected: bool
    p_value: float


def odds_ratio(a: int, b: int, c: int, d: int, *, confidence: float = 0.95) -> OddsRatio:
    """Odds ratio of the 2 × 2 table ``[[a, b], [c, d]]`` with its Woolf interval and Fisher's p-value.

    >>> t = odds_ratio(5, 0, 2, 8)
    >>> t.corrected, round(t.odds_ratio, 1), round(t.p_value, 4)
    (True, 37.4, 0.007)
    """
    corrected = min(a, b, c, d) == 0
    shift = HALDANE if corrected else 0.0
    fa, fb, fc, fd = (float(x) + shift for x in (a, b, c, d))
    log_or = math.log(fa) + math.log(fd) - math.log(fb) - math.log(fc)
    se = math.sqrt(1 / fa + 1 / fb + 1 / fc + 1 / fd)
    z = z_value(confidence)
    return OddsRatio(
        odds_ratio=math.exp(log_or),
        low=math.exp(log_or - z * se),
        high=math.exp(log_or + z * se),
        log_or=log_or,
        corrected=corrected,
        p_value=fisher_exact(a, b, c, d),
    )


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test of ``[[a, b], [c, d]]``.

    >>> round(fisher_exact(3, 1, 1, 3), 4)
    0.4857
    """
    row, col, n = a + b, a + c, a + b + c + d
    low, high = max(0, col - (n - row)), min(row, col)
    support = np.arange(low, high + 1, dtype=float)
    logp = _log_hypergeom(support, row, col, n)
    observed = _log_hypergeom(np.array([float(a)]), row, col, n)[0]
    peak = logp.max()
    weights = np.exp(logp - peak)
    keep = logp <= observed + math.log(_RELATIVE)
    return float(min(1.0, weights[keep].sum() / weights.sum()))


def _log_hypergeom(k: np.ndarray, row: int, col: int, n: int) -> np.ndarray:
    """log P(X = k) for X the top-left cell given the margins (log-gamma, so any n is safe)."""
    lgamma = np.vectorize(math.lgamma, otypes=[float])
    fixed = math.lgamma(row + 1) + math.lgamma(n - row + 1) + math.lgamma(col + 1) + math.lgamma(n - col + 1)
    fixed -= math.lgamma(n + 1)
    result: np.ndarray = fixed - (
        lgamma(k + 1) + lgamma(row - k + 1) + lgamma(col - k + 1) + lgamma(n - row - col + k + 1)
    )
    return result


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order given.

    >>> [round(q, 3) for q in benjamini_hochberg([0.01, 0.04, 0.03, 0.5])]
    [0.04, 0.053, 0.053, 0.5]
    """
    m = len(p_values)
    if m == 0:
        return []
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = running
    return adjusted
