"""Sentiment of customer comments in Persian and English: positive, negative or neutral, with a score.

Each comment's language is detected from its script (:mod:`safar.voice.lang`). Persian goes to the
model trained in the project (:mod:`safar.voice.model`; ``score = 2·P(positive) − 1``, neutral when
neither side reaches ``neutral_below``, default 0.6); English goes to VADER (compound score, neutral
when |score| < 0.05). A text without letters is neutral with score 0. Everything runs offline on CPU.

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
from safar.voice.english import NEUTRAL_BAND, compound_scores
from safar.voice.labels import LANGS, NEUTRAL_BELOW
from safar.voice.lang import lang_of, script_shares
from safar.voice.model import load_model

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


def _score_batch(texts: list[str], forced: str | None, neutral_below: float) -> list[Sentiment]:
    shares = [script_shares(t) for t in texts]
    langs = [forced or lang_of(arabic, latin) for arabic, latin in shares]
    scores = np.zeros(len(texts))
    has_letters = np.array([arabic + latin > 0 for arabic, latin in shares], dtype=bool)
    fa = [i for i, (lg, ok) in enumerate(zip(langs, has_letters, strict=True)) if lg == "fa" and ok]
    en = [i for i, (lg, ok) in enumerate(zip(langs, has_letters, strict=True)) if lg == "en" and ok]
    if fa:
        p = load_model().probabilities([texts[i] for i in fa])
        scores[fa] = 2 * p - 1
    if en:
        scores[en] = compound_scores([texts[i] for i in en])
    result = []
    for i, value in enumerate(scores):
        band = NEUTRAL_BAND if langs[i] == "en" else 2 * neutral_below - 1
        if not has_letters[i] or abs(value) < band:
            label = "neutral"
        else:
            label = "positive" if value > 0 else "negative"
        result.append(Sentiment(label=label, score=round(float(value), 4), lang=langs[i]))
    return result
