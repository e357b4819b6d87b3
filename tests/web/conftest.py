"""An in-process web app with three users: an editor, a viewer and an outsider in another workspace."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from safar.accounts import Accounts, Role
from safar.config import Settings
from safar.web.app import create_app

PASSWORD = "correct horse battery"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The demo workspace with every page rendered in Persian and English, once per test process, for the
    modules that read it (test_reading, test_figures_explained: one xdist group, so one worker builds it)."""
    from tests.web.test_reading import build_demo

    yield from build_demo(tmp_path_factory)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, started once per test process (each test opens its own context).

    Missing Chromium skips on a developer's machine and fails under CI, where the browser tests are required.
    """
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        message = f"Chromium is required at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Site:
    app: object
    accounts: Accounts

    def client(self, username: str | None = None) -> TestClient:
        client = TestClient(self.app, follow_redirects=False)  # type: ignore[arg-type]
        if username:
            page = client.get("/login")
            response = client.post(
                "/login",
                data={"csrf": csrf_of(page.text), "username": username, "password": PASSWORD, "next": "/"},
            )
            assert response.status_code == 303, response.text
        return client

    @staticmethod
    def csrf(html: str) -> str:
        return csrf_of(html)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture
def site(database: str) -> Iterator[Site]:
    """The site on SQLite and on PostgreSQL."""
    yield from _site()


@pytest.fixture
def sqlite_site() -> Iterator[Site]:
    """The site on the embedded default only (the browser flow runs once)."""
    yield from _site()


def _site() -> Iterator[Site]:
    app = create_app(Settings.from_env())
    accounts: Accounts = app.state.services.accounts
    accounts.create_user("ana", PASSWORD, display_name="Ana", admin=True)
    accounts.create_user("vic", PASSWORD, display_name="Vic")
    accounts.grant("vic", "default", Role.VIEWER)
    accounts.create_user("otto", PASSWORD, display_name="Otto", workspace="other")
    yield Site(app, accounts)
    app.state.services.engine.dispose()


def module_demo(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[tuple[Site, int, Path]]:
    """A site on SQLite with the Persian demo map, built once for a module whose tests read it (and may add
    results, never change its data): (the site, the map's id, its SAFAR_HOME, which a test sets for the CLI)."""
    from safar.demo import create_demo_map
    from safar.workspace import Workspace

    home = tmp_path_factory.mktemp(name) / "home"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SAFAR_HOME", str(home))
        env.setenv("SAFAR_LANG", "en")
        env.setenv("SAFAR_USER", "tester")
        for key in ("SAFAR_DATABASE_URL", "SAFAR_WORKSPACE", "SAFAR_TZ", "SAFAR_CALENDAR"):
            env.delenv(key, raising=False)
        for site in _site():
            services = site.app.state.services  # type: ignore[attr-defined]
            ws = Workspace.attach(services.engine, Settings.from_env(), "default")
            yield site, create_demo_map(ws, Settings.from_env(), "fa"), home


@pytest.fixture
def served(sqlite_site: Site) -> Iterator[tuple[Site, int]]:
    """The site behind a real uvicorn on 127.0.0.1 (the test client reads a whole body before the app)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(sqlite_site.app, host="127.0.0.1", port=port, log_level="error"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    yield sqlite_site, port
    server.should_exit = True
    thread.join(10)
