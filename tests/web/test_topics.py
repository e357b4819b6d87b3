"""The topics page and its API twins: topics found in a map's comments accepted into the taxonomy from the page,
renamed, merged and removed there; the map's topics counted; the Voice page naming them; viewers read and
cannot change; outsiders see nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.services.test_topics import SAID, _comments


def _map_with_comments(site: Any, tmp_path: Path) -> Any:
    from safar.voice.feedback import ingest_feedback
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    ana = site.client("ana")
    page = ana.get("/w/default")
    ana.post(
        "/w/default/maps/new", data={"csrf": site.csrf(page.text), "template": "insurance", "lang": "en"}
    )
    services = site.app.state.services
    ws = Workspace(services.engine, 1, "default", services.settings)
    ws.claim_dataset("said")
    stored = ws.get_map(1)
    with open_warehouse(services.settings) as wh:
        ingest_feedback(
            wh, _comments(tmp_path), dataset="said", map_id=1, journey=stored.document, text_col="text",
            customer_col="customer", time_col="time", touchpoint="wait_for_agent",
        )  # fmt: skip
    return ana


def test_topics_found_on_the_page_are_accepted_changed_and_counted(site: Any, tmp_path: Path) -> None:
    ana = _map_with_comments(site, tmp_path)
    page = ana.get("/w/default/topics?map=1&lang=fa")
    assert page.status_code == 200 and "این فضای کاری هنوز موضوعی ندارد" in page.text
    found = ana.get("/w/default/topics?map=1&discover=true&lang=fa").text
    assert found.count('data-testid="found-topic"') >= 3 and found.count('data-testid="accept-topic"') >= 3
    csrf = site.csrf(found)
    for key, (en, fa) in SAID.items():
        made = ana.post(
            "/w/default/topics",
            data={"csrf": csrf, "map": "1", "name_fa": "", "name_en": key.title(), "phrases": f"{en}\n{fa}",
                  "keywords": ""},
        )  # fmt: skip
        assert made.status_code == 303 and made.headers["location"] == "/w/default/topics?map=1#taxonomy"
    counted = ana.get("/w/default/topics?map=1&lang=fa").text
    assert counted.count('data-testid="topic-figures"') == 3
    assert 'data-testid="topic-new"' in counted and 'data-testid="topic-rising"' in counted
    assert "۱ نظر از ۸۱ نظر در هیچ موضوعی نیست." in counted
    api = ana.get("/api/v1/workspaces/default/maps/1/topics").json()
    assert [(t["key"], t["comments"], t["rising"], t["new"]) for t in api["topics"]] == [
        ("delivery", 40, False, False), ("cards", 30, True, False), ("passwords", 10, False, True),
    ]  # fmt: skip
    voice = ana.get("/w/default/maps/1/voice?lang=fa").text
    assert 'data-testid="voice-topic-new"' in voice and "Passwords" in voice

    renamed = ana.post(
        "/w/default/topics/cards/edit",
        data={"csrf": csrf, "name_fa": "کارت مسدود", "name_en": "Blocked cards", "phrases": SAID["cards"][0],
              "keywords": "مسدود"},
    )  # fmt: skip
    assert renamed.status_code == 303
    merged = ana.post("/w/default/topics/passwords/merge", data={"csrf": csrf, "into": "cards"})
    assert merged.status_code == 303
    listed = ana.get("/api/v1/workspaces/default/topics").json()
    assert [(t["key"], t["name_fa"], t["keywords"]) for t in listed] == [
        ("delivery", "", []), ("cards", "کارت مسدود", ["مسدود"]),
    ]  # fmt: skip
    assert listed[1]["phrases"] == [SAID["cards"][0], *SAID["passwords"]]
    # the map's kept topics follow the taxonomy: the merged topic counts both
    merged_counts = ana.get("/api/v1/workspaces/default/maps/1/topics").json()
    assert {t["key"]: t["comments"] for t in merged_counts["topics"]} == {"delivery": 40, "cards": 40}
    ana.post("/w/default/topics/delivery/remove", data={"csrf": csrf})
    assert [t["key"] for t in ana.get("/api/v1/workspaces/default/topics").json()] == ["cards"]
    bad = ana.post("/w/default/topics", data={"csrf": csrf, "name_fa": "", "name_en": "", "phrases": "x"})
    assert bad.status_code == 400 and "موضوع نام می‌خواهد" in bad.text


def test_viewers_read_topics_and_cannot_change_them(site: Any, tmp_path: Path) -> None:
    ana = _map_with_comments(site, tmp_path)
    csrf = site.csrf(ana.get("/w/default/topics").text)
    ana.post("/w/default/topics", data={"csrf": csrf, "name_en": "Cards", "phrases": SAID["cards"][0]})
    vic, otto = site.client("vic"), site.client("otto")
    seen = vic.get("/w/default/topics?map=1&discover=true&lang=en")
    assert seen.status_code == 200 and 'data-testid="taxonomy-topic"' in seen.text
    assert not re.search(r'data-testid="(accept|edit|merge|remove)-topic"', seen.text)
    refused = vic.post("/w/default/topics/cards/remove", data={"csrf": site.csrf(seen.text)})
    assert refused.status_code == 403
    api = vic.delete(
        "/api/v1/workspaces/default/topics/cards", headers={"x-csrf-token": site.csrf(seen.text)}
    )
    assert api.status_code == 403
    assert otto.get("/w/default/topics").status_code == 404
    assert otto.get("/api/v1/workspaces/default/topics").status_code == 404
    discovered = vic.get("/api/v1/workspaces/default/maps/1/topics/discover").json()
    assert discovered["texts"] == 81 and discovered["topics"]


def test_topics_are_found_in_an_event_logs_customer_messages(site: Any) -> None:
    """The Twitter sample as an event log: the page's "in a dataset" discovery reads its customers' tweets
    (the ``text`` attribute of the ``request`` events) — the same topics as the CLI's."""
    from tests.services.test_contact_twitter import INGEST
    from typer.testing import CliRunner

    from safar.cli import app

    runner = CliRunner()
    assert runner.invoke(app, INGEST).exit_code == 0
    ana = site.client("ana")
    page = ana.get("/w/default/topics?lang=fa")
    assert 'data-testid="discover-dataset"' in page.text
    shown = ana.get("/w/default/topics?discover=true&dataset=twitter&activity=request&lang=en").text
    import json

    cli = json.loads(
        runner.invoke(
            app, ["topics", "discover", "--dataset", "twitter", "--activity", "request", "--json"]
        ).stdout
    )
    assert cli["texts"] == 45 and shown.count('data-testid="found-topic"') == len(cli["topics"])
    assert f"{cli['k']} topics in 45" in shown and 'data-testid="discovered-in"' in shown
