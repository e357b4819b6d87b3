"""The survey metrics, each defined once: NPS, CSAT, CES, the expectation gap and the negative share.

Every surface (voice report, touchpoint voice on the canvas, KPIs, alerts, insights, CLI, web) counts
and scores through these functions, in plain Python over counts or, where the warehouse counts, through
the Ibis builders below (``is_promoter``, ``is_top_box``…). Definitions (docs/voice.md):

* **NPS** on 0–10: % promoters (≥ 9) − % detractors (≤ 6), −100…+100. Interval: the normal (Wald)
  interval of a difference of two trinomial proportions, ``Var = (p + d − (p − d)²) / n``.
* **CSAT**: % of answers in the top box, the ``top`` highest points of the scale (top-2-box of 1–5 is
  4–5, of 1–7 is 6–7). Interval: Wilson score.
* **CES** on 1–7: mean effort. Interval: Student t.
* **Expectation gap**: perception − expectation of one answer (negative: below expectations).
* **Negative share**: the share of comments whose sentiment label is ``negative``.
* **Map level** (the headline of a map): the answers to the journey-level question of the kind when its
  surveys ask one, else all the map's answers of the kind (:func:`map_level`).

An interval never leaves its scale (it is clamped to it) and needs n ≥ 2: with fewer answers there is
no interval (``None``), never NaN.

>>> nps_value(10, 5, 2), nps_interval(1, 1, 0)
(30.0, None)
>>> top_box_min((1, 7)), csat_value(4, 3)
(6, 75.0)
>>> ces_interval(2, 2.0, 2.0, scale=(1, 7)) is None, ces_interval(2, 8.0, 50.0, scale=(1, 7))
(False, (1.0, 7.0))
"""

from __future__ import annotations

import math
from typing import TypeVar, cast

import ibis
import ibis.expr.types as ir

from safar.errors import InputError
from safar.metrics.stats import mean_interval, sample_sd, wilson_interval, z_value

NPS_SCALE = (0, 10)
CSAT_SCALE = (1, 5)
CES_SCALE = (1, 7)
PROMOTER_MIN = 9  # 9–10 recommend
DETRACTOR_MAX = 6  # 0–6 discourage
CSAT_TOP = 2  # top-2-box unless said otherwise
MIN_N = 30  # below this n a figure is flagged ``small_n``
NEGATIVE = "negative"  # the sentiment label counted by the negative share

Interval = tuple[float, float] | None
_Diff = TypeVar("_Diff")


def check_confidence(confidence: float) -> float:
    """``confidence`` when it is strictly between 0 and 1, else ``voice.bad_confidence``.

    >>> check_confidence(0.9)
    0.9
    """
    if not 0 < confidence < 1:
        raise InputError("voice.bad_confidence", value=confidence)
    return confidence


def check_scale(scale: tuple[int, int]) -> tuple[int, int]:
    """The scale as whole numbers, low < high, else ``voice.bad_scale``.

    >>> check_scale((1, 7))
    (1, 7)
    """
    low, high = scale
    if not low < high:
        raise InputError("voice.bad_scale", low=low, high=high)
    return int(low), int(high)


def clamp(interval: tuple[float, float], scale: tuple[float, float]) -> tuple[float, float]:
    """``interval`` kept inside ``scale``.

    >>> clamp((-21.4, 29.4), (1, 7))
    (1.0, 7.0)
    """
    low, high = scale
    return min(max(float(low), interval[0]), float(high)), max(min(float(high), interval[1]), float(low))


def _holding(interval: tuple[float, float], value: float) -> tuple[float, float]:
    """The interval widened by a rounding error where it would miss its own point estimate (a Wilson
    bound at p = 0 computes as 3e-15, not 0)."""
    return min(interval[0], value), max(interval[1], value)


# --- NPS -------------------------------------------------------------------------------------------


