"""Cases in real Chromium, as a claims manager works them on the Persian demo: the queue, one case opened,
taken, noted, resolved and followed up, its history read; the queue filtered to a department; the CSV export
downloaded and opened."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from tests.web.test_browser import click_and_wait, page, server, shot  # noqa: F401
from tests.web.test_browser_portfolio import log_in

pytestmark = pytest.mark.browser


def test_a_claims_manager_works_a_case_from_the_queue(page: Any, sqlite_site: Any) -> None:  # noqa: F811
    from safar.context import Context
    from safar.demo import create_demo_map
    from safar.services.cases import queue
    from safar.workspace import Workspace

    svc = sqlite_site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    create_demo_map(ws, svc.settings, "fa")
    worked = next(c for c in queue(Context(ws, "fa")).cases if c.status == "in_progress")
    log_in(page, "/w/default")
    click_and_wait(page, "[data-testid=cases-link]")
    assert page.url.endswith("/w/default/cases")
    rows = page.locator("[data-testid=case-row]")
    total = rows.count()
    assert total >= 3
    statuses = page.eval_on_selector_all(
        "[data-testid=case-row] td:nth-child(2)", "cells => cells.map(c => c.innerText)"
    )
    assert statuses.count("در حال رسیدگی") == 1 and statuses.count("حل شده") == 1
    assert statuses[-1] == "حل شده"  # open cases first, done ones last

    click_and_wait(page, f"[data-testid=case-row] a[href='/w/default/cases/{worked.id}']")
    assert page.inner_text("[data-testid=case-status]") == "در حال رسیدگی"
    assert worked.department == "خسارت" and worked.department in page.inner_text("[data-testid=case-facts]")
    page.select_option("[data-testid=case-assign] select[name=assignee]", "ana")
    click_and_wait(page, "[data-testid=case-assign] button[type=submit]")
    assert page.inner_text("[data-testid=case-assignee]") == "ana"
    page.fill("[data-testid=case-note] textarea[name=text]", "با مشتری تماس گرفتم؛ مدارک کامل شد.")
    click_and_wait(page, "[data-testid=case-note] button[type=submit]")
    page.select_option("[data-testid=case-move] select[name=status]", "resolved")
    page.fill("[data-testid=case-move] input[name=note]", "خسارت پرداخت شد")
    click_and_wait(page, "[data-testid=case-move] button[type=submit]")
    assert page.inner_text("[data-testid=case-status]") == "حل شده"
    # the follow-up survey is offered only when the customer agreed to be contacted
    assert page.locator("[data-testid=case-follow-up-form]").count() == (1 if worked.shared else 0)
    if worked.shared:
        click_and_wait(page, "[data-testid=case-follow-up-form] button[type=submit]")
        assert page.inner_text("[data-testid=follow-up-link]").startswith("/s/")
    else:
        assert "موافقت نکرده" in page.inner_text("[data-testid=case-follow-up]")
    history = page.inner_text("[data-testid=case-history]")
    for said in ("پرونده را باز کرد", "مسئول — ← ana", "با مشتری تماس گرفتم؛ مدارک کامل شد.",
                 "وضعیت در حال رسیدگی ← حل شده", "خسارت پرداخت شد"):  # fmt: skip
        assert said in history, said
    shot(page, "30-case-fa")

    page.goto(page.base + "/w/default/cases")
    page.select_option("[data-testid=department-filter] select[name=department]", "خسارت")
    click_and_wait(page, "[data-testid=department-filter] button[type=submit]")
    assert page.locator("[data-testid=case-row]").count() == total
    with page.expect_download() as download:
        page.click("[data-testid=cases-export]")
    text = download.value.path().read_bytes().decode("utf-8-sig")
    rows_out = list(csv.DictReader(io.StringIO(text)))
    assert len(rows_out) == total and {r["department"] for r in rows_out} == {"خسارت"}
    assert [r["status"] for r in rows_out if r["assignee"] == "ana"] == ["resolved"]
    row = next(r for r in rows_out if r["id"] == str(worked.id))
    assert (row["customer_id"] != "") == worked.shared  # named only with the customer's consent
    shot(page, "31-cases-fa")
