"""A workspace's topics through the one service, on SQLite and PostgreSQL: kept, renamed, merged and removed;
a map's comments counted per topic with what rises and what is new, on comments written so; a file's every row
assigned; a topic opening cases."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safar.context import Context
from safar.errors import ConflictError, InputError, NotFoundError
from safar.maps.templates import load_template
from safar.services import topics as service
from safar.workspace import Workspace

END = datetime(2026, 6, 30, 12, tzinfo=UTC)
SAID = {
    "delivery": ("the parcel came late", "بسته دیر رسید"),
    "cards": ("my card is blocked", "کارت بانکی من مسدود شده"),
    "passwords": ("I forgot my password", "رمز عبورم را فراموش کردم"),
}
# (topic, comments in the 90 days before the last 30, comments in the last 30)
PLAN = (("delivery", 30, 10), ("cards", 10, 20), ("passwords", 0, 10))


def _comments(tmp_path: Path) -> Path:
    path = tmp_path / "comments.csv"
    rows = []
    n = 0
    for topic, before, recent in PLAN:
        for count, start in ((before, END - timedelta(days=100)), (recent, END - timedelta(days=20))):
            for i in range(count):
                n += 1
                text = SAID[topic][i % 2]
                rows.append(
                    {"customer": f"K{n}", "time": (start + timedelta(hours=n)).isoformat(), "text": text}
                )
    rows.append({"customer": "K0", "time": END.isoformat(), "text": "the weather is nice today"})
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, ["customer", "time", "text"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def _map_with_comments(workspace: Workspace, tmp_path: Path) -> tuple[Context, int]:
    from safar.voice.feedback import ingest_feedback
    from safar.warehouse import open_warehouse

    stored = workspace.create_map(load_template("insurance", "en"))
    workspace.claim_dataset("said")
    with open_warehouse(workspace.settings) as wh:
        ingest_feedback(
            wh, _comments(tmp_path), dataset="said", map_id=stored.id, journey=stored.document, text_col="text",
            customer_col="customer", time_col="time", touchpoint="wait_for_agent",
        )  # fmt: skip
    return Context(workspace, "en"), stored.id


def _taxonomy(ctx: Context) -> None:
    for key, (en, fa) in SAID.items():
        service.add_topic(ctx, name_fa="", name_en=key.title(), phrases=[en, fa], actor="ana")


def test_a_maps_topics_say_what_rises_and_what_is_new(workspace: Workspace, tmp_path: Path) -> None:
    ctx, map_id = _map_with_comments(workspace, tmp_path)
    _taxonomy(ctx)
    found = service.map_topics(ctx, map_id)
    assert (found.comments, found.unassigned) == (81, 1)
    assert datetime.fromisoformat(found.recent_to or "") == END.replace(tzinfo=None)
    by_key = {t.key: t for t in found.topics}
    assert {k: (t.comments, t.baseline, t.recent, t.rising, t.new) for k, t in by_key.items()} == {
        "delivery": (40, 30, 10, False, False),
        "cards": (30, 10, 20, True, False),
        "passwords": (10, 0, 10, False, True),
    }
    assert by_key["cards"].p_value is not None and by_key["cards"].p_value < 0.05
    assert by_key["delivery"].touchpoints == {"wait_for_agent": 40}
    # the months of the comments in the reader's calendar (English: Gregorian), counts and negatives in each
    assert found.months == [
        "2026-01-01",
        "2026-02-01",
        "2026-03-01",
        "2026-04-01",
        "2026-05-01",
        "2026-06-01",
    ]
    assert found.month_labels[-1] == "Jun 2026"
    assert [m.comments for m in by_key["cards"].months] == [0, 0, 10, 0, 0, 20]
    assert [m.negative for m in by_key["cards"].months] == [0, 0, 10, 0, 0, 20]  # "blocked" reads negative
    assert sum(m.comments for m in by_key["delivery"].months) == 40
    persian = service.map_topics(Context(workspace, "fa"), map_id)  # Jalali months in Tehran time
    assert persian.months[-1] == "2026-06-22" and persian.month_labels[-3:] == [
        "اردیبهشت ۱۴۰۵",
        "خرداد ۱۴۰۵",
        "تیر ۱۴۰۵",
    ]
    assert sorted(by_key["cards"].quotes) == sorted(SAID["cards"])
    assert [t.key for t in found.topics] == ["delivery", "cards", "passwords"]  # the most talked about first

    discovered = service.discover_map(ctx, map_id)
    assert discovered.texts == 81 and discovered.topics
    assert discovered == service.discover_map(ctx, map_id)  # the same comments, the same topics


def test_the_taxonomy_is_kept_renamed_merged_and_removed(workspace: Workspace) -> None:
    ctx = Context(workspace, "fa")
    made = service.add_topic(
        ctx, name_fa="انتظار", name_en="Waiting on the line", phrases=["  long wait ", "long wait", ""],
        keywords=["پشت خط"], actor="ana",
    )  # fmt: skip
    assert (made.key, made.name, made.phrases, made.keywords) == (
        "waiting-on-the-line", "انتظار", ["long wait"], ["پشت خط"],
    )  # fmt: skip
    again = service.add_topic(
        ctx, name_fa="صف", name_en="Waiting on the line", phrases=["queue"], actor="ana"
    )
    persian_only = service.add_topic(ctx, name_fa="پیک", name_en="", phrases=["پیک دیر آمد"], actor="ana")
    assert (again.key, persian_only.key) == ("waiting-on-the-line-2", "topic")
    renamed = service.change_topic(ctx, again.key, name_en="Queue")
    assert (renamed.name_fa, renamed.name_en) == ("صف", "Queue")
    merged = service.merge_topics(ctx, again.key, made.key)
    assert (merged.phrases, merged.keywords) == (["long wait", "queue"], ["پشت خط"])
    assert [t.key for t in service.taxonomy(ctx)] == ["waiting-on-the-line", "topic"]
    with pytest.raises(NotFoundError) as gone:
        service.change_topic(ctx, again.key, name_fa="x")
    assert gone.value.details == {"topic": "waiting-on-the-line-2", "known": "waiting-on-the-line, topic"}
    for bad, code in (
        (lambda: service.add_topic(ctx, name_fa="", name_en="", phrases=["x"], actor="a"), "topic.no_name"),
        (
            lambda: service.add_topic(ctx, name_fa="x", name_en="", phrases=[" "], actor="a"),
            "topic.no_phrases",
        ),
        (lambda: service.merge_topics(ctx, "topic", "topic"), "topic.merge_itself"),
        (
            lambda: service.add_topic(ctx, name_fa="x", name_en="", phrases=["y" * 201], actor="a"),
            "topic.too_long",
        ),
    ):
        with pytest.raises(InputError) as caught:
            bad()
        assert caught.value.code == code
    assert service.remove_topic(ctx, "topic").name == "پیک"
    assert [t.key for t in service.taxonomy(ctx)] == ["waiting-on-the-line"]
    assert ConflictError  # a clash of keys is made impossible by numbering (the store still refuses one)


def test_a_files_every_row_gets_its_topic(tmp_path: Path) -> None:
    path = tmp_path / "questions.csv"
    texts = [*(SAID["cards"] * 3), *(SAID["delivery"] * 3), ""]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "question"])
        writer.writerows([[i, text] for i, text in enumerate(texts)])
    found = service.discover_file(path, None)
    assert found.texts == 13 and found.assignments is not None and len(found.assignments) == 13
    by_row = {a.row: a.topic for a in found.assignments}
    cards, delivery = {by_row[i] for i in range(6)}, {by_row[i] for i in range(6, 12)}
    # words, not meanings: a Persian and an English wording may be two topics, but no topic mixes two kinds
    assert cards and delivery and not cards & delivery and None not in cards | delivery
    assert by_row[12] is None
    with pytest.raises(InputError) as caught:
        service.discover_file(path, "text")
    assert caught.value.details == {"column": "text", "source": "questions.csv", "columns": "id, question"}


def test_a_topic_opens_cases_for_its_comments(workspace: Workspace, tmp_path: Path) -> None:
    from safar.services import case_sweep, cases

    ctx, map_id = _map_with_comments(workspace, tmp_path)
    _taxonomy(ctx)
    with pytest.raises(NotFoundError):
        cases.add_rule(ctx, map_id, "topic:nothing", actor="ana")
    cases.add_rule(ctx, map_id, "topic:passwords", since=END - timedelta(days=400), actor="ana")
    opened = case_sweep.sweep(ctx).opened
    assert len(opened) == 10
    case = cases.case_screen(ctx, opened[0])
    assert (case.condition, case.topic, case.source) == ("topic:passwords", "Passwords", "comment")
    assert case.comment in SAID["passwords"]
