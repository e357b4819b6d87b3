"""The ``safar`` command: a thin adapter over the Python API.

Each command parses its arguments, calls one function and prints the result;
a :class:`~safar.errors.SafarError` becomes a one-line message on stderr and
exit status 2, here and nowhere else.
"""

from __future__ import annotations

import os

import typer

from safar.cli import (
    alerts,
    analyze,
    backup,
    channels,
    customers,
    events,
    feedback,
    insights,
    kpis,
    maps,
    survey,
    voice,
    web,
)
from safar.cli.output import SafarGroup

app = typer.Typer(
    cls=SafarGroup,
    name="safar",
    help="Safar (سفر): customer journey maps backed by real data.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from safar import __version__

        typer.echo(f"safar {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    lang: str | None = typer.Option(
        None, "--lang", help="Language of messages: fa (default) or en.", envvar="SAFAR_LANG"
    ),
    workspace: str | None = typer.Option(
        None, "--workspace", help="Workspace to use (default: 'default').", envvar="SAFAR_WORKSPACE"
    ),
    version: bool = typer.Option(
        False, "--version", help="Print Safar's version and exit.", is_eager=True, callback=_print_version
    ),
) -> None:
    if lang:
        os.environ["SAFAR_LANG"] = lang
    if workspace:
        os.environ["SAFAR_WORKSPACE"] = workspace


app.add_typer(maps.app, name="map")
app.add_typer(channels.app, name="channel")
app.add_typer(web.users, name="user")
app.add_typer(events.app, name="events")
app.add_typer(analyze.app, name="analyze")
app.add_typer(feedback.app, name="feedback")
app.add_typer(insights.app, name="insights")
app.add_typer(alerts.app, name="alerts")
app.add_typer(survey.app, name="survey")
app.add_typer(survey.voice, name="voice")
maps.app.command("bind")(analyze.bind_command)
maps.app.command("snapshot")(kpis.snapshot_command)
maps.app.command("kpis")(kpis.kpis_command)
maps.app.command("customers")(customers.customers_command)
insights.app.command("targets")(kpis.targets_command)
app.command("sentiment")(voice.sentiment_command)
app.command("init")(maps.init_command)
app.command("demo")(web.demo_command)
app.command("serve")(web.serve_command)
app.command("backup")(backup.backup_command)
app.command("restore")(backup.restore_command)


def main() -> None:
    app()
