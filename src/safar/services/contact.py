"""The contact-centre report (گزارش مرکز تماس): ``safar contact report``, the page
``/w/{ws}/contact-centre`` and ``GET /api/v1/workspaces/{ws}/contact-centre`` all call
:func:`contact_report` with a :class:`ContactQuery` and show the :class:`ContactReport` it returns.

The measures are those of :mod:`safar.metrics.contact`; the grouping and periods those of
:func:`safar.analytics.contact.contact_report`, in the reader's calendar (Jalali in Tehran time in Persian).

>>> q = ContactQuery(dataset="calls", enter="queued", answer="answered, picked up", sla="30s")
>>> q.roles().answer, q.roles().sla_seconds
(('answered', 'picked up'), 30.0)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from safar.analytics._common import parse_duration
from safar.analytics.contact import Roles
from safar.errors import InputError

if TYPE_CHECKING:
    from safar.context import Context

__all__ = [
    "COLUMNS",
    "SPLIT_COLUMNS",
    "ActivityCount",
    "BacklogPoint",
    "ContactQuery",
    "ContactReport",
    "ContactRolesQuery",
    "Figures",
    "GroupFigures",
    "Spread",
    "WaitBin",
    "backlog_label",
    "bin_label",
    "column_labels",
    "contact_activities",
    "contact_datasets",
    "contact_report",
    "figure_cells",
    "group_label",
    "split_cells",
]

By = Literal["queue", "agent", "group", "reason", "channel", "hour", "weekday"]
PeriodName = Literal["day", "week", "month", "quarter", "year"]


def _names(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


class ContactRolesQuery(BaseModel):
    """What to read: the dataset, the activities of each role (comma-separated), the columns and the
    thresholds (durations such as ``20s``, ``5m``, ``7d``)."""

    dataset: str = Field(min_length=1, max_length=200)
    enter: str = Field(default="", max_length=2000, description="Activities of entering the queue.")
    answer: str = Field(default="", max_length=2000, description="Activities of the answer.")
    abandon: str = Field(default="", max_length=2000, description="Activities of the abandon.")
    end: str = Field(default="", max_length=2000, description="Activities of the end of the contact.")
    reopen: str = Field(
        default="", max_length=2000, description="Activities of opening an ended contact again (a ticket's)."
    )
    hold: str = Field(
        default="",
        max_length=2000,
        description="Activities that put a contact on hold (each hold lasts to the contact's next event).",
    )
    wrap: str = Field(
        default="",
        max_length=2000,
        description="Activities that start after-contact work (lasting to the end).",
    )
    contact_col: str = Field(default="contact_id", min_length=1, max_length=200)
    customer_col: str = Field(default="customer_id", min_length=1, max_length=200)
    queue_col: str = Field(default="queue", min_length=1, max_length=200)
    agent_col: str = Field(default="agent", min_length=1, max_length=200)
    group_col: str = Field(default="org:group", min_length=1, max_length=200)
    reason_col: str = Field(default="reason", min_length=1, max_length=200)
    sla: str = Field(
        default="20s", max_length=20, description="Answered within this wait counts for the SLA."
    )
    short_abandon: str = Field(
        default="5s", max_length=20, description="An abandon under this wait is short."
    )
    repeat_within: str = Field(
        default="7d", max_length=20, description="A contact this soon after another repeats."
    )

    def roles(self) -> Roles:
        """The roles and thresholds as the analytics read them (a bad duration is refused here)."""
        return Roles(
            enter=_names(self.enter),
            answer=_names(self.answer),
            abandon=_names(self.abandon),
            end=_names(self.end),
            reopen=_names(self.reopen),
            hold=_names(self.hold),
            wrap=_names(self.wrap),
            contact_col=self.contact_col.strip(),
            customer_col=self.customer_col.strip(),
            queue_col=self.queue_col.strip(),
            agent_col=self.agent_col.strip(),
            group_col=self.group_col.strip(),
            reason_col=self.reason_col.strip(),
            sla_seconds=parse_duration(self.sla).total_seconds(),
            short_abandon_seconds=parse_duration(self.short_abandon).total_seconds(),
            repeat_within_seconds=parse_duration(self.repeat_within).total_seconds(),
        )


class ContactQuery(ContactRolesQuery):
    """The roles, the grouping and the period of a contact-centre report."""

    by: By | None = None
    period: PeriodName | None = None


class Spread(BaseModel):
    """A duration's n, mean, median (p50) and 90th percentile, in seconds; None with n = 0."""

    n: int
    mean: float | None
    p50: float | None
    p90: float | None


