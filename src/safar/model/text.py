"""Persian text normalisation used by every text field of the domain model.

Arabic letters typed on Arabic keyboards become their Persian forms, and the
zero-width non-joiner (نیم‌فاصله) is tidied: runs collapse to one and it is
removed where it joins nothing (next to a space or at an edge of a word).

>>> normalize_text("كتاب‌‌ هاي  ما")
'کتاب های  ما'
>>> normalize_text("می‌خواهم")
'می\\u200cخواهم'
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator

ZWNJ = "\u200c"
_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي → ی
        "\u0649": "\u06cc",  # ى → ی
        "\u0643": "\u06a9",  # ك → ک
    }
)
_ZWNJ_RUN = re.compile(ZWNJ + "{2,}")
_ZWNJ_EDGE = re.compile(rf"{ZWNJ}(?=\s|$)|(?<=\s){ZWNJ}|^{ZWNJ}")


def normalize_text(text: str) -> str:
    """Normalise Persian letters and ZWNJ; everything else (spacing, digits, Latin) is kept as typed."""
    text = text.translate(_LETTERS)
    text = _ZWNJ_RUN.sub(ZWNJ, text)
    return _ZWNJ_EDGE.sub("", text)


def normalized(value: Any) -> Any:
    """``value`` normalised if it is text, else as it is (what a text field of the model reads)."""
    return normalize_text(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(normalized)]  # a text field of the model, normalised as it is read
Lines = list[Text]
