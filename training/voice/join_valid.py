"""How the encoder's reading joins the service model's, on the validation tenth (docs/voice.md §3).

    python training/voice/join_valid.py /tmp/l8.valid5.npy [/tmp/full.valid3.npy ...]

Each file is the encoder's P(positive) for the tenth of SnappFood's training part that the service model
keeps for validation (``tune_e5.py --valid`` writes one after each epoch). For each, the accuracy of the
encoder alone, and of the joined reading for each band (``ROUTE``) and weight (``WEIGHT``) of
:mod:`safar.voice.contextual` — the same rule: a comment is read again when its polar split is within the
band and it does not hold only the guideline's complaint or only its praise phrases. With two files or more,
their log-odds averaged too. The service model reads the tenth as it was fitted: its general input for these
comments is the general model's out-of-fold reading (as :mod:`safar.voice.train_service` prints its
validation figure); the held-out split is never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from safar.voice.service import DENSE, cues, dense_features, load_service, softmax  # noqa: E402
from safar.voice.train import SEED, read_snappfood, split_indices  # noqa: E402
from safar.voice.train_service import general_out_of_fold  # noqa: E402

SNAPPFOOD = ROOT.parent / "shared" / "data" / "snappfood-fa" / "snappfood.csv"
ROUTES = (0.1, 0.25, 0.3, 0.35, 0.4, 0.5)
WEIGHTS = (0.5, 0.75, 1.0)


def log_odds(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.asarray(np.log(p) - np.log(1 - p))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("valid", type=Path, nargs="+", help="the encoder's P(positive) files (.npy)")
    args = parser.parse_args()
    texts, y = read_snappfood(SNAPPFOOD)
    train, _held = split_indices(y)
    part = np.random.default_rng(SEED).permutation(train)
    valid = np.sort(part[: len(part) // 10])
    read = dict(zip(train.tolist(), general_out_of_fold([texts[i] for i in train], y[train]), strict=True))
    shown = [texts[i] for i in valid]
    model = load_service("fa")
    z = model.decisions(shown)
    col = DENSE["fa"].index("general")
    general = np.array([read[int(i)] for i in valid])
    z += np.outer(general - dense_features(shown, "fa")[:, col], model.dense_weight[col])
    probs = softmax(z)
    truth = y[valid]
    share = probs[:, 0] / (probs[:, 0] + probs[:, 1])
    service = np.log(probs[:, 0]) - np.log(probs[:, 1])
    one_sided = np.array([(c[0] > 0) != (c[1] > 0) for c in (cues(t, "fa") for t in shown)])
    print(f"{len(valid)} comments; the service model alone: {((share >= 0.5) == truth).mean():.4f}")
    readings = {str(path): log_odds(np.load(path)) for path in args.valid}
    if len(readings) > 1:
        readings["averaged"] = np.mean(list(readings.values()), axis=0)
    for name, encoder in readings.items():
        print(f"{name}: the encoder alone {((encoder >= 0) == truth).mean():.4f}")
        for route in ROUTES:
            again = (np.abs(share - 0.5) < route) & ~one_sided
            found = [
                f"{((np.where(again, (1 - w) * service + w * encoder, service) >= 0) == truth).mean():.4f}"
                for w in WEIGHTS
            ]
            weights = "/".join(map(str, WEIGHTS))
            print(f"  ROUTE {route}: {again.mean():.1%} read again; WEIGHT {weights}: {' / '.join(found)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
