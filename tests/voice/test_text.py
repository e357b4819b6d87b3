"""Persian normalisation, tokens, language detection and the hand-written lexicon."""

from __future__ import annotations

import pytest

from safar.voice.lang import detect_lang, script_shares
from safar.voice.lexicon_fa import is_negated_verb, lexicon_score
from safar.voice.normalize import normalize_fa, tokens

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("كيك خوشمزه اي بود", "کیک خوشمزه ای بود"),  # Arabic kaf and yeh
        ("مدرسة رؤیا إسلام", "مدرسه رویا اسلام"),  # ة ؤ إ
        ("٣ تا و ۱۲ عدد", "3 تا و 12 عدد"),  # Arabic-Indic and Persian digits
        ("عَالِی بُود", "عالی بود"),  # diacritics
        ("عاااالیییی بوووود", "عالی بود"),  # elongation
        ("خیـــلی", "خیلی"),  # tatweel
        ("می خوام نمی دونم", f"می{ZWNJ}خوام نمی{ZWNJ}دونم"),  # verb prefixes
        ("کتاب ها بهتر ین", f"کتاب{ZWNJ}ها بهتر ین"),  # plural suffix joined
        ("نا مناسب و بی کیفیت", f"نا{ZWNJ}مناسب و بی{ZWNJ}کیفیت"),
        ("می\u200bخواهم", f"می{ZWNJ}خواهم"),  # zero-width space as a half-space
        ("می¬خواهم", f"می{ZWNJ}خواهم"),  # ¬ typed for a half-space
        ("عالی😍😍بود", "عالی 😍 😍 بود"),  # emoji kept, one token each
        ("GOOD  Service", "good service"),
        ("\u200fسلام\u200e", "سلام"),  # direction marks
    ],
)
def test_normalize_fa(raw: str, expected: str) -> None:
    assert normalize_fa(raw) == expected


def test_tokens_drop_half_spaces_and_keep_emoji() -> None:
    assert tokens("نمی‌خوام 👍 کتاب‌ها!") == ["نمیخوام", "👍", "کتابها", "!"]
    assert tokens("نمی خوام") == tokens("نمی‌خوام") == tokens("نمیخوام")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("خیلی خوب بود", "fa"),
        ("great service", "en"),
        ("گوشی Samsung خوبیه", "fa"),
        ("my order from دیجی is late", "en"),
        ("@AppleSupport https://t.co/abc سلام", "fa"),
        ("123 !!! 😀", "fa"),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_script_shares_ignore_digits_links_and_handles() -> None:
    assert script_shares("سلام ۱۲۳ hi @someone https://x.y") == (4, 2)
    assert detect_lang("123", default="en") == "en"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("خیلی خوب بود", 1),
        ("اصلا خوب نبود", -1),
        ("بد نبود", 1),
        ("هیچ مشکلی نداشت", 1),
        ("پیشنهاد نمی‌کنم", -1),
        ("پیشنهاد می‌کنم", 1),
        ("خوب بود ولی افتضاح دیر رسید", -1),
        ("متاسفانه خراب بود", -1),
    ],
)
def test_lexicon_negation_and_contrast(text: str, sign: int) -> None:
    assert lexicon_score(tokens(text))[2] * sign > 0


def test_negated_verbs() -> None:
    assert [is_negated_verb(t) for t in ["نبود", "نمیکنم", "ندارد", "بود", "نان", "not"]] == [
        True,
        True,
        True,
        False,
        False,
        True,
    ]
