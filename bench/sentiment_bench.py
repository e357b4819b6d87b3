"""Sentiment benchmark: Safar's batch scoring vs a plain TF-IDF + logistic-regression peer.

    .venv/bin/python bench/sentiment_bench.py
    .venv/bin/python bench/sentiment_bench.py --data ../shared/data/snappfood-fa/snappfood.csv --repeat 3

Times, with time.perf_counter over all 10,500 SnappFood comments (first and best of ``--repeat`` runs):
  * ``safar.voice.sentiment.score`` — the whole public path: language detection, Persian
    normalisation, features, the shipped model, labels (model load excluded; timed separately);
  * the peer: scikit-learn word 1–2 + char_wb 2–5 TF-IDF + logistic regression (the "≈ 0.85
    in-domain" baseline of the issue), fitted on the same training split, ``predict_proba`` only;
and prints comments/s, the speed ratio Safar / peer (> 1: Safar is faster), both models' accuracy on the held-out split, and
the accuracy of ``score`` on the self-written labelled sets in tests/voice/data, and what a workspace's
corrections gain (``adaptation``: on each service set, 8 seeded splits in halves; the shipped model's
mistakes in one half are corrected, as an editor would, and the other half is read with and without the
workspace's adaptation, :mod:`safar.voice.adapt`), also on the one-workspace sets
(``workspace_fa.csv``, ``workspace_en.csv``: a car insurer's customers, 15 situations × 8 wordings).
Persian comments the service model is unsure of are read again by the fine-tuned encoder
(:mod:`safar.voice.contextual`), which is what sets the speed: the run prints the share read again, and times
the held-out comments (new to every model, so the share is the one a workspace meets) apart from the whole set.
Target (issue 17): ≥ 200 comments/s on this 2-core machine, one comment < 50 ms. Needs scikit-learn for the peer.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from safar.voice import sentiment
from safar.voice.contextual import unsure
from safar.voice.model import MODEL_PATH, read_model
from safar.voice.service import load_service
from safar.voice.train import baseline_peer, evaluate, read_snappfood, split_indices

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/snappfood-fa/snappfood.csv"
LABELLED = Path(__file__).resolve().parents[1] / "tests/voice/data"


def labelled_accuracy(path: Path) -> dict[str, float]:
    """Through the public ``score``: label accuracy (neutral counts as wrong), balanced accuracy of the sign."""
    frame = pd.read_csv(path)
    out = sentiment.score(frame["text"].astype(str).tolist())
    truth = (frame["label"] == "positive").to_numpy()
    sign = np.array([s.score > 0 for s in out])
    return {
        "n": len(out),
        "label_accuracy": round(
            float(np.mean([s.label == t for s, t in zip(out, frame["label"], strict=True)])), 4
        ),
        "balanced_accuracy_of_sign": round(float((sign[truth].mean() + (~sign[~truth]).mean()) / 2), 4),
        "neutral_share": round(float(np.mean([s.label == "neutral" for s in out])), 4),
    } | _by_domain(frame, [s.label for s in out])


def _by_domain(frame: pd.DataFrame, labels: list[str]) -> dict[str, dict[str, float]]:
    """Label accuracy per domain, for the sets that name one (the service sets of issue 17)."""
    if "domain" not in frame.columns:
        return {}
    right = pd.Series([got == want for got, want in zip(labels, frame["label"], strict=True)])
    return {
        "by_domain": {
            str(k): round(float(v), 4) for k, v in right.groupby(frame["domain"].to_numpy()).mean().items()
        }
    }


def timed(repeat: int, func: object) -> tuple[float, float]:
    """(first run, best run) in seconds; the first includes filling Safar's per-word feature cache."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times[0], min(times)


def adaptation_gain(path: Path, splits: int = 8) -> dict[str, object]:
    """Right labels of the read half, shipped and adapted, per split (see the module text)."""
    import random

    from safar.voice.adapt import Adaptation, Example

    frame = pd.read_csv(path)
    texts, truth = list(frame["text"]), list(frame["label"])
    shipped = [s.label for s in sentiment.score(texts)]
    rows = []
    for seed in range(splits):
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        half = len(order) // 2
        taught, read = order[:half], order[half:]
        corrected = [Example(texts[i], truth[i], was=shipped[i]) for i in taught if shipped[i] != truth[i]]
        head = Adaptation(corrected, corpus=texts)
        found = head.labels([texts[i] for i in read], [shipped[i] for i in read])
        before = sum(shipped[i] == truth[i] for i in read)
        after = sum((a.label if a else shipped[i]) == truth[i] for a, i in zip(found, read, strict=True))
        rows.append({"corrections": len(corrected), "read": len(read), "shipped": before, "adapted": after})
    gains = [r["adapted"] - r["shipped"] for r in rows]
    return {"splits": rows, "mean_gain": round(sum(gains) / len(gains), 3), "worst_gain": min(gains)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--limit",
        type=int,
        default=0,
        help="time and score only the first N comments of each part (the small CI run); 0: all of them",
    )
    args = parser.parse_args()
    texts, y = read_snappfood(args.data)
    train, held = split_indices(y)
    if args.limit:
        texts, y = texts[: args.limit], y[: args.limit]
        train, held = train[train < args.limit], held[held < args.limit]

    start = time.perf_counter()
    read_model(MODEL_PATH)
    load_s = time.perf_counter() - start
    sentiment.score(["خوب", "good"])  # load the model and VADER once
    safar_first, safar_s = timed(args.repeat, lambda: sentiment.score(texts))

    peer = baseline_peer([texts[i] for i in train], y[train])
    peer_first, peer_s = timed(args.repeat, lambda: peer.predict_proba(texts))

    held_texts = [texts[i] for i in held]
    start = time.perf_counter()
    ours = np.array([(s.score + 1) / 2 for s in sentiment.score(held_texts)])
    held_s = time.perf_counter() - start
    one = held_texts[:50]
    start = time.perf_counter()
    for text in one:
        sentiment.score([text])
    one_ms = (time.perf_counter() - start) / max(len(one), 1) * 1000
    service = load_service("fa")
    result = {
        "comments": len(texts),
        "limited_to_first": args.limit or None,
        "model_load_s": round(load_s, 3),
        "safar_first_run_per_s": round(len(texts) / safar_first, 1),
        "safar_best_per_s": round(len(texts) / safar_s, 1),
        "peer_first_run_per_s": round(len(texts) / peer_first, 1),
        "peer_best_per_s": round(len(texts) / peer_s, 1),
        "speed_ratio_first_run": round(peer_first / safar_first, 3),
        "speed_ratio_best": round(peer_s / safar_s, 3),
        "read_again_share_all": round(float(unsure(texts, service.probabilities(texts)).mean()), 4),
        "read_again_share_held_out": round(
            float(unsure(held_texts, service.probabilities(held_texts)).mean()), 4
        ),
        "safar_held_out_per_s": round(len(held_texts) / held_s, 1),
        "safar_one_comment_ms_mean_of_50": round(one_ms, 2),
        "held_out_accuracy_safar": evaluate(ours, y[held])["accuracy"],
        "held_out_accuracy_peer": evaluate(peer.predict_proba(held_texts)[:, 1], y[held])["accuracy"],
        "target_per_s": 200,
        "self_written_sets": {p.name: labelled_accuracy(p) for p in sorted(LABELLED.glob("*.csv"))},
        "adaptation": {
            p.name: adaptation_gain(p)
            for p in sorted([*LABELLED.glob("service_*.csv"), *LABELLED.glob("workspace_*.csv")])
        },
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
