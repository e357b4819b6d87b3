"""Bilingual text: the message catalogue, Persian digits and dates.

>>> translate("map.not_found", "en", map_id=3)
'No journey map with id 3 in this workspace. Run `safar map list` to see the maps.'
>>> to_persian_digits("revision 12")
'revision ۱۲'
"""

from __future__ import annotations

import functools
import os
import string
from collections.abc import Mapping, Sequence
from typing import Any

from safar.i18n.catalogue import MESSAGES
from safar.i18n.numbers import (
    format_datetime,
    format_day,
    format_interval,
    format_number,
    format_percent,
    format_target,
    isolate_numbers,
    to_persian_digits,
)

LANGS = ("fa", "en")
DEFAULT_LANG = "fa"

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "current_lang",
    "format_datetime",
    "format_day",
    "format_interval",
    "format_number",
    "format_percent",
    "format_target",
    "isolate_numbers",
    "to_persian_digits",
    "translate",
]


def current_lang() -> str:
    """The user's language: ``SAFAR_LANG`` when set to ``fa`` or ``en``, else Persian."""
    lang = os.environ.get("SAFAR_LANG", DEFAULT_LANG).strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def translate(code: str, lang: str, /, **params: Any) -> str:
    """The message for ``code`` in ``lang`` with ``params`` filled in.

    Unknown codes fall back to the code itself followed by the parameters, so a
    message is never lost even before it has been written into the catalogue.

    A page says the same few hundred messages again and again (a canvas asked for 645 a request, 13 ms of its
    40): a message whose parameters can be told apart by value *and* type (``1`` is not ``1.0``) is formatted
    once and kept (the catalogue does not change while the program runs).
    """
    try:
        key = (code, lang, *((k, type(v), v) for k, v in sorted(params.items())))
        return _kept(key)
    except TypeError:  # a parameter that cannot be kept (a list, a dict): formatted each time
        return _translate(code, lang, params)


@functools.lru_cache(maxsize=8192)
def _kept(key: tuple[Any, ...]) -> str:
    code, lang, *items = key
    return _translate(code, lang, {k: v for k, _, v in items})


def _translate(code: str, lang: str, params: dict[str, Any]) -> str:
    entry = MESSAGES.get(code)
    if entry is None:
        extra = ", ".join(f"{k}={v!r}" for k, v in params.items())
        return f"{code}: {extra}" if extra else code
    template = entry.get(lang) or entry["en"]
    text = _Formatter(lang).vformat(template, (), params)
    if lang != "fa":
        return text.replace(_OPEN, "").replace(_CLOSE, "")
    return to_persian_digits(text, keep=(_OPEN, _CLOSE))


# Text the user gave (paths, names, values) is fenced so its digits are never localised.
_OPEN, _CLOSE = "\x02", "\x03"


class _Formatter(string.Formatter):
    """Numbers take the language's digits; every other value is shown exactly as given."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return _Missing(key)
        return super().get_value(key, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if isinstance(value, _Missing):
            return value
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Missing):
            return "{" + value.key + "}"
        if isinstance(value, list | tuple):
            sep = "، " if self.lang == "fa" else ", "
            return sep.join(self.format_field(v, "") for v in value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return format(value, format_spec)
        return f"{_OPEN}{format(value, format_spec)}{_CLOSE}"


class _Missing:
    def __init__(self, key: str) -> None:
        self.key = key
