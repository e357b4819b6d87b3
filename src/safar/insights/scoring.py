"""The priority score of an opportunity (فرصت بهبود): five components, each normalised to 0..1.

Per touchpoint of the map:

=============  =====================================================  ==========================
component      raw value                                              normalised
=============  =====================================================  ==========================
``reach``      customers with an event bound to it                    raw / largest raw
``dropoff``    share of its customers whose last bound event it is    raw / largest raw
``driver``     its driver importance (share of R² it explains)        raw / largest raw
``gap``        mean perception − expectation                          max(0, −raw) / largest such
``sentiment``  share of its comments labelled negative                raw / largest raw
=============  =====================================================  ==========================

"Largest" is over the map's touchpoints that have the component; when it is 0 every normalised
value is 0. ``dropoff`` is missing for the map's final touchpoint (ending the journey there is
completing it) and for touchpoints no customer reached. A component without data is **missing**
(``raw`` and ``normalised`` are ``None``), never zero: its weight is re-spread over the components
present, in proportion to their weights, so

    score = Σ_present wₖ · normₖ / Σ_present wₖ        (0..1; ``None`` when nothing is present)

and each component reports its effective weight ``wₖ / Σ_present wₖ`` (0 when missing).

A score resting on one component is less certain than one resting on five, so each touchpoint also
has a **coverage**: the weight of its present components over the weight of those that apply to it
(``dropoff`` does not apply to the final touchpoint), 0..1. Opportunities are ranked by the
**priority** ``score × coverage`` (= Σ_present wₖ · normₖ / Σ_applicable wₖ: missing evidence counts
as no urgency), so a touchpoint known only by its reach cannot outrank one that all the evidence
points at; the score and the coverage are shown beside it.

>>> from safar.model import JourneyMap, Stage, Touchpoint
>>> m = JourneyMap(title="t", stages=[Stage(id="s", name="S", touchpoints=[
...     Touchpoint(id="a", name="A", channel="web"), Touchpoint(id="b", name="B", channel="web")])])
>>> scored = score_touchpoints(m, ComponentInputs(reach={"a": 100, "b": 50}, sentiment={"b": 0.5}))
>>> [(s.touchpoint, s.score, s.coverage, s.priority) for s in scored]
[('a', 1.0, 0.2, 0.2), ('b', 0.75, 0.5, 0.375)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from safar.errors import InputError
from safar.model import JourneyMap

COMPONENTS = ("reach", "dropoff", "driver", "gap", "sentiment")
DEFAULT_WEIGHTS: dict[str, float] = dict.fromkeys(COMPONENTS, 1.0)


@dataclass(frozen=True)
class Component:
    raw: float | None
    normalised: float | None
    weight: float

    @property
    def missing(self) -> bool:
        return self.raw is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "normalised": self.normalised,
            "weight": self.weight,
            "missing": self.missing,
        }


@dataclass(frozen=True)
class ComponentInputs:
    """Raw values per touchpoint id; ``None`` (or a touchpoint left out) means no data."""

    reach: Mapping[str, float] | None = None
    dropoff: Mapping[str, float | None] | None = None
    driver: Mapping[str, float] | None = None
    gap: Mapping[str, float] | None = None
    sentiment: Mapping[str, float] | None = None


@dataclass(frozen=True)
class Scored:
    touchpoint: str
    stage: str
    score: float | None
    components: dict[str, Component]
    coverage: float = 0.0  # weight present / weight applicable, 0..1

    @property
    def priority(self) -> float | None:
        """The ranking key: the score with missing evidence counted as no urgency."""
        return None if self.score is None else self.score * self.coverage


def parse_weights(items: Sequence[str]) -> dict[str, float]:
    """The default weights with ``name=value`` items applied.

    >>> parse_weights(["reach=2", "gap=0"])["reach"], parse_weights(["gap=0"])["gap"]
    (2.0, 0.0)
    """
    weights = dict(DEFAULT_WEIGHTS)
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or name not in COMPONENTS:
            raise InputError("insights.bad_weight", value=item, allowed=list(COMPONENTS))
        try:
            number = float(value)
        except ValueError:
            raise InputError("insights.bad_weight", value=item, allowed=list(COMPONENTS)) from None
        weights[name] = number
    return check_weights(weights)


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Every component named, none negative or infinite, and not all zero."""
    out = dict(DEFAULT_WEIGHTS)
    for name, value in weights.items():
        if name not in COMPONENTS:
            raise InputError("insights.bad_weight", value=name, allowed=list(COMPONENTS))
        if not (value >= 0 and value != float("inf")):
            raise InputError("insights.negative_weight", component=name, value=value)
        out[name] = float(value)
    if sum(out.values()) == 0:
        raise InputError("insights.zero_weights")
    return out


def score_touchpoints(
    journey_map: JourneyMap, inputs: ComponentInputs, weights: Mapping[str, float] | None = None
) -> list[Scored]:
    """Every touchpoint of the map, in map order, with its components and score."""
    weights = check_weights(weights or {})
    ids = [t.id for t in journey_map.touchpoints()]
    final = ids[-1] if ids else None
    raw: dict[str, dict[str, float | None]] = {
        "reach": _pick(inputs.reach, ids),
        "dropoff": {
            tp: (v if tp != final and (inputs.reach or {}).get(tp, 1) else None)
            for tp, v in _pick(inputs.dropoff, ids).items()
        },
        "driver": _pick(inputs.driver, ids),
        "gap": _pick(inputs.gap, ids),
        "sentiment": _pick(inputs.sentiment, ids),
    }
    signal = {name: {tp: _signal(name, v) for tp, v in values.items()} for name, values in raw.items()}
    largest = {
        name: max((v for v in values.values() if v is not None), default=0.0)
        for name, values in signal.items()
    }
    out = []
    for stage in journey_map.stages:
        for tp in stage.touchpoints:
            present = [c for c in COMPONENTS if raw[c][tp.id] is not None]
            total = sum(weights[c] for c in present)
            applicable = sum(weights[c] for c in COMPONENTS if not (c == "dropoff" and tp.id == final))
            components = {}
            for c in COMPONENTS:
                value, s = raw[c][tp.id], signal[c][tp.id]
                norm = None if s is None else (s / largest[c] if largest[c] > 0 else 0.0)
                share = weights[c] / total if value is not None and total > 0 else 0.0
                components[c] = Component(value, norm, share)
            score = None
            if total > 0:
                score = sum(components[c].weight * (components[c].normalised or 0.0) for c in present)
            coverage = total / applicable if applicable > 0 else 0.0
            out.append(Scored(tp.id, stage.id, score, components, coverage))
    return out


def _pick(values: Mapping[str, Any] | None, ids: list[str]) -> dict[str, float | None]:
    found = values or {}
    return {tp: (None if found.get(tp) is None else float(found[tp])) for tp in ids}


def _signal(name: str, value: float | None) -> float | None:
    """The amount that calls for action: for a gap, how far perception falls short of expectation."""
    if value is None:
        return None
    return max(0.0, -value) if name == "gap" else value
