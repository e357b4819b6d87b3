"""``safar contact``: the contact centre's measures (wait, abandonment, service level, handle time, repeat
contacts) from a dataset of contact events.

A thin adapter over :func:`safar.services.contact.contact_report`, the function behind the page
``/w/{ws}/contact-centre`` and its JSON twin: ``--json`` prints the document the API returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from safar.cli.figures import say, show_table
from safar.cli.output import print_json, t, use_json
from safar.errors import InputError
from safar.i18n import current_lang, format_number
from safar.i18n.units import format_duration

if TYPE_CHECKING:
    from pydantic import BaseModel

    T = TypeVar("T", bound=BaseModel)

app = typer.Typer(
    help="Contact centre: wait, abandonment, service level, handle time and repeat contacts.",
    no_args_is_help=True,
)

BY = ("queue", "agent", "group", "reason", "channel", "hour", "weekday")
PERIODS = ("day", "week", "month", "quarter", "year")
GROUPS_PER_TABLE = 4


# The options every contact command takes: the dataset, the roles' activities, the columns, the thresholds.
Dataset = Annotated[str, typer.Option("--dataset", help="The dataset of contact events.")]
Enter = Annotated[
    str, typer.Option("--enter", metavar="A,B", help="Activities of entering the queue (comma-separated).")
]
Answer = Annotated[str, typer.Option("--answer", metavar="A,B", help="Activities of the answer.")]
Abandon = Annotated[str, typer.Option("--abandon", metavar="A,B", help="Activities of the abandon.")]
End = Annotated[str, typer.Option("--end", metavar="A,B", help="Activities of the end of a contact.")]
Reopen = Annotated[
    str,
    typer.Option("--reopen", metavar="A,B", help="Activities of opening an ended contact (a ticket) again."),
]
ContactCol = Annotated[
    str, typer.Option("--contact-col", help="The column with each contact's id, as in the ingested file.")
]
CustomerCol = Annotated[
    str, typer.Option("--customer-col", help="The column with the customer (default: the ingested customer).")
]
QueueCol = Annotated[str, typer.Option("--queue-col", help="The column with the queue.")]
AgentCol = Annotated[str, typer.Option("--agent-col", help="The column with the agent (e.g. org:resource).")]
GroupCol = Annotated[
    str, typer.Option("--group-col", help="The column with the agents' group (e.g. org:group).")
]
ReasonCol = Annotated[str, typer.Option("--reason-col", help="The column with the contact's reason.")]
Sla = Annotated[str, typer.Option("--sla", help="Service level target: answered within, e.g. 20s.")]
ShortAbandon = Annotated[
    str, typer.Option("--short-abandon", help="An abandon under this wait is short, e.g. 5s.")
]
RepeatWithin = Annotated[
    str, typer.Option("--repeat-within", help="A contact this soon after the customer's last one repeats.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _validated(model: type[T], values: dict[str, Any]) -> T:
    """The command's options (its ``locals()``: each option is named as the model's field) as ``model``; a
    value the model refuses (only lengths and bounds are left to refuse once the options were checked) is
    said with its option's name."""
    import pydantic

    try:
        return model.model_validate({k: v for k, v in values.items() if k in model.model_fields})
    except pydantic.ValidationError as exc:
        problem = exc.errors()[0]
        option = "--" + str(problem["loc"][0]).replace("_", "-")
        raise InputError(
            "contact.bad_option", option=option, value=str(problem.get("input", ""))[:80]
        ) from None


