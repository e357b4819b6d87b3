"""The second, contextual reading of Persian comments the service model is unsure of (خوانش دوم، با بافت جمله).

The service model (:mod:`safar.voice.service`) reads words and short phrases; a comment whose praise and complaint
weigh about the same («غذا سرد بود ولی پیک خیلی مودب بود») is where it is least reliable. Such a comment — its
positive side holding between ``0.5 − ROUTE`` and ``0.5 + ROUTE`` of the two polar sides together — is read
again by the fine-tuned multilingual encoder (:mod:`safar.voice.encoder`), which reads the whole sentence —
unless it uses the labelling guideline's complaint phrases or its praise phrases, not both (:func:`unsure`). The
two readings' log-odds of positive against negative are averaged (weight :data:`WEIGHT` on the encoder's), and
the comment's polar probability is split again by that average; its neutral probability is the service model's,
untouched (the encoder was taught polarity only). Comments the service model is sure of, English comments, and
every comment where the encoder is not installed keep the service model's reading.

Only the unsure comments are read again because the encoder reads about 50–70 comments a second on two cores
against the service model's 2,000: :data:`ROUTE` is the widest band that keeps batch scoring above 200 comments a
second (measured in ``bench/sentiment_bench.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from safar.voice.encoder import load_encoder
from safar.voice.service import cues

ROUTE = 0.25
WEIGHT = 0.5
_TINY = 1e-9


def unsure(texts: Sequence[str], probs: np.ndarray, route: float = ROUTE) -> np.ndarray:
    """Which of Persian ``texts``, with their service-model probabilities (positive, negative, neutral), are
    read again: those whose polar split is close to even, unless the comment holds the labelling guideline's
    complaint phrases or its praise phrases but not both (:func:`safar.voice.service.cues`, negation read):
    there the service model, which learnt exactly those phrases, has the last word."""
    polar = probs[:, 0] + probs[:, 1]
    share = np.divide(probs[:, 0], polar, out=np.full(len(probs), 0.5), where=polar > _TINY)
    close = (polar > _TINY) & (np.abs(share - 0.5) < route)
    for i in np.flatnonzero(close):
        complaint, praise = cues(texts[int(i)], "fa")
        close[i] = (complaint > 0) == (praise > 0)
    return np.asarray(close)


def refine(texts: Sequence[str], probs: np.ndarray) -> np.ndarray:
    """The service model's probabilities of Persian ``texts`` with the unsure ones' polar split read again."""
    route = unsure(texts, probs)
    encoder = load_encoder() if route.any() else None
    if encoder is None:
        return probs
    rows = np.flatnonzero(route)
    out = probs.copy()
    out[rows] = joined(probs[rows], encoder.logits([texts[int(i)] for i in rows]))
    return out


def joined(probs: np.ndarray, logits: np.ndarray, weight: float = WEIGHT) -> np.ndarray:
    """Service-model probabilities (positive, negative, neutral) with their polar split made again by the
    average of their log-odds and the encoder's ``logits`` (weight ``weight`` on the latter)."""
    pos, neg = probs[:, 0], probs[:, 1]
    service = np.log(np.maximum(pos, _TINY)) - np.log(np.maximum(neg, _TINY))
    both = (1 - weight) * service + weight * logits
    out = probs.copy()
    out[:, 0] = (pos + neg) / (1 + np.exp(-both))
    out[:, 1] = pos + neg - out[:, 0]
    return out
