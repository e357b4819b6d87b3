"""How far a Persian negation reaches: the clause its negated verb closes.

Persian negates the verb, which ends the clause: «زمان انتظار اصلاً طولانی نبود» denies «طولانی», «زمان انتظار
خیلی طولانی بود» asserts it. A bag of words cannot tell the two apart, and service comments use the same
complaint words in both («معطل نشدم» is praise, «خیلی معطل شدم» a complaint). The service model therefore
reads a word inside a clause with a negated verb as a different feature from the same word elsewhere
(:func:`scoped`), and counts the guideline's complaint and praise phrases the other way round there
(:func:`safar.voice.service.cues`).

A clause ends at punctuation (، , . ; : ! ؟ ? and line breaks) and at the connectives of :data:`CONNECTIVES`.
A negated verb is one of :func:`safar.voice.lexicon_fa.is_negated_verb`'s forms or a negative prefix «ن» on one
of the common service verbs of :data:`_MORE_VERBS` («نکشیدم», «نموندم», «نگفتند»); the general model's own list
is kept as it was trained.

>>> [(c.negated, c.words) for c in clauses("انتظار طولانی نبود و سریع جواب دادند")]
[(True, ('انتظار', 'طولانی', 'نبود')), (False, ('و',)), (False, ('سریع', 'جواب', 'دادند'))]
>>> scoped("صف طولانی نبود")
['n:صف', 'n:طولانی', 'نبود']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from safar.voice.lexicon_fa import is_negated_verb
from safar.voice.normalize import tokens

CONNECTIVES = frozenset(["و", "ولی", "اما", "که", "چون", "تا", "ولیکن", "منتها", "بعد", "وقتی"])
_MORE_VERBS = re.compile(
    r"^ن(?:می|کشید|شد|خورد|موند|ماند|رفت|کرد|داد|زد|گرفت|رسید|اومد|آمد|بود|داشت|دار|یست|یس|باش|گذاشت|ذاشت|"
    r"خواست|دید|شنید|فرستاد|تونست|توانست|پرسید|خوند|خواند|گفت|برد|کش|شو|ده|کن|گیر|زن|رس|خواه)[\u0621-\u06cc]{0,4}$"
)
_NOT_VERBS = frozenset(
    ["نزدیک", "نزدیکی", "نشده‌ای", "نکته", "نداشته‌ها", "نرسیده‌ها", "نگیره", "نشان", "نشانی"]
)
_BREAK = re.compile(r"([،,.;:!؟?\n]+)")


@dataclass(frozen=True)
class Clause:
    """The normalised word tokens of one clause, and whether a negated verb is among them."""

    words: tuple[str, ...]
    negated: bool


@lru_cache(maxsize=100_000)
def negates(token: str) -> bool:
    """A negated verb form: «نبود», «نمی‌کنم», «نکشیدم», «نموندم» (not «نزدیک», «نشانی»).

    >>> negates("نکشیدم"), negates("کشیدم"), negates("نزدیک")
    (True, False, False)
    """
    return token not in _NOT_VERBS and (is_negated_verb(token) or bool(_MORE_VERBS.match(token)))


@lru_cache(maxsize=4096)
def clauses(text: str) -> tuple[Clause, ...]:
    """The clauses of ``text`` in order; a punctuation run or a connective is a clause of its own (kept for
    the text's next reading: the service model's words and its cues read the same clauses)."""
    out: list[Clause] = []
    for piece in _BREAK.split(text):
        current: list[str] = []
        for word in tokens(piece):
            if word in CONNECTIVES or word in "!؟?":
                if current:
                    out.append(_clause(current))
                out.append(Clause((word,), False))
                current = []
            else:
                current.append(word)
        if current:
            out.append(_clause(current))
    return tuple(out)


def _clause(words: list[str]) -> Clause:
    return Clause(tuple(words), any(negates(w) for w in words))


def scoped(text: str) -> list[str]:
    """The words of ``text``, those under a negation (in a negated clause, but not the negated verb) marked
    ``n:``."""
    return [f"n:{w}" if c.negated and not negates(w) else w for c in clauses(text) for w in c.words]
