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
    file: Annotated[Path | None, typer.Option("--file", help="A CSV or Excel file of questions.")] = None,
    text_col: Annotated[str | None, typer.Option("--text-col")] = None,
    as_json: Json = False,
) -> None:
    """The questions no article answers, grouped and ranked; with --file and --json, each row's best article."""
    from safar.context import Context
    from safar.services.kb import gaps_for_file, gaps_for_map

    use_json(as_json)
    if (map_id is None) == (file is None):
        raise InputError("kb.one_source")
    with Context.open() as ctx:
        if file is not None:
            if not file.is_file():
                raise InputError("file.not_found", source=str(file))
            found = gaps_for_file(ctx, file, text_col)
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
