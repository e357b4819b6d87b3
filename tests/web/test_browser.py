"""The whole browser flow in real Chromium (Debian's), driven by Playwright.

Screenshots of the key pages are saved in ``artifacts/screenshots`` as test artifacts.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def server(sqlite_site: Any) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(sqlite_site.app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server: str, chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.base = server  # type: ignore[attr-defined]
    yield page
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _bind_demo_events(site: Any, folder: Path) -> None:
    from safar import demo
    from safar.events import ingest_file
    from safar.workspace import Workspace

    settings = site.app.state.services.settings
    ws = Workspace(site.app.state.services.engine, 1, "default", settings)
    stored = ws.get_map(1)
    ws.claim_dataset(demo.DATASET)
    rows = demo.synthetic_events(stored.document, customers=150, seed=5)
    ingest_file(settings, demo.write_csv(rows, folder / "events.csv"), dataset=demo.DATASET)
    ws.save_map(1, demo.bind_to_dataset(stored.document), base_revision=stored.revision)


def click_and_wait(page: Any, selector: Any) -> None:
    """Click something that submits a form or follows a link, and wait for the new page."""
    with page.expect_navigation():
        (page.locator(selector) if isinstance(selector, str) else selector).click()


def stage_ids(page: Any) -> list[str]:
    return list(page.eval_on_selector_all("section.stage", "els => els.map(e => e.dataset.stage)"))


def test_the_whole_flow_in_a_real_browser(page: Any, sqlite_site: Any, tmp_path: Path) -> None:
    base = page.base
    page.goto(base + "/")
    assert page.get_attribute("html", "dir") == "rtl"
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", "correct horse battery")
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(base + "/w/default")
    shot(page, "01-maps-fa")

    # Create a map from a template
    page.select_option("[data-testid=new-map] select[name=template]", "insurance")
    page.select_option("[data-testid=new-map] select[name=lang]", "fa")
    page.click("[data-testid=new-map] button[type=submit]")
    page.wait_for_url(base + "/w/default/maps/1")
    assert page.inner_text("[data-testid=map-title]").startswith("خرید بیمه")
    shot(page, "02-canvas-fa")

    # The data overlay: events bound to the map's touchpoints show on the canvas
    assert page.locator("[data-testid=dropoff]").count() == 0
    _bind_demo_events(sqlite_site, tmp_path)
    page.reload()
    assert page.locator("[data-testid=dropoff]").count() == 20
    assert "insurance-demo" in page.inner_text("[data-testid=data-overlay]")
    shot(page, "03-canvas-data-fa")
    click_and_wait(page, "[data-testid=journeys-link]")
    assert page.locator("[data-testid=funnel-customers]").count() == 7
    assert page.locator("[data-testid=sankey] path.link").count() > 0
    shot(page, "03b-journeys-fa")
    page.go_back()

    # Add a stage and a touchpoint in it
    page.click("[data-testid=add-stage]")
    page.fill("[data-testid=add-stage-form] input[name=f_name]", "Loyalty club")
    click_and_wait(page, "[data-testid=add-stage-form] button[type=submit]")
    assert stage_ids(page)[-1] == "loyalty-club"
    page.click("[data-testid=add-touchpoint-loyalty-club]")
    form = page.locator("section.stage[data-stage=loyalty-club] [data-testid=add-touchpoint-form]")
    form.locator("input[name=f_name]").fill("Birthday SMS")
    form.locator("select[name=f_channel]").select_option("sms")
    click_and_wait(page, form.locator("button[type=submit]"))
    assert page.locator("#birthday-sms [data-testid=touchpoint-name]").inner_text() == "Birthday SMS"

    # Reorder with the keyboard-accessible button, then by dragging
    before = stage_ids(page)
    click_and_wait(page, "section.stage[data-stage=loyalty-club] button[aria-label^='جابه‌جایی به قبل']")
    assert stage_ids(page) == [*before[:-2], "loyalty-club", before[-2]]
    first_two = stage_ids(page)[:2]
    page.goto(base + "/w/default/maps/1")  # the canvas scrolled back to its start, both stages in view
    with page.expect_navigation():
        page.drag_and_drop(
            f"section.stage[data-stage={first_two[1]}] h2",
            f"section.stage[data-stage={first_two[0]}] h2",
        )
    assert stage_ids(page)[:2] == [first_two[1], first_two[0]]

    # Reload: everything persisted
    page.reload()
    assert stage_ids(page)[:2] == [first_two[1], first_two[0]]
    assert "loyalty-club" in stage_ids(page)

    # Switch language and back (RTL ↔ LTR)
    click_and_wait(page, "[data-testid=lang-switch]")
    assert page.get_attribute("html", "dir") == "ltr" and page.get_attribute("html", "lang") == "en"
    shot(page, "04-canvas-en")
    click_and_wait(page, "[data-testid=lang-switch]")
    assert page.get_attribute("html", "dir") == "rtl"

    # Revert to revision 1 from the history page
    click_and_wait(page, "a[href$='/history']")
    shot(page, "05-history")
    click_and_wait(page, "[data-testid=revert-1]")
    page.goto(base + "/w/default/maps/1")
    assert "loyalty-club" not in stage_ids(page)
    assert stage_ids(page)[0] == "awareness"

    # Export PNG and PDF
    for name, magic in (("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")):
        with page.expect_download() as info:
            page.click(f"[data-testid=export-{name}]")
        path = tmp_path / f"map.{name}"
        info.value.save_as(path)
        assert path.read_bytes().startswith(magic)
        if name == "png":
            from PIL import Image

            with Image.open(path) as image:
                image.verify()


def test_a_survey_is_made_on_the_voice_page_and_answered_in_persian_and_english(
    page: Any, sqlite_site: Any, server: str
) -> None:
    from safar.maps.templates import load_template
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    map_id = (
        Workspace.attach(svc.engine, svc.settings, "default").create_map(load_template("insurance", "fa")).id
    )
    base = page.base
    page.goto(base + f"/w/default/maps/{map_id}/voice")
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", "correct horse battery")
    click_and_wait(page, "form[action='/login'] button[type=submit]")
    # Tick NPS and CSAT on "report a claim", and NPS for the whole journey
    for pick in ("nps-report_claim", "csat-report_claim", "text-report_claim", "nps-journey"):
        page.check(f"[data-testid=pick-{pick}]")
    click_and_wait(page, "[data-testid=survey-create] button[type=submit]")
    link = page.get_attribute("[data-testid=public-link]", "href")
    assert link and link.startswith("/s/")
    shot(page, "07-survey-admin-fa")

    # A customer on a phone answers in Persian, without logging in
    phone = page.context.browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    customer = phone.new_page()
    customer.goto(base + link)
    assert customer.get_attribute("html", "dir") == "rtl"
    shot(customer, "08-survey-public-fa-phone")
    customer.click("[data-testid=question-nps_report_claim] label.pick:has(input[value='3'])")
    customer.click("[data-testid=question-csat_report_claim] label.pick:has(input[value='2'])")
    customer.fill("[data-testid=question-text_report_claim] textarea", "خیلی طول کشید تا کسی جواب بدهد")
    customer.click("[data-testid=question-nps] label.pick:has(input[value='4'])")
    click_and_wait(customer, "[data-testid=survey-submit]")
    assert customer.locator("[data-testid=survey-thanks]").count() == 1

    # Another answers in English: one click switches the page, answers are checked
    customer.goto(base + link)
    click_and_wait(customer, "[data-testid=lang-switch]")
    assert customer.get_attribute("html", "dir") == "ltr"
    customer.click("[data-testid=question-csat_report_claim] label.pick:has(input[value='5'])")
    customer.click("[data-testid=question-nps_report_claim] label.pick:has(input[value='10'])")
    click_and_wait(customer, "[data-testid=survey-submit]")
    assert "Thank you" in customer.inner_text("[data-testid=survey-thanks]")
    phone.close()

    # The voice page and the canvas show the answers
    page.goto(base + f"/w/default/maps/{map_id}/voice?lang=en")
    row = page.inner_text("[data-testid=voice-row-report_claim]")
    assert "50.0%" in row and "n=2" in row
    shot(page, "09-voice-en")
    page.goto(base + f"/w/default/maps/{map_id}?lang=en")
    assert "CSAT 50" in page.inner_text("[data-testid=voice] >> nth=0")


def test_the_demo_workspace_in_a_real_browser(page: Any, sqlite_site: Any) -> None:
    """What `safar demo` makes, page by page: live numbers on the Persian map, voice, insights, KPIs, alerts."""
    from safar.demo import create_demo_map
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    map_id = create_demo_map(ws, svc.settings, "fa")
    base = page.base
    page.goto(base + f"/w/default/maps/{map_id}")
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", "correct horse battery")
    click_and_wait(page, "form[action='/login'] button[type=submit]")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator("[data-testid=dropoff]").count() == 20
    assert page.locator("[data-testid=chip-csat]").count() == 3
    assert page.locator("[data-testid=alert-chip]").count() >= 1
    shot(page, "10-demo-canvas-fa")
    for path, marker, name in (
        ("/voice", "voice-row-wait_for_agent", "11-demo-voice-fa"),
        ("/insights", "survey-matrix", "12-demo-insights-fa"),
    ):
        page.goto(base + f"/w/default/maps/{map_id}{path}")
        assert page.locator(f"[data-testid={marker}]").count() == 1
        shot(page, name)
    page.goto(base + f"/w/default/maps/{map_id + 1}/kpis")
    shot(page, "13-demo-future-kpis-fa")
    page.goto(base + "/w/default")
    assert page.locator(f"[data-testid=open-alerts-{map_id}]").count() == 1
    shot(page, "15-demo-maps-fa")
    page.goto(base + "/w/default/alerts")
    shot(page, "14-demo-alerts-fa")
    assert "انتظار برای پاسخ کارشناس" in page.inner_text("main")


def test_a_long_press_moves_a_stage_on_a_touch_screen(page: Any, sqlite_site: Any) -> None:
    from safar.maps.templates import load_template
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    map_id = (
        Workspace.attach(svc.engine, svc.settings, "default").create_map(load_template("insurance", "en")).id
    )
    base = page.base
    page.goto(base + f"/w/default/maps/{map_id}?lang=en")
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", "correct horse battery")
    click_and_wait(page, "form[action='/login'] button[type=submit]")
    tablet = page.context.browser.new_context(
        viewport={"width": 1024, "height": 768}, has_touch=True, storage_state=page.context.storage_state()
    )
    touch = tablet.new_page()
    touch.goto(base + f"/w/default/maps/{map_id}?lang=en")
    first, second = stage_ids(touch)[:2]
    start = touch.locator(f"section.stage[data-stage={second}] h2").bounding_box()
    end = touch.locator(f"section.stage[data-stage={first}] h2").bounding_box()
    assert start and end
    cdp = tablet.new_cdp_session(touch)

    def finger(kind: str, x: float, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    sx, sy = start["x"] + 30, start["y"] + start["height"] / 2  # near the start edge: inside the viewport
    ex, ey = end["x"] + 30, end["y"] + end["height"] / 2
    finger("touchStart", sx, sy)
    touch.wait_for_timeout(800)  # a long press lifts the stage
    with touch.expect_navigation():
        for step in range(1, 11):
            finger("touchMove", sx + (ex - sx) * step / 10, sy + (ey - sy) * step / 10)
        finger("touchEnd", ex, ey)
    assert stage_ids(touch)[:2] == [second, first]
    tablet.close()


def test_a_manager_brings_her_data_in_and_binds_it_in_the_browser(
    page: Any, sqlite_site: Any, tmp_path: Path
) -> None:
    """Issue 16 in a real browser: a Jalali Persian workbook and the helpdesk XES uploaded through the
    page, their columns confirmed, the import followed to its end, the quarantine opened, two touchpoints
    bound by clicking; the map's numbers are those of the analysis of the same map."""
    import openpyxl
    from tests.conftest import SHARED_DATA

    from safar.context import Context
    from safar.maps.templates import load_template
    from safar.services.analyze import binding
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    map_id = ws.create_map(load_template("insurance", "fa")).id
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["کد مشتری", "فعالیت", "تاریخ", "شعبه"])
    for row in (
        ["م-۱", "ثبت خسارت", "۱۴۰۲/۰۵/۱۴ ۱۰:۳۰", "تهران"],
        ["م-۱", "ارزیابی خسارت", "۱۴۰۲/۰۵/۱۶ ۰۹:۰۰", "تهران"],
        ["م-۲", "ثبت خسارت", "۱۴۰۲/۰۶/۰۱ ۱۱:۰۰", "شیراز"],
        ["م-۳", "ثبت خسارت", "فردا", "شیراز"],
    ):
        sheet.append(row)
    workbook.save(tmp_path / "خسارت‌ها.xlsx")

    base = page.base
    page.goto(base + "/w/default/datasets")
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", "correct horse battery")
    click_and_wait(page, "form[action='/login'] button[type=submit]")
    click_and_wait(page, "[data-testid=upload-link]")
    page.set_input_files("input[name=file]", str(tmp_path / "خسارت‌ها.xlsx"))
    click_and_wait(page, "[data-testid=upload-form] button[type=submit]")
    # The mapping step: the Persian headers proposed, the Jalali dates read as such, in Persian digits.
    assert page.input_value("[data-testid=col-customer]") == "کد مشتری"
    assert page.input_value("[data-testid=col-time]") == "تاریخ"
    assert "جلالی" in page.inner_text("[data-testid=read-calendar]")
    assert page.locator("[data-testid=time-read]").first.inner_text() == "۱۴۰۲/۰۵/۱۴ ۱۰:۳۰"
    page.fill("[data-testid=dataset-name]", "claims")
    shot(page, "20-upload-mapping-fa")
    click_and_wait(page, "[data-testid=start-import]")
    page.wait_for_selector("[data-testid=import-job][data-state=done]")
    assert page.inner_text("[data-testid=import-result]") == (
        "انجام شد: ۴ سطر خوانده، ۳ بارگذاری، ۰ از پیش موجود، ۱ رد شد."
    )
    click_and_wait(page, "[data-testid=import-rejected]")
    assert page.locator("[data-testid=rejected-row]").count() == 1
    assert "فردا" in page.inner_text("[data-testid=rejected]")

    # The helpdesk log: 21,348 events; the progress page follows it to its end.
    page.goto(base + "/w/default/datasets/upload")
    page.set_input_files("input[name=file]", str(SHARED_DATA / "helpdesk" / "helpdesk.xes.gz"))
    click_and_wait(page, "[data-testid=upload-form] button[type=submit]")
    page.fill("[data-testid=dataset-name]", "helpdesk")
    click_and_wait(page, "[data-testid=start-import]")
    page.wait_for_selector("[data-testid=import-job][data-state=done]", timeout=120_000)
    assert page.inner_text("[data-testid=import-result]").startswith(
        "انجام شد: ۲۱۳۴۸ سطر خوانده، ۲۱۳۴۸ بارگذاری"
    )
    shot(page, "21-upload-done-fa")

    # Bind two touchpoints of the map to the helpdesk's activities by clicking.
    page.goto(base + f"/w/default/maps/{map_id}")
    click_and_wait(page, "[data-testid=bind-link]")
    page.goto(base + f"/w/default/maps/{map_id}/binding?dataset=helpdesk")
    for activity, touchpoint in (
        ("Assign seriousness", "call_contact_centre"),
        ("Take in charge ticket", "wait_for_agent"),
    ):
        row = page.locator("[data-testid=binding-activity]", has_text=activity).first
        row.locator("select[name=touchpoint]").select_option(touchpoint)
        click_and_wait(page, row.locator("button[type=submit]"))
    shot(page, "22-binding-fa")
    with Context(ws, "fa") as ctx:
        expected = binding(ctx, "helpdesk", map_id)
    shown = {
        tp["id"]: tp["events"]
        for tp in page.evaluate(
            "() => Array.from(document.querySelectorAll('[data-testid=binding-touchpoint]'))"
            ".map(r => ({id: r.id.slice(3), events: r.cells[1].innerText}))"
        )
    }
    counts = {t["touchpoint"]: t["events"] for t in expected.model_dump()["touchpoints"] if t["events"]}
    assert set(counts) == {"call_contact_centre", "wait_for_agent"}
    persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    for touchpoint, events in counts.items():
        assert shown[touchpoint] == str(events).translate(persian)
    page.goto(base + f"/w/default/maps/{map_id}?dataset=helpdesk")
    assert "helpdesk" in page.inner_text("[data-testid=data-overlay]")
    shot(page, "23-canvas-bound-fa")


def test_the_api_documentation_runs_from_the_installation_under_the_pages_policy(page: Any) -> None:
    """/api/docs is Swagger UI installed from npm, started by a file of Safar's: no CDN (the offline rule) and
    no inline script (the Content-Security-Policy); in a real browser it lists the API's operations and the
    browser reports no refused script or style."""
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page.base + "/api/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.eval_on_selector_all(".opblock-summary-path", "els => els.map(e => e.textContent)")
    assert any("/api/v1/workspaces/{ws}/maps" in p for p in paths), paths[:5]
    assert not refused, refused
    assert all(url.startswith(page.base) for url in requested), [
        u for u in requested if not u.startswith(page.base)
    ]
