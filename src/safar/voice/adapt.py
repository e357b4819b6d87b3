"""A workspace's own sentiment (انطباق با زبان فضای کاری): the labels its editors corrected, as a head on top of
the shipped model.

The shipped model (:mod:`safar.voice.sentiment`) stays as it is. A workspace learns from its corrections
(:mod:`safar.voice.corrections`) by **nearest corrected comment**: a comment whose nearest corrected comment
is close enough (cosine similarity of their character 2–4-grams, weighted by TF-IDF over the workspace's
comments so that words every comment uses count little, at least :data:`SIMILAR`)
**and** was given the same label by the shipped model (the same mistake) takes that comment's corrected
label, and says which comment it followed. Customers of one service write the same
complaint in many near-identical ways («زمان انتظار خیلی طولانی بود و خسته شدم», «زمان انتظار طولانی بود،
خسته شدم»), which is where the shipped model's mistakes repeat and where one correction fixes many; a
comment unlike any corrected one keeps the shipped label. Why not a trained head: a workspace has tens of
corrections, not thousands, and a label copied from a named comment is one an editor can check.

:func:`held_out` measures it on the corrections themselves: each corrected comment labelled from the
others alone (leave one out), against the shipped label it had.

>>> texts = ["زمان انتظار طولانی بود، خسته شدم", "زمان انتظار طولانی بود، خسته شدم", "زمان انتظار کوتاه بود",
...          "پرداخت آنلاین راحت بود", "کارشناس مودب بود"]
>>> tired = Example("زمان انتظار خیلی طولانی بود و خسته شدم", "negative", was="positive")
>>> head = Adaptation([tired], corpus=texts)
>>> [None if a is None else a.label for a in head.labels(texts, ["positive", "negative", "positive"] + ["positive"] * 2)]
['negative', None, None, None, None]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from safar.voice.normalize import normalize_fa

__all__ = ["SIMILAR", "Adaptation", "Adapted", "Example", "HeldOut", "held_out"]

# The similarity from which a comment follows a corrected one. Precision first: on the demo's comments,
# «زمان انتظار کوتاه بود» (the wait was short) is 0.51 from «زمان انتظار خیلی طولانی بود و خسته شدم» and must
# not follow it, the latter's rewordings are 0.79–0.89. Chosen with the service model (session 18) on its
# training sets, never on the test sets: out-of-fold labels of the training comments, half of their mistakes
# corrected and the other half read (8 splits, as bench/sentiment_bench.py does): 0.45–0.55 lose 0.5 right
# labels a split in Persian (worst 2), 0.6 loses 0.125, 0.65 and above lose none (nor gain: comments
# written to differ do not repeat each other). 0.55 was chosen before on the test sets with the earlier model.
SIMILAR = 0.65
LABEL_SCORE = {"positive": 1.0, "neutral": 0.0, "negative": -1.0}


@dataclass(frozen=True)
class Example:
    """A corrected comment: its text, the label an editor gave it and the one the shipped model had (``was``)."""

    text: str
    label: str
    was: str


@dataclass(frozen=True)
class Adapted:
    """The workspace's label for a comment: the ``label`` of the corrected comment ``like`` (its text), how
    ``similar`` they are (0–1), and the label's score (a person's label: −1, 0 or 1)."""

    label: str
    similar: float
    like: str

    @property
    def score(self) -> float:
        return LABEL_SCORE[self.label]


class Adaptation:
    """The nearest-corrected-comment head of a workspace's ``examples`` (none: every label is the shipped one)."""

    def __init__(
        self, examples: Sequence[Example], *, corpus: Sequence[str] = (), similar: float = SIMILAR
    ) -> None:
        """``corpus``: the workspace's comments, which weigh the n-grams (with the examples)."""
        self.examples = list(examples)
        self.similar = similar
        self._vectors = None
        self._vectorizer = None
        if self.examples:
            from sklearn.feature_extraction.text import TfidfVectorizer

            self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
            self._vectorizer.fit([_plain(t) for t in [*corpus, *(e.text for e in self.examples)]])
            self._vectors = self._vectorizer.transform([_plain(e.text) for e in self.examples])

    def labels(self, texts: Sequence[str], shipped: Sequence[str]) -> list[Adapted | None]:
        """For each text (with the label the shipped model gives it), the label of its nearest corrected
        comment when it is similar enough and had the same shipped label, else ``None``."""
        if not self.examples or not texts:
            return [None] * len(texts)
        assert self._vectorizer is not None and self._vectors is not None
        out: list[Adapted | None] = []
        batch = 2000
        for start in range(0, len(texts), batch):
            part = self._vectorizer.transform([_plain(t) for t in texts[start : start + batch]])
            similarity = (part @ self._vectors.T).toarray()  # rows are L2-normalised: cosine
            for k, row in enumerate(similarity):
                best = int(row.argmax())
                value = float(row[best])
                found = self.examples[best]
                if value >= self.similar and found.was == shipped[start + k]:
                    out.append(Adapted(found.label, round(min(value, 1.0), 4), found.text))
                else:
                    out.append(None)
        return out


@dataclass(frozen=True)
class HeldOut:
    """Leave-one-out over a workspace's corrections: of ``n`` corrected comments, how many the shipped model
    labelled as the editor did (``shipped``) and how many the adaptation learnt from the others does
    (``adapted``: its label where a similar corrected comment exists, the shipped one elsewhere)."""

    n: int
    shipped: int
    adapted: int


def held_out(
    corrected: Sequence[Example], *, corpus: Sequence[str] = (), similar: float = SIMILAR
) -> HeldOut:
    """:class:`HeldOut` of a workspace's ``corrected`` comments (``corpus``: its comments): each labelled by
    its nearest other corrected comment (one weighing of the n-grams for all, fitted on the corpus and every
    corrected text: the held-out label is never read, only its text's words are counted)."""
    if not corrected:
        return HeldOut(0, 0, 0)
    head = Adaptation(corrected, corpus=corpus, similar=similar)
    assert head._vectors is not None
    similarity = (head._vectors @ head._vectors.T).toarray()
    shipped = adapted = 0
    for i, example in enumerate(corrected):
        similarity[i, i] = -1.0  # not itself
        label = example.was
        if len(corrected) > 1:
            best = int(similarity[i].argmax())
            other = corrected[best]
            if similarity[i, best] >= similar and other.was == example.was:
                label = other.label
        shipped += example.was == example.label
        adapted += label == example.label
    return HeldOut(len(corrected), shipped, adapted)


def _plain(text: str) -> str:
    """A text as compared: Persian letters and digits in one form, case folded, spaces single."""
    return " ".join(normalize_fa(text).casefold().split())
