"""Train the Persian sentiment model: ``python -m safar.voice.train --data FILE --out DIR``.

Reproducible and seeded. From the SnappFood comments (``comment``, ``label_id``: 0 = HAPPY, 1 = SAD)
it holds out a stratified 15 % (seed 13) that training never sees, fits on the rest:

1. features of :mod:`safar.voice.features` (words, bigrams, character 2–5-grams of normalised text,
   hand-written lexicon scores);
2. only *sentiment-bearing* n-grams are kept: in at least three comments and with a naive-Bayes
   log-count ratio of at least ``--min-ratio`` (0.7) in absolute value, which drops topic words;
   TF-IDF with sublinear tf, L2-normalised per comment (``--no-idf``: tf only, the idf array all ones);
3. an L2 logistic regression (C = ``--c``, 1.0) over those n-grams and the lexicon features (× 3);
4. Platt calibration on 3-fold out-of-fold decision values of the training part.

It prints the held-out accuracy (and that of a plain word+char TF-IDF + logistic regression peer
trained on the same split), evaluates any ``--eval`` CSV (``text,label`` with positive/negative) and
writes ``fa_sentiment.npz``. scikit-learn is needed here only, never for scoring.

>>> split_indices([0, 1] * 10, seed=13)[1].size  # 15 % of 10 rounds to 2 per label
4
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from safar.errors import InputError, SafarError
from safar.voice.features import features
from safar.voice.model import LinearSentimentModel, save_model

SEED = 13
HELD_OUT = 0.15


def split_indices(labels: Sequence[int] | np.ndarray, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Stratified (train, held-out) row indices: the held-out share is 15 % of each label."""
    rng = np.random.default_rng(seed)
    y = np.asarray(labels)
    train, test = [], []
    for label in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == label))
        cut = round(len(rows) * HELD_OUT)
        test.append(rows[:cut])
        train.append(rows[cut:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def read_snappfood(path: Path) -> tuple[list[str], np.ndarray]:
    """Comments and labels (1 = positive) of a SnappFood-style CSV."""
    frame = pd.read_csv(path)
    if not {"comment", "label_id"} <= set(frame.columns):
        raise InputError(
            "voice.train_data", path=str(path), columns=["comment", "label_id"], found=list(frame.columns)
        )
    return frame["comment"].astype(str).tolist(), (frame["label_id"].to_numpy() == 0).astype(int)


def fit(
    texts: Sequence[str],
    y: np.ndarray,
    *,
    c: float = 1.0,
    dense_scale: float = 3.0,
    min_ratio: float = 0.7,
    use_idf: bool = True,
) -> LinearSentimentModel:
    """Fit the lexicon + selected-n-gram logistic regression on ``texts`` (1 = positive) and calibrate it.

    Without ``use_idf`` the model's idf array is all ones, so scoring is the same code either way.
    """
    feats = [features(t) for t in texts]
    vocab = sentiment_bearing(feats, y, min_ratio)
    names, idf, weight, dense_weight, intercept = _fit_linear(feats, y, c, dense_scale, vocab, use_idf)
    model = LinearSentimentModel(
        index={name: i for i, name in enumerate(names)},
        idf=idf,
        weight=weight,
        dense_weight=dense_weight,
        intercept=intercept,
        platt=(1.0, 0.0),
        meta={},
    )
    return _calibrated(model, texts, feats, y, c, dense_scale, names, use_idf)


def sentiment_bearing(
    feats: list[tuple[list[str], list[float]]], y: np.ndarray, min_ratio: float
) -> list[str]:
    """Features in ≥ 3 comments whose naive-Bayes log-count ratio |log(P(f|pos) / P(f|neg))| ≥ ``min_ratio``.

    Topic words (dishes, products) occur about as often in praise as in complaints, so their ratio is
    near 0 and they are dropped; what remains carries sentiment and travels better to other domains.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=_identity, min_df=3, binary=True)
    present = vec.fit_transform([f[0] for f in feats])
    pos = np.asarray(present[y == 1].sum(0)).ravel() + 1
    neg = np.asarray(present[y == 0].sum(0)).ravel() + 1
    ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
    names = vec.get_feature_names_out()
    return [str(n) for n in names[np.abs(ratio) >= min_ratio]]


def _fit_linear(
    feats: list[tuple[list[str], list[float]]],
    y: np.ndarray,
    c: float,
    scale: float,
    vocab: list[str],
    use_idf: bool,
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, float]:
    """Vocabulary sorted by |weight|, its idf and weights, the dense weights and the intercept."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, vocabulary=vocab, use_idf=use_idf)
    tfidf = vec.fit_transform([f[0] for f in feats])
    idf = vec.idf_ if use_idf else np.ones(tfidf.shape[1])
    dense = np.array([f[1] for f in feats]) * scale
    matrix = sp.hstack([tfidf, sp.csr_matrix(dense)]).tocsr()
    lr = LogisticRegression(C=c, max_iter=5000, solver="liblinear", random_state=SEED).fit(matrix, y)
    n_sparse = tfidf.shape[1]
    weight = lr.coef_[0][:n_sparse]
    names = vec.get_feature_names_out()
    order = np.argsort(-np.abs(weight), kind="stable")
    return (
        [str(names[i]) for i in order],
        idf[order],
        weight[order],
        lr.coef_[0][n_sparse:] * scale,
        float(lr.intercept_[0]),
    )


def _calibrated(
    model: LinearSentimentModel,
    texts: Sequence[str],
    feats: list[tuple[list[str], list[float]]],
    y: np.ndarray,
    c: float,
    scale: float,
    vocab: list[str],
    use_idf: bool,
) -> LinearSentimentModel:
    """Platt scaling on 3-fold out-of-fold decision values (the vocabulary is fixed)."""
    from sklearn.linear_model import LogisticRegression

    oof = np.empty(len(texts))
    folds = np.random.default_rng(SEED).integers(0, 3, size=len(texts))
    for k in range(3):
        inside, outside = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        names, idf, weight, dense_weight, intercept = _fit_linear(
            [feats[i] for i in inside], y[inside], c, scale, vocab, use_idf
        )
        part = LinearSentimentModel(
            {n: i for i, n in enumerate(names)}, idf, weight, dense_weight, intercept, (1.0, 0.0), {}
        )
        oof[outside] = part.logits([texts[int(i)] for i in outside])
    platt = LogisticRegression(C=1e6).fit(oof.reshape(-1, 1), y)
    return LinearSentimentModel(
        model.index,
        model.idf,
        model.weight,
        model.dense_weight,
        model.intercept,
        (float(platt.coef_[0][0]), float(platt.intercept_[0])),
        {},
    )


def cross_validate(texts: Sequence[str], y: np.ndarray, k: int, **options: Any) -> float:
    """Accuracy of :func:`fit` over ``k`` seeded folds of ``texts`` (the training part only, never the held-out)."""
    folds = np.random.default_rng(SEED).integers(0, k, size=len(texts))
    right = 0
    for fold in range(k):
        inside, outside = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        model = fit([texts[int(i)] for i in inside], y[inside], **options)
        p = model.probabilities([texts[int(i)] for i in outside])
        right += int(((p >= 0.5).astype(int) == y[outside]).sum())
    return round(right / len(texts), 4)


def _identity(x: list[str]) -> list[str]:
    return x


def evaluate(p_positive: np.ndarray, y: np.ndarray, neutral_below: float = 0.6) -> dict[str, float]:
    """Accuracy of the sign, balanced accuracy, and the neutral band's share and its effect.

    >>> evaluate(np.array([0.9, 0.2, 0.55]), np.array([1, 0, 0]))["accuracy"]
    0.6667
    """
    pred = (p_positive >= 0.5).astype(int)
    decided = np.maximum(p_positive, 1 - p_positive) >= neutral_below
    tpr = float((pred[y == 1] == 1).mean()) if (y == 1).any() else float("nan")
    tnr = float((pred[y == 0] == 0).mean()) if (y == 0).any() else float("nan")
    return {
        "n": len(y),
        "accuracy": round(float((pred == y).mean()), 4),
        "balanced_accuracy": round((tpr + tnr) / 2, 4),
        "neutral_share": round(float(1 - decided.mean()), 4),
        "accuracy_when_decided": round(float((pred[decided] == y[decided]).mean()), 4)
        if decided.any()
        else 0.0,
        "label_accuracy_neutral_wrong": round(float(((pred == y) & decided).mean()), 4),
    }


def baseline_peer(train_texts: Sequence[str], y: np.ndarray) -> Any:
    """The named peer: plain word 1–2 + char_wb 2–5 TF-IDF and logistic regression (C=4) on normalised text."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    from safar.voice.normalize import normalize_fa

    union = make_union(
        TfidfVectorizer(preprocessor=normalize_fa, ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        TfidfVectorizer(
            preprocessor=normalize_fa, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        ),
    )
    return make_pipeline(
        union, LogisticRegression(C=4.0, max_iter=5000, solver="liblinear", random_state=SEED)
    ).fit(list(train_texts), y)


def read_labelled(path: Path) -> tuple[list[str], np.ndarray]:
    """A ``text,label`` CSV with labels positive/negative (1 = positive)."""
    frame = pd.read_csv(path)
    if not {"text", "label"} <= set(frame.columns):
        raise InputError(
            "voice.train_data", path=str(path), columns=["text", "label"], found=list(frame.columns)
        )
    return frame["text"].astype(str).tolist(), (frame["label"] == "positive").astype(int).to_numpy()


def main(argv: Sequence[str] | None = None) -> int:
    """Train, print the held-out metrics, write the model."""
    parser = argparse.ArgumentParser(prog="python -m safar.voice.train", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="SnappFood CSV (comment,label_id)")
    parser.add_argument("--out", type=Path, required=True, help="folder for fa_sentiment.npz")
    parser.add_argument(
        "--eval", type=Path, action="append", default=[], help="labelled text,label CSV to report"
    )
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--min-ratio", type=float, default=0.7)
    parser.add_argument("--no-idf", action="store_true", help="n-grams weighted by sublinear tf only")
    parser.add_argument(
        "--cv", type=int, default=0, metavar="K", help="also print K-fold CV accuracy on the training part"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the TF-IDF + LR peer")
    args = parser.parse_args(argv)
    try:
        texts, y = read_snappfood(args.data)
        for_eval = [(path, *read_labelled(path)) for path in args.eval]
    except SafarError as err:
        print(err.message_for("en"), file=sys.stderr)
        return 2
    train, held = split_indices(y)
    if args.cv:
        cv = cross_validate(
            [texts[i] for i in train],
            y[train],
            args.cv,
            c=args.c,
            min_ratio=args.min_ratio,
            use_idf=not args.no_idf,
        )
        print(f"cv_{args.cv}_fold_training_part: accuracy={cv}")
    model = fit(
        [texts[i] for i in train], y[train], c=args.c, min_ratio=args.min_ratio, use_idf=not args.no_idf
    )
    held_texts = [texts[i] for i in held]
    report: dict[str, Any] = {"held_out": evaluate(model.probabilities(held_texts), y[held])}
    peer = None if args.no_peer else baseline_peer([texts[i] for i in train], y[train])
    if peer is not None:
        report["held_out_peer_tfidf_lr"] = evaluate(peer.predict_proba(held_texts)[:, 1], y[held])
    for path, ev_texts, ev_y in for_eval:
        report[path.name] = evaluate(model.probabilities(ev_texts), ev_y)
        if peer is not None:
            report[path.name + " (peer)"] = evaluate(peer.predict_proba(ev_texts)[:, 1], ev_y)
    import sklearn

    meta = {
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "rows": len(texts),
        "train_rows": int(train.size),
        "held_out_rows": int(held.size),
        "seed": SEED,
        "c": args.c,
        "min_ratio": args.min_ratio,
        "idf": not args.no_idf,
        "dense_scale": 3.0,
        "features": len(model.index),
        "scikit_learn": sklearn.__version__,
        "held_out": report["held_out"],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "fa_sentiment.npz"
    save_model(path, LinearSentimentModel(**{**model.__dict__, "meta": meta}))
    for name, metrics in report.items():
        print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in metrics.items()))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB, {len(model.index)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
