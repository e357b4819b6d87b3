"""The journeys view of a map: what customers actually did, stage by stage, from its bound dataset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safar.errors import InputError
from safar.model import JourneyMap
from safar.overlay import datasets_of
from safar.render.sankey import sankey_svg
from safar.workspace import Workspace


@dataclass(frozen=True)
class JourneysView:
    dataset: str
    level: str
    funnel: list[dict[str, Any]]
    dropoff: list[dict[str, Any]]
    completed: int
    unobserved: int
    customers: int
    variants: list[dict[str, Any]]
    n_variants: int
    sankey: str
    labels: dict[str, str]


def journeys_view(
    workspace: Workspace, journey: JourneyMap, dataset: str | None, *, level: str = "stage", depth: int = 5
) -> JourneysView | None:
    """Funnel over the map's stages (in map order), and at ``level`` (stage or touchpoint) the Sankey
    of the first ``depth`` steps, the top variants and where customers stop."""
    if level not in ("stage", "touchpoint"):
        raise InputError("journeys.level", level=level, allowed=["stage", "touchpoint"])
    from safar import analytics as an
    from safar.warehouse import open_warehouse

    names = datasets_of(journey)
    chosen = dataset or (names[0] if names else None)
    if chosen is None:
        return None
    workspace.require_dataset(chosen)
    stage_names = {s.id: s.name for s in journey.stages}
    labels = stage_names if level == "stage" else {t.id: t.name for t in journey.touchpoints()}
    with open_warehouse(workspace.settings) as warehouse:
        events = warehouse.events(chosen)
        funnel = an.funnel(events, list(stage_names), level="stage", journey_map=journey)
        paths = an.paths(events, level=level, top=10, sankey_depth=depth, journey_map=journey)
        dropoff = an.dropoff(events, level=level, journey_map=journey).to_dict()
    return JourneysView(
        dataset=chosen,
        level=level,
        funnel=funnel.to_dict()["steps"],
        dropoff=list(dropoff["steps"]),
        completed=int(dropoff["completed"] or 0),
        unobserved=int(dropoff["unobserved"] or 0),
        customers=int(dropoff["customers"]),
        variants=paths.to_dict()["variants"],
        n_variants=paths.n_variants,
        sankey=sankey_svg(paths.sankey_nodes, paths.sankey_links, labels, rtl=journey.lang == "fa"),
        labels=labels,
    )
