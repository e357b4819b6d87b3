"""Maps as a portfolio in the browser's forms and in the JSON API (safar.web.portfolio), on SQLite and
PostgreSQL: a blank map, rename, owner and status, duplicate, future state, archive, search, delete."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

BASE = "/w/default"


def post(client: TestClient, url: str, page: str, **fields: str) -> Any:
    """A form on ``page`` sent as the browser sends it (with the page's CSRF token)."""
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get(page).text)
    assert token
    return client.post(url, data={"csrf": token.group(1), **fields})


def map_rows(html: str) -> list[tuple[int, str]]:
    """(id, title) of each row of the maps list, in order."""
    return [
        (int(i), title)
        for i, title in re.findall(r'data-map="(\d+)">.*?data-testid="map-link">([^<]*)</a>', html, re.S)
    ]


def test_a_blank_map_is_renamed_owned_duplicated_archived_and_found_again(site: Any) -> None:
    ana = site.client("ana")
    made = post(
        ana,
        f"{BASE}/maps/blank",
        BASE,
        title="سفر مشتری جدید",
        lang="fa",
        type="day_in_the_life",
        stage="آشنایی",
    )
    assert made.status_code == 303 and made.headers["location"] == f"{BASE}/maps/1"
    canvas = ana.get(f"{BASE}/maps/1?lang=fa").text
    assert 'data-stage="ashnayi"' in canvas and "آشنایی" in canvas
    settings = f"{BASE}/maps/1/settings"
    renamed = post(
        ana, f"{BASE}/maps/1/details", settings, title="سفر مشتری ۱۴۰۴", description="برای هیئت مدیره"
    )
    assert renamed.headers["location"] == settings
    post(ana, f"{BASE}/maps/1/details", settings, owner="vic", status="published")
    page = ana.get(settings + "?lang=fa").text
    assert '<html lang="fa" dir="rtl">' in page
    assert 'data-testid="settings-status">منتشرشده<' in page
    assert '<option value="vic" dir="auto" selected>Vic</option>' in page
    history = ana.get(f"{BASE}/maps/1/history?lang=fa").text
    assert "نام «سفر مشتری جدید» به «سفر مشتری ۱۴۰۴» تغییر کرد" in history

    copy = post(ana, f"{BASE}/maps/1/duplicate", settings)
    assert copy.headers["location"] == f"{BASE}/maps/2"
    listed = ana.get(f"{BASE}?lang=en").text
    assert map_rows(listed) == [(1, "سفر مشتری ۱۴۰۴"), (2, "رونوشت سفر مشتری ۱۴۰۴")]
    assert 'data-testid="map-owner">Vic<' in listed and ">Published<" in listed and ">Draft<" in listed

    archived = post(ana, f"{BASE}/maps/1/archive", settings)
    assert archived.headers["location"] == settings
    assert map_rows(ana.get(BASE).text) == [(2, "رونوشت سفر مشتری ۱۴۰۴")]
    assert "1 archived maps are not shown." in ana.get(f"{BASE}?lang=en").text
    found = ana.get(f"{BASE}?show=archived&q=%DB%B1%DB%B4%DB%B0%DB%B4&lang=en").text  # "۱۴۰۴"
    assert map_rows(found) == [(1, "سفر مشتری ۱۴۰۴")] and 'data-testid="archived-badge"' in found
    # Archived: read-only on the canvas and refused at the door.
    assert 'data-testid="add-stage"' not in ana.get(f"{BASE}/maps/1").text
    assert 'data-testid="archived-note"' in ana.get(f"{BASE}/maps/1").text
    refused = post(
        ana, f"{BASE}/maps/1/edit", f"{BASE}/maps/1", op="add_stage", f_name="x", base_revision="2"
    )
    assert refused.status_code == 409 and "بایگانی شده و فقط خواندنی است" in refused.text
    post(ana, f"{BASE}/maps/1/unarchive", settings)
    assert [i for i, _ in map_rows(ana.get(BASE).text)] == [1, 2]


def test_the_future_state_is_made_from_the_web_and_points_at_its_map(site: Any) -> None:
    ana = site.client("ana")
    post(ana, f"{BASE}/maps/new", BASE, template="insurance", lang="en")
    made = post(ana, f"{BASE}/maps/1/future-state", f"{BASE}/maps/1/settings")
    assert made.headers["location"] == f"{BASE}/maps/2"
    page = ana.get(f"{BASE}/maps/2/settings?lang=en").text
    assert 'data-testid="based-on">1</a>' in page and "This map is a future-state map itself." in page
    assert 'data-testid="future-form"' not in page
    again = post(ana, f"{BASE}/maps/2/future-state?lang=en", f"{BASE}/maps/2/settings")
    assert again.status_code == 400 and "already a future-state map" in again.text


