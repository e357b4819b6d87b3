"""Conversation threads (رشته‌ی گفتگو) paired into request → response while a file is read.

A Twitter/X or chat export has one row per message: its id, its author, its time and the id of the
message it replies to (``--reply-to-col``). Read with that column, every message of a thread is
filed under the thread's customer, so a brand's reply counts in the journey of the customer it
answers:

- a message's **thread** is the first message up its reply chain; ``thread_id`` (a new attribute)
  is that message's id: the contact id of the contact-centre report;
- the thread's **customer** is the author of that first message; every message of the thread gets
  it as its customer, and keeps its own author as the attribute named like the customer column;
- without an activity column, a message is a ``request`` (درخواست) or a ``response`` (پاسخ): the roles
  of ``safar analyze channels`` and of ``safar contact report --enter request --answer response``. With
  ``--inbound-col`` (a column saying whether the customer wrote it: true/yes/1 or false/no/0, in English
  or Persian) the customer's messages are requests and the company's responses; without it, a message by
  the thread's customer is a request and any other author's a response (so another customer joining
  in a public thread would count as responding: give the column when the export has it).

A reply to a message that is not in the file is looked for among the dataset's events (an export
read in parts, oldest first); one found nowhere cannot be filed under anyone and is quarantined
(``row.reply_orphan``) with every reply below it, as are replies that go round in a circle
(``row.reply_cycle``). Nothing is guessed: a message is filed only under a thread whose first
message was read.

The chains are followed by pointer jumping (each message's known ancestor replaced by that
ancestor's, doubling the distance each round): about log₂ of the longest chain rounds of one join
each, whatever the number of threads.
"""

from __future__ import annotations

import duckdb

from safar.errors import InputError
from safar.events.letters import normalize_letters
from safar.events.transform import ql

THREAD_KEY = "thread_id"
REQUEST = "request"
RESPONSE = "response"
# 2⁶⁴ messages is more than any chain holds: a chain still moving after that many rounds is a circle.
ROUNDS = 64
# How an inbound column says yes or no (compared once trimmed and lower-cased; Persian digits are read).
YES = ("true", "t", "yes", "y", "1", "بله", "بلی", "آری", "درست")
NO = ("false", "f", "no", "n", "0", "خیر", "نه", "نادرست")


def pair_threads(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    *,
    roles: dict[str, str],
    dataset: str,
    known: str | None,
    derive_activity: bool,
) -> None:
    """File every valid staged message under its thread (see the module doc); ``roles`` are the file's
    (``reply_to``, ``id`` and ``customer`` among them), ``known`` the table of the dataset's earlier events (``None``: it has none)."""
    reply_field = roles["reply_to"]
    if "id" not in roles:
        raise InputError("events.reply_needs_id", column=reply_field)
    author_key = normalize_letters(roles["customer"])
    taken = con.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {stage} WHERE json_exists(attributes, '$.{THREAD_KEY}') LIMIT 1)"
    ).fetchone()
    if taken and taken[0]:
        raise InputError("events.reply_thread_taken", key=THREAD_KEY, column=reply_field)
    reply_key = _path(reply_field)
    try:
        _messages(con, stage, reply_key)
        _jump(con)
        _threads(con, dataset, known)
        _file(con, stage, author_key, reply_field, derive_activity=derive_activity)
        if "inbound" in roles:
            _inbound(con, stage, roles["inbound"], derive_activity=derive_activity)
    finally:
        for table in ("safar_msg", "safar_anc", "safar_step", "safar_thread"):
            con.execute(f"DROP TABLE IF EXISTS {table}")


def _path(column: str) -> str:
    """The SQL literal of the JSON pointer to the attribute a source column became (its key is the column's
    name with Persian letters normalised, as ingestion writes it; any key works in a pointer)."""
    key = normalize_letters(column)
    return ql("/" + key.replace("~", "~0").replace("/", "~1"))


def _value(column: str) -> str:
    """A staged row's value of the attribute a source column became (SQL; NULL when it has none)."""
    return f"json_extract_string(s.attributes, {_path(column)})"


