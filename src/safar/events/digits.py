"""Persian and Arabic-Indic digits and number separators, read the same way in every importer.

Ids, numbers and dates may be typed with Persian (۰–۹) or Arabic-Indic (٠–٩) digits and the
Arabic decimal (٫) and thousands (٬) separators; they are read as their ASCII forms, so
``C۰۰۱`` and ``C001`` are one customer. The SQL macros do the same inside DuckDB.

>>> ascii_digits("C۰۰۱")
'C001'
>>> read_number("۱۲۵٬۰۰۰٫۵")
125000.5
>>> number_text("۱۲۵٬۰۰۰"), number_text("12 apples")
('125000', None)
"""

from __future__ import annotations

import re

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC = "٠١٢٣٤٥٦٧٨٩"
DECIMAL = "\u066b"  # ٫
THOUSANDS = "\u066c"  # ٬
_SPACE = " \t\n\r\f\v"  # what SQL trims too (see MACROS)
_TO_ASCII = str.maketrans(PERSIAN + ARABIC, "0123456789" * 2)
_NUMBER = re.compile(
    rf"[+-]?[0-9]{{1,3}}(?:{THOUSANDS}[0-9]{{3}})+(?:[.{DECIMAL}][0-9]+)?|[+-]?[0-9]+(?:[.{DECIMAL}][0-9]+)?"
)


def ascii_digits(text: str) -> str:
    """``text`` with Persian and Arabic-Indic digits as ASCII digits; nothing else changes."""
    return text.translate(_TO_ASCII)


def number_text(text: str) -> str | None:
    """The number ``text`` writes, as plain ASCII (``-1234.5``); ``None`` when it is not only a number.

    Thousands separators are taken only as ٬ in groups of three, so ``1,5`` is never guessed.
    """
    value = ascii_digits(text.strip(_SPACE))
    if not _NUMBER.fullmatch(value):
        return None
    return value.replace(THOUSANDS, "").replace(DECIMAL, ".")


def read_number(text: str) -> float:
    """The number ``text`` writes; ``ValueError`` when it is not one."""
    value = number_text(text)
    if value is None:
        raise ValueError(f"not a number: {text!r}")
    return float(value)


_SQL_FROM = PERSIAN + ARABIC
MACROS = (
    # Pure ASCII text has no digits to translate, and telling so is cheap.
    f"""CREATE OR REPLACE TEMP MACRO safar_digits(s) AS CASE
        WHEN s IS NULL OR strlen(s) = length(s) THEN s
        ELSE translate(s, '{_SQL_FROM}', '{"0123456789" * 2}') END""",
    "CREATE OR REPLACE TEMP MACRO safar_trim(s) AS trim(s, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))",
    # Same result as number_text for text holding non-ASCII digits or separators (ASCII numbers stay as written).
    f"""CREATE OR REPLACE TEMP MACRO safar_number(s) AS CASE
        WHEN s IS NULL OR strlen(s) = length(s) THEN s
        WHEN regexp_full_match(safar_trim(safar_digits(s)),
            '[+-]?[0-9]{{1,3}}(?:{THOUSANDS}[0-9]{{3}})+(?:[.{DECIMAL}][0-9]+)?|[+-]?[0-9]+(?:[.{DECIMAL}][0-9]+)?')
          THEN replace(replace(safar_trim(safar_digits(s)), '{THOUSANDS}', ''), '{DECIMAL}', '.')
        ELSE s END""",
)
