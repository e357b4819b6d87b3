"""What every analysis shares: levels, filters, the ordered step sequence, durations, statistics.

The ordering key of a customer's events is ``(ts, seq)``; ``pos`` numbers a
customer's events 0, 1, 2… in that order after the level has been chosen.

>>> parse_duration("30d").total_seconds()
2592000.0
>>> parse_segment("product=Value 1")
('product', 'Value 1')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.errors import InputError
from safar.events.digits import number_text
from safar.events.letters import normalize_letters
from safar.metrics._order import customer_window as customer_window
from safar.metrics._order import seconds as seconds
from safar.model import JourneyMap

EVENT_COLUMNS = ("customer_id", "activity", "ts", "seq")
QUANTILES = (("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p90", 0.9))


@ibis.udf.scalar.builtin(name="json_extract_string")  # type: ignore[untyped-decorator]
def _json_string(doc: str, path: str) -> str:  # type: ignore[empty-body]
    """DuckDB: the string at ``path`` (a JSON pointer) of a JSON text."""


@ibis.udf.scalar.builtin(name="from_json")  # type: ignore[untyped-decorator]
def _json_map(doc: str, schema: str) -> dict[str, str]:  # type: ignore[empty-body]
    """Spark: a JSON object text as a map."""


def attribute(events: ir.Table, key: str) -> ir.StringValue:
    """An event attribute by key, NULL where the event lacks it.

    The ``attributes`` column holds one JSON object (safar.warehouse.schema); a number comes back
    as its text (``12.5``; exponent forms may be spelled differently by the engines). DuckDB
    reads the key as a JSON pointer (``~`` and ``/`` escaped, so any key works); Spark parses
    the object as a map and looks the key up.
    """
    column = events.attributes
    if ibis.get_backend(events).name == "pyspark":
        return _json_map(column, "map<string,string>").get(key)
    pointer = "/" + key.replace("~", "~0").replace("/", "~1")
    return _json_string(column, pointer)


class Level(StrEnum):
    """What one step of a journey is: a raw activity, a touchpoint of the map, or a stage of the map."""

    ACTIVITY = "activity"
    TOUCHPOINT = "touchpoint"
    STAGE = "stage"


def as_level(value: str | Level) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise InputError("analytics.bad_level", value=value, allowed=[lv.value for lv in Level]) from None


@dataclass(frozen=True)
class Filters:
    """Shared filters: events in ``[start, end)``, in ``channel``; customers in a ``segment``.

    ``segment`` keeps every event of the customers who have at least one event
    whose ``attributes[key]`` equals the value (a customer-level filter), so
    journeys are not cut in the middle.
    """

    start: dt.datetime | None = None
    end: dt.datetime | None = None
    segment: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    channel: str | None = None


def apply_filters(events: ir.Table, filters: Filters | None) -> ir.Table:
    check_events(events)
    if filters is None:
        return events
    if filters.start is not None:
        events = events.filter(events.ts >= filters.start)
    if filters.end is not None:
        events = events.filter(events.ts < filters.end)
    if filters.channel is not None:
        events = events.filter(events.channel == filters.channel)
    for key, value in filters.segment:
        members = events.filter(attribute(events, key) == value).select("customer_id").distinct()
        events = events.filter(events.customer_id.isin(members.customer_id))
    return events


def check_events(events: ir.Table) -> None:
    missing = [c for c in EVENT_COLUMNS if c not in events.columns]
    if missing:
        raise InputError("analytics.missing_columns", missing=missing, columns=list(events.columns))


def journey(
    events: ir.Table,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> ir.Table:
    """Each customer's ordered steps at ``level``: customer_id, step, ts, seq, channel, pos.

    At the touchpoint and stage levels only events bound to the map count; at
    the stage level consecutive events in the same stage are one stage visit,
    kept as its first event (the moment the customer entered the stage).
    """
    from safar.analytics.binding import bind_events

    level = as_level(level)
    read_positions = has_positions(events, filters)
    events = apply_filters(events, filters)
    channel = events.channel if "channel" in events.columns else ibis.null().cast("string")
    if level is Level.ACTIVITY:
        steps = events.select("customer_id", "ts", "seq", step=events.activity, channel=channel)
        steps = steps.mutate(pos=ibis.row_number().over(customer_window()))
    else:
        if "touchpoint_id" not in events.columns:
            if journey_map is None:
                raise InputError("analytics.map_required", level=level.value)
            events = bind_events(events, journey_map)
        on = events if read_positions else map_positions(events.filter(events.touchpoint_id.notnull()))
        if level is Level.TOUCHPOINT:
            steps = on.select(
                "customer_id", "ts", "seq", step=on.touchpoint_id, channel=channel, pos=on.tp_pos
            )
        else:
            on = on.filter(on.stage_visit)
            steps = on.select("customer_id", "ts", "seq", step=on.stage_id, channel=channel, pos=on.stage_pos)
    # One schema whatever the source's nullability, so the parts of a union always agree.
    return steps.mutate(step=steps.step.cast("string"), channel=steps.channel.cast("string")).select(
        "customer_id", "ts", "seq", "step", "channel", "pos"
    )


POSITION_COLUMNS = ("tp_pos", "stage_visit", "stage_pos")


def map_positions(on: ir.Table) -> ir.Table:
    """Bound events (touchpoint and stage ids set) with their places in the customer's journey on the map:
    ``tp_pos`` (0, 1, 2… among the customer's bound events), ``stage_visit`` (the event enters a stage: the
    customer's bound event before it is in another stage, or there is none) and ``stage_pos`` (0, 1, 2…
    among the customer's stage visits; NULL on the other events). Each customer's own events decide them,
    so the kept journey steps (:mod:`safar.analytics.kept`) keep them too."""
    return with_stage_pos(on.mutate(**position_columns(on)))


def position_columns(on: ir.Table) -> dict[str, ir.Value]:
    """``tp_pos`` and ``stage_visit`` of :func:`map_positions`, as expressions (computed with others in one
    pass); :func:`with_stage_pos` then numbers the visits."""
    w = customer_window()
    before = on.stage_id.lag().over(w)
    return {"tp_pos": ibis.row_number().over(w), "stage_visit": before.isnull() | (before != on.stage_id)}


def with_stage_pos(on: ir.Table) -> ir.Table:
    """``stage_pos`` of :func:`map_positions`, from ``stage_visit``."""
    visits = on.stage_visit.cast("int64").sum().over(customer_window(rows=(None, 0)))
    return on.mutate(stage_pos=ibis.cases((on.stage_visit, visits - 1), else_=ibis.null().cast("int64")))


def has_positions(events: ir.Table, filters: Filters | None) -> bool:
    """Whether ``events`` are kept journey steps whose map positions hold for the analysis: every event
    of the data, not a filtered part of it (positions among the filtered events differ)."""
    return filters is None and all(c in events.columns for c in POSITION_COLUMNS)


def distribution(values: ir.NumericValue) -> dict[str, Any]:
    """Aggregations ``n``, ``mean`` and ``quantiles`` (p25, median, p75, p90 in one pass).

    Quantiles interpolate linearly between closest ranks, as pandas does by default.
    """
    return {
        "n": values.count(),
        "mean": values.mean(),
        "quantiles": values.quantile([q for _, q in QUANTILES]),
    }


STAT_KEYS = ("n", "mean", "p25", "median", "p75", "p90")


@dataclass(frozen=True)
class Distribution:
    """n and the spread of a duration in seconds; all but n are None when n is 0."""

    n: int
    mean: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Distribution:
        """From the columns :func:`distribution` makes."""
        n = int(row.get("n") or 0)
        if n == 0:
            return cls(0, None, None, None, None, None)
        p25, median, p75, p90 = (float(v) for v in row["quantiles"])
        return cls(n, float(row["mean"]), p25, median, p75, p90)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in STAT_KEYS}


def rows(expr: ir.Table) -> list[dict[str, Any]]:
    """Run an expression: the only place analytics touch an engine."""
    result: list[dict[str, Any]] = expr.to_pyarrow().to_pylist()
    return result


def arrow(expr: ir.Table) -> Any:
    """Run an expression into a ``pyarrow.Table``: for results too long to be rows of dicts."""
    return expr.to_pyarrow()


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> dt.timedelta:
    """``90s``, ``45m``, ``12h``, ``30d``, ``2w`` as a time span."""
    match = _DURATION.match(text.lower())
    if not match:
        raise InputError("analytics.bad_duration", value=text)
    return dt.timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def parse_segment(text: str) -> tuple[str, str]:
    """``KEY=VALUE``, spelled as the importers store attributes (:mod:`safar.events.letters`): Persian
    letters, and a number in Persian digits as its ASCII form."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise InputError("analytics.bad_segment", value=text)
    value = normalize_letters(value.strip())
    return normalize_letters(key.strip()), number_text(value) or value


def parse_time(text: str) -> dt.datetime:
    """An ISO date or date-time; times with an offset are converted to naive UTC."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError("analytics.bad_time", value=text) from None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def check_steps(steps: Sequence[str]) -> list[str]:
    cleaned = [s for s in steps if s]
    if not cleaned:
        raise InputError("analytics.no_steps")
    return cleaned


def check_known(steps: Sequence[str], level: Level, journey_map: JourneyMap | None) -> None:
    """Steps at the touchpoint or stage level must be ids on the map."""
    if journey_map is None or level is Level.ACTIVITY:
        return
    if level is Level.TOUCHPOINT:
        known = [t.id for t in journey_map.touchpoints()]
    else:
        known = [s.id for s in journey_map.stages]
    for step in steps:
        if step not in known:
            raise InputError("analytics.unknown_step", step=step, level=level.value, known=known)