def nps_value(n: int, promoters: int, detractors: int) -> float:
    """NPS in points: 100 · (promoters − detractors) / n (n > 0).

    >>> nps_value(5, 3, 1)
    40.0
    """
    return round(100 * (promoters - detractors) / n, 10)


def nps_variance(promoters: int, detractors: int, n: int) -> float:
    """The variance of one answer scored +1 (promoter), 0, −1 (detractor), whose mean is NPS / 100.

    >>> round(nps_variance(50, 20, 100), 4)
    0.61
    """
    p, d = promoters / n, detractors / n
    return max(p + d - (p - d) ** 2, 0.0)


def nps_interval(n: int, promoters: int, detractors: int, confidence: float = 0.95) -> Interval:
    """The Wald interval of NPS in points, inside −100…100; ``None`` when n < 2.

    >>> tuple(round(x, 2) for x in nps_interval(100, 50, 20))
    (14.69, 45.31)
    """
    if n < 2:
        return None
    diff = (promoters - detractors) / n
    half = z_value(check_confidence(confidence)) * math.sqrt(nps_variance(promoters, detractors, n) / n)
    interval = clamp((100 * (diff - half), 100 * (diff + half)), (-100, 100))
    return _holding(interval, nps_value(n, promoters, detractors))


# --- CSAT ------------------------------------------------------------------------------------------


def top_box_min(scale: tuple[int, int] = CSAT_SCALE, top: int = CSAT_TOP) -> int:
    """The lowest answer in the top box: the ``top`` highest points of ``scale``.

    >>> top_box_min(), top_box_min((1, 7)), top_box_min((0, 10), top=3)
    (4, 6, 8)
    """
    low, high = check_scale(scale)
    if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= high - low:
        raise InputError("voice.bad_top_box", value=top, most=high - low, low=low, high=high)
    return high - top + 1


def top_box(scale: tuple[int, int] = CSAT_SCALE, top: int = CSAT_TOP) -> tuple[int, ...]:
    """The answers in the top box.

    >>> top_box((1, 7))
    (6, 7)
    """
    return tuple(range(top_box_min(scale, top), check_scale(scale)[1] + 1))


def csat_value(n: int, satisfied: int) -> float:
    """CSAT in percent: 100 · answers in the top box / n (n > 0).

    >>> csat_value(3, 2)
    66.6666666667
    """
    return round(100 * satisfied / n, 10)


def csat_interval(n: int, satisfied: int, confidence: float = 0.95) -> Interval:
    """The Wilson interval of CSAT in percent, inside 0…100; ``None`` when n < 2.

    >>> tuple(round(x, 2) for x in csat_interval(10, 8))
    (49.02, 94.33)
    """
    if n < 2:
        return None
    low, high = wilson_interval(satisfied, n, check_confidence(confidence))
    return _holding(clamp((100 * low, 100 * high), (0, 100)), csat_value(n, satisfied))


# --- CES -------------------------------------------------------------------------------------------


def ces_value(n: int, total: float) -> float:
    """CES: the mean effort, Σx / n (n > 0).

    >>> ces_value(3, 6.0)
    2.0
    """
    return total / n


def ces_sd(n: int, total: float, total_sq: float) -> float | None:
    """The sample standard deviation from n, Σx and Σx²; ``None`` when n < 2.

    >>> round(ces_sd(4, 16.0, 72.0), 4)
    1.633
    """
    return sample_sd(n, total, total_sq)


def ces_interval(
    n: int, total: float, total_sq: float, *, scale: tuple[int, int] = CES_SCALE, confidence: float = 0.95
) -> Interval:
    """The Student t interval of the mean effort, inside ``scale``; ``None`` when n < 2.

    >>> tuple(round(x, 4) for x in ces_interval(4, 16.0, 72.0))
    (1.4015, 6.5985)
    """
    found = mean_interval(n, total, total_sq, check_confidence(confidence))
    if found is None:
        return None
    return clamp(found, check_scale(scale))


# --- expectation gap and negative share ------------------------------------------------------------


