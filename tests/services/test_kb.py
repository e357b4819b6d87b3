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
