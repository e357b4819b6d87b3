"""``safar feedback ingest``: customer comments linked to a map's touchpoints, scored for sentiment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from safar.cli.alerts import say_fired
from safar.cli.output import SafarGroup, console, t
from safar.cli.reading import CalendarOpt, EncodingOpt, SheetOpt, TimeFormatOpt, TzOpt, say_reading
from safar.config import Settings

app = typer.Typer(cls=SafarGroup, help="Customer comments (voice of the customer).", no_args_is_help=True)


@app.command("ingest")
def ingest(
    file: Annotated[Path, typer.Argument(help="CSV file with one comment per row.")],
    map_id: Annotated[int, typer.Option("--map", help="The map whose touchpoints the comments are about.")],
    dataset: Annotated[str, typer.Option("--dataset", help="Name for this set of comments.")],
    text_col: Annotated[str, typer.Option("--text-col", help="Column with the comment text.")] = "text",
    touchpoint_col: Annotated[
        str | None, typer.Option("--touchpoint-col", help="Column with a touchpoint id or name.")
    ] = None,
    customer_col: Annotated[str | None, typer.Option("--customer-col")] = None,
    time_col: Annotated[
        str | None, typer.Option("--time-col", help="Times: ISO 8601, Jalali, or as --time-format says.")
    ] = None,
    tz: TzOpt = None,
    calendar: CalendarOpt = "auto",
    time_format: TimeFormatOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Score and store the comments of FILE; rejected rows are kept with their reason (`safar events rejected`)."""
    from safar.services.ingestion import ingest_comments
    from safar.workspace import Workspace

    with Workspace.open(Settings.from_env()) as workspace:
        done = ingest_comments(
            workspace,
            file,
            dataset=dataset,
            map_id=map_id,
            text_col=text_col,
            touchpoint_col=touchpoint_col,
            customer_col=customer_col,
            time_col=time_col,
            tz=tz,
            calendar=calendar,
            time_format=time_format,
            encoding=encoding,
            sheet=sheet,
        )
    say_fired(done.alerts, quiet=as_json)
    report = done.report
    say_reading(report.reading, quiet=as_json)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        console.print(
            t("feedback.report", **{k: v for k, v in report.to_dict().items() if k != "quarantine"}),
            markup=False,
        )
