"""Journey analytics over a dataset's events: one function per ``safar analyze`` command.

Each function is the one behind ``safar analyze KIND`` (and ``safar map bind``) and returns the analytics' own
result (:mod:`safar.analytics`) as a pydantic model whose fields are exactly the result's ``to_dict()``: the
document ``--json`` prints.

>>> Scope(start="1402/05/14 10:30").filters("Asia/Tehran").start
datetime.datetime(2023, 8, 5, 7, 0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict

from safar.context import Context
from safar.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from safar import analytics as an
    from safar.model import JourneyMap

__all__ = [
    "Analysis",
    "Scope",
    "binding",
    "channels",
    "conformance",
    "dropoff",
    "funnel",
    "loops",
    "paths",
    "rules",
    "summary",
    "timing",
]


class Scope(BaseModel):
    """Which events count: at or after ``start``, before ``end``, of customers with every ``segment``
    attribute (``ATTR=VAL``), in ``channel``. Times are read as the importers read them
    (:func:`safar.events.dates.read_moment`: ISO, Jalali, Persian digits), naive ones in the workspace's zone."""

    start: str | None = None
    end: str | None = None
    segment: list[str] = []
    channel: str | None = None

    def filters(self, tz: str = "UTC") -> an.Filters:
        from safar import analytics as an
        from safar.events.dates import read_moment

        return an.Filters(
            start=read_moment(self.start, tz, option="--from") if self.start else None,
            end=read_moment(self.end, tz, option="--to") if self.end else None,
            segment=tuple(an.parse_segment(s) for s in self.segment),
            channel=self.channel,
        )


class Analysis(BaseModel):
    """An analysis's result: the fields of the analytics result's ``to_dict()`` (documented in docs/analytics.md)."""

    model_config = ConfigDict(extra="allow")


_T = TypeVar("_T", bound=Analysis)


class Funnel(Analysis):
    """Customers reaching each step of a funnel."""


class Paths(Analysis):
    """Directly-follows graph, variants, start/end steps and Sankey data."""


class Dropoff(Analysis):
    """Where customers stop: their last step."""


class Timing(Analysis):
    """Time between consecutive steps and time to convert, per channel."""


class Loops(Analysis):
    """Repeated steps per customer and channel ping-pong."""


class Channels(Analysis):
    """Response times and unanswered requests per channel."""


class Conformance(Analysis):
    """Share of customers following the map, and where they leave it."""


class Summary(Analysis):
    """Per touchpoint volume, customers, conversion, drop-off and time: the map overlay."""


class Binding(Analysis):
    """How the map's binding rules cover a dataset: share bound, top unbound activities."""


def _run(
    model: type[_T],
    ctx: Context,
    dataset: str,
    map_id: int | None,
    scope: Scope | None,
    compute: Callable[[ir.Table, JourneyMap | None, an.Filters], Any],
) -> _T:
    # a wrong time or segment is refused before anything is read
    filters = (scope or Scope()).filters(ctx.calendar.tz)
    journey = ctx.workspace.get_map(map_id).document if map_id is not None else None
    with ctx.warehouse() as warehouse:
        result = compute(warehouse.events(dataset), journey, filters)
    return model.model_validate(result.to_dict())


def _need(journey: JourneyMap | None) -> JourneyMap:
    if journey is None:  # the functions that need a map take its id as a required argument
        raise AssertionError("a journey map is required")
    return journey


def funnel(
    ctx: Context,
    dataset: str,
    steps: list[str],
    *,
    order: str = "sequential",
    window: str | None = None,
    level: str = "activity",
    map_id: int | None = None,
    scope: Scope | None = None,
    breakdown: str | None = None,
    compare: str | None = None,
    times: bool = False,
    step_windows: str | None = None,
) -> Funnel:
    """Customers reaching each of ``steps`` in ``order`` (within ``window``, e.g. ``30d``); with ``breakdown``
    (``channel``, ``segment:ATTR``, ``persona:ID`` of the map) the funnel of each group, with ``compare``
    (``previous``) the customers who began in the scope's period (``--from``/``--to``; the last 30 days of the
    data without them) against the period before, with ``times`` the time distributions of each step
    (:mod:`safar.analytics.funnel_analysis`)."""
    from safar import analytics as an
    from safar.analytics import funnel_analysis as fa

    limit = an.parse_duration(window) if window else None
    per_step = (
        [an.parse_duration(w.strip()) if w.strip() else None for w in step_windows.split(",")]
        if step_windows
        else None
    )
    if compare not in (None, "previous"):
        raise InputError("analytics.bad_compare", value=compare)
    split = None
    if breakdown is not None:
        from safar.services.audience import read_breakdown

        personas = ctx.workspace.get_map(map_id).document.personas if map_id is not None else None
        split = read_breakdown(breakdown, ctx.calendar.tz, personas)
    chosen = scope or Scope()
    span = chosen.filters(ctx.calendar.tz)

    def compute(ev: ir.Table, m: JourneyMap | None, f: an.Filters) -> Any:
        how: dict[str, Any] = {"order": order, "level": level, "journey_map": m, "window": limit}
        result = an.funnel(ev, steps, filters=f, step_windows=per_step, **how).to_dict()
        if split is not None:
            result["breakdown"] = [
                g.to_dict()
                for g in fa.breakdown(ev, steps, split.by, filters=f, segment=split.segment, **how)
            ]
        if compare is not None:
            import dataclasses

            wide = dataclasses.replace(f, start=None, end=None)  # the period before is read too
            end = span.end or _after_last(ev)
            start = span.start or end - dt.timedelta(days=30)
            result["comparison"] = fa.compare_previous(
                ev, steps, start=start, end=end, filters=wide, **how
            ).to_dict()
        if times:
            result["times"] = [t.to_dict() for t in fa.funnel_times(ev, steps, filters=f, **how)]
        return _Done(result)

    return _run(Funnel, ctx, dataset, map_id, scope, compute)


