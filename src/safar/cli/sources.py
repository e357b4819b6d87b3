"""`safar events source …`: a dataset fed from a SQL query on PostgreSQL or MySQL/MariaDB.

The same as the web app's database sources page (:mod:`safar.services.sources`): ``add`` tries the
connection and reads the first rows before keeping it (its URL stored encrypted with the installation's
secret), ``list`` shows them without passwords, ``pull`` imports the query's rows now (cron may run it),
``remove`` forgets one (its dataset stays).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from safar.cli.figures import show_table
from safar.cli.output import SafarGroup, print_json, use_json
from safar.i18n import current_lang, format_datetime, translate
from safar.render.kpis import format_number

if TYPE_CHECKING:
    from safar.accounts import Actor
    from safar.config import Settings

app = typer.Typer(
    cls=SafarGroup,
    help="Datasets fed from a SQL query on PostgreSQL or MySQL/MariaDB.",
    no_args_is_help=True,
)


def _actor(settings: Settings) -> Actor:
    from safar.accounts import Actor

    return Actor(settings.author, "cli")


@app.command("add")
def add(
    kind: Annotated[str, typer.Option("--kind", help="postgres, or mysql (MariaDB too).")],
    query: Annotated[str, typer.Option("--query", help="The SELECT whose rows are the events.")],
    dataset: Annotated[str, typer.Option("--dataset", help="The dataset it feeds.")],
    url: Annotated[
        str | None,
        typer.Option("--url", help="postgresql://user:password@host/db or mysql://…"),
    ] = None,
    host: Annotated[str | None, typer.Option("--host")] = None,
    port: Annotated[int | None, typer.Option("--port")] = None,
    database: Annotated[str | None, typer.Option("--database")] = None,
    user: Annotated[str | None, typer.Option("--user")] = None,
    ask_password: Annotated[
        bool,
        typer.Option(
            "--ask-password", help="Ask for the password (not echoed; kept out of the shell history)."
        ),
    ] = False,
    every: Annotated[
        int | None, typer.Option("--every", help="Minutes between the server's pulls (none: on demand).")
    ] = None,
    no_check: Annotated[
        bool,
        typer.Option("--no-check", help="Keep it without connecting first (a server not reachable yet)."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Add a database source (a read-only database user is advised)."""
    from safar.context import Context
    from safar.services.sources import SourceIn, add_source

    use_json(as_json)
    password = typer.prompt("Password", hide_input=True, err=True) if ask_password else None
    new = SourceIn.model_validate(
        {
            "kind": kind,
            "url": url,
            "host": host,
            "port": port,
            "database": database,
            "user": user,
            "password": password,
            "query": query,
            "dataset": dataset,
            "every_minutes": every,
            "check": not no_check,
        }
    )
    with Context.open() as ctx:
        made = add_source(ctx, _actor(ctx.settings), new)
    if as_json:
        print_json(made.model_dump(mode="json"))
        return
    typer.echo(
        translate("ui.source_added", current_lang(), id=made.id, shown=made.shown, dataset=made.dataset)
    )


@app.command("list")
def list_command(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The workspace's database sources, with their last pull (no password is shown)."""
    from safar.context import Context
    from safar.services.sources import list_sources

    use_json(as_json)
    with Context.open() as ctx:
        screen = list_sources(ctx)
    if as_json:
        print_json(screen.model_dump(mode="json")["sources"])
        return
    lang = current_lang()
    if not screen.sources:
        typer.echo(translate("ui.no_sources", lang))
        return
    heads = ("sources.col.dataset", "sources.col.where", "sources.col.schedule", "sources.col.last_pull")
    table = Table("#", *(translate(h, lang).replace("`", "") for h in heads))
    for src in screen.sources:
        every = (
            translate("sources.every", lang, n=format_number(src.every_minutes, lang))
            if src.every_minutes
            else translate("sources.on_demand", lang)
        )
        last = translate("sources.never", lang)
        if src.last_pull is not None:
            found = src.last_pull
            said = found.problem or translate(
                "datasets.import",
                lang,
                **{
                    k: format_number(getattr(found, k) or 0, lang)
                    for k in ("read", "loaded", "duplicates", "rejected")
                },
            )
            last = f"{format_datetime(found.at, lang)}: {said}"
        table.add_row(str(src.id), src.dataset, f"{src.kind}:{src.where}", every, last)
    show_table(table)


@app.command("pull")
def pull(
    source_id: Annotated[int, typer.Argument(help="The source's number (safar events source list).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Run the source's query now and import its rows (rows already loaded count as duplicates)."""
    from safar.cli.alerts import say_fired
    from safar.context import Context
    from safar.services.sources import pull_source

    use_json(as_json)
    lang = current_lang()
    with Context.open() as ctx:
        done = pull_source(ctx, source_id, actor=_actor(ctx.settings))
    if done is None:
        if as_json:
            print_json({"read": 0, "loaded": 0, "duplicates": 0, "rejected": 0})
        else:
            typer.echo(translate("ui.source_no_rows", lang))
        return
    if as_json:
        print_json(done.to_dict())
        return
    report = done.report
    numbers = {
        k: format_number(getattr(report, k), lang) for k in ("read", "loaded", "duplicates", "rejected")
    }
    typer.echo(translate("datasets.import", lang, **numbers))
    say_fired(done.fired, quiet=False)


@app.command("remove")
def remove(source_id: Annotated[int, typer.Argument(help="The source's number.")]) -> None:
    """Forget a database source; its dataset and what it loaded stay."""
    from safar.context import Context
    from safar.services.sources import remove_source

    with Context.open() as ctx:
        remove_source(ctx, _actor(ctx.settings), source_id)
    typer.echo(translate("ui.source_removed", current_lang(), id=source_id))
