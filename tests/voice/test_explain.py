"""Why a comment got its label: the words that drove it, with negations and intensifiers kept with their word,
each weighing what the score loses without it; said by the CLI, the API and the voice page."""

from __future__ import annotations

import pytest

from safar.voice.explain import drivers
from safar.voice.normalize import tokens
from safar.voice.sentiment import score


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("کیفیتش اصلا خوب نبود", "اصلا خوب نبود"),
        ("پیک خیلی مودب بود، ممنون", "ممنون"),
        ("The app is not good", "not good"),
        ("The agent was rude and hung up on me", "rude"),
        ("Great support, thanks!", "Great"),
    ],
)
def test_the_strongest_driver_is_the_word_a_reader_would_name(text: str, phrase: str) -> None:
    said = score([text])[0]
    found = drivers(text, said.label, said.lang)
    assert found and found[0].phrase == phrase
    # every driver pulls the way of the label
    assert all((d.weight > 0) == (said.label == "positive") for d in found)


def test_a_words_weight_is_what_the_score_loses_without_it() -> None:
    text = "پشتیبانی خیلی کند و بی‌ادب بود"
    said = score([text])[0]
    words = tokens(text)
    for driver in drivers(text, said.label, said.lang):
        if " " in driver.phrase:
            continue
        i = words.index(driver.phrase)
        without = score([" ".join(words[:i] + words[i + 1 :])], lang="fa")[0].score
        assert driver.weight == pytest.approx(said.score - without, abs=1e-3)


def test_a_neutral_comment_with_no_strong_word_has_no_drivers() -> None:
    assert drivers("I called to update my postal address", "neutral", "en") == []
