"""VADER (``vaderSentiment`` on PyPI, MIT; its lexicon ships inside the wheel): the general reading of an
English comment, an input of the English service-language model (:mod:`safar.voice.service`).

Nothing is downloaded: the analyser reads ``vader_lexicon.txt`` from the installed package.

>>> [round(s, 2) > 0 for s in compound_scores(["Great support, thanks!", "The app is broken again"])]
[True, False]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from safar.errors import ConfigError


@cache
def _analyzer() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        raise ConfigError("voice.english_missing") from None
    return SentimentIntensityAnalyzer()


def compound_scores(texts: Sequence[str]) -> list[float]:
    """VADER's compound score of each text."""
    analyzer = _analyzer()
    return [float(analyzer.polarity_scores(text)["compound"]) for text in texts]


def polarity(text: str) -> dict[str, float]:
    """VADER's scores of one text: ``compound`` (−1..1) and the ``pos``, ``neg`` and ``neu`` shares."""
    return {k: float(v) for k, v in _analyzer().polarity_scores(text).items()}
