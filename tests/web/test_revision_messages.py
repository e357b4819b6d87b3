"""Revision messages are stored as a key and values and read in the reader's language: page and API."""

from __future__ import annotations

from typing import Any


def test_the_history_reads_each_message_in_the_readers_language(site: Any) -> None:
    ana = site.client("ana")
    page = ana.get("/w/default?lang=en")
    made = ana.post(
        "/w/default/maps/new",
        data={"csrf": site.csrf(page.text), "template": "saas", "lang": "en", "title": ""},
    )
    assert made.status_code == 303, made.text
    api = "/api/v1/workspaces/default/maps/1"
    stored = ana.get(api).json()
    saved = ana.put(
        api,
        json={
            "document": stored["document"] | {"title": "SaaS 2"},
            "base_revision": 1,
            "message": "Title 2 ✓",
        },
        headers={"x-csrf-token": site.csrf(page.text)},
    )
    assert saved.status_code == 200, saved.text
    english = ana.get(f"{api}/history?lang=en").json()
    persian = ana.get(f"{api}/history?lang=fa").json()
    assert [(r["message_key"], r["message_values"]) for r in english] == [
        ("msg.from_template", {"template": "saas", "lang": "en"}),
        ("msg.text", {"text": "Title 2 ✓"}),
    ]
    assert [r["message_key"] for r in persian] == [r["message_key"] for r in english]
    assert english[0]["message"].startswith("Created from template SaaS")
    assert persian[0]["message"].startswith("ساخته شده از الگوی") and persian[0]["message"].endswith(
        "(انگلیسی)"
    )
    assert english[1]["message"] == persian[1]["message"] == "Title 2 ✓"  # typed words as written
    page = ana.get("/w/default/maps/1/history?lang=fa").text
    assert persian[0]["message"] in page
    assert '<bdi dir="auto">Title 2 ✓</bdi>' in page  # a person's words keep their own direction
