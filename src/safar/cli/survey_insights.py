"""The insights commands' loaders for ``--map``: a map's survey answers from the warehouse, turned into
key drivers, importance × performance and gaps (the analysis itself is :mod:`safar.insights.responses`)."""

from __future__ import annotations

from typing import Any

from safar.config import Settings
from safar.errors import InputError


def map_drivers(
    map_id: int, outcome: str | None, touchpoints: list[str] | None, bootstrap: int, seed: int | None
) -> Any:
    """The map's survey drivers, each driver's performance on the common −2..+2 scale."""
    from dataclasses import replace

    from safar.insights.responses import common_scale_performance, rating_drivers, with_common_performance
    from safar.surveys import Surveys
    from safar.voice.report import scales_of
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    settings = Settings.from_env()
    with Workspace.open(settings) as workspace:
        journey = workspace.get_map(map_id).document
        scales = scales_of([(s.id, s.survey) for s in Surveys(workspace).list(map_id)])
    with open_warehouse(settings) as warehouse:
        found = rating_drivers(
            warehouse.con.table("responses"),
            map_id,
            touchpoints=touchpoints,
            outcome_question=outcome,
            bootstrap=bootstrap,
            seed=seed,
        )
        if found.result is None:
            return found
        performance = common_scale_performance(warehouse, map_id, journey, scales)
        return replace(found, result=with_common_performance(found.result, performance))


def map_quadrants(map_id: int, outcome: str | None, touchpoints: list[str] | None, threshold: str) -> Any:
    from safar.insights.responses import rating_drivers, survey_quadrants
    from safar.surveys import Surveys
    from safar.voice.report import scales_of
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    settings = Settings.from_env()
    with Workspace.open(settings) as workspace:
        journey = workspace.get_map(map_id).document
        scales = scales_of([(s.id, s.survey) for s in Surveys(workspace).list(map_id)])
    with open_warehouse(settings) as warehouse:
        found = rating_drivers(
            warehouse.con.table("responses"),
            map_id,
            touchpoints=touchpoints,
            outcome_question=outcome,
            bootstrap=0,
        )
        if found.result is None:
            raise InputError("insights.no_survey_drivers", map_id=map_id, reason=found.reason or "")
        return survey_quadrants(warehouse, map_id, journey, scales, found.result, threshold=threshold)


def map_gaps(map_id: int, confidence: float) -> Any:
    from safar.insights.responses import map_survey_gaps
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    settings = Settings.from_env()
    with Workspace.open(settings) as workspace:
        workspace.get_map(map_id)
    with open_warehouse(settings) as warehouse:
        return map_survey_gaps(warehouse, map_id, confidence=confidence)
