"""``safar channel …``: the channel catalogue and a workspace's own channels."""

from __future__ import annotations

import typer
from rich.table import Table

from safar.cli.figures import show_table
from safar.cli.output import console, print_json, t, use_json
from safar.config import Settings
from safar.errors import InputError
from safar.i18n import current_lang

app = typer.Typer(help="The channel catalogue (روش تعامل).", no_args_is_help=True)


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json")) -> None:
    """Built-in channels and the workspace's own."""
    from safar.workspace import Workspace

    with Workspace.open(Settings.from_env()) as ws:
        channels = ws.channels()
    if use_json(as_json):
        print_json([c.model_dump(mode="json") for c in channels.values()])
        return
    lang = current_lang()
    table = Table(t("ui.col_id"), t("ui.col_name"), t("ui.col_kind"))
    for c in channels.values():
        table.add_row(c.id, c.name(lang), t(f"channel.kind.{c.kind.value}"))
    show_table(table)


@app.command("add")
def add(
    channel_id: str = typer.Argument(..., help="A short id, e.g. bale_messenger."),
    name_fa: str = typer.Option(..., "--name-fa"),
    name_en: str = typer.Option(..., "--name-en"),
    kind: str = typer.Option(
        "other", "--kind", help="voice, digital, messaging, social, in_person, physical or other."
    ),
) -> None:
    """Add a channel to this workspace's catalogue."""
    import pydantic

    from safar.model import Channel
    from safar.workspace import Workspace

    try:
        channel = Channel(id=channel_id, name_fa=name_fa, name_en=name_en, kind=kind)
    except pydantic.ValidationError as exc:
        raise InputError("channel.invalid", problem=exc.errors(include_url=False)[0]["msg"]) from exc
    with Workspace.open(Settings.from_env()) as ws:
        ws.add_channel(channel)
    console.print(f"{channel.id}: {channel.name(current_lang())}", markup=False)