class Figures(BaseModel):
    """The measures of a set of contacts (definitions: safar.metrics.contact, docs/contact-centre.md)."""

    offered: int
    answered: int
    abandoned: int
    short_abandoned: int
    open: int
    customers: int
    answered_within_sla: int
    service_level: float | None = Field(description="Share 0–1; short abandons and open contacts left out.")
    abandonment_rate: float | None = Field(
        description="Share 0–1; short abandons and open contacts left out."
    )
    repeats: int
    repeat_share: float | None
    ended: int = Field(description="Answered contacts with an end event.")
    reopened: int = Field(description="Ended answered contacts with a reopen event after their first end.")
    reopen_rate: float | None = Field(description="Share 0–1: reopened of ended.")
    transferred: int = Field(description="Answered contacts whose events name two or more agents.")
    transfer_rate: float | None = Field(description="Share 0–1 of answered contacts.")
    resolved_first: int = Field(
        description="Answered contacts whose customer did not enter the queue again within the repeat window."
    )
    fcr_known: int = Field(
        description="Answered contacts of a known customer whose outcome is known: they came back within the "
        "window, or the window passed by the data's newest contact."
    )
    fcr_pending: int = Field(description="Answered contacts of a known customer whose window is still open.")
    first_contact_resolution: float | None = Field(description="Share 0–1: resolved_first of fcr_known.")
    speed_of_answer: Spread
    handle_time: Spread
    talk_time: float | None = Field(
        default=None,
        description="With --hold or --wrap: mean seconds of handle time neither on hold nor in after-contact work.",
    )
    hold_time: float | None = Field(default=None, description="With --hold or --wrap: mean seconds on hold.")
    wrap_time: float | None = Field(
        default=None, description="With --hold or --wrap: mean seconds of after-contact work."
    )


class GroupFigures(Figures):
    period: dt.date | None = Field(
        description="The period's first day (in the calendar and zone of the report)."
    )
    group: str | None = Field(
        description="Queue, agent, group, reason, channel, hour 0–23 or ISO weekday 1 (Monday)–7."
    )


class BacklogPoint(BaseModel):
    period: dt.date = Field(description="The period's first day (in the calendar and zone of the report).")
    entered: int = Field(description="Contacts that entered the queue in the period.")
    left: int = Field(description="Contacts answered or abandoned in the period.")
    open_at_end: int = Field(description="The backlog at the period's end: entered by then, not yet left.")


class WaitBin(BaseModel):
    from_seconds: float
    to_seconds: float | None = Field(description="None for the last, open bin.")
    contacts: int


class ContactReport(BaseModel):
    query: ContactQuery
    sla_seconds: float
    short_abandon_seconds: float
    repeat_within_seconds: float
    calendar: str
    tz: str
    overall: Figures
    groups: list[GroupFigures]
    backlog: list[BacklogPoint] = Field(
        description="With a period: each period with a contact entering or leaving the queue, in order."
    )
    wait_distribution: list[WaitBin]
    not_read: dict[str, int] = Field(description="Contacts left out, by reason (incomplete or out of order).")
    events_without_contact: int = Field(
        description="Events with no value in the contact column: in no contact."
    )


def contact_report(ctx: Context, query: ContactQuery) -> ContactReport:
    """The contact-centre report of ``query.dataset`` in the reader's calendar, kept until the dataset's
    next load (:func:`safar.services.results.for_dataset`)."""
    from safar.services.results import for_dataset

    roles = query.roles()
    roles.check()  # refused before the warehouse is opened
    if not ctx.has_warehouse() or not ctx.workspace.datasets():
        raise InputError("contact.no_dataset")
    ctx.workspace.require_dataset(query.dataset)
    return for_dataset(
        ctx, "contact.report", query.dataset, query, ContactReport, lambda: _report(ctx, query)
    )


def _report(ctx: Context, query: ContactQuery) -> ContactReport:
    from safar.analytics.contact import contact_report as compute

    roles = query.roles()
    calendar = ctx.calendar
    with ctx.warehouse() as warehouse:
        found = compute(
            warehouse.events(query.dataset),
            roles,
            by=query.by,
            period=query.period,
            calendar=calendar,
            keep=warehouse.materialise,
        )
    return ContactReport(
        query=query,
        sla_seconds=roles.sla_seconds,
        short_abandon_seconds=roles.short_abandon_seconds,
        repeat_within_seconds=roles.repeat_within_seconds,
        calendar=calendar.system,
        tz=calendar.tz,
        overall=Figures.model_validate(found["overall"]),
        groups=[GroupFigures.model_validate(g) for g in found["groups"]],
        backlog=[BacklogPoint.model_validate(b) for b in found["backlog"]],
        wait_distribution=[WaitBin.model_validate(b) for b in found["wait_distribution"]],
        not_read=found["not_read"],
        events_without_contact=found["events_without_contact"],
    )


