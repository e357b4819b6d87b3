"""Bad input never gives a 500 (issue 22, item 5): who asks is checked before what they sent, Starlette's own
refusals speak Safar's shape and language, nesting and NUL characters are refused with a clear 422 and
nothing kept, and a revert from an old page does not replace a newer save — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.web.conftest import Site
from tests.web.test_surveys import make, public_csrf

from safar.i18n import translate
from safar.maps.yamlio import MAX_DEPTH, load_text
from safar.web.nul import NulScanner

API = "/api/v1/workspaces/default/maps"


def _editor(site: Site, lang: str = "en") -> tuple[Any, str]:
    ana = site.client("ana")
    ana.cookies.set("lang", lang)
    return ana, site.csrf(ana.get("/w/default").text)


def _new_map(ana: Any, token: str) -> int:
    made = ana.post(API, json={"template": "insurance", "lang": "en"}, headers={"X-CSRF-Token": token})
    assert made.status_code == 201, made.text
    return int(made.json()["map_id"])


def _error(response: Any) -> dict[str, Any]:
    error: dict[str, Any] = response.json()["error"]
    return error


def test_who_asks_is_checked_before_what_they_sent(site: Site) -> None:
    anonymous = site.client()
    for body in ("{not json", json.dumps({"lang": 5}), json.dumps({"revision": "x"})):
        answer = anonymous.post(API, content=body, headers={"content-type": "application/json"})
        assert (answer.status_code, _error(answer)["code"]) == (401, "auth.required")
    # a member of another workspace learns nothing about this one; a signed-in editor without the form's
    # token is refused for that before her values are read
    otto = site.client("otto")
    answer = otto.post(API, json={"lang": 5})
    assert (answer.status_code, _error(answer)["code"]) == (404, "workspace.not_found")
    ana, _ = _editor(site)
    answer = ana.post(API, json={"lang": 5})
    assert (answer.status_code, _error(answer)["code"]) == (403, "auth.csrf")
    # once who asks is in order, the values are what is wrong
    ana, token = _editor(site)
    answer = ana.post(API, json={"lang": 5}, headers={"X-CSRF-Token": token})
    assert (answer.status_code, _error(answer)["code"]) == (422, "request.invalid")
    # a page with a bad address value sends a stranger to log in first
    page = anonymous.get("/w/default/maps/²")
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_no_such_address_or_method_answers_in_safar_s_words(sqlite_site: Site, lang: str) -> None:
    ana, token = _editor(sqlite_site, lang)
    missing = ana.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert _error(missing) == {
        "code": "request.not_found",
        "message": translate("request.not_found", lang, path="/api/v1/no-such-thing"),
        "details": {"path": "/api/v1/no-such-thing"},
    }
    page = ana.get("/w/default/no-such-page")
    assert page.status_code == 404 and f'lang="{lang}"' in page.text
    assert translate("web.error", lang) in page.text
    wrong = ana.delete(f"{API}/1/history", headers={"X-CSRF-Token": token})
    assert wrong.status_code == 405 and "GET" in wrong.headers["allow"]
    assert _error(wrong)["message"] == translate("request.method", lang, method="DELETE")


def test_nesting_too_deep_is_refused_not_a_500(sqlite_site: Site) -> None:
    ana, token = _editor(sqlite_site)
    headers = {"X-CSRF-Token": token, "content-type": "application/json"}
    # deeper than Python's JSON reader goes: unreadable
    body = "[" * 100_000 + "]" * 100_000
    answer = ana.post(API, content=body, headers=headers)
    assert (answer.status_code, _error(answer)["code"]) == (400, "request.unreadable")
    # readable, but no map nests so deep: the map's own refusal
    deep: dict[str, Any] = {}
    for _ in range(200):
        deep = {"x": deep}
    answer = ana.post(
        API, content=json.dumps({"document": {"title": "t", "stages": [deep]}}), headers=headers
    )
    assert answer.status_code == 422
    assert [(p["path"], p["code"]) for p in _error(answer)["details"]["errors"]] == [("", "too_deep")]
    # a map file of either kind
    page = ana.get("/w/default").text
    for name, raw in (("deep.yaml", b"[" * 50_000 + b"]" * 50_000), ("deep.json", body.encode())):
        sent = ana.post(
            "/w/default/maps/import", data={"csrf": sqlite_site.csrf(page)}, files={"file": (name, raw)}
        )
        assert sent.status_code == 400, (name, sent.text[:300])
        assert translate("file.too_deep", "en", source=name, limit=MAX_DEPTH) in sent.text
    assert ana.get(API).json() == []  # nothing was made


def test_the_readers_know_the_depth_limit() -> None:
    for fmt, text in (
        ("yaml", "a:\n" + "".join("  " * i + " b:\n" for i in range(1, MAX_DEPTH + 2))),
        ("yaml", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)),
        ("json", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)),
    ):
        with pytest.raises(Exception) as caught:
            load_text(text, fmt, "m")
        assert getattr(caught.value, "code", None) == "file.too_deep", (fmt, caught.value)
    assert load_text("[" * MAX_DEPTH + "]" * MAX_DEPTH, "json", "m") is not None


def test_a_nul_character_is_refused_everywhere_and_nothing_is_kept(site: Site) -> None:
    """On PostgreSQL a NUL in a title used to be a 500; on SQLite it was kept as it came."""
    ana, token = _editor(site)
    map_id = _new_map(ana, token)
    before = ana.get(f"{API}/{map_id}/history").json()
    # JSON: the escape, wherever it stands
    for body in (
        {"template": "insurance", "title": "a\x00b"},
        {"document": {"title": "t\x00", "stages": []}},
    ):
        answer = ana.post(API, json=body, headers={"X-CSRF-Token": token})
        assert (answer.status_code, _error(answer)["code"]) == (422, "request.nul"), answer.text
    # an escaped backslash followed by "u0000" is text, not a NUL
    fine = ana.post(
        API, json={"template": "insurance", "title": "a\\u0000b"}, headers={"X-CSRF-Token": token}
    )
    assert fine.status_code == 201 and fine.json()["document"]["title"] == "a\\u0000b"
    # a form, URL-encoded (as browsers send it) and multipart
    edit = {"csrf": token, "op": "update_map", "base_revision": "1", "f_title": "x\x00"}
    answer = ana.post(f"/w/default/maps/{map_id}/edit", data=edit)
    assert answer.status_code == 422 and translate("request.nul", "en") in answer.text
    answer = ana.post(f"/w/default/maps/{map_id}/edit", data=edit, files={"none": ("", b"")})
    assert answer.status_code == 422 and translate("request.nul", "en") in answer.text
    # a map file whose JSON holds the escape: the map says where
    page = ana.get("/w/default").text
    sent = ana.post(
        "/w/default/maps/import",
        data={"csrf": site.csrf(page)},
        files={"file": ("m.json", b'{"title": "t", "stages": [{"id": "s", "name": "a\\u0000"}]}')},
    )
    assert sent.status_code == 422 and "stages[0].name" in sent.text
    assert ana.get(f"{API}/{map_id}/history").json() == before
    assert [m["title"] for m in ana.get(API).json()].count("a\\u0000b") == 1


def test_a_survey_answer_with_a_nul_is_refused(sqlite_site: Site) -> None:
    _, info = make(sqlite_site, lang="en")
    customer = sqlite_site.client()
    page = customer.get(info.path)
    sent = customer.post(
        info.path + "?lang=en",
        data={"csrf": public_csrf(page.text), "nps_report_claim": "9", "text_report_claim": "ok\x00"},
    )
    assert sent.status_code == 422 and translate("request.nul", "en") in sent.text


def test_a_revert_from_an_old_page_does_not_replace_a_newer_save(site: Site) -> None:
    ana, token = _editor(site)
    map_id = _new_map(ana, token)
    headers = {"X-CSRF-Token": token}
    for title in ("second", "third"):
        head = ana.get(f"{API}/{map_id}").json()["revision"]
        edit = {"op": "update_map", "fields": {"title": title}, "base_revision": head}
        assert ana.post(f"{API}/{map_id}/edits", json=edit, headers=headers).status_code == 200
    # the history page was read at revision 2; someone saved revision 3 since
    stale = ana.post(
        f"/w/default/maps/{map_id}/revert", data={"csrf": token, "revision": "1", "base_revision": "2"}
    )
    assert stale.status_code == 409
    answer = ana.post(f"{API}/{map_id}/revert", json={"revision": 1, "base_revision": 2}, headers=headers)
    assert (answer.status_code, _error(answer)["code"]) == (409, "map.conflict")
    assert ana.get(f"{API}/{map_id}").json()["document"]["title"] == "third"
    done = ana.post(f"{API}/{map_id}/revert", json={"revision": 1, "base_revision": 3}, headers=headers)
    assert done.status_code == 200 and done.json()["revision"] == 4
    missing = ana.post(f"{API}/{map_id}/revert", json={"revision": 1}, headers=headers)
    assert missing.status_code == 422
    assert [p["path"] for p in _error(missing)["details"]["errors"]] == ["base_revision"]


@pytest.mark.parametrize(
    ("content_type", "chunks", "found"),
    [
        ("application/json", [b'{"a": "\\u0000"}'], True),
        ("application/json; charset=utf-8", [b'{"a": "\\', b"u00", b'00"}'], True),
        ("application/json", [b'{"a": "\\\\u0000"}'], False),  # an escaped backslash, then text
        ("application/json", [b'{"a": "\\\\', b'\\u0000"}'], True),  # three backslashes: the last escapes
        ("application/json", [b'{"a": "' + b"\\" * 40, b'u0000"}'], False),  # an even run
        ("application/problem+json", [b'["\\u0000"]'], True),
        ("application/x-www-form-urlencoded", [b"a=1&b=x%0", b"0y"], True),
        ("application/x-www-form-urlencoded", [b"a=%2500"], False),  # the text "%00"
        ("multipart/form-data; boundary=x", [b"\x00\x00"], False),  # files may be binary: read by field
    ],
)
def test_the_scanner_reads_escapes_exactly(content_type: str, chunks: list[bytes], found: bool) -> None:
    scanner = NulScanner(content_type.encode())
    assert any([scanner.feed(chunk) for chunk in chunks]) is found


def test_an_error_names_only_the_workspace_s_own_datasets(sqlite_site: Site, tmp_path: Any) -> None:
    from safar.context import Context
    from safar.errors import NotFoundError
    from safar.services.ingestion import ingest_events
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services  # type: ignore[attr-defined]
    other = Workspace.attach(svc.engine, svc.settings, "other")
    log = tmp_path / "crm.csv"
    log.write_text("customer_id,activity,timestamp\nC1,visit,2026-01-05T10:00:00\n", encoding="utf-8")
    ingest_events(other, log, dataset="secret-crm", tz="UTC")
    ours = Workspace.attach(svc.engine, svc.settings, "default")
    ours.claim_dataset("ours")  # the workspace's, no events yet
    ingest_events(ours, log, dataset="visits", tz="UTC")
    with Context(ours, "en") as ctx, ctx.warehouse() as warehouse, pytest.raises(NotFoundError) as caught:
        warehouse.events("ours")
    assert caught.value.details["known"] == ["visits"]
    assert "secret-crm" not in caught.value.message_for("en")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/w/default/alerts/rules", "metric"),
        ("/w/default/alerts/destinations", "url"),
        ("/w/default/maps/{map_id}/kpis/measure", "where"),
        ("/w/default/maps/{map_id}/kpis/snapshot", "note"),
        ("/w/default/maps/{map_id}/opportunities/add", "title"),
        ("/w/default/maps/import", "title"),
        ("/w/default/maps/{map_id}/surveys", "title"),
        ("/w/default/maps/{map_id}/surveys/document", "title"),
        ("/w/default/surveys/1/import", "dataset"),
    ],
)
def test_a_nul_in_a_multipart_forms_text_is_refused(sqlite_site: Site, path: str, field: str) -> None:
    """The body's scanner reads URL-encoded forms; a multipart form's text fields are checked once parsed,
    on every route that reads its form itself."""
    ana, token = _editor(sqlite_site)
    map_id = _new_map(ana, token)
    sent = ana.post(
        path.format(map_id=map_id),
        data={"csrf": token, field: "x\x00y"},
        files={"attachment": ("a.txt", b"nothing")},
    )
    assert sent.status_code == 422, (path, sent.status_code, sent.text[:300])
    assert translate("request.nul", "en") in sent.text


def test_a_digit_int_cannot_read_is_a_clear_refusal_not_a_500(sqlite_site: Site) -> None:
    """«²» is a digit to Python's ``isdigit`` but no number to ``int``: every form value, query value and map
    key that was checked with ``isdigit`` gave a 500 (11 routes, issue 22's audit); now each is refused."""
    site = sqlite_site
    ana, token = _editor(site)
    map_id = _new_map(ana, token)
    base = f"/w/default/maps/{map_id}"
    tp = "wait_for_agent"
    posts = {
        f"{base}/kpis/contact-roles": {"base_revision": "²"},
        f"{base}/kpis/measure": {"base_revision": "²", "key": "nps", "kind": "nps"},
        f"{base}/touchpoints/{tp}/moment": {
            **{"base_revision": "1", "is_moment": "1", "source_0": "market_research", "agreed_0": "²"}
        },
        "/w/default/cases/rules": {"map": "²", "name": "x", "condition": "nps<=6"},
    }
    for path, form in posts.items():
        answer = ana.post(path, data={"csrf": token, **form})
        assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text[:300])
    moment = ana.post(f"{base}/touchpoints/{tp}/moment", data={"csrf": token, "base_revision": "²"})
    assert 400 <= moment.status_code < 500, moment.text[:300]
    document = ana.get(f"{API}/{map_id}").json()["document"]
    for sent in (ana.post(API, json={"document": {**document, "²": 1}}, headers={"X-CSRF-Token": token}),):
        assert 400 <= sent.status_code < 500, sent.text[:300]
    assert ana.get(f"{base}/comment-sets/none?assigned=²").status_code < 500


