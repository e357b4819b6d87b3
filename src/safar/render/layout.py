"""The column layout every rendering of a map shares: one column per touchpoint, one for an empty stage.

>>> from safar.model import JourneyMap, Stage, Touchpoint
>>> m = JourneyMap(title="t", stages=[Stage(id="a", name="A"),
...     Stage(id="b", name="B", touchpoints=[Touchpoint(id="x", name="X", channel="sms")])])
>>> [(s.id, tp.id if tp else None) for s, tp in columns(m)]
[('a', None), ('b', 'x')]
"""

from __future__ import annotations

from safar.model import JourneyMap, Stage, Touchpoint


def columns(journey: JourneyMap) -> list[tuple[Stage, Touchpoint | None]]:
    out: list[tuple[Stage, Touchpoint | None]] = []
    for stage in journey.stages:
        if stage.touchpoints:
            out += [(stage, tp) for tp in stage.touchpoints]
        else:
            out.append((stage, None))
    return out
