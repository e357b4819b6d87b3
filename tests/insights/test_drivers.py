"""Key drivers against independent references: an exact Shapley decomposition of R², a hand-written
Johnson algorithm, OLS R², and the listwise handling of not-applicable codes."""

from __future__ import annotations

from itertools import combinations
from math import factorial

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safar.errors import InputError
from safar.insights import key_drivers, relative_weights


def ols_r2(x: np.ndarray, y: np.ndarray) -> float:
    design = np.column_stack([np.ones(len(x)), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    return float(1 - resid @ resid / ((y - y.mean()) @ (y - y.mean())))


def shapley_r2(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Exact Shapley value of each column in the R² game, over all 2^p subsets."""
    p = x.shape[1]
    r2 = {(): 0.0}
    for size in range(1, p + 1):
        for subset in combinations(range(p), size):
            r2[subset] = ols_r2(x[:, subset], y)
    values = np.zeros(p)
    for j in range(p):
        others = [k for k in range(p) if k != j]
        for size in range(p):
            weight = factorial(size) * factorial(p - size - 1) / factorial(p)
            for subset in combinations(others, size):
                values[j] += weight * (r2[tuple(sorted((*subset, j)))] - r2[subset])
    return values


def johnson_reference(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Johnson (2000) step by step, from the correlation matrix."""
    corr = np.corrcoef(np.column_stack([x, y]).T)
    p = x.shape[1]
    rxx, rxy = corr[:p, :p], corr[:p, p]
    evals, evecs = np.linalg.eigh(rxx)
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T
    beta = np.linalg.solve(lam, rxy)
    return (lam**2) @ (beta**2)


def synthetic(n: int, p: int, seed: int, rho: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    cov = np.full((p, p), rho) + (1 - rho) * np.eye(p)
    x = rng.multivariate_normal(np.zeros(p), cov, size=n)
    y = x @ np.linspace(1.0, 0.2, p) + rng.normal(size=n)
    return x, y


def frame_of(x: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({**{f"d{j}": x[:, j] for j in range(x.shape[1])}, "y": y})


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_relative_weights_equal_a_hand_written_johnson(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(200, 5)) @ rng.normal(size=(5, 5))
    y = x @ rng.normal(size=5) + rng.normal(size=200) * 3
    result = key_drivers(frame_of(x, y), outcome="y", bootstrap=0)
    got = {d.name: d.importance for d in result.drivers}
    expected = johnson_reference(x, y)
    assert got == pytest.approx({f"d{j}": expected[j] for j in range(5)}, rel=1e-9, abs=1e-12)


def test_relative_weights_are_close_to_the_exact_shapley_decomposition() -> None:
    x, y = synthetic(2000, 5, seed=3)
    result = key_drivers(frame_of(x, y), outcome="y", bootstrap=0)
    shapley = shapley_r2(x, y)
    assert shapley.sum() == pytest.approx(ols_r2(x, y), abs=1e-12)
    got = np.array([next(d.importance for d in result.drivers if d.name == f"d{j}") for j in range(5)])
    assert got == pytest.approx(shapley, abs=0.01)
    assert [d.name for d in result.drivers] == [f"d{j}" for j in np.argsort(-shapley)]


def test_importances_sum_to_r2_and_the_result_is_whole() -> None:
    x, y = synthetic(500, 3, seed=4)
    result = key_drivers(frame_of(x, y), outcome="y", bootstrap=100, seed=11)
    assert sum(d.importance for d in result.drivers) == result.r2
    assert result.r2 == pytest.approx(ols_r2(x, y), abs=1e-12)
    assert sum(d.share for d in result.drivers) == pytest.approx(1.0)
    corr = np.corrcoef(np.column_stack([x, y]).T)
    betas = np.linalg.solve(corr[:3, :3], corr[:3, 3])
    out = result.to_dict()
    assert {k: v for k, v in out.items() if k != "drivers"} == {
        "r2": result.r2,
        "n": 500,
        "n_rows": 500,
        "outcome": "y",
        "positive": None,
        "na": [],
        "bootstrap": 100,
        "bootstrap_used": 100,
        "seed": 11,
        "confidence": 0.95,
        "small_n": False,
        "method": "relative_weights",
        "direction_from": "correlation",
        "missing_rows": "listwise",
    }
    assert [d["name"] for d in out["drivers"]] == ["d0", "d1", "d2"]
    for d in out["drivers"]:
        j = int(d["name"][1])
        assert d["direction"] == "positive"
        assert d["correlation"] == pytest.approx(corr[j, 3])
        assert d["beta"] == pytest.approx(betas[j])
        assert d["performance"] == pytest.approx(x[:, j].mean())
        assert d["n_rated"] == 500
        assert d["importance_low"] <= d["importance"] <= d["importance_high"]


def test_a_negative_driver_has_negative_direction() -> None:
    x, y = synthetic(300, 2, seed=5)
    result = key_drivers(frame_of(x, -y), outcome="y", bootstrap=0)
    assert [d.direction for d in result.drivers] == ["negative", "negative"]


def test_bootstrap_is_reproducible_with_its_seed_and_contains_the_estimate() -> None:
    x, y = synthetic(400, 4, seed=6)
    frame = frame_of(x, y)
    first = key_drivers(frame, outcome="y", bootstrap=150, seed=3).to_dict()
    assert key_drivers(frame, outcome="y", bootstrap=150, seed=3).to_dict() == first
    other = key_drivers(frame, outcome="y", bootstrap=150, seed=4).to_dict()
    assert other["drivers"][0]["importance_low"] != first["drivers"][0]["importance_low"]
    for d in first["drivers"]:
        assert d["importance_low"] < d["importance"] < d["importance_high"]


def test_bootstrap_matches_explicit_resampling() -> None:
    """The count-weighted correlations equal those of the resampled rows themselves."""
    x, y = synthetic(60, 3, seed=8)
    frame = frame_of(x, y)
    got = key_drivers(frame, outcome="y", bootstrap=40, seed=5, confidence=0.9)
    rng = np.random.default_rng(5)
    data = np.column_stack([x, y])
    draws = rng.integers(0, 60, size=(40, 60))
    weights = []
    for rows in draws:
        corr = np.corrcoef(data[rows].T)
        weights.append(relative_weights(corr[:3, :3], corr[:3, 3]))
    low, high = np.percentile(np.array(weights), [5, 95], axis=0)
    for d in got.drivers:
        j = int(d.name[1])
        assert (d.importance_low, d.importance_high) == pytest.approx((low[j], high[j]), rel=1e-9)


def test_not_applicable_codes_are_missing_values_not_scores() -> None:
    rng = np.random.default_rng(9)
    n = 400
    a, b = rng.integers(1, 6, n).astype(float), rng.integers(1, 6, n).astype(float)
    y = a + 0.5 * b + rng.normal(size=n)
    na_rows = rng.choice(n, 40, replace=False)
    a_coded = a.copy()
    a_coded[na_rows] = 0
    frame = pd.DataFrame({"a": a_coded, "b": b, "y": y})

    with_na = key_drivers(frame, outcome="y", na=[0], bootstrap=0)
    kept = np.setdiff1d(np.arange(n), na_rows)
    reference = key_drivers(frame.iloc[kept], outcome="y", bootstrap=0)
    assert (with_na.n, with_na.n_rows, reference.n) == (360, 400, 360)
    # the model is the listwise one; performance uses every rating of a driver (b: all 400 rows)
    model_fields = ("name", "importance", "share", "direction", "correlation", "beta")
    assert [[d.to_dict()[k] for k in model_fields] for d in with_na.drivers] == [
        [d.to_dict()[k] for k in model_fields] for d in reference.drivers
    ]
    assert with_na.r2 == reference.r2
    performance = {d.name: (d.performance, d.n_rated) for d in with_na.drivers}
    assert performance == {"a": (pytest.approx(a[kept].mean()), 360), "b": (pytest.approx(b.mean()), 400)}

    as_scores = key_drivers(frame, outcome="y", bootstrap=0)
    assert as_scores.n == 400
    assert as_scores.r2 != pytest.approx(with_na.r2)


def test_empty_cells_and_text_ratings_from_a_csv_frame() -> None:
    frame = pd.DataFrame(
        {"a": ["1", "2", "", "4", "5", "3"], "b": ["2", "1", "4", "3", "5", "5"], "y": [1, 2, 3, 5, 4, 5]}
    )
    result = key_drivers(frame, outcome="y", bootstrap=0)
    assert (result.n, result.n_rows) == (5, 6)


def test_binary_outcome_is_a_linear_probability_decomposition() -> None:
    x, y = synthetic(500, 3, seed=10)
    label = np.where(y > 0, "satisfied", "neutral or dissatisfied")
    frame = frame_of(x, y).assign(y=label)
    result = key_drivers(frame, outcome="y", positive="satisfied", bootstrap=0)
    assert result.r2 == pytest.approx(ols_r2(x, (y > 0).astype(float)), abs=1e-12)
    assert result.positive == "satisfied"


def test_default_drivers_are_the_numeric_columns_minus_excluded() -> None:
    x, y = synthetic(100, 3, seed=12)
    frame = frame_of(x, y).assign(segment="x", age=np.arange(100))
    names = sorted(d.name for d in key_drivers(frame, outcome="y", bootstrap=0).drivers)
    assert names == ["age", "d0", "d1", "d2"]
    names = sorted(d.name for d in key_drivers(frame, outcome="y", exclude=["age"], bootstrap=0).drivers)
    assert names == ["d0", "d1", "d2"]
    names = [d.name for d in key_drivers(frame, outcome="y", drivers=["d1"], bootstrap=0).drivers]
    assert names == ["d1"]


def test_collinear_drivers_share_their_importance() -> None:
    x, y = synthetic(300, 2, seed=13)
    frame = frame_of(x, y).assign(copy=x[:, 0])
    result = key_drivers(frame, outcome="y", bootstrap=0)
    got = {d.name: d.importance for d in result.drivers}
    assert got["d0"] == pytest.approx(got["copy"])
    assert result.r2 == pytest.approx(ols_r2(x, y), abs=1e-9)


@pytest.mark.parametrize(
    ("frame", "kwargs", "code", "details"),
    [
        (
            pd.DataFrame({"a": [1, 2, 3], "y": [1, 2, 3]}),
            {"outcome": "z"},
            "insights.missing_column",
            {"column": "z", "columns": ["a", "y"]},
        ),
        (
            pd.DataFrame({"a": [1, 2, 3], "y": [1, 2, 3]}),
            {"outcome": "y", "drivers": ["a", "b"]},
            "insights.missing_column",
            {"column": "b", "columns": ["a", "y"]},
        ),
        (
            pd.DataFrame({"a": ["1", "2", "x3", "4"], "y": [1, 2, 3, 4]}),
            {"outcome": "y", "drivers": ["a"]},
            "insights.not_numeric",
            {"column": "a", "row": 3, "value": "x3"},
        ),
        (
            pd.DataFrame({"a": [str(i) for i in range(19)] + ["n/a"], "y": range(20)}),
            {"outcome": "y"},
            "insights.not_numeric",
            {"column": "a", "row": 20, "value": "n/a"},
        ),
        (
            pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 2, 2], "y": [1, 3, 2, 4]}),
            {"outcome": "y"},
            "insights.constant_column",
            {"column": "b", "value": 2.0, "n": 4},
        ),
        (
            pd.DataFrame({"a": [1, 2, 3, 4], "y": [5, 5, 5, 5]}),
            {"outcome": "y"},
            "insights.constant_outcome",
            {"column": "y", "value": 5.0, "n": 4},
        ),
        (
            pd.DataFrame({"a": [1, 0, 3, 0], "b": [1, 2, 3, 4], "y": [1, 2, 3, 4]}),
            {"outcome": "y", "na": [0]},
            "insights.too_few_rows",
            {"n": 2, "needed": 4, "drivers": 2, "rows": 4},
        ),
        (
            pd.DataFrame({"a": [1, 2, 3], "y": ["x", "y", "x"]}),
            {"outcome": "y", "positive": "z"},
            "insights.positive_not_found",
            {"column": "y", "value": "z", "values": ["x", "y"]},
        ),
        (
            pd.DataFrame({"a": [1, 2, 3], "y": ["yes", "no", "yes"]}),
            {"outcome": "y"},
            "insights.outcome_not_numeric",
            {"column": "y", "values": ["no", "yes"]},
        ),
        (
            pd.DataFrame({"a": [1, 2, 3], "y": [1, 2, 3]}),
            {"outcome": "y", "drivers": ["a", "y"]},
            "insights.outcome_is_driver",
            {"column": "y"},
        ),
        (
            pd.DataFrame({"t": ["a", "b"], "y": [1, 2]}),
            {"outcome": "y"},
            "insights.no_drivers",
            {"outcome": "y", "columns": ["t", "y"]},
        ),
        (
            pd.DataFrame({"a": [1, 2, 3], "y": [1, 2, 3]}),
            {"outcome": "y", "confidence": 95},
            "insights.bad_confidence",
            {"value": 95},
        ),
        (
            pd.DataFrame({"a": [1, 2, 3], "y": [1, 2, 3]}),
            {"outcome": "y", "bootstrap": -1},
            "insights.bad_bootstrap",
            {"value": -1},
        ),
    ],
)
def test_invalid_inputs_are_named(frame: pd.DataFrame, kwargs: dict, code: str, details: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(InputError) as caught:
        key_drivers(frame, **kwargs)
    assert (caught.value.code, caught.value.details) == (code, details)


def test_degenerate_resamples_are_dropped_and_counted() -> None:
    # a driver rated 1 in one row only: resamples that miss that row make it constant
    frame = pd.DataFrame(
        {"a": [1, 2, 2, 2, 2, 2, 2, 2], "b": [3, 1, 4, 1, 5, 2, 6, 5], "y": [1, 3, 2, 4, 5, 3, 6, 5]}
    )
    result = key_drivers(frame, outcome="y", bootstrap=100, seed=1)
    assert 0 < result.bootstrap_used < 100
    assert result.to_dict()["bootstrap"] == 100


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), scale=st.floats(0.01, 100), shift=st.floats(-50, 50))
def test_weights_are_nonnegative_sum_to_r2_and_ignore_the_units(
    seed: int, scale: float, shift: float
) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(40, 3)) @ rng.normal(size=(3, 3))
    y = x @ rng.normal(size=3) + rng.normal(size=40)
    base = key_drivers(frame_of(x, y), outcome="y", bootstrap=0)
    moved = key_drivers(frame_of(x * scale + shift, y), outcome="y", bootstrap=0)
    assert all(d.importance >= 0 for d in base.drivers)
    assert base.r2 == pytest.approx(ols_r2(x, y), abs=1e-9)
    assert {d.name: d.importance for d in moved.drivers} == pytest.approx(
        {d.name: d.importance for d in base.drivers}, abs=1e-9
    )


