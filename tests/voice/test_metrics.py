"""NPS, CSAT and CES on small cases worked out by hand, and against scipy's distributions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safar.errors import InputError
from safar.metrics.stats import t_quantile, wilson_interval
from safar.voice.metrics import ces, csat, nps

Z95 = 1.959963984540054


def test_nps_by_hand() -> None:
    # 4 promoters, 3 passives, 3 detractors out of 10: NPS = 40 - 30 = 10
    scores = [10, 9, 9, 10, 8, 7, 8, 6, 0, 5]
    r = nps(scores)
    p, d = 0.4, 0.3
    half = Z95 * math.sqrt((p + d - (p - d) ** 2) / 10)
    assert r.to_dict() == {
        "value": 10.0,
        "n": 10,
        "promoters": 4,
        "passives": 3,
        "detractors": 3,
        "ci_low": pytest.approx(100 * (0.1 - half)),
        "ci_high": pytest.approx(100 * (0.1 + half)),
        "confidence": 0.95,
        "missing": 0,
        "min_n": 30,
        "small_n": True,
        "metric": "nps",
    }
    # half-width by hand: sqrt(0.69 / 10) = 0.262679…, × 1.96 = 0.51484… → [−41.48, 61.48]
    assert round(r.ci_low, 2) == -41.48 and round(r.ci_high, 2) == 61.48


def test_nps_interval_stays_in_range_and_all_promoters_is_100() -> None:
    r = nps([10] * 40)
    assert (r.value, r.ci_low, r.ci_high, r.small_n) == (100.0, 100.0, 100.0, False)
    r = nps([0, 0, 10])
    assert r.ci_low >= -100.0


def test_csat_wilson_by_hand_and_scipy_free_reference() -> None:
    r = csat([5, 4, 4, 3, 2, 5, 1, 4])  # 5 of 8 in 4–5
    assert (r.value, r.n, r.satisfied, r.top_box) == (62.5, 8, 5, (4, 5))
    p, n, z = 5 / 8, 8, Z95
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert r.ci_low == pytest.approx(100 * (centre - half))
    assert r.ci_high == pytest.approx(100 * (centre + half))
    assert (round(r.ci_low, 2), round(r.ci_high, 2)) == (30.57, 86.32)


def test_csat_top_box_and_scale_are_configurable() -> None:
    assert csat([5, 4, 4, 3], top=1).value == 25.0
    r = csat([7, 6, 5, 1], scale=(1, 7), top=2)
    assert (r.value, r.top_box) == (50.0, (6, 7))
    with pytest.raises(InputError) as exc:
        csat([5], top=5)
    assert exc.value.code == "voice.bad_top_box"


def test_ces_t_interval_by_hand() -> None:
    r = ces([2, 4, 4, 6])  # mean 4, sd sqrt(8/3), t(0.975, 3) = 3.182446…
    sd = math.sqrt(8 / 3)
    half = 3.182446305284263 * sd / 2
    assert r.to_dict() == {
        "value": 4.0,
        "n": 4,
        "sd": pytest.approx(sd),
        "ci_low": pytest.approx(4 - half),
        "ci_high": pytest.approx(4 + half),
        "confidence": 0.95,
        "missing": 0,
        "min_n": 30,
        "small_n": True,
        "metric": "ces",
    }


def test_ces_of_one_answer_has_no_interval() -> None:
    r = ces([3])
    assert (r.value, r.sd, r.ci_low, r.ci_high) == (3.0, None, None, None)


def test_against_scipy() -> None:
    stats = pytest.importorskip("scipy.stats")
    for df in (1, 2, 5, 29, 200):
        for p in (0.9, 0.975, 0.995):
            assert t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), abs=1e-8)
    rng = np.random.default_rng(7)
    values = rng.integers(1, 8, size=57)
    r = ces(values.tolist(), confidence=0.9)
    low, high = stats.t.interval(0.9, 56, loc=values.mean(), scale=stats.sem(values))
    assert (r.ci_low, r.ci_high) == (pytest.approx(low), pytest.approx(high))
    # Wilson against its closed form with scipy's normal quantile
    z = stats.norm.ppf(0.995)
    lo, hi = wilson_interval(30, 41, 0.99)
    p, n = 30 / 41, 41
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert (lo, hi) == (pytest.approx(c - h), pytest.approx(c + h))


def test_min_n_flag() -> None:
    assert nps([9] * 29).small_n is True
    assert nps([9] * 30).small_n is False
    assert csat([5] * 5, min_n=5).small_n is False


def test_missing_answers_are_counted_not_used() -> None:
    r = nps([10, None, float("nan"), 0])
    assert (r.n, r.missing, r.value) == (2, 2, 0.0)


@pytest.mark.parametrize(
    ("func", "values", "code", "value", "position"),
    [
        (nps, [10, 11, 3], "voice.out_of_scale", 11, 1),
        (nps, [-1], "voice.out_of_scale", -1, 0),
        (csat, [5, 4, 0], "voice.out_of_scale", 0, 2),
        (ces, [1, 8], "voice.out_of_scale", 8, 1),
        (ces, [1, 2.5], "voice.not_a_score", 2.5, 1),
        (nps, [9, "ten"], "voice.not_a_score", "'ten'", 1),
    ],
)
def test_off_scale_values_are_rejected_with_value_and_position(
    func: object, values: list[object], code: str, value: object, position: int
) -> None:
    with pytest.raises(InputError) as exc:
        func(values)  # type: ignore[operator]
    assert exc.value.code == code
    assert exc.value.details["value"] == value
    assert exc.value.details["position"] == position
    assert f"position {position}" in exc.value.message_for("en")
    assert "جایگاه" in exc.value.message_for("fa")


def test_no_answers_and_bad_confidence() -> None:
    with pytest.raises(InputError) as exc:
        nps([None])
    assert exc.value.code == "voice.no_answers"
    with pytest.raises(InputError) as exc:
        csat([5], confidence=1.5)
    assert exc.value.code == "voice.bad_confidence"


@given(st.lists(st.integers(0, 10), min_size=1, max_size=200))
def test_nps_is_promoter_share_minus_detractor_share(scores: list[int]) -> None:
    r = nps(scores)
    expected = 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)
    assert r.value == pytest.approx(expected)
    if len(scores) < 2:  # one answer has no interval
        assert (r.ci_low, r.ci_high) == (None, None)
    else:
        assert r.ci_low is not None and r.ci_high is not None
        assert -100 <= r.ci_low <= r.value <= r.ci_high <= 100
    assert r.promoters + r.passives + r.detractors == r.n == len(scores)


def test_numeric_arrays_take_the_fast_path_with_the_same_answers() -> None:
    rng = np.random.default_rng(3)
    values = rng.integers(0, 11, size=100_000).astype(float)
    values[::97] = np.nan
    fast = nps(values)
    slow = nps([None if math.isnan(v) else int(v) for v in values])
    assert fast == slow and fast.missing == len(values[::97])
    values[5000] = 7.5
    with pytest.raises(InputError) as exc:
        nps(values)
    assert (exc.value.code, exc.value.details["position"], exc.value.details["value"]) == (
        "voice.not_a_score",
        5000,
        7.5,
    )


def test_pandas_nullable_integers() -> None:
    import pandas as pd

    r = csat(pd.Series([5, None, 3], dtype="Int64"))
    assert (r.n, r.missing, r.value) == (2, 1, 50.0)
