"""The sentiment API, the shipped model file and its measured accuracy."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from safar.errors import ConfigError, InputError
from safar.voice.model import MODEL_PATH, load_model, read_model
from safar.voice.sentiment import Sentiment, score

DATA = Path(__file__).parent / "data"
SNAPPFOOD = Path(__file__).resolve().parents[3] / "shared" / "data" / "snappfood-fa" / "snappfood.csv"
TWCS = Path(__file__).resolve().parents[3] / "shared" / "data" / "twcs-sample-en" / "sample.csv"


def test_scores_labels_and_languages() -> None:
    out = score(["غذا سرد و بی‌کیفیت بود", "پیک مودب بود و سریع رسید", "Thanks, great support!", "", "   "])
    assert [(s.label, s.lang) for s in out] == [
        ("negative", "fa"),
        ("positive", "fa"),
        ("positive", "en"),
        ("neutral", "fa"),
        ("neutral", "fa"),
    ]
    assert all(-1 <= s.score <= 1 for s in out)
    assert out[3].to_dict() == {"label": "neutral", "score": 0.0, "lang": "fa"}


def test_neutral_band_and_forced_language() -> None:
    text = "معمولی بود"
    (loose,) = score([text], neutral_below=0.5)
    (strict,) = score([text], neutral_below=0.99)
    assert loose.label in {"positive", "negative"} and strict.label == "neutral"
    assert loose.score == strict.score
    assert score(["ok"], lang="fa")[0].lang == "fa"
    with pytest.raises(InputError) as exc:
        score(["x"], lang="de")
    assert exc.value.code == "voice.bad_lang"
    with pytest.raises(InputError) as exc:
        score(["x"], neutral_below=0.3)
    assert exc.value.code == "voice.bad_threshold"


def test_progress_is_reported_per_batch_and_accepts_any_iterable() -> None:
    seen: list[int] = []
    out = score((f"خوب بود {i}" for i in range(1203)), on_progress=seen.append)
    assert len(out) == 1203 and sum(seen) == 1203 and len(seen) == 3
    assert isinstance(out[0], Sentiment)


def test_model_file_is_small_plain_arrays_and_carries_its_provenance() -> None:
    assert MODEL_PATH.stat().st_size < 5_000_000
    with zipfile.ZipFile(MODEL_PATH) as npz:
        assert sorted(npz.namelist()) == [
            "dense_weight.npy",
            "idf.npy",
            "meta.npy",
            "scalars.npy",
            "vocab.npy",
            "weight.npy",
        ]
    meta = load_model().meta
    assert meta["seed"] == 13 and meta["train_rows"] + meta["held_out_rows"] == meta["rows"] == 10500
    assert set(meta["held_out"]) >= {"accuracy", "balanced_accuracy", "neutral_share"}


def test_missing_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as exc:
        read_model(tmp_path / "none.npz")
    assert exc.value.code == "voice.model_missing"
    assert "python -m safar.voice.train" in exc.value.message_for("en")


def balanced_accuracy(labels: list[str], out: list[Sentiment]) -> float:
    truth = np.array([label == "positive" for label in labels])
    pred = np.array([s.score > 0 for s in out])
    return float(((pred[truth]).mean() + (~pred[~truth]).mean()) / 2)


def test_out_of_domain_self_written_product_reviews() -> None:
    """Measured once (docs/voice.md): balanced accuracy 0.8417 by the sign; this guards against regressions."""
    frame = pd.read_csv(DATA / "fa_product_reviews.csv")
    assert len(frame) == 120 and (frame["label"] == "positive").sum() == 60
    assert balanced_accuracy(frame["label"].tolist(), score(frame["text"].tolist())) >= 0.80


def test_english_self_written_support_messages() -> None:
    frame = pd.read_csv(DATA / "en_support.csv")
    out = score(frame["text"].tolist())
    assert {s.lang for s in out} == {"en"}
    assert np.mean([s.label == label for s, label in zip(out, frame["label"], strict=True)]) >= 0.80


@pytest.mark.slow
def test_held_out_snappfood_accuracy_matches_what_training_recorded() -> None:
    if not SNAPPFOOD.exists():
        _missing("../shared/data/snappfood-fa is not beside the repository")
    from safar.voice.train import evaluate, read_snappfood, split_indices

    texts, y = read_snappfood(SNAPPFOOD)
    _, held = split_indices(y)
    p = load_model().probabilities([texts[i] for i in held])
    assert evaluate(p, y[held]) == load_model().meta["held_out"]


@pytest.mark.slow
def test_held_out_snappfood_through_the_whole_reading() -> None:
    """What a workspace gets from ``score`` (the service model, and the contextual reading of the unsure
    sixth) on SnappFood's held-out split: 0.8641 measured (docs/voice.md §3); a guard against regressions."""
    if not SNAPPFOOD.exists():
        _missing("../shared/data/snappfood-fa is not beside the repository")
    from safar.voice.train import read_snappfood, split_indices

    texts, y = read_snappfood(SNAPPFOOD)
    _, held = split_indices(y)
    sign = np.array([s.score > 0 for s in score([texts[i] for i in held])])
    assert (sign == y[held]).mean() >= 0.86


@pytest.mark.slow
def test_english_tweets_smoke() -> None:
    if not TWCS.exists():
        _missing("../shared/data/twcs-sample-en is not beside the repository")
    texts = pd.read_csv(TWCS)["text"].astype(str).tolist()
    out = score(texts)
    assert len(out) == len(texts) == 93
    assert {s.lang for s in out} == {"en"}
    assert {s.label for s in out} == {"positive", "negative", "neutral"}


def test_english_without_vader_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from safar.voice import english

    english._analyzer.cache_clear()
    monkeypatch.setitem(sys.modules, "vaderSentiment.vaderSentiment", None)
    try:
        with pytest.raises(ConfigError) as exc:
            score(["hello there"])
        assert exc.value.code == "voice.english_missing"
        assert score(["سلام، عالی بود"])[0].lang == "fa"  # Persian does not need VADER
    finally:
        english._analyzer.cache_clear()


def _missing(reason: str) -> None:
    """Real data is required under CI (a skipped test there is a failure); elsewhere the test skips."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)
