"""Gap analysis against scipy's paired t-test and Wilcoxon signed-rank test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from safar.errors import InputError
from safar.insights import GapPair, gap_analysis, parse_pairs, wilcoxon_signed_rank


def survey(seed: int = 0, n: int = 120) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    expect = rng.integers(3, 6, size=(n, 3))
    shift = np.array([-1, 0, 1])
    perceive = np.clip(expect + shift + rng.integers(-1, 2, size=(n, 3)), 1, 5)
    frame = pd.DataFrame(
        {
            "exp_checkin": expect[:, 0],
            "per_checkin": perceive[:, 0],
            "exp_wifi": expect[:, 1],
            "per_wifi": perceive[:, 1],
            "exp_food": expect[:, 2],
            "per_food": perceive[:, 2],
        }
    )
    frame.loc[:9, "per_wifi"] = 0  # not applicable
    return frame


PAIRS = "checkin:exp_checkin:per_checkin, wifi:exp_wifi:per_wifi, food:exp_food:per_food"


def test_gaps_equal_scipy_and_are_ranked_most_negative_first() -> None:
    frame = survey()
    result = gap_analysis(frame, parse_pairs(PAIRS), na=[0])
    assert [g.touchpoint for g in result.gaps] == ["checkin", "wifi", "food"]
    for g in result.gaps:
        expect = frame[g.expectation_col].to_numpy(float)
        perceive = frame[g.perception_col].to_numpy(float)
        keep = (expect != 0) & (perceive != 0)
        e, p = expect[keep], perceive[keep]
        d = p - e
        ttest = stats.ttest_rel(p, e)
        ci = ttest.confidence_interval(0.95)
        nonzero = d[d != 0]
        wilcox = stats.wilcoxon(d, method="approx")  # ties: the normal approximation
        assert g.to_dict() == {
            "touchpoint": g.touchpoint,
            "expectation_col": f"exp_{g.touchpoint}",
            "perception_col": f"per_{g.touchpoint}",
            "n": int(keep.sum()),
            "expectation": pytest.approx(e.mean()),
            "perception": pytest.approx(p.mean()),
            "gap": pytest.approx(d.mean()),
            "gap_low": pytest.approx(ci.low, rel=1e-8),
            "gap_high": pytest.approx(ci.high, rel=1e-8),
            "sd": pytest.approx(d.std(ddof=1)),
            "dz": pytest.approx(d.mean() / d.std(ddof=1)),
            "t": pytest.approx(ttest.statistic),
            "p_value": pytest.approx(ttest.pvalue, rel=1e-7, abs=1e-300),
            "p_wilcoxon": pytest.approx(wilcox.pvalue, rel=1e-7, abs=1e-300),
            "wilcoxon_method": "approx" if len(np.unique(np.abs(nonzero))) < len(nonzero) else "exact",
        }
    assert [g.n for g in result.gaps] == [120, 110, 120]
    assert result.to_dict()["test"] == "paired_t" and result.na == (0.0,)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_wilcoxon_equals_scipy(seed: int) -> None:
    d = np.random.default_rng(seed).normal(0.4, 1, size=15)
    assert wilcoxon_signed_rank(d) == (pytest.approx(stats.wilcoxon(d, method="exact").pvalue), "exact")


def test_constant_differences_leave_the_t_test_undefined() -> None:
    frame = pd.DataFrame({"e": [4, 5, 3, 4], "p": [3, 4, 2, 3]})
    g = gap_analysis(frame, [GapPair("desk", "e", "p")]).gaps[0]
    assert (g.gap, g.gap_low, g.gap_high, g.dz, g.p_value, g.t) == (-1.0, -1.0, -1.0, None, None, None)
    assert g.p_wilcoxon == pytest.approx(stats.wilcoxon([-1, -1, -1, -1], method="approx").pvalue)


@pytest.mark.parametrize(
    ("call", "code", "details"),
    [
        (lambda: parse_pairs("checkin:exp"), "insights.bad_pair", {"value": "checkin:exp"}),
        (
            lambda: gap_analysis(pd.DataFrame({"e": [1], "p": [2]}), [("x", "e", "q")]),
            "insights.missing_column",
            {"column": "q", "columns": ["e", "p"]},
        ),
        (
            lambda: gap_analysis(pd.DataFrame({"e": [1, 0], "p": [2, 3]}), [("x", "e", "p")], na=[0]),
            "insights.too_few_pairs",
            {"touchpoint": "x", "n": 1},
        ),
    ],
)
def test_invalid_gap_inputs(call, code: str, details: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    with pytest.raises(InputError) as caught:
        call()
    assert (caught.value.code, caught.value.details) == (code, details)
