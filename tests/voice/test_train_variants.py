"""bench/sentiment_variants.py, the model families tried against the shipped one (docs/voice.md §3)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from safar.voice import model, train

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "sentiment_variants.py"
GOOD = ["عالی بود", "خیلی خوب بود", "ممنون از پیک", "راضی بودم", "سریع رسید"]
BAD = ["افتضاح بود", "خیلی بد بود", "دیر رسید", "ناراضی هستم", "سرد بود"]
TOPICS = ["پیتزا", "کتاب", "گوشی", "سالاد", "کفش", "بلیت"]


@pytest.fixture(scope="module")
def variants() -> ModuleType:
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location("sentiment_variants", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


def corpus() -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for i, topic in enumerate(TOPICS * 6):
        for phrases, label in ((GOOD, 1), (BAD, 0)):
            texts.append(f"{topic} {phrases[i % 5]} {phrases[(i + 2) % 5]}")
            labels.append(label)
    return texts, np.array(labels)


def test_mlp_numpy_scoring_matches_its_fit(variants: ModuleType) -> None:
    texts, y = corpus()
    texts, y = texts * 5, np.tile(y, 5)  # early stopping needs a validation part of some size
    mlp = variants.fit_mlp(texts, y, hidden=16, alpha=0.01)
    p = mlp.probabilities([*texts, "متن تازه", "😐"])
    assert p.shape == (len(texts) + 2,) and np.all((p > 0) & (p < 1))
    assert train.evaluate(p[: len(texts)], y)["accuracy"] == 1.0
    np.testing.assert_array_equal(
        p, variants.fit_mlp(texts, y, hidden=16, alpha=0.01).probabilities([*texts, "متن تازه", "😐"])
    )


def test_informal_features_are_swapped_in_and_restored(variants: ModuleType) -> None:
    sparse, dense = variants.informal_features("غذاش خوبه")
    assert {"s:غذا", "s:خوب"} <= set(sparse) and dense[0] > 0
    shipped = train.features
    with variants.stem_features():
        assert train.features is model.features is variants.informal_features
    assert train.features is model.features is shipped


def test_cross_validation_of_every_candidate_is_seeded(variants: ModuleType) -> None:
    texts, y = corpus()
    first = variants.cross_validate(texts, y, 3, variants.CANDIDATES, hidden=8, alpha=0.01)
    assert list(first) == list(variants.CANDIDATES)
    assert first == variants.cross_validate(texts, y, 3, variants.CANDIDATES, hidden=8, alpha=0.01)
    assert all(len(folds) == 3 and 0 <= accuracy <= 1 for accuracy, folds in first.values())
    assert first["linear"][0] == first["linear_stems"][0] == 1.0  # the MLP is too small a model for 72 texts
