"""Johnson's relative weights: R² of a linear model split among correlated drivers.

With ``R`` the drivers' correlation matrix and ``r`` their correlations with the outcome,
``R = V diag(λ) Vᵀ``, ``Λ = R^½ = V diag(√λ) Vᵀ`` and ``β* = R^-½ r`` (the outcome regressed on the
drivers' closest orthonormal counterparts), the weight of driver j is ``ε_j = Σ_k Λ_jk² β*_k²``
(Johnson 2000, *Multivariate Behavioral Research* 35:1). The weights are non-negative and sum to
``rᵀ R⁻¹ r``, the model's R². Eigenvalues below a relative tolerance count as zero (a pseudo-inverse),
so exactly collinear drivers share their importance instead of breaking the computation.

Every function accepts a stack of problems (leading axes), which is how the bootstrap runs all its
resamples at once.

>>> R = np.array([[1.0, 0.5], [0.5, 1.0]])
>>> r = np.array([0.6, 0.4])
>>> w = relative_weights(R, r)
>>> [round(float(x), 4) for x in w], round(float(w.sum()), 4), round(float(r @ np.linalg.solve(R, r)), 4)
([0.2867, 0.0867], 0.3733, 0.3733)
"""

from __future__ import annotations

import numpy as np

# Eigenvalues of a correlation matrix below this share of the largest are treated as exactly zero.
RELATIVE_TOLERANCE = 1e-10


def _sym_power(evals: np.ndarray, evecs: np.ndarray, power: float) -> np.ndarray:
    limit = RELATIVE_TOLERANCE * evals.max(axis=-1, keepdims=True)
    safe = np.where(evals > limit, evals, 1.0)
    scaled = np.where(evals > limit, safe**power, 0.0)
    power_matrix: np.ndarray = (evecs * scaled[..., None, :]) @ np.swapaxes(evecs, -1, -2)
    return power_matrix


def relative_weights(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Relative weights from correlation matrices ``rxx`` (…, p, p) and correlations ``rxy`` (…, p).

    Uncorrelated drivers get their squared correlations:

    >>> relative_weights(np.eye(2), np.array([0.5, -0.1])).round(4).tolist()
    [0.25, 0.01]
    """
    evals, evecs = np.linalg.eigh(rxx)
    half = _sym_power(evals, evecs, 0.5)
    beta_star = (_sym_power(evals, evecs, -0.5) @ rxy[..., None])[..., 0]
    weights: np.ndarray = ((half**2) @ (beta_star**2)[..., None])[..., 0]
    return weights


def standardized_coefficients(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Standardized multiple-regression coefficients ``R⁻¹ r`` (pseudo-inverse, same tolerance).

    >>> standardized_coefficients(np.eye(2), np.array([0.3, -0.2])).tolist()
    [0.3, -0.2]
    """
    evals, evecs = np.linalg.eigh(rxx)
    betas: np.ndarray = (_sym_power(evals, evecs, -1.0) @ rxy[..., None])[..., 0]
    return betas


def correlations(data: np.ndarray, counts: np.ndarray | None = None) -> np.ndarray:
    """Correlation matrices of the columns of ``data`` (n, q), one per row of resample ``counts`` (B, n).

    Without ``counts`` the plain correlation matrix (q, q). With them, row b weights observation i by
    ``counts[b, i]`` (how often a bootstrap resample drew it), which gives the resample's correlation
    matrix without materialising the resample; resamples in which a column is constant give NaN.

    >>> x = np.array([[1.0, 2.0], [2.0, 4.1], [3.0, 5.9]])
    >>> bool(np.allclose(correlations(x), np.corrcoef(x.T)))
    True
    """
    centred = (data - data.mean(axis=0)) / data.std(axis=0)
    n, q = centred.shape
    if counts is None:
        counts = np.ones((1, n))
        single = True
    else:
        single = False
    upper = np.triu_indices(q)
    first = counts @ centred / n
    second = np.zeros((counts.shape[0], len(upper[0])))
    step = max(1, 4_000_000 // len(upper[0]))
    for start in range(0, n, step):
        block = centred[start : start + step]
        second += counts[:, start : start + step] @ (block[:, upper[0]] * block[:, upper[1]])
    second /= n
    moments = np.zeros((counts.shape[0], q, q))
    moments[:, upper[0], upper[1]] = second
    moments[:, upper[1], upper[0]] = second
    cov = moments - first[:, :, None] * first[:, None, :]
    sd = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0.0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        corr = cov / (sd[:, :, None] * sd[:, None, :])
    corr[:, np.arange(q), np.arange(q)] = 1.0
    corr[~(sd > 1e-8).all(axis=1)] = np.nan
    result: np.ndarray = corr[0] if single else corr
    return result


def pairwise_correlations(data: np.ndarray, counts: np.ndarray | None = None) -> np.ndarray:
    """Like :func:`correlations`, but each pair of columns uses the rows where both are present.

    ``data`` may hold NaN. A pair with fewer than 2 rows, or constant on its rows, gives NaN. The matrix
    need not be positive semi-definite (each entry comes from different rows).

    >>> x = np.array([[1.0, 2.0, np.nan], [2.0, np.nan, 1.0], [3.0, 5.0, 2.0], [4.0, 4.0, 4.0]])
    >>> import pandas as pd
    >>> bool(np.allclose(pairwise_correlations(x), pd.DataFrame(x).corr().to_numpy()))
    True
    """
    present = ~np.isnan(data)
    centre = np.nanmean(data, axis=0)
    spread = np.nanstd(data, axis=0)
    spread = np.where(spread > 0, spread, 1.0)
    values = np.where(present, (data - centre) / spread, 0.0)
    mask = present.astype(float)
    n, q = data.shape
    single = counts is None
    weights = np.ones((1, n)) if counts is None else counts
    i, j = np.triu_indices(q, k=1)
    pairs = len(i)
    sums = np.zeros((6, weights.shape[0], pairs))
    step = max(1, 4_000_000 // max(1, 6 * pairs))
    for start in range(0, n, step):
        rows = slice(start, start + step)
        both = mask[rows][:, i] * mask[rows][:, j]
        xi, xj = values[rows][:, i], values[rows][:, j]
        for k, block in enumerate(
            (both, both * xi, both * xj, both * xi * xi, both * xj * xj, both * xi * xj)
        ):
            sums[k] += weights[:, rows] @ block
    count, si, sj, qi, qj, pij = sums
    with np.errstate(divide="ignore", invalid="ignore"):
        mi, mj = si / count, sj / count
        vi, vj = qi / count - mi * mi, qj / count - mj * mj
        r = (pij / count - mi * mj) / np.sqrt(vi * vj)
    r = np.where((count >= 2) & (vi > 1e-12) & (vj > 1e-12), r, np.nan)
    corr = np.zeros((weights.shape[0], q, q))
    corr[:, i, j] = r
    corr[:, j, i] = r
    corr[:, np.arange(q), np.arange(q)] = 1.0
    invalid = np.isnan(corr).any(axis=(1, 2))
    corr[invalid] = np.nan
    result: np.ndarray = corr[0] if single else corr
    return result


def pair_counts(data: np.ndarray) -> np.ndarray:
    """How many rows have both columns present, for every pair of columns of ``data``.

    >>> pair_counts(np.array([[1.0, np.nan], [2.0, 3.0]])).tolist()
    [[2, 1], [1, 1]]
    """
    present = (~np.isnan(data)).astype(int)
    both: np.ndarray = present.T @ present
    return both
