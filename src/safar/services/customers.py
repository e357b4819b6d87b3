"""The customers behind a count on a map (مشتریان پشت یک عدد): one page of them, their number, and exports.

The canvas, the journeys page, the JSON API and ``safar map customers`` all call
:func:`map_customers` with a :class:`CustomerFilter` naming the count (the same kinds as
:class:`safar.analytics.cohort.Cohort`); the funnel is the map's stage funnel of the journeys page.
The list is read from the map's dataset exactly as the count was, so ``total`` is the number shown.

>>> CustomerFilter(kind="dropped", step="wait_for_agent").kind
'dropped'
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Literal

import pyarrow as pa
from pydantic import BaseModel, Field, field_validator

from safar.analytics import Level, on_map
from safar.analytics.cohort import (
    Cohort,
    CohortCustomers,
    CohortKind,
    CustomerRow,
    InGroup,
    Started,
    cohort_customers,
    period_start,
)
from safar.analytics.funnel import Order
from safar.analytics.kept import Audience, audience_members
from safar.errors import InputError
from safar.events.periods import Calendar
from safar.i18n import translate
from safar.i18n.periods import period_label
from safar.model import JourneyMap, channel_name
from safar.services.audience import audience_of
from safar.services.exports import FORMATS, export_table

if TYPE_CHECKING:
    from safar.context import Context

__all__ = [
    "CustomerFilter",
    "CustomerOut",
    "CustomersResult",
    "describe_filter",
    "export_customers",
    "map_customers",
    "typed_day",
]

Kind = Literal[
    "all",
    "reached",
    "converted",
    "funnel",
    "dropped",
    "completed",
    "unobserved",
    "variant",
    "position",
    "flow",
    "rule",
]
Rule = Literal["starts_with", "must_follow", "within", "must_not_skip"]
MAX_PER_PAGE = 500
# The days a period may start from: the Jalali years events.periods cuts (1300-1500) in Gregorian, whole.
FIRST_DAY, LAST_DAY = dt.date(1922, 1, 1), dt.date(2120, 12, 31)
FSI, PDI = "\u2068", "\u2069"  # a name in the other script keeps its own direction inside a sentence


class CustomerFilter(BaseModel):
    """Which customers: the count's kind, its level and step (or steps), and the dataset."""

    kind: Kind = "all"
    level: Literal["touchpoint", "stage"] | None = Field(
        default=None, description="Where ``step`` and ``steps`` are; found from the step's id when not given."
    )
    step: str | None = Field(default=None, description="A touchpoint or stage id of the map.")
    steps: list[str] = Field(
        default_factory=list,
        description="A funnel's or variant's steps, in order; for the other kinds, any of these steps.",
    )
    index: int | None = Field(
        default=None,
        ge=1,
        le=1000,
        description="The funnel step, from 1; for ``position``, the journey's step where ``steps`` begin, from 1.",
    )
    dataset: str | None = Field(default=None, description="The map's first bound dataset when not given.")
    period: Literal["day", "week", "month", "quarter", "year"] | None = Field(
        default=None,
        description="With start: only customers whose journey (first bound event) started in this period "
        "(a KPI trend's point).",
    )
    start: dt.date | None = Field(
        default=None, description="A day of the period (its first day once settled), in the calendar's zone."
    )
    calendar: Literal["jalali", "gregorian"] | None = Field(
        default=None, description="The calendar the period is cut in; the reader's when not given."
    )
    tz: str | None = Field(
        default=None, description="The time zone days begin in; the reader's when not given."
    )
    since: str | None = Field(
        default=None,
        max_length=200,
        description="The page's audience (safar.services.audience): journeys that started at or after this "
        "moment, as typed (ISO or Jalali; naive in ``tz``).",
    )
    until: str | None = Field(default=None, max_length=200, description="… and before this moment.")
    channel: str | None = Field(
        default=None, max_length=200, description="The audience: customers with an event on the map in it."
    )
    segment: str | None = Field(
        default=None, max_length=200, description="The audience: customers with this ``KEY=VALUE`` attribute."
    )
    persona: str | None = Field(
        default=None, max_length=200, description="The audience: the customers of this persona of the map."
    )
    breakdown: str | None = Field(
        default=None,
        max_length=200,
        description="``funnel``: one group of its breakdown (``channel``, ``segment:ATTR`` or ``persona:ID``): "
        "the customers whose group is ``group`` (none given: those without one).",
    )
    group: str | None = Field(
        default=None,
        max_length=200,
        description="With ``breakdown``: the group (a channel id, the attribute's value, or ``persona`` / "
        "``others``).",
    )
    began_from: dt.datetime | None = Field(
        default=None,
        description="``funnel``: only customers whose funnel began (its first step) at or after this moment "
        "(UTC; a period of the comparison with the period before) …",
    )
    began_until: dt.datetime | None = Field(default=None, description="… and before this one.")
    direction: Literal["from", "to"] | None = Field(
        default=None,
        description="``flow``: the paths from ``step`` (the steps after the customer's first visit there) or to "
        "it (the steps before); ``steps`` is the path as listed, in time order.",
    )
    rule: Rule | None = Field(
        default=None,
        description="``rule``: the customers who broke this rule of the map, about the stages ``steps``.",
    )
    within: str | None = Field(
        default=None,
        max_length=20,
        description="``rule`` ``within``: the time allowed from the first stage to the second (e.g. ``7d``).",
    )
    order: Literal["sequential", "strict", "any"] | None = Field(
        default=None, description="``funnel``: how its steps follow each other (sequential when not given)."
    )
    window: str | None = Field(
        default=None,
        max_length=20,
        description="``funnel``: each step within this time of the first (the conversion window, e.g. ``7d``).",
    )

    @field_validator("began_from", "began_until")
    @classmethod
    def _in_utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        """A moment without a zone is UTC (as the warehouse keeps times), and is said so."""
        return value if value is None or value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class CustomerOut(BaseModel):
    customer_id: str
    segment: str | None
    last_touchpoint: str | None
    last_touchpoint_name: str | None
    last_stage: str | None
    last_stage_name: str | None
    last_activity: str
    last_event_at: dt.datetime = Field(description="In UTC (the warehouse keeps times in UTC).")
    events: int

    @field_validator("last_event_at")
    @classmethod
    def _in_utc(cls, value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class CustomersResult(BaseModel):
    map_id: int
    dataset: str | None
    filter: CustomerFilter
    description: str
    total: int
    page: int
    per_page: int
    pages: int
    customers: list[CustomerOut]


def map_customers(
    ctx: Context, map_id: int, chosen: CustomerFilter, *, page: int = 1, per_page: int | None = 50
) -> CustomersResult:
    """One page of the customers ``chosen`` names (all of them when ``per_page`` is None), by id,
    described in the reader's language."""
    if page < 1:
        raise InputError("customers.bad_page", value=page)
    if per_page is not None and not 1 <= per_page <= MAX_PER_PAGE:
        raise InputError("customers.bad_per_page", value=per_page, limit=MAX_PER_PAGE)
    journey = ctx.workspace.get_map(map_id).document
    chosen = _settled(chosen, journey, ctx.calendar)
    cohort = as_cohort(chosen, journey)
    dataset = chosen.dataset
    audience = audience_of(chosen.tz or ctx.calendar.tz, chosen.model_dump(), personas=journey.personas)
    found = CohortCustomers(0)
    if dataset is not None:
        found = _read(ctx, journey, dataset, cohort, page, per_page, audience)
    names = {s.id: s.name for s in journey.stages} | {t.id: t.name for t in journey.touchpoints()}
    size = per_page or max(found.total, 1)
    return CustomersResult(
        map_id=map_id,
        dataset=dataset,
        filter=chosen,
        description=describe_filter(chosen, journey, ctx.lang),
        total=found.total,
        page=page,
        per_page=size,
        pages=max(1, math.ceil(found.total / size)),
        customers=[_out(row, names) for row in found.customers],
    )


def _read(
    ctx: Context,
    journey: JourneyMap,
    dataset: str,
    cohort: Cohort,
    page: int,
    per_page: int | None,
    audience: Audience | None = None,
) -> CohortCustomers:
    ctx.workspace.require_dataset(dataset)
    if not ctx.has_warehouse():
        return CohortCustomers(0)
    with ctx.warehouse() as warehouse:
        table = warehouse.con.table("customers")  # every warehouse has it (safar.warehouse.schema)
        own = table.filter(table.dataset == dataset)
        offset = (page - 1) * per_page if per_page else 0
        events = warehouse.events(dataset)
        if audience is not None:  # the page's audience: the data of its customers alone, as its figures read
            members = audience_members(on_map(events, journey), audience)
            events = events.filter(events.customer_id.isin(members.customer_id))
        return cohort_customers(
            events,
            cohort,
            journey_map=journey,
            customer_attributes=own,
            offset=offset,
            limit=per_page,
        )


def typed_day(text: str, calendar: Calendar, *, option: str) -> dt.date:
    """A day the user typed (Jalali or Gregorian, Persian digits too: :func:`safar.events.dates.read_moment`)
    as the local day of ``calendar``'s zone.

    >>> typed_day("۱۴۰۲/۰۵/۰۱", Calendar("jalali", "Asia/Tehran"), option="--start")
    datetime.date(2023, 7, 23)
    """
    from zoneinfo import ZoneInfo

    from safar.events.dates import read_moment

    moment = read_moment(text, calendar.tz, option=option).replace(tzinfo=dt.UTC)
    return moment.astimezone(ZoneInfo(calendar.tz)).date()


def _settled(chosen: CustomerFilter, journey: JourneyMap, reader: Calendar) -> CustomerFilter:
    """The filter with its dataset, level and period (its first day, calendar and zone) filled in, and its
    step checked against the map."""
    stages = [s.id for s in journey.stages]
    touchpoints = [t.id for t in journey.touchpoints()]
    update: dict[str, object] = {}
    if (chosen.period is None) != (chosen.start is None):
        raise InputError("customers.period_and_start")
    if chosen.period is not None and chosen.start is not None:
        if not FIRST_DAY <= chosen.start <= LAST_DAY:
            raise InputError(
                "customers.bad_start", value=str(chosen.start), low=str(FIRST_DAY), high=str(LAST_DAY)
            )
        calendar = Calendar(chosen.calendar or reader.system, chosen.tz or reader.tz)
        first = period_start(chosen.start, chosen.period, calendar)
        update |= {"start": first, "calendar": calendar.system, "tz": calendar.tz}
    if chosen.dataset is None:
        update["dataset"] = next(iter(journey.datasets()), None)
    level = chosen.level
    if chosen.kind == "funnel" and not chosen.steps:
        level = "stage"
    if chosen.kind == "rule":
        level = "stage"
        if chosen.rule is None or not chosen.steps:
            raise InputError("customers.rule_required")
    if chosen.kind == "flow":
        level = "touchpoint"
        if not chosen.step or not chosen.steps:
            raise InputError("customers.flow_required")
    if (chosen.began_from is None) != (chosen.began_until is None):
        raise InputError("customers.began_both")
    if chosen.kind != "funnel" and (chosen.breakdown or chosen.began_from or chosen.order or chosen.window):
        raise InputError("customers.funnel_only")
    if chosen.breakdown:
        from safar.services.audience import read_breakdown

        read_breakdown(chosen.breakdown, reader.tz, journey.personas)  # refuses one it cannot read
    # a flow's path holds off-map steps and its ends, a rule's stages are checked by the rule
    named = [s for s in [chosen.step, *chosen.steps] if s] if chosen.kind not in ("flow", "rule") else []
    if level is None and named:
        level = "touchpoint" if all(s in touchpoints for s in named) else "stage"
    if level is not None:
        known = touchpoints if level == "touchpoint" else stages
        for step in named:
            if step not in known:
                code = f"customers.unknown_{level}" if chosen.level else "customers.unknown_step"
                known = known if chosen.level else touchpoints + stages
                raise InputError(code, step=step, map=journey.title, known=known)
        update["level"] = level
    return chosen.model_copy(update=update)


def as_cohort(chosen: CustomerFilter, journey: JourneyMap) -> Cohort:
    """The analytics' cohort for a settled filter (the funnel: the map's stages, as the journeys page)."""
    level = Level(chosen.level or "touchpoint")
    steps = tuple(chosen.steps)
    if chosen.kind == "funnel":
        if not steps:
            steps = tuple(s.id for s in journey.stages)
        if chosen.index is None:
            raise InputError("customers.index_required", steps=len(steps))
    started = None
    if chosen.period is not None and chosen.start is not None:
        calendar = Calendar(chosen.calendar or "gregorian", chosen.tz or "UTC")
        started = Started(chosen.period, chosen.start, calendar)
    group = None
    if chosen.breakdown:
        from safar.services.audience import read_breakdown

        split = read_breakdown(chosen.breakdown, chosen.tz or "UTC", journey.personas)
        group = InGroup(split.by, chosen.group or None, split.segment)
    began = None
    if chosen.began_from is not None and chosen.began_until is not None:
        began = (_naive_utc(chosen.began_from), _naive_utc(chosen.began_until))
    window = None
    allowed = chosen.within if chosen.kind == "rule" else chosen.window
    if allowed:
        from safar.analytics import parse_duration

        window = parse_duration(allowed)
    return Cohort(
        CohortKind(chosen.kind),
        level=level,
        step=chosen.step,
        steps=steps,
        index=(chosen.index or 1) - 1,
        started=started,
        group=group,
        began=began,
        direction=chosen.direction or "from",
        rule=chosen.rule,
        window=window,
        order=Order(chosen.order or "sequential"),
    )


def _naive_utc(moment: dt.datetime) -> dt.datetime:
    """A moment as the warehouse keeps times: UTC without a zone (a naive moment is UTC already)."""
    return moment if moment.tzinfo is None else moment.astimezone(dt.UTC).replace(tzinfo=None)


def describe_filter(chosen: CustomerFilter, journey: JourneyMap, lang: str) -> str:
    """The filter in words, in ``lang``, with the map's names (a settled filter: see :func:`map_customers`)."""
    names = {s.id: s.name for s in journey.stages} | {t.id: t.name for t in journey.touchpoints()}

    def name(step: str | None) -> str:
        return f"{FSI}{names.get(step or '', step or '')}{PDI}"

    kind, level = chosen.kind, chosen.level or "touchpoint"
    anyof = (
        [s for s in (chosen.step, *chosen.steps) if s]
        if kind not in ("funnel", "variant", "position")
        else []
    )
    comma = "، " if lang == "fa" else ", "
    several = "_any" if len(anyof) > 1 else ""
    params: dict[str, object] = {"name": name(anyof[0] if anyof else chosen.step)}
    if several:
        params["name"] = comma.join(f"«{name(s)}»" for s in anyof)
    code = f"customers.filter.{kind}"
    if kind in ("reached", "converted") and not anyof:
        code = f"customers.filter.{kind}_map"
    elif kind in ("reached", "converted"):
        code = f"customers.filter.{kind}_{level}{several}"
    elif kind in ("dropped", "completed", "unobserved") and anyof:
        code = f"customers.filter.{kind}_at{several}"
    elif kind == "funnel":
        steps = chosen.steps or [s.id for s in journey.stages]
        index = chosen.index or 1
        params |= {"index": index, "steps": len(steps), "name": name(steps[min(index, len(steps)) - 1])}
    elif kind == "variant":
        params["path"] = FSI + " › ".join(names.get(s, s) for s in chosen.steps) + PDI
    elif kind == "position":
        params["path"] = FSI + " › ".join(names.get(s, s) for s in chosen.steps) + PDI
        params["index"] = chosen.index or 1
        code = "customers.filter.position" if len(chosen.steps) == 1 else "customers.filter.position_link"
    elif kind == "flow":
        from safar.services.flows import step_label

        params["path"] = FSI + " › ".join(step_label(s, names, lang) for s in chosen.steps) + PDI
        code = f"customers.filter.flow_{chosen.direction or 'from'}"
    elif kind == "rule":
        from safar.analytics import parse_duration
        from safar.services.rules_view import rule_text

        within = parse_duration(chosen.within).total_seconds() if chosen.within else None
        params["rule"] = FSI + rule_text(chosen.rule or "", chosen.steps, within, names, lang) + PDI
    text = translate(code, lang, **params)
    if chosen.order in ("strict", "any"):
        text += translate(f"customers.filter.order_{chosen.order}", lang)
    if chosen.window:
        from safar.analytics import parse_duration
        from safar.i18n.units import format_duration

        allowed = format_duration(parse_duration(chosen.window).total_seconds(), lang)
        text += translate("customers.filter.window", lang, time=f"{FSI}{allowed}{PDI}")
    if chosen.breakdown:
        text += translate(
            "customers.filter.group", lang, group=f"{FSI}{_group_name(chosen, journey, lang)}{PDI}"
        )
    if chosen.began_from is not None and chosen.began_until is not None:
        from safar.i18n import format_datetime

        text += translate(
            "customers.filter.began",
            lang,
            start=f"{FSI}{format_datetime(chosen.began_from, lang, chosen.tz)}{PDI}",
            end=f"{FSI}{format_datetime(chosen.began_until, lang, chosen.tz)}{PDI}",
        )
    if chosen.period is not None and chosen.start is not None:
        label = period_label(chosen.start, chosen.period, chosen.calendar or "gregorian", lang)
        text += translate("customers.filter.started_in", lang, period=f"{FSI}{label}{PDI}")
    if chosen.dataset:
        text += " " + translate("customers.filter.in_dataset", lang, dataset=chosen.dataset)
    said = [
        translate(f"audience.said.{key}", lang, value=f"{FSI}{value}{PDI}")
        for key, value in (
            ("since", chosen.since),
            ("until", chosen.until),
            ("channel", channel_name(chosen.channel, lang) if chosen.channel else None),
            ("segment", chosen.segment),
            ("persona", _persona_name(journey, chosen.persona)),
        )
        if value
    ]
    if said:
        text += translate("audience.said", lang, parts=comma.join(said))
    return text


def _group_name(chosen: CustomerFilter, journey: JourneyMap, lang: str) -> str:
    """The breakdown's group as the funnel analysis names it, or "without a value"."""
    from safar.services.audience import read_breakdown

    split = read_breakdown(chosen.breakdown or "", chosen.tz or "UTC", journey.personas)
    named = split.group_name(chosen.group, lang)
    return named if named is not None else translate("customers.filter.no_group", lang)


def _persona_name(journey: JourneyMap, persona: str | None) -> str | None:
    """The name of the map's persona ``persona`` (its id when the map has none by that id)."""
    if persona is None:
        return None
    return next((p.name for p in journey.personas if p.id == persona), persona)


def _out(row: CustomerRow, names: dict[str, str]) -> CustomerOut:
    return CustomerOut(
        customer_id=row.customer_id,
        segment=row.segment,
        last_touchpoint=row.last_touchpoint,
        last_touchpoint_name=names.get(row.last_touchpoint or ""),
        last_stage=row.last_stage,
        last_stage_name=names.get(row.last_stage or ""),
        last_activity=row.last_activity,
        last_event_at=row.last_event_at,
        events=row.events,
    )


EXPORT_COLUMNS = ("customer_id", "segment", "last_touchpoint_name", "last_stage_name", "last_activity")


def export_customers(result: CustomersResult, fmt: str, lang: str) -> bytes:
    """Every customer of ``result`` as CSV (UTF-8 with BOM) or XLSX, headers in ``lang``, formulas neutralised.

    Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading ``'``.
    """
    if fmt not in FORMATS:
        raise InputError("customers.bad_format", format=fmt, allowed=list(FORMATS))
    columns: dict[str, pa.Array] = {
        key: pa.array([getattr(c, key) for c in result.customers], pa.string()) for key in EXPORT_COLUMNS
    }
    columns["last_event_at"] = pa.array(
        [
            c.last_event_at.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
            for c in result.customers
        ],
        pa.string(),
    )
    columns["events"] = pa.array([c.events for c in result.customers], pa.int64())
    table = pa.table(columns)
    return export_table(
        table,
        [translate(f"customers.col.{key}", lang) for key in table.column_names],
        fmt,
        lang,
        sheet=translate("customers.sheet.customers", lang),
        about_sheet=translate("customers.sheet.filter", lang),
        about=[
            (translate("customers.sheet.which", lang), result.description),
            (translate("customers.sheet.total", lang), result.total),
        ],
    )
