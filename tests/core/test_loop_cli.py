"""`safar case …` and `safar topics …` as an analyst types them: a rule turns a detractor into a case, the case
is worked to resolved and exported; topics are found in a file (every row's topic), in a map's comments, kept and
read on the map — the same results as the pages' service."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from tests.services.test_topics import SAID, _map_with_comments
from typer.testing import CliRunner

from safar.cli import app

runner = CliRunner()


def safar(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return json.loads(result.stdout) if "--json" in args else result.stdout


def test_a_detractor_becomes_a_case_worked_from_the_terminal(database: str, tmp_path: Path) -> None:
    from safar.accounts import Accounts, Role
    from safar.surveys import Surveys, answer, open_link, quick_survey
    from safar.workspace import Workspace

    safar("map", "new", "--template", "insurance", "--lang", "en")
    with Workspace.open() as ws:
        info = Surveys(ws).create(
            1, quick_survey(ws.get_map(1).document, ["nps:report_claim"], ask_consent=True)
        )
        link = Surveys(ws).invite(info.id, ["C1"])[0]
        fields = {"nps_report_claim": "2", "_consent": "yes"}
        assert answer(ws, open_link(ws.engine, info.public_token, link.token), fields, lang="en") == []
        Accounts(ws.engine).create_user("mo", "correct horse battery", role=Role.EDITOR)
    added = safar("case", "rule", "add", "1", "--when", "nps<=6", "--touchpoint", "report_claim", "--sla", "2d",
                  "--since", "2020-01-01", "--json")  # fmt: skip
    assert (added["rule"]["condition"], added["rule"]["sla_hours"], added["opened"]) == ("nps<=6", 48.0, [1])
    listed = safar("case", "list", "--dept", "Claims", "--json")
    assert [(c["id"], c["status"], c["customer_id"]) for c in listed["cases"]] == [(1, "new", "C1")]
    safar("case", "assign", "1", "mo", "--json")
    safar("case", "note", "1", "Called back", "--json")
    done = safar("case", "status", "1", "resolved", "--note", "Paid", "--json")
    assert [(e["action"], e["after"]) for e in done["history"]] == [
        ("opened", "new"), ("assigned", "mo"), ("note", None), ("status", "resolved"),
    ]  # fmt: skip
    follow = safar("case", "follow-up", "1", "--survey", str(info.id), "--json")
    assert follow["follow_up"]["link"].startswith(f"/s/{info.public_token}?t=")
    out = tmp_path / "cases.csv"
    safar("case", "export", str(out))
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["id"], r["status"], r["assignee"], r["customer_id"]) for r in rows] == [
        ("1", "resolved", "mo", "C1")
    ]
    swept = safar("case", "sweep", "--no-send", "--json")
    assert (swept["opened"], swept["sent"]) == ([], None)
    safar("case", "mail", "add", "Claims", "claims@example.com", "--lang", "fa", "--json")
    assert safar("case", "mail", "list", "--json")["addresses"][0]["address"] == "claims@example.com"


def test_topics_from_a_file_and_a_maps_comments(workspace: Any, tmp_path: Path) -> None:
    path = tmp_path / "questions.csv"
    texts = [*(SAID["cards"] * 3), *(SAID["delivery"] * 3)]
    path.write_text("question\n" + "\n".join(texts) + "\n", encoding="utf-8")
    found = safar("topics", "discover", "--file", str(path), "--json")
    assert found["texts"] == 12 and len(found["assignments"]) == 12
    assert {"row", "topic", "confidence"} == set(found["assignments"][0])
    _map_with_comments(workspace, tmp_path)
    discovered = safar("topics", "discover", "--map", "1", "--json")
    first = discovered["topics"][0]
    accepted = safar("topics", "accept", first["key"], "--map", "1", "--name-en", "Late parcels", "--json")
    assert (accepted["key"], accepted["phrases"]) == ("late-parcels", first["quotes"])
    safar("topics", "rename", "late-parcels", "--name-fa", "بسته دیر", "--json")
    assert [(t["key"], t["name_fa"]) for t in safar("topics", "list", "--json")] == [
        ("late-parcels", "بسته دیر")
    ]
    shown = safar("topics", "show", "--map", "1", "--json")
    assert shown["comments"] == 81 and shown["topics"][0]["key"] == "late-parcels"


def test_a_knowledge_base_is_imported_and_its_gaps_read_from_a_file(workspace: Any, tmp_path: Path) -> None:
    from tests.services.test_kb import ARTICLES, QUESTIONS

    md = tmp_path / "kb.md"
    md.write_text(ARTICLES, encoding="utf-8")
    done = safar("kb", "import", str(md), "--json")
    assert (done["imported"], done["rejected"]) == (3, [])
    assert next(a["title"] for a in safar("kb", "list", "--json")) == "Reset your password"
    questions = tmp_path / "questions.csv"
    questions.write_text("question\n" + "\n".join(q for q in QUESTIONS if q) + "\n", encoding="utf-8")
    gaps = safar("kb", "gaps", "--file", str(questions), "--json")
    assert [r["title"] for r in gaps["rows"]][:4] == [
        "Reset your password",
        "Reset your password",
        "Delivery times",
        "Delivery times",
    ]
    assert gaps["unanswered"] == 3 and [a["title"] for a in gaps["unused_articles"]] == [
        "Fax numbers for claims"
    ]


def test_an_event_logs_customer_messages_are_topic_texts_and_questions(workspace: Any) -> None:
    """The Twitter support sample loaded as an event log: its customers' tweets (activity ``request``, the
    ``text`` attribute) are the texts topics are found in and the questions the knowledge base is checked
    against — as many as a plain reading of the raw file keeps (inbound tweets not rejected at loading; the
    questions those with a question mark, which here are all that ask)."""
    import pandas as pd
    from tests.services.test_contact_twitter import INGEST, SAMPLE

    safar(*INGEST)
    raw = pd.read_csv(SAMPLE, dtype=str)
    rejected = {
        json.loads(r["raw"])["tweet_id"]
        for r in safar("events", "rejected", "--dataset", "twitter", "--json")
    }
    asked = raw[(raw.inbound == "True") & ~raw.tweet_id.isin(rejected)]
    found = safar("topics", "discover", "--dataset", "twitter", "--activity", "request", "--json")
    assert (found["source"], found["texts"]) == ("dataset:twitter", len(asked)) == ("dataset:twitter", 45)
    named = safar(
        "topics", "discover", "--dataset", "twitter", "--text-col", "text", "--activity", "request", "--json"
    )
    assert named == found  # the attribute named "text" is the one read without --text-col
    gaps = safar("kb", "gaps", "--dataset", "twitter", "--activity", "request", "--json")
    assert (gaps["source"], gaps["questions"]) == (
        "dataset:twitter",
        int(asked.text.str.contains("?", regex=False).sum()),
    )
    assert gaps["questions"] == 11 and gaps["unanswered"] == 11  # no articles yet
    every = safar("topics", "discover", "--dataset", "twitter", "--json")  # the brands' replies too
    assert every["texts"] == 83

    wrong = runner.invoke(app, ["kb", "gaps", "--dataset", "twitter", "--activity", "requests"])
    assert wrong.exit_code != 0 and "request, response" in wrong.stderr
    missing = runner.invoke(app, ["topics", "discover", "--dataset", "twitter", "--text-col", "body"])
    assert missing.exit_code != 0 and "body" in missing.stderr
