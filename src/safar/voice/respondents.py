"""The answers behind a survey figure (پاسخ‌دهندگان پشت یک عدد): the NPS, CSAT or CES answers a count is made of.

The voice report counts a touchpoint's figure on the map's answers about that touchpoint
(:func:`safar.voice.touchpoints.touchpoint_voice`), a stage's on the answers about the stage or its
touchpoints as the map is now (:func:`safar.voice.report.in_current_stages`), and the map's headline on
:func:`safar.metrics.survey.map_level`. :func:`scoped_answers` selects exactly those answers, and
:func:`in_group` the promoters, passives or detractors (NPS) or the satisfied (CSAT, the top box) among
them with the builders the counts use, so a list is as long as the number it opens.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t = ibis.memtable(pa.table({"kind": ["nps"] * 3, "value": [10.0, 7.0, 3.0], "touchpoint_id": ["a"] * 3,
...     "stage_id": ["s"] * 3}))
>>> sorted(in_group(t, "nps", "passives").to_pyarrow().to_pydict()["value"])
[7.0]
"""

from __future__ import annotations

from typing import Literal

import ibis
import ibis.expr.types as ir

from safar.errors import InputError
from safar.metrics.survey import is_detractor, is_promoter, is_top_box, map_level
from safar.model import JourneyMap
from safar.voice.report import in_current_stages
from safar.voice.touchpoints import answers_of
from safar.warehouse import Warehouse

Metric = Literal["nps", "csat", "ces"]
Group = Literal["all", "promoters", "passives", "detractors", "satisfied"]
GROUPS: dict[str, tuple[str, ...]] = {
    "nps": ("all", "promoters", "passives", "detractors"),
    "csat": ("all", "satisfied"),
    "ces": ("all",),
}


def scoped_answers(
    warehouse: Warehouse,
    map_id: int,
    journey: JourneyMap,
    metric: Metric,
    *,
    touchpoint: str | None = None,
    stage: str | None = None,
) -> ir.Table:
    """The ``metric`` answers the voice report counts for ``touchpoint``, for ``stage``, or (neither) for the
    map's headline."""
    answers = answers_of(warehouse, map_id)
    if touchpoint is not None:
        return answers.filter((answers.kind == metric) & (answers.touchpoint_id == touchpoint))
    current = in_current_stages(answers, journey)
    if stage is not None:
        return current.filter((current.kind == metric) & (current.stage_id == stage))
    level = map_level(current)
    return level.filter(level.kind == metric)


def in_group(answers: ir.Table, metric: str, group: str) -> ir.Table:
    """The answers of ``group`` (see :data:`GROUPS`): promoters, passives and detractors are NPS's, the
    satisfied (the top box of the 1–5 scale, as the voice report counts CSAT) are CSAT's."""
    if group not in GROUPS.get(metric, ()):
        allowed = list(GROUPS.get(metric, ()))
        raise InputError("respondents.bad_group", group=group, metric=metric.upper(), allowed=allowed)
    value = answers.value
    chosen = {
        "all": None,
        "promoters": is_promoter(value),
        "detractors": is_detractor(value),
        "passives": ~is_promoter(value) & ~is_detractor(value),
        "satisfied": is_top_box(value),
    }[group]
    return answers if chosen is None else answers.filter(chosen)


def group_of(value: ir.NumericValue, metric: str) -> ir.StringValue:
    """Each answer's group, by the same builders: ``promoter``, ``passive`` or ``detractor`` for NPS,
    ``satisfied`` or ``not_satisfied`` for CSAT, empty for CES.

    >>> [group_of(ibis.literal(v), "nps").to_pyarrow().as_py() for v in (10, 8, 6)]
    ['promoter', 'passive', 'detractor']
    """
    if metric == "nps":
        return ibis.cases(
            (is_promoter(value), "promoter"), (is_detractor(value), "detractor"), else_="passive"
        )
    if metric == "csat":
        return ibis.cases((is_top_box(value), "satisfied"), else_="not_satisfied")
    return ibis.literal("")
