"""Churn (رویگردانی مشتری), defined once, as an Ibis expression over a dataset's events.

A customer has **churned** at a moment ``as_of`` (by default the data's last event):

- by **inactivity** (``inactive``, e.g. 90 days): their last event at or before ``as_of`` is more than
  ``inactive`` before it; they churned at that last event + ``inactive``;
- or, when the data says so, by an **explicit churn event** (``churn_event``, an activity such as «لغو
  قرارداد» / "contract cancelled"): they have that event at or before ``as_of`` and no event after it (a
  customer who came back has not churned); they churned at that event.

Only customers with an event at or before ``as_of`` are counted. Every surface (``safar analyze churn``, the
retention page, its API twin, the churn-risk model's labels) reads :func:`churn_status`.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b", "c", "c"],
...     "activity": ["buy", "buy", "buy", "buy", "cancel"],
...     "ts": [t0, t0 + dt.timedelta(days=100), t0, t0 + dt.timedelta(days=90), t0 + dt.timedelta(days=95)],
...     "seq": [0, 1, 2, 3, 4]}))
>>> s = churn_status(ev, as_of=t0 + dt.timedelta(days=100), inactive=dt.timedelta(days=30))
>>> sorted((r["customer_id"], r["churned"]) for r in s.to_pyarrow().to_pylist())
[('a', False), ('b', True), ('c', False)]
>>> s = churn_status(ev, as_of=t0 + dt.timedelta(days=100), churn_event="cancel")
>>> sorted((r["customer_id"], r["churned"]) for r in s.to_pyarrow().to_pylist())
[('a', False), ('b', False), ('c', True)]
"""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir

from safar.errors import InputError

__all__ = ["churn_status"]


def churn_status(
    events: ir.Table,
    *,
    as_of: dt.datetime,
    inactive: dt.timedelta | None = None,
    churn_event: str | None = None,
) -> ir.Table:
    """One row per customer with an event at or before ``as_of``: ``first_ts``, ``last_ts``, ``events``,
    ``churned`` and ``churned_at`` (NULL while they have not)."""
    if (inactive is None) == (churn_event is None):
        raise InputError("churn.one_rule")
    seen = events.filter(events.ts <= as_of)
    if churn_event is None:
        assert inactive is not None
        per = seen.group_by("customer_id").agg(
            first_ts=seen.ts.min(), last_ts=seen.ts.max(), events=seen.count()
        )
        gone = per.last_ts < ibis.literal(as_of) - ibis.interval(seconds=int(inactive.total_seconds()))
        return per.mutate(
            churned=gone,
            churned_at=ibis.ifelse(
                gone, per.last_ts + ibis.interval(seconds=int(inactive.total_seconds())), ibis.null()
            ),
        )
    is_churn = seen.activity == churn_event
    per = seen.group_by("customer_id").agg(
        first_ts=seen.ts.min(),
        last_ts=seen.ts.max(),
        events=seen.count(),
        last_churn=is_churn.ifelse(seen.ts, ibis.null()).max(),
        last_other=(~is_churn).ifelse(seen.ts, ibis.null()).max(),
    )
    gone = per.last_churn.notnull() & (per.last_other.isnull() | (per.last_other <= per.last_churn))
    return per.mutate(churned=gone, churned_at=ibis.ifelse(gone, per.last_churn, ibis.null())).drop(
        "last_churn", "last_other"
    )
