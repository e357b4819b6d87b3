"""The voice page says why each comment got its label (the words that drove it), in the reader's language,
and the comments' API twin gives the same words with their weights."""

from __future__ import annotations

import re
from typing import Any

from safar.demo import create_demo_map
from safar.voice.normalize import tokens
from safar.workspace import Workspace


def test_each_comment_says_what_drove_its_label(sqlite_site: Any) -> None:
    svc = sqlite_site.app.state.services
    map_id = create_demo_map(Workspace.attach(svc.engine, svc.settings, "default"), svc.settings, "fa")
    client = sqlite_site.client("ana")
    page = client.get(f"/w/default/maps/{map_id}/voice").text
    said = re.findall(r'data-testid="comment-drivers">([^<]+)<bdi[^>]*>«([^»]+)»', page)
    assert said and all(because.strip() == "· به سبب" for because, _ in said)
    answer = client.get(f"/api/v1/workspaces/default/maps/{map_id}/comments?limit=50").json()
    explained = [c for c in answer["comments"] if c["drivers"]]
    assert len(explained) >= len(answer["comments"]) // 2
    for comment in explained:
        words = " ".join(tokens(comment["text"])) if comment["lang"] == "fa" else comment["text"]
        for driver in comment["drivers"]:
            assert all(word in words for word in driver["phrase"].split())  # words of the comment itself
            assert (driver["weight"] > 0) == (comment["label"] == "positive") or comment["label"] == "neutral"
    first = [d["phrase"] for d in explained[0]["drivers"]]
    assert re.findall(r'data-testid="comment-drivers">[^\n]*', page)[0].count("«") == len(first)