def holey(seed: int) -> pd.DataFrame:
    x, y = synthetic(300, 3, seed=seed)
    rng = np.random.default_rng(seed)
    x[rng.random(x.shape) < 0.15] = 0  # not applicable
    return frame_of(x, y)


def test_pairwise_uses_pairwise_correlations() -> None:
    frame = holey(14)
    result = key_drivers(frame, outcome="y", na=[0], missing="pairwise", bootstrap=0)
    corr = frame.replace(0, np.nan).corr().to_numpy()  # pandas: pairwise-complete correlations
    evals, evecs = np.linalg.eigh(corr[:3, :3])
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T
    expected = (lam**2) @ np.linalg.solve(lam, corr[:3, 3]) ** 2
    got = {d.name: d.importance for d in result.drivers}
    assert got == pytest.approx({f"d{j}": expected[j] for j in range(3)}, rel=1e-9)
    present = frame.replace(0, np.nan).notna().to_numpy().astype(int)
    both = present.T @ present
    assert (
        result.n
        == both[np.triu_indices(4, k=1)].min()
        > key_drivers(frame, outcome="y", na=[0], bootstrap=0).n
    )
    assert result.missing_rows == "pairwise"


def test_pairwise_without_missing_values_is_listwise() -> None:
    x, y = synthetic(200, 3, seed=15)
    listwise = key_drivers(frame_of(x, y), outcome="y", bootstrap=30, seed=2).to_dict()
    pairwise = key_drivers(frame_of(x, y), outcome="y", bootstrap=30, seed=2, missing="pairwise").to_dict()
    assert pairwise.pop("missing_rows") == "pairwise" and listwise.pop("missing_rows") == "listwise"
    assert pairwise.pop("drivers") == [
        {k: pytest.approx(v) if isinstance(v, float) else v for k, v in d.items()}
        for d in listwise.pop("drivers")
    ]
    assert pairwise == {k: pytest.approx(v) if isinstance(v, float) else v for k, v in listwise.items()}


def test_pairwise_bootstrap_matches_explicit_resampling() -> None:
    frame = holey(16).iloc[:80]
    result = key_drivers(frame, outcome="y", na=[0], missing="pairwise", bootstrap=30, seed=4)
    rng = np.random.default_rng(4)
    data = frame.replace(0, np.nan)
    weights = []
    for rows in rng.integers(0, 80, size=(30, 80)):
        corr = data.iloc[rows].corr().to_numpy()
        weights.append(relative_weights(corr[:3, :3], corr[:3, 3]))
    low, high = np.percentile(np.array(weights), [2.5, 97.5], axis=0)
    for d in result.drivers:
        j = int(d.name[1])
        assert (d.importance_low, d.importance_high) == pytest.approx((low[j], high[j]), rel=1e-9)


def test_unknown_missing_handling() -> None:
    with pytest.raises(InputError) as caught:
        key_drivers(holey(1), outcome="y", missing="mean")
    assert caught.value.details == {"value": "mean", "allowed": ["listwise", "pairwise"]}
