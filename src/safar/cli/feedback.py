"""``safar feedback ingest``: customer comments linked to a map's touchpoints, scored for sentiment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from safar.cli.alerts import say_fired
from safar.cli.output import SafarGroup, console, t
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

if TYPE_CHECKING:
    from safar.accounts import Actor

app = typer.Typer(cls=SafarGroup, help="Customer comments (voice of the customer).", no_args_is_help=True)


@app.command("ingest")
def ingest(
    file: Annotated[Path, typer.Argument(help="CSV file with one comment per row.")],
    map_id: Annotated[int, typer.Option("--map", help="The map whose touchpoints the comments are about.")],
    dataset: Annotated[str, typer.Option("--dataset", help="Name for this set of comments.")],
    text_col: Annotated[
        str | None,
        typer.Option(
            "--text-col", help="Column with the comment text (found by name: text, comment, متن, نظر, …)."
        ),
    ] = None,
    touchpoint_col: Annotated[
        str | None, typer.Option("--touchpoint-col", help="Column with a touchpoint id or name.")
    ] = None,
    customer_col: Annotated[str | None, typer.Option("--customer-col")] = None,
    time_col: Annotated[
        str | None, typer.Option("--time-col", help="Times: ISO 8601, Jalali, or as --time-format says.")
    ] = None,
    channel_col: Annotated[
        str | None, typer.Option("--channel-col", help="Column with the channel the comment came through.")
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
            channel_col=channel_col,
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
        typer.echo(json.dumps(report.described(), ensure_ascii=False))
    else:
        say_columns(report.columns)
        console.print(
            t("feedback.report", **{k: v for k, v in report.to_dict().items() if k != "quarantine"}),
            markup=False,
        )


@app.command("list")
def list_(
    map_id: Annotated[int, typer.Option("--map", help="The map whose comments to list.")],
    touchpoint: Annotated[str | None, typer.Option("--touchpoint", help="Only this touchpoint's.")] = None,
    label: Annotated[
        str | None, typer.Option("--label", help="Only positive, negative or neutral comments.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many, newest first (1…500).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """The map's newest comments, as the voice page lists them."""
    from safar.cli.output import print_json, use_json
    from safar.context import Context
    from safar.i18n import current_lang, format_day, to_persian_digits
    from safar.services.comments import comments

    use_json(as_json)
    with Context.open() as ctx:
        found = comments(ctx, map_id, touchpoint=touchpoint, label=label, limit=limit)
        names = {tp.id: tp.name for tp in ctx.workspace.get_map(map_id).document.touchpoints()}
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    if not found.comments:
        console.print(t("web.no_comments"), markup=False)
        return
    from rich.table import Table

    lang = current_lang()
    table = Table(title=t("web.comments_title"))
    heads = (t("ui.col_time"), t("survey.col.touchpoint"), t("web.sentiment"), t("screens.col_comment"))
    for head in (*heads, t("feedback.col_id")):
        table.add_column(head, overflow="fold")
    for c in found.comments:
        score = f"{c.score:+.2f}"
        said = f"{t('web.label_' + c.label)} ({to_persian_digits(score) if lang == 'fa' else score})"
        if c.label_by == "person":
            said += " · " + t("voice.corrected")
        elif c.label_by == "workspace":
            said += " · " + t("voice.by_workspace")
        table.add_row(
            format_day(c.ts, lang) if c.ts else "—",
            names.get(c.touchpoint_id, c.touchpoint_id) if c.touchpoint_id else "—",
            said,
            c.text,
            f"{c.dataset}/{c.comment_id}",
        )
    console.print(table)


def _actor(settings: Settings) -> Actor:
    from safar.accounts import Actor

    return Actor(settings.author, "cli")


@app.command("correct")
def correct(
    map_id: Annotated[int, typer.Option("--map", help="The map the comment is about.")],
    comment: Annotated[
        str,
        typer.Option("--comment", help="DATASET/ID, as `safar feedback list` shows it in its last column."),
    ],
    label: Annotated[str, typer.Option("--label", help="positive, negative or neutral.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Correct a comment's sentiment label: it counts at once wherever comments count, and the workspace's
    similar comments with the same mistake follow it (the shipped model stays as it is)."""
    from safar.cli.output import print_json, use_json
    from safar.context import Context
    from safar.errors import InputError
    from safar.services.corrections import correct_comment

    use_json(as_json)
    dataset, sep, comment_id = comment.partition("/")
    if not sep or not dataset or not comment_id:
        raise InputError("feedback.bad_comment_ref", value=comment)
    with Context.open() as ctx:
        done = correct_comment(
            ctx, map_id, dataset=dataset, comment_id=comment_id, label=label, by=_actor(ctx.settings)
        )
    if as_json:
        print_json(done.model_dump(mode="json"))
        return
    console.print(
        t("feedback.corrected", was=t("web.label_" + done.was), label=t("web.label_" + done.label)),
        markup=False,
    )


@app.command("corrections")
def corrections(
    map_id: Annotated[int, typer.Option("--map", help="The map whose corrections to show.")],
    reset: Annotated[
        bool,
        typer.Option(
            "--reset", help="Forget what the workspace learnt (corrected comments keep their labels)."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """The map's newest label corrections and what the workspace learnt from its corrections."""
    from safar.cli.output import print_json, use_json
    from safar.context import Context
    from safar.i18n import current_lang, format_day
    from safar.services.corrections import label_corrections, reset_adaptation

    use_json(as_json)
    with Context.open() as ctx:
        view = (
            reset_adaptation(ctx, map_id, by=_actor(ctx.settings))
            if reset
            else label_corrections(ctx, map_id)
        )
    if as_json:
        print_json(view.model_dump(mode="json"))
        return
    lang = current_lang()
    a = view.adaptation
    if a.corrections:
        console.print(t("voice.adaptation", n=a.corrections, relabelled=a.relabelled), markup=False)
        if a.held_out_n > 1:
            console.print(
                t(
                    "voice.adaptation_held_out",
                    n=a.held_out_n,
                    shipped=a.held_out_shipped,
                    adapted=a.held_out_adapted,
                ),
                markup=False,
            )
    if not view.corrections:
        console.print(t("voice.no_corrections"), markup=False)
        return
    for c in view.corrections:
        line = t(
            "voice.correction_line",
            who=c.by or "—",
            day=format_day(c.at.isoformat(), lang),
            was=t("web.label_" + c.was),
            label=t("web.label_" + c.label),
        )
        console.print(f"{line} «{c.text}»", markup=False)
