"""Training on a small corpus: the saved model reads back without pickle and scores identically."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from safar.errors import InputError
from safar.voice.model import read_model, save_model
from safar.voice.train import cross_validate, evaluate, fit, main, read_snappfood, split_indices

GOOD = ["عالی بود", "خیلی خوب بود", "ممنون از پیک", "راضی بودم", "سریع رسید"]
BAD = ["افتضاح بود", "خیلی بد بود", "دیر رسید", "ناراضی هستم", "سرد بود"]
TOPICS = ["پیتزا", "کتاب", "گوشی", "سالاد", "کفش", "بلیت"]


def corpus() -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for i, topic in enumerate(TOPICS * 6):
        for phrases, label in ((GOOD, 1), (BAD, 0)):
            texts.append(f"{topic} {phrases[i % 5]} {phrases[(i + 2) % 5]}")
            labels.append(label)
    return texts, np.array(labels)


def test_fit_save_read_roundtrip(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    texts, y = corpus()
    model = fit(texts, y, c=1.0, min_ratio=0.5)
    assert not any(name in model.index for name in ("w:پیتزا", "w:کتاب"))  # topic words carry no sentiment
    path = tmp_path / "m.npz"
    save_model(path, model)
    again = read_model(path)
    probe = ["گوشی عالی بود", "کفش افتضاح بود", "متن تازه"]
    np.testing.assert_allclose(again.probabilities(probe), model.probabilities(probe), rtol=1e-5)
    assert evaluate(model.probabilities(texts), y)["accuracy"] == 1.0


def test_tf_only_option_and_cross_validation() -> None:
    pytest.importorskip("sklearn")
    texts, y = corpus()
    model = fit(texts, y, min_ratio=0.5, use_idf=False)
    assert np.all(model.idf == 1.0)  # the same file format and scoring code, idf all ones
    assert evaluate(model.probabilities(texts), y)["accuracy"] == 1.0
    assert cross_validate(texts, y, 3, min_ratio=0.5) == cross_validate(texts, y, 3, min_ratio=0.5) >= 0.9


def test_split_is_seeded_stratified_and_disjoint() -> None:
    y = np.array([0] * 40 + [1] * 60)
    train, held = split_indices(y)
    assert len(set(train) & set(held)) == 0 and len(train) + len(held) == 100
    assert (y[held] == 0).sum() == 6 and (y[held] == 1).sum() == 9
    assert np.array_equal(held, split_indices(y)[1])


def test_bad_training_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("text,label\nسلام,positive\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_snappfood(path)
    assert exc.value.code == "voice.train_data"
    assert main(["--data", str(path), "--out", str(tmp_path)]) == 2
