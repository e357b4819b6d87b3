"""The cases pages and their API twins: a detractor's answer through the public survey page (with its consent
box) becomes a case for the claims department, worked in the browser's forms — status, assignee, note, follow-up —
read by viewers, refused to them and to outsiders, the same on the API; the export names only who agreed."""

from __future__ import annotations

import re
from typing import Any


def _detractors(site: Any) -> tuple[Any, int]:
    """A map and a survey asking consent; C1 (agrees) and C3 (does not) answer as detractors on the public page."""
    from safar.surveys import Surveys, quick_survey
    from safar.workspace import Workspace

    ana = site.client("ana")
    page = ana.get("/w/default")
    created = ana.post(
        "/w/default/maps/new", data={"csrf": site.csrf(page.text), "template": "insurance", "lang": "en"}
    )
    assert created.status_code == 303
    services = site.app.state.services
    ws = Workspace(services.engine, 1, "default", services.settings)
    surveys = Surveys(ws)
    journey = ws.get_map(1).document
    info = surveys.create(
        1, quick_survey(journey, ["nps:report_claim", "text:report_claim"], ask_consent=True)
    )
    links = {m.customer_id: m.token for m in surveys.invite(info.id, ["C1", "C3"])}
    stranger = site.client()
    for customer, consent in (("C1", True), ("C3", False)):
        form = stranger.get(f"/s/{info.public_token}?t={links[customer]}&lang=fa")
        assert 'data-testid="survey-consent"' in form.text and "می‌توانید درباره پاسخ‌هایم" in form.text
        token = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert token
        fields = {"csrf": token.group(1), "t": links[customer], "nps_report_claim": "4",
                  "text_report_claim": "هیچ‌کس پیگیری نکرد"}  # fmt: skip
        if consent:
            fields["_consent"] = "yes"
        sent = stranger.post(f"/s/{info.public_token}", data=fields)
        assert sent.status_code == 200, sent.text[:300]
    return ana, info.id


def test_a_detractor_becomes_a_case_worked_in_the_browser(site: Any) -> None:
    ana, survey_id = _detractors(site)
    page = ana.get("/w/default/cases?lang=fa")
    assert page.status_code == 200 and "هنوز قاعده‌ای نیست." in page.text
    csrf = site.csrf(page.text)
    added = ana.post(
        "/w/default/cases/rules",
        data={"csrf": csrf, "map": "1", "condition": "nps<=۶", "touchpoint": "report_claim",
              "department": "", "priority": "high", "sla": "۴۸h", "since": "۱۴۰۵/۰۱/۰۱"},
    )  # fmt: skip
    assert added.status_code == 303 and added.headers["location"] == "/w/default/cases#rules"
    queue = ana.get("/w/default/cases?lang=fa").text
    assert queue.count('data-testid="case-row"') == 2 and queue.count('data-testid="case-rule"') == 1
    assert "Claims" in queue and "زیاد" in queue and "تازه <bdi>۲</bdi>" in queue
    assert "۴۸ ساعت" in queue and "۱۴۰۵/۰۱/۰۱" in queue  # the SLA and the rule's first day, Jalali

    api = ana.get("/api/v1/workspaces/default/cases").json()
    assert api["total"] == 2 and api["counts"]["new"] == 2 and api["departments"] == ["Claims"]
    shared = next(c for c in api["cases"] if c["shared"])
    hidden = next(c for c in api["cases"] if not c["shared"])
    assert (shared["customer_id"], hidden["customer_id"], hidden["customer_link"]) == ("C1", None, None)

    case_url = f"/w/default/cases/{shared['id']}"
    case_page = ana.get(f"{case_url}?lang=fa").text
    assert 'href="/w/default/customers/C1"' in case_page and ">هیچ‌کس پیگیری نکرد</q>" in case_page
    hidden_page = ana.get(f"/w/default/cases/{hidden['id']}?lang=fa").text
    assert "مشتری با تماس موافقت نکرده است" in hidden_page and "C3" not in hidden_page
    csrf = site.csrf(case_page)
    for path, data in (
        ("status", {"status": "in_progress"}),
        ("assign", {"assignee": "ana"}),
        ("note", {"text": "با مشتری تماس گرفتم"}),
        ("status", {"status": "resolved", "note": "پرداخت شد"}),
        ("follow-up", {"survey": str(survey_id)}),
    ):
        done = ana.post(f"{case_url}/{path}", data={"csrf": csrf, **data})
        assert done.status_code == 303 and done.headers["location"] == case_url, (path, done.text[:300])
    worked = ana.get(f"{case_url}?lang=fa").text
    assert re.search(r'data-testid="case-status">حل شده', worked)
    assert 'data-testid="case-assignee">ana<' in worked
    history = worked[worked.index('data-testid="case-history"') :]
    for said in ("پرونده را باز کرد", "وضعیت تازه ← در حال رسیدگی", "مسئول — ← ana", ">با مشتری تماس گرفتم</q>",
                 "وضعیت در حال رسیدگی ← حل شده", ">پرداخت شد</q>", "پیوند نظرسنجی پیگیری ساخت"):  # fmt: skip
        assert said in history, said
    link = re.search(r'data-testid="follow-up-link">([^<]+)<', worked)
    assert link and link.group(1).startswith("/s/") and "?t=" in link.group(1)

    bad = ana.post(f"{case_url}/status", data={"csrf": csrf, "status": "in_progress"})
    assert bad.status_code == 400 and (
        "نمی‌تواند «in_progress» شود" in bad.text or "cannot become" in bad.text
    )

    exported = ana.get("/w/default/cases/export.csv").content.decode("utf-8-sig")
    assert exported.count("\n") == 3 and ",C1," in exported and "C3" not in exported
    assert ana.get(f"/api/v1/workspaces/default/cases/{shared['id']}").json()["status"] == "resolved"


