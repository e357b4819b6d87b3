"""The guard's statistics against SciPy's normal distribution and a hand-computed p-chart."""

from __future__ import annotations

import math

import pytest
from scipy.stats import norm

from safar.alerts.stats import control_limits, normal_cdf, nps_test, two_proportion_test


@pytest.mark.parametrize("z", [-6.0, -2.326, -1.0, 0.0, 0.5, 3.0])
def test_normal_cdf_matches_scipy(z: float) -> None:
    assert normal_cdf(z) == pytest.approx(norm.cdf(z), rel=1e-12, abs=1e-300)


def test_two_proportion_test_both_directions() -> None:
    pooled = (45 + 30) / 150
    z = (30 / 50 - 45 / 100) / math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 50))
    rising = two_proportion_test(45, 100, 30, 50, falling=False)
    falling = two_proportion_test(45, 100, 30, 50, falling=True)
    assert (rising.z, rising.p_value, falling.p_value) == pytest.approx((z, norm.sf(z), norm.cdf(z)))


def test_certain_differences_and_empty_samples() -> None:
    assert nps_test((10, 0, 10), (0, 10, 10)).z is None
    assert nps_test((10, 0, 10), (0, 10, 10)).p_value == 0.0
    assert nps_test((10, 0, 10), (0, 10, 10), falling=False).p_value == 1.0
    with pytest.raises(ValueError, match="at least one observation"):
        two_proportion_test(0, 0, 1, 1, falling=True)
    assert control_limits(1.0, 10) == (1.0, 1.0)
