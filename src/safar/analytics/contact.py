"""The contact-centre report (گزارش مرکز تماس): the measures of :mod:`safar.metrics.contact` over a
dataset's events, overall, per group (queue, agent, group of agents, reason, channel, hour of day, weekday) and per
period.

The roles' columns are named as the file had them: a stored column (``customer_id``, ``channel``,
``resource``, ``lifecycle``, ``event_id``, and their source names such as ``org:resource``) or any
other column, which ingestion kept as an attribute. Hours, weekdays and periods are those of the
reader's calendar and time zone (:class:`safar.events.periods.Calendar`), taken at the moment the
contact entered the queue.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1, 8)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a"], "activity": ["in", "up"],
...     "ts": [t0, t0 + dt.timedelta(seconds=15)], "seq": [0, 1], "channel": ["phone"] * 2,
...     "resource": [None, None], "attributes": ['{"contact_id": "1"}'] * 2}))
>>> r = contact_report(ev, Roles(enter=("in",), answer=("up",)))
>>> r["overall"]["answered"], r["overall"]["service_level"], r["overall"]["speed_of_answer"]["p50"]
(1, 1.0, 15.0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import attribute, parse_duration, rows
from safar.errors import InputError
from safar.events.periods import GREGORIAN_UTC, Calendar, check_period, local_time, with_period
from safar.metrics import contact as m
from safar.metrics._order import seconds
from safar.model.journey import ContactCentre

BY = ("queue", "agent", "group", "reason", "channel", "hour", "weekday")
# Computes a table once and keeps it while the warehouse is open (Warehouse.materialise).
Keep = Callable[[ir.Table], ir.Table]
# A column name as the file or the XES standard spells it -> the stored column holding it.
STORED = {
    "customer_id": "customer_id",
    "case:concept:name": "customer_id",
    "channel": "channel",
    "case:channel": "channel",
    "resource": "resource",
    "org:resource": "resource",
    "lifecycle": "lifecycle",
    "lifecycle:transition": "lifecycle",
    "event_id": "event_id",
    "activity": "activity",
    "concept:name": "activity",
}
# Upper bounds (seconds) of the wait distribution's bins; the last bin is everything longer.
WAIT_BINS = (10, 20, 30, 60, 120, 300, 600, 1800, 3600, 86400)


@dataclass(frozen=True)
class Roles:
    """Which activities play each role, which columns name the contact, customer, queue and agent, and the
    thresholds: the SLA, the short abandon and the repeat window, in seconds."""

    enter: tuple[str, ...]
    answer: tuple[str, ...]
    abandon: tuple[str, ...] = ()
    end: tuple[str, ...] = ()
    reopen: tuple[str, ...] = ()
    hold: tuple[str, ...] = ()
    wrap: tuple[str, ...] = ()
    contact_col: str = "contact_id"
    customer_col: str = "customer_id"
    queue_col: str = "queue"
    agent_col: str = "agent"
    channel_col: str = "channel"
    group_col: str = "org:group"
    reason_col: str = "reason"
    score_col: str | None = None
    sla_seconds: float = m.SLA_SECONDS
    short_abandon_seconds: float = m.SHORT_ABANDON_SECONDS
    repeat_within_seconds: float = m.REPEAT_WITHIN_SECONDS

    def check(self) -> None:
        """Refuse roles that cannot be read: none to enter or answer, or one activity in two roles."""
        if not self.enter:
            raise InputError("contact.no_role", option="--enter")
        if not self.answer:
            raise InputError("contact.no_role", option="--answer")
        named = [
            ("--enter", self.enter),
            ("--answer", self.answer),
            ("--abandon", self.abandon),
            ("--end", self.end),
            ("--reopen", self.reopen),
            ("--hold", self.hold),
            ("--wrap", self.wrap),
        ]
        seen: dict[str, str] = {}
        for option, names in named:
            for name in names:
                if name in seen:
                    raise InputError("contact.role_twice", activity=name, first=seen[name], second=option)
                seen[name] = option
        thresholds = (
            ("--sla", self.sla_seconds),
            ("--short-abandon", self.short_abandon_seconds),
            ("--repeat-within", self.repeat_within_seconds),
        )
        for option, value in thresholds:
            if value <= 0:
                raise InputError("contact.negative_threshold", option=option, value=value)


def roles_of(centre: ContactCentre) -> Roles:
    """The roles a journey map's contact-centre block states (its key metrics read them)."""
    return Roles(
        enter=tuple(centre.enter),
        answer=tuple(centre.answer),
        abandon=tuple(centre.abandon),
        end=tuple(centre.end),
        reopen=tuple(centre.reopen),
        contact_col=centre.contact_col,
        queue_col=centre.queue_col,
        agent_col=centre.agent_col,
        sla_seconds=parse_duration(centre.sla).total_seconds(),
        short_abandon_seconds=parse_duration(centre.short_abandon).total_seconds(),
        repeat_within_seconds=parse_duration(centre.repeat_within).total_seconds(),
    )


