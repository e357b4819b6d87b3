"""Maps as a portfolio and seeing the whole map, in real Chromium: a blank map renamed, duplicated, archived
and found again with the filter; the Persian demo map zoomed out, fitted to the screen, made compact, a lane
hidden, and all of it remembered after a reload."""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.test_browser import click_and_wait, page, server, shot, stage_ids  # noqa: F401

pytestmark = pytest.mark.browser


def log_in(page: Any, path: str) -> None:  # noqa: F811
    page.goto(page.base + path)
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", "correct horse battery")
    click_and_wait(page, "form[action='/login'] button[type=submit]")


def test_a_blank_map_is_renamed_duplicated_archived_and_found_with_the_filter(page: Any) -> None:  # noqa: F811
    log_in(page, "/w/default")
    assert page.get_attribute("html", "dir") == "rtl"
    page.fill("[data-testid=blank-map] input[name=title]", "نقشه آزمایشی")
    page.select_option("[data-testid=blank-map] select[name=type]", "current_state")
    click_and_wait(page, "[data-testid=blank-map] button[type=submit]")
    assert page.url.endswith("/w/default/maps/1")
    assert page.inner_text("[data-testid=map-title]") == "نقشه آزمایشی"
    assert stage_ids(page) == ["mrhle-1"]

    click_and_wait(page, "[data-testid=settings-link]")
    page.fill("[data-testid=rename-form] input[name=title]", "نقشه آزمایشی ۲")
    click_and_wait(page, "[data-testid=rename-form] button[type=submit]")
    assert page.inner_text("[data-testid=settings-title]") == "نقشه آزمایشی ۲"

    click_and_wait(page, "[data-testid=duplicate-form] button[type=submit]")
    assert page.url.endswith("/w/default/maps/2")
    assert page.inner_text("[data-testid=map-title]") == "رونوشت نقشه آزمایشی ۲"

    page.goto(page.base + "/w/default/maps/1/settings")
    click_and_wait(page, "[data-testid=archive-form] button[type=submit]")
    assert page.locator("[data-testid=archived-note]").is_visible()
    page.goto(page.base + "/w/default")
    assert page.eval_on_selector_all("[data-testid=map-row]", "rows => rows.map(r => r.dataset.map)") == ["2"]
    page.fill("[data-testid=map-search-q]", "آزمایشی ۲")
    page.select_option("[data-testid=map-search-show]", "archived")
    click_and_wait(page, "[data-testid=map-search] button[type=submit]")
    assert page.eval_on_selector_all("[data-testid=map-row]", "rows => rows.map(r => r.dataset.map)") == ["1"]
    assert page.locator("[data-testid=archived-badge]").count() == 1
    shot(page, "20-maps-archived-fa")


