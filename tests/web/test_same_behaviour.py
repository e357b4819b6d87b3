"""The same action behaves the same on every surface: a malformed edit form is refused like its JSON
twin (same status, same error, in the reader's language, never a 500), and an upload on the survey
page checks the alert rules as ``safar survey import`` does."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from safar.config import Settings
from safar.i18n import translate
from safar.web.app import create_app

PASSWORD = "correct horse battery"


def csrf_of(page: str) -> str:
    return page.split('name="csrf-token" content="')[1].split('"')[0]


TP = "see_advertisement"  # the first touchpoint of the insurance template
STAGE = "awareness"
API = "/api/v1/workspaces/default/maps/1"

# name: (form fields besides csrf, the JSON twin's body, the status both answer, the error code)
EDITS: dict[str, tuple[dict[str, Any], dict[str, Any], int, str]] = {
    "op missing": (
        {"touchpoint": TP, "base_revision": "1"},
        {"touchpoint": TP, "base_revision": 1},
        422,
        "request.invalid",
    ),
    "op unknown": (
        {"op": "explode", "base_revision": "1"},
        {"op": "explode", "base_revision": 1},
        422,
        "request.invalid",
    ),
    "revision missing": (
        {"op": "update_touchpoint", "touchpoint": TP, "f_name": "x"},
        {"op": "update_touchpoint", "touchpoint": TP, "fields": {"name": "x"}},
        422,
        "request.invalid",
    ),
    "revision not a number": (
        {"op": "update_touchpoint", "touchpoint": TP, "f_name": "x", "base_revision": "abc"},
        {"op": "update_touchpoint", "touchpoint": TP, "fields": {"name": "x"}, "base_revision": "abc"},
        422,
        "request.invalid",
    ),
    "revision zero": (
        {"op": "update_touchpoint", "touchpoint": TP, "f_name": "x", "base_revision": "0"},
        {"op": "update_touchpoint", "touchpoint": TP, "fields": {"name": "x"}, "base_revision": 0},
        422,
        "request.invalid",
    ),
    "position not a number": (
        {"op": "move_touchpoint", "touchpoint": TP, "position": "first", "base_revision": "1"},
        {"op": "move_touchpoint", "touchpoint": TP, "position": "first", "base_revision": 1},
        422,
        "request.invalid",
    ),
    "position negative": (
        {"op": "move_touchpoint", "touchpoint": TP, "position": "-1", "base_revision": "1"},
        {"op": "move_touchpoint", "touchpoint": TP, "position": -1, "base_revision": 1},
        422,
        "request.invalid",
    ),
    "message too long": (
        {
            "op": "update_touchpoint",
            "touchpoint": TP,
            "f_name": "x",
            "base_revision": "1",
            "message": "m" * 2001,
        },
        {
            "op": "update_touchpoint",
            "touchpoint": TP,
            "fields": {"name": "x"},
            "base_revision": 1,
            "message": "m" * 2001,
        },
        422,
        "request.invalid",
    ),
    "touchpoint unknown": (
        {"op": "update_touchpoint", "touchpoint": "nope", "f_name": "x", "base_revision": "1"},
        {"op": "update_touchpoint", "touchpoint": "nope", "fields": {"name": "x"}, "base_revision": 1},
        400,
        "edit.unknown_touchpoint",
    ),
    "stage unknown": (
        {"op": "move_touchpoint", "touchpoint": TP, "stage": "nope", "base_revision": "1"},
        {"op": "move_touchpoint", "touchpoint": TP, "stage": "nope", "base_revision": 1},
        400,
        "edit.unknown_stage",
    ),
    "emotion not a number": (
        {"op": "update_touchpoint", "touchpoint": TP, "f_emotion_score": "happy", "base_revision": "1"},
        {
            "op": "update_touchpoint",
            "touchpoint": TP,
            "fields": {"emotion_score": "happy"},
            "base_revision": 1,
        },
        400,
        "edit.bad_value",
    ),
    "emotion off the scale": (
        {"op": "update_touchpoint", "touchpoint": TP, "f_emotion_score": "9", "base_revision": "1"},
        {"op": "update_touchpoint", "touchpoint": TP, "fields": {"emotion_score": "9"}, "base_revision": 1},
        422,
        "map.invalid",
    ),
    "field unknown": (
        {"op": "update_touchpoint", "touchpoint": TP, "f_colour": "red", "base_revision": "1"},
        {"op": "update_touchpoint", "touchpoint": TP, "fields": {"colour": "red"}, "base_revision": 1},
        400,
        "edit.bad_field",
    ),
    "revision from the future": (
        {"op": "update_touchpoint", "touchpoint": TP, "f_name": "x", "base_revision": "99"},
        {"op": "update_touchpoint", "touchpoint": TP, "fields": {"name": "x"}, "base_revision": 99},
        404,
        "revision.not_found",
    ),
}

REVERTS: dict[str, tuple[dict[str, Any], dict[str, Any], int, str]] = {
    "revision missing": ({}, {}, 422, "request.invalid"),
    "revision not a number": ({"revision": "abc"}, {"revision": "abc"}, 422, "request.invalid"),
    "revision zero": ({"revision": "0"}, {"revision": 0}, 422, "request.invalid"),
    "base revision missing": ({"revision": "1"}, {"revision": 1}, 422, "request.invalid"),
    "revision from the future": (
        {"revision": "99", "base_revision": "1"},
        {"revision": 99, "base_revision": 1},
        404,
        "revision.not_found",
    ),
}


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    """One site with one map, logged in as an editor, for every malformed post (none changes the map)."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SAFAR_HOME", str(tmp_path_factory.mktemp("same-behaviour")))
        env.delenv("SAFAR_DATABASE_URL", raising=False)
        app = create_app(Settings.from_env())
        app.state.services.accounts.create_user("ana", PASSWORD, admin=True)
        client = TestClient(app, follow_redirects=False)
        login = client.get("/login").text
        client.post("/login", data={"csrf": csrf_of(login), "username": "ana", "password": PASSWORD})
        created = client.post(
            "/w/default/maps/new",
            data={"csrf": csrf_of(client.get("/w/default").text), "template": "insurance", "lang": "en"},
        )
        assert created.headers["location"] == "/w/default/maps/1"
        yield client, csrf_of(client.get("/w/default/maps/1").text)
        app.state.services.engine.dispose()


