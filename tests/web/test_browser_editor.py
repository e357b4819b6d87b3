"""Editing the map in place, in real Chromium: a cell clicked or reached with the keyboard opens the editing
dialog with that one field; saving makes a revision the canvas offers to undo; Esc leaves the map as it was;
removing a stage asks for a yes first."""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.test_browser import click_and_wait, page, server, shot, stage_ids  # noqa: F401
from tests.web.test_browser_portfolio import log_in

pytestmark = pytest.mark.browser


def revision_of(page: Any) -> str:  # noqa: F811
    return str(page.get_attribute("#cell-editor input[name=base_revision]", "value"))


def test_a_map_is_edited_cell_by_cell_with_mouse_and_keyboard(page: Any, sqlite_site: Any) -> None:  # noqa: F811
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    stored = ws.new_from_template("insurance", "fa")
    tp = stored.document.stages[0].touchpoints[0]
    log_in(page, f"/w/default/maps/{stored.id}")
    dialog = page.locator("[data-testid=cell-editor]")
    assert not dialog.is_visible()

    # The mouse: the description cell opens with its text; Ctrl+Enter saves it as revision 2.
    cell = f".cell[data-lane=description][data-touchpoint='{tp.id}']"
    assert page.get_attribute(cell, "role") == "button" and page.get_attribute(cell, "tabindex") == "0"
    page.click(cell)
    assert dialog.is_visible()
    assert page.inner_text("#cell-editor-title") == f"توصیف · {tp.name}"
    assert page.input_value("#cell-editor textarea[name=f_description]") == tp.description
    page.fill("#cell-editor textarea[name=f_description]", "مشتری دنبال بیمه‌ای ارزان و مطمئن است")
    shot(page, "23-edit-in-place-fa")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    assert page.url.endswith(f"?saved=2#{tp.id}")
    assert page.inner_text(cell).strip() == "مشتری دنبال بیمه‌ای ارزان و مطمئن است"
    assert page.locator("[data-testid=edit-saved]").is_visible()

    # The keyboard: Tab reaches the pain points cell, Enter opens it, one entry a line.
    cell = f".cell[data-lane=pain_points][data-touchpoint='{tp.id}']"
    page.focus(cell)
    page.keyboard.press("Enter")
    assert dialog.is_visible() and page.locator("#cell-editor [data-hint]").is_visible()
    page.fill("#cell-editor textarea[name=f_pain_points]", "تبلیغ گیج‌کننده\nقیمت نامعلوم")
    click_and_wait(page, "[data-testid=cell-save]")
    assert page.eval_on_selector_all(f"{cell} li", "els => els.map(e => e.textContent)") == [
        "تبلیغ گیج‌کننده",
        "قیمت نامعلوم",
    ]

    # The channel and the assumed emotion, on the touchpoint's card.
    page.click(f"[data-touchpoint='{tp.id}'] .channel")
    page.select_option("#cell-editor select[name=f_channel]", "call_centre")
    click_and_wait(page, "[data-testid=cell-save]")
    assert page.inner_text(f"[data-touchpoint='{tp.id}'] .channel") == "مرکز تماس"
    page.click(f"[data-touchpoint='{tp.id}'] [data-testid=emotion-chip]")
    page.select_option("#cell-editor select[name=f_emotion_score]", "-2")
    page.fill("#cell-editor input[name=f_emotion_label]", "سردرگم")
    click_and_wait(page, "[data-testid=cell-save]")
    chip = f"[data-touchpoint='{tp.id}'] [data-testid=emotion-chip]"
    assert "سردرگم" in page.inner_text(chip) and "e-2" in (page.get_attribute(chip, "class") or "")
    assert revision_of(page) == "5"

    # Esc leaves everything as it was, and the focus goes back to the cell.
    name = f"[data-touchpoint='{tp.id}'] [data-testid=touchpoint-name]"
    page.click(name)
    page.fill("#cell-editor input[name=f_name]", "نامی که ذخیره نمی‌شود")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.dataset.edit") == "name"
    assert page.inner_text(name) == tp.name and revision_of(page) == "5"

    # The last change is undone from the banner: the emotion is the template's again.
    click_and_wait(page, "[data-testid=undo]")
    assert ws.get_map(stored.id).document.stages[0].touchpoints[0].emotion == tp.emotion


