"""Train the service-language models: ``python -m safar.voice.train_service --lang fa|en [--cv 5]``.

Reproducible and seeded. From ``training/voice/service_train_<lang>*.csv`` (``text,label,domain``;
comments written for the project under the guideline of ``tests/voice/data/SERVICE_GUIDELINE.md``, see
``training/voice/README.md``), it fits the three-way model of :mod:`safar.voice.service`:

1. the n-gram features of :func:`safar.voice.service.sparse_features` seen in at least ``--min-df``
   (2) comments, TF-IDF with sublinear tf and smooth idf, L2-normalised per comment;
2. the dense features of :func:`safar.voice.service.dense_features` (the general scorer's reading and
   whether the comment asks), scaled by ``--dense-scale`` (3);
3. a multinomial L2 logistic regression (C = ``--c``, 4).

``--cv K`` prints stratified K-fold accuracy on the training file (how the options were chosen);
``--eval FILE`` prints accuracy (overall and per domain) on any labelled ``text,label[,domain]`` file, for
the record only. scikit-learn is needed here only, never for scoring.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from safar.voice.features import tfidf
from safar.voice.service import (
    CLASSES,
    DENSE,
    MODELS,
    ServiceModel,
    dense_features,
    save_service,
    sparse_features,
)

SEED = 13
ROOT = Path(__file__).resolve().parents[3]
TRAINING = ROOT / "training" / "voice"


def read_rows(path: Path) -> tuple[list[str], np.ndarray, list[str]]:
    """Texts, class indices (:data:`CLASSES`) and domains of a labelled CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [r["text"] for r in rows]
    y = np.array([CLASSES.index(r["label"].strip()) for r in rows], dtype=np.int64)
    return texts, y, [r.get("domain", "") or "" for r in rows]


def fit(
    texts: Sequence[str],
    y: np.ndarray,
    lang: str,
    *,
    c: float,
    min_df: int,
    dense_scale: float,
    food: tuple[Sequence[str], np.ndarray, np.ndarray] | None = None,
    food_weight: float = 0.0,
) -> ServiceModel:
    """Fit the model on ``texts`` with labels ``y`` (see the module doc). ``food``: comments of the general
    model's own kind (SnappFood's training part, positive or negative) with the general model's out-of-fold
    reading of each (:func:`general_out_of_fold`), fitted too, together weighing ``food_weight`` times the
    service comments, so that the model keeps trusting the general reading where the comment is of that kind
    (and only as far as it deserves: the general model has seen these comments, so its own reading of them
    would look better than it is); the n-grams are the service comments' only."""
    from scipy.sparse import csr_matrix, hstack, vstack
    from sklearn.linear_model import LogisticRegression

    grams = [sparse_features(t, lang) for t in texts]
    df = Counter(g for row in grams for g in set(row))
    vocab = sorted(g for g, n in df.items() if n >= min_df)
    index = {g: i for i, g in enumerate(vocab)}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in vocab])
    x = hstack([_tfidf(grams, index, idf), csr_matrix(dense_features(texts, lang) * dense_scale)])
    labels, weights = y, np.ones(n)
    if food is not None and food_weight > 0:
        food_texts, food_y, food_general = food
        food_dense = dense_features(food_texts, lang)
        food_dense[:, DENSE[lang].index("general")] = food_general
        extra = hstack(
            [
                _tfidf([sparse_features(t, lang) for t in food_texts], index, idf),
                csr_matrix(food_dense * dense_scale),
            ]
        )
        x = vstack([x, extra])
        labels = np.concatenate([y, food_y])
        weights = np.concatenate([weights, np.full(len(food_texts), food_weight * n / len(food_texts))])
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(x.tocsr(), labels, sample_weight=weights)
    coef = model.coef_.T  # (features + dense, classes)
    return ServiceModel(
        lang=lang,
        index=index,
        idf=idf,
        weight=coef[: len(vocab)],
        dense_weight=coef[len(vocab) :] * dense_scale,
        intercept=model.intercept_.astype(np.float64),
        meta={},
    )


