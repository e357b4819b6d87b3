"""The verdict on one measurement: enough data? significant? big enough? Pure; no I/O.

>>> from datetime import datetime, UTC
>>> from safar.alerts.measure import Measurement, WindowStats
>>> t = datetime(2024, 1, 1, tzinfo=UTC)
>>> m = Measurement("conversion", t, WindowStats(t, t, 100, 40), WindowStats(t, t, 400, 280))
>>> v = judge(m, RuleParams(), falling=True)
>>> v.status, v.change, v.p_value < 1e-7, v.control_limits
('fired', -0.3, True, (0.5625, 0.8375))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safar.alerts.measure import Measurement
from safar.alerts.rules import RuleParams
from safar.alerts.stats import control_limits, nps_test, two_proportion_test
from safar.metrics.survey import nps_variance


@dataclass(frozen=True)
class Verdict:
    """``status``: ``too_few`` (a window has fewer than ``min_n``), ``quiet`` or ``fired``."""

    status: str
    change: float | None = None
    z: float | None = None
    p_value: float | None = None
    control_limits: tuple[float, float] | None = None
    outside_limits: bool | None = None
    significant: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": None if self.change is None else round(self.change, 6),
            "z": None if self.z is None else round(self.z, 4),
            "p_value": self.p_value,
            "control_limits": None if self.control_limits is None else list(self.control_limits),
            "outside_control_limits": self.outside_limits,
            "significant": self.significant,
        }


def judge(measurement: Measurement, params: RuleParams, *, falling: bool) -> Verdict:
    """Fire when both windows hold ``min_n``, the guard passes (z-test p < ``alpha``, and/or the recent
    value is beyond the baseline's 3-sigma limits) and the change in the bad direction is at least
    ``min_effect``. A wait rule fires when its estimate is above its threshold (no estimate: ``too_few``)."""
    if measurement.metric == "expected_wait":
        if measurement.estimate is None or params.threshold is None:
            return Verdict("too_few")
        over = measurement.estimate - params.threshold
        return Verdict("fired" if over > 0 else "quiet", round(over, 3))
    recent, base = measurement.recent, measurement.baseline
    if recent.n < params.min_n or base.n < params.min_n or recent.value is None or base.value is None:
        return Verdict("too_few")
    if recent.detractors is not None and base.detractors is not None:
        test = nps_test(
            (base.hits, base.detractors, base.n), (recent.hits, recent.detractors, recent.n), falling=falling
        )
        limits = control_limits(
            base.value,
            recent.n,
            variance=nps_variance(base.hits, base.detractors, base.n),
            bounds=(-1.0, 1.0),
        )
    else:
        test = two_proportion_test(base.hits, base.n, recent.hits, recent.n, falling=falling)
        limits = control_limits(base.value, recent.n)
    change = recent.value - base.value
    worse_by = -change if falling else change
    outside = recent.value < limits[0] if falling else recent.value > limits[1]
    significant = test.p_value < params.alpha
    guard = {"ztest": significant, "pchart": outside, "both": significant and outside}[params.guard]
    fired = guard and worse_by >= params.min_effect - 1e-12
    return Verdict(
        "fired" if fired else "quiet",
        round(change, 12),
        test.z,
        test.p_value,
        limits,
        outside,
        significant,
    )
