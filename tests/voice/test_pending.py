"""Survey answers taken while another program holds the warehouse wait in the app database, whole, and are
written once it is free: never lost, never twice, never waiting for the warehouse (safar.voice.pending)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from safar.maps.templates import load_template
from safar.store import pending_answers as store
from safar.surveys import Surveys, quick_survey
from safar.voice.answers import read_answers
from safar.voice.comments import map_comments
from safar.voice.pending import Flushed, take_response, waiting_counts, write_waiting
from safar.voice.responses import response_counts, responses_frame
from safar.warehouse import open_warehouse
from safar.workspace import Workspace

WHEN = datetime(2026, 11, 2, 8, 15, tzinfo=UTC)


def _survey(workspace: Workspace) -> tuple[Any, Any]:
    stored = workspace.create_map(load_template("insurance", "fa"))
    spec = ["csat:wait_for_agent", "text:wait_for_agent"]
    return stored, Surveys(workspace).create(stored.id, quick_survey(stored.document, spec))


def _take(workspace: Workspace, stored: Any, info: Any, csat: str, text: str, customer: str) -> Any:
    answers, problems = read_answers(info.survey, {"csat_wait_for_agent": csat, "text_wait_for_agent": text})
    assert problems == []
    return take_response(
        workspace.engine,
        workspace.workspace_id,
        workspace.settings,
        info.id,
        stored.id,
        stored.document,
        answers,
        customer_id=customer,
        channel=None,
        lang="fa",
        when=WHEN,
        source="web",
    )


def _held(workspace: Workspace, survey_id: int) -> tuple[int, list[dict[str, Any]], list[tuple[str, str]]]:
    with open_warehouse(workspace.settings) as wh:
        frame = responses_frame(wh, Surveys(workspace).get(survey_id).survey, survey_id)
        said = map_comments(wh, Surveys(workspace).get(survey_id).map_id, limit=100)
        return (
            response_counts(wh, [survey_id])[survey_id],
            sorted(frame.drop(columns=["response_id"]).to_dict("records"), key=lambda r: r["customer_id"]),
            sorted((c["text"], c["label"]) for c in said),
        )


def test_answers_taken_while_an_ingest_holds_the_warehouse_wait_and_are_written_once_it_is_free(
    workspace: Workspace, warehouse_holder: Any
) -> None:
    stored, info = _survey(workspace)
    first = _take(workspace, stored, info, "5", "پاسخگو خیلی مودب بود", "C1")  # the warehouse is free
    assert first.waiting is False
    warehouse_holder.hold(workspace.settings.warehouse_path)
    started = time.perf_counter()
    taken = [
        _take(workspace, stored, info, "1", "نیم ساعت پشت خط ماندم و کسی جواب نداد", "C2"),
        _take(workspace, stored, info, "2", "I waited forty minutes and nobody answered", "C3"),
    ]
    took = time.perf_counter() - started
    assert [t.waiting for t in taken] == [True, True]
    assert took < 1.5  # not the warehouse's wait of 3 s each
    assert waiting_counts(workspace.engine, workspace.workspace_id) == {info.id: 2}
    assert write_waiting(workspace.engine, workspace.settings) == Flushed(written=0, waiting=2)  # still held
    warehouse_holder.release()
    assert write_waiting(workspace.engine, workspace.settings) == Flushed(written=2, waiting=0)
    assert waiting_counts(workspace.engine, workspace.workspace_id) == {}
    count, rows, comments = _held(workspace, info.id)
    assert count == 3
    assert rows == [  # one time: in customers' order
        {
            "time": "2026-11-02T08:15:00Z",
            "customer_id": customer,
            "channel": "ivr",  # the touchpoint's
            "lang": "fa",
            "source": "web",
            "csat_wait_for_agent": csat,
            "text_wait_for_agent": text,
        }
        for customer, csat, text in [
            ("C1", 5, "پاسخگو خیلی مودب بود"),
            ("C2", 1, "نیم ساعت پشت خط ماندم و کسی جواب نداد"),
            ("C3", 2, "I waited forty minutes and nobody answered"),
        ]
    ]
    assert comments == [
        ("I waited forty minutes and nobody answered", "negative"),
        ("نیم ساعت پشت خط ماندم و کسی جواب نداد", "negative"),
        ("پاسخگو خیلی مودب بود", "positive"),
    ]
    assert write_waiting(workspace.engine, workspace.settings) == Flushed()


def test_an_answer_written_just_before_a_stop_is_not_written_twice(
    workspace: Workspace, warehouse_holder: Any
) -> None:
    stored, info = _survey(workspace)
    warehouse_holder.hold(workspace.settings.warehouse_path)
    taken = _take(workspace, stored, info, "4", "خوب بود", "C1")
    warehouse_holder.release()
    with Session(workspace.engine) as s:
        (pending,) = store.oldest_pending(s, 10)
    # the server wrote it and stopped before taking it off the list
    from safar.voice.pending import decode_rows
    from safar.voice.responses import write_rows

    with open_warehouse(workspace.settings) as wh:
        write_rows(wh, info.id, decode_rows(pending.rows))
    assert pending.response_id == taken.response_id
    assert write_waiting(workspace.engine, workspace.settings) == Flushed(written=1, waiting=0)
    assert _held(workspace, info.id)[0] == 1


def test_an_answer_the_warehouse_refuses_stays_with_its_reason_and_the_others_are_written(
    workspace: Workspace, warehouse_holder: Any
) -> None:
    stored, info = _survey(workspace)
    warehouse_holder.hold(workspace.settings.warehouse_path)
    _take(workspace, stored, info, "4", "خوب بود", "C1")
    _take(workspace, stored, info, "5", "عالی بود", "C2")
    warehouse_holder.release()
    with Session(workspace.engine) as s, s.begin():
        first, _ = store.oldest_pending(s, 10)
        store.remove_pending(s, [first.id])
        broken = [{k: v for k, v in r.items() if k != "survey_id"} for r in first.rows]
        store.add_pending(s, workspace.workspace_id, info.id, first.response_id, broken)
    done = write_waiting(workspace.engine, workspace.settings)
    assert (done.written, done.waiting, done.failed, done.errors) == (
        1,
        1,
        1,
        [f"{first.response_id}: KeyError"],
    )
    with Session(workspace.engine) as s:
        (kept,) = store.oldest_pending(s, 10)
    assert (kept.response_id, kept.attempts, kept.last_error, kept.rows) == (
        first.response_id,
        1,
        "KeyError",
        broken,
    )
    assert _held(workspace, info.id)[0] == 1