def column(events: ir.Table, name: str) -> ir.StringValue:
    """The column ``name`` of the source file: a stored column, else the attribute of that key."""
    stored = STORED.get(name)
    if stored is not None and stored in events.columns:
        return events[stored].cast("string")
    return attribute(events, name)


def contact_events(events: ir.Table, roles: Roles) -> ir.Table:
    """The events with :data:`safar.metrics.contact.INPUT_COLUMNS`, read through ``roles``' column names."""
    return events.select(
        contact_id=column(events, roles.contact_col),
        customer_id=column(events, roles.customer_col),
        activity=events.activity,
        ts=events.ts,
        seq=events.seq,
        queue=column(events, roles.queue_col),
        agent=column(events, roles.agent_col),
        channel=column(events, roles.channel_col),
        team=column(events, roles.group_col),
        reason=column(events, roles.reason_col),
        # a satisfaction score only when its column is named: the report does not pay for it otherwise
        **({"score": column(events, roles.score_col).try_cast("float64")} if roles.score_col else {}),
    )


def _nullable(table: ir.Table) -> ir.Table:
    """``table`` with every column nullable: Ibis infers NOT NULL for some aggregates (a filtered minimum)
    that are NULL where nothing matched, and a table made from it would refuse those rows."""
    return table.cast({name: dtype.copy(nullable=True) for name, dtype in table.schema().items()})


def offered_contacts(
    events: ir.Table, roles: Roles, *, keep: Keep | None = None
) -> tuple[ir.Table, ir.Table, ir.Table]:
    """The events read through ``roles``, every contact (:func:`safar.metrics.contact.contacts_table`) and
    the offered ones with their repeats (:func:`safar.metrics.contact.with_repeats`). With ``keep`` (the
    warehouse's :meth:`~safar.warehouse.Warehouse.materialise`) the contacts are computed from the events
    once and kept for the caller's several reads, not read from the events again for each."""
    prepared = contact_events(events, roles)
    contacts = m.contacts_table(
        prepared,
        enter=roles.enter,
        answer=roles.answer,
        abandon=roles.abandon,
        end=roles.end,
        reopen=roles.reopen,
        hold=roles.hold,
        wrap=roles.wrap,
    )
    if keep is not None:
        contacts = keep(_nullable(contacts))
    offered = m.with_repeats(
        contacts.filter(contacts.status.isin(list(m.STATUSES))), within_seconds=roles.repeat_within_seconds
    )
    if keep is not None:
        offered = keep(_nullable(offered))
    return prepared, contacts, offered


def contact_times(events: ir.Table, roles: Roles) -> ir.Table:
    """The offered contacts (of a read status) with their queue and, in seconds since 1970, when they
    entered the queue, were answered and abandoned (NULL where not): what the wait estimate reads."""
    roles.check()
    c = m.contacts_table(
        contact_events(events, roles),
        enter=roles.enter,
        answer=roles.answer,
        abandon=roles.abandon,
        end=roles.end,
    )
    c = c.filter(c.status.isin(list(m.STATUSES)))
    return c.select(
        queue=c.queue,
        enter=seconds(c.enter_ts),
        answer=seconds(c.answer_ts),
        abandon=seconds(c.abandon_ts),
    )


