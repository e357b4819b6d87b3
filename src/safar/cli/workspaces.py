"""``safar workspace …``: the workspaces of the installation, as the administration page shows them."""

from __future__ import annotations

import typer

from safar.cli.output import console, print_json, t, use_json
from safar.cli.web import _accounts, actor, valid
from safar.config import Settings

app = typer.Typer(help="Workspaces: list, create, rename.", no_args_is_help=True)


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json")) -> None:
    """Every workspace with its members and their roles."""
    from rich.table import Table

    from safar.cli.figures import show_table
    from safar.services.admin import workspaces_screen

    with _accounts(Settings.from_env()) as accounts:
        screen = workspaces_screen(accounts)
    if use_json(as_json):
        print_json(screen.model_dump(mode="json"))
        return
    table = Table(t("ui.col_workspace"), t("ui.col_name"), t("ui.col_members"))
    for w in screen.workspaces:
        table.add_row(w.slug, w.name, ", ".join(f"{m.username} ({t('role.' + m.role)})" for m in w.members))
    show_table(table)


@app.command("create")
def create(
    slug: str = typer.Argument(
        ..., help="Short name used in addresses: lower-case letters, digits, - and _."
    ),
    name: str = typer.Option("", "--name", help="The name shown (default: the short name)."),
) -> None:
    """Create a workspace (SAFAR_USER becomes its admin when they have an account)."""
    from safar.services.admin import WorkspaceIn, create_workspace

    settings = Settings.from_env()
    new = valid(WorkspaceIn, slug=slug, name=name)
    with _accounts(settings) as accounts:
        made = create_workspace(accounts, actor(settings), new)
    console.print(t("ui.workspace_created", workspace=made.slug), markup=False)


@app.command("rename")
def rename(
    slug: str = typer.Argument(...), name: str = typer.Argument(..., help="The new name shown.")
) -> None:
    """Give a workspace a new name (its short name in addresses stays)."""
    from safar.services.admin import rename_workspace

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        made = rename_workspace(accounts, actor(settings), slug, name)
    console.print(t("ui.workspace_renamed", workspace=made.slug, name=made.name), markup=False)
