"""Why a comment got its label (چرا این برچسب): the words that drove it, found by leaving each one out.

Each word of a comment is taken out in turn and the rest scored again by the same model as
:func:`safar.voice.sentiment.score` (the service model of :mod:`safar.voice.service`). A word's pull is how
much the log-odds of the comment's label against the two others fall without it (the log-odds rather than
the score, which saturates near ±1 on comments the model is sure of). The drivers are the words of largest
pull; a word pulling less than :data:`MIN_WEIGHT` drives nothing. A driver's **weight** is its pull, signed
by the label's direction: positive for a positive or neutral label («؟», "please"), negative for a negative
one.

A negation or an intensifier just before a driver is shown with it, and in Persian a negated verb just after
it (or the word just before a negated verb): «خیلی طولانی», «جواب ندادند», "never called".

Leaving words out is used rather than reading the model's weights because it explains the whole reading
the same way (its n-grams, and the general scorer's lexicon, negation and contrast rules, and VADER's), and
it says exactly what it measures. It costs one scoring per word (a 15-word comment: 16 scorings, about 2 ms).

>>> [d.phrase for d in drivers("کیفیتش اصلا خوب نبود", "negative", "fa")]
['اصلا خوب نبود']
>>> [d.phrase for d in drivers("Nobody ever called me back, terrible service", "negative", "en")]
['Nobody ever', 'terrible']
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from safar.voice.contextual import refine
from safar.voice.lexicon_fa import is_negated_verb
from safar.voice.normalize import tokens
from safar.voice.service import CLASSES, load_service, softmax
from safar.voice.terms import modifiers

TOP = 3
MIN_WEIGHT = 0.25
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Driver:
    """A word or phrase of the comment and its ``weight`` (−1..1: towards negative or positive)."""

    phrase: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def drivers(text: str, label: str, lang: str, *, top: int = TOP) -> list[Driver]:
    """The words or phrases of ``text`` that drove its ``label`` (``lang``: ``fa`` or ``en``), strongest first.
    The shipped model is fixed for the process, so an explanation is computed once per comment and kept
    (the voice page lists the same newest comments on every visit)."""
    return list(_drivers(text, label, lang, top))


@functools.lru_cache(maxsize=4096)
def _drivers(text: str, label: str, lang: str, top: int) -> tuple[Driver, ...]:
    words = tokens(text) if lang == "fa" else text.split()
    if not words or len(words) > 200:  # a long text is explained by its terms (safar.voice.terms), not here
        return ()
    variants = [" ".join(words)] + [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))]
    scores = _scores(variants, lang, label)
    pulls = [scores[0] - without for without in scores[1:]]  # towards the label
    order = sorted((i for i, w in enumerate(pulls) if w >= MIN_WEIGHT), key=lambda i: -pulls[i])
    weights = [-w for w in pulls] if label == "negative" else pulls
    out: list[Driver] = []
    taken: set[int] = set()
    for i in order:
        start, end = _phrase(words, i, lang)
        if taken.intersection(range(start, end)):  # already shown, within a stronger driver's phrase
            continue
        taken.update(range(start, end))
        phrase = " ".join(_shown(w, lang) for w in words[start:end])
        out.append(Driver(phrase=phrase, weight=round(weights[i], 4)))
        if len(out) == top:
            break
    return tuple(out)


def _scores(texts: list[str], lang: str, label: str) -> list[float]:
    """The log-odds of ``label`` against the two other labels: unlike the probabilities, they do not
    saturate, so a word still counts in a comment the model is sure of."""
    z = load_service(lang).decisions(texts)
    if lang == "fa":  # the contextual reading of an unsure comment is part of its label: it is left out too
        p = softmax(z)
        again = refine(texts, p)
        read = np.flatnonzero((again != p).any(axis=1))  # the others keep their unsaturated decision values
        z[read] = np.log(np.maximum(again[read], 1e-12))
    k = CLASSES.index(label)
    others = np.delete(z, k, axis=1)
    top = others.max(axis=1)
    rest = top + np.log(np.exp(others - top[:, None]).sum(axis=1))
    return [float(v) for v in z[:, k] - rest]


def _phrase(words: list[str], i: int, lang: str) -> tuple[int, int]:
    """The span shown for the driver at ``i``: with a negation or intensifier before it, and in Persian with
    the negated verb after it (or, for a negated verb, the word before it)."""
    start, end = i, i + 1
    glue = modifiers(lang)
    if _shown(words[i], lang).lower() in glue and i + 1 < len(words):  # "not" drives with its word
        return i, i + 2
    if lang == "fa":
        if is_negated_verb(words[i]) and i > 0:
            start = i - 1
        elif i + 1 < len(words) and is_negated_verb(words[i + 1]):
            end = i + 2
        if start > 0 and words[start - 1] in glue:
            start -= 1
    elif i > 0 and _shown(words[i - 1], lang).lower() in glue:
        start = i - 1
    return start, end


def _shown(word: str, lang: str) -> str:
    if lang == "fa":
        return word
    found = _EN_WORD.search(word)
    return found.group(0) if found else word
