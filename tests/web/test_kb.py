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
