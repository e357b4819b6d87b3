"""The warehouse tables, as DuckDB DDL.

Uniqueness of events is kept by ingestion (an anti-join against what is already
loaded), not by a constraint: an index over tens of millions of ids would cost more
memory than the data it guards. ``event_id`` holds the source's id column when the
file has one and is NULL otherwise: such events are identified by their content
(see :mod:`safar.events.ingest`). An event's extra attributes (and a customer's, from XES
trace attributes) are one JSON object (``{"plan": "gold", "amount": 42.5}``: text as strings, a
Parquet file's numbers and booleans as they are), stored as text: about four times cheaper to
write than a ``MAP`` column, and read by key with :func:`safar.analytics._common.attribute`.
"""

from __future__ import annotations

EVENT_COLUMNS = (
    "dataset",
    "event_id",
    "customer_id",
    "activity",
    "ts",
    "seq",
    "channel",
    "lifecycle",
    "resource",
    "attributes",
)

# What identifies an event that has no id: everything stored about it (safar.events.ingest).
CONTENT = ("customer_id", "activity", "ts", "channel", "lifecycle", "resource", "attributes")

DDL = (
    """CREATE TABLE IF NOT EXISTS events (
        dataset VARCHAR NOT NULL,
        event_id VARCHAR,
        customer_id VARCHAR NOT NULL,
        activity VARCHAR NOT NULL,
        ts TIMESTAMP NOT NULL,
        seq BIGINT NOT NULL,
        channel VARCHAR,
        lifecycle VARCHAR,
        resource VARCHAR,
        attributes VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS customers (
        dataset VARCHAR NOT NULL,
        customer_id VARCHAR NOT NULL,
        attributes VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS comments (
        dataset VARCHAR NOT NULL,
        comment_id VARCHAR NOT NULL,
        map_id BIGINT NOT NULL,
        touchpoint_id VARCHAR,
        customer_id VARCHAR,
        ts TIMESTAMP,
        text VARCHAR NOT NULL,
        lang VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        row_number BIGINT NOT NULL,
        channel VARCHAR
    )""",
    # Labels given to comments since they were scored (safar.voice.corrections): an editor's ("person"), the
    # workspace's learnt from them ("adapted"), and the resets of that learning ("reset").
    """CREATE TABLE IF NOT EXISTS comment_labels (
        dataset VARCHAR NOT NULL,
        comment_id VARCHAR NOT NULL,
        map_id BIGINT NOT NULL,
        source VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        was VARCHAR NOT NULL,
        by_user VARCHAR,
        given_at TIMESTAMP NOT NULL,
        similarity DOUBLE,
        note VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS responses (
        survey_id BIGINT NOT NULL,
        map_id BIGINT NOT NULL,
        response_id VARCHAR NOT NULL,
        question_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        touchpoint_id VARCHAR,
        stage_id VARCHAR,
        customer_id VARCHAR,
        channel VARCHAR,
        ts TIMESTAMP NOT NULL,
        value DOUBLE,
        expected DOUBLE,
        choice VARCHAR,
        text VARCHAR,
        lang VARCHAR,
        source VARCHAR NOT NULL,
        row_number BIGINT,
        attributes MAP(VARCHAR, VARCHAR)
    )""",
    """CREATE TABLE IF NOT EXISTS rejected (
        dataset VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        row_number BIGINT,
        field VARCHAR,
        reason VARCHAR NOT NULL,
        reason_values VARCHAR,
        raw VARCHAR,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS ingestions (
        dataset VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        digest VARCHAR,
        read BIGINT NOT NULL,
        loaded BIGINT NOT NULL,
        duplicates BIGINT NOT NULL,
        rejected BIGINT NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP NOT NULL
    )""",
)


def create_schema(con: object) -> None:
    """Create the warehouse tables on a raw DuckDB connection when they are missing,
    and bring an older warehouse's ``events`` and ``rejected`` tables up to date."""
    for statement in DDL:
        con.execute(statement)  # type: ignore[attr-defined]
    upgrade_events(con)
    upgrade_rejected(con)
    # A comment names the channel it came through; an older warehouse gains the column (NULL for its comments),
    # and on Spark the older Parquet files read it as NULL.
    con.execute("ALTER TABLE comments ADD COLUMN IF NOT EXISTS channel VARCHAR")  # type: ignore[attr-defined]


# A quarantined row's reason is its code (``reason``) and the values of its message (``reason_values``,
# JSON: row, field, value), read in the reader's language (safar.events.quarantine.reason_text). Before,
# the message was stored as text in the language of the ingestion: it is kept as written, as legacy text.
LEGACY_REASON = "CASE WHEN message IS NULL THEN NULL ELSE CAST(json_object('legacy', message) AS VARCHAR) END"


def upgrade_rejected(con: object) -> None:
    """An older warehouse's ``rejected.message`` (text) becomes ``reason_values`` (JSON), in place."""
    found = con.execute(  # type: ignore[attr-defined]
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'rejected' "
        "AND column_name = 'message' AND table_schema = current_schema()"
    ).fetchall()
    if found:
        con.execute(f"UPDATE rejected SET message = {LEGACY_REASON}")  # type: ignore[attr-defined]
        con.execute("ALTER TABLE rejected RENAME COLUMN message TO reason_values")  # type: ignore[attr-defined]


# Safar 0.1's attribute MAP as today's JSON text (the upgrades of DuckDB tables and Spark folders).
MAP_AS_JSON = "CAST(to_json(coalesce(attributes, MAP {})) AS VARCHAR)"


def upgrade_events(con: object) -> None:
    """Convert the tables written by Safar 0.1 in place: ``events`` and ``customers`` attributes
    ``MAP`` → JSON text, ``events.event_id`` nullable (its content hashes are kept; content
    identity no longer needs them)."""
    found = con.execute(  # type: ignore[attr-defined]
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_name IN ('events', 'customers') AND column_name IN ('attributes', 'event_id') "
        "AND table_schema = current_schema()"
    ).fetchall()
    for table, column, data_type, nullable in found:
        if column == "attributes" and str(data_type).upper().startswith("MAP"):
            con.execute(f"ALTER TABLE {table} ALTER attributes TYPE VARCHAR USING {MAP_AS_JSON}")  # type: ignore[attr-defined]
        if column == "event_id" and str(nullable).upper() == "NO":
            con.execute("ALTER TABLE events ALTER event_id DROP NOT NULL")  # type: ignore[attr-defined]
