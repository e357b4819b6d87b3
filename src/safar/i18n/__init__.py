"""Bilingual text: the message catalogue, Persian digits and dates.

>>> translate("map.not_found", "en", map_id=3)
'No journey map with id 3 in this workspace. Run `safar map list` to see the maps.'
>>> to_persian_digits("revision 12")
'revision ۱۲'
"""

from __future__ import annotations

import os
from typing import Any

from safar.i18n.catalogue import MESSAGES
from safar.i18n.numbers import format_datetime, to_persian_digits

LANGS = ("fa", "en")
DEFAULT_LANG = "fa"

__all__ = ["DEFAULT_LANG", "LANGS", "current_lang", "format_datetime", "to_persian_digits", "translate"]


def current_lang() -> str:
    """The user's language: ``SAFAR_LANG`` when set to ``fa`` or ``en``, else Persian."""
    lang = os.environ.get("SAFAR_LANG", DEFAULT_LANG).strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def translate(code: str, lang: str, /, **params: Any) -> str:
    """The message for ``code`` in ``lang`` with ``params`` filled in.

    Unknown codes fall back to the code itself followed by the parameters, so a
    message is never lost even before it has been written into the catalogue.
    """
    entry = MESSAGES.get(code)
    if entry is None:
        extra = ", ".join(f"{k}={v!r}" for k, v in params.items())
        return f"{code}: {extra}" if extra else code
    template = entry.get(lang) or entry["en"]
    shown = {k: _show(v, lang) for k, v in params.items()}
    text = template.format_map(_Default(shown))
    if lang != "fa":
        return text.replace(_OPEN, "").replace(_CLOSE, "")
    return to_persian_digits(text, keep=(_OPEN, _CLOSE))


# Text the user gave (paths, names, values) is fenced so its digits are never localised.
_OPEN, _CLOSE = "\x02", "\x03"


def _show(value: Any, lang: str) -> Any:
    if isinstance(value, list | tuple):
        sep = "، " if lang == "fa" else ", "
        return sep.join(_fence(v) for v in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _fence(value)
    return value


def _fence(value: Any) -> str:
    return f"{_OPEN}{value}{_CLOSE}"


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
