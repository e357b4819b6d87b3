"""The workspace's adaptation (:mod:`safar.voice.adapt`): a comment follows a corrected one only when it is
nearly the same and the shipped model made the same mistake on it; measured leave-one-out."""

from __future__ import annotations

from safar.voice.adapt import Adaptation, Example, HeldOut, held_out

TIRED = Example("زمان انتظار خیلی طولانی بود و خسته شدم", "negative", was="positive")
CORPUS = [
    "زمان انتظار طولانی بود، خسته شدم",
    "زمان انتظار کوتاه بود",
    "اعلام خسارت ساده و سریع بود",
    "خیلی زود وصل شدم، عالی بود",
    "کارشناس مودب بود و سریع جواب داد",
    "I waited forever and nobody answered",
    "I waited an hour and nobody answered the phone",
    "The agent answered quickly",
]


def test_only_a_near_copy_with_the_same_mistake_follows_a_correction() -> None:
    head = Adaptation([TIRED], corpus=CORPUS)
    found = head.labels(CORPUS[:5], ["positive"] * 5)
    assert [None if a is None else (a.label, a.like) for a in found] == [
        ("negative", TIRED.text),
        None,  # «the wait was short»: shares the words of waiting, not the judgement
        None,
        None,
        None,
    ]
    assert found[0] is not None and 0.55 <= found[0].similar <= 1 and found[0].score == -1.0
    # the same text the model already read as negative: not its mistake, left alone
    assert head.labels([CORPUS[0]], ["negative"]) == [None]


def test_no_corrections_change_nothing() -> None:
    assert Adaptation([], corpus=CORPUS).labels(CORPUS, ["neutral"] * len(CORPUS)) == [None] * len(CORPUS)


def test_leave_one_out_counts_each_corrected_comment_learnt_from_the_others() -> None:
    waited = [
        Example("I waited forever and nobody answered", "negative", was="neutral"),
        Example("I waited forever and nobody answered me", "negative", was="neutral"),
        Example("The agent answered quickly", "positive", was="positive"),  # a confirmation
    ]
    assert held_out(waited, corpus=CORPUS) == HeldOut(n=3, shipped=1, adapted=3)
    assert held_out([], corpus=CORPUS) == HeldOut(n=0, shipped=0, adapted=0)