def test_only_an_admin_deletes_a_map_after_typing_its_title(site: Any) -> None:
    ana, vic = site.client("ana"), site.client("vic")
    post(ana, f"{BASE}/maps/new", BASE, template="saas", lang="en", title="Renewals")
    page = ana.get(f"{BASE}/maps/1/delete?lang=en").text
    assert "removes for good its 1 revisions, 0 surveys" in page
    assert vic.get(f"{BASE}/maps/1/delete").status_code == 403
    assert 'data-testid="delete-link"' not in vic.get(f"{BASE}/maps/1/settings").text
    wrong = post(ana, f"{BASE}/maps/1/delete?lang=en", f"{BASE}/maps/1/delete", confirm="renewals")
    assert wrong.status_code == 400 and "type its title exactly as it is: “Renewals”" in wrong.text
    gone = post(ana, f"{BASE}/maps/1/delete", f"{BASE}/maps/1/delete", confirm="Renewals")
    assert gone.headers["location"] == f"{BASE}?deleted=Renewals"
    assert "Map “Renewals” was deleted." in ana.get(gone.headers["location"] + "&lang=en").text
    assert ana.get(f"{BASE}/maps/1").status_code == 404
    audit = ana.get("/admin/audit?lang=en").text
    assert "deleted the map" in audit and "Renewals" in audit


def test_viewers_and_outsiders_change_nothing(site: Any) -> None:
    ana, vic, otto = site.client("ana"), site.client("vic"), site.client("otto")
    post(ana, f"{BASE}/maps/new", BASE, template="saas", lang="en")
    page = vic.get(f"{BASE}/maps/1/settings").text
    assert "rename-form" not in page and "archive-form" not in page and "duplicate-form" not in page
    for act in ("archive", "duplicate", "future-state"):
        assert post(vic, f"{BASE}/maps/1/{act}", f"{BASE}/maps/1/settings").status_code == 403
    assert post(vic, f"{BASE}/maps/blank", BASE, title="x").status_code == 403
    assert otto.get(f"{BASE}/maps/1/settings").status_code == 404
    assert [m["id"] for m in ana.get("/api/v1/workspaces/default/maps").json()] == [1]


