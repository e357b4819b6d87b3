"""``safar map respondents``: the survey answers behind an NPS, CSAT or CES count of the voice report.

A thin adapter over :func:`safar.services.respondents.map_respondents`, the function behind the page
``/w/{ws}/maps/{id}/respondents`` and its JSON twin: the same filter, the same answers. With ``--out``
the whole list is written to a CSV or XLSX file (formulas neutralised); with ``--json`` one page of it is
printed as the API gives it; otherwise as a table in the user's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from safar.cli.exports import out_format, write_out
from safar.cli.figures import say, show_table
from safar.cli.output import print_json, t, use_json
from safar.i18n import current_lang, format_number


def respondents_command(
    map_id: Annotated[int, typer.Argument(help="Journey map id.")],
    metric: Annotated[str, typer.Option("--metric", help="nps, csat or ces.")] = "nps",
    group: Annotated[
        str,
        typer.Option(
            "--group", help="all; promoters, passives or detractors (NPS); satisfied (CSAT's top box)."
        ),
    ] = "all",
    touchpoint: Annotated[
        str | None, typer.Option("--touchpoint", metavar="ID", help="Answers about this touchpoint.")
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option("--stage", metavar="ID", help="Answers about this stage or its touchpoints."),
    ] = None,
    page: Annotated[int, typer.Option("--page", min=1, help="Which page of the list.")] = 1,
    per_page: Annotated[int, typer.Option("--per-page", min=1, max=500, help="Answers per page.")] = 50,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the whole list to this .csv or .xlsx file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """The survey answers behind an NPS, CSAT or CES count (default: the map's headline)."""
    from safar.context import Context
    from safar.services.respondents import export_respondents, map_respondents, read_filter

    use_json(as_json)
    chosen = read_filter(metric, group, touchpoint=touchpoint, stage=stage)
    fmt = out_format(out)
    with Context.open() as ctx:
        result = map_respondents(
            ctx, map_id, chosen, page=1 if fmt else page, per_page=None if fmt else per_page
        )
    if fmt is not None and out is not None:
        body = export_respondents(result, fmt, current_lang())
        write_out(
            out,
            body,
            total=result.total,
            description=result.description,
            written="respondents.written",
            as_json=as_json,
        )
        return
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    _print(result)


def _print(result: object) -> None:
    from rich.table import Table

    from safar.services.respondents import RespondentsResult

    assert isinstance(result, RespondentsResult)
    lang = current_lang()
    say(result.description.replace("\u2068", "").replace("\u2069", ""))
    say(
        t("respondents.count", n=format_number(result.total, lang))
        + " · "
        + t(
            "customers.page_of",
            page=format_number(result.page, lang),
            pages=format_number(result.pages, lang),
        )
    )
    if not result.respondents:
        return
    keys = ["response_id", "customer_id", "score", "touchpoint_name", "time"]
    if result.filter.metric != "ces":
        keys.insert(3, "group")
    table = Table(*(t(f"respondents.col.{key}") for key in keys))
    for r in result.respondents:
        cells = {
            "response_id": r.response_id,
            "customer_id": r.customer_id or "—",
            "score": format_number(r.score, lang, "g"),
            "group": t(f"respondents.each.{r.group}") if r.group else "—",
            "touchpoint_name": r.touchpoint_name or r.stage_name or "—",
            "time": r.time,
        }
        table.add_row(*(cells[key] for key in keys))
    show_table(table)
    if result.page < result.pages:
        say(t("respondents.more", page=result.page + 1))
