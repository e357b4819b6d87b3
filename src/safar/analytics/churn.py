"""Churn of a dataset's customers (رویگردانی مشتری): how many have churned, and in which cohorts.

Churn is :func:`safar.metrics.churn.churn_status` (inactivity for ``inactive``, or an explicit churn event);
the moment of reading is the data's last event unless ``as_of`` is given. Customers are counted per cohort
(the period of their first event, as :mod:`safar.analytics.retention` cuts it), so a manager sees which
cohorts leave.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b"], "activity": ["x"] * 3,
...     "ts": [t0, t0 + dt.timedelta(days=100), t0], "seq": [0, 1, 2]}))
>>> r = churn(ev, inactive=dt.timedelta(days=30))
>>> (r.customers, r.churned, r.share, r.as_of)
(2, 1, 0.5, '2024-04-10T00:00:00')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir

from safar.analytics._common import Filters, apply_filters, rows, share
from safar.events.periods import GREGORIAN_UTC, Calendar, check_period, with_period
from safar.metrics.churn import churn_status

__all__ = ["ChurnResult", "churn", "last_moment"]


@dataclass(frozen=True)
class CohortChurn:
    start: dt.date
    customers: int
    churned: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "customers": self.customers,
            "churned": self.churned,
            "share": share(self.churned, self.customers),
        }


@dataclass(frozen=True)
class ChurnResult:
    as_of: str | None
    inactive_days: float | None
    churn_event: str | None
    customers: int
    churned: int
    period: str
    cohorts: tuple[CohortChurn, ...]

    @property
    def share(self) -> float | None:
        return share(self.churned, self.customers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "inactive_days": self.inactive_days,
            "churn_event": self.churn_event,
            "customers": self.customers,
            "churned": self.churned,
            "active": self.customers - self.churned,
            "share": self.share,
            "period": self.period,
            "cohorts": [c.to_dict() for c in self.cohorts],
        }


def last_moment(events: ir.Table) -> dt.datetime | None:
    """The data's last event (naive UTC), the default moment churn is read at."""
    found = events.ts.max().to_pyarrow().as_py()
    return found if isinstance(found, dt.datetime) else None


def churn(
    events: ir.Table,
    *,
    inactive: dt.timedelta | None = None,
    churn_event: str | None = None,
    as_of: dt.datetime | None = None,
    period: str = "month",
    calendar: Calendar = GREGORIAN_UTC,
    filters: Filters | None = None,
) -> ChurnResult:
    """Customers who have churned at ``as_of``, in all and per cohort of ``period``."""
    check_period(period)
    events = apply_filters(events, filters)
    moment = as_of or last_moment(events)
    days = inactive.total_seconds() / 86400 if inactive is not None else None
    if moment is None:
        return ChurnResult(None, days, churn_event, 0, 0, period, ())
    status = churn_status(events, as_of=moment, inactive=inactive, churn_event=churn_event)
    cut = with_period(status, period, calendar, time_col="first_ts", name="cohort")
    per = cut.group_by("cohort").agg(customers=cut.count(), churned=cut.churned.cast("int64").sum())
    found = sorted(rows(per), key=lambda r: r["cohort"])
    cohorts = tuple(CohortChurn(r["cohort"], int(r["customers"]), int(r["churned"] or 0)) for r in found)
    return ChurnResult(
        moment.isoformat(),
        days,
        churn_event,
        sum(c.customers for c in cohorts),
        sum(c.churned for c in cohorts),
        period,
        cohorts,
    )
