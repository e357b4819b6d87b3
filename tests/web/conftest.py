"""An in-process web app with three users: an editor, a viewer and an outsider in another workspace."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from safar.accounts import Accounts, Role
from safar.config import Settings
from safar.web.app import create_app

PASSWORD = "correct horse battery"


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
