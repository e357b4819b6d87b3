"""Which language a comment is in, from its letters: Arabic script → ``fa``, Latin → ``en``.

Only letters count (digits, emoji, punctuation and URLs/@handles do not). A mixed comment goes to the
script with more letters; a tie or a text without letters goes to ``default`` (Persian, Safar's
first language). Arabic-script text is taken as Persian: Safar scores Persian, not Arabic.

>>> detect_lang("سرویس عالی بود")
'fa'
>>> detect_lang("@AppleSupport the app keeps crashing 😡")
'en'
>>> detect_lang("اپ iPhone خیلی کند شده")
'fa'
"""

from __future__ import annotations

import re

_ARABIC_LETTER = re.compile(
    "[\u0621-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdfb\ufe70-\ufefc]"
)
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+")


def script_shares(text: str) -> tuple[int, int]:
    """(Arabic-script letters, Latin letters) of ``text``, leaving out links and @handles."""
    clean = _NOISE.sub(" ", text)
    arabic = len(_ARABIC_LETTER.findall(clean))
    latin = len(_LATIN_LETTER.findall(clean))
    return arabic, latin


def detect_lang(text: str, default: str = "fa") -> str:
    """``fa`` or ``en`` by the script with more letters."""
    return lang_of(*script_shares(text), default=default)


def lang_of(arabic: int, latin: int, default: str = "fa") -> str:
    """The language of a text with these letter counts.

    >>> lang_of(3, 10), lang_of(0, 0)
    ('en', 'fa')
    """
    if arabic > latin:
        return "fa"
    if latin > arabic:
        return "en"
    return default