def test_a_fault_of_the_server_is_said_in_safars_shape_with_its_headers(sqlite_site: Site) -> None:
    """A bug's 500 was Starlette's plain "Internal Server Error" without the security headers every other
    answer carries; now it is the API's error document (a page: one line in the reader's language)."""
    from fastapi.testclient import TestClient

    app: Any = sqlite_site.app

    @app.get("/api/v1/fault-for-the-test")
    def fault() -> None:
        raise RuntimeError("a bug")

    client = TestClient(app, raise_server_exceptions=False)
    answer = client.get("/api/v1/fault-for-the-test")
    assert answer.status_code == 500 and answer.json()["error"]["code"] == "server.error"
    assert "a bug" not in answer.text and "Traceback" not in answer.text
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_a_bad_ratings_file_is_named_as_sent_never_by_the_servers_temporary_path(sqlite_site: Site) -> None:
    from tests.web.test_ingest_api import bearer

    answer = sqlite_site.client().post(
        "/api/v1/workspaces/default/insights/drivers?outcome=b",
        content=b'a,b\n"1,2\n3,4,5,6\n',
        headers={**bearer(sqlite_site, "vic"), "content-type": "text/csv"},
    )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "insights.bad_csv", answer.text
    assert "/tmp" not in answer.text and answer.json()["error"]["details"]["file"] == "survey.csv"