def _refused(
    client: TestClient,
    token: str,
    form_url: str,
    form: dict[str, Any],
    json_url: str,
    body: dict[str, Any],
    lang: str,
) -> tuple[Any, Any]:
    client.cookies.set("lang", lang)
    page = client.post(form_url, data={"csrf": token, **form})
    twin = client.post(json_url, json=body, headers={"X-CSRF-Token": token})
    return page, twin


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("case", sorted(EDITS))
def test_a_malformed_edit_form_is_refused_like_its_json_twin(editor: Any, case: str, lang: str) -> None:
    client, token = editor
    form, body, status, code = EDITS[case]
    page, twin = _refused(client, token, "/w/default/maps/1/edit", form, f"{API}/edits", body, lang)
    assert (page.status_code, twin.status_code) == (status, status), (page.text[:300], twin.text[:300])
    error = twin.json()["error"]
    assert error["code"] == code
    assert error["message"] == translate(code, lang, **error["details"])
    shown = html.unescape(page.text)
    assert f'lang="{lang}"' in shown and error["message"] in shown
    for problem in error["details"].get("errors", []):
        assert problem["message"] in shown  # each problem named, in the reader's language
    assert client.get(f"{API}/history").json()[-1]["revision"] == 1  # nothing was saved


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("case", sorted(REVERTS))
def test_a_malformed_revert_form_is_refused_like_its_json_twin(editor: Any, case: str, lang: str) -> None:
    client, token = editor
    form, body, status, code = REVERTS[case]
    page, twin = _refused(client, token, "/w/default/maps/1/revert", form, f"{API}/revert", body, lang)
    assert (page.status_code, twin.status_code) == (status, status)
    error = twin.json()["error"]
    assert error["code"] == code and error["message"] in html.unescape(page.text)


def test_the_refusal_names_the_field_and_the_value_in_persian(editor: Any) -> None:
    client, token = editor
    page, twin = _refused(
        client,
        token,
        "/w/default/maps/1/edit",
        {"op": "update_touchpoint", "touchpoint": TP, "base_revision": "abc"},
        f"{API}/edits",
        {"op": "update_touchpoint", "touchpoint": TP, "base_revision": "abc"},
        "fa",
    )
    assert twin.json()["error"] == {
        "code": "request.invalid",
        "message": "۱ مقدار این درخواست قابل استفاده نیست؛ چیزی تغییر نکرد.",
        "details": {
            "count": 1,
            "errors": [
                {
                    "path": "base_revision",
                    "code": "int_parsing",
                    "message": "base_revision: باید عدد صحیح باشد",
                    "value": "abc",
                }
            ],
        },
    }
    shown = html.unescape(page.text)
    assert "base_revision: باید عدد صحیح باشد" in shown and "Input should be" not in shown


def test_a_file_where_text_belongs_is_refused_not_a_crash(editor: Any) -> None:
    client, token = editor
    client.cookies.set("lang", "en")
    page = client.post(
        "/w/default/maps/1/edit",
        data={"csrf": token, "op": "update_touchpoint", "touchpoint": TP, "base_revision": "1"},
        files={"f_name": ("name.txt", b"a name")},
    )
    assert page.status_code == 422 and "f_name: must be text" in html.unescape(page.text)


def test_a_good_edit_form_still_saves_and_can_clear_a_field(site: Any) -> None:
    ana = site.client("ana")
    page = ana.get("/w/default")
    url = ana.post(
        "/w/default/maps/new", data={"csrf": site.csrf(page.text), "template": "insurance", "lang": "en"}
    ).headers["location"]
    token = site.csrf(ana.get(url).text)
    saved = ana.post(
        f"{url}/edit",
        data={
            "csrf": token,
            "op": "update_touchpoint",
            "touchpoint": TP,
            "base_revision": "1",
            "f_description": "",
            "position": "",
            "message": " ",
        },
    )
    assert saved.status_code == 303 and saved.headers["location"] == f"{url}?saved=2#{TP}"
    document = ana.get(f"{API}").json()["document"]
    touchpoint = document["stages"][0]["touchpoints"][0]
    assert (touchpoint["id"], touchpoint.get("description", "")) == (TP, "")
    head = ana.get(f"{API}/history").json()[-1]["revision"]
    reverted = ana.post(f"{url}/revert", data={"csrf": token, "revision": "1", "base_revision": str(head)})
    assert reverted.status_code == 303