def test_the_api_twins_return_whole_payloads(site: Any) -> None:
    api = site.client()
    headers = {"Authorization": f"Bearer {site.accounts.create_token('ana', 'ci')}"}
    maps = "/api/v1/workspaces/default/maps"
    api.cookies.set("lang", "en")
    made = api.post(f"{maps}/blank", json={"title": "Claims", "lang": "en"}, headers=headers)
    assert made.status_code == 201
    body = made.json()
    assert (body["id"], body["revision"], body["message"], body["message_key"]) == (
        1,
        1,
        "Created as a blank map",
        "msg.blank",
    )
    assert body["document"]["stages"] == [{"id": "stage-1", "name": "Stage 1"}]
    changed = api.patch(
        f"{maps}/1", json={"title": "Claims 2026", "owner": "vic", "status": "in_review"}, headers=headers
    )
    summary = changed.json()
    assert {k: summary[k] for k in ("id", "title", "revision", "owner", "status", "archived_at")} == {
        "id": 1,
        "title": "Claims 2026",
        "revision": 2,
        "owner": "vic",
        "status": "in_review",
        "archived_at": None,
    }
    bad = api.patch(f"{maps}/1", json={"owner": "otto"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "map.owner_not_member"
    copy = api.post(f"{maps}/1/duplicate", headers=headers).json()
    assert (copy["id"], copy["document"]["title"], copy["message_values"]) == (
        2,
        "Copy of Claims 2026",
        {"map": 1, "revision": 2, "title": "Claims 2026"},
    )
    future = api.post(f"{maps}/1/future-state", headers=headers).json()
    assert (future["document"]["type"], future["document"]["based_on"]) == (
        "future_state",
        {"map": 1, "revision": 2},
    )
    archived = api.post(f"{maps}/2/archive", headers=headers).json()
    assert archived["archived_at"] is not None
    assert [m["id"] for m in api.get(maps, headers=headers).json()] == [1, 3]
    assert [m["id"] for m in api.get(f"{maps}?show=archived", headers=headers).json()] == [2]
    assert [m["id"] for m in api.get(f"{maps}?show=all&q=copy", headers=headers).json()] == [2]
    locked = api.patch(f"{maps}/2", json={"status": "published"}, headers=headers)
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "map.archived"
    assert api.post(f"{maps}/2/unarchive", headers=headers).json()["archived_at"] is None
    deleted = api.delete(f"{maps}/2", headers=headers)
    assert deleted.json() == {
        "id": 2,
        "title": "Copy of Claims 2026",
        "removed": {"revisions": 1, "surveys": 0, "alert_rules": 0, "snapshots": 0, "opportunities": 0},
    }
    viewer = {"Authorization": f"Bearer {site.accounts.create_token('vic', 'ci')}"}
    assert api.delete(f"{maps}/1", headers=viewer).status_code == 403
    assert api.post(f"{maps}/1/archive", headers=viewer).status_code == 403


def test_a_persian_name_gives_a_readable_id_and_an_id_can_be_typed(site: Any) -> None:
    ana = site.client("ana")
    post(ana, f"{BASE}/maps/blank", BASE, title="سفر", lang="fa")
    canvas = f"{BASE}/maps/1"
    post(ana, f"{canvas}/edit", canvas, op="add_stage", f_name="خرید بیمه‌نامه", base_revision="1")
    post(ana, f"{canvas}/edit", canvas, op="add_stage", f_name="خرید بیمه‌نامه", base_revision="2")
    post(ana, f"{canvas}/edit", canvas, op="add_stage", f_name="پرداخت", f_id="pay", base_revision="3")
    post(
        ana,
        f"{canvas}/edit",
        canvas,
        op="add_touchpoint",
        stage="pay",
        f_name="مراجعه حضوری",
        f_channel="branch",
        base_revision="4",
    )
    document = ana.get("/api/v1/workspaces/default/maps/1").json()["document"]
    assert [(s["id"], [t["id"] for t in s.get("touchpoints", [])]) for s in document["stages"]] == [
        ("mrhle-1", []),
        ("khrid-bimename", []),
        ("khrid-bimename-2", []),
        ("pay", ["mraje-hzori"]),
    ]
    taken = post(
        ana, f"{canvas}/edit?lang=en", canvas, op="add_stage", f_name="x", f_id="pay", base_revision="5"
    )
    assert taken.status_code == 400 and "The id “pay” is already used in this map" in taken.text
    bad = post(
        ana, f"{canvas}/edit?lang=en", canvas, op="add_stage", f_name="x", f_id="Pay!", base_revision="5"
    )
    assert bad.status_code == 400 and "“Pay!” cannot be an id" in bad.text


def test_a_maps_type_and_period_are_set_on_its_details_page(site: Any) -> None:
    """The details page sets the map's type and the period it covers, the days typed in the Jalali calendar
    (Persian digits) or the Gregorian one, stored as dates and shown back in the page's calendar; a period
    ending before it starts, or a day that is no day, is refused in the page's language and changes nothing."""
    ana = site.client("ana")
    post(ana, f"{BASE}/maps/blank", BASE, title="سفر دوره‌ای", lang="fa", type="current_state", stage="آشنایی")
    settings = f"{BASE}/maps/1/settings"
    saved = post(
        ana,
        f"{BASE}/maps/1/details",
        settings,
        title="سفر دوره‌ای",
        description="",
        type="service_blueprint",
        timeline="نیمهٔ نخست ۱۴۰۵",
        start="۱۴۰۵/۰۱/۰۱",
        end="2026-09-22",
    )
    assert saved.status_code == 303
    document = ana.get("/api/v1/workspaces/default/maps/1").json()["document"]
    assert (document["type"], document["scope"]) == (
        "service_blueprint",
        {"timeline": "نیمهٔ نخست ۱۴۰۵", "start": "2026-03-21", "end": "2026-09-22"},
    )
    page = ana.get(settings + "?lang=fa").text
    assert 'value="۱۴۰۵/۰۱/۰۱"' in page and 'value="۱۴۰۵/۰۶/۳۱"' in page
    assert '<option value="service_blueprint" selected>' in page
    backwards = post(ana, f"{BASE}/maps/1/details", settings, start="۱۴۰۵/۰۷/۰۱", end="۱۴۰۵/۰۱/۰۱")
    assert backwards.status_code == 400 and "بازهٔ نقشه پیش از آغازش" in backwards.text
    no_day = post(ana, f"{BASE}/maps/1/details", settings, start="۱۴۰۵/۱۳/۴۰")
    assert no_day.status_code == 400 and "آغاز" in no_day.text and "۱۴۰۵/۱۳/۴۰" in no_day.text
    cleared = post(ana, f"{BASE}/maps/1/details", settings, start="", end="")
    assert cleared.status_code == 303
    scope = ana.get("/api/v1/workspaces/default/maps/1").json()["document"]["scope"]
    assert scope == {"timeline": "نیمهٔ نخست ۱۴۰۵"}
