"""Contact-centre key metrics (docs/kpis.md): service level, abandonment, speed of answer, handle time,
first-contact resolution, repeat contacts and transfers, measured at a touchpoint, a stage or the whole
map, through the map's ``contact_centre`` roles.

The contacts are those of :mod:`safar.metrics.contact` (the contact-centre report's, with the same
definitions); a contact belongs to a scope when one of its events is bound to a touchpoint of the scope
(for the whole map: to any touchpoint). Repeats are counted among all the dataset's contacts, as in the
report: a call about a claim two days after a call about a quote repeats it, wherever each was bound.
In a trend a contact belongs to the period in which it entered the queue. Shares are in percent with a
Wilson interval; times are means in seconds (the caller scales them to the metric's unit).

>>> import ibis, datetime as dt, pyarrow as pa
>>> from safar.analytics.binding import bind_events
>>> from safar.analytics.contact import Roles, offered_contacts
>>> from safar.model import JourneyMap, Stage, Touchpoint, BindingRule
>>> m = JourneyMap(title="t", stages=[Stage(id="s", name="S", touchpoints=[
...     Touchpoint(id="line", name="Line", channel="phone", bind=[BindingRule(channel="phone")])])])
>>> t0 = dt.datetime(2024, 1, 1, 8)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b"], "activity": ["in", "up", "in"],
...     "ts": [t0, t0 + dt.timedelta(seconds=15), t0], "seq": [0, 1, 2], "channel": ["phone"] * 3,
...     "resource": [None] * 3, "attributes": ['{"contact_id": "1"}'] * 2 + ['{"contact_id": "2"}']}))
>>> roles = Roles(enter=("in",), answer=("up",))
>>> inside = contacts_in(offered_contacts(ev, roles)[2], contact_places(bind_events(ev, m), roles), None)
>>> [contact_value(k, r) for k in ("service_level", "speed_of_answer") for r in contact_counts(inside, roles)]
[{'value': 100.0, 'n': 1, 'low': 20.6549, 'high': 100.0, 'period': None}, {'value': 15.0, 'n': 1, 'low': None, 'high': None, 'period': None}]
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import ibis.expr.types as ir

from safar.analytics._common import rows
from safar.analytics.contact import Roles, column
from safar.events.periods import GREGORIAN_UTC, Calendar, with_period
from safar.metrics import contact as m
from safar.metrics.stats import wilson_interval

# The measure kinds read from contacts: each share of safar.metrics.contact.SHARES it names, and the means.
SHARE_KINDS = (
    "service_level",
    "abandonment_rate",
    "first_contact_resolution",
    "repeat_share",
    "transfer_rate",
)
TIME_KINDS = {"speed_of_answer": "wait", "handle_time": "handle"}
CONTACT_KINDS = (*SHARE_KINDS, *TIME_KINDS)
CONFIDENCE = 0.95

Row = dict[str, Any]


def contact_places(bound: ir.Table, roles: Roles) -> ir.Table:
    """Each contact with each touchpoint one of its events is bound to (``contact_id``, ``touchpoint_id``),
    from ``bound``: the events with their ``touchpoint_id`` (:func:`safar.analytics.binding.bind_events`)."""
    pairs = bound.select(contact_id=column(bound, roles.contact_col), touchpoint_id=bound.touchpoint_id)
    return pairs.filter(pairs.contact_id.notnull() & pairs.touchpoint_id.notnull()).distinct()


def contacts_in(offered: ir.Table, places: ir.Table, scope: Collection[str] | None) -> ir.Table:
    """The ``offered`` contacts (:func:`safar.analytics.contact.offered_contacts`) with an event in ``scope``
    (touchpoint ids; ``None``: any touchpoint), by their :func:`contact_places`."""
    picked = places if scope is None else places.filter(places.touchpoint_id.isin(sorted(scope)))
    ids = picked.select("contact_id").distinct()
    return offered.semi_join(ids, offered.contact_id == ids.contact_id)


def contact_counts(
    inside: ir.Table, roles: Roles, period: str | None = None, calendar: Calendar = GREGORIAN_UTC
) -> list[Row]:
    """The counts and spreads of ``inside`` (:func:`safar.metrics.contact.measures`): one row, or one per
    period in which contacts entered the queue (with ``period``), in order."""
    if period is None:
        aggs = m.measures(
            inside, sla_seconds=roles.sla_seconds, short_abandon_seconds=roles.short_abandon_seconds
        )
        return [{**r, "period": None} for r in rows(inside.agg(**aggs))]
    keyed = with_period(inside, period, calendar, time_col="enter_ts")
    aggs = m.measures(keyed, sla_seconds=roles.sla_seconds, short_abandon_seconds=roles.short_abandon_seconds)
    return sorted(rows(keyed.group_by("period").agg(**aggs)), key=lambda r: r["period"])


def contact_value(kind: str, counts: Row) -> Row:
    """The value of contact ``kind`` from one row of :func:`contact_counts`: a share in percent of its
    whole with a Wilson interval, or a mean time in seconds over the contacts that have it."""
    if kind in TIME_KINDS:
        name = TIME_KINDS[kind]
        n = int(counts[f"{name}_n"] or 0)
        mean = counts[f"{name}_mean"]
        value = float(mean) if n and mean is not None else None
        return {"value": value, "n": n, "low": None, "high": None, "period": counts.get("period")}
    part, whole = m.share_parts(kind, {k: int(counts[k] or 0) for k in m.COUNTS})
    if whole <= 0:
        return {"value": None, "n": 0, "low": None, "high": None, "period": counts.get("period")}
    low, high = wilson_interval(part, whole, CONFIDENCE)
    return {
        "value": round(100 * part / whole, 4),
        "n": whole,
        "low": round(100 * low, 4),
        "high": round(100 * high, 4),
        "period": counts.get("period"),
    }
