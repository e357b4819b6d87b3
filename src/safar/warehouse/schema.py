"""The warehouse tables, as DuckDB DDL.

Uniqueness of ``(dataset, event_id)`` is kept by ingestion (an anti-join against
what is already loaded), not by a constraint: an index over tens of millions of
ids would cost more memory than the data it guards.
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

DDL = (
    """CREATE TABLE IF NOT EXISTS events (
        dataset VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        customer_id VARCHAR NOT NULL,
        activity VARCHAR NOT NULL,
        ts TIMESTAMP NOT NULL,
        seq BIGINT NOT NULL,
        channel VARCHAR,
        lifecycle VARCHAR,
        resource VARCHAR,
        attributes MAP(VARCHAR, VARCHAR)
    )""",
    """CREATE TABLE IF NOT EXISTS customers (
        dataset VARCHAR NOT NULL,
        customer_id VARCHAR NOT NULL,
        attributes MAP(VARCHAR, VARCHAR)
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
        row_number BIGINT NOT NULL
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
        message VARCHAR,
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
    """Create the warehouse tables on a raw DuckDB connection when they are missing."""
    for statement in DDL:
        con.execute(statement)  # type: ignore[attr-defined]
