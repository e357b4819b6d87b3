"""The map's own lanes (#18): added, filled, renamed, moved and removed from the canvas or the API, each
kind drawn as it should be (text, list, picture, channels, a figure from the data); a figure lane shows the
same numbers as the canvas's own data lanes; bad cells are refused with where and why; the history names a
cell by its touchpoint and a picture as a picture."""

from __future__ import annotations

import io
import re
from typing import Any

from tests.web.test_canvas_edit import editable_cells
from tests.web.test_map_personas import text_of
from tests.web.test_pages import bind_synthetic_events, edit, new_map, site_map


def lane_cells(page: str, lane: str) -> list[str]:
    """The text of each cell of ``lane`` on the canvas, column by column."""
    cells = re.findall(
        rf'<div class="cell lane-cell[^"]*"[^>]*data-lane="lane-{lane}"[^>]*>(.*?)</div>', page, flags=re.S
    )
    return [text_of(c) for c in cells]


def test_an_editor_adds_fills_renames_moves_and_removes_lanes_of_each_kind(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    doc = site_map(ana, url)["document"]
    first, second = (tp["id"] for tp in doc["stages"][0]["touchpoints"][:2])
    for name, kind in (("سامانه‌ها", "list"), ("یادداشت", "text"), ("کانال‌های درگیر", "channels")):
        assert edit(site, ana, url, op="add_lane", f_name=name, f_kind=kind).status_code == 303
    lanes = site_map(ana, url)["document"]["lanes"]
    assert [(lane["id"], lane["name"], lane.get("kind", "text")) for lane in lanes] == [
        ("samaneha", "سامانه‌ها", "list"),
        ("iaddasht", "یادداشت", "text"),
        ("kanalhay-drgir", "کانال‌های درگیر", "channels"),
    ]
    for lane, touchpoint, value in (
        ("samaneha", first, "CRM\n\nسامانه صدور"),
        ("iaddasht", second, "  بازبینی شود  "),
        ("kanalhay-drgir", first, "website\ncall_centre"),
    ):
        filled = edit(site, ana, url, op="set_lane_cell", lane=lane, touchpoint=touchpoint, f_value=value)
        assert filled.status_code == 303, filled.text
    page = ana.get(url).text
    n = len(list(tp for stage in doc["stages"] for tp in stage["touchpoints"]))
    assert lane_cells(page, "samaneha")[:2] == ["CRM سامانه صدور", ""]
    assert lane_cells(page, "iaddasht")[:2] == ["", "بازبینی شود"]
    assert lane_cells(page, "kanalhay-drgir")[0] == "وب‌سایت مرکز تماس"
    assert len(lane_cells(page, "samaneha")) == n
    cells = editable_cells(page)
    assert (first, "value") in cells  # the lane cells open the same dialog
    assert 'data-op="set_lane_cell" data-lane-id="samaneha"' in page

    assert edit(site, ana, url, op="update_lane", lane="iaddasht", f_name="یادداشت تیم").status_code == 303
    history = text_of(ana.get(f"{url}/history").text)
    assert "ردیف «یادداشت تیم»: نام از «یادداشت» به «یادداشت تیم»" in history
    assert edit(site, ana, url, op="move_lane", lane="kanalhay-drgir", position="0").status_code == 303
    lanes = site_map(ana, url)["document"]["lanes"]
    assert [(lane["id"], lane["name"]) for lane in lanes] == [
        ("kanalhay-drgir", "کانال‌های درگیر"),
        ("samaneha", "سامانه‌ها"),
        ("iaddasht", "یادداشت تیم"),
    ]

    # removing a touchpoint takes its cells with it; removing a lane takes the lane
    assert edit(site, ana, url, op="remove_touchpoint", touchpoint=first).status_code == 303
    assert all(first not in lane.get("cells", {}) for lane in site_map(ana, url)["document"]["lanes"])
    assert edit(site, ana, url, op="remove_lane", lane="samaneha").status_code == 303
    assert [lane["id"] for lane in site_map(ana, url)["document"]["lanes"]] == ["kanalhay-drgir", "iaddasht"]

    vic = site.client("vic")  # a viewer sees the lanes and none of their tools
    seen = vic.get(url).text
    assert "یادداشت تیم" in seen and 'data-testid="lane-tools"' not in seen and "add-lane-form" not in seen


def test_a_figure_lane_draws_the_canvas_own_numbers(site: Any, tmp_path: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    bind_synthetic_events(site, tmp_path)
    for figure in ("customers", "conversion"):
        made = edit(site, ana, url, op="add_lane", f_name=figure, f_kind="figure", f_figure=figure)
        assert made.status_code == 303, made.text
    page = ana.get(f"{url}?lang=en").text
    customers = [m for m in re.findall(r'data-testid="customers-link"><strong>([^<]+)</strong>', page)]
    conversion = re.findall(r'data-testid="conversion-link">([^<]+)</a>', page)
    assert lane_cells(page, "customers") == customers  # the data lane's own figures, column by column
    shown = [c for c in lane_cells(page, "conversion") if c != "—"]
    assert shown == conversion
    bars = [float(b) for b in re.findall(r'class="figure-bar[^"]*" style="--bar: ([0-9.]+)"', page)]
    assert max(bars) == 1.0 and all(0 <= b <= 1 for b in bars)
    # a figure lane changes its figure, and has no cells to fill
    assert 'data-lane-id="customers"' not in page
    assert edit(site, ana, url, op="update_lane", lane="customers", f_figure="dropoff").status_code == 303
    assert site_map(ana, url)["document"]["lanes"][0]["figure"] == "dropoff"


def test_a_picture_in_an_image_lane_is_kept_small_and_the_history_says_a_picture(site: Any) -> None:
    import base64

    from PIL import Image

    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    tp = site_map(ana, url)["document"]["stages"][0]["touchpoints"][0]
    edit(site, ana, url, op="add_lane", f_name="صفحه‌ای که می‌بیند", f_kind="image")
    lane = site_map(ana, url)["document"]["lanes"][0]["id"]
    page = ana.get(url).text
    fields = {
        "csrf": site.csrf(page),
        "base_revision": page.split('name="base_revision" value="')[1].split('"')[0],
    }
    picture = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 90, 40)).save(picture, "PNG")
    sent = ana.post(
        f"{url}/lanes/{lane}/cells/{tp['id']}/image",
        data=fields,
        files={"picture": ("screen.png", picture.getvalue(), "image/png")},
    )
    assert sent.status_code == 303 and sent.headers["location"].endswith(f"#{tp['id']}")
    stored = site_map(ana, url)["document"]["lanes"][0]["cells"][tp["id"]]
    with Image.open(io.BytesIO(base64.b64decode(stored.split(",", 1)[1]))) as image:
        assert (image.format, image.size) == ("JPEG", (480, 270))
    page = ana.get(url).text
    assert f'src="{stored}"' in page and editable_cells(page)[(tp["id"], "value")] == ("lane-image", "1")
    history = text_of(ana.get(f"{url}/history").text)
    assert f"خانهٔ «{tp['name']}»" in history and "یک تصویر" in history and "data:image" not in history

    fields["base_revision"] = str(site_map(ana, url)["revision"])
    refused = ana.post(
        f"{url}/lanes/{lane}/cells/{tp['id']}/image",
        data=fields,
        files={"picture": ("notes.txt", b"plain words", "text/plain")},
    )
    assert refused.status_code == 400 and "«notes.txt» تصویری نیست که سفر بخواند" in text_of(refused.text)
    removed = ana.post(f"{url}/lanes/{lane}/cells/{tp['id']}/image", data=fields | {"remove": "1"})
    assert removed.status_code == 303 and site_map(ana, url)["document"]["lanes"][0].get("cells", {}) == {}