class _Done:
    """A result already in its ``to_dict`` form (for :func:`_run`)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def to_dict(self) -> dict[str, Any]:
        return self.data


def _after_last(events: ir.Table) -> dt.datetime:
    """Just after the data's last event: the end of a comparison's period when none is given."""
    last = events.ts.max().to_pyarrow().as_py()
    if not isinstance(last, dt.datetime):
        raise InputError("analytics.no_events")
    return last + dt.timedelta(microseconds=1)


def paths(
    ctx: Context,
    dataset: str,
    *,
    level: str = "activity",
    top: int = 10,
    sankey_depth: int = 5,
    map_id: int | None = None,
    scope: Scope | None = None,
    from_step: str | None = None,
    to_step: str | None = None,
    depth: int = 3,
) -> Paths:
    """The ``top`` variants (0: all), the directly-follows graph and the Sankey of ``sankey_depth`` steps; with
    ``from_step`` (or ``to_step``) the ``depth`` steps after (before) each customer's first visit to it, the
    journey's end (start) and, at the touchpoint level, the steps off the map included (``flow``)."""
    from safar import analytics as an
    from safar.analytics.flows import flows

    if from_step is not None and to_step is not None:
        raise InputError("analytics.bad_direction", value="--from & --to")

    def compute(ev: ir.Table, m: JourneyMap | None, f: an.Filters) -> Any:
        result = an.paths(
            ev, level=level, top=top, sankey_depth=sankey_depth, journey_map=m, filters=f
        ).to_dict()
        around = from_step or to_step
        if around is not None:
            result["flow"] = flows(
                ev,
                around,
                direction="from" if from_step is not None else "to",
                depth=depth,
                top=top or 10,
                level=level,
                journey_map=m,
                filters=f,
            ).to_dict()
        return _Done(result)

    return _run(Paths, ctx, dataset, map_id, scope, compute)


def dropoff(
    ctx: Context,
    dataset: str,
    *,
    level: str = "activity",
    final: str | None = None,
    map_id: int | None = None,
    scope: Scope | None = None,
) -> Dropoff:
    """Each customer's last step; reaching ``final`` completes the journey."""
    from safar import analytics as an

    return _run(
        Dropoff,
        ctx,
        dataset,
        map_id,
        scope,
        lambda ev, m, f: an.dropoff(ev, level=level, final=final, journey_map=m, filters=f),
    )


def timing(
    ctx: Context,
    dataset: str,
    *,
    level: str = "activity",
    final: str | None = None,
    map_id: int | None = None,
    scope: Scope | None = None,
) -> Timing:
    """Time between consecutive steps, and to ``final``, per channel."""
    from safar import analytics as an

    return _run(
        Timing,
        ctx,
        dataset,
        map_id,
        scope,
        lambda ev, m, f: an.timing(ev, level=level, final=final, journey_map=m, filters=f),
    )


def loops(
    ctx: Context,
    dataset: str,
    *,
    level: str = "activity",
    map_id: int | None = None,
    scope: Scope | None = None,
) -> Loops:
    """Repeated steps per customer and channel ping-pong."""
    from safar import analytics as an

    return _run(
        Loops,
        ctx,
        dataset,
        map_id,
        scope,
        lambda ev, m, f: an.loops(ev, level=level, journey_map=m, filters=f),
    )


def channels(
    ctx: Context,
    dataset: str,
    request: list[str],
    response: list[str],
    *,
    sla: str | None = None,
    scope: Scope | None = None,
) -> Channels:
    """Response times from ``request`` to ``response`` activities and the unanswered share, per channel."""
    from safar import analytics as an

    level = an.parse_duration(sla) if sla else None
    return _run(
        Channels,
        ctx,
        dataset,
        None,
        scope,
        lambda ev, m, f: an.channels(ev, request=request, response=response, filters=f, sla=level),
    )


def conformance(ctx: Context, dataset: str, map_id: int, *, scope: Scope | None = None) -> Conformance:
    """Share of customers following the map, and where they leave it."""
    from safar import analytics as an

    return _run(
        Conformance, ctx, dataset, map_id, scope, lambda ev, m, f: an.conformance(ev, _need(m), filters=f)
    )


class Rules(Analysis):
    """The map's rules (starts with, must follow, must not skip, within), each checked on every customer."""


def rules(
    ctx: Context, dataset: str, map_id: int, *, within: str | None = None, scope: Scope | None = None
) -> Rules:
    """Every rule of the map on every customer, with who broke it and its cost (``within``: e.g. ``7d``, adds a
    time rule per pair of consecutive stages)."""
    from safar import analytics as an
    from safar.analytics.rules import map_rules

    limit = an.parse_duration(within) if within else None
    return _run(
        Rules, ctx, dataset, map_id, scope, lambda ev, m, f: map_rules(ev, _need(m), within=limit, filters=f)
    )


def summary(ctx: Context, dataset: str, map_id: int, *, scope: Scope | None = None) -> Summary:
    """Per touchpoint volume, customers, conversion, drop-off and time."""
    from safar import analytics as an

    return _run(Summary, ctx, dataset, map_id, scope, lambda ev, m, f: an.summary(ev, _need(m), filters=f))


def binding(ctx: Context, dataset: str, map_id: int, *, top: int = 10) -> Binding:
    """How the map's rules bind ``dataset``'s events: the share bound and the ``top`` unbound activities."""
    from safar import analytics as an

    return _run(
        Binding,
        ctx,
        dataset,
        map_id,
        None,
        lambda ev, m, f: an.preview_binding(ev, _need(m), top=top, filters=f),
    )