def expectation_gap(perception: _Diff, expectation: _Diff) -> _Diff:
    """Perception − expectation (of numbers, arrays or Ibis columns): below zero, worse than expected.

    >>> expectation_gap(4, 6)
    -2
    """
    return cast(_Diff, perception - expectation)  # type: ignore[operator]


def negative_share(negative: int, n: int) -> float | None:
    """The share (0…1) of comments labelled negative; ``None`` without comments.

    >>> negative_share(1, 4), negative_share(0, 0)
    (0.25, None)
    """
    return negative / n if n else None


# --- Ibis builders: the same definitions where the warehouse counts --------------------------------


def is_promoter(value: ir.NumericValue) -> ir.BooleanValue:
    """True where an NPS answer is a promoter (≥ 9).

    >>> [is_promoter(ibis.literal(v)).to_pyarrow().as_py() for v in (9, 6)]
    [True, False]
    """
    return cast(ir.BooleanValue, value >= PROMOTER_MIN)


def is_detractor(value: ir.NumericValue) -> ir.BooleanValue:
    """True where an NPS answer is a detractor (≤ 6).

    >>> [is_detractor(ibis.literal(v)).to_pyarrow().as_py() for v in (7, 6)]
    [False, True]
    """
    return cast(ir.BooleanValue, value <= DETRACTOR_MAX)


def nps_points(value: ir.NumericValue) -> ir.FloatingValue:
    """+1 for a promoter, 0 for a passive, −1 for a detractor: the mean is NPS / 100.

    >>> [nps_points(ibis.literal(v)).to_pyarrow().as_py() for v in (10, 7, 0)]
    [1.0, 0.0, -1.0]
    """
    return cast(
        ir.FloatingValue, ibis.cases((is_promoter(value), 1.0), (is_detractor(value), -1.0), else_=0.0)
    )


def is_top_box(
    value: ir.NumericValue, scale: tuple[int, int] = CSAT_SCALE, top: int = CSAT_TOP
) -> ir.BooleanValue:
    """True where a CSAT answer is in the top box of ``scale``.

    >>> [is_top_box(ibis.literal(v), (1, 7)).to_pyarrow().as_py() for v in (6, 5)]
    [True, False]
    """
    return cast(ir.BooleanValue, value >= top_box_min(scale, top))


def is_negative(label: ir.StringValue) -> ir.BooleanValue:
    """True where a comment's sentiment label is negative.

    >>> [is_negative(ibis.literal(v)).to_pyarrow().as_py() for v in ("negative", "neutral")]
    [True, False]
    """
    return cast(ir.BooleanValue, label == NEGATIVE)


def map_level(answers: ir.Table) -> ir.Table:
    """The answers a map's headline NPS, CSAT or CES is measured on, kind by kind: the answers to the
    journey-level question (about the whole journey: no touchpoint, no stage) when the map's surveys ask
    one of that kind, else every answer of that kind. One definition for the canvas, the KPIs, the voice
    report, the API and the CLI.

    >>> import pyarrow as pa
    >>> t = ibis.memtable(pa.table({"kind": ["nps", "nps", "csat"], "value": [10.0, 0.0, 5.0],
    ...     "touchpoint_id": [None, "a", "a"], "stage_id": pa.array([None, None, None], pa.string())}))
    >>> sorted(map_level(t).to_pyarrow().to_pydict()["value"])
    [5.0, 10.0]
    """
    journey = answers.touchpoint_id.isnull() & answers.stage_id.isnull()
    # The kinds asked about the whole journey, joined back (a semi-join Spark compiles, unlike a window in WHERE).
    asked = answers.filter(journey).select(_asked=answers.kind).distinct()
    marked = answers.left_join(asked, answers.kind == asked._asked)
    return marked.filter(
        (marked.touchpoint_id.isnull() & marked.stage_id.isnull()) | marked._asked.isnull()
    ).drop("_asked")
