"""`safar topics …`: what customers talk about — discover topics in a map's comments, a dataset or a file, keep
the workspace's own topics (accept, add, rename, merge, remove) and read a map's topics (counts, negative share,
rising and new). A thin adapter over :mod:`safar.services.topics`; every command has ``--json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from safar.cli.figures import show_table
from safar.cli.output import SafarGroup, print_json, t, use_json
from safar.errors import InputError
from safar.i18n import current_lang, format_percent, to_persian_digits

app = typer.Typer(
    cls=SafarGroup, help="Topics: what customers talk about, found and kept.", no_args_is_help=True
)

Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
MapOpt = Annotated[int | None, typer.Option("--map", help="The map whose comments are read.", min=1)]
KOpt = Annotated[
    int | None, typer.Option("--k", help="How many topics (default: as many as fit best).", min=2, max=50)
]


def _num(value: Any) -> str:
    text = str(value)
    return to_persian_digits(text) if current_lang() == "fa" else text


def _pct(value: float | None) -> str:
    return format_percent(None if value is None else value * 100, current_lang(), 0)


def _user() -> str:
    from safar.config import Settings

    return Settings.from_env().author


@app.command("discover")
def discover_command(
    map_id: MapOpt = None,
    dataset: Annotated[
        str | None,
        typer.Option("--dataset", help="A dataset: its comments, or its events' texts (--text-col)."),
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="A CSV or Excel file of texts.")] = None,
    text_col: Annotated[
        str | None, typer.Option("--text-col", help="The file's text column, or the events' text attribute.")
    ] = None,
    activity: Annotated[
        str | None, typer.Option("--activity", help="With --dataset: only the events of this activity.")
    ] = None,
    k: KOpt = None,
    as_json: Json = False,
) -> None:
    """Find topics in a map's comments (--map), a dataset (--dataset: its comments, or an event log's texts such
    as chat messages or transcripts) or a file (--file; with --json every row's topic and confidence too). The
    same texts always give the same topics."""
    from safar.context import Context
    from safar.services.topics import discover_dataset, discover_file, discover_map

    use_json(as_json)
    if sum(x is not None for x in (map_id, dataset, file)) != 1:
        raise InputError("topic.one_source")
    if file is not None:
        if not file.is_file():
            raise InputError("file.not_found", source=str(file))
        found = discover_file(file, text_col, k=k)
    else:
        with Context.open() as ctx:
            found = (
                discover_map(ctx, map_id, k=k)
                if map_id is not None
                else discover_dataset(ctx, dataset or "", k=k, text_col=text_col, activity=activity)
            )
    if as_json:
        shown = found.model_dump(mode="json")
        if shown["assignments"] is None:  # rows are listed for a file only
            del shown["assignments"]
        print_json(shown)
        return
    typer.echo(t("topics.found", k=_num(found.k), n=_num(found.texts)))
    for topic in found.topics:
        typer.echo(
            f"{topic.key}  {t('topics.size', n=_num(topic.size), share=_pct(topic.share))}: {' · '.join(topic.phrases[:5])}"
        )
        for said in topic.quotes:
            typer.echo(f"    « {said} »")


@app.command("list")
def list_command(as_json: Json = False) -> None:
    """The workspace's topics."""
    from safar.context import Context
    from safar.services.topics import taxonomy

    use_json(as_json)
    with Context.open() as ctx:
        found = taxonomy(ctx)
    if as_json:
        print_json([x.model_dump() for x in found])
        return
    table = Table(
        t("topics.topic"), t("topics.name_fa"), t("topics.name_en"), t("topics.phrases"), t("topics.keywords")
    )
    for x in found:
        table.add_row(x.key, x.name_fa, x.name_en, " · ".join(x.phrases), " · ".join(x.keywords))
    show_table(table)


@app.command("add")
def add_command(
    name_fa: Annotated[str, typer.Option("--name-fa")] = "",
    name_en: Annotated[str, typer.Option("--name-en")] = "",
    phrase: Annotated[list[str] | None, typer.Option("--phrase", help="An example phrase (repeat).")] = None,
    keyword: Annotated[list[str] | None, typer.Option("--keyword", help="A keyword (repeat).")] = None,
    as_json: Json = False,
) -> None:
    """Add a topic by hand."""
    from safar.context import Context
    from safar.services.topics import add_topic

    use_json(as_json)
    with Context.open() as ctx:
        made = add_topic(
            ctx, name_fa=name_fa, name_en=name_en, phrases=phrase or [], keywords=keyword or [], actor=_user()
        )
    _done(made, as_json)


@app.command("accept")
def accept_command(
    found: Annotated[
        str, typer.Argument(help="A discovered topic (t1, t2, … as `topics discover --map` lists).")
    ],
    map_id: Annotated[int, typer.Option("--map", help="The map it was found in.", min=1)],
    name_fa: Annotated[str, typer.Option("--name-fa")] = "",
    name_en: Annotated[str, typer.Option("--name-en")] = "",
    keyword: Annotated[list[str] | None, typer.Option("--keyword", help="A keyword (repeat).")] = None,
    k: KOpt = None,
    as_json: Json = False,
) -> None:
    """Accept a topic found in a map's comments: its quotes become its example phrases."""
    from safar.context import Context
    from safar.services.topics import add_topic, discover_map

    use_json(as_json)
    with Context.open() as ctx:
        discovered = discover_map(ctx, map_id, k=k)
        chosen = next((x for x in discovered.topics if x.key == found), None)
        if chosen is None:
            known = ", ".join(x.key for x in discovered.topics) or "-"
            raise InputError("topic.not_found", topic=found, known=known)
        made = add_topic(
            ctx,
            name_fa=name_fa,
            name_en=name_en,
            phrases=chosen.quotes,
            keywords=keyword or [],
            actor=_user(),
        )
    _done(made, as_json)


@app.command("rename")
def rename_command(
    key: Annotated[str, typer.Argument()],
    name_fa: Annotated[str | None, typer.Option("--name-fa")] = None,
    name_en: Annotated[str | None, typer.Option("--name-en")] = None,
    as_json: Json = False,
) -> None:
    """Rename a topic (either name, or both)."""
    from safar.context import Context
    from safar.services.topics import change_topic

    use_json(as_json)
    with Context.open() as ctx:
        _done(change_topic(ctx, key, name_fa=name_fa, name_en=name_en), as_json)


@app.command("merge")
def merge_command(
    key: Annotated[str, typer.Argument()],
    into: Annotated[str, typer.Option("--into", help="The topic that takes its phrases and keywords.")],
    as_json: Json = False,
) -> None:
    """Merge a topic into another."""
    from safar.context import Context
    from safar.services.topics import merge_topics

    use_json(as_json)
    with Context.open() as ctx:
        _done(merge_topics(ctx, key, into), as_json)


@app.command("remove")
def remove_command(key: Annotated[str, typer.Argument()], as_json: Json = False) -> None:
    """Remove a topic."""
    from safar.context import Context
    from safar.services.topics import remove_topic

    use_json(as_json)
    with Context.open() as ctx:
        _done(remove_topic(ctx, key), as_json)


@app.command("show")
def show_command(map_id: Annotated[int, typer.Option("--map", min=1)], as_json: Json = False) -> None:
    """A map's topics: comments, negative share, touchpoints, rising and new."""
    from safar.context import Context
    from safar.services.topics import topics_on_map

    use_json(as_json)
    with Context.open() as ctx:
        found = topics_on_map(ctx, map_id)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    table = Table(
        t("topics.topic"), t("topics.comments"), t("topics.negative"), t("topics.recent_vs_before"), ""
    )
    for f in found.topics:
        flag = t("topics.new") if f.new else t("topics.rising") if f.rising else ""
        table.add_row(
            f.name,
            _num(f.comments),
            _pct(f.negative_share),
            f"{_pct(f.recent_share)} / {_pct(f.baseline_share)}",
            flag,
        )
    show_table(table)
    typer.echo(t("topics.unassigned", n=_num(found.unassigned), total=_num(found.comments)))


def _done(topic: Any, as_json: bool) -> None:
    if as_json:
        print_json(topic.model_dump())
        return
    typer.echo(f"{topic.key}: {topic.name}")
