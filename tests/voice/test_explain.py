"""Why a comment got its label: the words that drove it, with negations and intensifiers kept with their word,
each weighing what the score loses without it; said by the CLI, the API and the voice page."""

from __future__ import annotations

import math

import pytest

from safar.voice.contextual import refine
from safar.voice.explain import drivers
from safar.voice.normalize import tokens
from safar.voice.sentiment import score
from safar.voice.service import CLASSES, load_service


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("کیفیتش اصلا خوب نبود", "اصلا خوب نبود"),
        ("پیک خیلی مودب بود، ممنون", "ممنون"),
        ("The app is not good", "not good"),
        ("The agent was rude and hung up on me", "rude"),
        ("Great support, thanks!", "thanks"),
        ("I waited half an hour on the line and nobody answered", "nobody answered"),
    ],
)
def test_the_strongest_driver_is_the_word_a_reader_would_name(text: str, phrase: str) -> None:
    said = score([text])[0]
    found = drivers(text, said.label, said.lang)
    assert found and found[0].phrase == phrase, found
    # every driver pulls the way of the label
    assert all((d.weight > 0) == (said.label == "positive") for d in found)


def _log_odds(text: str, label: str, lang: str) -> float:
    """The log-odds of ``label`` against the two other labels, from the class probabilities the label is read
    from (in Persian with the contextual reading of an unsure comment)."""
    p = load_service(lang).probabilities([text])
    if lang == "fa":
        p = refine([text], p)
    p = p[0]
    k = CLASSES.index(label)
    return math.log(p[k]) - math.log(1 - p[k])


def test_a_words_weight_is_what_the_labels_log_odds_lose_without_it() -> None:
    text = "پشتیبانی خیلی کند و بی‌ادب بود"
    said = score([text])[0]
    assert said.label == "negative"
    words = tokens(text)
    found = drivers(text, said.label, said.lang)
    assert found
    for driver in found:
        if " " in driver.phrase:
            continue
        i = words.index(driver.phrase)
        without = " ".join(words[:i] + words[i + 1 :])
        pull = _log_odds(" ".join(words), "negative", "fa") - _log_odds(without, "negative", "fa")
        assert driver.weight == pytest.approx(-pull, abs=1e-3)  # signed by the label: negative


def test_a_neutral_comment_is_driven_by_what_makes_it_a_question() -> None:
    said = score(["What time does the branch open on Saturday?"])[0]
    assert said.label == "neutral"
    found = drivers("What time does the branch open on Saturday?", "neutral", "en")
    assert found and all(d.weight > 0 for d in found)
