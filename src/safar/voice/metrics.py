"""Survey metrics of the voice of the customer: NPS, CSAT and CES, each with n and a confidence interval.

The definitions (thresholds, scores, intervals) are :mod:`safar.metrics.survey`'s; this module checks
the answers and gathers each metric's figures in one result:

* **NPS** on 0–10: % promoters (9–10) − % detractors (0–6), from −100 to +100, Wald interval.
* **CSAT** on 1–5: % of answers in the top box (top-2-box, 4–5, unless ``top`` says otherwise),
  with a Wilson score interval.
* **CES** on 1–7: mean effort with a Student t interval.

An interval stays inside its scale and needs n ≥ 2 (``None`` below).

Every result carries ``small_n`` (n below ``min_n``, default 30). Missing answers (``None``/NaN) are not
answers: they are counted in ``missing`` and left out. Any other value off the scale is an error that
names the value and its position; nothing is ever clipped.

>>> nps([10, 9, 8, 6, 0]).to_dict()["value"]
0.0
>>> csat([5, 4, 3, 2]).value
50.0
>>> ces([1, 2, 3]).value
2.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from safar.errors import InputError
from safar.metrics import survey as m
from safar.metrics.survey import CES_SCALE, CSAT_SCALE, MIN_N, NPS_SCALE

__all__ = [
    "CES_SCALE",
    "CSAT_SCALE",
    "MIN_N",
    "NPS_SCALE",
    "CESResult",
    "CSATResult",
    "NPSResult",
    "answers",
    "ces",
    "ces_from_moments",
    "csat",
    "csat_from_counts",
    "nps",
    "nps_from_counts",
]


@dataclass(frozen=True)
class NPSResult:
    """Net Promoter Score in points (−100..100) with its counts and interval (``None`` when n < 2)."""

    value: float
    n: int
    promoters: int
    passives: int
    detractors: int
    ci_low: float | None
    ci_high: float | None
    confidence: float
    missing: int
    min_n: int
    small_n: bool
    metric: str = "nps"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CSATResult:
    """Customer satisfaction: % of answers in the top box, with a Wilson interval (``None`` when n < 2)."""

    value: float
    n: int
    satisfied: int
    top_box: tuple[int, ...]
    ci_low: float | None
    ci_high: float | None
    confidence: float
    missing: int
    min_n: int
    small_n: bool
    metric: str = "csat"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["top_box"] = list(self.top_box)
        return out


@dataclass(frozen=True)
class CESResult:
    """Customer effort: mean on the scale with a Student t interval (``None`` when n < 2)."""

    value: float
    n: int
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    missing: int
    min_n: int
    small_n: bool
    metric: str = "ces"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def nps(scores: Iterable[Any], *, confidence: float = 0.95, min_n: int = MIN_N) -> NPSResult:
    """NPS of answers on 0–10 with a trinomial normal interval.

    >>> r = nps([10, 10, 9, 7, 3])
    >>> r.value, r.promoters, r.detractors, r.small_n
    (40.0, 3, 1, True)
    """
    arr, missing = answers(scores, "NPS", NPS_SCALE)
    promoters = int((arr >= m.PROMOTER_MIN).sum())
    detractors = int((arr <= m.DETRACTOR_MAX).sum())
    return nps_from_counts(len(arr), promoters, detractors, missing, confidence=confidence, min_n=min_n)


def nps_from_counts(
    n: int, promoters: int, detractors: int, missing: int = 0, *, confidence: float = 0.95, min_n: int = MIN_N
) -> NPSResult:
    """NPS from the counts of answers, promoters and detractors (what a database group-by returns).

    >>> r = nps_from_counts(100, 50, 20)
    >>> r.value, round(r.ci_low, 2), round(r.ci_high, 2)
    (30.0, 14.69, 45.31)
    """
    if n == 0:
        raise InputError("voice.no_answers", metric="NPS")
    interval = m.nps_interval(n, promoters, detractors, m.check_confidence(confidence))
    return NPSResult(
        value=m.nps_value(n, promoters, detractors),
        n=n,
        promoters=promoters,
        passives=n - promoters - detractors,
        detractors=detractors,
        ci_low=None if interval is None else interval[0],
        ci_high=None if interval is None else interval[1],
        confidence=confidence,
        missing=missing,
        min_n=min_n,
        small_n=n < min_n,
    )


def csat(
    scores: Iterable[Any],
    *,
    top: int = 2,
    scale: tuple[int, int] = CSAT_SCALE,
    confidence: float = 0.95,
    min_n: int = MIN_N,
) -> CSATResult:
    """CSAT: % of answers in the ``top`` highest points of ``scale`` (default 4–5 of 1–5), Wilson interval.

    >>> r = csat([5, 5, 4, 3, 1], top=1)
    >>> r.value, r.top_box
    (40.0, (5,))
    """
    least = m.top_box_min(scale, top)
    arr, missing = answers(scores, "CSAT", m.check_scale(scale))
    sat = int((arr >= least).sum())
    return csat_from_counts(len(arr), sat, missing, top=top, scale=scale, confidence=confidence, min_n=min_n)


def csat_from_counts(
    n: int,
    satisfied: int,
    missing: int = 0,
    *,
    top: int = 2,
    scale: tuple[int, int] = CSAT_SCALE,
    confidence: float = 0.95,
    min_n: int = MIN_N,
) -> CSATResult:
    """CSAT from the counts of answers and of answers in the top box.

    >>> r = csat_from_counts(10, 8)
    >>> r.value, round(r.ci_low, 2), round(r.ci_high, 2)
    (80.0, 49.02, 94.33)
    """
    box = m.top_box(scale, top)
    if n == 0:
        raise InputError("voice.no_answers", metric="CSAT")
    interval = m.csat_interval(n, satisfied, m.check_confidence(confidence))
    return CSATResult(
        value=m.csat_value(n, satisfied),
        n=n,
        satisfied=satisfied,
        top_box=box,
        ci_low=None if interval is None else interval[0],
        ci_high=None if interval is None else interval[1],
        confidence=confidence,
        missing=missing,
        min_n=min_n,
        small_n=n < min_n,
    )


def ces(
    scores: Iterable[Any],
    *,
    scale: tuple[int, int] = CES_SCALE,
    confidence: float = 0.95,
    min_n: int = MIN_N,
) -> CESResult:
    """CES: mean effort on 1–7 with a Student t interval inside the scale.

    >>> r = ces([2, 4, 4, 6])
    >>> r.value, round(r.sd, 4), round(r.ci_low, 4), round(r.ci_high, 4)
    (4.0, 1.633, 1.4015, 6.5985)
    """
    arr, missing = answers(scores, "CES", m.check_scale(scale))
    total, total_sq = float(arr.sum()), float((arr * arr).sum())
    return ces_from_moments(
        len(arr), total, total_sq, missing, scale=scale, confidence=confidence, min_n=min_n
    )


def ces_from_moments(
    n: int,
    total: float,
    total_sq: float,
    missing: int = 0,
    *,
    scale: tuple[int, int] = CES_SCALE,
    confidence: float = 0.95,
    min_n: int = MIN_N,
) -> CESResult:
    """CES from n, Σx and Σx² (what a database group-by returns); the interval stays on ``scale``.

    >>> ces_from_moments(3, 6.0, 14.0).value
    2.0
    >>> r = ces_from_moments(2, 8.0, 50.0)  # answers 1 and 7: t gives −34.1…42.1, kept to 1…7
    >>> r.ci_low, r.ci_high
    (1.0, 7.0)
    """
    if n == 0:
        raise InputError("voice.no_answers", metric="CES")
    interval = m.ces_interval(n, total, total_sq, scale=scale, confidence=m.check_confidence(confidence))
    return CESResult(
        value=m.ces_value(n, total),
        n=n,
        sd=m.ces_sd(n, total, total_sq),
        ci_low=None if interval is None else interval[0],
        ci_high=None if interval is None else interval[1],
        confidence=confidence,
        missing=missing,
        min_n=min_n,
        small_n=n < min_n,
    )


def answers(scores: Iterable[Any], metric: str, scale: tuple[int, int]) -> tuple[np.ndarray, int]:
    """The whole-number answers on ``scale`` and the number of missing ones; an error names a bad value.

    >>> answers([1, None, 3.0], "CES", (1, 7))
    (array([1, 3]), 1)
    """
    items = scores if isinstance(scores, np.ndarray) else list(scores)
    raw = np.asarray(items)
    if raw.dtype.kind in "iuf":  # the fast path: a numeric column (NaN = missing)
        arr = raw.astype(np.float64).ravel()
        missing = np.isnan(arr)
        with np.errstate(invalid="ignore"):
            bad = ~missing & ((arr < scale[0]) | (arr > scale[1]) | (arr != np.floor(arr)))
        if bad.any():
            position = int(np.flatnonzero(bad)[0])
            _check(raw.ravel()[position].item(), position, metric, scale)
        kept = arr[~missing].astype(np.int64)
        if not kept.size:
            raise InputError("voice.no_answers", metric=metric)
        return kept, int(missing.sum())
    values: list[int] = []
    n_missing = 0
    for position, value in enumerate(items):
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            n_missing += 1
            continue
        values.append(_check(value, position, metric, scale))
    if not values:
        raise InputError("voice.no_answers", metric=metric)
    return np.array(values, dtype=np.int64), n_missing


def _check(value: Any, position: int, metric: str, scale: tuple[int, int]) -> int:
    low, high = scale
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise InputError(
            "voice.not_a_score", metric=metric, value=repr(value), position=position, low=low, high=high
        )
    if not low <= value <= high:
        raise InputError(
            "voice.out_of_scale", metric=metric, value=value, position=position, low=low, high=high
        )
    if value != int(value):
        raise InputError(
            "voice.not_a_score", metric=metric, value=value, position=position, low=low, high=high
        )
    return int(value)