def test_bad_lanes_are_refused_with_where_and_why(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    tp = site_map(ana, url)["document"]["stages"][0]["touchpoints"][0]["id"]
    api = "/api/v1/workspaces/default/maps/" + url.split("/")[-1]
    headers = {"x-csrf-token": site.csrf(ana.get("/login").text)}
    revision = site_map(ana, url)["revision"]

    def post(body: dict[str, Any]) -> Any:
        return ana.post(f"{api}/edits", json={"base_revision": revision, **body}, headers=headers)

    nameless = post({"op": "add_lane", "fields": {"name": " "}})
    assert nameless.status_code == 400 and nameless.json()["error"]["code"] == "edit.lane_needs_name"
    no_figure = post({"op": "add_lane", "fields": {"name": "Bars", "kind": "figure"}})
    assert no_figure.status_code == 400 and "ردیف شاخص یکی از شاخص‌های داده‌های نقشه" in no_figure.text
    bad_kind = post({"op": "add_lane", "fields": {"name": "Bars", "kind": "chart"}})
    assert bad_kind.status_code == 400 and "«chart» نوعی از ردیف نیست" in bad_kind.text
    made = post({"op": "add_lane", "fields": {"name": "Channels", "kind": "channels"}})
    assert made.status_code == 200
    revision += 1
    unknown = post(
        {"op": "set_lane_cell", "lane": "channels", "touchpoint": tp, "fields": {"value": ["pigeon"]}}
    )
    assert unknown.status_code == 422 and "lanes[0].cells." + tp in unknown.text and "pigeon" in unknown.text
    missing = post({"op": "set_lane_cell", "lane": "nope", "touchpoint": tp, "fields": {"value": "x"}})
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "edit.unknown_lane"
    assert site_map(ana, url)["revision"] == revision  # nothing saved by the refused edits

    # an imported document whose lane names a touchpoint the map does not have
    document = site_map(ana, url)["document"]
    document["lanes"] = [{"id": "notes", "name": "Notes", "kind": "text", "cells": {"ghost": "boo"}}]
    imported = ana.post("/api/v1/workspaces/default/maps", json={"document": document}, headers=headers)
    assert imported.status_code == 422 and "lanes[0].cells.ghost" in imported.text
