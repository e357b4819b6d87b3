"""Model families tried against the shipped Persian sentiment model (docs/voice.md §3); none is shipped.

    OMP_NUM_THREADS=1 .venv/bin/python bench/sentiment_variants.py --cv 5          # training part only
    OMP_NUM_THREADS=1 .venv/bin/python bench/sentiment_variants.py --cv 5 --only mlp --hidden 64 --alpha 0.1 --seed 1
    OMP_NUM_THREADS=1 .venv/bin/python bench/sentiment_variants.py --held-out      # the final candidates

Candidates, all over the shipped features (:mod:`safar.voice.features`, the same sentiment-bearing
n-gram selection, TF-IDF and lexicon features × 3):

* ``linear``: the shipped recipe (:func:`safar.voice.train.fit`), for reference;
* ``mlp``: one hidden ReLU layer (``--hidden`` 32 units, L2 ``--alpha`` 0.1), scikit-learn's
  ``MLPClassifier`` with early stopping on 10 % of its training data, seed 13; scored with NumPy
  only (a sparse row times the first weight matrix, by gathering rows);
* ``ensemble``: the mean of the ``linear`` and ``mlp`` probabilities;
* ``linear_stems``: the shipped recipe with informal-suffix handling added to the features: a
  ``s:`` stem feature for words ending in «ه، ش، م، ت، ست، اس، ها، های، مون، تون، شون…»
  («خوبه» → ``s:خوب``) and lexicon look-up falling back to the word without «ه، ست، اس، ش، تر، ترین، ی».

``--cv K`` prints each candidate's K-fold accuracy on the training part (the folds of
:func:`safar.voice.train.cross_validate`; the held-out split is not touched). ``--held-out`` fits
each candidate on the whole training part and prints :func:`safar.voice.train.evaluate` on the
held-out split and the self-written sets, and the NumPy scoring speed of ``linear`` and ``mlp``.
Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import math
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from safar.voice import lexicon_fa, model, train
from safar.voice.features import features

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/snappfood-fa/snappfood.csv"
LABELLED = Path(__file__).resolve().parents[1] / "tests/voice/data"
CANDIDATES = ("linear", "mlp", "ensemble", "linear_stems")
SUFFIXES = ("هاشون", "هامون", "هاش", "هام", "های", "ها", "شون", "مون", "تون", "ست", "اس", "ش", "م", "ت", "ه")
LEXICON_SUFFIXES = ("ه", "ست", "اس", "ش", "تر", "ترین", "ی")


@dataclass(frozen=True)
class MlpModel:
    """One hidden ReLU layer over the shipped sparse + lexicon features, scored with NumPy."""

    index: dict[str, int]
    idf: np.ndarray
    w1: np.ndarray  # (n-grams + 4 lexicon features) × hidden
    b1: np.ndarray
    w2: np.ndarray
    b2: float
    dense_scale: float

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty(len(texts))
        n_sparse = len(self.index)
        for row, text in enumerate(texts):
            sparse, dense = features(text)
            counts = Counter(j for j in map(self.index.get, sparse) if j is not None)
            hidden = self.b1 + (np.asarray(dense) * self.dense_scale) @ self.w1[n_sparse:]
            if counts:
                cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                x = (
                    1 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
                ) * self.idf[cols]
                hidden = hidden + (x / math.sqrt(float(x @ x))) @ self.w1[cols]
            out[row] = float(np.maximum(hidden, 0) @ self.w2) + self.b2
        return 1 / (1 + np.exp(-out))


def fit_mlp(
    texts: Sequence[str],
    y: np.ndarray,
    *,
    hidden: int = 32,
    alpha: float = 0.1,
    seed: int = train.SEED,
    dense_scale: float = 3.0,
) -> MlpModel:
    """Fit the ``mlp`` candidate on ``texts`` (1 = positive); ``seed`` sets its initialisation and early-stopping split."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neural_network import MLPClassifier

    feats = [features(t) for t in texts]
    vocab = train.sentiment_bearing(feats, y, 0.7)
    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, vocabulary=vocab)
    dense = sp.csr_matrix(np.array([f[1] for f in feats]) * dense_scale)
    matrix = sp.hstack([vec.fit_transform([f[0] for f in feats]), dense]).tocsr()
    mlp = MLPClassifier(
        hidden_layer_sizes=(hidden,),
        alpha=alpha,
        batch_size=min(64, len(texts) * 9 // 10),  # 64 on real data; the tests' corpus is smaller
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=5,
        max_iter=200,
        random_state=seed,
    ).fit(matrix, y)
    return MlpModel(
        index={str(n): i for i, n in enumerate(vec.get_feature_names_out())},
        idf=vec.idf_,
        w1=mlp.coefs_[0],
        b1=mlp.intercepts_[0],
        w2=mlp.coefs_[1][:, 0],
        b2=float(mlp.intercepts_[1][0]),
        dense_scale=dense_scale,
    )


def _identity(x: list[str]) -> list[str]:
    return x


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str | None:
    return next((token[: -len(s)] for s in SUFFIXES if token.endswith(s) and len(token) - len(s) >= 2), None)


@lru_cache(maxsize=200_000)
def _lexicon_form(token: str) -> str:
    if token in lexicon_fa.LEXICON:
        return token
    return next(
        (
            token[: -len(s)]
            for s in LEXICON_SUFFIXES
            if token.endswith(s) and token[: -len(s)] in lexicon_fa.LEXICON
        ),
        token,
    )


def informal_features(text: str) -> tuple[list[str], list[float]]:
    """The shipped features plus ``s:`` suffix stems, with the lexicon read through the stems.

    >>> sparse, dense = informal_features("خوبه")
    >>> "s:خوب" in sparse, dense[0] > 0
    (True, True)
    """
    sparse, _ = features(text)
    toks = [f[2:] for f in sparse if f.startswith("w:")]
    sparse += [f"s:{s}" for s in map(_stem, toks) if s]
    pos, neg, score, negations = lexicon_fa.lexicon_score([_lexicon_form(t) for t in toks])
    return sparse, [math.log1p(pos), math.log1p(neg), score, math.log1p(negations)]


@contextmanager
def stem_features() -> Iterator[None]:
    """Train and score with :func:`informal_features` instead of the shipped features."""
    saved = train.features, model.features
    train.features = model.features = informal_features
    try:
        yield
    finally:
        train.features, model.features = saved


def fit_candidates(
    texts: Sequence[str],
    y: np.ndarray,
    only: Sequence[str],
    hidden: int,
    alpha: float,
    seed: int = train.SEED,
) -> dict[str, Callable[[Sequence[str]], np.ndarray]]:
    """``name -> probabilities`` for the candidates in ``only``, fitted on ``texts``."""
    out: dict[str, Callable[[Sequence[str]], np.ndarray]] = {}
    if {"linear", "ensemble"} & set(only):
        out["linear"] = train.fit(texts, y).probabilities
    if {"mlp", "ensemble"} & set(only):
        out["mlp"] = fit_mlp(texts, y, hidden=hidden, alpha=alpha, seed=seed).probabilities
    if "ensemble" in only:
        linear, mlp = out["linear"], out["mlp"]
        out["ensemble"] = lambda t: (linear(t) + mlp(t)) / 2
    if "linear_stems" in only:
        with stem_features():
            stems = train.fit(texts, y)

        def stems_probabilities(t: Sequence[str]) -> np.ndarray:
            with stem_features():
                return stems.probabilities(t)

        out["linear_stems"] = stems_probabilities
    return {name: out[name] for name in only}


def cross_validate(
    texts: Sequence[str],
    y: np.ndarray,
    k: int,
    only: Sequence[str],
    hidden: int = 32,
    alpha: float = 0.1,
    seed: int = train.SEED,
) -> dict[str, tuple[float, list[float]]]:
    """``name -> (accuracy, per-fold accuracies)`` over the folds of :func:`safar.voice.train.cross_validate`."""
    folds = np.random.default_rng(train.SEED).integers(0, k, size=len(texts))
    per_fold: dict[str, list[float]] = {name: [] for name in only}
    right = dict.fromkeys(only, 0)
    for fold in range(k):
        inside, outside = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        fitted = fit_candidates([texts[int(i)] for i in inside], y[inside], only, hidden, alpha, seed)
        held = [texts[int(i)] for i in outside]
        for name, probabilities in fitted.items():
            hits = int(((probabilities(held) >= 0.5).astype(int) == y[outside]).sum())
            right[name] += hits
            per_fold[name].append(round(hits / outside.size, 4))
    return {name: (round(right[name] / len(texts), 4), per_fold[name]) for name in only}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cv", type=int, default=0, metavar="K")
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--only", action="append", choices=CANDIDATES)
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--alpha", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=train.SEED, help="the MLP's seed (folds stay seed 13)")
    args = parser.parse_args(argv)
    only = args.only or list(CANDIDATES)
    texts, y = train.read_snappfood(args.data)
    train_rows, held_rows = train.split_indices(y)
    train_texts = [texts[i] for i in train_rows]
    if args.cv:
        for name, (accuracy, folds) in cross_validate(
            train_texts, y[train_rows], args.cv, only, args.hidden, args.alpha, args.seed
        ).items():
            spread = float(np.std(folds, ddof=1)) if len(folds) > 1 else 0.0
            print(f"cv_{args.cv}_fold {name}: accuracy={accuracy}, folds={folds}, fold_sd={spread:.4f}")
    if args.held_out:
        sets = {"held_out": ([texts[i] for i in held_rows], y[held_rows])}
        for name in ("fa_product_reviews.csv", "fa_dev_mixed.csv"):
            sets[name] = train.read_labelled(LABELLED / name)
        fitted = fit_candidates(train_texts, y[train_rows], only, args.hidden, args.alpha, args.seed)
        for name, probabilities in fitted.items():
            for set_name, (set_texts, set_y) in sets.items():
                metrics = train.evaluate(probabilities(set_texts), set_y)
                print(f"{name} | {set_name}: " + ", ".join(f"{k}={v}" for k, v in metrics.items()))
        for name in ("linear", "mlp"):
            if name in fitted:
                fitted[name](texts)  # fill the per-word feature cache, as the bench's best run does
                start = time.perf_counter()
                fitted[name](texts)
                print(f"speed {name}: {len(texts) / (time.perf_counter() - start):.0f} comments/s (numpy)")


if __name__ == "__main__":
    main()
