"""Persian names written in Latin letters, for the ids of new stages and touchpoints.

An id is made from a name. Persian does not write its short vowels (``مراجعه حضوری`` is read *moraje-ye
hozuri*), so Safar writes what is on the page: each letter by the table below, with three readings that keep
the result pronounceable: ``و`` is *o* between consonants and *v* elsewhere; ``ی`` is *i* after a consonant
or another ``ی`` and *y* elsewhere; a final ``ه`` after a consonant is *e*. The Arabic forms of Persian letters
(``ي``, ``ك``), Persian and Arabic digits and the zero-width non-joiner are handled; Latin text passes through.

No locked library does this (``requirements/app.txt`` has no transliterator), and the table is small.

>>> latin("مراجعه حضوری")
'mraje hzori'
>>> latin("ثبت خسارت"), latin("خرید بیمه‌نامه"), latin("آگاهی"), latin("پیامک ۲")
('sbt khsart', 'khrid bimename', 'agahi', 'piamk 2')
>>> latin("آشنایی"), latin("Call centre")
('ashnayi', 'Call centre')
"""

from __future__ import annotations

# Each Persian (and Arabic-form) letter's Latin spelling; و and ی are read by their neighbours (below).
LETTERS = {
    "ا": "a", "آ": "a", "أ": "a", "إ": "e", "ء": "", "ئ": "y", "ؤ": "o",
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "gh", "ک": "k",
    "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "و": "v", "ه": "h", "ة": "h",
    "ی": "y", "ي": "y", "ى": "y",
    "\u200c": "",  # the zero-width non-joiner joins the parts of one word
    "\u064b": "", "\u064e": "a", "\u064f": "o", "\u0650": "e", "\u0651": "", "\u0652": "",  # written vowels
}  # fmt: skip
DIGITS = {c: str(n) for digits in ("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩") for n, c in enumerate(digits)}
VOWELS = set("اآأإ")
_OTHER = {"و", "ی", "ي", "ى"}  # read by their neighbours: no consonant for the letter after them


def latin(text: str) -> str:
    """``text`` with its Persian letters and digits written in Latin letters (see the module's table)."""
    out: list[str] = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        after_consonant = _is_consonant(before)
        if char == "و":
            out.append("o" if after_consonant and not _is_vowel(after) else "v")
        elif char in "یيى":
            out.append("i" if after_consonant or before in "یيى" else "y")
        elif char in "هة" and after_consonant and not _is_letter(after):
            out.append("e")
        else:
            out.append(LETTERS.get(char, DIGITS.get(char, char)))
    return "".join(out)


def _is_letter(char: str) -> bool:
    return char in LETTERS and char != "\u200c"


def _is_vowel(char: str) -> bool:
    return char in VOWELS


def _is_consonant(char: str) -> bool:
    return _is_letter(char) and char not in VOWELS and char not in _OTHER