@app.command("report")
def report_command(
    dataset: Dataset,
    enter: Enter = "",
    answer: Answer = "",
    abandon: Abandon = "",
    end: End = "",
    reopen: Reopen = "",
    hold: Annotated[
        str,
        typer.Option(
            "--hold", metavar="A,B", help="Activities that put a contact on hold (to its next event)."
        ),
    ] = "",
    wrap: Annotated[
        str,
        typer.Option("--wrap", metavar="A,B", help="Activities that start after-contact work (to the end)."),
    ] = "",
    contact_col: ContactCol = "contact_id",
    customer_col: CustomerCol = "customer_id",
    queue_col: QueueCol = "queue",
    agent_col: AgentCol = "agent",
    group_col: GroupCol = "org:group",
    reason_col: ReasonCol = "reason",
    by: Annotated[str | None, typer.Option("--by", help="Group by: " + ", ".join(BY) + ".")] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="Per period of the reader's calendar: " + ", ".join(PERIODS) + "."),
    ] = None,
    sla: Sla = "20s",
    short_abandon: ShortAbandon = "5s",
    repeat_within: RepeatWithin = "7d",
    as_json: AsJson = False,
) -> None:
    """Offered, answered, abandoned, service level, speed of answer, handle time and repeat contacts."""
    from safar.context import Context
    from safar.services.contact import (
        SPLIT_COLUMNS,
        ContactQuery,
        backlog_label,
        bin_label,
        column_labels,
        contact_report,
        figure_cells,
        group_label,
        split_cells,
    )

    use_json(as_json)
    if by is not None and by not in BY:
        raise InputError("contact.bad_by", value=by, allowed=list(BY))
    if period is not None and period not in PERIODS:
        raise InputError("time.bad_period", value=period, allowed=list(PERIODS))
    query = _validated(ContactQuery, locals())
    with Context.open() as ctx:
        report = contact_report(ctx, query)
    if as_json:
        print_json(report.model_dump(mode="json"))
        return
    from rich.table import Table

    lang = current_lang()
    labels = column_labels(lang)
    columns = [(t("contact.overall"), figure_cells(report.overall, lang))]
    columns += [(group_label(report, row, lang), figure_cells(row, lang)) for row in report.groups]
    # Measures down, groups across, a few groups a table: every table fits a terminal whatever the groups.
    for first in range(0, len(columns), GROUPS_PER_TABLE):
        part = columns[first : first + GROUPS_PER_TABLE]
        table = Table(title=t("contact.title") if first == 0 else None)
        table.add_column("")
        for name, _ in part:
            table.add_column(name, justify="right")
        for i, label in enumerate(labels):
            table.add_row(label, *(cells[i] for _, cells in part))
        show_table(table)
    say(
        t(
            "contact.settings",
            sla=format_duration(report.sla_seconds, lang),
            short=format_duration(report.short_abandon_seconds, lang),
            repeat=format_duration(report.repeat_within_seconds, lang),
        )
    )
    if hold or wrap:
        split = Table(title=t("contact.split"))
        split.add_column("")
        for code in SPLIT_COLUMNS:
            split.add_column(t(f"contact.split.{code}"), justify="right")
        for name, figures in [(t("contact.overall"), report.overall)] + [
            (group_label(report, row, lang), row) for row in report.groups
        ]:
            split.add_row(name, *split_cells(figures, lang))
        show_table(split)
    if report.backlog:
        backlog = Table(title=t("contact.backlog"))
        for code in ("", "contact.backlog.entered", "contact.backlog.left", "contact.backlog.open"):
            backlog.add_column(t(code) if code else "", justify="right" if code else "left")
        for p in report.backlog:
            backlog.add_row(
                backlog_label(report, p, lang),
                format_number(p.entered, lang),
                format_number(p.left, lang),
                format_number(p.open_at_end, lang),
            )
        show_table(backlog)
    if report.wait_distribution:
        bins = Table(title=t("contact.wait_distribution"))
        bins.add_column("")
        bins.add_column(t("contact.contacts"), justify="right")
        for b in report.wait_distribution:
            bins.add_row(bin_label(b, lang), format_number(b.contacts, lang))
        show_table(bins)
    unread = sum(report.not_read.values())
    if unread:
        say(t("contact.not_read", count=format_number(unread, lang)))
        for reason, n in report.not_read.items():
            if n:
                say(f"  {t(f'contact.problem.{reason}')}: {format_number(n, lang)}")
    if report.events_without_contact:
        say(t("contact.without_contact", count=format_number(report.events_without_contact, lang)))


