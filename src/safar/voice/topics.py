"""Topics customers talk about (موضوع‌ها): found in comments and questions, Persian and English, and assigned.

**Discovery** (:func:`discover`): each text becomes its words and two-word phrases as the sentiment terms read
them (:func:`safar.voice.terms.terms_of`: stop-words out, «خیلی طولانی», «جواب ندادند», "not helpful" kept
whole), weighed by TF-IDF (a term in at least two texts); k-means on those vectors (cosine, k-means++ from a
fixed seed, so the same texts give the same topics) with the number of topics chosen by the silhouette
(cosine) among 2…``max_k``. Each topic is shown by its most weighted phrases and its most typical texts; each
text gets its topic and a confidence (its cosine to the topic's centre, 0–1).

**Assignment** (:func:`assign`): to a workspace's own topics, each with example phrases and optional keywords.
A text holding a keyword (as a whole word or phrase, letters and digits normalised) takes that topic with
confidence 1. Otherwise its :data:`NEIGHBOURS` most alike example phrases (character 2–4-gram TF-IDF cosine over
the content words, stop-words out, so «کارتم» is near «کارت» and "the" is near nothing) vote with their likeness, and the text takes the winning topic with
the winner's share of the votes as its confidence — when its nearest phrase is at least :data:`MIN_LIKENESS`
alike; otherwise no topic. (Chosen on bench/data/intents: word terms alone assigned 19 % of held-out questions;
this assigns 71 %, 67 % of them right, on the same set the choice was made on: bench/topics_bench.py.)

>>> texts = ["کارت بانکی من مسدود شده", "کارت من مسدود شد چرا", "کارتم مسدود شده لطفا باز کنید",
...          "بسته دیر رسید", "بسته هنوز نرسیده دیر شده", "سفارش و بسته خیلی دیر رسید"]
>>> found = discover(texts, max_k=3)
>>> [t.size for t in found.topics], [a.topic for a in found.assignments]
([3, 3], ['t2', 't2', 't2', 't1', 't1', 't1'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from safar.voice.lang import detect_lang
from safar.voice.normalize import normalize_fa

MIN_TEXTS = 6  # fewer texts than this have no topics to find
MIN_LIKENESS = 0.25  # the least cosine to the nearest phrase for a text to be assigned at all
NEIGHBOURS = 5  # the nearest phrases that vote for a text's topic
PHRASES = 8  # phrases shown for a found topic
QUOTES = 3  # texts shown for a found topic (different ones)
SILHOUETTE_SAMPLE = 2000  # texts the silhouette is measured on (a seeded sample beyond that)
SEED = 0


@dataclass(frozen=True)
class FoundTopic:
    key: str  # t1, t2, … from the largest
    phrases: tuple[str, ...]
    size: int
    quotes: tuple[int, ...]  # indices of its most typical texts


@dataclass(frozen=True)
class Assignment:
    topic: str | None
    confidence: float


@dataclass(frozen=True)
class Discovery:
    topics: list[FoundTopic]
    assignments: list[Assignment]
    k: int
    silhouette: float | None


@dataclass(frozen=True)
class TopicDefinition:
    """A workspace's topic as assignment reads it."""

    key: str
    phrases: tuple[str, ...]
    keywords: tuple[str, ...] = ()


_NOT_WORDS = re.compile(
    r"(?:https?://|www\.)\S+|[@#][\w\u200c]+"
)  # links, @handles and #tags: not what it is about


def _terms(text: str) -> list[str]:
    from safar.voice.terms import terms_of

    said = _NOT_WORDS.sub(" ", text)
    return sorted(terms_of(said, detect_lang(said)))


def _vectorise(docs: Sequence[list[str]], min_df: int = 2):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(analyzer=lambda terms: terms, min_df=min_df, sublinear_tf=True)
    return vectoriser, vectoriser.fit_transform(docs)


