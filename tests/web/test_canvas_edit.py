"""Editing the map in place, as the server renders it: each cell an editor may change says what it holds
(the editing dialog of app.js reads that), the dialog's one form posts the touchpoint's edit, and a viewer's
canvas offers none of it. The browser flow is in tests/web/test_browser_editor.py."""

from __future__ import annotations

import html
import re
from typing import Any

from tests.web.test_pages import edit, new_map, site_map


def editable_cells(page: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(touchpoint, field) → (kind, value) of every cell the canvas offers to edit in place."""
    found = {}
    for tag in re.findall(r"<[a-z0-9]+ [^>]*data-edit=[^>]*>", page):
        attrs = {k: html.unescape(v) for k, v in re.findall(r'([a-z-]+)="([^"]*)"', tag)}
        found[(attrs["data-touchpoint"], attrs["data-edit"])] = (attrs["data-kind"], attrs["data-value"])
    return found


def test_every_cell_of_a_touchpoint_says_what_it_holds_for_the_editor_only(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    doc = site_map(ana, url)["document"]
    tp = doc["stages"][0]["touchpoints"][0]
    page = ana.get(url).text
    cells = editable_cells(page)
    fields = {field for (touchpoint, field) in cells if touchpoint == tp["id"]}
    assert fields == {
        "name",
        "channel",
        "emotion",
        "description",
        "customer_activity",
        "questions",
        "experience",
        "expectations",
        "pain_points",
        "opportunities",
        "owner",
        "frontstage",
        "backstage",
        "support",
    }  # fmt: skip (the insurer's map is a service blueprint: its three lanes too)
    assert cells[(tp["id"], "name")] == ("line", tp["name"])
    assert cells[(tp["id"], "channel")] == ("channel", tp["channel"])
    assert cells[(tp["id"], "owner")] == ("line", tp.get("owner", ""))  # one line, as a department's name
    assert cells[(tp["id"], "pain_points")] == ("lines", "\n".join(tp.get("pain_points", [])))
    assert cells[(tp["id"], "description")] == ("text", tp.get("description", ""))
    emotion = tp.get("emotion")
    assert cells[(tp["id"], "emotion")] == ("emotion", emotion["label"] if emotion else "")
    dialog = page.split('data-testid="cell-editor"')[1].split("</dialog>")[0]
    assert 'name="op" value="update_touchpoint"' in dialog and 'name="csrf"' in dialog
    assert 'id="edit-channel"' in page and 'id="edit-emotion"' in page
    assert "برای تغییر هر خانه نقشه" in page  # the hint, in the page's language

    vic = site.client("vic")  # a viewer reads the same canvas with nothing to edit
    seen = vic.get(url).text
    assert editable_cells(seen) == {} and 'data-testid="cell-editor"' not in seen


def test_what_the_dialog_posts_changes_that_one_field_and_can_be_undone(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    before = site_map(ana, url)
    tp = before["document"]["stages"][0]["touchpoints"][0]
    saved = edit(
        site,
        ana,
        url,
        op="update_touchpoint",
        touchpoint=tp["id"],
        f_pain_points="صف طولانی\n\n  فرم گیج‌کننده ",
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"{url}?saved={before['revision'] + 1}#{tp['id']}"
    after = site_map(ana, url)["document"]
    changed = after["stages"][0]["touchpoints"][0]
    assert changed["pain_points"] == ["صف طولانی", "فرم گیج‌کننده"]
    assert {k: v for k, v in changed.items() if k != "pain_points"} == {
        k: v for k, v in tp.items() if k != "pain_points"
    }
    page = ana.get(saved.headers["location"]).text
    assert editable_cells(page)[(tp["id"], "pain_points")] == ("lines", "صف طولانی\nفرم گیج‌کننده")
    assert 'data-testid="undo"' in page

    emotion = edit(
        site,
        ana,
        url,
        op="update_touchpoint",
        touchpoint=tp["id"],
        f_emotion_score="-2",
        f_emotion_label="ناامید",
    )
    assert emotion.status_code == 303
    chip = ana.get(url).text.split('data-testid="emotion-chip"')[1].split("</span>")[0]
    assert "ناامید" in chip and "احساس" in chip
    assert site_map(ana, url)["document"]["stages"][0]["touchpoints"][0]["emotion"] == {
        "score": -2,
        "label": "ناامید",
    }


def test_removing_asks_for_a_yes_on_the_canvas_and_the_touchpoints_page(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    doc = site_map(ana, url)["document"]
    stage, tp = doc["stages"][0], doc["stages"][0]["touchpoints"][0]
    assert len(stage["touchpoints"]) == 3
    canvas = ana.get(url).text
    form = html.unescape(canvas.split('value="remove_stage"')[1].split("</form>")[0])
    assert 'name="sure" required' in form and f"بله، «{stage['name']}» با ۳ نقطه تماسش حذف شود" in form
    page = ana.get(f"{url}/touchpoints/{tp['id']}").text
    form = html.unescape(page.split('value="remove_touchpoint"')[1].split("</form>")[0])
    assert 'name="sure" required' in form and f"بله، «{tp['name']}» از این نقشه حذف شود" in form