def _key(offered: ir.Table, by: str, calendar: Calendar) -> ir.Value:
    if by == "hour":
        return local_time(offered.enter_ts, calendar.tz).hour().cast("string")
    if by == "weekday":  # ISO: Monday 1 … Sunday 7
        return (local_time(offered.enter_ts, calendar.tz).day_of_week.index() + 1).cast("string")
    return offered["team" if by == "group" else by]


def figures(row: dict[str, Any]) -> dict[str, Any]:
    """The report's figures of one row of :func:`safar.metrics.contact.measures` aggregations."""
    counts = {k: int(row[k] or 0) for k in ("offered", "answered", "abandoned", "short_abandoned", "open")}
    within, repeats = int(row["within_sla"] or 0), int(row["repeats"] or 0)
    transferred, resolved = int(row["transferred"] or 0), int(row["resolved_first"] or 0)
    known = int(row["fcr_known"] or 0)
    return {
        **counts,
        "customers": int(row["customers"] or 0),
        "answered_within_sla": within,
        "service_level": m.service_level(
            within, counts["answered"], counts["abandoned"], counts["short_abandoned"]
        ),
        "abandonment_rate": m.abandonment_rate(
            counts["answered"], counts["abandoned"], counts["short_abandoned"]
        ),
        "repeats": repeats,
        "repeat_share": m.repeat_share(repeats, counts["offered"]),
        "ended": int(row["ended"] or 0),
        "reopened": int(row["reopened"] or 0),
        "reopen_rate": m.reopen_rate(int(row["reopened"] or 0), int(row["ended"] or 0)),
        "transferred": transferred,
        "transfer_rate": m.transfer_rate(transferred, counts["answered"]),
        "resolved_first": resolved,
        "fcr_known": known,
        "fcr_pending": int(row["fcr_pending"] or 0),
        "first_contact_resolution": m.first_contact_resolution(resolved, known),
        "speed_of_answer": _spread(row, "wait"),
        "handle_time": _spread(row, "handle"),
        "talk_time": _mean(row, "talk"),
        "hold_time": _mean(row, "hold"),
        "wrap_time": _mean(row, "wrap"),
    }


def _mean(row: dict[str, Any], name: str) -> float | None:
    value = row.get(f"{name}_mean")
    return None if value is None or value != value else float(value)


def _spread(row: dict[str, Any], name: str) -> dict[str, Any]:
    n = int(row[f"{name}_n"] or 0)
    if n == 0:
        return {"n": 0, "mean": None, "p50": None, "p90": None}
    p50, p90 = (float(v) for v in row[f"{name}_quantiles"])
    return {"n": n, "mean": float(row[f"{name}_mean"]), "p50": p50, "p90": p90}