def test_viewers_read_and_outsiders_see_nothing(site: Any) -> None:
    ana, _ = _detractors(site)
    page = ana.get("/w/default/cases?lang=en")
    ana.post(
        "/w/default/cases/rules",
        data={"csrf": site.csrf(page.text), "map": "1", "condition": "nps<=6", "since": "2026-01-01"},
    )
    vic, otto = site.client("vic"), site.client("otto")
    seen = vic.get("/w/default/cases?lang=en")
    assert seen.status_code == 200 and seen.text.count('data-testid="case-row"') == 2
    assert 'data-testid="add-case-rule"' not in seen.text and 'data-testid="mail-addresses"' not in seen.text
    case = vic.get("/w/default/cases/1?lang=en")
    assert case.status_code == 200 and 'data-testid="case-work"' not in case.text
    refused = vic.post("/w/default/cases/1/status", data={"csrf": site.csrf(case.text), "status": "closed"})
    assert refused.status_code == 403
    api = vic.post(
        "/api/v1/workspaces/default/cases/1/status", json={"status": "closed"},
        headers={"x-csrf-token": site.csrf(case.text)},
    )  # fmt: skip
    assert api.status_code == 403
    assert otto.get("/w/default/cases").status_code == 404
    assert otto.get("/api/v1/workspaces/default/cases/1").status_code == 404

    editor = ana.post(
        "/api/v1/workspaces/default/cases/1/status", json={"status": "closed", "note": "done"},
        headers={"x-csrf-token": site.csrf(page.text)},
    )  # fmt: skip
    assert editor.status_code == 200 and editor.json()["status"] == "closed"
    assert editor.json()["history"][-1]["via"] == "api"
    wrong = ana.post(
        "/api/v1/workspaces/default/cases/1/status", json={"status": "in_progress"},
        headers={"x-csrf-token": site.csrf(page.text)},
    )  # fmt: skip
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "case.bad_move"
    rules = ana.get("/api/v1/workspaces/default/case-rules").json()
    assert [(r["condition"], r["touchpoint"], r["sla_hours"]) for r in rules] == [("nps<=6", None, 48.0)]


def test_mail_addresses_are_kept_per_department(site: Any) -> None:
    ana = site.client("ana")
    page = ana.get("/w/default/cases?lang=en")
    csrf = site.csrf(page.text)
    made = ana.post(
        "/w/default/cases/mail",
        data={"csrf": csrf, "department": "Claims", "address": "c@example.com", "lang": "fa"},
    )
    assert made.status_code == 303
    bad = ana.post(
        "/w/default/cases/mail",
        data={"csrf": csrf, "department": "Claims", "address": "not mail", "lang": "fa"},
    )
    assert bad.status_code == 400 and "«not mail» نشانی رایانامه نیست" in bad.text
    listed = ana.get("/w/default/cases?lang=fa").text
    assert "c@example.com" in listed and "فارسی" in listed
    address_id = re.search(r"/w/default/cases/mail/(\d+)/remove", listed)
    assert address_id
    ana.post(f"/w/default/cases/mail/{address_id.group(1)}/remove", data={"csrf": csrf})
    assert "c@example.com" not in ana.get("/w/default/cases?lang=en").text