def contact_datasets(ctx: Context) -> list[str]:
    """The names of the workspace's datasets, for the page's form."""
    return ctx.workspace.datasets()


# What every surface shows of a report: the columns of its tables, in the reader's language.
COLUMNS = (
    "offered",
    "answered",
    "abandoned",
    "short_abandoned",
    "open",
    "service_level",
    "abandonment_rate",
    "asa",
    "wait_p50",
    "wait_p90",
    "handle",
    "repeat_share",
    "first_contact_resolution",
    "transfer_rate",
    "reopen_rate",
    "customers",
)


def figure_cells(figures: Figures, lang: str) -> list[str]:
    """The :data:`COLUMNS` of ``figures`` as text: counts, percentages (``٪`` in Persian) and durations."""
    from safar.i18n import format_number, format_percent
    from safar.i18n.units import format_duration

    def pct(value: float | None) -> str:
        return format_percent(None if value is None else value * 100, lang, 1)

    wait, handle = figures.speed_of_answer, figures.handle_time
    return [
        format_number(figures.offered, lang),
        format_number(figures.answered, lang),
        format_number(figures.abandoned, lang),
        format_number(figures.short_abandoned, lang),
        format_number(figures.open, lang),
        pct(figures.service_level),
        pct(figures.abandonment_rate),
        format_duration(wait.mean, lang),
        format_duration(wait.p50, lang),
        format_duration(wait.p90, lang),
        format_duration(handle.mean, lang),
        pct(figures.repeat_share),
        pct(figures.first_contact_resolution),
        pct(figures.transfer_rate),
        pct(figures.reopen_rate),
        format_number(figures.customers, lang),
    ]


SPLIT_COLUMNS = ("handle", "talk", "hold", "wrap")


def split_cells(figures: Figures, lang: str) -> list[str]:
    """The handle time and its split (talk, hold, after-contact work), as durations: :data:`SPLIT_COLUMNS`."""
    from safar.i18n.units import format_duration

    return [
        format_duration(v, lang)
        for v in (figures.handle_time.mean, figures.talk_time, figures.hold_time, figures.wrap_time)
    ]


def column_labels(lang: str) -> list[str]:
    from safar.i18n import translate

    codes = {"asa": "contact.asa", "handle": "contact.handle"}
    return [translate(codes.get(c, f"contact.{c}"), lang) for c in COLUMNS]


def group_label(report: ContactReport, row: GroupFigures, lang: str) -> str:
    """A row's name: its period in the report's calendar, then its queue, agent, group, reason, channel, hour or weekday."""
    from safar.i18n import format_number, translate
    from safar.i18n.periods import period_label

    parts = []
    if row.period is not None and report.query.period is not None:
        parts.append(period_label(row.period, report.query.period, report.calendar, lang))
    if report.query.by is not None:
        if row.group is None:
            parts.append(translate("contact.no_group", lang))
        elif report.query.by == "hour":
            parts.append(translate("contact.hour", lang, hour=format_number(int(row.group), lang, "02d")))
        elif report.query.by == "weekday":
            parts.append(translate(f"contact.weekday.{row.group}", lang))
        else:
            parts.append(row.group)
    return " · ".join(parts)


def backlog_label(report: ContactReport, point: BacklogPoint, lang: str) -> str:
    """A backlog point's period in the report's calendar."""
    from safar.i18n.periods import period_label

    return period_label(point.period, report.query.period or "month", report.calendar, lang)


def bin_label(b: WaitBin, lang: str) -> str:
    from safar.i18n import translate
    from safar.i18n.units import format_duration

    low = format_duration(b.from_seconds, lang)
    if b.to_seconds is None:
        return translate("contact.bin_last", lang, low=low)
    return translate("contact.bin", lang, low=low, high=format_duration(b.to_seconds, lang))


class ActivityCount(BaseModel):
    activity: str
    events: int


def contact_activities(ctx: Context, dataset: str, *, top: int = 30) -> list[ActivityCount]:
    """The ``top`` activities of ``dataset`` by events: what the form's roles can be named from (none for a
    dataset claimed but still without events)."""
    from safar.analytics._common import rows

    if not ctx.has_warehouse():
        return []
    ctx.workspace.require_dataset(dataset)
    with ctx.warehouse() as warehouse:
        events = warehouse.events()
        events = events.filter(events.dataset == dataset)
        counted = events.group_by("activity").agg(events=events.count())
        found = rows(counted.order_by([counted.events.desc(), counted.activity]).limit(top))
    return [ActivityCount(activity=r["activity"], events=int(r["events"])) for r in found]
