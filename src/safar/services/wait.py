"""The expected wait per queue (زمان انتظار تقریبی): ``safar contact wait-estimate``, the page
``/w/{ws}/contact-centre/wait``, ``GET /api/v1/workspaces/{ws}/contact-centre/wait`` and the notice a
website or IVR shows (``…/contact-centre/wait-notice``) all call :func:`wait_estimate` with a
:class:`WaitQuery` and show the :class:`WaitEstimate` it returns.

The estimate is as of the data's newest contact event (a dataset fed as contacts happen is live); the
methods and their check on past contacts are those of :mod:`safar.insights.waits`.

>>> WaitQuery(dataset="calls", enter="queued", answer="answered", window="15m").window_seconds()
900.0
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from safar.analytics._common import parse_duration
from safar.errors import InputError
from safar.services.contact import ContactRolesQuery

if TYPE_CHECKING:
    from safar.context import Context

__all__ = ["MethodCheck", "QueueWait", "WaitEstimate", "WaitQuery", "wait_estimate"]


class WaitQuery(ContactRolesQuery):
    """The roles of a contact-centre report, one queue (all when empty) and the window of the recent mean."""

    queue: str = Field(default="", max_length=200, description="One queue; every queue when empty.")
    window: str = Field(
        default="30m", max_length=20, description="How far back the recent mean looks, e.g. 30m."
    )

    def window_seconds(self) -> float:
        seconds = parse_duration(self.window).total_seconds()
        if seconds <= 0:
            raise InputError("contact.negative_threshold", option="--window", value=self.window)
        return seconds


class MethodCheck(BaseModel):
    """How a method did on the queue's past answered contacts (errors in seconds)."""

    method: Literal["last", "recent"]
    answered: int
    estimated: int = Field(description="Answered contacts the method could estimate.")
    mean_abs_error: float | None
    median_abs_error: float | None
    within_minute: float | None = Field(description="Share 0–1 of estimates within a minute of the wait.")


class QueueWait(BaseModel):
    queue: str | None = Field(description="None: the contacts without a queue.")
    estimate_seconds: float | None = Field(description="None when stale: no answer within the window.")
    method: Literal["last", "recent"] = Field(description="The method with the smaller mean absolute error.")
    stale: bool
    last_answer: dt.datetime | None = Field(description="The newest answer of the queue (UTC).")
    waiting_now: int = Field(description="Contacts that entered by then and were not answered or abandoned.")
    longest_waiting_seconds: float | None
    checks: list[MethodCheck]
    notice: str = Field(description="What to show customers, in the reader's language.")


class WaitEstimate(BaseModel):
    query: WaitQuery
    at: dt.datetime | None = Field(
        description="The data's newest contact event (UTC): the estimate's moment."
    )
    window_seconds: float
    queues: list[QueueWait]


def wait_estimate(ctx: Context, query: WaitQuery) -> WaitEstimate:
    """The expected wait of each queue of ``query.dataset`` (or of ``query.queue``) as of its newest
    contact event, with each method's check on the past contacts; kept until the dataset's next load
    (:func:`safar.services.results.for_dataset`): a website or phone line asking for the notice every few
    seconds reads it in milliseconds."""
    from safar.services.results import for_dataset

    roles = query.roles()
    roles.check()
    query.window_seconds()  # a bad window is refused before anything is read
    if not ctx.has_warehouse() or not ctx.workspace.datasets():
        raise InputError("contact.no_dataset")
    ctx.workspace.require_dataset(query.dataset)
    return for_dataset(ctx, "contact.wait", query.dataset, query, WaitEstimate, lambda: _estimate(ctx, query))


def _estimate(ctx: Context, query: WaitQuery) -> WaitEstimate:
    import numpy as np

    from safar.analytics._common import arrow
    from safar.analytics.contact import contact_times
    from safar.insights import waits

    roles = query.roles()
    window = query.window_seconds()
    with ctx.warehouse() as warehouse:
        found = arrow(contact_times(warehouse.events(query.dataset), roles)).to_pandas()
    if found.empty:
        raise InputError("contact.no_contacts", column=roles.contact_col)
    wanted = query.queue.strip()
    if wanted:
        if wanted not in set(found["queue"].dropna()):
            known = sorted(set(found["queue"].dropna()))[:20]
            raise InputError("wait.unknown_queue", queue=wanted, known=known)
        found = found[found["queue"] == wanted]
    newest = float(np.nanmax(found[["enter", "answer", "abandon"]].to_numpy(dtype=float)))
    out = []
    for queue, part in found.groupby("queue", dropna=False, sort=True):
        enter = part["enter"].to_numpy(dtype=float)
        answer = part["answer"].to_numpy(dtype=float)
        abandon = part["abandon"].to_numpy(dtype=float)
        now = waits.estimate_at(enter, answer, window=window, at=newest)
        left = np.fmin(answer, abandon)
        waiting = (enter <= newest) & ~(left <= newest)
        out.append(
            QueueWait(
                queue=None if queue is None or queue != queue else str(queue),
                estimate_seconds=now.estimate,
                method=now.method,
                stale=now.stale,
                last_answer=None if now.last_answer is None else _moment(now.last_answer),
                waiting_now=int(waiting.sum()),
                longest_waiting_seconds=float(newest - enter[waiting].min()) if waiting.any() else None,
                checks=[
                    MethodCheck(**vars(waits.check(m, enter, answer, window=window))) for m in waits.METHODS
                ],
                notice=waits.notice_text(now.estimate, ctx.lang),
            )
        )
    out.sort(key=lambda q: (q.queue is None, q.queue or ""))
    return WaitEstimate(query=query, at=_moment(newest), window_seconds=window, queues=out)


def _moment(epoch: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(round(epoch, 3), dt.UTC).replace(tzinfo=None)
