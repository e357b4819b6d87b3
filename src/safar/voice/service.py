"""The service-language layer of comment sentiment: positive, negative or neutral, read as CX teams read
service comments (waiting, no answer, cut off, claims paid, questions and requests).

A three-way linear model per language (``models/service_fa.npz``, ``models/service_en.npz``, made by
``python -m safar.voice.train_service``) over two kinds of input:

- the comment's own n-grams (Persian: the words, bigrams and character 2–5-grams of
  :mod:`safar.voice.features`; English: lower-cased words, bigrams and character 3–5-grams), TF-IDF with
  sublinear tf, L2-normalised;
- the general scorer's reading of it (Persian: the shipped SnappFood model's decision value and the
  lexicon's scores; English: VADER's compound, positive, negative and neutral shares), whether it asks
  something (a question mark or a question word at its start), and how many of the labelling guideline's
  complaint and praise phrases it holds (:func:`cues`).

It is trained on service comments written for the project (``training/voice/service_train_*.csv``, 600 a
language, 8 domains, a stated guideline), never on the test sets. Scoring is numpy only, read without
pickle. The probabilities are in the order of :data:`CLASSES`.

>>> m = load_service("en")
>>> p = m.probabilities(["I waited half an hour and nobody answered", "What time do you open on Saturday?"])
>>> [CLASSES[i] for i in p.argmax(axis=1)]
['negative', 'neutral']
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from safar.errors import ConfigError
from safar.voice.features import char_grams, tfidf
from safar.voice.features import features as fa_features
from safar.voice.negation import clauses, scoped
from safar.voice.normalize import tokens as fa_tokens

CLASSES = ("positive", "negative", "neutral")
MODELS = Path(__file__).parent / "models"
_EN_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[!?]")
_FA_QUESTION = {
    "آیا",
    "چرا",
    "چطور",
    "چطوری",
    "چگونه",
    "کی",
    "کجا",
    "چه",
    "چند",
    "چقدر",
    "کدام",
    "کدوم",
    "چی",
}
_EN_QUESTION = {
    "what", "when", "where", "why", "how", "which", "who", "can", "could", "is", "are", "do", "does",
    "will", "would", "should", "may", "did", "has", "have",
}  # fmt: skip
DENSE = {
    "fa": ("general", "lex_pos", "lex_neg", "lex_score", "negations", "asks", "complains", "praises"),
    "en": ("compound", "vader_pos", "vader_neg", "vader_neu", "asks", "complains", "praises"),
}
# The guideline's own categories (tests/voice/data/SERVICE_GUIDELINE.md) as phrases: a complaint is waiting,
# no answer, cut off, not called back, not resolved, transferred around, wrong or rude, late, lost, broken,
# overcharged or refused; praise is quick, easy, solved, courteous, paid or on time. Counted in the
# normalised text (Persian: safar.voice.normalize, half-spaces dropped as its tokens do); the model weighs them.
_CUES = {
    "en": {
        "complains": (
            r"\btoo (?:long|slow|late)\b|\bwait(?:ed|ing)\b|\bon hold\b|\bno ?one\b|\bnobody\b|\bnever\b|"
            r"\bstill (?:no|not|nothing|waiting|hasn'?t|haven'?t|isn'?t|doesn'?t|can'?t)\b|\bhung up\b|"
            r"\bcut (?:off|me off)\b|\bdropped\b|\bnot (?:resolved|fixed|sorted|working|arrived|received)\b|"
            r"\btransferred\b|\bpassed around\b|\bagain\b|\brude\b|\bwrong\b|\blate\b|\bdelayed\b|\blost\b|"
            r"\bbroken\b|\bovercharged\b|\bcharged twice\b|\brefused\b|\bconfusing\b|\buseless\b|\bignored\b"
        ),
        "praises": (
            r"\bquick(?:ly)?\b|\bfast\b|\beasy\b|\bsolved\b|\bsorted\b|\bfixed\b|\bpolite\b|\bhelpful\b|"
            r"\bon time\b|\bearly\b|\bstraight (?:away|through)\b|\bno wait(?:ing)?\b|\bthank(?:s| you)\b|\bthx\b"
        ),
    },
    "fa": {
        "complains": (
            r"طولانی|خسته(?! نباشید)|کلافه|معطل|منتظر|پشت خط|جواب ندا|جواب نمید|جواب نمیده|برنداشت|قطع شد|قطع کرد|اشغال|"
            r"تماس نگرفت|زنگ نزد|پیگیری نکرد|پیگیری نشد|هنوز|دوباره|پاس ?کاری|دست به دست|حل نشد|درست نشد|"
            r"بی ?ادب|بی ?احترامی|اشتباه|دیر|تاخیر|گم شد|خراب|اضافه کم|دو بار کم|رد کرد|رد شد|گیج|اذیت|افتضاح|بدترین"
        ),
        "praises": (
            r"سریع|زود|راحت|ساده|حل شد|درست شد|مودب|با حوصله|به ?موقع|سر وقت|بدون معطلی|بی ?معطلی|ممنون|"
            r"مرسی|سپاس|تشکر|عالی|خسته نباشید"
        ),
    },
}
_CUE_RE = {lang: {k: re.compile(v) for k, v in kinds.items()} for lang, kinds in _CUES.items()}
# Phrases whose negation is their own: a clause holding one is not read the other way round.
_OWN_NEGATION = re.compile(
    r"جواب ندا|جواب نمی|نباشید|زنگ نزد|تماس نگرفت|پیگیری نکرد|پیگیری نشد|حل نشد|درست نشد|برنداشت"
)


def cues(text: str, lang: str) -> tuple[float, float]:
    """How many complaint and praise phrases of the guideline ``text`` holds (log1p of each count).

    In Persian a phrase inside a negated clause (:mod:`safar.voice.negation`) counts for the other side
    («اصلاً طولانی نبود» is praise, «سریع جواب ندادند» a complaint), unless the negation is the phrase's own
    («جواب ندادند», «حل نشد», «خسته نباشید»).

    >>> cues("The wait was far too long", "en"), cues("زمان انتظار خیلی طولانی بود و خسته شدم", "fa")
    ((0.6931471805599453, 0.0), (1.0986122886681096, 0.0))
    >>> cues("اصلاً معطل نشدم", "fa")
    (0.0, 0.6931471805599453)
    """
    found = _CUE_RE[lang]
    if lang == "en":
        plain = text.lower().replace("’", "'")
        complains, praises = len(found["complains"].findall(plain)), len(found["praises"].findall(plain))
    else:
        complains = praises = 0
        for clause in clauses(text):
            plain = " ".join(clause.words)
            c, p = len(found["complains"].findall(plain)), len(found["praises"].findall(plain))
            if clause.negated and not _OWN_NEGATION.search(plain):
                c, p = p, c
            complains, praises = complains + c, praises + p
    return math.log1p(complains), math.log1p(praises)


def en_tokens(text: str) -> list[str]:
    """English words (lower case, apostrophes kept inside), ``!`` and ``?``.

    >>> en_tokens("Still NO callback?! Can't believe it")
    ['still', 'no', 'callback', '?', '!', "can't", 'believe', 'it']
    """
    return _EN_TOKEN.findall(text.lower().replace("’", "'"))


@lru_cache(maxsize=100_000)
def _en_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple("c:" + padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def sparse_features(text: str, lang: str) -> list[str]:
    """The n-gram features of ``text`` (with repeats, for term frequency)."""
    if lang == "fa":
        return _fa_sparse(text)
    toks = en_tokens(text)
    out = [f"w:{t}" for t in toks]
    out += [f"b:{a} {b}" for a, b in itertools.pairwise(toks)]
    for t in toks:
        if t not in "!?":
            out += _en_grams(t)
    return out


def _fa_sparse(text: str) -> list[str]:
    """Persian: the general model's word bigrams; words and their character n-grams, those under a negation
    (:func:`safar.voice.negation.scoped`) as features of their own (``n:``, ``nc:``)."""
    toks = fa_tokens(text)
    out = [f"b:{a} {b}" for a, b in itertools.pairwise(toks)]
    for word in scoped(text):
        if word.startswith("n:"):
            out.append(word)
            out += ["n" + g for g in char_grams(word[2:])]
        else:
            out.append("w:" + word)
            out += char_grams(word)
    return out


def asks(text: str, lang: str) -> float:
    """1 when the comment asks something: a question mark, or a question word at its start."""
    if "?" in text or "؟" in text:
        return 1.0
    first = (fa_tokens(text) if lang == "fa" else en_tokens(text))[:1]
    return float(bool(first) and first[0] in (_FA_QUESTION if lang == "fa" else _EN_QUESTION))


def dense_features(texts: Sequence[str], lang: str) -> np.ndarray:
    """The general scorer's reading of each text, whether it asks and its guideline phrases (one row per text,
    :data:`DENSE`)."""
    rows = np.zeros((len(texts), len(DENSE[lang])), dtype=np.float64)
    if not texts:
        return rows
    if lang == "fa":
        from safar.voice.model import load_model

        rows[:, 0] = load_model().logits(texts)
        for i, text in enumerate(texts):
            rows[i, 1:5] = fa_features(text)[1]
            rows[i, 5] = asks(text, lang)
            rows[i, 6:8] = cues(text, lang)
        return rows
    from safar.voice.english import polarity

    for i, text in enumerate(texts):
        found = polarity(text)
        rows[i, :4] = (found["compound"], found["pos"], found["neg"], found["neu"])
        rows[i, 4] = asks(text, lang)
        rows[i, 5:7] = cues(text, lang)
    return rows


@dataclass(frozen=True)
class ServiceModel:
    """P(positive), P(negative), P(neutral) of texts in one language: softmax(x·W + d·V + b)."""

    lang: str
    index: dict[str, int]
    idf: np.ndarray
    weight: np.ndarray  # (features, classes)
    dense_weight: np.ndarray  # (dense, classes)
    intercept: np.ndarray  # (classes,)
    meta: dict[str, Any]

    def decisions(self, texts: Sequence[str]) -> np.ndarray:
        """The linear decision values, one row per text, one column per class."""
        out = np.tile(self.intercept, (len(texts), 1)).astype(np.float64)
        out += dense_features(texts, self.lang) @ self.dense_weight
        for row, text in enumerate(texts):
            cols, x, norm = tfidf(sparse_features(text, self.lang), self.index, self.idf)
            if norm:
                out[row] += (x / norm) @ self.weight[cols]
        return out

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """The class probabilities, one row per text (columns in :data:`CLASSES` order)."""
        return softmax(self.decisions(texts))


def softmax(z: np.ndarray) -> np.ndarray:
    """Class probabilities of decision values, row by row."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def save_service(path: Path, model: ServiceModel) -> None:
    """Write the model as a compressed .npz of plain arrays (no pickled objects)."""
    vocab = np.array(sorted(model.index, key=model.index.__getitem__), dtype=str)
    np.savez_compressed(
        path,
        vocab=vocab,
        idf=model.idf.astype(np.float32),
        weight=model.weight.astype(np.float32),
        dense_weight=model.dense_weight.astype(np.float64),
        intercept=model.intercept.astype(np.float64),
        meta=np.array(json.dumps({**model.meta, "lang": model.lang}, ensure_ascii=False)),
    )


def read_service(path: Path) -> ServiceModel:
    """Read a model written by :func:`save_service`; a missing or broken file is a :class:`ConfigError`."""
    try:
        with np.load(path, allow_pickle=False) as data:
            vocab = data["vocab"].tolist()
            meta = json.loads(str(data["meta"]))
            return ServiceModel(
                lang=str(meta["lang"]),
                index={name: i for i, name in enumerate(vocab)},
                idf=data["idf"].astype(np.float64),
                weight=data["weight"].astype(np.float64),
                dense_weight=data["dense_weight"],
                intercept=data["intercept"],
                meta=meta,
            )
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError("voice.model_missing", path=str(path), problem=type(exc).__name__) from None


@cache
def load_service(lang: str) -> ServiceModel:
    """The service model shipped with Safar for ``lang``, read once per process."""
    return read_service(MODELS / f"service_{lang}.npz")
