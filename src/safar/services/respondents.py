"""The answers behind a survey figure of a map (پاسخ‌دهندگان): one page of them, their number, and exports.

The voice page's NPS, CSAT and CES counts (n, promoters, passives, detractors, satisfied) of a touchpoint,
a stage or the whole map open this list; the page ``/w/{ws}/maps/{id}/respondents``, its CSV and XLSX
exports, ``GET /api/v1/workspaces/{ws}/maps/{id}/respondents`` and ``safar map respondents`` all call
:func:`map_respondents` with a :class:`RespondentFilter`. The answers are selected as the voice report
counts them (:mod:`safar.voice.respondents`), so ``total`` is the number the page shows. Each answer says
its response, its customer, its score, its touchpoint and when it was given, in UTC (``answered_at``) and
in the reader's calendar and time zone (``time``: ``۱۴۰۲/۰۵/۱۲ ۱۴:۳۰`` in Persian).

>>> RespondentFilter(metric="nps", group="detractors", touchpoint="report_claim").group
'detractors'
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

import ibis
import jdatetime
import pyarrow as pa
from pydantic import BaseModel, Field, field_validator

from safar.errors import InputError
from safar.i18n import translate
from safar.i18n.numbers import to_persian_digits
from safar.services.exports import FORMATS, FSI, PDI, export_table

if TYPE_CHECKING:
    from safar.context import Context
    from safar.events.periods import Calendar
    from safar.model import JourneyMap

__all__ = [
    "MAX_PER_PAGE",
    "RespondentFilter",
    "RespondentOut",
    "RespondentsResult",
    "describe_respondents",
    "export_respondents",
    "map_respondents",
    "read_filter",
]

MAX_PER_PAGE = 500


class RespondentFilter(BaseModel):
    """Which answers: the metric, the group of its scale, and what they are about (neither: the whole map)."""

    metric: Literal["nps", "csat", "ces"] = "nps"
    group: Literal["all", "promoters", "passives", "detractors", "satisfied"] = Field(
        default="all",
        description="promoters, passives, detractors (NPS) or satisfied (CSAT's top box); all: every answer.",
    )
    touchpoint: str | None = Field(default=None, description="A touchpoint id of the map.")
    stage: str | None = Field(default=None, description="A stage id of the map (not with touchpoint).")


class RespondentOut(BaseModel):
    survey_id: int
    response_id: str
    question_id: str
    customer_id: str | None
    score: float
    group: str = Field(
        description="promoter, passive, detractor (NPS); satisfied or not_satisfied (CSAT); empty (CES)."
    )
    touchpoint: str | None
    touchpoint_name: str | None
    stage: str | None
    stage_name: str | None
    channel: str | None
    answered_at: dt.datetime = Field(description="In UTC (the warehouse keeps times in UTC).")
    time: str = Field(description="When, in the reader's calendar and time zone.")

    @field_validator("answered_at")
    @classmethod
    def _in_utc(cls, value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class RespondentsResult(BaseModel):
    map_id: int
    filter: RespondentFilter
    description: str
    calendar: str
    time_zone: str
    total: int
    page: int
    per_page: int
    pages: int
    respondents: list[RespondentOut]


def read_filter(
    metric: str, group: str = "all", *, touchpoint: str | None = None, stage: str | None = None
) -> RespondentFilter:
    """The filter from loose values (the CLI's options), each bad one named with what is allowed.

    >>> read_filter("csat", "satisfied").metric
    'csat'
    """
    from safar.voice.respondents import GROUPS

    if metric not in GROUPS:
        raise InputError("respondents.bad_metric", metric=metric, allowed=list(GROUPS))
    if group not in GROUPS[metric]:
        raise InputError(
            "respondents.bad_group", group=group, metric=metric.upper(), allowed=list(GROUPS[metric])
        )
    return RespondentFilter.model_validate(
        {"metric": metric, "group": group, "touchpoint": touchpoint, "stage": stage}
    )


def map_respondents(
    ctx: Context, map_id: int, chosen: RespondentFilter, *, page: int = 1, per_page: int | None = 50
) -> RespondentsResult:
    """One page of the answers ``chosen`` names (all of them when ``per_page`` is None), the earliest first,
    described in the reader's language."""
    if page < 1:
        raise InputError("customers.bad_page", value=page)
    if per_page is not None and not 1 <= per_page <= MAX_PER_PAGE:
        raise InputError("customers.bad_per_page", value=per_page, limit=MAX_PER_PAGE)
    journey = ctx.workspace.get_map(map_id).document
    _check(chosen, journey)
    total, found = 0, list[dict[str, Any]]()
    if ctx.has_warehouse():
        total, found = _read(ctx, map_id, journey, chosen, page, per_page)
    names = {s.id: s.name for s in journey.stages} | {t.id: t.name for t in journey.touchpoints()}
    calendar = ctx.calendar
    size = per_page or max(total, 1)
    return RespondentsResult(
        map_id=map_id,
        filter=chosen,
        description=describe_respondents(chosen, journey, ctx.lang),
        calendar=calendar.system,
        time_zone=calendar.tz,
        total=total,
        page=page,
        per_page=size,
        pages=max(1, math.ceil(total / size)),
        respondents=[_out(row, names, calendar, ctx.lang) for row in found],
    )


def _check(chosen: RespondentFilter, journey: JourneyMap) -> None:
    read_filter(chosen.metric, chosen.group)
    if chosen.touchpoint is not None and chosen.stage is not None:
        raise InputError("respondents.one_scope")
    touchpoints = [t.id for t in journey.touchpoints()]
    stages = [s.id for s in journey.stages]
    if chosen.touchpoint is not None and chosen.touchpoint not in touchpoints:
        raise InputError(
            "customers.unknown_touchpoint", step=chosen.touchpoint, map=journey.title, known=touchpoints
        )
    if chosen.stage is not None and chosen.stage not in stages:
        raise InputError("customers.unknown_stage", step=chosen.stage, map=journey.title, known=stages)


def _read(
    ctx: Context, map_id: int, journey: JourneyMap, chosen: RespondentFilter, page: int, per_page: int | None
) -> tuple[int, list[dict[str, Any]]]:
    from safar.voice.respondents import group_of, in_group, scoped_answers

    with ctx.warehouse() as warehouse:
        scoped = scoped_answers(
            warehouse, map_id, journey, chosen.metric, touchpoint=chosen.touchpoint, stage=chosen.stage
        )
        found = in_group(scoped, chosen.metric, chosen.group)
        found = found.mutate(group=group_of(found.value, chosen.metric))
        # The page and the list's size in one query; only a page past the end needs a second one.
        ordered = found.mutate(_total=found.count().over(ibis.window())).order_by(
            ["ts", "survey_id", "response_id", "question_id"]
        )
        if per_page is not None:
            ordered = ordered.limit(per_page, offset=(page - 1) * per_page)
        columns = ["survey_id", "response_id", "question_id", "customer_id", "value", "touchpoint_id"]
        rows = (
            ordered.select(*columns, "group", "stage_id", "channel", "ts", "_total").to_pyarrow().to_pylist()
        )
        if not rows:
            return int(found.count().to_pyarrow().as_py()), []
        return int(rows[0]["_total"]), rows


def _out(row: dict[str, Any], names: dict[str, str], calendar: Calendar, lang: str) -> RespondentOut:
    return RespondentOut(
        survey_id=int(row["survey_id"]),
        response_id=str(row["response_id"]),
        question_id=str(row["question_id"]),
        customer_id=row["customer_id"],
        score=float(row["value"]),
        group=str(row["group"]),
        touchpoint=row["touchpoint_id"],
        touchpoint_name=names.get(row["touchpoint_id"] or ""),
        stage=row["stage_id"],
        stage_name=names.get(row["stage_id"] or ""),
        channel=row["channel"],
        answered_at=row["ts"],
        time=local_time(row["ts"], calendar, lang),
    )


def local_time(moment: dt.datetime, calendar: Calendar, lang: str) -> str:
    """A stored UTC moment in ``calendar``'s system and zone, with the digits of ``lang``.

    >>> from safar.events.periods import Calendar
    >>> local_time(dt.datetime(2023, 3, 20, 21, 0), Calendar("jalali", "Asia/Tehran"), "fa")
    '۱۴۰۲/۰۱/۰۱ ۰۰:۳۰'
    >>> local_time(dt.datetime(2023, 3, 20, 21, 0), Calendar("gregorian", "UTC"), "en")
    '2023-03-20 21:00'
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(ZoneInfo(calendar.tz))
    if calendar.system == "jalali":
        text = jdatetime.datetime.fromgregorian(datetime=local).strftime("%Y/%m/%d %H:%M")
    else:
        text = local.strftime("%Y-%m-%d %H:%M")
    return to_persian_digits(text) if lang == "fa" else text


def describe_respondents(chosen: RespondentFilter, journey: JourneyMap, lang: str) -> str:
    """The filter in words, in ``lang``, with the map's names."""
    from safar.metrics.survey import CSAT_SCALE, DETRACTOR_MAX, PROMOTER_MIN, top_box_min

    names = {s.id: s.name for s in journey.stages} | {t.id: t.name for t in journey.touchpoints()}
    thresholds = {
        "promoter": PROMOTER_MIN,
        "detractor": DETRACTOR_MAX,
        "low": DETRACTOR_MAX + 1 if chosen.metric == "nps" else CSAT_SCALE[0],
        "high": PROMOTER_MIN - 1 if chosen.metric == "nps" else CSAT_SCALE[1],
        "top": top_box_min(),
    }
    which = translate(f"respondents.group.{chosen.metric}.{chosen.group}", lang, **thresholds)
    if chosen.touchpoint is not None:
        about = translate("respondents.about.touchpoint", lang, name=FSI + names[chosen.touchpoint] + PDI)
    elif chosen.stage is not None:
        about = translate("respondents.about.stage", lang, name=FSI + names[chosen.stage] + PDI)
    else:
        about = translate("respondents.about.map", lang)
    return translate("respondents.filter", lang, which=which, about=about)


def _channel(channel: str | None, lang: str) -> str | None:
    from safar.model import channel_name

    return channel_name(channel, lang) if channel else channel


def export_respondents(result: RespondentsResult, fmt: str, lang: str) -> bytes:
    """Every answer of ``result`` as CSV (UTF-8 with BOM) or XLSX, headers in ``lang``, formulas neutralised;
    the time in the reader's calendar beside the UTC one."""
    if fmt not in FORMATS:
        raise InputError("customers.bad_format", format=fmt, allowed=list(FORMATS))
    each = result.respondents
    table = pa.table(
        {
            "response_id": pa.array([r.response_id for r in each], pa.string()),
            "customer_id": pa.array([r.customer_id for r in each], pa.string()),
            "score": pa.array([int(r.score) for r in each], pa.int64()),  # answers are whole points
            "group": pa.array(
                [translate(f"respondents.each.{r.group}", lang) if r.group else None for r in each],
                pa.string(),
            ),
            "touchpoint_name": pa.array([r.touchpoint_name for r in each], pa.string()),
            "stage_name": pa.array([r.stage_name for r in each], pa.string()),
            "channel": pa.array([_channel(r.channel, lang) for r in each], pa.string()),
            "time": pa.array([r.time for r in each], pa.string()),
            "answered_at": pa.array(
                [r.answered_at.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds") for r in each],
                pa.string(),
            ),
        }
    )
    return export_table(
        table,
        [translate(f"respondents.col.{key}", lang) for key in table.column_names],
        fmt,
        lang,
        sheet=translate("respondents.sheet.answers", lang),
        about_sheet=translate("customers.sheet.filter", lang),
        about=[
            (translate("customers.sheet.which", lang), result.description),
            (translate("respondents.sheet.total", lang), result.total),
        ],
    )
