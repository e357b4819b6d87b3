"""The knowledge-base page: an editor imports a Markdown file from the browser's form and reads what was
imported and rejected; the page lists the articles and the map's questions no article answers; viewers read it
and cannot import; the API gives the same gaps."""

from __future__ import annotations

from typing import Any

from tests.services.test_kb import ARTICLES


def test_an_editor_imports_articles_and_reads_the_gaps(site: Any) -> None:
    ana = site.client("ana")
    page = ana.get("/w/default")
    ana.post(
        "/w/default/maps/new", data={"csrf": site.csrf(page.text), "template": "insurance", "lang": "fa"}
    )
    kb_page = ana.get("/w/default/knowledge-base?lang=fa")
    assert kb_page.status_code == 200 and "هنوز مقاله‌ای نیست" in kb_page.text
    sent = ana.post(
        "/w/default/knowledge-base/import",
        data={"csrf": site.csrf(kb_page.text)},
        files={"file": ("راهنما.md", ARTICLES.encode(), "text/markdown")},
    )
    assert sent.status_code == 200, sent.text[:300]
    assert "راهنما.md: ۳ خوانده شد، ۳ تازه، ۰ به‌روز، ۰ پذیرفته نشد." in sent.text
    listed = ana.get("/w/default/knowledge-base?map=1&lang=fa").text
    assert listed.count('data-testid="kb-article"') == 3 and 'data-testid="kb-gaps"' in listed
    api = ana.get("/api/v1/workspaces/default/maps/1/kb-gaps").json()
    assert (
        api["articles"] == 3
        and api["questions"] > 0
        and api["unanswered"] == sum(g["questions"] for g in api["groups"])
    )
    assert "پرسش مشتری در این نقشه" in listed and listed.count('data-testid="kb-gap"') == len(api["groups"])
    wrong = ana.post(
        "/w/default/knowledge-base/import",
        data={"csrf": site.csrf(kb_page.text)},
        files={"file": ("kb.pdf", b"%PDF", "application/pdf")},
    )
    assert wrong.status_code == 400 and "kb.pdf" in wrong.text

    vic = site.client("vic")
    seen = vic.get("/w/default/knowledge-base?lang=en")
    assert seen.status_code == 200 and 'data-testid="kb-import"' not in seen.text
    refused = vic.post(
        "/w/default/knowledge-base/import",
        data={"csrf": site.csrf(seen.text)},
        files={"file": ("kb.md", ARTICLES.encode(), "text/markdown")},
    )
    assert refused.status_code == 403
    assert site.client("otto").get("/w/default/knowledge-base").status_code == 404


def test_a_datasets_customer_messages_are_read_as_questions_on_the_page(site: Any) -> None:
    """The Twitter sample as an event log: the page's "questions of a dataset" form reads its customers'
    tweets as questions, in Persian with Persian digits; the API twin gives the same gaps; a wrong activity
    is a clear 400 naming the activities there are."""
    from tests.services.test_contact_twitter import INGEST
    from typer.testing import CliRunner

    from safar.cli import app

    assert CliRunner().invoke(app, INGEST).exit_code == 0
    ana = site.client("ana")
    page = ana.get("/w/default/knowledge-base?lang=fa")
    ana.post(
        "/w/default/knowledge-base/import",
        data={"csrf": site.csrf(page.text)},
        files={"file": ("kb.md", ARTICLES.encode(), "text/markdown")},
    )
    shown = ana.get("/w/default/knowledge-base?dataset=twitter&text_col=text&activity=request&lang=fa")
    assert shown.status_code == 200 and 'data-testid="kb-dataset"' in shown.text
    api = ana.get("/api/v1/workspaces/default/datasets/twitter/kb-gaps?text_col=text&activity=request").json()
    assert (api["source"], api["questions"], api["articles"]) == ("dataset:twitter", 11, 3)
    assert shown.text.count('data-testid="kb-gap"') == len(api["groups"])
    assert "۱۱ پرسش" in shown.text
    wrong = ana.get("/api/v1/workspaces/default/datasets/twitter/kb-gaps?activity=requests")
    error = wrong.json()["error"]
    assert (wrong.status_code, error["code"]) == (400, "topic.no_activity") and "request, response" in error[
        "message"
    ]


def test_a_surging_question_group_reads_cleanly_on_the_alerts_page(site: Any, tmp_path: Any) -> None:
    """A new group of Persian questions no article answers fires on «check now» and the alerts page says it in
    each language as a person reads it (no raw ids, Latin digits or English in Persian); its n opens the
    knowledge-base page, and its rows are said to be there."""
    from tests.services.test_kb_surges import asking_map
    from tests.web.test_reading import problems

    from safar.config import Settings
    from safar.workspace import Workspace

    ws = Workspace.open(Settings.from_env())
    map_id = asking_map(ws, tmp_path, "fa")
    title = ws.get_map(map_id).document.title
    ana = site.client("ana")
    page = ana.get("/w/default/knowledge-base?lang=fa")
    ana.post(
        "/w/default/knowledge-base/import",
        data={"csrf": site.csrf(page.text)},
        files={"file": ("kb.md", ARTICLES.encode(), "text/markdown")},
    )
    alerts = ana.get("/w/default/alerts?lang=fa")
    assert ana.post("/w/default/alerts/check", data={"csrf": site.csrf(alerts.text)}).status_code == 303
    for lang in ("fa", "en"):
        html = ana.get(f"/w/default/alerts?lang={lang}").text
        assert html.count('data-testid="alert-row"') == 1
        assert f'href="/w/default/knowledge-base?map={map_id}" data-testid="alert-questions"' in html
        assert (
            problems("/w/default/alerts", lang, html, None, set(), frozenset({title, "default", "Ana"})) == []
        )
    rows = ana.get("/api/v1/workspaces/default/alerts/1/rows")
    assert (rows.status_code, rows.json()["error"]["code"]) == (400, "alerts.questions_rows")
    ws.close()