@app.command("route-table")
def route_table_command(
    dataset: Dataset,
    enter: Enter = "",
    answer: Answer = "",
    abandon: Abandon = "",
    end: End = "",
    reopen: Reopen = "",
    contact_col: ContactCol = "contact_id",
    customer_col: CustomerCol = "customer_id",
    queue_col: QueueCol = "queue",
    agent_col: AgentCol = "agent",
    group_col: GroupCol = "org:group",
    reason_col: ReasonCol = "reason",
    route_by: Annotated[
        str, typer.Option("--route-by", help="Route to agents (agent) or to agents' groups (group).")
    ] = "agent",
    goal: Annotated[
        str,
        typer.Option(
            "--goal",
            help="Raise first-contact resolution (fcr), lower handle time (handle) or raise satisfaction "
            "(score, with --score-col).",
        ),
    ] = "fcr",
    min_contacts: Annotated[
        int,
        typer.Option(
            "--min-contacts",
            help="Known contacts of a reason an agent needs to be given more of it than today.",
        ),
    ] = 10,
    score_col: Annotated[
        str, typer.Option("--score-col", help="The column with each contact's satisfaction score.")
    ] = "",
    repeat_within: RepeatWithin = "7d",
    as_json: AsJson = False,
) -> None:
    """Which agents resolve each contact reason best, and a routing that gives it to them within their load."""
    from rich.table import Table

    from safar.context import Context
    from safar.services.routing import (
        GOALS,
        ROUTE_BY,
        RouteQuery,
        assignment_text,
        estimate_text,
        goal_text,
        route_table,
        summary_text,
    )

    use_json(as_json)
    if route_by not in ROUTE_BY:
        raise InputError("contact.bad_route_by", value=route_by, allowed=list(ROUTE_BY))
    if goal not in GOALS:
        raise InputError("route.bad_goal", value=goal, allowed=list(GOALS))
    query = _validated(RouteQuery, locals())
    with Context.open() as ctx:
        found = route_table(ctx, query)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    lang = current_lang()
    say(summary_text(found, lang))
    routing = Table(title=t("route.table"))
    for code in ("route.reason", "route.contacts", "route.today", "route.recommended"):
        routing.add_column(t(code), justify="left" if code == "route.reason" else "right")
    routing.add_column(t("route.routing_today"))
    routing.add_column(t("route.routing_recommended"))
    for r in found.reasons:
        routing.add_row(
            r.reason,
            format_number(r.contacts, lang),
            goal_text(r.today, query.goal, lang),
            goal_text(r.recommended, query.goal, lang),
            assignment_text(r, lang, recommended=False),
            assignment_text(r, lang, recommended=True),
        )
    show_table(routing)
    evidence = Table(title=t("route.evidence"))
    for code in ("route.reason", f"route.who.{route_by}", "route.contacts", "route.fcr", "route.handle"):
        evidence.add_column(t(code))
    if score_col:
        evidence.add_column(t("route.score"))
    evidence.add_column(t("route.best"))
    for e in found.evidence:
        cells = [
            e.reason,
            e.who,
            format_number(e.answered, lang),
            estimate_text(e.first_contact_resolution, "fcr", lang),
            estimate_text(e.handle_time, "handle", lang),
        ]
        if score_col:
            cells.append(estimate_text(e.satisfaction, "score", lang))
        cells.append(", ".join(t(f"route.best.{b}") for b in e.best))
        evidence.add_row(*cells)
    show_table(evidence)
    loads = Table(title=t("route.loads"))
    for code in (f"route.who.{route_by}", "route.load_today", "route.load_recommended"):
        loads.add_column(t(code))
    for load in found.loads:
        loads.add_row(load.who, format_number(load.today, lang), format_number(load.recommended, lang))
    show_table(loads)
    if found.without_reason:
        say(t("route.without_reason", count=format_number(found.without_reason, lang)))
    if found.without_who:
        say(t("route.without_who", count=format_number(found.without_who, lang)))
    say(t("route.def.plan", min=format_number(query.min_contacts, lang)))


@app.command("wait-estimate")
def wait_estimate_command(
    dataset: Dataset,
    enter: Enter = "",
    answer: Answer = "",
    abandon: Abandon = "",
    end: End = "",
    contact_col: ContactCol = "contact_id",
    customer_col: CustomerCol = "customer_id",
    queue_col: QueueCol = "queue",
    queue: Annotated[str, typer.Option("--queue", help="One queue (default: every queue).")] = "",
    window: Annotated[
        str, typer.Option("--window", help="How far back the recent mean looks, e.g. 30m.")
    ] = "30m",
    as_json: AsJson = False,
) -> None:
    """The expected wait of a contact entering each queue now, how well each method did on past contacts,
    and the notice for customers."""
    from rich.table import Table

    from safar.context import Context
    from safar.services.wait import WaitQuery, wait_estimate

    use_json(as_json)
    query = _validated(WaitQuery, locals())
    with Context.open() as ctx:
        found = wait_estimate(ctx, query)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    from safar.i18n import format_datetime, format_percent

    lang = current_lang()
    window_text = format_duration(found.window_seconds, lang)
    if found.at is not None:
        say(t("wait.at", at=format_datetime(found.at, lang)))
    table = Table(title=t("wait.title"))
    for code in (
        "wait.queue",
        "wait.estimate",
        "wait.method",
        "wait.waiting_now",
        "wait.longest",
        "wait.notice",
    ):
        table.add_column(t(code))
    for q in found.queues:
        table.add_row(
            q.queue if q.queue is not None else t("wait.no_queue"),
            t("wait.stale", window=window_text) if q.stale else format_duration(q.estimate_seconds, lang),
            t(f"wait.method.{q.method}"),
            format_number(q.waiting_now, lang),
            format_duration(q.longest_waiting_seconds, lang),
            q.notice,
        )
    show_table(table)
    checks = Table(title=t("wait.checks"))
    for code in ("wait.queue", "wait.method", "wait.answered", "wait.estimated", "wait.mae", "wait.median_error",
                 "wait.within_minute"):  # fmt: skip
        checks.add_column(t(code))
    for q in found.queues:
        for c in q.checks:
            checks.add_row(
                q.queue if q.queue is not None else t("wait.no_queue"),
                t(f"wait.method.{c.method}") + (f" ({t('wait.chosen')})" if c.method == q.method else ""),
                format_number(c.answered, lang),
                format_number(c.estimated, lang),
                format_duration(c.mean_abs_error, lang),
                format_duration(c.median_abs_error, lang),
                format_percent(None if c.within_minute is None else 100 * c.within_minute, lang, 1),
            )
    show_table(checks)
    say(t("wait.def.methods", window=window_text))
