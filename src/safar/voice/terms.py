"""Top terms and phrases by sentiment: what customers say most distinctively in praise and in complaint.

For each label, words and two-word phrases (stop-words left out) are ranked by the z-score of their
log-odds ratio against the other labels with a uniform Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' words"); only terms seen in at least ``min_count`` texts of the label are shown.

>>> texts = ["پیک مودب بود", "پیک مودب و سریع", "غذا سرد بود", "غذا سرد و دیر"]
>>> result = top_terms(texts, ["positive", "positive", "negative", "negative"], "fa", k=1)
>>> result["positive"][0].term, result["negative"][0].term
('پیک مودب', 'غذا سرد')
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from safar.errors import InputError
from safar.model.text import ZWNJ
from safar.voice.lexicon_fa import INTENSIFIERS, NEGATORS_BEFORE, is_negated_verb
from safar.voice.normalize import normalize_fa
from safar.voice.stopwords import ENGLISH, PERSIAN

LABELS = ("positive", "negative", "neutral")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:\u200c[^\W_]+)*")
_EN_WORD = re.compile(r"[a-z][a-z']+")
# Words that stay with the word after them in a term or an explanation (a negation, an intensifier):
# Persian's from the lexicon; English's written here and VADER's own negations and boosters.
_MODIFIERS_FA = (INTENSIFIERS | NEGATORS_BEFORE) - {
    "not",
    "no",
    "without",
    "very",
    "really",
    "so",
    "extremely",
}
_MODIFIERS_EN_WRITTEN = frozenset(
    [
        "not",
        "no",
        "never",
        "nobody",
        "nothing",
        "without",
        "very",
        "really",
        "so",
        "too",
        "extremely",
        "super",
        "totally",
        "completely",
        "absolutely",
        "hardly",
        "barely",
        "don't",
        "didn't",
        "doesn't",
        "won't",
        "can't",
        "cannot",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
    ]
)


@functools.cache
def modifiers(lang: str) -> frozenset[str]:
    """The negations and intensifiers of ``lang`` that stay with the word after them (lower case)."""
    if lang == "fa":
        return _MODIFIERS_FA
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

    return _MODIFIERS_EN_WRITTEN | frozenset(NEGATE) | frozenset(BOOSTER_DICT)


@dataclass(frozen=True)
class TermScore:
    """A term, the number of texts of the label that use it, and its log-odds z-score."""

    term: str
    count: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def terms_of(text: str, lang: str) -> set[str]:
    """The distinct words and two-word phrases of ``text`` without stop-words. A negation or an intensifier
    stays with the word after it, and in Persian a word with the negated verb after it: «خیلی طولانی»,
    «جواب ندادند», "not helpful" are terms of their own, never split into their parts.

    >>> sorted(terms_of("The battery is really bad", "en"))
    ['battery', 'really bad']
    >>> sorted(terms_of("زمان انتظار خیلی طولانی بود و جواب ندادند", "fa"))
    ['انتظار', 'جواب ندادند', 'خیلی طولانی', 'زمان', 'زمان انتظار']
    """
    if lang == "fa":
        words = _WORD.findall(normalize_fa(text))
        stop, glue = PERSIAN, modifiers("fa")
        key = [w.replace(ZWNJ, "") for w in words]
    else:
        words = key = _EN_WORD.findall(text.lower().replace("’", "'"))
        stop, glue = ENGLISH, modifiers("en")
    units: list[tuple[str, bool]] = []  # (term, a word alone: may pair with its neighbour)
    i = 0
    while i < len(words):
        glued = i + 1 < len(words) and (
            key[i] in glue or (lang == "fa" and key[i] not in stop and is_negated_verb(key[i + 1]))
        )
        if glued:
            units.append((f"{words[i]} {words[i + 1]}", False))
            i += 2
            continue
        if key[i] not in stop and len(key[i]) > 1:  # stop-words are left out (the words around them pair)
            units.append((words[i], True))
        i += 1
    out = {term for term, _ in units}
    out |= {f"{a} {b}" for (a, alone_a), (b, alone_b) in itertools.pairwise(units) if alone_a and alone_b}
    return out


def top_terms(
    texts: Sequence[str], labels: Sequence[str], lang: str, k: int = 10, *, min_count: int = 2
) -> dict[str, list[TermScore]]:
    """The ``k`` most distinctive terms of each label present in ``labels``."""
    if lang not in ("fa", "en"):
        raise InputError("voice.bad_lang", value=lang, allowed=["fa", "en"])
    if not isinstance(k, int) or k < 1:
        raise InputError("voice.bad_k", value=k)
    if len(texts) != len(labels):
        raise InputError("voice.lengths_differ", texts=len(texts), labels=len(labels))
    for position, label in enumerate(labels):
        if label not in LABELS:
            raise InputError("voice.bad_label", value=label, position=position, allowed=list(LABELS))
    docs: dict[str, Counter[str]] = {label: Counter() for label in LABELS if label in set(labels)}
    for text, label in zip(texts, labels, strict=True):
        docs[label].update(terms_of(text, lang))
    total = Counter[str]()
    for counts in docs.values():
        total.update(counts)
    vocab = len(total) or 1
    all_n = sum(total.values())
    result: dict[str, list[TermScore]] = {}
    for label, counts in docs.items():
        n_in = sum(counts.values())
        n_out = all_n - n_in
        scored = []
        for term, count in counts.items():
            if count < min_count:
                continue
            other = total[term] - count
            # Log-odds with a prior of one per term; where a term is all that a group said (one word, one
            # label) the rest of its odds is empty: counted as one, so the score stays finite.
            delta = math.log((count + 1) / max(n_in + vocab - count - 1, 1)) - math.log(
                (other + 1) / max(n_out + vocab - other - 1, 1)
            )
            z = delta / math.sqrt(1 / (count + 1) + 1 / (other + 1))
            scored.append(TermScore(term, count, round(z, 4)))
        scored.sort(key=lambda t: (-t.score, -t.count, -t.term.count(" "), t.term))  # phrases first on ties
        result[label] = scored[:k]
    return result


def top_terms_by(
    frame: pd.DataFrame,
    *,
    by: str = "touchpoint",
    text_col: str = "text",
    label_col: str = "label",
    lang: str = "fa",
    k: int = 10,
    min_count: int = 2,
) -> dict[Any, dict[str, list[TermScore]]]:
    """:func:`top_terms` for each group of ``frame`` (e.g. per touchpoint), keyed by the group value.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"touchpoint": ["app"] * 2, "text": ["bad login", "bad login again"],
    ...                    "label": ["negative"] * 2})
    >>> top_terms_by(df, lang="en", k=1)["app"]["negative"][0].term
    'bad login'
    """
    for column in (by, text_col, label_col):
        if column not in frame.columns:
            raise InputError("voice.missing_column", column=column, columns=list(frame.columns))
    return {
        key: top_terms(
            group[text_col].astype(str).tolist(), group[label_col].tolist(), lang, k, min_count=min_count
        )
        for key, group in frame.groupby(by, sort=True)
    }
