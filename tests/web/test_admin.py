"""The administration pages and their API: an administrator with only a browser invites a colleague as a
viewer and gives an integration a token; every act is audited; nobody else may do any of it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, Site

from safar.accounts import TokenScope


def form(client: TestClient, page: str, action: str, **fields: str) -> Any:
    """Post a form of ``page`` as the browser does: with the page's CSRF token."""
    html = client.get(page)
    assert html.status_code == 200, html.text[:300]
    return client.post(action, data={"csrf": Site.csrf(html.text), **fields})


def shown_once(html: str) -> str:
    found = re.search(r'<code dir="ltr" lang="en" class="secret">([^<]+)</code>', html)
    assert found, "no secret shown on the page"
    return found.group(1)


def recent(moment: str | None) -> bool:
    return moment is not None and datetime.now(UTC) - datetime.fromisoformat(moment) < timedelta(minutes=1)


def audit_of(client: TestClient) -> list[tuple[str, str, str, str, str | None, dict[str, Any]]]:
    entries = client.get("/api/v1/admin/audit").json()["entries"]
    assert all(recent(e["at"]) for e in entries)
    return [(e["actor"], e["via"], e["action"], e["target"], e["workspace"], e["details"]) for e in entries][
        ::-1
    ]


def test_an_admin_with_a_browser_invites_a_viewer_and_gives_an_integration_a_token(site: Site) -> None:
    ana = site.client("ana")
    assert 'href="/admin/users"' in ana.get("/w/default").text  # the nav leads there

    # A colleague, invited as a viewer of the default workspace; the password is made and shown once.
    made = form(
        ana,
        "/admin/users",
        "/admin/users",
        username="mina",
        display_name="Mina",
        workspace="default",
        role="viewer",
    )
    assert made.status_code == 200
    password = shown_once(made.text)
    assert "generated-password" not in ana.get("/admin/users").text  # once: not on the next visit

    # She logs in and can read, not edit.
    mina = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    login = mina.get("/login")
    answer = mina.post(
        "/login", data={"csrf": Site.csrf(login.text), "username": "mina", "password": password, "next": "/"}
    )
    assert answer.status_code == 303
    assert mina.get("/w/default").status_code == 200
    assert 'href="/admin/users"' not in mina.get("/w/default").text
    refused = form(mina, "/w/default", "/w/default/maps/new", template="insurance", lang="en")
    assert refused.status_code == 403

    # An integration: its own user (an editor), a read-only token for it, shown once.
    form(
        ana,
        "/admin/users",
        "/admin/users",
        username="crm",
        display_name="CRM",
        password="a long password",
        workspace="default",
        role="editor",
    )
    page = form(
        ana, "/admin/tokens", "/admin/tokens", username="crm", name="crm sync", scope="read", workspace=""
    )
    assert page.status_code == 200
    token = shown_once(page.text)
    assert 'class="secret"' not in ana.get("/admin/tokens").text
    bearer = {"Authorization": f"Bearer {token}"}
    api = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    assert api.get("/api/v1/workspaces/default/maps", headers=bearer).json() == []
    write = api.post(
        "/api/v1/workspaces/default/maps", headers=bearer, json={"template": "insurance", "lang": "en"}
    )
    assert (write.status_code, write.json()["error"]["code"]) == (403, "token.read_only")
    assert "crm sync» فقط خواندنی است" in write.json()["error"]["message"]  # the API speaks Persian first

    listed = ana.get("/api/v1/admin/tokens").json()["tokens"]
    assert [
        (t["name"], t["username"], t["scope"], t["workspace"], t["prefix"], t["active"], t["revoked_at"])
        for t in listed
    ] == [("crm sync", "crm", "read", None, token[:8], True, None)]
    assert recent(listed[0]["last_used_at"]) and recent(listed[0]["created_at"])

    # Revoked: the token stops working at once.
    assert form(ana, "/admin/tokens", f"/admin/tokens/{listed[0]['id']}/revoke").status_code == 303
    gone = api.get("/api/v1/workspaces/default/maps", headers=bearer)
    assert (gone.status_code, gone.json()["error"]["code"]) == (401, "auth.bad_token")

    # Disabled: her session ends and she cannot log in again.
    assert form(ana, "/admin/users", "/admin/users/mina/disable").status_code == 303
    assert mina.get("/w/default").headers["location"].startswith("/login")
    again = mina.post(
        "/login", data={"csrf": Site.csrf(mina.get("/login").text), "username": "mina", "password": password}
    )
    assert again.status_code == 401

    # Her role changes, then she is enabled and removed from the workspace.
    assert (
        form(
            ana, "/admin/workspaces", "/admin/workspaces/default/members", username="mina", role="editor"
        ).status_code
        == 303
    )
    assert form(ana, "/admin/users", "/admin/users/mina/enable").status_code == 303
    assert form(ana, "/admin/workspaces", "/admin/workspaces/default/members/mina/remove").status_code == 303
    assert (
        form(ana, "/admin/workspaces", "/admin/workspaces", slug="claims", name="Claims").status_code == 303
    )
    assert (
        form(ana, "/admin/workspaces", "/admin/workspaces/claims/rename", name="Claims team").status_code
        == 303
    )
    reset = form(ana, "/admin/users", "/admin/users/crm/password", password="another long one")
    assert reset.status_code == 303

    assert audit_of(ana) == [
        ("ana", "web", "user.create", "mina", "default", {"role": "viewer", "admin": False}),
        ("ana", "web", "user.create", "crm", "default", {"role": "editor", "admin": False}),
        ("ana", "web", "token.create", "crm", None, {"name": "crm sync", "scope": "read"}),
        ("ana", "web", "token.revoke", "crm", None, {"name": "crm sync"}),
        ("ana", "web", "user.disable", "mina", None, {}),
        ("ana", "web", "member.grant", "mina", "default", {"role": "editor", "before": "viewer"}),
        ("ana", "web", "user.enable", "mina", None, {}),
        ("ana", "web", "member.remove", "mina", "default", {"before": "editor"}),
        ("ana", "web", "workspace.create", "claims", "claims", {"name": "Claims"}),
        ("ana", "web", "workspace.rename", "claims", "claims", {"before": "Claims", "name": "Claims team"}),
        ("ana", "web", "user.password", "crm", None, {}),
    ]
    audit = ana.get("/admin/audit?lang=en").text
    assert audit.count('data-testid="audit-row"') == 11 and "revoked an API token of" in audit
    workspaces = ana.get("/api/v1/admin/workspaces").json()["workspaces"]
    assert [
        (w["slug"], w["name"], [(m["username"], m["role"]) for m in w["members"]]) for w in workspaces
    ] == [
        ("default", "default", [("ana", "admin"), ("crm", "editor"), ("vic", "viewer")]),
        ("other", "other", [("otto", "editor")]),
        ("claims", "Claims team", [("ana", "admin")]),  # who makes a workspace is its admin
    ]


