"""The shipped Persian sentiment model: a linear model over :mod:`safar.voice.features`, read without pickle.

The artifact (``models/fa_sentiment.npz``, made by ``python -m safar.voice.train``) holds plain arrays:
the feature vocabulary, its idf, one weight per feature (logistic-regression coefficient × naive-Bayes
log-count ratio), the weights of the dense lexicon features, the intercept, the Platt calibration and a
JSON ``meta`` record (training data hash, seed, held-out metrics). Scoring is numpy only.

>>> m = load_model()
>>> p = m.probabilities(["خیلی عالی بود ممنون", "افتضاح بود، اصلا راضی نیستم"])
>>> bool(p[0] > 0.5 > p[1])
True
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from safar.errors import ConfigError
from safar.voice.features import features, tfidf

MODEL_PATH = Path(__file__).parent / "models" / "fa_sentiment.npz"


@dataclass(frozen=True)
class LinearSentimentModel:
    """Probability of *positive* for Persian texts: Platt(Σ tfidf·w + lexicon·v + b)."""

    index: dict[str, int]
    idf: np.ndarray
    weight: np.ndarray
    dense_weight: np.ndarray
    intercept: float
    platt: tuple[float, float]
    meta: dict[str, Any]

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Uncalibrated decision values, one per text."""
        out = np.empty(len(texts), dtype=np.float64)
        index, idf, weight = self.index, self.idf, self.weight
        for row, text in enumerate(texts):
            sparse, dense = features(text)
            cols, x, norm = tfidf(sparse, index, idf)
            value = self.intercept + float(np.dot(self.dense_weight, dense))
            if norm:
                value += float(np.dot(x, weight[cols])) / norm
            out[row] = value
        return out

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probability that each text is positive."""
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * self.logits(texts) + b)))


def save_model(path: Path, model: LinearSentimentModel) -> None:
    """Write the model as a compressed .npz of plain arrays (no pickled objects)."""
    vocab = np.array(sorted(model.index, key=model.index.__getitem__), dtype=str)
    np.savez_compressed(
        path,
        vocab=vocab,
        idf=model.idf.astype(np.float32),
        weight=model.weight.astype(np.float32),
        dense_weight=model.dense_weight.astype(np.float64),
        scalars=np.array([model.intercept, *model.platt], dtype=np.float64),
        meta=np.array(json.dumps(model.meta, ensure_ascii=False)),
    )


def read_model(path: Path) -> LinearSentimentModel:
    """Read a model written by :func:`save_model`; a missing or broken file is a :class:`ConfigError`."""
    try:
        with np.load(path, allow_pickle=False) as data:
            vocab = data["vocab"].tolist()
            scalars = data["scalars"]
            return LinearSentimentModel(
                index={name: i for i, name in enumerate(vocab)},
                idf=data["idf"].astype(np.float64),
                weight=data["weight"].astype(np.float64),
                dense_weight=data["dense_weight"],
                intercept=float(scalars[0]),
                platt=(float(scalars[1]), float(scalars[2])),
                meta=json.loads(str(data["meta"])),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError("voice.model_missing", path=str(path), problem=type(exc).__name__) from None


@cache
def load_model() -> LinearSentimentModel:
    """The model shipped with Safar, read once per process."""
    return read_model(MODEL_PATH)
