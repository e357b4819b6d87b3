"""Top terms by sentiment, with Persian and English stop-words left out."""

from __future__ import annotations

import pytest

from safar.errors import InputError
from safar.voice.terms import TermScore, terms_of, top_terms

FA = [
    "پیک خیلی مودب بود و غذا گرم رسید",
    "پیک مودب بود، ممنون",
    "بسته‌بندی تمیز و پیک مودب",
    "غذا سرد رسید و دیر",
    "غذا سرد بود و بسته‌بندی پاره",
    "خیلی دیر رسید، غذا سرد",
]
LABELS = ["positive"] * 3 + ["negative"] * 3


def test_persian_top_terms_by_label() -> None:
    out = top_terms(FA, LABELS, "fa", k=2)
    assert list(out) == ["positive", "negative"]
    # «خیلی مودب» is a term of its own: the first comment does not say «پیک مودب»
    assert [t.term for t in out["positive"]] == ["پیک", "پیک مودب"]
    assert [t.term for t in out["negative"]] == ["غذا سرد", "سرد"]
    assert out["positive"][1] == TermScore("پیک مودب", 2, out["positive"][1].score)
    assert out["positive"][0].to_dict()["count"] == 3


def test_negations_and_intensifiers_stay_with_their_word() -> None:
    assert terms_of("زمان انتظار خیلی طولانی بود و جواب ندادند", "fa") == {
        "زمان",
        "انتظار",
        "زمان انتظار",
        "خیلی طولانی",
        "جواب ندادند",
    }
    assert terms_of("Nobody answered and the agent was not helpful", "en") == {
        "nobody answered",
        "agent",
        "not helpful",
    }


def test_stop_words_and_half_spaces() -> None:
    assert terms_of("این بسته‌بندی هم بود", "fa") == {"بسته\u200cبندی"}
    assert terms_of("It was the best of times", "en") == {"best", "times", "best times"}


def test_english_and_min_count() -> None:
    texts = ["Great agent, quick fix", "quick fix by a great agent", "Slow refund", "refund was slow again"]
    out = top_terms(texts, ["positive", "positive", "negative", "negative"], "en", k=10)
    assert {t.term for t in out["positive"]} >= {"great", "agent"}
    assert {t.term for t in out["negative"]} == {"refund", "slow"}  # seen once: "slow refund", "refund slow"
    assert top_terms(texts, ["positive"] * 4, "en", k=1, min_count=5) == {"positive": []}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"lang": "de"}, "voice.bad_lang"),
        ({"k": 0}, "voice.bad_k"),
        ({"labels": ["positive"]}, "voice.lengths_differ"),
        ({"labels": ["positive", "happy"]}, "voice.bad_label"),
    ],
)
def test_errors(kwargs: dict[str, object], code: str) -> None:
    args: dict[str, object] = {
        "texts": ["a b", "c d"],
        "labels": ["positive", "negative"],
        "lang": "en",
        "k": 3,
    }
    args.update(kwargs)
    with pytest.raises(InputError) as exc:
        top_terms(**args)  # type: ignore[arg-type]
    assert exc.value.code == code


def test_per_touchpoint() -> None:
    import pandas as pd

    from safar.voice.terms import top_terms_by

    frame = pd.DataFrame({"touchpoint": ["delivery"] * 6, "text": FA, "label": LABELS})
    out = top_terms_by(frame, k=1)
    assert {tp: {lb: [t.term for t in ts] for lb, ts in res.items()} for tp, res in out.items()} == {
        "delivery": {"positive": ["پیک"], "negative": ["غذا سرد"]}
    }
    with pytest.raises(InputError) as exc:
        top_terms_by(frame, by="stage")
    assert exc.value.code == "voice.missing_column"


def test_a_group_that_said_one_word_gets_a_score_not_an_error() -> None:
    """Every comment the same single word (a survey's text box answered "text", or "wait"): the voice page
    divided by zero here."""
    from safar.voice.terms import top_terms

    found = top_terms(["wait", "wait", "wait"], ["negative"] * 3, "en")
    assert [(t.term, t.count) for t in found["negative"]] == [("wait", 3)]
    mixed = top_terms(
        ["wait", "wait", "fine", "fine"], ["negative", "negative", "positive", "positive"], "en"
    )
    assert [(t.term, t.count) for t in mixed["negative"]] == [("wait", 2)]
    assert [(t.term, t.count) for t in mixed["positive"]] == [("fine", 2)]
    assert mixed["negative"][0].score > 0 and mixed["positive"][0].score > 0
