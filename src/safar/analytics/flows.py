"""Paths from and to a step (مسیر از / به یک گام): where customers go after a touchpoint, and how they come to it.

Each customer's journey is read in ``(ts, seq)`` order. At the activity level every event is a step; at the
touchpoint level an event bound to a touchpoint is that touchpoint, and an event the map does not bind is kept
as ``OFF_MAP`` + its activity — the paths that leave the designed journey are shown, not hidden.

- **From** a step: the customer's *first* visit there is the anchor; the ``depth`` steps after it are their
  path, ending in :data:`END` when the journey ends sooner (they left). ``next`` counts the step right after.
- **To** a step: the anchor is the first visit there; the ``depth`` steps before it, beginning with
  :data:`START` when the journey began sooner. ``next`` counts the step right before.

Each customer with the step counts once in a path: the paths' counts add up to ``customers``.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "a", "b", "b"],
...     "activity": ["visit", "cart", "buy", "visit", "leave"], "ts": [t0] * 5, "seq": [0, 1, 2, 3, 4]}))
>>> r = flows(ev, "cart", depth=2)
>>> (r.customers, [(p.steps, p.customers) for p in r.paths])
(1, [(('buy', '(end)'), 1)])
>>> [(n.step, n.customers) for n in flows(ev, "visit", depth=1).next]
[('cart', 1), ('leave', 1)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import (
    Filters,
    Level,
    apply_filters,
    as_level,
    check_known,
    customer_window,
    rows,
)
from safar.errors import InputError
from safar.model import JourneyMap

__all__ = ["END", "OFF_MAP", "START", "FlowResult", "flow_members", "flow_table", "flows"]

END, START, OFF_MAP = "(end)", "(start)", "~"


@dataclass(frozen=True)
class FlowPath:
    steps: tuple[str, ...]
    customers: int


@dataclass(frozen=True)
class FlowStep:
    step: str
    customers: int


@dataclass(frozen=True)
class FlowResult:
    step: str
    direction: str  # from, to
    depth: int
    customers: int
    next: tuple[FlowStep, ...]  # the step right after (from) or right before (to), most customers first
    paths: tuple[FlowPath, ...]  # the top paths
    other: int  # customers on paths not listed

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "direction": self.direction,
            "depth": self.depth,
            "customers": self.customers,
            "next": [
                {"step": s.step, "customers": s.customers, "share": s.customers / self.customers}
                for s in self.next
            ],
            "paths": [{"steps": list(p.steps), "customers": p.customers} for p in self.paths],
            "other": self.other,
        }


def _steps(events: ir.Table, level: Level, journey_map: JourneyMap | None) -> ir.Table:
    """customer_id, ts, seq, step (a touchpoint, or ``~activity`` off the map), pos."""
    if level is Level.ACTIVITY:
        path = events.select("customer_id", "ts", "seq", step=events.activity)
    elif level is Level.TOUCHPOINT:
        if journey_map is None:
            raise InputError("analytics.map_required", level=level.value)
        from safar.analytics.binding import bind_events

        bound = bind_events(events, journey_map)
        step = bound.touchpoint_id.fill_null(ibis.literal(OFF_MAP) + bound.activity)
        path = bound.select("customer_id", "ts", "seq", step=step)
    else:
        raise InputError("analytics.bad_level", value=level.value, allowed=["activity", "touchpoint"])
    return path.mutate(pos=ibis.row_number().over(customer_window()))


def flow_table(
    events: ir.Table,
    step: str,
    *,
    direction: str = "from",
    depth: int = 3,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> ir.Table:
    """Per customer with ``step``: ``customer_id`` and ``s1`` … ``s{depth}``, the steps after (``from``) or before
    (``to``) their first ``step``, nearest first: :data:`END` / :data:`START` where the journey ended / began
    sooner, then empty."""
    if direction not in ("from", "to"):
        raise InputError("analytics.bad_direction", value=direction)
    if not 1 <= depth <= 10:
        raise InputError("analytics.bad_depth", value=depth)
    level = as_level(level)
    check_known([step], level, journey_map)
    path = _steps(apply_filters(events, filters), level, journey_map)
    at = path.filter(path.step == step)
    anchor = at.group_by("customer_id").agg(a=at.pos.min())
    last = path.group_by("customer_id").agg(n=path.pos.max())
    joined = path.join(anchor, "customer_id")
    sign = 1 if direction == "from" else -1
    marker = END if direction == "from" else START
    columns: dict[str, Any] = {}
    for k in range(1, depth + 1):
        here = joined.pos == joined.a + sign * k
        columns[f"s{k}"] = here.ifelse(joined.step, ibis.null().cast("string")).max()
    per = joined.group_by("customer_id").agg(**columns).join(last, "customer_id").join(anchor, "customer_id")
    # the first missing step is where the journey ended (from) or began (to); later ones stay empty
    filled = {}
    for k in range(1, depth + 1):
        # positions count from 0 (Ibis's row_number)
        gone = (per.a + sign * k > per.n) if direction == "from" else (per.a + sign * k < 0)
        edge = (per.a + sign * (k - 1) == per.n) if direction == "from" else (per.a + sign * (k - 1) == 0)
        filled[f"s{k}"] = ibis.cases(
            (~gone, per[f"s{k}"]), (edge, ibis.literal(marker)), else_=ibis.null().cast("string")
        )
    return per.select("customer_id", **filled)


def flow_members(
    events: ir.Table,
    step: str,
    path: tuple[str, ...],
    *,
    direction: str = "from",
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> ir.Table:
    """The customers (``customer_id``) a path of :func:`flows` counts: their steps from ``step`` begin with
    ``path`` (as :class:`FlowPath` lists it: in time order, so for ``to`` the step right before ``step`` is
    last). One step is a ``next`` row; a whole path of the listing is a path row."""
    if not path or len(path) > 10:
        raise InputError("analytics.bad_depth", value=len(path))
    nearest_first = path if direction == "from" else tuple(reversed(path))
    shaped = flow_table(
        events,
        step,
        direction=direction,
        depth=len(path),
        level=level,
        journey_map=journey_map,
        filters=filters,
    )
    return shaped.filter(*(shaped[f"s{k}"] == s for k, s in enumerate(nearest_first, 1))).select(
        "customer_id"
    )


def flows(
    events: ir.Table,
    step: str,
    *,
    direction: str = "from",
    depth: int = 3,
    top: int = 10,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> FlowResult:
    """The paths of ``depth`` steps after (``from``) or before (``to``) each customer's first ``step``."""
    shaped = flow_table(
        events, step, direction=direction, depth=depth, level=level, journey_map=journey_map, filters=filters
    )
    keys = [f"s{k}" for k in range(1, depth + 1)]
    counted = shaped.group_by(keys).agg(customers=shaped.count())
    found = rows(counted)
    customers = sum(int(r["customers"]) for r in found)
    firsts: dict[str, int] = {}
    for r in found:
        firsts[r["s1"]] = firsts.get(r["s1"], 0) + int(r["customers"])
    listed = sorted(found, key=lambda r: (-int(r["customers"]), [str(r[k] or "") for k in keys]))
    shown = listed[:top]
    paths = tuple(
        FlowPath(
            tuple(str(r[k]) for k in keys if r[k] is not None)
            if direction == "from"
            else tuple(str(r[k]) for k in reversed(keys) if r[k] is not None),
            int(r["customers"]),
        )
        for r in shown
    )
    next_steps = tuple(FlowStep(s, n) for s, n in sorted(firsts.items(), key=lambda kv: (-kv[1], kv[0])))
    return FlowResult(
        step,
        direction,
        depth,
        customers,
        next_steps,
        paths,
        customers - sum(p.customers for p in paths),
    )