def _messages(con: duckdb.DuckDBPyConnection, stage: str, reply_key: str) -> None:
    """One row per message id (its first row's reply-to and author when the file repeats an id)."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE safar_msg AS
        SELECT event_id AS mid,
          arg_min(safar_id(nullif(trim(json_extract_string(attributes, {reply_key})), '')), seq) AS parent,
          arg_min(customer_id, seq) AS author
        FROM {stage} WHERE reason IS NULL AND event_id IS NOT NULL GROUP BY event_id"""
    )
    # Each message's nearest known ancestor: its parent when the file holds it, else itself.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE safar_anc AS
        SELECT m.mid, CASE WHEN p.mid IS NOT NULL THEN m.parent ELSE m.mid END AS anc
        FROM safar_msg m LEFT JOIN safar_msg p ON p.mid = m.parent"""
    )


def _jump(con: duckdb.DuckDBPyConnection) -> None:
    """Replace each message's ancestor by that ancestor's until none moves (or :data:`ROUNDS` rounds)."""
    for _ in range(ROUNDS):
        con.execute(
            """CREATE OR REPLACE TEMP TABLE safar_step AS
            SELECT a.mid, b.anc, b.anc <> a.anc AS moved FROM safar_anc a JOIN safar_anc b ON b.mid = a.anc"""
        )
        moved = con.execute("SELECT count(*) FILTER (WHERE moved) FROM safar_step").fetchone()
        con.execute("CREATE OR REPLACE TEMP TABLE safar_anc AS SELECT mid, anc FROM safar_step")
        if not moved or not moved[0]:
            return


def _threads(con: duckdb.DuckDBPyConnection, dataset: str, known: str | None) -> None:
    """Each message's thread and customer, or why it has none (its reason and the id it misses).

    The top of a chain either replies to nothing (the thread's first message), or to a message the
    file does not hold (looked for among the dataset's events), or to one it does: then the chain never
    reached a top, it goes round in a circle.
    """
    earlier = (
        f"""LEFT JOIN (SELECT event_id, arg_min(customer_id, seq) AS customer_id,
                arg_min(json_extract_string(attributes, '$.{THREAD_KEY}'), seq) AS thread
              FROM {known} WHERE dataset = {ql(dataset)} AND event_id IS NOT NULL GROUP BY event_id) e
            ON e.event_id = top.parent"""
        if known
        else "LEFT JOIN (SELECT NULL AS event_id, NULL AS customer_id, NULL AS thread) e ON false"
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE safar_thread AS
        SELECT a.mid,
          CASE WHEN top.parent IS NULL THEN top.mid
               WHEN inside.mid IS NULL AND e.event_id IS NOT NULL THEN coalesce(e.thread, e.event_id) END AS thread,
          CASE WHEN top.parent IS NULL THEN top.author
               WHEN inside.mid IS NULL AND e.event_id IS NOT NULL THEN e.customer_id END AS customer,
          CASE WHEN top.parent IS NULL THEN NULL
               WHEN inside.mid IS NOT NULL THEN 'row.reply_cycle'
               WHEN e.event_id IS NULL THEN 'row.reply_orphan' END AS reason,
          top.parent AS missing
        FROM safar_anc a
        JOIN safar_msg top ON top.mid = a.anc
        LEFT JOIN safar_msg inside ON inside.mid = top.parent
        {earlier}"""
    )


def _said(column: str) -> str:
    """The inbound column's value of a staged row, trimmed and lower-cased (SQL)."""
    return f"lower(trim({_value(column)}))"


def _inbound(con: duckdb.DuckDBPyConnection, stage: str, column: str, *, derive_activity: bool) -> None:
    """Requests and responses by the inbound column (when the threads give the activity); a row whose
    inbound value says neither yes nor no is quarantined with it."""
    said = _said(column)
    yes, no = ", ".join(ql(v) for v in YES), ", ".join(ql(v) for v in NO)
    if derive_activity:
        con.execute(
            f"""UPDATE {stage} s SET activity = CASE WHEN {said} IN ({yes}) THEN {ql(REQUEST)} ELSE {ql(RESPONSE)} END
            WHERE s.reason IS NULL AND {said} IN ({yes}, {no})"""
        )
    con.execute(
        f"""UPDATE {stage} s SET reason = 'row.bad_inbound', field = {ql(column)},
          value = coalesce({_value(column)}, ''),
          event_id = NULL, attributes = NULL
        WHERE s.reason IS NULL AND ({said} IS NULL OR {said} NOT IN ({yes}, {no}))"""
    )


def _file(
    con: duckdb.DuckDBPyConnection, stage: str, author_key: str, reply_field: str, *, derive_activity: bool
) -> None:
    """Write the threads into the stage: customer, activity, attributes; the rest quarantined."""
    activity = (
        f"CASE WHEN s.customer_id = t.customer THEN {ql(REQUEST)} ELSE {ql(RESPONSE)} END"
        if derive_activity
        else "s.activity"
    )
    con.execute(
        f"""UPDATE {stage} s SET
          customer_id = t.customer,
          activity = {activity},
          attributes = CAST(json_merge_patch(s.attributes,
            json_object({ql(THREAD_KEY)}, t.thread, {ql(author_key)}, s.customer_id)) AS VARCHAR)
        FROM safar_thread t WHERE s.event_id = t.mid AND s.reason IS NULL AND t.reason IS NULL"""
    )
    con.execute(
        f"""UPDATE {stage} s SET
          reason = t.reason, field = {ql(reply_field)}, value = t.missing,
          event_id = NULL, attributes = NULL
        FROM safar_thread t WHERE s.event_id = t.mid AND s.reason IS NULL AND t.reason IS NOT NULL"""
    )
