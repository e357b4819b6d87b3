"""Persian (and mixed) comment text made uniform before it is scored.

On top of :func:`safar.model.text.normalize_text` (ي→ی, ك→ک, ZWNJ runs): Arabic letter variants
(ة أ إ ؤ ۀ), Arabic-Indic and Persian digits to ASCII, diacritics and the tatweel removed, letters
repeated three or more times (elongation, «عالیییی») cut to one, the ZWNJ look-alikes (ZWSP, ZWJ,
¬, soft hyphen) turned into ZWNJ, verb prefixes and plural suffixes typed with a space joined by a
half-space («می خوام» → «می‌خوام», «کتاب ها» → «کتاب‌ها»), Latin letters lower-cased, and every emoji
kept as a token of its own.

>>> normalize_fa("كيفيتش عاليييي بود 😍😍")
'کیفیتش عالی بود 😍 😍'
>>> normalize_fa("می خوام ۳ تا کتاب ها رو پس بدم")
'می\\u200cخوام 3 تا کتاب\\u200cها رو پس بدم'
>>> tokens("نمی‌خوام، اصلاً!!")
['نمیخوام', 'اصلا', '!', '!']
"""

from __future__ import annotations

import re
from functools import lru_cache

from safar.model.text import ZWNJ, normalize_text

_TABLE = str.maketrans(
    {
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # ۰-۹
        **{chr(0x0660 + i): str(i) for i in range(10)},  # ٠-٩
        "\u0629": "\u0647",  # ة → ه
        "\u06c0": "\u0647",  # ۀ → ه
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ → ا
        "\u0624": "\u0648",  # ؤ → و
        "\u06c1": "\u0647",  # ہ → ه
        "\u06cc": "\u06cc",
        "\u200b": ZWNJ,  # zero-width space
        "\u200d": ZWNJ,  # zero-width joiner
        "\u00ac": ZWNJ,  # ¬, typed as a half-space on some keyboards
        "\u00ad": ZWNJ,  # soft hyphen
        "\u0640": None,  # tatweel (kashida)
        "\u200e": None,  # LRM
        "\u200f": None,  # RLM
        "\ufeff": None,  # BOM
        "\u066a": "%",
        "\u066b": ".",
        "\u066c": ",",
    }
)
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_ELONGATION = re.compile(r"(.)\1{2,}")
_EMOJI = re.compile(
    "([\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u2190-\u21ff\u2764\u263a\u2639])[\ufe0f\U0001f3fb-\U0001f3ff]*"
)
_PREFIX = re.compile(r"(?<![\w\u200c])(ن?می|نا|بی)\s+(?=[\u0621-\u06cc])")
_SUFFIX = re.compile(r"(?<=[\u0621-\u06cc])\s+(های|هایی|ها|ترین|تر)(?![\w\u200c])")
_SPACES = re.compile(r"[ \t\r\n\u00a0\u2000-\u200a\u202f\u3000]+")
_TOKEN = re.compile(
    r"[^\W_]+|[!؟?]|[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u2190-\u21ff]"
)


@lru_cache(maxsize=8192)
def normalize_fa(text: str) -> str:
    """Uniform Persian text for scoring; it still reads as the same Persian to a person. Kept for the text's
    next reading: scoring one comment reads it several times (the general model, the lexicon, the clauses)."""
    text = normalize_text(text.translate(_TABLE))
    text = _DIACRITICS.sub("", text)
    text = _ELONGATION.sub(r"\1", text)
    text = _EMOJI.sub(r" \1 ", text)
    text = _PREFIX.sub(r"\1" + ZWNJ, text)
    text = _SUFFIX.sub(ZWNJ + r"\1", text)
    text = normalize_text(text)
    return _SPACES.sub(" ", text).strip().lower()


def tokens(text: str) -> list[str]:
    """Word tokens of the normalised text, half-spaces removed (so «نمی‌خوام» = «نمیخوام»), emoji and ! ? kept."""
    flat = normalize_fa(text).replace(ZWNJ, "")
    return _TOKEN.findall(flat)
