"""Moments of truth of a stored map: behaviour, ratings and the map's own evidence, side by side.

:func:`map_moments` reads the map's dataset (events bound by its rules), its survey answers and its
comments from the warehouse and returns the behavioural ranking (:mod:`safar.insights.behaviour`),
the touchpoint drivers from ratings (:mod:`safar.insights.responses`) and one evidence verdict per
touchpoint (:mod:`safar.insights.evidence`). Without an outcome the map's final touchpoint (the last
of its last stage) is the conversion target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from safar.errors import InputError
from safar.insights.behaviour import ALPHA, EQUIVALENCE, MomentsResult, behaviour_moments
from safar.insights.drivers import BOOTSTRAP, SEED
from safar.insights.evidence import MIN_IMPORTANCE, EvidenceVerdict, evidence_verdicts
from safar.insights.responses import RatingDrivers, rating_drivers
from safar.model import JourneyMap
from safar.voice.corrections import labelled_comments
from safar.warehouse import Warehouse
from safar.workspace import Workspace


@dataclass(frozen=True)
class MapMoments:
    map_id: int
    title: str
    dataset: str
    behaviour: MomentsResult
    ratings: RatingDrivers | None
    evidence: list[EvidenceVerdict]

    def to_dict(self) -> dict[str, Any]:
        return {
            "map_id": self.map_id,
            "dataset": self.dataset,
            **self.behaviour.to_dict(),
            "ratings": None if self.ratings is None else self.ratings.to_dict(),
            "evidence": [v.to_dict() for v in self.evidence],
        }


@contextmanager
def reading(workspace: Workspace) -> Iterator[Warehouse | None]:
    """The workspace's warehouse (opened through its :class:`~safar.context.Context`), or ``None`` when none
    has been made yet (nothing ingested)."""
    from safar.context import Context

    ctx = Context(workspace)
    if not ctx.has_warehouse():
        yield None
        return
    with ctx.warehouse() as warehouse:
        yield warehouse


def choose_dataset(workspace: Workspace, journey: JourneyMap, dataset: str | None) -> str | None:
    """``dataset`` (which must be the workspace's), else the first one the map's rules name."""
    names = journey.datasets()
    chosen = dataset or (names[0] if names else None)
    if chosen is not None:
        workspace.require_dataset(chosen)
    return chosen


def final_touchpoint(journey: JourneyMap) -> str | None:
    ids = [t.id for t in journey.touchpoints()]
    return ids[-1] if ids else None


def map_moments(
    workspace: Workspace, map_id: int, *, dataset: str | None = None, **options: Any
) -> MapMoments:
    """Behavioural moments of truth for the outcome, rating drivers and evidence verdicts of the map;
    ``options`` are :func:`moments_in`'s (``target``, ``churn``, ``cutoff``, ``population``, ...)."""
    journey = workspace.get_map(map_id).document
    chosen = choose_dataset(workspace, journey, dataset)
    if chosen is None:
        raise InputError("insights.no_dataset", map_id=map_id)
    with reading(workspace) as warehouse:
        if warehouse is None:
            raise InputError("insights.no_dataset", map_id=map_id)
        return moments_in(warehouse, map_id, journey, chosen, **options)


def moments_in(
    warehouse: Warehouse,
    map_id: int,
    journey: JourneyMap,
    dataset: str,
    *,
    target: str | None = None,
    churn: bool = False,
    cutoff: dt.datetime | None = None,
    experience: bool = True,
    population: str = "stage",
    ratings: bool = True,
    alpha: float = ALPHA,
    equivalence: float = EQUIVALENCE,
    min_importance: float = MIN_IMPORTANCE,
    bootstrap: int = BOOTSTRAP,
    seed: int | None = SEED,
) -> MapMoments:
    """:func:`map_moments` on an open ``warehouse``, for the map's ``dataset`` (already chosen and checked)."""
    if target is None and cutoff is None:
        target = final_touchpoint(journey)
    result = behaviour_moments(
        warehouse.events(dataset),
        journey,
        target=target,
        churn=churn,
        cutoff=cutoff,
        comments=labelled_comments(warehouse) if experience else None,
        map_id=map_id,
        alpha=alpha,
        equivalence=equivalence,
        population=population,
    )
    drivers = None
    if ratings:
        drivers = rating_drivers(
            warehouse.con.table("responses"),
            map_id,
            touchpoints=[t.id for t in journey.touchpoints()],
            bootstrap=bootstrap,
            seed=seed,
        )
    verdicts = evidence_verdicts(journey, result, drivers, min_importance=min_importance)
    return MapMoments(map_id, journey.title, dataset, result, drivers, verdicts)
