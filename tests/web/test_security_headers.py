"""Every answer carries the security headers: a strict script policy, no framing, no sniffing, no referrer
leak (issue 22); and the pages still work under them in a real browser (tests/web/test_browser.py)."""

from __future__ import annotations

import pytest
from tests.web.conftest import Site

from safar.web.security import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        (None, "/login", 200),
        ("ana", "/w/default", 200),
        ("ana", "/api/v1/workspaces/default/maps", 200),
        (None, "/api/v1/workspaces/default/maps", 401),
        ("ana", "/w/default/maps/999", 404),
        (None, "/static/app.js", 200),
    ],
)
def test_every_answer_says_how_it_may_be_used(
    sqlite_site: Site, who: str | None, path: str, status: int
) -> None:
    response = sqlite_site.client(who).get(path)
    assert response.status_code == status
    assert {
        k: response.headers.get(k) for k in ("x-content-type-options", "x-frame-options", "referrer-policy")
    } == {
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
    }
    policy = dict(part.split(" ", 1) for part in response.headers["content-security-policy"].split("; "))
    assert (policy["script-src"], policy["frame-ancestors"], policy["object-src"]) == (
        "'self'",
        "'none'",
        "'none'",
    )
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_no_page_needs_an_inline_script() -> None:
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "src" / "safar" / "web" / "templates"
    inline = []
    for page in templates.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<script>" in text or (
            " on" in text and any(f' on{e}="' in text for e in ("click", "change", "submit", "load", "input"))
        ):
            inline.append(page.name)
    assert inline == []


def test_the_api_documentation_page_has_no_cdn_and_no_inline_script(sqlite_site: Site) -> None:
    import re

    client = sqlite_site.client()
    page = client.get("/api/docs")
    assert page.status_code == 200 and "cdn" not in page.text.lower()
    assert all(re.search(r"src=\"/", tag) for tag in re.findall(r"<script[^>]*>", page.text))
    assert client.get("/api/docs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/docs/swagger-ui.css").headers["content-type"].startswith("text/css")
    assert client.get("/api/docs/package.json").status_code == 404  # nothing else of node_modules
