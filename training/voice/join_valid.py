"""How the encoder's reading joins the service model's, on the validation tenth (docs/voice.md §3).

    python training/voice/join_valid.py /tmp/l8.valid5.npy [/tmp/full.valid3.npy ...]

Each file is the encoder's P(positive) for the tenth of SnappFood's training part that the service model
keeps for validation (``tune_e5.py --valid`` writes one after each epoch). For each, the accuracy of the
encoder alone, and of the joined reading for each band and weight, by :mod:`safar.voice.contextual`'s own
``unsure`` and ``joined`` (its ``ROUTE`` and ``WEIGHT`` varied). With two files or more, their log-odds
averaged too. The service model reads the tenth as it was fitted: its general input for these comments is
the general model's out-of-fold reading (as :mod:`safar.voice.train_service` prints its validation figure);
the held-out split is never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from safar.voice.contextual import joined, unsure  # noqa: E402
from safar.voice.service import load_service, softmax  # noqa: E402
from safar.voice.train import read_snappfood, split_indices  # noqa: E402
from safar.voice.train_service import (  # noqa: E402
    decisions_given_general,
    general_out_of_fold,
    validation_split,
)

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
    valid = np.sort(validation_split(train)[0])
    read = dict(zip(train.tolist(), general_out_of_fold([texts[i] for i in train], y[train]), strict=True))
    shown = [texts[i] for i in valid]
    general = np.array([read[int(i)] for i in valid])
    probs = softmax(decisions_given_general(load_service("fa"), shown, general))
    truth = y[valid]
    print(
        f"{len(valid)} comments; the service model alone: {((probs[:, 0] > probs[:, 1]) == truth).mean():.4f}"
    )
    readings = {str(path): log_odds(np.load(path)) for path in args.valid}
    if len(readings) > 1:
        readings["averaged"] = np.mean(list(readings.values()), axis=0)
    for name, encoder in readings.items():
        print(f"{name}: the encoder alone {((encoder >= 0) == truth).mean():.4f}")
        for route in ROUTES:
            again = unsure(shown, probs, route)
            found = []
            for weight in WEIGHTS:
                out = probs.copy()
                out[again] = joined(probs[again], encoder[again], weight)
                found.append(f"{((out[:, 0] > out[:, 1]) == truth).mean():.4f}")
            weights = "/".join(map(str, WEIGHTS))
            print(f"  ROUTE {route}: {again.mean():.1%} read again; WEIGHT {weights}: {' / '.join(found)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
