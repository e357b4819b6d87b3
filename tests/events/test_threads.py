"""Conversation threads paired at ingestion (``--reply-to-col``): a chat log whose threads are known by
construction, asserted whole; appending a later export; orphans and circles quarantined; the refusals."""

from __future__ import annotations

import json

import pytest

from safar.errors import InputError
from safar.events import ingest_file

HEADER = "msg,author,sent,in_reply_to,text"
# thread 1: c1 asks, an agent answers, c1 again, another agent; thread 5: c2 asks, two agents reply to the
# same message (one writes the parent's id in Persian digits); 8 replies to a message this file lacks and
# 9 to 8; 10 and 11 reply to each other.
CHAT = [
    "1,c1,2024-03-01 09:00:00,,hello",
    "2,agent_a,2024-03-01 09:05:00,1,hi",
    "3,c1,2024-03-01 09:06:00,2,my bill",
    "4,agent_b,2024-03-01 09:20:00,3,fixed",
    "5,c2,2024-03-01 10:00:00,,broken app",
    "6,agent_a,2024-03-01 10:30:00,۵,which version?",
    "7,agent_b,2024-03-01 10:31:00,5,sorry",
    "8,agent_a,2024-03-01 11:00:00,99,thanks",
    "9,c3,2024-03-01 11:05:00,8,ok",
    "10,c4,2024-03-01 12:00:00,11,loop",
    "11,agent_a,2024-03-01 12:01:00,10,loop",
]


def _csv(lines: list[str]) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def _ingest(settings, path, **extra):
    return ingest_file(
        settings,
        path,
        dataset="chat",
        customer_col="author",
        time_col="sent",
        id_col="msg",
        reply_to_col="in_reply_to",
        **extra,
    )


def _stored(look) -> list[tuple[object, ...]]:
    found = look.query(
        "SELECT event_id, customer_id, activity, attributes FROM events WHERE dataset = 'chat' "
        "ORDER BY CAST(event_id AS INTEGER)"
    )
    return [
        (mid, customer, activity, json.loads(attrs)["thread_id"], json.loads(attrs)["author"])
        for mid, customer, activity, attrs in found
    ]


def test_threads_are_filed_under_their_customer_with_request_and_response(settings, look, write):
    report = _ingest(settings, write("chat.csv", _csv(CHAT)))
    assert (report.read, report.loaded, report.duplicates, report.rejected) == (11, 7, 0, 4)
    assert report.columns == {"customer": "author", "time": "sent", "id": "msg", "reply_to": "in_reply_to"}
    assert _stored(look) == [
        ("1", "c1", "request", "1", "c1"),
        ("2", "c1", "response", "1", "agent_a"),
        ("3", "c1", "request", "1", "c1"),
        ("4", "c1", "response", "1", "agent_b"),
        ("5", "c2", "request", "5", "c2"),
        ("6", "c2", "response", "5", "agent_a"),
        ("7", "c2", "response", "5", "agent_b"),
    ]
    # The reply-to column and the text stay with each message.
    first = look.query("SELECT attributes FROM events WHERE event_id = '6'")[0][0]
    assert json.loads(first) == {
        "in_reply_to": "5",  # Persian digits of a number are stored as ASCII, as in every attribute
        "text": "which version?",
        "thread_id": "5",
        "author": "agent_a",
    }
    # Only the threads' customers are customers; the agents are authors.
    assert look.query("SELECT customer_id FROM customers WHERE dataset = 'chat' ORDER BY 1") == [
        ("c1",),
        ("c2",),
    ]
    rejected = look.query(
        "SELECT row_number, field, reason, reason_values, raw FROM rejected WHERE dataset = 'chat' ORDER BY 1"
    )
    assert [(r[0], r[1], r[2], json.loads(r[3])["value"]) for r in rejected] == [
        (8, "in_reply_to", "row.reply_orphan", "99"),
        (9, "in_reply_to", "row.reply_orphan", "99"),
        (10, "in_reply_to", "row.reply_cycle", _either("10", "11")),
        (11, "in_reply_to", "row.reply_cycle", _either("10", "11")),
    ]
    # A quarantined message keeps its row as the file had it.
    assert json.loads(rejected[1][4]) == {
        "msg": "9",
        "author": "c3",
        "sent": "2024-03-01 11:05:00",
        "in_reply_to": "8",
        "text": "ok",
    }


class _either:
    """Equal to any of ``values``: where a circle is said to turn back is not fixed."""

    def __init__(self, *values: str) -> None:
        self.values = values

    def __eq__(self, other: object) -> bool:
        return other in self.values

    def __repr__(self) -> str:
        return f"one of {self.values}"


