"""`safar kb …`: the knowledge base from the terminal — import articles (CSV, Excel, JSON, Markdown), list them,
and the customer questions no article answers (a map's, or a file's with each row's best article). A thin adapter
over :mod:`safar.services.kb`; every command has ``--json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from safar.cli.output import SafarGroup, print_json, t, use_json
from safar.errors import InputError
from safar.i18n import current_lang, to_persian_digits

app = typer.Typer(
    cls=SafarGroup, help="The knowledge base: articles, and the questions none answers.", no_args_is_help=True
)
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _num(value: Any) -> str:
    text = str(value)
    return to_persian_digits(text) if current_lang() == "fa" else text


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="CSV, Excel (.xlsx), JSON or Markdown (.md).")],
    title_col: Annotated[str | None, typer.Option("--title-col")] = None,
    body_col: Annotated[str | None, typer.Option("--body-col")] = None,
    tags_col: Annotated[str | None, typer.Option("--tags-col")] = None,
    as_json: Json = False,
) -> None:
    """Import articles; importing the file again updates its articles by id."""
    from safar.config import Settings
    from safar.context import Context
    from safar.services.kb import import_file

    use_json(as_json)
    if not file.is_file():
        raise InputError("file.not_found", source=str(file))
    with Context.open() as ctx:
        done = import_file(
            ctx,
            file,
            columns={"title": title_col, "body": body_col, "tags": tags_col},
            actor=Settings.from_env().author,
        )
    if as_json:
        print_json(done.model_dump())
        return
    typer.echo(
        t("kb.imported", source=done.source, read=_num(done.read), imported=_num(done.imported),
          updated=_num(done.updated), rejected=_num(len(done.rejected)))
    )  # fmt: skip
    for r in done.rejected:
        typer.echo(f"  {r.message}")


@app.command("list")
def list_command(as_json: Json = False) -> None:
    """The articles."""
    from safar.context import Context
    from safar.services.kb import articles

    use_json(as_json)
    with Context.open() as ctx:
        found = articles(ctx)
    if as_json:
        print_json([a.model_dump() for a in found])
        return
    for a in found:
        typer.echo(f"{a.key}  [{a.lang}]  {a.title}")


@app.command("gaps")
def gaps_command(
    map_id: Annotated[int | None, typer.Option("--map", help="A map's questions.", min=1)] = None,
    dataset: Annotated[
        str | None,
        typer.Option(
            "--dataset", help="A dataset's questions: its comments, or its events' texts (--text-col)."
        ),
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="A CSV or Excel file of questions.")] = None,
    text_col: Annotated[
        str | None, typer.Option("--text-col", help="The file's text column, or the events' text attribute.")
    ] = None,
    activity: Annotated[
        str | None, typer.Option("--activity", help="With --dataset: only the events of this activity.")
    ] = None,
    as_json: Json = False,
) -> None:
    """The questions no article answers, grouped and ranked; with --file and --json, each row's best article.
    A map's or a dataset's texts that ask something are its questions; every row of a file is one."""
    from safar.context import Context
    from safar.services.kb import gaps_for_dataset, gaps_for_file, gaps_for_map

    use_json(as_json)
    if sum(x is not None for x in (map_id, dataset, file)) != 1:
        raise InputError("kb.one_source")
    with Context.open() as ctx:
        if file is not None:
            if not file.is_file():
                raise InputError("file.not_found", source=str(file))
            found = gaps_for_file(ctx, file, text_col)
        elif dataset is not None:
            found = gaps_for_dataset(ctx, dataset, text_col=text_col, activity=activity)
        else:
            found = gaps_for_map(ctx, map_id or 0)
    if as_json:
        shown = found.model_dump()
        if shown["rows"] is None:
            del shown["rows"]
        print_json(shown)
        return
    typer.echo(
        t("kb.gaps_summary", questions=_num(found.questions), answered=_num(found.answered),
          unanswered=_num(found.unanswered))
    )  # fmt: skip
    for g in found.groups:
        mark = f" ({t('topics.new') if g.new else t('topics.rising')})" if g.new or g.rising else ""
        typer.echo(f"{_num(g.questions)}  {g.name}{mark}")
        for example in g.examples[:3]:
            typer.echo(f"    « {example} »")
    if found.unused_articles:
        typer.echo(t("kb.unused") + ": " + " · ".join(a.title for a in found.unused_articles))


@app.command("check")
def check_command(as_json: Json = False) -> None:
    """Alert now on each map's new or rising group of unanswered questions (the web app does this every few
    minutes; for cron). A group alerts at most once a week."""
    from safar.context import Context
    from safar.services.kb_surges import check_surges

    use_json(as_json)
    with Context.open() as ctx:
        found = check_surges(ctx)
    if as_json:
        print_json([s.model_dump() for s in found])
        return
    if not found:
        typer.echo(t("kb.no_surges"))
    for s in found:
        mark = t("topics.new") if s.new else t("topics.rising")
        typer.echo(f"{_num(s.questions)}  {s.group} ({mark}) — {t('alerts.status.' + s.status)}")
