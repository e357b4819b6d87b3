"""`safar case …`: the closed loop from the command line — rules that open cases, the queues, one case worked
through its lifecycle, the follow-up survey, the sweep (for cron) and who is told by e-mail. A thin adapter over
:mod:`safar.services.cases`; every command has ``--json``.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from safar.cli.figures import show_table
from safar.cli.output import SafarGroup, print_json, t, use_json
from safar.i18n import current_lang, format_datetime, to_persian_digits

app = typer.Typer(
    cls=SafarGroup,
    help="Cases: the closed loop from an answer to the department at fault.",
    no_args_is_help=True,
)
rule_app = typer.Typer(cls=SafarGroup, help="Rules that open cases.", no_args_is_help=True)
mail_app = typer.Typer(cls=SafarGroup, help="Who is told by e-mail, and the outbox.", no_args_is_help=True)
app.add_typer(rule_app, name="rule")
app.add_typer(mail_app, name="mail")

Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
CaseArg = Annotated[int, typer.Argument(help="The case's number.", min=1)]


def _num(value: Any) -> str:
    text = str(value)
    return to_persian_digits(text) if current_lang() == "fa" else text


def _when(text: str | None) -> str:
    return format_datetime(datetime.fromisoformat(text), current_lang()) if text else "—"


def _user() -> str:
    from safar.config import Settings

    return Settings.from_env().author


@rule_app.command("add")
def rule_add(
    map_id: Annotated[int, typer.Argument(help="The map whose answers open cases.", min=1)],
    when: Annotated[str, typer.Option("--when", help="nps<=6, csat<=2, ces>=5, negative or alert.")],
    touchpoint: Annotated[
        str | None, typer.Option("--touchpoint", help="Only answers about this touchpoint.")
    ] = None,
    department: Annotated[
        str | None,
        typer.Option("--dept", help="The department the cases go to (default: the touchpoint's owner)."),
    ] = None,
    priority: Annotated[str, typer.Option("--priority", help="low, normal, high or urgent.")] = "normal",
    sla: Annotated[str, typer.Option("--sla", help="Time to resolve: 90m, 48h, 2d, 1w.")] = "48h",
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Look at answers from this day on (Jalali or Gregorian); default: from now."
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Add a rule; the answers it matches become cases at the next sweep (run at once here)."""
    from safar.cases.lifecycle import sla_of
    from safar.context import Context
    from safar.events.dates import read_day
    from safar.services.case_sweep import sweep
    from safar.services.cases import add_rule

    use_json(as_json)
    start = datetime.combine(read_day(since, option="--since"), time(), tzinfo=UTC) if since else None
    with Context.open() as ctx:
        rule = add_rule(
            ctx,
            map_id,
            when,
            touchpoint=touchpoint,
            department=department,
            priority=priority,
            sla=sla_of(sla),
            since=start,
            actor=_user(),
        )
        swept = sweep(ctx, via="cli")
    if as_json:
        print_json({"rule": rule.model_dump(mode="json"), "opened": swept.opened})
        return
    typer.echo(t("cli.case.rule_added", rule=rule.id, condition=rule.condition, opened=len(swept.opened)))


@rule_app.command("list")
def rule_list(as_json: Json = False) -> None:
    """The workspace's case rules."""
    from safar.context import Context
    from safar.services.cases import rules

    use_json(as_json)
    with Context.open() as ctx:
        found = rules(ctx)
    if as_json:
        print_json([r.model_dump(mode="json") for r in found])
        return
    table = Table(
        "#",
        t("case.field.map"),
        t("case.field.condition"),
        t("case.field.touchpoint"),
        t("case.field.department"),
        t("case.field.priority"),
        t("case.field.sla"),
    )
    for r in found:
        table.add_row(
            _num(r.id),
            _num(r.map_id),
            r.condition,
            r.touchpoint_name or t("cases.any_touchpoint"),
            r.department or t("cases.owner_department"),
            t(f"case.priority.{r.priority}"),
            t("cases.hours", n=_num(int(r.sla_hours) if r.sla_hours % 1 == 0 else r.sla_hours)),
        )
    show_table(table)


@rule_app.command("remove")
def rule_remove(rule_id: Annotated[int, typer.Argument(min=1)], as_json: Json = False) -> None:
    """Remove a rule (the cases it opened stay)."""
    from safar.context import Context
    from safar.services.cases import remove_rule

    use_json(as_json)
    with Context.open() as ctx:
        gone = remove_rule(ctx, rule_id)
    if as_json:
        print_json(gone.model_dump(mode="json"))
        return
    typer.echo(t("cli.case.rule_removed", rule=gone.id))


