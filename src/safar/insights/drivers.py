"""Key drivers (عوامل کلیدی): which touchpoint ratings matter most for an overall outcome.

:func:`key_drivers` splits the R² of a linear model of the outcome on the touchpoint ratings among
the ratings by Johnson's relative weights (:mod:`safar.insights.weights`), so the importances are
non-negative and sum to R². Each driver also gets:

* ``direction`` — the sign of its correlation with the outcome (not of its regression coefficient,
  which can flip under collinearity); the standardized coefficient is reported as ``beta``;
* ``importance_low`` / ``importance_high`` — a seeded percentile bootstrap interval (rows resampled
  with replacement, every resample computed at once);
* ``performance`` — its mean rating on its own scale, over every row where it was rated.

A binary outcome (``positive="satisfied"``) is coded 1/0 and decomposed the same way: the R² is then
that of a linear probability model. "Not applicable" codes in ``na`` are missing values; rows missing
the outcome or any driver are left out of the model (listwise, the default), and ``n`` says how many
remained; with ``missing="pairwise"`` each correlation uses the rows where both its columns are present.

>>> rng = np.random.default_rng(1)
>>> x = rng.normal(size=(300, 2))
>>> frame = pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "y": 2 * x[:, 0] + x[:, 1] + rng.normal(size=300)})
>>> result = key_drivers(frame, outcome="y", bootstrap=50)
>>> [d.name for d in result.drivers], result.n, round(sum(d.importance for d in result.drivers) - result.r2, 12)
(['a', 'b'], 300, 0.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from safar.errors import InputError
from safar.insights.ratings import binary_outcome, numeric_column, numeric_columns, require_columns
from safar.insights.weights import (
    correlations,
    pair_counts,
    pairwise_correlations,
    relative_weights,
    standardized_coefficients,
)

BOOTSTRAP = 200
SEED = 7
CONFIDENCE = 0.95
MIN_N_PER_DRIVER = 10
MISSING = ("listwise", "pairwise")
# Bootstrap resamples drawn per batch: bounds memory at about this many row indices at a time.
_BATCH_CELLS = 4_000_000


@dataclass(frozen=True)
class DriverImportance:
    """One driver: its share of R² with an interval, its direction and its mean rating."""

    name: str
    importance: float
    importance_low: float | None
    importance_high: float | None
    share: float
    direction: str
    correlation: float
    beta: float
    performance: float
    n_rated: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DriversResult:
    """Drivers sorted by importance (largest first); the importances sum to ``r2``."""

    drivers: tuple[DriverImportance, ...]
    r2: float
    n: int
    n_rows: int
    outcome: str
    positive: str | None
    na: tuple[float, ...]
    bootstrap: int
    bootstrap_used: int
    seed: int | None
    confidence: float
    small_n: bool
    method: str = "relative_weights"
    direction_from: str = "correlation"
    missing_rows: str = "listwise"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["drivers"] = [d.to_dict() for d in self.drivers]
        out["na"] = list(self.na)
        return out


def key_drivers(
    frame: pd.DataFrame,
    *,
    outcome: str,
    drivers: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    positive: str | None = None,
    na: Sequence[float] = (),
    bootstrap: int = BOOTSTRAP,
    seed: int | None = SEED,
    confidence: float = CONFIDENCE,
    min_n_per_driver: int = MIN_N_PER_DRIVER,
    missing: str = "listwise",
) -> DriversResult:
    """Relative importance of each driver column for ``outcome``, with bootstrap intervals.

    ``drivers`` defaults to every numeric column except the outcome and ``exclude``. ``missing`` is
    ``"listwise"`` (rows missing any driver are left out; ``n`` = rows used) or ``"pairwise"`` (each
    correlation from the rows where both of its columns are present; ``n`` = the fewest rows behind
    any correlation).

    >>> frame = pd.DataFrame({"a": [1, 2, 3, 4, 5, 0], "b": [2, 1, 4, 3, 5, 5], "y": [1, 2, 3, 5, 4, 5]})
    >>> r = key_drivers(frame, outcome="y", na=[0], bootstrap=0)
    >>> r.n, r.n_rows, [d.name for d in r.drivers], round(r.r2, 3)
    (5, 6, ['a', 'b'], 0.85)
    """
    if not 0 < confidence < 1:
        raise InputError("insights.bad_confidence", value=confidence)
    if bootstrap < 0:
        raise InputError("insights.bad_bootstrap", value=bootstrap)
    if missing not in MISSING:
        raise InputError("insights.bad_missing", value=missing, allowed=list(MISSING))
    require_columns(frame, [outcome, *exclude, *(drivers or [])])
    names = _driver_names(frame, outcome, drivers, exclude)
    y = _outcome(frame, outcome) if positive is None else binary_outcome(frame, outcome, positive)
    columns = [numeric_column(frame, name, na=na) for name in names]
    x = np.column_stack(columns)
    p = len(names)
    if missing == "listwise":
        data = np.column_stack([x, y])[~np.isnan(y) & ~np.isnan(x).any(axis=1)]
        n = len(data)
    else:
        data = np.column_stack([x, y])[~np.isnan(y)]
        n = int(pair_counts(data)[np.triu_indices(p + 1, k=1)].min())
    if n < max(p + 2, 3):
        raise InputError("insights.too_few_rows", n=n, needed=max(p + 2, 3), drivers=p, rows=len(frame))
    _check_not_constant(data, [*names, outcome], outcome)
    corr = _correlations(data, None, missing)
    if np.isnan(corr).any():
        raise InputError("insights.undefined_correlation", n=n, drivers=p)
    weights = relative_weights(corr[:p, :p], corr[:p, p])
    betas = standardized_coefficients(corr[:p, :p], corr[:p, p])
    low, high, used = _bootstrap(data, p, bootstrap, seed, confidence, missing)
    r2 = float(weights.sum())
    rows = [
        DriverImportance(
            name=name,
            importance=float(weights[j]),
            importance_low=None if low is None else float(low[j]),
            importance_high=None if high is None else float(high[j]),
            share=float(weights[j] / r2) if r2 > 0 else 0.0,
            direction=_direction(float(corr[j, p])),
            correlation=float(corr[j, p]),
            beta=float(betas[j]),
            performance=float(np.nanmean(columns[j])),
            n_rated=int((~np.isnan(columns[j])).sum()),
        )
        for j, name in enumerate(names)
    ]
    rows.sort(key=lambda d: (-d.importance, d.name))
    return DriversResult(
        drivers=tuple(rows),
        r2=r2,
        n=n,
        n_rows=len(frame),
        outcome=outcome,
        positive=positive,
        na=tuple(float(v) for v in na),
        bootstrap=bootstrap,
        bootstrap_used=used,
        seed=seed,
        confidence=confidence,
        small_n=n < min_n_per_driver * p,
        missing_rows=missing,
    )


def _driver_names(
    frame: pd.DataFrame, outcome: str, drivers: Sequence[str] | None, exclude: Sequence[str]
) -> list[str]:
    if drivers:
        names = list(dict.fromkeys(d for d in drivers if d not in set(exclude)))
        if outcome in names:
            raise InputError("insights.outcome_is_driver", column=outcome)
    else:
        names = numeric_columns(frame, skip=[outcome, *exclude])
    if not names:
        raise InputError("insights.no_drivers", outcome=outcome, columns=[str(c) for c in frame.columns])
    return names


def _outcome(frame: pd.DataFrame, outcome: str) -> np.ndarray:
    """A numeric outcome; a text one (e.g. "satisfied") needs ``positive`` — say so, with its values."""
    if outcome not in numeric_columns(frame[[outcome]]):
        text = frame[outcome].astype("string").str.strip()
        values = sorted({str(v) for v in text[text.notna() & (text != "")]})
        if values:
            raise InputError("insights.outcome_not_numeric", column=outcome, values=values[:10])
    return numeric_column(frame, outcome)


def _check_not_constant(data: np.ndarray, names: list[str], outcome: str) -> None:
    spread = np.nanmax(data, axis=0) - np.nanmin(data, axis=0)
    for j in np.flatnonzero(spread == 0):
        rated = data[~np.isnan(data[:, j]), j]
        if names[j] == outcome:
            raise InputError("insights.constant_outcome", column=outcome, value=float(rated[0]), n=len(rated))
        raise InputError("insights.constant_column", column=names[j], value=float(rated[0]), n=len(rated))


def _correlations(data: np.ndarray, counts: np.ndarray | None, missing: str) -> np.ndarray:
    if missing == "pairwise":
        return pairwise_correlations(data, counts)
    return correlations(data, counts)


def _direction(correlation: float) -> str:
    return "positive" if correlation > 0 else "negative" if correlation < 0 else "none"


def _bootstrap(
    data: np.ndarray, p: int, resamples: int, seed: int | None, confidence: float, missing: str
) -> tuple[np.ndarray | None, np.ndarray | None, int]:
    """Percentile interval of each weight over ``resamples`` row resamples; degenerate resamples are dropped."""
    if resamples == 0:
        return None, None, 0
    rng = np.random.default_rng(seed)
    n = len(data)
    batch = max(1, min(resamples, _BATCH_CELLS // n))
    found: list[np.ndarray] = []
    for start in range(0, resamples, batch):
        size = min(batch, resamples - start)
        draws = rng.integers(0, n, size=(size, n)) + (np.arange(size) * n)[:, None]
        counts = np.bincount(draws.ravel(), minlength=size * n).reshape(size, n).astype(float)
        corr = _correlations(data, counts, missing)
        valid = ~np.isnan(corr).any(axis=(1, 2))
        found.append(relative_weights(corr[valid, :p, :p], corr[valid, :p, p]))
    weights = np.concatenate(found)
    if len(weights) == 0:
        return None, None, 0
    tail = 100 * (1 - confidence) / 2
    low, high = np.percentile(weights, [tail, 100 - tail], axis=0)
    return low, high, len(weights)
