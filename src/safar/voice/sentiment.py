"""Sentiment of customer comments in Persian and English: positive, negative or neutral, with a score.

Each comment's language is detected from its script (:mod:`safar.voice.lang`) and read by that
language's service-language model (:mod:`safar.voice.service`: positive, negative or neutral, on top of
the general Persian model or VADER); ``score = P(positive) − P(negative)`` and the label is the likeliest
class (:func:`label_of`). A text without letters is neutral with score 0. Everything runs offline on CPU.

>>> [s.label for s in score(["پیک خیلی مودب بود، ممنون", "The app is broken and support is useless."])]
['positive', 'negative']
>>> score(["😐"])[0].to_dict()
{'label': 'neutral', 'score': 0.0, 'lang': 'fa'}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from safar.errors import InputError
from safar.voice.contextual import refine
from safar.voice.labels import LANGS, NEUTRAL_BELOW
from safar.voice.lang import lang_of, script_shares
from safar.voice.service import CLASSES, load_service

BATCH = 500


@dataclass(frozen=True)
class Sentiment:
    """The sentiment of one comment: ``label``, ``score`` in −1..1 (−1 most negative) and ``lang``."""

    label: str
    score: float
    lang: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def score(
    texts: Iterable[str],
    *,
    lang: str | None = None,
    neutral_below: float = NEUTRAL_BELOW,
    on_progress: Callable[[int], None] | None = None,
) -> list[Sentiment]:
    """Score every text (``lang`` forces one language); ``on_progress(n)`` is told after each batch of n.

    >>> s = score(["کیفیتش اصلا خوب نبود"])[0]
    >>> s.label, s.lang, s.score < 0
    ('negative', 'fa', True)
    """
    if lang is not None and lang not in LANGS:
        raise InputError("voice.bad_lang", value=lang, allowed=list(LANGS))
    if not 0.5 <= neutral_below <= 1:
        raise InputError("voice.bad_threshold", value=neutral_below)
    items = list(texts)
    out: list[Sentiment] = []
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        out.extend(_score_batch(batch, lang, neutral_below))
        if on_progress is not None:
            on_progress(len(batch))
    return out


def label_of(p: np.ndarray, neutral_below: float = NEUTRAL_BELOW) -> str:
    """The label of class probabilities ``p`` (positive, negative, neutral): the likeliest class, except that
    a positive or negative side holding less than ``neutral_below`` of the two sides' probability together
    reads as neutral (0.5: only when neutral is likeliest).

    >>> p = np.array([0.5, 0.3, 0.2])
    >>> label_of(p), label_of(p, neutral_below=0.7), label_of(np.array([0.2, 0.3, 0.5]))
    ('positive', 'neutral', 'neutral')
    """
    k = int(np.argmax(p))
    if k == 2:
        return "neutral"
    polar = float(p[0] + p[1])
    return CLASSES[k] if polar > 0 and float(p[k]) / polar >= neutral_below else "neutral"


def _score_batch(texts: list[str], forced: str | None, neutral_below: float) -> list[Sentiment]:
    shares = [script_shares(t) for t in texts]
    langs = [forced or lang_of(arabic, latin) for arabic, latin in shares]
    scores = np.zeros(len(texts))
    has_letters = np.array([arabic + latin > 0 for arabic, latin in shares], dtype=bool)
    fa = [i for i, (lg, ok) in enumerate(zip(langs, has_letters, strict=True)) if lg == "fa" and ok]
    en = [i for i, (lg, ok) in enumerate(zip(langs, has_letters, strict=True)) if lg == "en" and ok]
    probs = np.zeros((len(texts), 3))
    for code, idx in (("fa", fa), ("en", en)):
        if idx:
            probs[idx] = load_service(code).probabilities([texts[i] for i in idx])
    if fa:
        probs[fa] = refine([texts[i] for i in fa], probs[fa])
    scores = probs[:, 0] - probs[:, 1]
    result = []
    for i, value in enumerate(scores):
        label = label_of(probs[i], neutral_below) if has_letters[i] else "neutral"
        result.append(Sentiment(label=label, score=round(float(value), 4), lang=langs[i]))
    return result
