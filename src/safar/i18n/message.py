"""A message kept as a catalogue key and its values, and shown in each reader's language.

What Safar writes for later reading (a revision's message, a quarantined row's reason) is stored as
``key`` + ``values`` (JSON), never as text in the language of whoever was at the keyboard; it becomes
text only when shown. Words a person typed are kept as they are (:data:`TEXT`), and so are old texts
that were stored before this (:data:`LEGACY`).

>>> Message("msg.revert", {"revision": 3}).render("fa")
'بازگشت به نسخه ۳'
>>> Message.summary({"moved": 1, "changed": 2}).render("en")
'1 moved, 2 changed'
>>> Message.typed("Fixed 2 typos").render("fa"), Message.of({"key": "msg.created", "values": {}}).render("en")
('Fixed 2 typos', 'Created')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from safar.i18n.catalogue import MESSAGES

TEXT = "msg.text"  # words a person typed: shown as written
LEGACY = "msg.legacy"  # a text stored before messages were keys, in no form Safar knows: shown as written
SUMMARY = "msg.summary"  # an edit's summary: how many parts were added, removed, moved, changed
# Values that are themselves names in the catalogue: a template's id, a language's code, a measure's kind.
_NAMED = {"template": "template.", "lang": "language.", "kind": "kpis.kind."}


@dataclass(frozen=True)
class Message:
    """``key`` in the catalogue and the ``values`` of its placeholders (JSON-serialisable)."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def typed(cls, text: str) -> Message:
        """Words a person typed, kept as written."""
        return cls(TEXT, {"text": text})

    @classmethod
    def summary(cls, counts: Mapping[str, int]) -> Message:
        """How many parts each kind of change touched (``{"moved": 1}``), in the order given."""
        return cls(SUMMARY, {"counts": [[kind, n] for kind, n in counts.items()]})

    @classmethod
    def of(cls, stored: Mapping[str, Any]) -> Message:
        """From its stored form ``{"key": …, "values": {…}}``."""
        return cls(str(stored["key"]), dict(stored.get("values") or {}))

    @property
    def as_written(self) -> bool:
        """Words shown as they were written (typed or legacy), in whatever language they are."""
        return self.key in (TEXT, LEGACY)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "values": self.values}

    def render(self, lang: str) -> str:
        """The message in ``lang``; a person's or a legacy text as written, whatever the language."""
        from safar.i18n import translate

        if self.key in (TEXT, LEGACY):
            return str(self.values.get("text", ""))  # not through translate: its digits stay as typed
        if self.key == SUMMARY:
            counts = [translate(f"diff.count_{kind}", lang, n=n) for kind, n in self.values["counts"]]
            return translate(SUMMARY, lang, counts=counts)
        params = dict(self.values)
        for name, prefix in _NAMED.items():
            if f"{prefix}{params.get(name)}" in MESSAGES:
                params[name] = translate(f"{prefix}{params[name]}", lang)
        return translate(self.key, lang, **params)