def test_the_whole_demo_map_is_seen_at_once_and_the_view_is_remembered(
    page: Any,  # noqa: F811
    sqlite_site: Any,
) -> None:
    from safar.demo import create_demo_map
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    map_id = create_demo_map(Workspace.attach(svc.engine, svc.settings, "default"), svc.settings, "fa")
    log_in(page, f"/w/default/maps/{map_id}")
    canvas, scroller = "[data-testid=canvas]", ".canvas-scroll"
    assert page.locator("[data-testid=view-tools]").is_visible()
    assert page.inner_text("[data-testid=zoom-level]") == "۱۰۰٪"

    def width(selector: str, what: str = "getBoundingClientRect().width") -> float:
        return float(page.eval_on_selector(selector, f"el => el.{what}"))

    assert width(canvas) > 2 * width(scroller, "clientWidth")  # 20 touchpoints: far wider than the screen
    page.click("[data-testid=zoom-out]")
    assert (page.get_attribute(canvas, "data-zoom"), page.inner_text("[data-testid=zoom-level]")) == (
        "0.9",
        "۹۰٪",
    )
    page.click("[data-testid=zoom-fit]")
    fitted = float(page.get_attribute(canvas, "data-zoom") or 0)
    assert 0.25 <= fitted < 0.6
    assert width(canvas) <= width(scroller, "clientWidth")  # the whole map in view, RTL as it is
    shot(page, "21-demo-fit-fa")
    page.keyboard.press("Equal")  # the + key: one step up, whatever the keyboard's layout
    zoomed = float(page.get_attribute(canvas, "data-zoom") or 0)
    assert zoomed > fitted
    page.click("[data-testid=compact]")
    assert page.get_attribute("[data-testid=compact]", "aria-pressed") == "true"
    page.click("[data-testid=lanes]")
    page.uncheck("[data-testid=lane-list] input[data-lane-toggle=description]")
    assert page.locator(".cell[data-lane=description]").first.is_hidden()
    page.click(".lane-label[data-lane=pain_points] .lane-toggle")
    assert page.get_attribute(".lane-label[data-lane=pain_points] .lane-toggle", "aria-expanded") == "false"

    page.reload()  # remembered for this map in this browser
    assert float(page.get_attribute(canvas, "data-zoom") or 0) == zoomed
    assert "compact" in (page.get_attribute(canvas, "class") or "")
    assert page.locator(".cell[data-lane=description]").first.is_hidden()
    assert page.locator(".cell[data-lane=pain_points].lane-collapsed").count() > 0
    page.keyboard.press("Digit0")
    assert page.get_attribute(canvas, "data-zoom") == "1"
    shot(page, "22-demo-compact-fa")


def test_a_persona_is_added_changed_undone_and_removed_in_the_browser(page: Any) -> None:  # noqa: F811
    """On a blank Persian map: from the canvas to the map's personas page, a persona written, its quote
    changed and the change undone, then removed after ticking the box (the browser refuses it before)."""
    log_in(page, "/w/default")
    page.fill("[data-testid=blank-map] input[name=title]", "نقشه پرسونا")
    click_and_wait(page, "[data-testid=blank-map] button[type=submit]")
    click_and_wait(page, "[data-testid=manage-personas]")
    assert page.inner_text("[data-testid=no-map-personas]") == "این نقشه هنوز پرسونایی ندارد."
    form = "[data-testid=persona-add-form]"
    page.fill(f"{form} [data-testid=persona-name]", "سارا")
    page.fill(f"{form} [data-testid=persona-quote]", "فقط می‌خواهم بدانم پرونده‌ام کجاست")
    page.fill(f"{form} [data-testid=persona-demographics]", "۲۸ ساله\nتهران")
    click_and_wait(page, "[data-testid=persona-add]")
    assert page.inner_text("[data-testid=persona-saved] p") == "در نسخهٔ ۲ ذخیره شد."
    assert page.inner_text("[data-testid=persona-quote-shown]") == "«فقط می‌خواهم بدانم پرونده‌ام کجاست»"

    page.click("[data-testid=persona-edit] summary")
    page.fill("[data-testid=persona-edit-form] [data-testid=persona-quote]", "کی خسارتم را می‌دهید؟")
    click_and_wait(page, "[data-testid=persona-edit-form] button[type=submit]")
    assert page.inner_text("[data-testid=persona-quote-shown]") == "«کی خسارتم را می‌دهید؟»"
    click_and_wait(page, "[data-testid=persona-undo]")
    assert page.inner_text("[data-testid=persona-quote-shown]") == "«فقط می‌خواهم بدانم پرونده‌ام کجاست»"

    page.click("[data-testid=persona-edit] summary")
    page.click("[data-testid=persona-remove]")  # not ticked: the browser keeps the form and the persona
    assert page.locator("[data-testid=persona-card]").count() == 1
    page.check("[data-testid=persona-remove-sure]")
    click_and_wait(page, "[data-testid=persona-remove]")
    assert page.locator("[data-testid=persona-card]").count() == 0
    shot(page, "21-personas-removed-fa")
