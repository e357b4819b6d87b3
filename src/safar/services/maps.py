"""The maps list of a workspace: each map with its owner, status, surveys, their responses and its open alerts.

:func:`maps_list` is the one function behind the maps page (``/w/{ws}``), ``GET /api/v1/workspaces/{ws}/activity``
and ``safar map activity``. Archived maps are left out unless asked for (``show="archived"`` or ``"all"``);
``query`` keeps the maps whose title holds it (letters compared as :func:`searchable` writes them) or whose
id it is.

>>> MapRow(id=1, title="t", type="current", lang="en", revision=1,
...     created_at=_EPOCH, updated_at=_EPOCH).model_dump()["responses"]
0
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

from safar.context import Context
from safar.errors import SafarError
from safar.store.repository import MapInfo

__all__ = ["SHOWN", "MapRow", "MapsList", "Shown", "maps_list", "searchable", "select_maps"]

Shown = Literal["active", "archived", "all"]
SHOWN = ("active", "archived", "all")
# Arabic letters a Persian keyboard or an old system may type for the Persian ones, and the joiners.
_SAME = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "\u200c": " ", "\u200f": "", "\u200e": ""}
    | {persian: str(n) for n, persian in enumerate("۰۱۲۳۴۵۶۷۸۹")}
)

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
    owner: str | None = None
    owner_name: str | None = None
    status: str = "draft"
    archived_at: datetime | None = None
    same_title: bool = False  # another map of the list has this title: tell them apart by id, owner, date


class MapsList(BaseModel):
    """The maps list; ``responses_counted`` is False when the warehouse could not be read (busy or missing),
    so every ``responses`` is 0 because it was not counted, not because nobody answered. ``archived`` is
    how many archived maps the workspace has, shown or not."""

    workspace: str
    maps: list[MapRow] = []
    responses_counted: bool = True
    query: str = ""
    show: Shown = "active"
    archived: int = 0


def searchable(text: str) -> str:
    """Text as the search compares it: Arabic forms of Persian letters and joiners made one, case folded.

    >>> searchable("نقشه‌ي كاربر") == searchable("نقشه ی کاربر")
    True
    """
    return " ".join(text.translate(_SAME).casefold().split())


def select_maps(maps: list[MapInfo], *, query: str = "", show: Shown = "active") -> list[MapInfo]:
    """The maps shown (in use, archived or all) whose title holds ``query`` or whose id it is."""
    wanted = searchable(query)
    return [
        m
        for m in maps
        if (show == "all" or m.archived == (show == "archived"))
        and (not wanted or wanted in searchable(m.title) or wanted == str(m.id))
    ]


def maps_list(ctx: Context, *, query: str = "", show: Shown = "active") -> MapsList:
    """The maps of the workspace with their surveys, responses and open alerts (the maps page's table)."""
    from safar.alerts import Alerts
    from safar.services.portfolio import map_members
    from safar.surveys import Surveys

    every = ctx.workspace.list_maps()
    archived = sum(1 for m in every if m.archived)
    infos = select_maps(every, query=query, show=show)
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
    names = {m.username: m.display_name for m in map_members(ctx)}
    titles = [searchable(m.title) for m in infos]
    rows = [
        MapRow(
            id=m.id,
            title=m.title,
            type=m.type,
            lang=m.lang,
            revision=m.head,
            created_at=m.created_at,
            updated_at=m.updated_at,
            owner=m.owner,
            owner_name=names.get(m.owner, m.owner) if m.owner else None,
            status=m.status,
            archived_at=m.archived_at,
            same_title=titles.count(searchable(m.title)) > 1,
            **per_map.get(m.id, {}),
        )
        for m in infos
    ]
    return MapsList(
        workspace=ctx.workspace.slug,
        maps=rows,
        responses_counted=counted,
        query=query,
        show=show,
        archived=archived,
    )
