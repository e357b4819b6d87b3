"""The knowledge base's surging questions become an alert (safar.services.kb_surges), on SQLite and PostgreSQL:
a new group of unanswered questions fires once, in the feed with its message in both languages, to the
department ``*``'s webhook and by e-mail to ``*``'s address with the questions as customers asked them; the
same data does not fire again, and a map without articles never fires."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from safar.context import Context
from safar.services import kb
from safar.services.kb_surges import check_surges
from safar.workspace import Workspace

ARTICLES = """# Delivery times
tags: delivery, parcel
Parcels arrive within three working days; track your parcel in the app.
"""
END = datetime(2026, 6, 30, 12, tzinfo=UTC)


@pytest.fixture
def received(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A webhook receiver on 127.0.0.1 (allowed for the test) and what it was sent."""
    monkeypatch.setenv("SAFAR_WEBHOOK_ALLOW", "127.0.0.1")
    got: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/cx", got
    server.shutdown()
    server.server_close()
    thread.join()


ASKED = {
    "en": ("where is my parcel?", "is there a student discount?"),
    "fa": ("بسته من کجاست؟", "آیا برای دانشجوها تخفیف دارید؟"),
}


def asking_map(workspace: Workspace, tmp_path: Path, lang: str = "en") -> int:
    """A map (in ``lang``) whose customers asked about parcels for months and, in the last ten days, about a
    student discount no article answers."""
    from safar.maps.templates import load_template
    from safar.voice.feedback import ingest_feedback
    from safar.warehouse import open_warehouse

    parcel, discount = ASKED[lang]
    rows = [(parcel, END - timedelta(days=100, hours=n)) for n in range(40)]
    rows += [(parcel, END - timedelta(days=10, hours=n)) for n in range(30)]
    rows += [(discount, END - timedelta(days=5, hours=n)) for n in range(10)]
    comments = tmp_path / "asked.csv"
    with comments.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["customer", "time", "text"])
        writer.writerows([[f"K{n}", when.isoformat(), text] for n, (text, when) in enumerate(rows)])
    stored = workspace.create_map(load_template("insurance", lang))
    workspace.claim_dataset("asked")
    with open_warehouse(workspace.settings) as wh:
        ingest_feedback(
            wh, comments, dataset="asked", map_id=stored.id, journey=stored.document, text_col="text",
            customer_col="customer", time_col="time", touchpoint="call_contact_centre",
        )  # fmt: skip
    return stored.id


def test_a_new_group_of_unanswered_questions_alerts_once_in_the_feed_webhook_and_mail(
    workspace: Workspace, tmp_path: Path, received: tuple[str, list[dict[str, Any]]]
) -> None:
    from safar.alerts import Alerts
    from safar.mail import compose
    from safar.services.alerts import alert_feed
    from safar.services.case_sweep import sweep
    from safar.services.notifications import add_address
    from safar.store import cases as mail_store

    ctx = Context(workspace, "fa")
    map_id = asking_map(workspace, tmp_path)
    assert check_surges(ctx) == []  # no articles: nothing is "unanswered" yet
    md = tmp_path / "kb.md"
    md.write_text(ARTICLES, encoding="utf-8")
    kb.import_file(ctx, md, actor="ana")
    url, got = received
    Alerts(workspace).set_destination("*", url)
    add_address(ctx, "*", "cx@example.com", "fa")

    fired = check_surges(ctx)
    assert [(s.map_id, s.new, s.questions, s.status) for s in fired] == [(map_id, True, 10, "fired")]
    assert check_surges(ctx)[0].status == "duplicate"  # the same data fires once

    [alert] = alert_feed(ctx)
    assert (alert.kind, alert.metric, alert.target.kind, alert.rule_id) == (
        "questions_surge", "unanswered_questions", "questions", None,
    )  # fmt: skip
    assert (alert.recent.n, alert.recent.hits, alert.baseline.n, alert.baseline.hits) == (40, 10, 40, 0)
    assert alert.examples == ["is there a student discount?"]
    title = "Buying car insurance — current-state journey"
    group = "student · student discount · discount"  # discovered among the unanswered: no topic holds it
    assert alert.text == (
        f"مشتریان در «{title}» بیشتر درباره «{group}» می‌پرسند و هیچ مقاله‌ای به آن پاسخ نمی‌دهد: ۲۵٫۰٪ پرسش‌های "
        "۳۰ روز اخیر، در برابر ۰٫۰٪ در ۹۰ روز پیش از آن (۱۰ پرسش؛ n ۴۰ ← ۴۰، p = ۰٫۰۰۰۴). مقاله‌ای به پایگاه "
        "دانش بیفزایید."
    )
    assert alert_feed(Context(workspace, "en"))[0].text == (
        f"Customers ask more about “{group}” on {title} and no article answers it: 25.0% of their questions in "
        "the last 30 days, 0.0% in the 90 before (10 questions; n 40 → 40, p = 0.0004). Add an article to the "
        "knowledge base."
    )
    assert [(b["kind"], b["examples"], b["link"]) for b in got] == [
        (
            "questions_surge",
            ["is there a student discount?"],
            f"/w/{workspace.slug}/knowledge-base?map={map_id}",
        )
    ]

    queued = sweep(ctx, now=datetime.now(UTC), via="cli")
    assert queued.mails >= 1
    from sqlalchemy.orm import Session

    with Session(workspace.engine) as s:
        [mail] = [m for m in mail_store.unsent(s, most_attempts=5) if m.kind == "alert"]
    message = compose(workspace.engine, workspace.settings, mail)
    body = message.get_content()
    assert mail.address == "cx@example.com"
    assert "· is there a student discount?" in body
    assert f"/w/{workspace.slug}/knowledge-base?map={map_id}" in body
