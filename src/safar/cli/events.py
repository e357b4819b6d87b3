"""`safar events …`: ingest event files, list datasets, export the quarantine.

A thin adapter: parse, call one function of :mod:`safar.events`, print. With
``--json`` stdout carries only the JSON document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

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
from safar.config import Settings
from safar.i18n import current_lang, format_datetime, translate
from safar.render.kpis import format_number

app = typer.Typer(
    cls=SafarGroup, help="Bring customer interaction events into the warehouse.", no_args_is_help=True
)


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
