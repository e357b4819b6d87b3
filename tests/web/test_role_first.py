"""Who asks comes before what they send (issue 22, item 5): a signed-in user without the role a change needs
is refused for who they are (403), whatever their body; one with the role is told what the body lacks (422).
Every JSON route that changes something and takes a body is tried with a malformed one."""

from __future__ import annotations

from typing import Any

# (method, path, a body the route's model refuses); the default workspace, map 1 and survey 1 need not exist:
# the role is checked first, then the body, both before the route looks anything up.
EDITOR_ROUTES = [
    ("post", "/api/v1/workspaces/default/maps", {"template": ["not", "a", "name"]}),
    ("put", "/api/v1/workspaces/default/maps/1", {"document": 5}),
    ("post", "/api/v1/workspaces/default/maps/1/edits", {"op": 5}),
    ("post", "/api/v1/workspaces/default/maps/1/revert", {"revision": "latest"}),
    ("post", "/api/v1/workspaces/default/maps/1/alert-rules", {"kind": 5}),
    ("put", "/api/v1/workspaces/default/maps/1/kpis/measure", {"metric": []}),
    ("post", "/api/v1/workspaces/default/maps/1/surveys", {"survey": 5}),
    ("post", "/api/v1/workspaces/default/surveys/1/responses", {"answers": 5}),
    ("post", "/api/v1/workspaces/default/maps/blank", {"title": ["x"]}),
    ("patch", "/api/v1/workspaces/default/maps/1", {"title": ["x"]}),
    ("post", "/api/v1/workspaces/default/maps/1/opportunities", {"text": ""}),
    ("put", "/api/v1/workspaces/default/maps/1/opportunities/o1/status", {"status": "maybe"}),
    ("post", "/api/v1/workspaces/default/maps/1/opportunities/o1/notes", {"text": ""}),
    ("post", "/api/v1/workspaces/default/maps/1/corrections", {"label": "furious"}),
]
MANAGER_ROUTES = [
    ("post", "/api/v1/workspaces/default/members", {"username": ["x"]}),
    ("put", "/api/v1/workspaces/default/members/vic", {"role": "king"}),
]
ADMIN_ROUTES = [
    ("post", "/api/v1/admin/users", {"username": ["x"]}),
    ("put", "/api/v1/admin/users/vic/admin", {"admin": "perhaps"}),
    ("put", "/api/v1/admin/users/vic/password", {"password": 5}),
    ("post", "/api/v1/admin/workspaces", {"slug": ["x"]}),
    ("patch", "/api/v1/admin/workspaces/default", {"name": ["x"]}),
    ("post", "/api/v1/admin/tokens", {"name": ["x"]}),
]
ALL = EDITOR_ROUTES + MANAGER_ROUTES + ADMIN_ROUTES


def headers(site: Any, client: Any) -> dict[str, str]:
    return {"x-csrf-token": site.csrf(client.get("/login").text)}


def test_a_viewer_is_refused_before_the_body_is_read_and_an_editor_is_told_what_it_lacks(
    sqlite_site: Any,
) -> None:
    viewer = sqlite_site.client("vic")  # a viewer of the default workspace, not an administrator
    admin = sqlite_site.client("ana")  # an administrator and the default workspace's admin
    as_viewer, as_admin = headers(sqlite_site, viewer), headers(sqlite_site, admin)
    found = {}
    for method, path, body in ALL:
        refused = viewer.request(method, path, json=body, headers=as_viewer)
        told = admin.request(method, path, json=body, headers=as_admin)
        found[f"{method} {path}"] = (refused.status_code, "error" in refused.json(), told.status_code)
    assert found == {f"{method} {path}": (403, True, 422) for method, path, _ in ALL}


def test_a_body_that_is_not_even_json_is_refused_for_who_sends_it_first(sqlite_site: Any) -> None:
    """FastAPI reads a JSON body before a route's dependencies run: unreadable JSON is refused for who sends it
    too (a viewer's write token here: 403), and only one who may change it hears that it is unreadable (422)."""
    viewer = {"Authorization": "Bearer " + sqlite_site.accounts.create_token("vic", "sync")}
    admin = {"Authorization": "Bearer " + sqlite_site.accounts.create_token("ana", "sync")}
    client = sqlite_site.client()
    unreadable = {"content": b'{"title": ', "headers": {"content-type": "application/json"}}
    found = {}
    for method, path, _ in ALL:
        refused = client.request(
            method, path, content=unreadable["content"], headers=unreadable["headers"] | viewer
        )
        told = client.request(
            method, path, content=unreadable["content"], headers=unreadable["headers"] | admin
        )
        found[f"{method} {path}"] = (refused.status_code, refused.json()["error"]["code"], told.status_code)
    assert found == {
        f"{method} {path}": (403, "admin.required" if "/admin/" in path else "auth.forbidden", 422)
        for method, path, _ in ALL
    }
