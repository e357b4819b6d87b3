"""Channel responsiveness (پاسخگویی کانال): how fast requests get a response, per channel.

A request (درخواست) is an event whose activity is one of ``request``; it is
answered by the customer's first event after it (in ``(ts, seq)`` order) whose
activity is one of ``response``. Several requests before one response are each
answered by it, each timed from its own moment. Response time (زمان پاسخ) is
``ts(response) − ts(request)`` in seconds; a request with no later response is
unanswered (بی‌پاسخ); the definition is :func:`safar.metrics.behaviour.requests_table`. With an SLA, a request is answered within SLA when its
response time is at most the SLA. Shares are of all requests. A request counts
under its own channel.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b"], "activity": ["ask", "reply", "ask"],
...     "ts": [t0, t0 + dt.timedelta(minutes=5), t0], "seq": [0, 1, 2], "channel": ["tw", "tw", "tw"]}))
>>> r = channels(ev, request=["ask"], response=["reply"]).to_dict()["overall"]
>>> r["requests"], r["unanswered_share"], r["response_seconds"]["median"]
(2, 0.5, 300.0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import Distribution, Filters, apply_filters, distribution, rows
from safar.analytics._common import share as ratio
from safar.errors import InputError
from safar.metrics.behaviour import activity_requests


def responses_table(events: ir.Table, request: Sequence[str], response: Sequence[str]) -> ir.Table:
    """One row per request: customer_id, channel, ts, ``answered_ts`` (NULL when unanswered), ``gap`` seconds."""
    return activity_requests(events, request, response)


def _summary_aggs(req: ir.Table, sla: dt.timedelta | None) -> dict[str, Any]:
    aggs: dict[str, Any] = {"requests": req.count(), "answered": req.answered_ts.count()}
    if sla is not None:
        aggs["within_sla"] = (req.gap <= sla.total_seconds()).fill_null(False).cast("int64").sum()
    return {**aggs, **distribution(req.gap)}


@dataclass(frozen=True)
class Responsiveness:
    channel: str | None
    requests: int
    answered: int
    within_sla: int | None
    response_seconds: Distribution

    @classmethod
    def from_row(cls, row: dict[str, Any], channel: str | None) -> Responsiveness:
        within = None if "within_sla" not in row else int(row["within_sla"] or 0)
        return cls(
            channel, int(row["requests"] or 0), int(row["answered"] or 0), within, Distribution.from_row(row)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "requests": self.requests,
            "answered": self.answered,
            "unanswered": self.requests - self.answered,
            "unanswered_share": ratio(self.requests - self.answered, self.requests),
            "within_sla": self.within_sla,
            "within_sla_share": None if self.within_sla is None else ratio(self.within_sla, self.requests),
            "response_seconds": self.response_seconds.to_dict(),
        }


@dataclass(frozen=True)
class ChannelsResult:
    request: tuple[str, ...]
    response: tuple[str, ...]
    sla_seconds: float | None
    overall: Responsiveness
    channels: tuple[Responsiveness, ...]

    def to_dict(self) -> dict[str, Any]:
        overall = self.overall.to_dict()
        del overall["channel"]
        return {
            "request": list(self.request),
            "response": list(self.response),
            "sla_seconds": self.sla_seconds,
            "overall": overall,
            "channels": [c.to_dict() for c in self.channels],
        }


def channels(
    events: ir.Table,
    *,
    request: Sequence[str],
    response: Sequence[str],
    sla: dt.timedelta | None = None,
    filters: Filters | None = None,
) -> ChannelsResult:
    """Response times, unanswered share and share within SLA of request → response pairs, per channel."""
    request, response = [r for r in request if r], [r for r in response if r]
    if not request or not response:
        raise InputError("analytics.no_requests")
    overlap = sorted(set(request) & set(response))
    if overlap:
        raise InputError("analytics.request_response_overlap", activities=overlap)
    req = responses_table(apply_filters(events, filters), request, response)
    null = ibis.null().cast("string")
    parts = [
        req.agg(**_summary_aggs(req, sla)).mutate(overall=True, channel=null),
        req.group_by("channel").agg(**_summary_aggs(req, sla)).mutate(overall=False),
    ]
    columns = ["overall", "channel", *_summary_aggs(req, sla)]
    both = ibis.union(*[p.select(*columns) for p in parts], distinct=False)
    found = rows(both)
    overall = next(r for r in found if r["overall"])
    per = sorted(
        (Responsiveness.from_row(r, r["channel"]) for r in found if not r["overall"]),
        key=lambda c: (-c.requests, c.channel is None, c.channel or ""),
    )
    return ChannelsResult(
        request=tuple(request),
        response=tuple(response),
        sla_seconds=None if sla is None else sla.total_seconds(),
        overall=Responsiveness.from_row(overall, None),
        channels=tuple(per),
    )
