"""The knowledge base through the one service, on SQLite and PostgreSQL: articles imported and updated by id,
bad rows said in the reader's language; a file's questions matched row by row, the unanswered grouped by the
workspace's topics, and the articles nobody needs."""

from __future__ import annotations

import csv
from pathlib import Path

from safar.context import Context
from safar.services import kb
from safar.services.topics import add_topic
from safar.workspace import Workspace

ARTICLES = """# Reset your password
tags: login
On the login page press Forgot password and follow the text message.

# Delivery times
tags: delivery, parcel
Parcels arrive within three working days; track your parcel in the app.

# Fax numbers for claims
tags: fax
Send claim documents by fax to our office.
"""
QUESTIONS = [
    "I forgot my password",
    "how do I reset my password",
    "my parcel delivery is late",
    "where is my parcel",
    "can I pay my premium in instalments",
    "can I pay the premium in instalments monthly",
    "is there a student discount",
    "",
]


def test_articles_are_imported_updated_and_questions_find_them_or_not(
    workspace: Workspace, tmp_path: Path
) -> None:
    ctx = Context(workspace, "fa")
    md = tmp_path / "kb.md"
    md.write_text(ARTICLES, encoding="utf-8")
    first = kb.import_file(ctx, md, source="kb.md", actor="ana")
    assert (first.read, first.imported, first.updated, first.rejected) == (3, 3, 0, [])
    assert (kb.import_file(ctx, md, actor="ana").imported, kb.import_file(ctx, md, actor="ana").updated) == (
        0,
        3,
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("title,body\nOnly a title,\n", encoding="utf-8")
    rejected = kb.import_file(ctx, bad, actor="ana").rejected
    assert [(r.row, r.field, r.message) for r in rejected] == [(2, "body", "ردیف ۲: متن آن خالی است.")]
    assert [a.title for a in kb.articles(ctx)] == [
        "Reset your password",
        "Delivery times",
        "Fax numbers for claims",
    ]

    add_topic(ctx, name_fa="قسط", name_en="Instalments", phrases=["pay in instalments"], actor="ana")
    questions = tmp_path / "questions.csv"
    with questions.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["question"])
        writer.writerows([[q] for q in QUESTIONS])
    gaps = kb.gaps_for_file(ctx, questions, None)
    keys = {a.title: a.key for a in kb.articles(ctx)}
    assert gaps.rows is not None
    assert [r.title for r in gaps.rows] == [
        "Reset your password", "Reset your password", "Delivery times", "Delivery times", None, None, None, None,
    ]  # fmt: skip
    assert (gaps.questions, gaps.answered, gaps.unanswered) == (7, 4, 3)
    assert [(g.name, g.topic, g.questions) for g in gaps.groups] == [
        ("قسط", "instalments", 2),
        ("پرسش‌های دیگر", None, 1),
    ]
    assert gaps.groups[0].examples == QUESTIONS[4:6]
    assert [a.key for a in gaps.unused_articles] == [keys["Fax numbers for claims"]]
    kb.remove_article(ctx, keys["Fax numbers for claims"])
    assert len(kb.articles(ctx)) == 2


def test_a_new_group_of_unanswered_questions_is_in_everyones_morning_digest(
    workspace: Workspace, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, time, timedelta

    from safar.maps.templates import load_template
    from safar.services import case_sweep
    from safar.services.notifications import add_address, digest
    from safar.voice.feedback import ingest_feedback
    from safar.warehouse import open_warehouse

    ctx = Context(workspace, "en")
    md = tmp_path / "kb.md"
    md.write_text(ARTICLES, encoding="utf-8")
    kb.import_file(ctx, md, actor="ana")
    end = datetime(2026, 6, 30, 12, tzinfo=UTC)
    rows = [("where is my parcel?", end - timedelta(days=100, hours=n)) for n in range(40)]
    rows += [("where is my parcel?", end - timedelta(days=10, hours=n)) for n in range(30)]
    rows += [("is there a student discount?", end - timedelta(days=5, hours=n)) for n in range(10)]
    comments = tmp_path / "asked.csv"
    with comments.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["customer", "time", "text"])
        writer.writerows([[f"K{n}", when.isoformat(), text] for n, (text, when) in enumerate(rows)])
    stored = workspace.create_map(load_template("insurance", "en"))
    workspace.claim_dataset("asked")
    with open_warehouse(workspace.settings) as wh:
        ingest_feedback(
            wh, comments, dataset="asked", map_id=stored.id, journey=stored.document, text_col="text",
            customer_col="customer", time_col="time", touchpoint="call_contact_centre",
        )  # fmt: skip
    gaps = kb.gaps_for_map(ctx, stored.id)
    new = [g for g in gaps.groups if g.new]
    assert [(g.questions, g.recent, g.baseline) for g in new] == [(10, 10, 0)]
    add_address(ctx, "*", "cx@example.com", "en")
    add_address(ctx, "Claims", "claims@example.com", "en")
    morning = datetime.combine(datetime.now(UTC).date() + timedelta(days=1), time(9), tzinfo=UTC)
    assert case_sweep.sweep(ctx, now=morning).mails == 1  # only everyone's address has something to read
    told = digest(ctx, "cx@example.com", now=morning)
    assert told.questions == [f"{stored.document.title}: {new[0].name} (10)"]
    assert digest(ctx, "claims@example.com", now=morning).questions == []
    assert case_sweep.sweep(ctx, now=morning + timedelta(minutes=1)).mails == 0  # once a day
