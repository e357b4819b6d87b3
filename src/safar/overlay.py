"""The data overlay of a map: per touchpoint numbers from the warehouse, for the canvas.

A map says which dataset it reads through its binding rules (``bind[].dataset``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safar.model import JourneyMap
from safar.voice.touchpoints import TouchpointVoice
from safar.workspace import Workspace


@dataclass(frozen=True)
class Overlay:
    dataset: str
    customers: int
    unbound_events: int
    touchpoints: dict[str, dict[str, Any]]


def map_voice(workspace: Workspace, map_id: int, journey: JourneyMap) -> dict[str, TouchpointVoice]:
    """Survey scores and comment sentiment for this map, per touchpoint (empty when there are none)."""
    from safar.voice.touchpoints import touchpoint_voice
    from safar.warehouse import open_warehouse

    if workspace.settings.warehouse_url is None and not workspace.settings.warehouse_path.exists():
        return {}
    from safar.surveys import Surveys
    from safar.voice.report import scales_of

    scales = scales_of([(s.id, s.survey) for s in Surveys(workspace).list(map_id)])
    with open_warehouse(workspace.settings) as warehouse:
        return touchpoint_voice(warehouse, map_id, journey, scales)


def datasets_of(journey: JourneyMap) -> list[str]:
    """The datasets the map's binding rules name, in map order."""
    seen: list[str] = []
    for tp in journey.touchpoints():
        for rule in tp.bind:
            if rule.dataset and rule.dataset not in seen:
                seen.append(rule.dataset)
    return seen


def map_overlay(workspace: Workspace, journey: JourneyMap, dataset: str | None = None) -> Overlay | None:
    """Numbers for the map from ``dataset`` (default: the first its rules name); ``None`` when there are none.

    A dataset that is not the workspace's, or cannot be read (unknown, warehouse busy), raises its :class:`SafarError`.
    """
    from safar.analytics import summary
    from safar.warehouse import open_warehouse

    names = datasets_of(journey)
    chosen = dataset or (names[0] if names else None)
    if chosen is None:
        return None
    workspace.require_dataset(chosen)
    with open_warehouse(workspace.settings) as warehouse:
        result = summary(warehouse.events(chosen), journey).to_dict()
    by_id = {row["touchpoint"]: row for row in result["touchpoints"]}
    return Overlay(chosen, int(result["customers"]), int(result["unbound_events"]), by_id)
