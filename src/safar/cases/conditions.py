"""What opens a case: a rule's condition, as people type it.

* ``nps<=6``, ``csat<=2``, ``ces>=5`` — a survey answer of that kind compared with a number on its scale
  (``<``, ``<=``, ``=``, ``>=``, ``>``; Persian or Arabic digits read as their value);
* ``negative`` — a comment read as negative (a person's correction first, as on the Voice page);
* ``alert`` — an alert fired on the map;
* ``topic:KEY`` — a comment in one of the workspace's topics (:mod:`safar.voice.topics`).

>>> parse_condition("NPS <= ۶")
Condition(source='nps', op='<=', value=6.0, topic=None)
>>> parse_condition("nps<=6").holds(3), parse_condition("nps<=6").holds(7)
(True, False)
>>> parse_condition("negative").text, parse_condition("topic:Waiting-On-The-Line").text
('negative', 'topic:waiting-on-the-line')
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from safar.errors import InputError
from safar.events.digits import ascii_digits
from safar.model.survey import DEFAULT_SCALES, QuestionKind

SCORED = ("nps", "csat", "ces")
OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "=": operator.eq,
}
FORMS = "nps<=6, csat<=2, ces>=5, negative, alert, topic:KEY"
_SCORE = re.compile(r"^(nps|csat|ces)\s*(<=|>=|<|>|=)\s*(\d+(?:\.\d+)?)$")
_TOPIC = re.compile(r"^topic\s*:\s*([a-z0-9][a-z0-9_-]{0,63})$")


@dataclass(frozen=True)
class Condition:
    """``source`` is ``nps``/``csat``/``ces`` (with ``op`` and ``value``), ``negative``, ``alert`` or ``topic``
    (with ``topic``, the topic's key)."""

    source: str
    op: str | None = None
    value: float | None = None
    topic: str | None = None

    @property
    def text(self) -> str:
        """The condition as it is written back (``nps<=6``)."""
        if self.topic is not None:
            return f"topic:{self.topic}"
        if self.op is None or self.value is None:
            return self.source
        return f"{self.source}{self.op}{self.value:g}"

    @property
    def scored(self) -> bool:
        return self.source in SCORED

    def holds(self, value: float) -> bool:
        """Whether an answer of the condition's kind with ``value`` opens a case."""
        if self.op is None or self.value is None:
            raise ValueError(f"{self.source} compares no value")
        return OPS[self.op](value, self.value)


def parse_condition(text: str) -> Condition:
    """The condition ``text`` names; an unknown form or a number off the scale is refused with the forms."""
    written = ascii_digits(text or "").strip().lower().replace("٫", ".")
    if written in ("negative", "alert"):
        return Condition(written)
    named = _TOPIC.match(written)
    if named is not None:
        return Condition("topic", topic=named.group(1))
    found = _SCORE.match(written)
    if found is None:
        raise InputError("case.bad_condition", value=(text or "")[:80], forms=FORMS)
    source, op, number = found.group(1), found.group(2), float(found.group(3))
    low, high = DEFAULT_SCALES[QuestionKind(source)]
    if not low <= number <= high:
        raise InputError("case.condition_scale", value=text[:80], kind=source.upper(), low=low, high=high)
    return Condition(source, op, number)