def discover(
    texts: Sequence[str], *, k: int | None = None, max_k: int = 15, ignore: frozenset[str] = frozenset()
) -> Discovery:
    """Topics in ``texts`` (``k`` of them, or as many as fit best up to ``max_k``) and each text's topic;
    terms with a word in ``ignore`` are left out (the words questions are asked with, for grouping questions)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    none = Discovery([], [Assignment(None, 0.0) for _ in texts], 0, None)
    docs = [[term for term in _terms(t) if not ignore.intersection(term.split())] for t in texts]
    if len(texts) < MIN_TEXTS:
        return none
    try:
        vectoriser, matrix = _vectorise(docs)
    except ValueError:  # no term is in two texts
        return none
    filled = np.flatnonzero(matrix.getnnz(axis=1) > 0)
    if len(filled) < MIN_TEXTS:
        return none
    rows = matrix[filled]
    distinct = len(
        {tuple(docs[int(i)]) for i in filled}
    )  # repeated texts are one point: no more topics than points
    most = min(max_k, distinct, len(filled) - 1, rows.shape[1])
    candidates = [k] if k else list(range(2, most + 1))
    best: tuple[float, int, object] | None = None
    for count in candidates:
        if count < 2 or count > min(distinct, len(filled) - 1):
            continue
        model = KMeans(n_clusters=count, n_init=4, random_state=SEED).fit(rows)
        if len(set(model.labels_)) < 2:
            continue
        sample = min(SILHOUETTE_SAMPLE, len(filled))
        score = float(
            silhouette_score(rows, model.labels_, metric="cosine", sample_size=sample, random_state=SEED)
        )
        if best is None or score > best[0]:
            best = (score, count, model)
    if best is None:
        return none
    score, count, model = best
    labels = model.labels_  # type: ignore[attr-defined]
    centres = model.cluster_centers_  # type: ignore[attr-defined]
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    unit = centres / np.where(norms == 0, 1, norms)
    likeness = np.asarray(rows @ unit.T)
    sizes = np.bincount(labels, minlength=count)
    order = sorted(range(count), key=lambda c: (-sizes[c], c))
    names = {cluster: f"t{n}" for n, cluster in enumerate(order, 1)}
    vocabulary = np.array(vectoriser.get_feature_names_out())
    topics = []
    for cluster in order:
        members = np.flatnonzero(labels == cluster)
        typical: list[int] = []
        seen: set[str] = set()
        for i in members[np.argsort(-likeness[members, cluster], kind="stable")]:
            said = " ".join(texts[int(filled[i])].split())
            if said not in seen:
                seen.add(said)
                typical.append(int(i))
            if len(typical) == QUOTES:
                break
        top = np.argsort(-centres[cluster], kind="stable")[:PHRASES]
        topics.append(
            FoundTopic(
                names[cluster],
                tuple(str(vocabulary[i]) for i in top if centres[cluster][i] > 0),
                int(sizes[cluster]),
                tuple(int(filled[i]) for i in typical),
            )
        )
    assignments = [Assignment(None, 0.0) for _ in texts]
    for row, index in enumerate(filled):
        cluster = int(labels[row])
        assignments[int(index)] = Assignment(
            names[cluster], round(float(max(0.0, likeness[row, cluster])), 3)
        )
    return Discovery(topics, assignments, count, round(score, 4))


def _key_text(text: str) -> str:
    from safar.events.digits import ascii_digits

    return " " + " ".join(normalize_fa(ascii_digits(text)).lower().replace("\u200c", " ").split()) + " "


def _content(text: str) -> str:
    """A text's content words (the sentiment terms' single words: no stop-words), for likeness."""
    return " ".join(term for term in _terms(text) if " " not in term)


def _char_vectors(texts: Sequence[str]):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True).fit(texts)


def assign(texts: Sequence[str], topics: Sequence[TopicDefinition]) -> list[Assignment]:
    """Each text's topic among ``topics`` (a keyword first, else its nearest phrases' vote), with its confidence.
    A text repeated is read once."""
    if not topics or not texts:
        return [Assignment(None, 0.0) for _ in texts]
    distinct = list(dict.fromkeys(texts))
    found = dict(zip(distinct, _assign_distinct(distinct, topics), strict=True))
    return [found[t] for t in texts]


def _assign_distinct(texts: list[str], topics: Sequence[TopicDefinition]) -> list[Assignment]:
    out: list[Assignment | None] = [None] * len(texts)
    words = [[_key_text(w) for w in topic.keywords if w.strip()] for topic in topics]
    if any(words):
        for i, text in enumerate(texts):
            key = _key_text(text)
            hits = [sum(1 for w in mine if w in key) for mine in words]
            if max(hits) > 0:
                out[i] = Assignment(topics[int(np.argmax(hits))].key, 1.0)
    phrases = [(n, phrase) for n, topic in enumerate(topics) for phrase in topic.phrases if phrase.strip()]
    left = [i for i, a in enumerate(out) if a is None]
    if phrases and left:
        said, examples = [_content(texts[i]) for i in left], [_content(p) for _, p in phrases]
        vectoriser = _char_vectors([*examples, *said])
        each = np.asarray((vectoriser.transform(said) @ vectoriser.transform(examples).T).todense())
        owner = np.array([n for n, _ in phrases])
        nearest = min(NEIGHBOURS, each.shape[1])
        # the nearest phrases of every text at once (ties broken by the phrase's order, as a stable sort would)
        order = np.argsort(-each, axis=1, kind="stable")[:, :nearest]
        likeness = np.take_along_axis(each, order, axis=1)
        votes = np.zeros((len(left), len(topics)))
        np.add.at(votes, (np.repeat(np.arange(len(left)), nearest), owner[order].ravel()), likeness.ravel())
        for row, i in enumerate(left):
            total = votes[row].sum()
            if likeness[row, 0] >= MIN_LIKENESS and total > 0:
                best = int(np.argmax(votes[row]))
                out[i] = Assignment(topics[best].key, round(float(votes[row, best] / total), 3))
    return [a if a is not None else Assignment(None, 0.0) for a in out]