def test_nobody_else_may_administer(site: Site) -> None:
    vic = site.client("vic")
    page = vic.get("/admin/users")
    assert page.status_code == 403 and 'data-testid="error"' in page.text
    assert vic.get("/admin/audit").status_code == 403
    refused = vic.post("/api/v1/admin/users", json={"username": "eve"}, headers={"x-csrf-token": "x"})
    assert refused.status_code == 403
    assert TestClient(site.app, follow_redirects=False).get("/admin/users").headers["location"] == (  # type: ignore[arg-type]
        "/login?next=/admin/users"
    )
    # A form without its CSRF token is refused, even for an administrator.
    ana = site.client("ana")
    assert ana.post("/admin/users/vic/disable", data={}).status_code == 403
    assert (
        ana.post(
            "/admin/users/ana/disable", data={"csrf": Site.csrf(ana.get("/admin/users").text)}
        ).status_code
        == 422
    )
    assert site.accounts.authenticate("vic", PASSWORD) is not None


def test_the_api_twin_and_token_scopes(site: Site) -> None:
    ana_token = site.accounts.create_token("ana", "admin script")
    admin = TestClient(site.app, headers={"Authorization": f"Bearer {ana_token}"})  # type: ignore[arg-type]
    made = admin.post(
        "/api/v1/admin/users",
        json={"username": "lea", "display_name": "Léa", "workspace": "other", "role": "editor"},
    )
    assert made.status_code == 201
    body = made.json()
    assert len(body.pop("generated_password")) >= 12
    assert recent(body["user"].pop("created_at"))
    assert body == {
        "user": {
            "username": "lea",
            "display_name": "Léa",
            "admin": False,
            "disabled": False,
            "disabled_at": None,
            "workspaces": [{"workspace": "other", "workspace_name": "other", "role": "editor"}],
        },
        "tokens_working": 0,  # a new user has none
    }
    member = admin.put("/api/v1/admin/workspaces/default/members/lea", json={"role": "viewer"}).json()
    assert [(m["username"], m["role"]) for m in member["members"]] == [
        ("ana", "admin"),
        ("lea", "viewer"),
        ("vic", "viewer"),
    ]
    missing = admin.put("/api/v1/admin/workspaces/nowhere/members/lea", json={"role": "viewer"})
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "workspace.not_found")

    # A write token limited to one workspace: writes there, refused elsewhere and for administration.
    created = admin.post(
        "/api/v1/admin/tokens",
        json={"username": "lea", "name": "sync", "scope": "write", "workspace": "other"},
    ).json()
    assert created["about"]["scope"] == "write" and created["about"]["workspace"] == "other"
    lea = TestClient(site.app, headers={"Authorization": f"Bearer {created['token']}"})  # type: ignore[arg-type]
    assert (
        lea.post("/api/v1/workspaces/other/maps", json={"template": "saas", "lang": "en"}).status_code == 201
    )
    elsewhere = lea.get("/api/v1/workspaces/default/maps")
    assert (elsewhere.status_code, elsewhere.json()["error"]["code"]) == (403, "token.other_workspace")
    not_admin = lea.get("/api/v1/admin/users")
    assert (not_admin.status_code, not_admin.json()["error"]["code"]) == (403, "admin.required")

    # Disabling the owner stops the token; enabling brings it back; revoking ends it.
    assert admin.post("/api/v1/admin/users/lea/disable").json()["disabled"] is True
    assert lea.get("/api/v1/workspaces/other/maps").status_code == 401
    assert admin.post("/api/v1/admin/users/lea/enable").json()["disabled"] is False
    assert lea.get("/api/v1/workspaces/other/maps").status_code == 200
    revoked = admin.delete(f"/api/v1/admin/tokens/{created['about']['id']}").json()
    assert revoked["active"] is False and recent(revoked["revoked_at"])
    assert lea.get("/api/v1/workspaces/other/maps").status_code == 401

    renamed = admin.patch("/api/v1/admin/workspaces/other", json={"name": "Other team"}).json()
    assert (renamed["slug"], renamed["name"]) == ("other", "Other team")
    assert admin.delete("/api/v1/admin/workspaces/other/members/lea").json()["members"] == [
        {"username": "otto", "display_name": "Otto", "role": "editor", "disabled": False}
    ]
    assert [(a, v, act) for a, v, act, *_ in audit_of(admin)] == [
        ("ana", "api", "user.create"),
        ("ana", "api", "member.grant"),
        ("ana", "api", "token.create"),
        ("ana", "api", "user.disable"),
        ("ana", "api", "user.enable"),
        ("ana", "api", "token.revoke"),
        ("ana", "api", "workspace.rename"),
        ("ana", "api", "member.remove"),
    ]
    # A read token of an administrator reads the administration, and changes nothing.
    read = site.accounts.create_token("ana", "auditor", scope=TokenScope.READ)
    reader = TestClient(site.app, headers={"Authorization": f"Bearer {read}"})  # type: ignore[arg-type]
    assert reader.get("/api/v1/admin/audit").json()["total"] == 8
    assert reader.post("/api/v1/admin/users/vic/disable").status_code == 403


def test_the_admin_pages_read_in_both_languages(site: Site) -> None:
    ana = site.client("ana")
    site.accounts.create_token("vic", "dashboard")
    for path in ("/admin/users", "/admin/workspaces", "/admin/tokens", "/admin/audit"):
        fa = ana.get(f"{path}?lang=fa").text
        en = ana.get(f"{path}?lang=en").text
        assert "مدیریت" in fa and "Administration" in en, path
    assert "فقط خواندن" not in ana.get("/admin/tokens?lang=fa").text.split("<tbody>")[1].split("</tbody>")[0]
    assert "خواندن و نوشتن" in ana.get("/admin/tokens?lang=fa").text
