"""Customer questions matched to knowledge-base articles, in the question's own language.

A question and an article are compared by character 3–5-gram TF-IDF over their content words (stop-words out,
Persian letters and digits normalised): the mean of the question's likeness to the article's title and tags and
to its body. A question's best article answers it when that likeness is at least :data:`MIN_LIKENESS`;
otherwise it is **unanswered**. (Chosen on bench/data/intents: of its 600 questions, 150 have no article; this
flags 232 as unanswered, 46 % of them rightly, and finds 71 % of the 150; an answered question gets its own
intent's article 81 % of the time — lexical matching misses answers worded otherwise: docs/knowledge-base.md.)

>>> from safar.kb.articles import Article
>>> kb = [Article("a1", "Reset your password", "Open the login page and press Forgot password.", ("login",), "en")]
>>> [m.article for m in match(["I forgot my password", "where is my parcel"], kb)]
['a1', None]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from safar.kb.articles import Article
from safar.voice.lang import detect_lang

MIN_LIKENESS = 0.12


@dataclass(frozen=True)
class Match:
    article: str | None
    likeness: float
    nearest: str | None  # the most alike article even when it does not answer


def match(questions: Sequence[str], articles: Sequence[Article]) -> list[Match]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from safar.voice.topics import _content

    if not questions or not articles:
        return [Match(None, 0.0, None) for _ in questions]
    asked = [_content(q) for q in questions]
    heads = [_content(f"{a.title} {' '.join(a.tags)}") for a in articles]
    bodies = [_content(a.body) for a in articles]
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    vectoriser.fit([*asked, *heads, *bodies])
    q = vectoriser.transform(asked)
    likeness = (
        np.asarray((q @ vectoriser.transform(heads).T).todense())
        + np.asarray((q @ vectoriser.transform(bodies).T).todense())
    ) / 2
    same = np.array([[detect_lang(text) == a.lang for a in articles] for text in questions])
    likeness = np.where(same, likeness, 0.0)
    out = []
    for i in range(len(questions)):
        best = int(np.argmax(likeness[i]))
        value = round(float(likeness[i, best]), 4)
        nearest = articles[best].key if value > 0 else None
        out.append(Match(nearest if value >= MIN_LIKENESS else None, value, nearest))
    return out