def test_removing_a_stage_on_the_canvas_asks_for_a_yes(page: Any, sqlite_site: Any) -> None:  # noqa: F811
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    stored = Workspace.attach(svc.engine, svc.settings, "default").new_from_template("insurance", "fa")
    log_in(page, f"/w/default/maps/{stored.id}")
    before = stage_ids(page)
    first = before[0]
    page.click(f"section.stage[data-stage='{first}'] details.pop:not(.add-stage) summary >> nth=0")
    page.click(f"section.stage[data-stage='{first}'] [data-testid=remove-stage]")
    assert stage_ids(page) == before  # not sent: the yes is missing
    page.check(f"section.stage[data-stage='{first}'] [data-testid=remove-stage-sure]")
    click_and_wait(page, f"section.stage[data-stage='{first}'] [data-testid=remove-stage]")
    assert stage_ids(page) == before[1:]


def test_lanes_of_each_kind_are_added_filled_and_removed_on_the_canvas(
    page: Any,  # noqa: F811
    sqlite_site: Any,
    tmp_path: Any,
) -> None:
    from PIL import Image

    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    stored = ws.new_from_template("insurance", "fa")
    tp = stored.document.stages[0].touchpoints[0]
    log_in(page, f"/w/default/maps/{stored.id}")

    def add_lane(name: str, kind: str) -> str:
        page.click("[data-testid=add-lane]")
        page.fill("[data-testid=add-lane-form] input[name=f_name]", name)
        page.select_option("[data-testid=lane-kind]", kind)
        click_and_wait(page, "[data-testid=add-lane-form] button[type=submit]")
        return str(ws.get_map(stored.id).document.lanes[-1].id)

    def cell(lane: str) -> str:
        return f".lane-cell[data-lane='lane-{lane}'][data-touchpoint='{tp.id}']"

    systems = add_lane("سامانه‌ها", "list")
    assert page.inner_text(f"#lane-{systems} span").strip() == "سامانه‌ها"
    page.click(cell(systems))
    page.fill("#cell-editor textarea[name=f_value]", "CRM\nسامانه صدور")
    click_and_wait(page, "[data-testid=cell-save]")
    assert page.eval_on_selector_all(f"{cell(systems)} li", "els => els.map(e => e.textContent)") == [
        "CRM",
        "سامانه صدور",
    ]

    channels = add_lane("کانال‌های همراه", "channels")
    page.click(cell(channels))
    page.check("#cell-editor .channel-boxes input[value=sms]")
    page.check("#cell-editor .channel-boxes input[value=email]")
    click_and_wait(page, "[data-testid=cell-save]")
    chips = page.eval_on_selector_all(f"{cell(channels)} .channel", "els => els.map(e => e.textContent)")
    assert chips == ["ایمیل", "پیامک"]  # in the catalogue's order

    screen = add_lane("صفحه‌ای که می‌بیند", "image")
    picture = tmp_path / "screen.png"
    Image.new("RGB", (900, 500), (30, 110, 160)).save(picture)
    page.click(cell(screen))
    page.set_input_files("#cell-editor input[name=picture]", str(picture))
    click_and_wait(page, "[data-testid=cell-save]")
    assert page.get_attribute(f"{cell(screen)} img", "src", timeout=5000).startswith(
        "data:image/jpeg;base64,"
    )

    figure = add_lane("نرخ ادامه", "figure")
    row = f".lane-cell[data-lane='lane-{figure}']"
    assert set(page.eval_on_selector_all(row, "els => els.map(e => e.textContent.trim())")) == {"—"}
    listed = page.eval_on_selector_all("[data-testid=lane-list] label", "els => els.map(e => e.textContent)")
    assert listed[-4:] == [
        "سامانه‌ها",
        "کانال‌های همراه",
        "صفحه‌ای که می‌بیند",
        "نرخ ادامه",
    ]  # each can be hidden
    page.locator(f"#lane-{figure}").scroll_into_view_if_needed()
    shot(page, "24-custom-lanes-fa")

    page.click(f"#lane-{systems} [data-testid=lane-tools]")
    page.check(f"#lane-{systems} [data-testid=lane-remove-sure]")
    click_and_wait(page, f"#lane-{systems} [data-testid=lane-remove]")
    assert [lane.id for lane in ws.get_map(stored.id).document.lanes] == [channels, screen, figure]