def test_a_later_export_continues_threads_already_in_the_dataset(settings, look, write):
    _ingest(settings, write("chat.csv", _csv(CHAT[:7])))
    later = ["12,agent_a,2024-03-02 08:00:00,4,anything else?", "13,c1,2024-03-02 08:10:00,12,no thanks"]
    report = _ingest(settings, write("later.csv", _csv(later)))
    assert (report.read, report.loaded, report.rejected) == (2, 2, 0)
    assert _stored(look)[-2:] == [
        ("12", "c1", "response", "1", "agent_a"),
        ("13", "c1", "request", "1", "c1"),
    ]
    # The same export again loads nothing: the messages are known by their ids.
    again = _ingest(settings, write("later.csv", _csv(later)))
    assert (again.read, again.loaded, again.duplicates) == (2, 0, 2)


def test_orphans_are_filed_once_the_message_they_reply_to_is_in(settings, look, write):
    orphans = write("orphans.csv", _csv(CHAT[7:9]))
    assert _ingest(settings, orphans).rejected == 2
    _ingest(settings, write("root.csv", _csv(["99,c5,2024-03-01 10:50:00,,help"])))
    report = _ingest(settings, orphans)
    assert (report.loaded, report.rejected) == (2, 0)
    assert _stored(look)[-1:] + _stored(look)[:2] == [
        ("99", "c5", "request", "99", "c5"),
        ("8", "c5", "response", "99", "agent_a"),
        ("9", "c5", "response", "99", "c3"),
    ]
    assert look.rejected("chat") == []  # the file's quarantine is replaced by its latest reading


def test_an_activity_column_is_kept(settings, look, write):
    with_activity = [
        line + f",{kind}" for line, kind in zip(CHAT[:3], ("asked", "answered", "asked"), strict=True)
    ]
    path = write("typed.csv", "\n".join([HEADER + ",kind", *with_activity]) + "\n")
    _ingest(settings, path, activity_col="kind")
    assert [(m, c, a) for m, c, a, _, _ in _stored(look)] == [
        ("1", "c1", "asked"),
        ("2", "c1", "answered"),
        ("3", "c1", "asked"),
    ]


def test_refusals_say_what_to_do(settings, write):
    path = write("chat.csv", _csv(CHAT))
    with pytest.raises(InputError) as no_id:
        ingest_file(
            settings, path, dataset="chat", customer_col="author", time_col="sent", reply_to_col="in_reply_to"
        )
    assert no_id.value.code == "events.reply_needs_id"
    taken = write("taken.csv", "msg,author,sent,in_reply_to,thread_id\n1,c1,2024-03-01 09:00:00,,x\n")
    with pytest.raises(InputError) as clash:
        _ingest(settings, taken)
    assert clash.value.code == "events.reply_thread_taken"
    with pytest.raises(InputError) as missing:
        ingest_file(
            settings,
            path,
            dataset="chat",
            customer_col="author",
            time_col="sent",
            id_col="msg",
            reply_to_col="parent",
        )
    assert missing.value.code == "events.column_not_found"
    # Without --reply-to-col the activity is required as before.
    with pytest.raises(InputError) as no_activity:
        ingest_file(settings, path, dataset="chat2", customer_col="author", time_col="sent", id_col="msg")
    assert no_activity.value.code == "events.no_column"


def test_an_inbound_column_tells_the_customer_from_the_company(settings, look, write):
    # c9 joins c1's public thread: by author alone that would be a response; the column says it is not.
    lines = [
        "1,c1,2024-03-01 09:00:00,,help,true",
        "2,c9,2024-03-01 09:01:00,1,me too,بله",
        "3,brand,2024-03-01 09:30:00,1,on it,FALSE",
        "4,brand,2024-03-01 09:31:00,2,you too,0",
        "5,c1,2024-03-01 09:40:00,3,thanks,maybe",
    ]
    path = write("public.csv", "\n".join([HEADER + ",inbound", *lines]) + "\n")
    report = _ingest(settings, path, inbound_col="inbound")
    assert (report.loaded, report.rejected) == (4, 1)
    assert _stored(look) == [
        ("1", "c1", "request", "1", "c1"),
        ("2", "c1", "request", "1", "c9"),
        ("3", "c1", "response", "1", "brand"),
        ("4", "c1", "response", "1", "brand"),
    ]
    assert look.rejected("chat") == [(5, "inbound", "row.bad_inbound")]
    with pytest.raises(InputError) as alone:
        ingest_file(
            settings,
            path,
            dataset="x",
            customer_col="author",
            time_col="sent",
            id_col="msg",
            inbound_col="inbound",
        )
    assert alone.value.code == "events.inbound_needs_reply"
