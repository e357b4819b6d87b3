"""The ``safar`` command: a thin adapter over the Python API.

Each command parses its arguments, calls one function and prints the result;
a :class:`~safar.errors.SafarError` becomes a one-line message on stderr and
exit status 2, here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from importlib import import_module
from typing import Any

import typer

from safar.cli.output import SafarGroup


def _group(module: str, attribute: str = "app", extra: Callable[[typer.Typer], None] | None = None) -> Any:
    def load() -> typer.Typer:
        sub: typer.Typer = getattr(import_module(f"safar.cli.{module}"), attribute)
        if extra is not None:
            extra(sub)
        return sub

    return ("group", load)


def _command(module: str, function: str) -> Any:
    return ("command", lambda: getattr(import_module(f"safar.cli.{module}"), function))


def _map_extras(sub: typer.Typer) -> None:
    from safar.cli import analyze, customers, kpis, respondents

    sub.command("bind")(analyze.bind_command)
    sub.command("snapshot")(kpis.snapshot_command)
    sub.command("kpis")(kpis.kpis_command)
    sub.command("customers")(customers.customers_command)
    sub.command("respondents")(respondents.respondents_command)


def _insights_extras(sub: typer.Typer) -> None:
    from safar.cli import kpis

    sub.command("targets")(kpis.targets_command)


# Every command of `safar`, in the order of its help: a group or command is imported and turned into a
# Click command only when it is run (or listed by `safar --help`), so `safar map list` loads the map
# commands and nothing else.
COMMANDS: dict[str, Any] = {
    "map": _group("maps", extra=_map_extras),
    "channel": _group("channels"),
    "user": _group("web", "users"),
    "workspace": _group("workspaces"),
    "events": _group("events"),
    "analyze": _group("analyze"),
    "contact": _group("contact"),
    "customer": _group("customer"),
    "feedback": _group("feedback"),
    "insights": _group("insights", extra=_insights_extras),
    "alerts": _group("alerts"),
    "case": _group("cases"),
    "topics": _group("topics"),
    "kb": _group("kb"),
    "survey": _group("survey"),
    "voice": _group("survey", "voice"),
    "sentiment": _command("voice", "sentiment_command"),
    "init": _command("maps", "init_command"),
    "demo": _command("web", "demo_command"),
    "serve": _command("web", "serve_command"),
    "backup": _command("backup", "backup_command"),
    "restore": _command("backup", "restore_command"),
}


@cache
def _click_command(name: str) -> Any:
    """The Click command ``name``, built as Typer builds a registered group or command (same settings)."""
    kind, load = COMMANDS[name]
    holder = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
    if kind == "group":
        holder.add_typer(load(), name=name)
    else:
        holder.command(name)(load())
        holder.callback()(lambda: None)  # a callback keeps the holder a group even with one command
    return typer.main.get_group(holder).commands[name]


class SafarRoot(SafarGroup):
    """The root group: its commands come from :data:`COMMANDS`, built on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return _click_command(cmd_name) if cmd_name in COMMANDS else None


app = typer.Typer(
    cls=SafarRoot,
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


COMMAND_WAIT = "120"  # seconds a command waits for the warehouse (SAFAR_WAREHOUSE_WAIT unless given)
wait_set_here = False  # whether main() set SAFAR_WAREHOUSE_WAIT (the user did not)


def main() -> None:
    from safar.home import keep_private

    keep_private()  # the installation's files are this account's only (safar.home)
    # A command beside a running server waits for the warehouse between the server's short reads rather than
    # give up after the pages' few seconds (safar.warehouse.warehouse_wait); the server started by a command
    # keeps the pages' wait (safar.cli.web.as_server).
    global wait_set_here
    if "SAFAR_WAREHOUSE_WAIT" not in os.environ:
        os.environ["SAFAR_WAREHOUSE_WAIT"] = COMMAND_WAIT
        wait_set_here = True
    app()
