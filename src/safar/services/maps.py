"""The maps list of a workspace: each map with its surveys, their responses and its open alerts.

:func:`maps_list` is the one function behind the maps page (``/w/{ws}``), ``GET /api/v1/workspaces/{ws}/activity``
and ``safar map activity``.

>>> MapRow(id=1, title="t", type="current", lang="en", revision=1,
...     created_at=_EPOCH, updated_at=_EPOCH).model_dump()["responses"]
0
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel

from safar.context import Context
from safar.errors import SafarError

__all__ = ["MapRow", "MapsList", "maps_list"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FEED = 500  # the newest fired alerts read for the open counts


class MapRow(BaseModel):
    """One map of the list; ``responses`` counts the answers to its surveys, ``alerts`` its unacknowledged alerts."""

    id: int
    title: str
    type: str
    lang: str
    revision: int
    created_at: datetime
    updated_at: datetime
    surveys: int = 0
    responses: int = 0
    alerts: int = 0


class MapsList(BaseModel):
    """The maps list; ``responses_counted`` is False when the warehouse could not be read (busy or missing),
    so every ``responses`` is 0 because it was not counted, not because nobody answered."""

    workspace: str
    maps: list[MapRow] = []
    responses_counted: bool = True


def maps_list(ctx: Context) -> MapsList:
    """Every map of the workspace with its surveys, responses and open alerts (the maps page's table)."""
    from safar.alerts import Alerts
    from safar.surveys import Surveys

    surveys = Surveys(ctx.workspace).list()
    counts: dict[int, int] = {}
    counted = True
    if surveys and ctx.has_warehouse():
        from safar.voice.responses import response_counts

        try:  # the counts are a courtesy: a busy warehouse must not take the maps list down
            with ctx.warehouse() as warehouse:
                counts = response_counts(warehouse, [s.id for s in surveys])
        except SafarError:
            counted = False
    per_map: dict[int, dict[str, int]] = {}
    for survey in surveys:
        entry = per_map.setdefault(survey.map_id, {"surveys": 0, "responses": 0, "alerts": 0})
        entry["surveys"] += 1
        entry["responses"] += int(counts.get(survey.id, 0))
    for alert in Alerts(ctx.workspace).feed(limit=FEED):
        if alert.acknowledged_at is None:
            per_map.setdefault(alert.map_id, {"surveys": 0, "responses": 0, "alerts": 0})["alerts"] += 1
    rows = [
        MapRow(
            id=m.id,
            title=m.title,
            type=m.type,
            lang=m.lang,
            revision=m.head,
            created_at=m.created_at,
            updated_at=m.updated_at,
            **per_map.get(m.id, {}),
        )
        for m in ctx.workspace.list_maps()
    ]
    return MapsList(workspace=ctx.workspace.slug, maps=rows, responses_counted=counted)