def validation_split(train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """SnappFood's training part (indices) as (the seeded tenth kept for validation, the rest): the tenth tells
    how the food comments fare; ``training/voice/tune_e5.py --valid`` and ``join_valid.py`` leave out the same."""
    part = np.random.default_rng(SEED).permutation(train)
    cut = len(part) // 10
    return part[:cut], part[cut:]


def decisions_given_general(model: ServiceModel, texts: Sequence[str], general: np.ndarray) -> np.ndarray:
    """The model's decision values of ``texts`` with its general input replaced by ``general`` (the general
    model's out-of-fold reading of comments it was fitted on, as the service model was fitted with them)."""
    z = model.decisions(texts)
    col = DENSE[model.lang].index("general")
    z += np.outer(general - dense_features(texts, model.lang)[:, col], model.dense_weight[col])
    return z


def general_out_of_fold(texts: Sequence[str], y: np.ndarray, k: int = 5) -> np.ndarray:
    """The general model's decision value for each of ``texts`` from a model fitted, with the shipped model's
    options, on the other ``k - 1`` seeded folds (SnappFood's training part: what the shipped model learnt
    from)."""
    from safar.voice.model import load_model
    from safar.voice.train import fit as fit_general

    shipped = load_model().meta
    folds = np.random.default_rng(SEED).integers(0, k, size=len(texts))
    out = np.zeros(len(texts))
    for fold in range(k):
        inside, outside = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        model = fit_general(
            [texts[int(i)] for i in inside],
            y[inside],
            c=shipped["c"],
            dense_scale=shipped["dense_scale"],
            min_ratio=shipped["min_ratio"],
        )
        out[outside] = model.logits([texts[int(i)] for i in outside])
    return out


def _tfidf(grams: list[list[str]], index: dict[str, int], idf: np.ndarray) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, row in enumerate(grams):
        js, v, norm = tfidf(row, index, idf)
        if not norm:
            continue
        rows += [r] * len(js)
        cols += js.tolist()
        vals += (v / norm).tolist()
    return csr_matrix((vals, (rows, cols)), shape=(len(grams), len(index)))


def accuracy(
    model: ServiceModel, texts: Sequence[str], y: np.ndarray, domains: Sequence[str]
) -> dict[str, Any]:
    """Accuracy overall, per label and per domain."""
    got = model.probabilities(texts).argmax(axis=1)
    out: dict[str, Any] = {"n": len(texts), "accuracy": round(float((got == y).mean()), 4)}
    for k, name in enumerate(CLASSES):
        mask = y == k
        if mask.any():
            out[f"recall_{name}"] = round(float((got[mask] == k).mean()), 4)
    for domain in sorted(set(domains) - {""}):
        mask = np.array([d == domain for d in domains])
        out[f"domain_{domain}"] = round(float((got[mask] == y[mask]).mean()), 4)
    return out


def cross_validate(texts: Sequence[str], y: np.ndarray, lang: str, k: int, **options: Any) -> float:
    from sklearn.model_selection import StratifiedKFold

    right = 0
    for train, test in StratifiedKFold(n_splits=k, shuffle=True, random_state=SEED).split(texts, y):
        model = fit([texts[i] for i in train], y[train], lang, **options)
        got = model.probabilities([texts[i] for i in test]).argmax(axis=1)
        right += int((got == y[test]).sum())
    return round(right / len(texts), 4)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m safar.voice.train_service", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--lang", choices=("fa", "en"), required=True)
    parser.add_argument(
        "--data", type=Path, default=None, help="default: training/voice/service_train_<lang>.csv"
    )
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--eval", type=Path, action="append", default=[])
    parser.add_argument("--c", type=float, default=4.0)
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--dense-scale", type=float, default=3.0)
    parser.add_argument("--cv", type=int, default=0, metavar="K")
    parser.add_argument(
        "--food", type=Path, default=None, help="SnappFood CSV: its training part is fitted too (Persian)"
    )
    parser.add_argument("--food-weight", type=float, default=1.0)
    parser.add_argument("--no-write", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    files = args.data or sorted(TRAINING.glob(f"service_train_{args.lang}*.csv"))
    texts, y = [], np.zeros(0, dtype=np.int64)
    for path in files:
        more, labels, _ = read_rows(path)
        texts += more
        y = np.concatenate([y, labels])
    options: dict[str, Any] = {"c": args.c, "min_df": args.min_df, "dense_scale": args.dense_scale}
    food_valid = None
    if args.food is not None:
        from safar.voice.train import read_snappfood, split_indices

        food_texts, food_y = read_snappfood(args.food)
        train, _held = split_indices(food_y)  # the general model's held-out part is never read here
        read = general_out_of_fold([food_texts[i] for i in train], food_y[train])
        general = dict(zip(train.tolist(), read.tolist(), strict=True))
        valid, fit_part = validation_split(train)
        to_class = np.where(food_y == 1, CLASSES.index("positive"), CLASSES.index("negative"))
        options |= {
            "food": (
                [food_texts[i] for i in fit_part],
                to_class[fit_part],
                np.array([general[i] for i in fit_part]),
            ),
            "food_weight": args.food_weight,
        }
        food_valid = ([food_texts[i] for i in valid], to_class[valid], np.array([general[i] for i in valid]))
    meta: dict[str, Any] = {
        "data": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files},
        "rows": len(texts),
        "seed": SEED,
        **{k: v for k, v in options.items() if k != "food"},
        "food_rows": len(options["food"][0]) if "food" in options else 0,
        "dense": list(DENSE[args.lang]),
    }
    if args.cv:
        meta[f"cv_{args.cv}_fold"] = cross_validate(texts, y, args.lang, args.cv, **options)
        print(f"cv_{args.cv}_fold: accuracy={meta[f'cv_{args.cv}_fold']}")
    model = fit(texts, y, args.lang, **options)
    if food_valid is not None:
        z = decisions_given_general(model, food_valid[0], food_valid[2])
        sign = np.where(z[:, 0] >= z[:, 1], CLASSES.index("positive"), CLASSES.index("negative"))
        meta["food_validation_sign_accuracy"] = round(float((sign == food_valid[1]).mean()), 4)
        print(f"food_validation: sign_accuracy={meta['food_validation_sign_accuracy']}")
    for path in args.eval:
        found = accuracy(model, *read_rows(path))
        print(f"{path.name}: " + ", ".join(f"{k}={v}" for k, v in found.items()))
    if args.no_write:
        return 0
    import sklearn

    meta["scikit_learn"] = sklearn.__version__
    meta["features"] = len(model.index)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"service_{args.lang}.npz"
    save_service(path, ServiceModel(**{**model.__dict__, "meta": meta}))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB, {len(model.index)} features)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
