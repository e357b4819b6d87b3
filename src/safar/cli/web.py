"""``safar serve``, ``safar demo`` and ``safar user …``: the web app from the terminal.

The ``user`` commands are the administration pages' equals: they call the same functions
(:mod:`safar.services.admin`) and are audited alike, as done by ``SAFAR_USER`` through the command line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from safar.cli.output import console, t
from safar.config import Settings
from safar.web import server

if TYPE_CHECKING:
    from pydantic import BaseModel

    from safar.accounts import Accounts, Actor

M = TypeVar("M", bound="BaseModel")
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


def actor(settings: Settings) -> Actor:
    """Who acts from the terminal: ``SAFAR_USER`` (else the login name), through the command line."""
    from safar.accounts import Actor

    return Actor(settings.author, "cli")


def valid(model: type[M], **data: object) -> M:
    """The command's arguments as ``model``, or the first problem as a one-line error."""
    import pydantic

    from safar.errors import InputError

    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise InputError(
            "admin.invalid", field=".".join(map(str, first["loc"])), problem=first["msg"]
        ) from None


def when(moment: object) -> str:
    from datetime import datetime

    from safar.i18n import current_lang, format_datetime

    return format_datetime(moment, current_lang()) if isinstance(moment, datetime) else "—"


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


def as_server() -> None:
    """The server's pages wait a few seconds for a held warehouse, not a command's two minutes: the wait the
    command line set (safar.cli.main) is dropped unless the user gave one."""
    from safar import cli

    if cli.wait_set_here:
        os.environ.pop("SAFAR_WAREHOUSE_WAIT", None)
        cli.wait_set_here = False


def serve_command(
    host: Host = server.DEFAULT_HOST,
    port: Port = server.DEFAULT_PORT,
    forwarded_allow_ips: ForwardedAllowIps = server.DEFAULT_FORWARDED_ALLOW_IPS,
) -> None:
    """Serve the web app."""
    as_server()
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
    ready = demo.prepare(settings, lang, computed=not no_serve)  # the printed page shows numbers at once
    url = f"http://{host}:{port}/w/{settings.workspace}/maps/{ready.map_id}"
    console.print(t("ui.demo_ready", url=url, user=ready.user, password=ready.password), markup=False)
    if not no_serve:
        as_server()
        server.serve(settings, host=host, port=port, forwarded_allow_ips=forwarded_allow_ips)


Password = Annotated[
    str,
    typer.Option(
        ...,
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        envvar="SAFAR_NEW_PASSWORD",
        help="Asked for when not given.",
    ),
]


@users.command("create")
def create_user(
    username: str = typer.Argument(...),
    admin: bool = typer.Option(False, "--admin", help="Administrator of the installation."),
    display_name: str = typer.Option("", "--name", help="Name shown in the app."),
    role: str = typer.Option(
        "",
        "--role",
        help="Role in the workspace: viewer, editor or admin (default: editor, admin with --admin).",
    ),
    password: Password = "",
) -> None:
    """Create a user who can log in to the web app, member of the workspace (SAFAR_WORKSPACE / --workspace)."""
    from safar.accounts import Role
    from safar.services.admin import NewUserIn
    from safar.services.admin import create_user as create

    settings = Settings.from_env()
    chosen = Role.parse(role).label if role else ("admin" if admin else "editor")
    new = valid(
        NewUserIn,
        username=username,
        display_name=display_name,
        password=password,
        workspace=settings.workspace,
        role=chosen,
        admin=admin,
    )
    with _accounts(settings) as accounts:
        made = create(accounts, actor(settings), new)
    console.print(
        t("ui.user_created", user=made.user.username, workspace=settings.workspace, role=t("role." + chosen)),
        markup=False,
    )


@users.command("list")
def list_users(as_json: bool = typer.Option(False, "--json")) -> None:
    """Every user: name, workspaces and roles, administrator or not, active or disabled."""
    from rich.table import Table

    from safar.cli.figures import show_table
    from safar.cli.output import print_json, use_json
    from safar.services.admin import users_screen

    with _accounts(Settings.from_env()) as accounts:
        screen = users_screen(accounts)
    if use_json(as_json):
        print_json(screen.model_dump(mode="json"))
        return
    table = Table(
        t("ui.col_user"), t("ui.col_name"), t("ui.col_workspaces"), t("ui.col_admin"), t("ui.col_status")
    )
    for u in screen.users:
        table.add_row(
            u.username,
            u.display_name,
            ", ".join(f"{m.workspace} ({t('role.' + m.role)})" for m in u.workspaces),
            t("ui.yes") if u.admin else "",
            t("admin.disabled") if u.disabled else t("admin.active"),
        )
    show_table(table)


@users.command("disable")
def disable(username: str = typer.Argument(...)) -> None:
    """Disable a user: no log-in, sessions end, their API tokens stop working."""
    from safar.services.admin import set_user_disabled

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        set_user_disabled(accounts, actor(settings), username, True)
    console.print(t("ui.user_disabled", user=username), markup=False)


