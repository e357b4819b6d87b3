"""Topics found in texts and texts assigned to a workspace's topics: known answers on texts written so, the same
topics for the same texts, Persian and English together, and no topic where there is nothing to find."""

from __future__ import annotations

from safar.voice.topics import Assignment, TopicDefinition, assign, discover

CARDS = [
    "کارت بانکی من مسدود شده",
    "کارت من مسدود شد چرا",
    "کارتم مسدود شده لطفا باز کنید",
    "My card is blocked",
    "why is my card blocked",
]
PARCELS = [
    "بسته دیر رسید",
    "بسته هنوز نرسیده دیر شده",
    "سفارش و بسته خیلی دیر رسید",
    "the parcel came late",
    "my parcel is late again",
]
PASSWORDS = [
    "رمز عبورم را فراموش کردم",
    "رمز عبور جدید می‌خواهم",
    "فراموشی رمز عبور",
    "I forgot my password",
    "reset my password please",
]


def test_three_kinds_of_question_give_three_topics_each_with_its_texts() -> None:
    texts = [*CARDS, *PARCELS, *PASSWORDS]
    found = discover(texts, max_k=6)
    groups: dict[str | None, set[int]] = {}
    for i, a in enumerate(found.assignments):
        groups.setdefault(a.topic, set()).add(i)
    # each written group is split at most by language, and no topic mixes two groups
    for topic, members in groups.items():
        assert topic is not None
        kinds = {i // 5 for i in members}
        assert len(kinds) == 1, (topic, [texts[i] for i in members])
    assert sorted(t.size for t in found.topics) == sorted(len(m) for m in groups.values())
    assert sum(t.size for t in found.topics) == len(texts)
    for topic in found.topics:
        assert len(set(topic.quotes)) == len(topic.quotes) and topic.phrases
        assert {found.assignments[i].topic for i in topic.quotes} == {topic.key}
    assert all(0 < a.confidence <= 1 for a in found.assignments)


def test_the_same_texts_give_the_same_topics() -> None:
    texts = [*PASSWORDS, *CARDS, *PARCELS] * 2
    assert discover(texts) == discover(list(texts))


def test_too_few_or_unrelated_texts_have_no_topics() -> None:
    assert discover(CARDS[:3]).topics == []
    unrelated = ["سلام", "hello", "خوب", "ok", "بله", "thanks"]
    found = discover(unrelated)
    assert found.topics == [] and found.assignments == [Assignment(None, 0.0)] * 6


def test_a_keyword_assigns_outright_otherwise_the_most_alike_phrases() -> None:
    topics = [
        TopicDefinition("cards", ("کارت بانکی مسدود شده", "my card is blocked")),
        TopicDefinition("delivery", ("بسته دیر رسید", "the parcel is late"), ("پیک",)),
    ]
    texts = ["پیک هنوز نیامده", "کارت من مسدود است", "MY CARD IS BLOCKED!!", "the weather is nice", ""]
    assert [(a.topic, a.confidence >= 0.2) for a in assign(texts, topics)] == [
        ("delivery", True),
        ("cards", True),
        ("cards", True),
        (None, False),
        (None, False),
    ]
    assert assign(texts, [])[0] == Assignment(None, 0.0) and assign([], topics) == []
    assert assign(["پيك آمد"], topics)[0] == Assignment("delivery", 1.0)  # Arabic ي/ك read as Persian
