"""``safar serve``, ``safar demo`` and ``safar user …``: the web app from the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from safar.cli.output import console, t
from safar.config import Settings
from safar.web import server

if TYPE_CHECKING:
    from safar.accounts import Accounts

users = typer.Typer(help="Users, roles and API tokens.", no_args_is_help=True)


@contextmanager
def _accounts(settings: Settings) -> Iterator[Accounts]:
    """The installation's accounts, the app database closed again afterwards."""
    from safar.accounts import Accounts
    from safar.store.engine import make_engine, migrate

    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        yield Accounts(engine)
    finally:
        engine.dispose()


# The options `safar serve` and `safar demo` share: declared once, defaults as real values (web.server).
Host = Annotated[str, typer.Option("--host", envvar="SAFAR_HOST", help="Address to listen on.")]
Port = Annotated[int, typer.Option("--port", envvar="SAFAR_PORT", help="Port to listen on.")]
ForwardedAllowIps = Annotated[
    str,
    typer.Option(
        "--forwarded-allow-ips",
        envvar="SAFAR_FORWARDED_ALLOW_IPS",
        help="Reverse proxies (comma-separated addresses or networks, or *) whose X-Forwarded-For header "
        "names the client: the survey rate limit then counts each respondent, not the proxy.",
    ),
]


def serve_command(
    host: Host = server.DEFAULT_HOST,
    port: Port = server.DEFAULT_PORT,
    forwarded_allow_ips: ForwardedAllowIps = server.DEFAULT_FORWARDED_ALLOW_IPS,
) -> None:
    """Serve the web app."""
    server.serve(Settings.from_env(), host=host, port=port, forwarded_allow_ips=forwarded_allow_ips)


def demo_command(
    lang: Annotated[str, typer.Option("--lang", help="Language of the demo map: fa or en.")] = "fa",
    host: Host = server.DEFAULT_HOST,
    port: Port = server.DEFAULT_PORT,
    forwarded_allow_ips: ForwardedAllowIps = server.DEFAULT_FORWARDED_ALLOW_IPS,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Prepare the workspace and print how to log in, only.")
    ] = False,
) -> None:
    """Create the demo workspace (insurance map, demo user) and serve the web app."""
    from safar import demo

    settings = Settings.from_env()
    ready = demo.prepare(settings, lang)
    url = f"http://{host}:{port}/w/{settings.workspace}/maps/{ready.map_id}"
    console.print(t("ui.demo_ready", url=url, user=ready.user, password=ready.password), markup=False)
    if not no_serve:
        server.serve(settings, host=host, port=port, forwarded_allow_ips=forwarded_allow_ips)


@users.command("create")
def create_user(
    username: str = typer.Argument(...),
    admin: bool = typer.Option(False, "--admin", help="Administrator of the workspace."),
    display_name: str = typer.Option("", "--name", help="Name shown in the app."),
    password: str = typer.Option(
        ...,
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        envvar="SAFAR_NEW_PASSWORD",
        help="Asked for when not given.",
    ),
) -> None:
    """Create a user who can log in to the web app (editor, or admin with --admin)."""
    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        user = accounts.create_user(
            username, password, display_name=display_name, admin=admin, workspace=settings.workspace
        )
    console.print(
        t(
            "ui.user_created",
            user=user.username,
            workspace=settings.workspace,
            role=t("role." + ("admin" if admin else "editor")),
        ),
        markup=False,
    )


@users.command("grant")
def grant(
    username: str = typer.Argument(...),
    role: str = typer.Option(..., "--role", help="viewer, editor or admin."),
) -> None:
    """Give a user a role in the workspace (SAFAR_WORKSPACE / --workspace)."""
    from safar.accounts import Role

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        accounts.grant(username, settings.workspace, Role.parse(role))
    console.print(
        t("ui.user_granted", user=username, workspace=settings.workspace, role=t("role." + role.lower())),
        markup=False,
    )


@users.command("token")
def token(username: str = typer.Argument(...), name: str = typer.Option("api", "--name")) -> None:
    """Create an API token (shown once) for `Authorization: Bearer …` requests."""
    with _accounts(Settings.from_env()) as accounts:
        typer.echo(accounts.create_token(username, name))
    typer.echo(t("ui.token_once"), err=True)
