"""Persian letters as the importers store them: one spelling for ids, activities, channels and attributes.

Arabic ي/ى and ك become Persian ی and ک, the zero-width non-joiner is tidied
(:func:`safar.model.text.normalize_text`), and the marks that do not change a word's letters
(the harakat such as ـَ ـِ ـُ ـّ ـْ, the superscript alef and the tatweel ـ) are removed, so a
segment typed on a Persian keyboard finds the values an Arabic keyboard or a careful
typist wrote. Ids also get ASCII digits (:mod:`safar.events.digits`). The SQL macros do the
same inside DuckDB; a test checks they agree.

>>> normalize_letters("كَتابـي")
'کتابی'
>>> normalize_id("C۰۰۱")
'C001'
"""

from __future__ import annotations

import re

from safar.events.digits import ascii_digits
from safar.model.text import normalize_text

# Harakat (U+064B–U+0653, U+0656–U+065F; not the hamza marks U+0654/0655, which are letters' parts),
# the superscript alef U+0670 and the tatweel U+0640.
_MARKS_CLASS = "\u064b-\u0653\u0656-\u065f\u0670\u0640"
_MARKS = re.compile(f"[{_MARKS_CLASS}]")


def normalize_letters(text: str) -> str:
    """``text`` with Persian letters, ZWNJ tidied and marks removed; spacing, digits and Latin kept."""
    return normalize_text(_MARKS.sub("", text))


def normalize_id(text: str) -> str:
    """An id as stored: :func:`normalize_letters` and ASCII digits."""
    return ascii_digits(normalize_letters(text))


_SQL_MARKS = r"[\x{064b}-\x{0653}\x{0656}-\x{065f}\x{0670}\x{0640}]"
MACROS = (
    f"""CREATE OR REPLACE TEMP MACRO safar_letters(s) AS CASE
        WHEN s IS NULL OR strlen(s) = length(s) THEN s
        ELSE safar_norm(regexp_replace(s, '{_SQL_MARKS}', '', 'g')) END""",
    # One ASCII test for the pure-ASCII values most files hold, not one per macro.
    """CREATE OR REPLACE TEMP MACRO safar_id(s) AS CASE
        WHEN s IS NULL OR strlen(s) = length(s) THEN s ELSE safar_digits(safar_letters(s)) END""",
    # An attribute value: letters, and a number in Persian digits as ASCII (safar.events.digits.number_text).
    """CREATE OR REPLACE TEMP MACRO safar_value(s) AS CASE
        WHEN s IS NULL OR strlen(s) = length(s) THEN s ELSE safar_number(safar_letters(s)) END""",
)