def contact_report(
    events: ir.Table,
    roles: Roles,
    *,
    by: str | None = None,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
    keep: Keep | None = None,
) -> dict[str, Any]:
    """The report as a document: overall figures, ``groups`` (with ``by``), ``periods`` (with ``period``;
    with both, one row per period and group), the wait distribution, the contacts not read by reason, and the
    events that name no contact."""
    roles.check()
    if by is not None and by not in BY:
        raise InputError("contact.bad_by", value=by, allowed=list(BY))
    if period is not None:
        check_period(period)
    prepared, contacts, offered = offered_contacts(events, roles, keep=keep)
    statuses = {r["status"]: int(r["n"]) for r in rows(contacts.group_by("status").agg(n=contacts.count()))}
    if not statuses:
        raise InputError("contact.no_contacts", column=roles.contact_col)
    without = prepared.filter(prepared.contact_id.isnull())
    events_without_contact = int(rows(without.agg(n=without.count()))[0]["n"] or 0)
    aggs = m.measures(
        offered,
        sla_seconds=roles.sla_seconds,
        short_abandon_seconds=roles.short_abandon_seconds,
        split=bool(roles.hold or roles.wrap),
    )
    overall = figures(rows(offered.agg(**aggs))[0])
    groups: list[dict[str, Any]] = []
    if by is not None or period is not None:
        keyed = offered
        names: list[str] = []
        if period is not None:
            keyed = with_period(keyed, period, calendar, time_col="enter_ts")
            names.append("period")
        if by is not None:
            keyed = keyed.mutate(group=_key(keyed, by, calendar))
            names.append("group")
        found = rows(
            keyed.group_by(names).agg(
                **m.measures(
                    keyed,
                    sla_seconds=roles.sla_seconds,
                    short_abandon_seconds=roles.short_abandon_seconds,
                    split=bool(roles.hold or roles.wrap),
                )
            )
        )
        for row in found:
            groups.append({"period": row.get("period"), "group": row.get("group"), **figures(row)})
        groups.sort(key=lambda g: (g["period"] or dt.date.min, _order(g["group"], by, calendar)))
    return {
        "overall": overall,
        "by": by,
        "period": period,
        "groups": groups,
        "backlog": _backlog(offered, period, calendar) if period is not None else [],
        "wait_distribution": _bins(offered),
        "not_read": {p: statuses.get(p, 0) for p in m.PROBLEMS},
        "events_without_contact": events_without_contact,
    }


def _backlog(offered: ir.Table, period: str, calendar: Calendar) -> list[dict[str, Any]]:
    """Per period with a contact entering or leaving the queue, in order: how many entered, how many left
    it (answered or abandoned) and the backlog at its end (:func:`safar.metrics.contact.backlog`)."""
    came = with_period(offered, period, calendar, time_col="enter_ts")
    entered = {r["period"]: int(r["n"]) for r in rows(came.group_by("period").agg(n=came.count()))}
    done = offered.mutate(_left=offered.answer_ts.coalesce(offered.abandon_ts))
    done = with_period(done.filter(done._left.notnull()), period, calendar, time_col="_left")
    left = {r["period"]: int(r["n"]) for r in rows(done.group_by("period").agg(n=done.count()))}
    periods = sorted(set(entered) | set(left))
    ins, outs = [entered.get(p, 0) for p in periods], [left.get(p, 0) for p in periods]
    return [
        {"period": p, "entered": e, "left": g, "open_at_end": b}
        for p, e, g, b in zip(periods, ins, outs, m.backlog(ins, outs), strict=True)
    ]


def _order(group: str | None, by: str | None, calendar: Calendar) -> tuple[int, float, str]:
    """Groups in the reader's order: hours and weekdays by number (a Jalali week from Saturday), the rest
    by name, the contacts without a value last."""
    if group is None:
        return (1, 0.0, "")
    if by == "weekday" and calendar.system == "jalali":  # Saturday (6) first, Friday (5) last
        return (0, float((int(group) + 1) % 7), "")
    if by in ("hour", "weekday"):
        return (0, float(group), "")
    return (0, 0.0, group)


def _bins(offered: ir.Table) -> list[dict[str, Any]]:
    """Answered contacts by wait: each bin's upper bound in seconds (None for the last, open one) and count."""
    answered = offered.filter(offered.status == "answered")
    bin_of = ibis.cases(
        *[(answered.wait <= bound, i) for i, bound in enumerate(WAIT_BINS)], else_=len(WAIT_BINS)
    )
    counted = {
        int(r["bin"]): int(r["n"]) for r in rows(answered.group_by(bin=bin_of).agg(n=answered.count()))
    }
    if not counted:
        return []
    last = max(counted)
    bounds: list[float | None] = [*(float(b) for b in WAIT_BINS), None]
    lower = [0.0, *(float(b) for b in WAIT_BINS)]
    return [
        {"from_seconds": lower[i], "to_seconds": bounds[i], "contacts": counted.get(i, 0)}
        for i in range(last + 1)
    ]
