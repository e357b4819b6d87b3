"""`safar events …`: ingest event files, list datasets, export the quarantine.

A thin adapter: parse, call one function of :mod:`safar.events`, print. With
``--json`` stdout carries only the JSON document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
from rich.table import Table

from safar.cli.alerts import say_fired
from safar.cli.figures import show_table
from safar.cli.output import SafarGroup
from safar.cli.reading import (
    CalendarOpt,
    EncodingOpt,
    SheetOpt,
    TimeFormatOpt,
    TzOpt,
    say_columns,
    say_reading,
)
from safar.cli.sources import app as sources_app
from safar.config import Settings
from safar.i18n import current_lang, format_datetime, translate
from safar.render.kpis import format_number

app = typer.Typer(
    cls=SafarGroup, help="Bring customer interaction events into the warehouse.", no_args_is_help=True
)


app.add_typer(sources_app, name="source")


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False))


@app.command("ingest")
def ingest(
    file: Annotated[
        Path, typer.Argument(help="CSV/TSV, Excel (.xlsx), Parquet, JSON Lines or XES (.xes, .xes.gz) file.")
    ],
    dataset: Annotated[str, typer.Option("--dataset", help="Dataset to add the events to.")],
    format: Annotated[str | None, typer.Option("--format", help="csv, xlsx, parquet, jsonl or xes.")] = None,
    customer_col: Annotated[str | None, typer.Option("--customer-col")] = None,
    time_col: Annotated[str | None, typer.Option("--time-col")] = None,
    activity_col: Annotated[str | None, typer.Option("--activity-col")] = None,
    channel_col: Annotated[str | None, typer.Option("--channel-col")] = None,
    id_col: Annotated[str | None, typer.Option("--id-col")] = None,
    reply_to_col: Annotated[
        str | None,
        typer.Option(
            "--reply-to-col",
            help="The column of the message each row replies to (a Twitter/X or chat export): each thread is "
            "filed under its first message's author, as request → response (needs --id-col).",
        ),
    ] = None,
    inbound_col: Annotated[
        str | None,
        typer.Option(
            "--inbound-col",
            help="With --reply-to-col: the column saying whether a message came from the customer "
            "(true/yes/1) or the company (false/no/0); else any author but the thread's customer responds.",
        ),
    ] = None,
    tz: TzOpt = None,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", help="CSV delimiter (sniffed by default).")
    ] = None,
    encoding: EncodingOpt = None,
    calendar: CalendarOpt = "auto",
    time_format: TimeFormatOpt = None,
    sheet: SheetOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Ingest FILE into a dataset; every row is loaded, a duplicate, or quarantined."""
    from safar.services.ingestion import ingest_events
    from safar.workspace import Workspace

    console = Console(stderr=True)
    with (
        Workspace.open(Settings.from_env()) as workspace,
        Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=as_json or not console.is_terminal,
        ) as bar,
    ):
        task = bar.add_task(file.name, total=None)
        ingested = ingest_events(
            workspace,
            file,
            dataset=dataset,
            format=format,
            customer_col=customer_col,
            time_col=time_col,
            activity_col=activity_col,
            channel_col=channel_col,
            id_col=id_col,
            reply_to_col=reply_to_col,
            inbound_col=inbound_col,
            tz=tz,
            delimiter=delimiter,
            encoding=encoding,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            calendar=calendar,
            time_format=time_format,
            sheet=sheet,
        )
    say_fired(ingested.alerts, quiet=as_json)
    report = ingested.report
    say_reading(report.reading, quiet=as_json)
    if as_json:
        _print_json(report.described())
        return
    lang = current_lang()
    say_columns(report.columns)
    counts = {k: report.summary()[k] for k in ("read", "loaded", "duplicates", "rejected")}
    typer.echo(translate("events.report", lang, **counts))
    if report.rejected:
        typer.echo(translate("events.report_rejected", lang, dataset=dataset))


