"""The features of a Persian comment, shared by training and scoring so both see exactly the same thing.

Sparse features are strings: ``w:`` word, ``b:`` word bigram, ``c:`` character 2–5-grams inside
words (padded with spaces). Dense features come from the hand-written lexicon
(:mod:`safar.voice.lexicon_fa`): positive weight, negative weight, their squashed balance, negations.

>>> sparse, dense = features("خیلی خوب بود")
>>> "w:خوب" in sparse and "b:خوب بود" in sparse and "c: خو" in sparse
True
>>> dense[0] > 0 == dense[1]
True
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

import numpy as np

from safar.voice.lexicon_fa import lexicon_score
from safar.voice.normalize import tokens

CHAR_NGRAMS = (2, 5)
DENSE_NAMES = ("lex_pos", "lex_neg", "lex_score", "negations")


@lru_cache(maxsize=200_000)
def char_grams(word: str) -> tuple[str, ...]:
    """The ``c:`` features of one word (cached: words repeat across comments).

    >>> char_grams("بد")
    ('c: ب', 'c:بد', 'c:د ', 'c: بد', 'c:بد ', 'c: بد ')
    """
    low, high = CHAR_NGRAMS
    padded = f" {word} "
    size = len(padded)
    return tuple(
        "c:" + padded[i : i + n] for n in range(low, min(high, size) + 1) for i in range(size - n + 1)
    )


def features(text: str) -> tuple[list[str], list[float]]:
    """Sparse feature names (with repeats, for term frequency) and the dense lexicon features of ``text``."""
    toks = tokens(text)
    sparse = [f"w:{t}" for t in toks]
    sparse += [f"b:{a} {b}" for a, b in itertools.pairwise(toks)]
    for t in toks:
        sparse += char_grams(t)
    pos, neg, score, negations = lexicon_score(toks)
    return sparse, [math.log1p(pos), math.log1p(neg), score, math.log1p(negations)]


def tfidf(
    names: Iterable[str], index: Mapping[str, int], idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    """A comment's sublinear TF-IDF over the features of ``index`` (the others left out): their columns, their
    values and the vector's L2 norm (0 when no feature is known), for the linear models to normalise.

    >>> cols, x, norm = tfidf(["w:a", "w:a", "w:b", "w:z"], {"w:a": 0, "w:b": 1}, np.array([1.0, 2.0]))
    >>> cols.tolist(), [round(float(v), 4) for v in x], round(norm, 4)
    ([0, 1], [1.6931, 2.0], 2.6204)
    """
    counts = Counter(j for j in map(index.get, names) if j is not None)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0), 0.0
    cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    x = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[cols]
    return cols, x, math.sqrt(float(np.dot(x, x)))