@app.command("sweep")
def sweep_command(
    send: Annotated[bool, typer.Option("--send/--no-send", help="Send the outbox's mails after.")] = True,
    as_json: Json = False,
) -> None:
    """Open the cases the rules find, queue and send the mails, record follow-up answers (for cron)."""
    from safar.context import Context
    from safar.mail import send_pending
    from safar.services.case_sweep import sweep

    use_json(as_json)
    with Context.open() as ctx:
        swept = sweep(ctx, via="cli")
        sent = send_pending(ctx.engine, ctx.settings) if send else None
    if as_json:
        print_json({**swept.model_dump(mode="json"), "sent": sent.model_dump(mode="json") if sent else None})
        return
    typer.echo(
        t(
            "cli.case.swept",
            opened=len(swept.opened),
            late=len(swept.late),
            mails=swept.mails,
            sent=sent.sent if sent else 0,
            failed=sent.failed if sent else 0,
        )
    )


@app.command("list")
def list_command(
    department: Annotated[str | None, typer.Option("--dept", help="One department's queue.")] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="new, in_progress, resolved, closed, reopened.")
    ] = None,
    late: Annotated[bool, typer.Option("--late", help="Only the cases past their due time.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100_000)] = 100,
    as_json: Json = False,
) -> None:
    """A queue of cases, the most urgent first."""
    from safar.context import Context
    from safar.services.cases import queue

    use_json(as_json)
    with Context.open() as ctx:
        found = queue(ctx, department=department, status=status, late=late, limit=limit)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    table = Table(
        "#",
        t("case.field.status"),
        t("case.field.priority"),
        t("case.field.department"),
        t("case.field.touchpoint"),
        t("case.field.assignee"),
        t("case.field.due"),
    )
    for c in found.cases:
        due = _when(c.due_at) + (f" ({t('cases.late_mark')})" if c.late else "")
        table.add_row(
            _num(c.id),
            t(f"case.status.{c.status}"),
            t(f"case.priority.{c.priority}"),
            c.department or t("case.no_department"),
            c.touchpoint_name or c.map_title,
            c.assignee or "—",
            due,
        )
    show_table(table)
    typer.echo(t("cli.case.total", shown=len(found.cases), total=found.total))


@app.command("show")
def show_command(case_id: CaseArg, as_json: Json = False) -> None:
    """One case: what the customer said, who has it, its due time and history."""
    from safar.context import Context
    from safar.services.cases import case_screen

    use_json(as_json)
    with Context.open() as ctx:
        case = case_screen(ctx, case_id)
    if as_json:
        print_json(case.model_dump(mode="json"))
        return
    _print_case(case)


def _print_case(case: Any) -> None:
    typer.echo(f"{t('case.number', id=case.id)}: {case.touchpoint_name or case.map_title}")
    rows = [
        (
            t("case.field.status"),
            t(f"case.status.{case.status}") + (f" ({t('cases.late_mark')})" if case.late else ""),
        ),
        (t("case.field.priority"), t(f"case.priority.{case.priority}")),
        (t("case.field.department"), case.department or t("case.no_department")),
        (t("case.field.assignee"), case.assignee or "—"),
        (
            t("case.field.customer"),
            case.customer_id or (t("case.not_shared") if case.source != "alert" else "—"),
        ),
        (t("case.field.due"), _when(case.due_at)),
    ]
    for label, value in rows:
        typer.echo(f"  {label}: {value}")
    for a in case.answers:
        typer.echo(f"  · {t('case.kind.' + a.kind) if a.kind else ''}: {a.text or _num(a.value)}")
    if case.comment:
        typer.echo(f"  · {case.comment}")
    for e in case.history:
        typer.echo(
            f"  {_when(e.at)} {e.actor}: {e.action} {e.before or ''} {e.after or ''} {e.text or ''}".rstrip()
        )


@app.command("assign")
def assign_command(
    case_id: CaseArg,
    to: Annotated[str, typer.Argument(help="A member's user name; '-' to take it from whoever has it.")],
    as_json: Json = False,
) -> None:
    """Give a case to a member of the workspace."""
    from safar.context import Context
    from safar.services.cases import assign

    use_json(as_json)
    with Context.open() as ctx:
        case = assign(ctx, case_id, None if to == "-" else to, actor=_user(), via="cli")
    _done(case, as_json)


@app.command("status")
def status_command(
    case_id: CaseArg,
    status: Annotated[str, typer.Argument(help="in_progress, resolved, closed or reopened.")],
    note: Annotated[str | None, typer.Option("--note", help="What was done.")] = None,
    as_json: Json = False,
) -> None:
    """Move a case along its lifecycle."""
    from safar.context import Context
    from safar.services.cases import move

    use_json(as_json)
    with Context.open() as ctx:
        case = move(ctx, case_id, status, actor=_user(), via="cli", note=note)
    _done(case, as_json)


@app.command("note")
def note_command(case_id: CaseArg, text: Annotated[str, typer.Argument()], as_json: Json = False) -> None:
    """Add a note to a case's history."""
    from safar.context import Context
    from safar.services.cases import add_note

    use_json(as_json)
    with Context.open() as ctx:
        case = add_note(ctx, case_id, text, actor=_user(), via="cli")
    _done(case, as_json)


@app.command("follow-up")
def follow_up_command(
    case_id: CaseArg,
    survey: Annotated[int, typer.Option("--survey", help="The survey the customer is asked.", min=1)],
    as_json: Json = False,
) -> None:
    """A personal link to a follow-up survey for a resolved case's customer (who agreed to be contacted)."""
    from safar.context import Context
    from safar.services.cases import follow_up

    use_json(as_json)
    with Context.open() as ctx:
        case = follow_up(ctx, case_id, survey, actor=_user(), via="cli")
    if as_json:
        print_json(case.model_dump(mode="json"))
        return
    typer.echo(case.follow_up.link if case.follow_up else "")


def _done(case: Any, as_json: bool) -> None:
    if as_json:
        print_json(case.model_dump(mode="json"))
        return
    _print_case(case)


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="The CSV file to write.")],
    department: Annotated[str | None, typer.Option("--dept")] = None,
    status: Annotated[str | None, typer.Option("--status")] = None,
    late: Annotated[bool, typer.Option("--late")] = False,
) -> None:
    """The queue as CSV (customers who did not agree to be known are not named)."""
    from safar.context import Context
    from safar.services.cases import export_csv

    with Context.open() as ctx:
        out.write_bytes(export_csv(ctx, department=department, status=status, late=late))
    typer.echo(t("cli.case.exported", path=str(out)))