@app.command("datasets")
def datasets(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the datasets in the warehouse with their counts and time span (UTC)."""
    from safar.warehouse import open_warehouse

    with open_warehouse(Settings.from_env()) as wh:
        infos = wh.datasets()
    if as_json:
        _print_json([info.to_dict() for info in infos])
        return
    lang = current_lang()
    keys = ("dataset", "events", "customers", "activities", "first", "last")
    table = Table(*(translate(f"cli.col.{key}", lang) for key in keys))
    for info in infos:
        table.add_row(
            info.name,
            *(format_number(n, lang) for n in (info.events, info.customers, info.activities)),
            *("—" if when is None else format_datetime(when, lang) for when in (info.first, info.last)),
        )
    show_table(table)


@app.command("rejected")
def rejected(
    dataset: Annotated[str, typer.Option("--dataset")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the rows to this CSV file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show or export the quarantined rows of a dataset (row number, field, reason, original row)."""
    from safar.events import export_rejected, rejected_rows
    from safar.warehouse import open_warehouse

    with open_warehouse(Settings.from_env()) as wh:
        if output is not None:
            count = export_rejected(wh, dataset, output, current_lang())
            typer.echo(f"{count} rows → {output}", err=as_json)
            if as_json:
                _print_json({"rows": count, "path": str(output)})
            return
        rows = rejected_rows(wh, dataset, current_lang())
    if as_json:
        _print_json(rows)
        return
    lang = current_lang()
    table = Table(*(translate(f"cli.col.{key}", lang) for key in ("source", "row", "field", "reason")))
    for row in rows:
        table.add_row(
            Path(row["source"]).name,
            format_number(row["row_number"], lang),
            row["field"] or "—",
            row["message"],
        )
    show_table(table)


@app.command("preview")
def preview(
    file: Annotated[Path, typer.Argument(help="The file `safar events ingest` would read.")],
    customer_col: Annotated[str | None, typer.Option("--customer-col")] = None,
    time_col: Annotated[str | None, typer.Option("--time-col")] = None,
    activity_col: Annotated[str | None, typer.Option("--activity-col")] = None,
    channel_col: Annotated[str | None, typer.Option("--channel-col")] = None,
    id_col: Annotated[str | None, typer.Option("--id-col")] = None,
    reply_to_col: Annotated[str | None, typer.Option("--reply-to-col")] = None,
    inbound_col: Annotated[str | None, typer.Option("--inbound-col")] = None,
    tz: TzOpt = None,
    encoding: EncodingOpt = None,
    calendar: CalendarOpt = "auto",
    time_format: TimeFormatOpt = None,
    sheet: SheetOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the preview as JSON.")] = False,
) -> None:
    """Show the first rows of FILE as an ingest would read them: the column each role would take, the
    encoding, the calendar and the first times read; nothing is loaded."""
    from safar.cli.output import print_json, use_json
    from safar.context import Context
    from safar.events.columns import OPTIONS, REQUIRED
    from safar.services.uploads import Reading, preview_screen

    use_json(as_json)
    named = {"customer": customer_col, "activity": activity_col, "time": time_col}
    named |= {"channel": channel_col, "id": id_col, "reply_to": reply_to_col, "inbound": inbound_col}
    reading = Reading(
        columns={role: name for role, name in named.items() if name is not None},
        encoding=encoding,
        sheet=sheet,
        calendar=calendar,
        tz=tz,
        time_format=time_format,
    )
    with Context.open() as ctx:
        seen = preview_screen(ctx, file, reading)
    if as_json:
        print_json(seen.model_dump(mode="json"))
        return
    lang = current_lang()
    facts = {"encoding": seen.encoding or "-", "calendar": seen.read_calendar or "-", "tz": seen.tz}
    typer.echo(translate("input.reading", lang, **facts))
    say_columns({role: column for role, column in seen.roles.items() if column})
    for role in REQUIRED:
        if not seen.fixed and seen.roles.get(role) is None:
            role_name = translate(f"column_role.{role}", lang)
            typer.echo(translate("preview.no_column", lang, role=role_name, option=OPTIONS[role]))
    if seen.attributes:
        typer.echo(f"{translate('mapping.attributes', lang)} {_joined(seen.attributes, lang)}")
    if seen.time_problem:
        typer.echo(seen.time_problem)
    heads = [*seen.columns, *([translate("mapping.time_as_read", lang, tz=seen.tz)] if seen.times else [])]
    table = Table(*heads, title=translate("mapping.preview", lang, n=format_number(len(seen.rows), lang)))
    for i, row in enumerate(seen.rows):
        when = seen.times[i] if i < len(seen.times) else None
        read = [] if not seen.times else ["—" if when is None else format_datetime(when, lang, seen.tz)]
        table.add_row(*row, *[""] * (len(seen.columns) - len(row)), *read)
    show_table(table)


@app.command("remove")
def remove(
    dataset: Annotated[str, typer.Argument(help="The dataset to remove.")],
    yes: Annotated[bool, typer.Option("--yes", help="Remove it without asking.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was removed as JSON.")] = False,
) -> None:
    """Remove DATASET from the warehouse: its events, customers, comments, rejected rows and import records.
    The maps that read it show no data until it is loaded again."""
    from safar.cli.output import print_json, use_json
    from safar.context import Context
    from safar.services.datasets import removal_screen, remove_dataset

    use_json(as_json)
    lang = current_lang()
    with Context.open() as ctx:
        if not yes:
            found = removal_screen(ctx, dataset).dataset
            counts = {"events": found.events, "customers": found.customers, "rejected": found.quarantined}
            numbers = {k: format_number(v, lang) for k, v in counts.items()}
            typer.echo(translate("remove.what", lang, **numbers), err=as_json)
            if found.maps:
                typer.echo(f"{translate('remove.maps', lang)} {_joined(found.maps, lang)}", err=as_json)
            try:
                sure = typer.confirm(translate("remove.ask", lang, dataset=dataset), err=as_json)
            except click.Abort:  # the input ended (Ctrl-D, no terminal): not a yes
                sure = False
            if not sure:
                typer.echo(translate("remove.kept", lang), err=True)
                raise typer.Exit(1)
        done = remove_dataset(ctx, dataset)
    if as_json:
        print_json(done.model_dump(mode="json"))
        return
    removed = {k: format_number(done.removed.get(k, 0), lang) for k in ("events", "customers", "comments")}
    removed |= {k: format_number(done.removed.get(k, 0), lang) for k in ("rejected", "ingestions")}
    typer.echo(translate("remove.done", lang, dataset=dataset, **removed))
    if done.maps:
        typer.echo(f"{translate('remove.maps', lang)} {_joined(done.maps, lang)}")


def _joined(names: list[str], lang: str) -> str:
    return ("، " if lang == "fa" else ", ").join(names)