@users.command("enable")
def enable(username: str = typer.Argument(...)) -> None:
    """Let a disabled user log in again (their tokens work again unless revoked)."""
    from safar.services.admin import set_user_disabled

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        set_user_disabled(accounts, actor(settings), username, False)
    console.print(t("ui.user_enabled", user=username), markup=False)


@users.command("admin")
def admin_command(
    username: str = typer.Argument(...),
    on: bool = typer.Option(
        ..., "--on/--off", help="Make the user an administrator of the installation, or no longer one."
    ),
) -> None:
    """Make a user an administrator of the installation or take it away (the last one stays)."""
    from safar.services.admin import set_user_admin

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        set_user_admin(accounts, actor(settings), username, on)
    console.print(t("ui.user_admin_on" if on else "ui.user_admin_off", user=username), markup=False)


@users.command("password")
def password_command(
    username: str = typer.Argument(...),
    password: Password = "",
    revoke_tokens: bool = typer.Option(
        False, "--revoke-tokens", help="Also revoke the user's API tokens (their sessions end in any case)."
    ),
) -> None:
    """Set a user's password; their sessions end (and with --revoke-tokens their API tokens)."""
    from safar.services.admin import reset_password

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        done = reset_password(accounts, actor(settings), username, password, revoke_tokens=revoke_tokens)
    console.print(t("ui.password_set", user=username), markup=False)
    if done.tokens_working:
        console.print(t("ui.password_tokens", user=username, n=done.tokens_working), markup=False)


@users.command("grant")
def grant(
    username: str = typer.Argument(...),
    role: str = typer.Option(..., "--role", help="viewer, editor or admin."),
) -> None:
    """Give a user a role in the workspace (SAFAR_WORKSPACE / --workspace)."""
    from safar.accounts import Role

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        accounts.grant(username, settings.workspace, Role.parse(role), by=actor(settings))
    console.print(
        t("ui.user_granted", user=username, workspace=settings.workspace, role=t("role." + role.lower())),
        markup=False,
    )


@users.command("ungrant")
def ungrant(username: str = typer.Argument(...)) -> None:
    """Take a user out of the workspace (SAFAR_WORKSPACE / --workspace); the account stays."""
    from safar.services.admin import remove_member

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        remove_member(accounts, actor(settings), settings.workspace, username)
    console.print(t("ui.user_ungranted", user=username, workspace=settings.workspace), markup=False)


@users.command("token")
def token(
    username: str = typer.Argument(...),
    name: str = typer.Option("api", "--name", help="What the token is for."),
    scope: str = typer.Option("write", "--scope", help="read (GET requests only) or write."),
    limit_to: str = typer.Option(
        "", "--limit-to", help="A workspace the token is limited to (default: every workspace of the user)."
    ),
    expires_days: int = typer.Option(
        365, "--expires-days", help="The token stops working this many days from now (1–3650)."
    ),
) -> None:
    """Create an API token (shown once) for `Authorization: Bearer …` requests."""
    from safar.accounts import TokenScope
    from safar.services.admin import TokenIn, create_token

    settings = Settings.from_env()
    chosen = TokenScope.parse(scope).value
    new = valid(
        TokenIn,
        username=username,
        name=name,
        scope=chosen,
        workspace=limit_to or None,
        expires_days=expires_days,
    )
    with _accounts(settings) as accounts:
        made = create_token(accounts, actor(settings), new)
    typer.echo(made.token)
    typer.echo(t("ui.token_once"), err=True)


@users.command("tokens")
def tokens(as_json: bool = typer.Option(False, "--json")) -> None:
    """Every API token (never the token itself): owner, scope, workspace, last use, end, revoked or not."""
    from rich.table import Table

    from safar.cli.figures import show_table
    from safar.cli.output import print_json, use_json
    from safar.services.admin import tokens_screen

    with _accounts(Settings.from_env()) as accounts:
        screen = tokens_screen(accounts)
    if use_json(as_json):
        print_json(screen.model_dump(mode="json"))
        return
    table = Table(
        t("ui.col_user"),
        t("ui.col_name"),
        t("ui.col_scope"),
        t("ui.col_workspace"),
        t("ui.col_last_used"),
        t("admin.expires"),
        t("ui.col_status"),
    )
    for k in screen.tokens:
        table.add_row(
            k.username,
            k.name,
            t("admin.scope_" + k.scope),
            k.workspace or t("admin.every_workspace"),
            when(k.last_used_at) if k.last_used_at else t("admin.never"),
            when(k.expires_at) if k.expires_at else t("admin.no_end"),
            t("admin.active")
            if k.active
            else t("admin.revoked") + " " + when(k.revoked_at)
            if k.revoked_at
            else t("admin.expired"),
        )
    show_table(table)


@users.command("revoke-token")
def revoke(
    username: str = typer.Argument(...), name: str = typer.Argument(..., help="The token's name.")
) -> None:
    """Revoke a user's tokens called NAME: they stop working at once."""
    from safar.services.admin import revoke_token

    settings = Settings.from_env()
    with _accounts(settings) as accounts:
        for token_id in accounts.token_ids(username, name):
            revoke_token(accounts, actor(settings), token_id)
    console.print(t("ui.token_revoked", user=username, name=name), markup=False)
