"""``safar serve``, ``safar demo`` and ``safar user …``: the web app from the terminal."""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING

import typer

from safar.cli.output import console, t
from safar.config import Settings
from safar.web import server

if TYPE_CHECKING:
    from safar.accounts import Accounts
    from safar.workspace import Workspace

users = typer.Typer(help="Users, roles and API tokens.", no_args_is_help=True)
DEMO_USER = "demo"


def _accounts(settings: Settings) -> Accounts:
    from safar.accounts import Accounts
    from safar.store.engine import make_engine, migrate

    engine = make_engine(settings.database_url)
    migrate(engine)
    return Accounts(engine)


_FORWARDED_HELP = (
    "Reverse proxies (comma-separated addresses or networks, or *) whose X-Forwarded-For header "
    "names the client: the survey rate limit then counts each respondent, not the proxy."
)


def serve_command(
    host: str = typer.Option(server.DEFAULT_HOST, "--host", envvar="SAFAR_HOST", help="Address to listen on."),
    port: int = typer.Option(server.DEFAULT_PORT, "--port", envvar="SAFAR_PORT", help="Port to listen on."),
    forwarded_allow_ips: str = typer.Option(
        server.DEFAULT_FORWARDED_ALLOW_IPS,
        "--forwarded-allow-ips",
        envvar="SAFAR_FORWARDED_ALLOW_IPS",
        help=_FORWARDED_HELP,
    ),
) -> None:
    """Serve the web app."""
    server.serve(Settings.from_env(), host=host, port=port, forwarded_allow_ips=forwarded_allow_ips)


def demo_command(
    lang: str = typer.Option("fa", "--lang", help="Language of the demo map: fa or en."),
    host: str = typer.Option(server.DEFAULT_HOST, "--host", envvar="SAFAR_HOST", help="Address to listen on."),
    port: int = typer.Option(server.DEFAULT_PORT, "--port", envvar="SAFAR_PORT", help="Port to listen on."),
    forwarded_allow_ips: str = typer.Option(
        server.DEFAULT_FORWARDED_ALLOW_IPS,
        "--forwarded-allow-ips",
        envvar="SAFAR_FORWARDED_ALLOW_IPS",
        help=_FORWARDED_HELP,
    ),
    no_serve: bool = typer.Option(
        False, "--no-serve", help="Prepare the workspace and print how to log in, only."
    ),
) -> None:
    """Create the demo workspace (insurance map, demo user) and serve the web app."""
    from safar import demo
    from safar.workspace import Workspace

    settings = Settings.from_env()
    with Workspace.open(settings) as ws:
        existing = [m for m in ws.list_maps() if m.lang == lang]
        map_id = existing[0].id if existing else _create_demo_map(ws, settings, lang)
        ws.claim_dataset(demo.DATASET)  # a demo made before datasets had owners gets its owner now
    password = _demo_password(settings)
    url = f"http://{host}:{port}/w/{settings.workspace}/maps/{map_id}"
    console.print(t("ui.demo_ready", url=url, user=DEMO_USER, password=password), markup=False)
    if not no_serve:
        server.serve(settings, host=host, port=port, forwarded_allow_ips=forwarded_allow_ips)


def _create_demo_map(ws: Workspace, settings: Settings, lang: str) -> int:
    """The insurance map, bound to a synthetic event log ingested through the normal path."""
    import tempfile
    from pathlib import Path

    from safar import demo
    from safar.events import ingest_file

    stored = ws.new_from_template("insurance", lang)
    ws.claim_dataset(demo.DATASET)
    with tempfile.TemporaryDirectory() as folder:
        path = demo.write_csv(demo.synthetic_events(stored.document), Path(folder) / "insurance-demo.csv")
        ingest_file(settings, path, dataset=demo.DATASET, channel_col="channel")
    ws.save_map(
        stored.id,
        demo.measure_metrics(demo.bind_to_dataset(stored.document)),
        base_revision=stored.revision,
        message=t("ui.demo_bound", dataset=demo.DATASET),
    )
    _add_demo_survey(ws, settings, stored.id)
    _add_demo_alerts(ws, stored.id)
    current = ws.get_map(stored.id).document
    ws.create_map(demo.future_state(current, stored.id), message=t("ui.demo_future"))
    return stored.id


def _add_demo_alerts(ws: Workspace, map_id: int) -> None:
    """Alert rules on the demo's pain points, checked once: the waiting line's satisfaction falls in the
    last month of the synthetic answers, so the feed opens with a real alert."""
    from safar.alerts import Alerts

    alerts = Alerts(ws)
    alerts.add_rule(
        map_id,
        kind="satisfaction_falls",
        touchpoint="wait_for_agent",
        params={"window": "30d", "baseline": "90d"},
    )
    alerts.add_rule(
        map_id,
        kind="negative_sentiment_rises",
        touchpoint="report_claim",
        params={"window": "30d", "baseline": "90d"},
    )
    alerts.add_rule(
        map_id,
        kind="conversion_drops",
        touchpoint="fill_application",
        params={"window": "30d", "baseline": "90d"},
    )
    alerts.check(map_id=map_id)


def _add_demo_survey(ws: Workspace, settings: Settings, map_id: int) -> None:
    """A survey on the map's touchpoints with synthetic answers, imported through the normal path."""
    import tempfile
    from pathlib import Path

    from safar import demo
    from safar.surveys import Surveys, quick_survey
    from safar.voice.responses import import_responses
    from safar.warehouse import open_warehouse

    journey = ws.get_map(map_id).document
    info = Surveys(ws).create(map_id, quick_survey(journey, demo.SURVEY_SPECS))
    with tempfile.TemporaryDirectory() as folder:
        path = demo.write_csv(demo.synthetic_responses(journey), Path(folder) / "insurance-demo-survey.csv")
        with open_warehouse(settings) as warehouse:
            import_responses(
                warehouse,
                path,
                survey_id=info.id,
                map_id=map_id,
                survey=info.survey,
                journey=journey,
                response_col="response_id",
                customer_col="customer_id",
                time_col="time",
                source_name=path.name,
            )


def _demo_password(settings: Settings) -> str:
    """The demo user's password: made once per installation and kept in SAFAR_HOME (mode 600)."""
    from safar.accounts import Role

    accounts = _accounts(settings)
    path = settings.home / "demo_password"
    if path.exists():
        password = path.read_text().strip()
        if accounts.authenticate(DEMO_USER, password):
            return password
    password = secrets.token_urlsafe(9)
    settings.home.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password)
    if accounts.exists(DEMO_USER):
        accounts.set_password(DEMO_USER, password)
        accounts.grant(DEMO_USER, settings.workspace, Role.ADMIN)
    else:
        accounts.create_user(
            DEMO_USER, password, display_name="Demo", admin=True, workspace=settings.workspace
        )
    return password


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
    user = _accounts(settings).create_user(
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
    _accounts(settings).grant(username, settings.workspace, Role.parse(role))
    console.print(
        t("ui.user_granted", user=username, workspace=settings.workspace, role=t("role." + role.lower())),
        markup=False,
    )


@users.command("token")
def token(username: str = typer.Argument(...), name: str = typer.Option("api", "--name")) -> None:
    """Create an API token (shown once) for `Authorization: Bearer …` requests."""
    typer.echo(_accounts(Settings.from_env()).create_token(username, name))
    typer.echo(t("ui.token_once"), err=True)