@mail_app.command("add")
def mail_add(
    department: Annotated[str, typer.Argument(help="A department, or * for every department.")],
    address: Annotated[str, typer.Argument(help="The e-mail address.")],
    lang: Annotated[str, typer.Option("--lang", help="fa or en.")] = "fa",
    as_json: Json = False,
) -> None:
    """Tell an address about a department's new and late cases and its alerts."""
    from safar.context import Context
    from safar.services.notifications import add_address

    use_json(as_json)
    with Context.open() as ctx:
        made = add_address(ctx, department, address, lang)
    if as_json:
        print_json(made.model_dump(mode="json"))
        return
    typer.echo(t("cli.case.mail_added", address=made.address, department=made.department))


@mail_app.command("list")
def mail_list(as_json: Json = False) -> None:
    """The addresses, and the latest mails with how they went."""
    from safar.context import Context
    from safar.services.notifications import addresses, outbox

    use_json(as_json)
    with Context.open() as ctx:
        found, sent = addresses(ctx), outbox(ctx)
    if as_json:
        print_json({"addresses": [a.model_dump() for a in found], "outbox": [m.model_dump() for m in sent]})
        return
    for a in found:
        typer.echo(f"{_num(a.id)}  {a.department}  {a.address}  {a.lang}")
    for m in sent:
        state = _when(m.sent_at) if m.sent_at else (m.error or t("cases.waiting"))
        typer.echo(f"  {t('mail.kind.' + m.kind)} {_num(m.ref)} → {m.address}: {state}")


@mail_app.command("remove")
def mail_remove(address_id: Annotated[int, typer.Argument(min=1)]) -> None:
    """Stop telling an address."""
    from safar.context import Context
    from safar.services.notifications import remove_address

    with Context.open() as ctx:
        remove_address(ctx, address_id)
    typer.echo(t("cli.case.mail_removed", id=address_id))
