"""``safar contact``: the contact centre's measures (wait, abandonment, service level, handle time, repeat
contacts) from a dataset of contact events.

A thin adapter over :func:`safar.services.contact.contact_report`, the function behind the page
``/w/{ws}/contact-centre`` and its JSON twin: ``--json`` prints the document the API returns.
"""

from __future__ import annotations

from typing import Annotated

import typer

from safar.cli.figures import say, show_table
from safar.cli.output import print_json, t, use_json
from safar.errors import InputError
from safar.i18n import current_lang, format_number
from safar.i18n.units import format_duration

app = typer.Typer(
    help="Contact centre: wait, abandonment, service level, handle time and repeat contacts.",
    no_args_is_help=True,
)

BY = ("queue", "agent", "group", "reason", "channel", "hour", "weekday")
PERIODS = ("day", "week", "month", "quarter", "year")
GROUPS_PER_TABLE = 4


@app.command("report")
def report_command(
    dataset: Annotated[str, typer.Option("--dataset", help="The dataset of contact events.")],
    enter: Annotated[
        str,
        typer.Option("--enter", metavar="A,B", help="Activities of entering the queue (comma-separated)."),
    ] = "",
    answer: Annotated[str, typer.Option("--answer", metavar="A,B", help="Activities of the answer.")] = "",
    abandon: Annotated[str, typer.Option("--abandon", metavar="A,B", help="Activities of the abandon.")] = "",
    end: Annotated[
        str, typer.Option("--end", metavar="A,B", help="Activities of the end of a contact.")
    ] = "",
    reopen: Annotated[
        str,
        typer.Option(
            "--reopen", metavar="A,B", help="Activities of opening an ended contact (a ticket) again."
        ),
    ] = "",
    contact_col: Annotated[
        str, typer.Option("--contact-col", help="The column with each contact's id, as in the ingested file.")
    ] = "contact_id",
    customer_col: Annotated[
        str,
        typer.Option("--customer-col", help="The column with the customer (default: the ingested customer)."),
    ] = "customer_id",
    queue_col: Annotated[str, typer.Option("--queue-col", help="The column with the queue.")] = "queue",
    agent_col: Annotated[
        str, typer.Option("--agent-col", help="The column with the agent (e.g. org:resource).")
    ] = "agent",
    group_col: Annotated[
        str, typer.Option("--group-col", help="The column with the agents' group (e.g. org:group).")
    ] = "org:group",
    reason_col: Annotated[
        str, typer.Option("--reason-col", help="The column with the contact's reason.")
    ] = "reason",
    by: Annotated[str | None, typer.Option("--by", help="Group by: " + ", ".join(BY) + ".")] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="Per period of the reader's calendar: " + ", ".join(PERIODS) + "."),
    ] = None,
    sla: Annotated[
        str, typer.Option("--sla", help="Service level target: answered within, e.g. 20s.")
    ] = "20s",
    short_abandon: Annotated[
        str, typer.Option("--short-abandon", help="An abandon under this wait is short, e.g. 5s.")
    ] = "5s",
    repeat_within: Annotated[
        str,
        typer.Option("--repeat-within", help="A contact this soon after the customer's last one repeats."),
    ] = "7d",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Offered, answered, abandoned, service level, speed of answer, handle time and repeat contacts."""
    import pydantic

    from safar.context import Context
    from safar.services.contact import (
        ContactQuery,
        backlog_label,
        bin_label,
        column_labels,
        contact_report,
        figure_cells,
        group_label,
    )

    use_json(as_json)
    if by is not None and by not in BY:
        raise InputError("contact.bad_by", value=by, allowed=list(BY))
    if period is not None and period not in PERIODS:
        raise InputError("time.bad_period", value=period, allowed=list(PERIODS))
    try:
        query = ContactQuery.model_validate(
            {
                "dataset": dataset,
                "enter": enter,
                "answer": answer,
                "abandon": abandon,
                "end": end,
                "reopen": reopen,
                "contact_col": contact_col,
                "customer_col": customer_col,
                "queue_col": queue_col,
                "agent_col": agent_col,
                "group_col": group_col,
                "reason_col": reason_col,
                "sla": sla,
                "short_abandon": short_abandon,
                "repeat_within": repeat_within,
                "by": by,
                "period": period,
            }
        )
    except pydantic.ValidationError as exc:  # only lengths are left to refuse: the rest was checked above
        problem = exc.errors()[0]
        option = "--" + str(problem["loc"][0]).replace("_", "-")
        raise InputError(
            "contact.bad_option", option=option, value=str(problem.get("input", ""))[:80]
        ) from None
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
