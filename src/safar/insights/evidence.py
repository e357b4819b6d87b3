"""The map's claims against the data: is each touchpoint a moment of truth, and do they agree?

The map claims a moment of truth with ``moment_of_truth.evidence`` (management, front-line staff,
market research, retention data, satisfaction data). The data speaks through up to three sources,
each giving ``matters``, ``no_effect`` or ``unknown`` for a touchpoint:

* ``occurrence`` and ``experience`` — the behavioural comparisons of :mod:`safar.insights.behaviour`;
* ``ratings`` — the touchpoint's driver importance (share of R², :mod:`safar.insights.responses`):
  ``matters`` when the lower end of its bootstrap interval (the importance itself without bootstrap)
  is at least ``min_importance``; ``no_effect`` when the upper end is below it and the model is not
  flagged ``small_n``; else ``unknown``.

The data **matters** when any source says so; it rules the touchpoint out (**no_effect**) when at
least one source does and none finds an effect; otherwise it is **unknown**. Verdicts:

========================  ===========  ===============  ==========
map claims it / data      matters      no_effect        unknown
========================  ===========  ===============  ==========
claimed                   agreed       contradicted     unknown
not claimed               unclaimed    not_a_moment     unknown
========================  ===========  ===============  ==========

>>> from safar.model import JourneyMap, Stage, Touchpoint, MomentOfTruth
>>> m = JourneyMap(title="t", stages=[Stage(id="s", name="S", touchpoints=[
...     Touchpoint(id="a", name="A", channel="web", moment_of_truth=MomentOfTruth(evidence=["management"]))])])
>>> [v.verdict for v in evidence_verdicts(m, None, None)]
['unknown']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safar.insights.behaviour import MomentsResult
from safar.insights.responses import RatingDrivers
from safar.model import JourneyMap

MIN_IMPORTANCE = 0.02
VERDICTS = ("agreed", "contradicted", "unclaimed", "unknown", "not_a_moment")
_TABLE = {
    (True, "matters"): "agreed",
    (True, "no_effect"): "contradicted",
    (True, "unknown"): "unknown",
    (False, "matters"): "unclaimed",
    (False, "no_effect"): "not_a_moment",
    (False, "unknown"): "unknown",
}


@dataclass(frozen=True)
class EvidenceVerdict:
    touchpoint: str
    stage: str
    claimed: bool
    evidence: tuple[str, ...]
    note: str
    occurrence: str | None
    experience: str | None
    ratings: str | None
    data: str
    verdict: str

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["evidence"] = list(self.evidence)
        return out


def rating_effects(drivers: RatingDrivers | None, min_importance: float = MIN_IMPORTANCE) -> dict[str, str]:
    """``matters`` / ``no_effect`` / ``unknown`` per touchpoint in the drivers model."""
    if drivers is None or drivers.result is None:
        return {}
    out = {}
    for d in drivers.result.drivers:
        low = d.importance if d.importance_low is None else d.importance_low
        if low >= min_importance:
            out[d.name] = "matters"
        elif (
            d.importance_high is not None
            and d.importance_high < min_importance
            and not drivers.result.small_n
        ):
            out[d.name] = "no_effect"
        else:
            out[d.name] = "unknown"
    return out


def evidence_verdicts(
    journey_map: JourneyMap,
    moments: MomentsResult | None,
    drivers: RatingDrivers | None,
    *,
    min_importance: float = MIN_IMPORTANCE,
) -> list[EvidenceVerdict]:
    """One verdict per touchpoint of the map, in map order."""
    occurrence = {m.touchpoint: m.occurrence.effect for m in (moments.moments if moments else ())}
    experience = {
        m.touchpoint: m.experience.effect for m in (moments.moments if moments else ()) if m.experience
    }
    ratings = rating_effects(drivers, min_importance)
    out = []
    for stage in journey_map.stages:
        for tp in stage.touchpoints:
            said = [e for e in (occurrence.get(tp.id), experience.get(tp.id), ratings.get(tp.id)) if e]
            data = "matters" if "matters" in said else "no_effect" if "no_effect" in said else "unknown"
            claim = tp.moment_of_truth
            out.append(
                EvidenceVerdict(
                    touchpoint=tp.id,
                    stage=stage.id,
                    claimed=claim is not None,
                    evidence=tuple(e.value for e in claim.sources) if claim else (),
                    note=claim.note if claim else "",
                    occurrence=occurrence.get(tp.id),
                    experience=experience.get(tp.id),
                    ratings=ratings.get(tp.id),
                    data=data,
                    verdict=_TABLE[(claim is not None, data)],
                )
            )
    return out
