"""Fixtures of the alert tests: the real CLI, a real webhook receiver, the shop map and its event logs
(helpers in alerts_helpers.py, importable under pytest's importlib mode)."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from safar.accounts import Role
from safar.cli import app
from safar.config import Settings
from safar.web.app import create_app
from safar.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parent))

from alerts_helpers import T0, cohorts, csrf_of, shop_map, write_log


@dataclass
class Hook:
    """A webhook receiver on 127.0.0.1: it answers with ``statuses`` in turn (then 200) and keeps every POST."""

    url: str
    statuses: list[int] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture(autouse=True)
def _local_webhooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test webhooks listen on this machine, which Safar refuses unless it is allowed."""
    monkeypatch.setenv("SAFAR_WEBHOOK_ALLOW", "127.0.0.1")


@pytest.fixture
def hook() -> Iterator[Hook]:
    state = Hook(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append(json.loads(body))
            state.headers.append({k.lower(): v for k, v in self.headers.items()})
            status = state.statuses.pop(0) if state.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/sales"
    # shutdown() waits for serve_forever's next poll: a short poll ends each test's receiver at once, not
    # after the default half second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def cli() -> Callable[..., Any]:
    """Run ``safar ARGS…`` through Typer's CliRunner; ``--json`` output is parsed."""
    runner = CliRunner()

    def run(*args: str, expect: int = 0) -> Any:
        result = runner.invoke(app, list(args))
        assert result.exit_code == expect, (result.stdout, result.stderr, result.exception)
        if "--json" in args and expect == 0:
            return json.loads(result.stdout)
        return result

    return run


@pytest.fixture
def shop(database: str) -> int:
    """The shop map in the default workspace (on SQLite and PostgreSQL); returns its id."""
    with Workspace.open(Settings.from_env()) as ws:
        return ws.create_map(shop_map()).id


@pytest.fixture
def log(tmp_path: Path) -> Callable[..., Path]:
    """``log(baseline_share, recent_share, recent_per_day=10)``: 28 baseline days and 7 recent days of
    10 customers a day; the data ends (its "now") one day after the recent window, so every arrival
    has had its follow-up day."""

    def make(base: float, recent: float, recent_per_day: int = 10, name: str = "log.csv") -> Path:
        people = cohorts(range(0, 28), 10, base, prefix="b") + cohorts(
            range(28, 35), recent_per_day, recent, prefix="r"
        )
        return write_log(tmp_path / name, people, last=T0 + timedelta(days=36))

    return make


PASSWORD = "correct horse battery"


@dataclass
class Site:
    """The web app in-process, with an editor (ana) and a viewer (vic) in the default workspace."""

    app: Any

    def client(self, username: str | None = None) -> TestClient:
        client = TestClient(self.app, follow_redirects=False)
        if username:
            page = client.get("/login")
            response = client.post(
                "/login",
                data={"csrf": csrf_of(page.text), "username": username, "password": PASSWORD, "next": "/"},
            )
            assert response.status_code == 303, response.text
        return client


@pytest.fixture
def site(database: str) -> Iterator[Site]:
    app = create_app(Settings.from_env())
    accounts = app.state.services.accounts
    accounts.create_user("ana", PASSWORD, display_name="Ana", admin=True)
    accounts.create_user("vic", PASSWORD, display_name="Vic")
    accounts.grant("vic", "default", Role.VIEWER)
    yield Site(app)
    app.state.services.engine.dispose()
