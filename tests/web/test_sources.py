"""Database sources in the web app (issue 16, item 4): an administrator adds one from the form (host, port,
database, user, password), maps its time column on its first rows, an editor pulls it and follows the import,
a second pull loads nothing twice; no page shows the password; viewers see nothing, editors cannot add or
remove. The API twins. Against the PostgreSQL and MariaDB servers of this machine."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from safar.accounts import Role

sys.path.insert(0, str(Path(__file__).parents[1] / "services"))

from sources_helpers import SERVERS, Server, mariadb_server, postgres_server

PASSWORD = "Pa55-not-shown"


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    yield from (postgres_server() if request.param == "postgres" else mariadb_server())


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def _finish(client: Any, job_url: str) -> dict[str, Any]:
    job = job_url.rsplit("/", 1)[1]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = client.get(f"/api/v1/workspaces/default/imports/{job}").json()
        if state["state"] != "running":
            return dict(state)
        time.sleep(0.05)
    raise AssertionError("the pull did not finish in a minute")


def test_a_source_is_added_mapped_and_pulled_from_the_browser(sqlite_site: Any, server: Server) -> None:
    client = sqlite_site.client("ana")
    page = client.get("/w/default/datasets/sources?lang=fa").text
    assert 'data-testid="no-sources"' in page and 'data-testid="source-form"' in page
    assert 'href="/w/default/datasets/sources"' in client.get("/w/default/datasets").text
    url = make_url(server.url)
    # MariaDB's root has no password, PostgreSQL trusts local users: a password is sent only where it is right.
    wrong = client.post(
        "/w/default/datasets/sources",
        data={
            "csrf": _csrf(page),
            "kind": server.kind,
            "host": url.host,
            "port": str(url.port),
            "database": url.database,
            "user": "root" if server.kind == "mysql" else "no_such_reader",
            "password": PASSWORD,
            "query": server.query,
            "dataset": "crm",
        },
    )
    assert wrong.status_code == 400 and PASSWORD not in wrong.text and "***" in wrong.text
    added = client.post(
        "/w/default/datasets/sources",
        data={
            "csrf": _csrf(page),
            "kind": server.kind,
            "host": url.host,
            "port": str(url.port),
            "database": url.database,
            "user": url.username,
            "query": server.query,
            "dataset": "crm",
            "every_minutes": "60",
        },
    )
    assert added.status_code == 303, added.text
    source_url = added.headers["location"]
    shown = client.get(source_url + "?lang=fa").text
    assert 'data-testid="preview"' in shown and "بازدید از سایت" in shown
    assert 'data-testid="source-problem"' not in shown
    chosen = dict(
        re.findall(r'<select name="col_(\w+)".*?<option value="([^"]*)"[^>]*\bselected>', shown, re.S)
    )
    assert chosen == {
        "customer": "customer_id",
        "activity": "activity",
        "time": "",
        "channel": "channel",
        "id": "",
        "reply_to": "",  # the thread roles, as on an upload's mapping (a person chooses them)
        "inbound": "",
    }
    assert 'data-testid="reply-help"' in shown

    saved = client.post(
        source_url,
        data={
            "csrf": _csrf(shown),
            "query": server.query,
            "col_customer": "customer_id",
            "col_activity": "activity",
            "col_time": "happened_at",
            "col_channel": "channel",
            "col_id": "",
            "calendar": "auto",
            "tz": "UTC",
            "every_minutes": "60",
        },
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?saved=1")

    editor = sqlite_site.client("vic")
    sqlite_site.accounts.grant("vic", "default", Role.EDITOR)
    listed = editor.get("/w/default/datasets/sources?lang=fa").text
    assert 'data-testid="source-form"' not in listed and 'data-testid="remove-source"' not in listed
    pulled = editor.post(source_url + "/pull", data={"csrf": _csrf(listed)})
    assert pulled.status_code == 303
    done = _finish(editor, pulled.headers["location"])
    assert {k: done[k] for k in ("state", "read", "loaded", "duplicates", "rejected", "dataset")} == {
        "state": "done",
        "read": 4,
        "loaded": 3,
        "duplicates": 0,
        "rejected": 1,
        "dataset": "crm",
    }
    again = editor.post(
        f"/api/v1/workspaces/default/sources/{source_url.rsplit('/', 1)[1]}/pull",
        headers={"x-csrf-token": _csrf(listed)},
    )
    assert again.status_code == 202
    second = _finish(editor, f"/imports/{again.json()['id']}")
    assert (second["loaded"], second["duplicates"], second["rejected"]) == (0, 3, 1)

    listed = client.get("/w/default/datasets/sources?lang=fa").text
    last = re.sub(r"<[^>]+>", " ", re.search(r'data-testid="last-pull">(.*?)</td>', listed, re.S).group(1))  # type: ignore[union-attr]
    assert "۰ بارگذاری، ۳ از پیش بود، ۱ رد شد" in " ".join(last.split())
    api = client.get("/api/v1/workspaces/default/sources").json()["sources"]
    assert [
        (s["dataset"], s["every_minutes"], s["columns"]["time"], s["last_pull"]["duplicates"]) for s in api
    ] == [("crm", 60, "happened_at", 3)]
    for text in (listed, client.get(source_url).text, str(api)):
        assert PASSWORD not in text

    removed = client.post(source_url + "/remove", data={"csrf": _csrf(listed)})
    assert removed.status_code == 303
    assert client.get("/api/v1/workspaces/default/sources").json()["sources"] == []


def test_who_may_do_what(sqlite_site: Any) -> None:
    viewer = sqlite_site.client("vic")
    assert viewer.get("/w/default/datasets/sources").status_code == 403
    sqlite_site.accounts.grant("vic", "default", Role.EDITOR)
    page = viewer.get("/w/default/datasets/sources").text
    added = viewer.post(
        "/w/default/datasets/sources",
        data={
            "csrf": _csrf(page),
            "kind": "postgres",
            "url": "postgresql://x@127.0.0.1/db",
            "query": "SELECT 1",
            "dataset": "x",
        },
    )
    assert added.status_code == 403
    admin = sqlite_site.client("ana")
    made = admin.post(
        "/api/v1/workspaces/default/sources",
        json={
            "kind": "postgres",
            "url": "postgresql://reader:pw@127.0.0.1:1/db",
            "query": "SELECT 1",
            "dataset": "x",
            "check": False,
        },
        headers={"x-csrf-token": _csrf(admin.get("/w/default/datasets/sources").text)},
    )
    assert made.status_code == 201, made.text
    assert made.json()["shown"] == "postgresql+psycopg://reader:***@127.0.0.1:1/db"
    gone = viewer.delete(
        f"/api/v1/workspaces/default/sources/{made.json()['id']}", headers={"x-csrf-token": _csrf(page)}
    )
    assert gone.status_code == 403
    # The page of a source whose server cannot be reached says why, in the reader's language.
    shown = admin.get(f"/w/default/datasets/sources/{made.json()['id']}?lang=fa").text
    assert 'data-testid="source-problem"' in shown and "خوانده نشد" in shown and ":pw@" not in shown
