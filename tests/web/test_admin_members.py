"""Who else may administer: an installation administrator makes a colleague one (and takes it back), and a
workspace's own admin manages that workspace's members, from the page and its API twin, audited, and
nothing beyond it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, Site
from tests.web.test_admin import audit_of, form, shown_once

from safar.accounts import Role


def error_of(response: Any) -> tuple[int, str, str]:
    return response.status_code, response.json()["error"]["code"], response.json()["error"]["message"]


def member_rows(payload: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    return [(m["username"], m["display_name"], m["role"], m["disabled"]) for m in payload["members"]]


def test_an_administrator_makes_a_colleague_one_and_takes_it_back(site: Site) -> None:
    ana = site.client("ana")
    users = ana.get("/admin/users?lang=en").text
    assert users.count('data-testid="admin-flag"') == 2  # vic and otto; never her own
    assert form(ana, "/admin/users", "/admin/users/vic/admin", admin="true").status_code == 303
    vic = site.client("vic")
    assert vic.get("/admin/users").status_code == 200  # she administers now

    # Nobody takes it from themselves; vic takes it from ana, then cannot from herself, the last one.
    own = ana.put("/api/v1/admin/users/ana/admin", json={"admin": False}, headers=_csrf(ana))
    assert error_of(own) == (
        422,
        "user.admin_self",
        "نمی‌توانید مدیریت این نصب را از خودتان («ana») بگیرید: از مدیر دیگری بخواهید.",
    )
    taken = vic.put("/api/v1/admin/users/ana/admin", json={"admin": False}, headers=_csrf(vic))
    assert taken.status_code == 200
    body = taken.json()
    body.pop("created_at")
    assert body == {
        "username": "ana",
        "display_name": "Ana",
        "admin": False,
        "disabled": False,
        "disabled_at": None,
        "workspaces": [{"workspace": "default", "workspace_name": "default", "role": "admin"}],
    }
    assert ana.get("/admin/users").status_code == 403
    page = vic.post(
        "/admin/users/vic/admin?lang=en",
        data={"csrf": Site.csrf(vic.get("/w/default").text), "admin": "false"},
    )
    assert page.status_code == 422
    assert "You cannot take administration of this installation from yourself (&#39;vic&#39;)" in page.text

    # Through the command line nobody is oneself: the last active administrator still stays one.
    from safar.accounts import Actor
    from safar.errors import ValidationError
    from safar.services.admin import set_user_admin, set_user_disabled

    for act in (
        lambda: set_user_admin(site.accounts, Actor("tester"), "vic", False),
        lambda: set_user_disabled(site.accounts, Actor("tester"), "vic", True),
    ):
        try:
            act()
        except ValidationError as refused:
            assert (refused.code, refused.details) == ("user.last_admin", {"username": "vic"})
        else:
            raise AssertionError("the last administrator lost it")
    last = vic.put("/api/v1/admin/users/vic/admin?lang=en", json={"admin": False}, headers=_csrf(vic))
    assert error_of(last)[:2] == (422, "user.admin_self")
    assert [(a, v, act, target) for a, v, act, target, *_ in audit_of(vic)] == [
        ("ana", "web", "user.admin_grant", "vic"),
        ("vic", "api", "user.admin_revoke", "ana"),
    ]
    assert "took administration of the installation away from" in vic.get("/admin/audit?lang=en").text
    assert "مدیریت نصب را گرفت از" in vic.get("/admin/audit?lang=fa").text


def test_a_workspace_admin_manages_its_members_and_nothing_else(site: Site) -> None:
    site.accounts.create_user("wanda", PASSWORD, display_name="Wanda", workspace="other", role=Role.ADMIN)
    wanda, otto = site.client("wanda"), site.client("otto")
    assert 'data-testid="members-link"' in wanda.get("/w/other").text
    assert 'data-testid="members-link"' not in otto.get("/w/other").text
    page = wanda.get("/w/other/members")
    assert page.status_code == 200 and page.text.count('data-testid="member-row"') == 2

    # An existing user added as a viewer, a role changed, a new colleague invited (password shown once).
    assert (
        form(wanda, "/w/other/members", "/w/other/members", username="vic", role="viewer").status_code == 303
    )
    assert (
        form(wanda, "/w/other/members", "/w/other/members", username="otto", role="viewer").status_code == 303
    )
    made = form(
        wanda, "/w/other/members", "/w/other/members/new", username="nima", display_name="Nima", role="editor"
    )
    assert made.status_code == 200
    password = shown_once(made.text)
    assert 'class="secret"' not in wanda.get("/w/other/members").text
    assert site.accounts.authenticate("nima", password) is not None
    assert form(wanda, "/w/other/members", "/w/other/members/vic/remove").status_code == 303
    listed = wanda.get("/api/v1/workspaces/other/members").json()
    listed.pop("created_at")
    assert listed == {
        "slug": "other",
        "name": "other",
        "members": [
            {"username": "nima", "display_name": "Nima", "role": "editor", "disabled": False},
            {"username": "otto", "display_name": "Otto", "role": "viewer", "disabled": False},
            {"username": "wanda", "display_name": "Wanda", "role": "admin", "disabled": False},
        ],
    }

    # Its last admin stays one, said in Persian and in English.
    demote = wanda.put(
        "/api/v1/workspaces/other/members/wanda", json={"role": "editor"}, headers=_csrf(wanda)
    )
    assert error_of(demote) == (
        422,
        "member.last_admin",
        "«wanda» آخرین مدیر فضای کاری «other» است و مدیر می‌ماند: نخست عضو دیگری را مدیر آن کنید.",
    )
    leave = wanda.post(
        "/w/other/members/wanda/remove?lang=en", data={"csrf": Site.csrf(wanda.get("/w/other").text)}
    )
    assert leave.status_code == 422
    assert "is the last admin of workspace &#39;other&#39; and stays one" in leave.text

    # Nothing beyond the workspace: another workspace does not exist for her, the installation's pages,
    # other people's tokens and the flags are not hers; an editor of it may not manage its members.
    assert wanda.get("/w/default/members").status_code == 404
    refused = wanda.put(
        "/api/v1/workspaces/default/members/wanda", json={"role": "admin"}, headers=_csrf(wanda)
    )
    assert error_of(refused)[:2] == (404, "workspace.not_found")
    for path in ("/admin/users", "/admin/tokens", "/admin/workspaces", "/api/v1/admin/tokens"):
        assert wanda.get(path).status_code == 403, path
    for act, body in (("admin", {"admin": True}), ("disable", None)):
        call = wanda.put if body else wanda.post
        answer = call(f"/api/v1/admin/users/nima/{act}", json=body, headers=_csrf(wanda))
        assert error_of(answer)[:2] == (403, "admin.required"), act
    editor = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    signed_in = editor.post(
        "/login",
        data={"csrf": Site.csrf(editor.get("/login").text), "username": "nima", "password": password},
    )
    assert signed_in.status_code == 303
    assert editor.get("/w/other/members").status_code == 403
    assert error_of(editor.get("/api/v1/workspaces/other/members"))[:2] == (403, "auth.forbidden")

    # The API twin with her token, limited to the workspace; an installation administrator may use it too.
    token = site.accounts.create_token("wanda", "members script", workspace="other")
    script = TestClient(site.app, headers={"Authorization": f"Bearer {token}"})  # type: ignore[arg-type]
    invited = script.post("/api/v1/workspaces/other/members", json={"username": "lea", "role": "viewer"})
    assert invited.status_code == 201 and len(invited.json()["generated_password"]) >= 12
    assert invited.json()["user"]["workspaces"] == [
        {"workspace": "other", "workspace_name": "other", "role": "viewer"}
    ]
    assert invited.json()["user"]["admin"] is False
    gone = script.delete("/api/v1/workspaces/other/members/otto").json()
    assert [m[0] for m in member_rows(gone)] == ["lea", "nima", "wanda"]
    assert error_of(script.get("/api/v1/workspaces/default/members"))[:2] == (403, "token.other_workspace")
    ana = site.client("ana")  # not a member of "other"
    assert ana.get("/w/other/members").status_code == 200
    promoted = ana.put("/api/v1/workspaces/other/members/nima", json={"role": "admin"}, headers=_csrf(ana))
    assert member_rows(promoted.json())[1] == ("nima", "Nima", "admin", False)
    assert ana.get("/w/nowhere/members").status_code == 404

    assert [(a, v, act, target, ws, d) for a, v, act, target, ws, d in audit_of(ana)] == [
        ("wanda", "web", "member.grant", "vic", "other", {"role": "viewer", "before": None}),
        ("wanda", "web", "member.grant", "otto", "other", {"role": "viewer", "before": "editor"}),
        ("wanda", "web", "user.create", "nima", "other", {"role": "editor", "admin": False}),
        ("wanda", "web", "member.remove", "vic", "other", {"before": "viewer"}),
        ("wanda", "api", "user.create", "lea", "other", {"role": "viewer", "admin": False}),
        ("wanda", "api", "member.remove", "otto", "other", {"before": "viewer"}),
        ("ana", "api", "member.grant", "nima", "other", {"role": "admin", "before": "editor"}),
    ]


def test_the_members_page_reads_in_both_languages(site: Site) -> None:
    ana = site.client("ana")
    fa = ana.get("/w/default/members?lang=fa").text
    en = ana.get("/w/default/members?lang=en").text
    assert "<h1>اعضا" in fa and "<h1>Members" in en
    assert "مدیر نصب کن" in ana.get("/admin/users?lang=fa").text


def _csrf(client: TestClient) -> dict[str, str]:
    """The header a browser's script sends with an API call made in its session."""
    return {"x-csrf-token": Site.csrf(client.get("/login").text)}
