"""Contact-centre measures (معیارهای مرکز تماس), each defined once, over one row per contact.

A *contact* (تماس) is every event that carries the same contact id. Its events are named by role: it
*enters the queue* (ورود به صف), is *answered* (پاسخ) or *abandoned* (رها شدن) by the customer, and may
*end* (پایان). From the first event of each role (the last one for the end):

- **offered** (عرضه‌شده): contacts that entered the queue and whose events are in order;
- **answered** / **abandoned**: offered contacts with an answer / an abandon event; **open** (باز، در
  صف): offered contacts with neither (the backlog), counted, never dropped;
- **wait** (انتظار): seconds from entering the queue to the answer (or to the abandon);
- **short abandon** (رهاشدن کوتاه): an abandon after a wait under ``short_abandon_seconds``
  (:data:`SHORT_ABANDON_SECONDS`, 5 s): a wrong number or a customer who changed their mind;
- **abandonment rate** (نرخ رهاشدن): abandoned minus short abandons, of answered plus abandoned minus
  short abandons (open contacts have no outcome yet);
- **service level** (سطح خدمت): contacts answered within ``sla_seconds`` (wait ≤ SLA, :data:`SLA_SECONDS`,
  20 s), of answered plus abandoned minus short abandons;
- **speed of answer** (سرعت پاسخ): the wait of answered contacts: mean (ASA), median (p50) and p90;
- **handle time** (زمان رسیدگی): seconds from the answer to the end, for answered contacts with an end;
- **repeat contact** (تماس تکراری): an offered contact of a customer who entered the queue before, at most
  ``repeat_within_seconds`` (:data:`REPEAT_WITHIN_SECONDS`, 7 days) earlier; its share is of offered;
- **transferred** (انتقال‌یافته): an answered contact whose events, other than entering the queue (whose
  resource is the dispatcher or the system), name two or more agents: handed from one agent to another;
  the **transfer rate** (نرخ انتقال) is of answered contacts;
- **reopened** (بازگشایی‌شده): a contact with an event of the *reopen* role after its first end (a ticket
  closed, then opened again); the **reopen rate** (نرخ بازگشایی) is of the answered contacts that ended;
- **first-contact resolution** (حل در اولین تماس, FCR): an answered contact of a known customer is
  *resolved at first contact* when the customer does not enter the queue again within the repeat window
  after it. Whether that is so is *known* once the customer came back within the window, or once the
  window has passed by the newest contact of the data; the rate is resolved of known, and the answered
  contacts whose window is still open are counted (``fcr_pending``), never guessed;
- **customers** (مشتریان یکتا): distinct customers of the offered contacts, beside the contact counts;
- **backlog** (کار مانده) at a period's end: offered contacts that entered the queue by then and were not
  answered or abandoned by then (open contacts stay in it);
- **satisfaction** (رضایت) of a contact: the last score its events carry (a post-contact survey's);
- **expected rate** (نرخ مورد انتظار) of an agent or group on a contact reason, for routing: its own
  successes and the reason's rate counted as ``weight`` (:data:`ROUTE_WEIGHT`, 10) contacts more, so a
  handful of lucky contacts does not make a specialist; the **expected mean** (handle time, satisfaction)
  likewise.

A contact is *not read* (and counted under its reason, :data:`PROBLEMS`) when it has no enter event,
has both an answer and an abandon, is answered or abandoned before it entered, ends before it was answered
or abandoned, or ends without either.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> def at(s): return t0 + dt.timedelta(seconds=s)
>>> ev = ibis.memtable(pa.table({"contact_id": ["1", "1", "1", "2", "2"], "customer_id": ["a"] * 5,
...     "activity": ["in", "up", "bye", "in", "drop"], "ts": [at(0), at(12), at(72), at(100), at(103)],
...     "seq": [0, 1, 2, 3, 4], "queue": ["q"] * 5, "agent": [None, "z", None, None, None],
...     "channel": ["phone"] * 5, "team": ["t"] * 5, "reason": [None, "bill", None, None, None],
...     "score": [None, None, 4.0, None, None]}))
>>> c = contacts_table(ev, enter=["in"], answer=["up"], abandon=["drop"], end=["bye"])
>>> cols = ["contact_id", "status", "wait", "handle", "agent", "reason", "score"]
>>> [tuple(r[k] for k in cols) for r in c.order_by("contact_id").to_pyarrow().to_pylist()]
[('1', 'answered', 12.0, 60.0, 'z', 'bill', 4.0), ('2', 'abandoned', 3.0, None, None, None, None)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.metrics._order import seconds

SLA_SECONDS = 20.0
SHORT_ABANDON_SECONDS = 5.0
REPEAT_WITHIN_SECONDS = 7 * 86400.0
ROUTE_WEIGHT = 10.0
STATUSES = ("answered", "abandoned", "open")
PROBLEMS = ("no_enter", "answer_and_abandon", "before_enter", "end_before_outcome", "ended_unanswered")
# The columns contacts_table reads: a contact's events with their roles' columns already named so.
INPUT_COLUMNS = (
    "contact_id",
    "customer_id",
    "activity",
    "ts",
    "seq",
    "queue",
    "agent",
    "channel",
    "team",
    "reason",
)  # and "score", a contact's satisfaction, when a report reads it


def contacts_table(
    events: ir.Table,
    *,
    enter: Sequence[str],
    answer: Sequence[str],
    abandon: Sequence[str],
    end: Sequence[str] = (),
    reopen: Sequence[str] = (),
    hold: Sequence[str] = (),
    wrap: Sequence[str] = (),
) -> ir.Table:
    """One row per contact (``reopened``: an event of ``reopen`` after its first end; ``score``: the last
    score its events carry): contact_id,
    customer_id, queue, channel, team (the agents' group) and reason
    (the first named on its events), agent (of the first answer event),
    agents (how many agents its events other than entering the queue name),
    enter_ts, answer_ts, abandon_ts, end_ts, ``status`` (answered, abandoned, open, or a reason of
    :data:`PROBLEMS`), ``wait`` and ``handle`` in seconds (NULL where undefined).

    With ``hold`` or ``wrap`` named, answered contacts that ended also split their handle time: ``hold``
    (seconds on hold: each hold event after the answer lasts to the contact's next event, or to the start
    of after-contact work), ``wrap`` (after-contact work: from the first wrap event after the answer to
    the end) and ``talk`` (the rest); NULL otherwise.

    ``events`` has :data:`INPUT_COLUMNS`; events without a contact id belong to no contact."""
    ev = events.filter(events.contact_id.notnull())
    split = bool(hold) or bool(wrap)
    holds = bool(hold) and bool(end)  # a contact without an end has no handle time to split
    if holds:
        ev = _with_holds(ev, answer=answer, end=end, hold=hold, wrap=wrap)
    is_enter, is_answer = ev.activity.isin(list(enter)), ev.activity.isin(list(answer))
    is_abandon = ev.activity.isin(list(abandon))
    is_end = ev.activity.isin(list(end)) if end else ibis.literal(False)
    is_reopen = ev.activity.isin(list(reopen)) if reopen else ibis.literal(False)
    # What only some reports read (a score column, hold and wrap roles) is aggregated only for them.
    optional: dict[str, Any] = {}
    if "score" in ev.columns:
        optional["score"] = ev.score.argmax(ev.ts, where=ev.score.notnull())
    if holds:
        optional["hold_seconds"] = ev._hold.sum()
    if wrap:
        optional["wrap_ts"] = ev.ts.min(where=ev.activity.isin(list(wrap)))
    c = ev.group_by("contact_id").agg(
        customer_id=ev.customer_id.argmin(ev.ts),
        queue=ev.queue.argmin(ev.ts, where=ev.queue.notnull()),
        channel=ev.channel.argmin(ev.ts, where=ev.channel.notnull()),
        team=ev.team.argmin(ev.ts, where=ev.team.notnull()),
        reason=ev.reason.argmin(ev.ts, where=ev.reason.notnull()),
        agent=ev.agent.argmin(ev.ts, where=is_answer & ev.agent.notnull()),
        agents=ev.agent.nunique(where=~is_enter),
        enter_ts=ev.ts.min(where=is_enter),
        answer_ts=ev.ts.min(where=is_answer),
        abandon_ts=ev.ts.min(where=is_abandon),
        end_ts=ev.ts.max(where=is_end),
        first_end_ts=ev.ts.min(where=is_end),
        reopen_ts=ev.ts.max(where=is_reopen),
        **optional,
    )
    outcome = c.answer_ts.coalesce(c.abandon_ts)
    status = ibis.cases(
        (c.enter_ts.isnull(), "no_enter"),
        (c.answer_ts.notnull() & c.abandon_ts.notnull(), "answer_and_abandon"),
        (outcome < c.enter_ts, "before_enter"),
        (c.end_ts.notnull() & (c.end_ts < outcome.coalesce(c.enter_ts)), "end_before_outcome"),
        (c.end_ts.notnull() & outcome.isnull(), "ended_unanswered"),
        (c.answer_ts.notnull(), "answered"),
        (c.abandon_ts.notnull(), "abandoned"),
        else_="open",
    )
    c = c.mutate(status=status)
    read = c.status.isin(list(STATUSES))
    ended = (c.status == "answered") & c.end_ts.notnull()
    none = ibis.null("float64")
    handle = ibis.ifelse(ended, seconds(c.end_ts) - seconds(c.answer_ts), none)
    # Without the roles there is no split (NULL); with only one of them the other part is 0 s.
    held = none
    if holds:
        held = ibis.ifelse(ended, c.hold_seconds.fill_null(0.0), none)
    elif split:
        held = ibis.ifelse(ended, 0.0, none)
    wrapped = none
    if wrap:
        working = ((c.wrap_ts >= c.answer_ts) & (c.wrap_ts <= c.end_ts)).fill_null(False)
        wrapped = ibis.ifelse(ended, ibis.ifelse(working, seconds(c.end_ts) - seconds(c.wrap_ts), 0.0), none)
    elif split:
        wrapped = ibis.ifelse(ended, 0.0, none)
    out = c.mutate(
        reopened=(c.reopen_ts > c.first_end_ts).fill_null(False),
        wait=ibis.ifelse(read, seconds(outcome) - seconds(c.enter_ts), none),
        handle=handle,
        hold=held,
        wrap=wrapped,
        talk=handle - held - wrapped,
    )
    if "score" not in out.columns:
        out = out.mutate(score=none)
    return out.drop(*[k for k in ("hold_seconds", "wrap_ts") if k in out.columns])


def _with_holds(
    ev: ir.Table, *, answer: Sequence[str], end: Sequence[str], hold: Sequence[str], wrap: Sequence[str]
) -> ir.Table:
    """``ev`` with ``_hold``: the seconds each hold event lasts (to the contact's next event, or to the
    start of after-contact work if sooner) when it comes after the answer and before the end and that
    work; 0 for every other event."""
    whole = ibis.window(group_by="contact_id")
    order = ibis.window(group_by="contact_id", order_by=["ts", "seq"])
    answered = ev.ts.min(where=ev.activity.isin(list(answer))).over(whole)
    last = ev.ts.max(where=ev.activity.isin(list(end))).over(whole)
    stop = ibis.least(ev.ts.lead().over(order), last)
    if wrap:  # a hold that runs into after-contact work stops where that work starts
        stop = ibis.least(stop, ev.ts.min(where=ev.activity.isin(list(wrap))).over(whole).coalesce(last))
    counts = ev.activity.isin(list(hold)) & (ev.ts >= answered) & (ev.ts < stop)
    return ev.mutate(_hold=ibis.ifelse(counts.fill_null(False), seconds(stop) - seconds(ev.ts), 0.0))


def with_repeats(offered: ir.Table, *, within_seconds: float = REPEAT_WITHIN_SECONDS) -> ir.Table:
    """Offered contacts (rows of :func:`contacts_table` with a read status) with ``repeat``: the customer
    entered the queue before, at most ``within_seconds`` earlier (ties broken by contact id); ``followed``:
    the customer entered it again at most ``within_seconds`` later; and ``fcr_known``: whether the contact
    was resolved at first contact is known (followed, or its window passed by the data's newest contact).

    >>> import ibis, datetime as dt, pyarrow as pa
    >>> t0 = dt.datetime(2024, 1, 1)
    >>> c = ibis.memtable(pa.table({"contact_id": ["1", "2", "3", "4"], "customer_id": ["a", "a", None, "b"],
    ...     "enter_ts": [t0, t0 + dt.timedelta(days=2), t0, t0 + dt.timedelta(days=8)]}))
    >>> got = with_repeats(c).order_by("contact_id").to_pyarrow().to_pylist()
    >>> [(r["repeat"], r["followed"], r["fcr_known"]) for r in got]
    [(False, True, True), (True, False, False), (False, False, False), (False, False, False)]
    """
    w = ibis.window(group_by="customer_id", order_by=["enter_ts", "contact_id"])
    previous, following = offered.enter_ts.lag().over(w), offered.enter_ts.lead().over(w)
    gap = seconds(offered.enter_ts) - seconds(previous)
    after = seconds(following) - seconds(offered.enter_ts)
    newest = offered.enter_ts.max().over(ibis.window())
    # A contact without a customer repeats nobody's: the NULLs are one window partition, not one customer.
    customer = offered.customer_id.notnull()
    followed = (customer & following.notnull() & (after <= within_seconds)).fill_null(False)
    passed = (seconds(newest) - seconds(offered.enter_ts)) >= within_seconds
    return offered.mutate(
        repeat=(customer & previous.notnull() & (gap <= within_seconds)).fill_null(False),
        followed=followed,
        fcr_known=(customer & (followed | passed)).fill_null(False),
    )


def measures(
    contacts: ir.Table,
    *,
    sla_seconds: float = SLA_SECONDS,
    short_abandon_seconds: float = SHORT_ABANDON_SECONDS,
    split: bool = False,
) -> dict[str, Any]:
    """The counts and spreads of offered contacts (from :func:`with_repeats`) as aggregations (with
    ``split``, the means of talk, hold and after-contact work too); the rates are
    :func:`abandonment_rate`, :func:`service_level` and :func:`repeat_share` over these counts."""
    answered = contacts.status == "answered"
    abandoned = contacts.status == "abandoned"
    short = abandoned & (contacts.wait < short_abandon_seconds)
    answered_wait = ibis.ifelse(answered, contacts.wait, ibis.null("float64"))

    def count(condition: ir.BooleanValue) -> ir.IntegerValue:
        return condition.fill_null(False).cast("int64").sum().fill_null(0)

    return {
        "offered": contacts.count(),
        "answered": count(answered),
        "abandoned": count(abandoned),
        "short_abandoned": count(short),
        "open": count(contacts.status == "open"),
        "within_sla": count(answered & (contacts.wait <= sla_seconds)),
        "repeats": count(contacts.repeat),
        "transferred": count(answered & (contacts.agents > 1)),
        "ended": count(answered & contacts.end_ts.notnull()),
        "reopened": count(answered & contacts.end_ts.notnull() & contacts.reopened),
        "fcr_known": count(answered & contacts.fcr_known),
        "resolved_first": count(answered & contacts.fcr_known & ~contacts.followed),
        "fcr_pending": count(answered & contacts.customer_id.notnull() & ~contacts.fcr_known),
        "customers": contacts.customer_id.nunique(),
        "wait_n": answered_wait.count(),
        "wait_mean": answered_wait.mean(),
        "wait_quantiles": answered_wait.quantile([0.5, 0.9]),
        "handle_n": contacts.handle.count(),
        "handle_mean": contacts.handle.mean(),
        "handle_quantiles": contacts.handle.quantile([0.5, 0.9]),
        **(
            {
                "talk_mean": contacts.talk.mean(),
                "hold_mean": contacts.hold.mean(),
                "wrap_mean": contacts.wrap.mean(),
            }
            if split
            else {}
        ),
    }


def route_measures(answered: ir.Table) -> dict[str, Any]:
    """What routing reads of a set of answered contacts (from :func:`with_repeats`), as aggregations: the
    counts of first-contact resolution and the n, Σ and Σ² of handle time and satisfaction."""

    def count(condition: ir.BooleanValue) -> ir.IntegerValue:
        return condition.fill_null(False).cast("int64").sum().fill_null(0)

    known = answered.fcr_known
    return {
        "answered": answered.count(),
        "fcr_known": count(known),
        "resolved_first": count(known & ~answered.followed),
        "handle_n": answered.handle.count(),
        "handle_sum": answered.handle.sum().fill_null(0.0),
        "handle_sq": (answered.handle * answered.handle).sum().fill_null(0.0),
        "score_n": answered.score.count(),
        "score_sum": answered.score.sum().fill_null(0.0),
        "score_sq": (answered.score * answered.score).sum().fill_null(0.0),
    }


def expected_rate(successes: int, n: int, prior: float, weight: float = ROUTE_WEIGHT) -> float:
    """An agent's expected rate on a reason: its ``successes`` of ``n`` with the reason's rate ``prior``
    counted as ``weight`` contacts more.

    >>> expected_rate(3, 3, 0.5)
    0.6153846153846154
    """
    return (successes + weight * prior) / (n + weight)


def expected_mean(total: float, n: int, prior: float, weight: float = ROUTE_WEIGHT) -> float:
    """An agent's expected mean on a reason (handle time, satisfaction): its Σ of ``n`` with the reason's
    mean ``prior`` counted as ``weight`` contacts more.

    >>> expected_mean(300.0, 10, 60.0)
    45.0
    """
    return (total + weight * prior) / (n + weight)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole > 0 else None


# The shares of offered contacts, each a part of a whole read from the counts of :func:`measures` (by
# their names there, ``within_sla`` as ``answered_within_sla`` too): the one definition the report, the
# key metrics and every other surface use.
# The counts of :func:`measures`, by name.
COUNTS = (
    "offered",
    "answered",
    "abandoned",
    "short_abandoned",
    "open",
    "within_sla",
    "repeats",
    "transferred",
    "ended",
    "reopened",
    "fcr_known",
    "resolved_first",
    "fcr_pending",
)
SHARES = (
    "service_level",
    "abandonment_rate",
    "repeat_share",
    "transfer_rate",
    "first_contact_resolution",
    "reopen_rate",
)


def share_parts(kind: str, counts: Mapping[str, int]) -> tuple[int, int]:
    """The part and the whole of the share ``kind`` (one of :data:`SHARES`) from the counts of a set of
    contacts. Short abandons leave both the abandons and the whole of the service level and abandonment.

    >>> c = {"answered": 9, "abandoned": 2, "short_abandoned": 1, "within_sla": 6, "offered": 12, "repeats": 3}
    >>> share_parts("service_level", c), share_parts("abandonment_rate", c), share_parts("repeat_share", c)
    ((6, 10), (1, 10), (3, 12))
    """
    reached = counts["answered"] + counts["abandoned"] - counts["short_abandoned"]
    if kind == "service_level":
        return counts["within_sla"], reached
    if kind == "abandonment_rate":
        return counts["abandoned"] - counts["short_abandoned"], reached
    if kind == "repeat_share":
        return counts["repeats"], counts["offered"]
    if kind == "transfer_rate":
        return counts["transferred"], counts["answered"]
    if kind == "first_contact_resolution":
        return counts["resolved_first"], counts["fcr_known"]
    if kind == "reopen_rate":
        return counts["reopened"], counts["ended"]
    raise ValueError(f"not a contact-centre share: {kind}")


def abandonment_rate(answered: int, abandoned: int, short_abandoned: int) -> float | None:
    """Abandoned minus short abandons, of answered plus abandoned minus short abandons (None with none).

    >>> abandonment_rate(9, 2, 1)
    0.1
    """
    counts = {"answered": answered, "abandoned": abandoned, "short_abandoned": short_abandoned}
    return _share(*share_parts("abandonment_rate", counts))


def service_level(within_sla: int, answered: int, abandoned: int, short_abandoned: int) -> float | None:
    """Answered within the SLA, of answered plus abandoned minus short abandons (None with none).

    >>> service_level(6, 9, 2, 1)
    0.6
    """
    counts = {"within_sla": within_sla, "answered": answered, "abandoned": abandoned}
    return _share(*share_parts("service_level", counts | {"short_abandoned": short_abandoned}))


def repeat_share(repeats: int, offered: int) -> float | None:
    """Repeat contacts, of offered contacts (None with none).

    >>> repeat_share(3, 12)
    0.25
    """
    return _share(*share_parts("repeat_share", _only(repeats=repeats, offered=offered)))


def transfer_rate(transferred: int, answered: int) -> float | None:
    """Transferred contacts, of answered contacts (None with none).

    >>> transfer_rate(1, 9)
    0.1111111111111111
    """
    return _share(*share_parts("transfer_rate", _only(transferred=transferred, answered=answered)))


def first_contact_resolution(resolved_first: int, fcr_known: int) -> float | None:
    """Answered contacts resolved at first contact, of those whose outcome is known (None with none).

    >>> first_contact_resolution(6, 8)
    0.75
    """
    parts = share_parts("first_contact_resolution", _only(resolved_first=resolved_first, fcr_known=fcr_known))
    return _share(*parts)


def reopen_rate(reopened: int, ended: int) -> float | None:
    """Reopened contacts, of answered contacts that ended (None with none).

    >>> reopen_rate(1, 8)
    0.125
    """
    return _share(*share_parts("reopen_rate", _only(reopened=reopened, ended=ended)))


def _only(**counts: int) -> dict[str, int]:
    """Counts given by name, the others of a share's whole at zero (a rate reads only its own)."""
    return {"answered": 0, "abandoned": 0, "short_abandoned": 0, **counts}


def backlog(entered: Sequence[int], left: Sequence[int]) -> list[int]:
    """The backlog at the end of each of a run of periods (open contacts then: entered the queue by the
    period's end, answered or abandoned after it or not yet), from the contacts that entered and that left
    the queue (answered or abandoned) in each period, in order.

    >>> backlog([5, 3, 0], [2, 4, 1])
    [3, 2, 1]
    """
    out, open_now = [], 0
    for came, went in zip(entered, left, strict=True):
        open_now += came - went
        out.append(open_now)
    return out
