"""Running a source's query into a Parquet file, batch by batch, for the ordinary ingestion to read.

The query runs in a read-only transaction (PostgreSQL: ``default_transaction_read_only``; MySQL/MariaDB:
``SET SESSION TRANSACTION READ ONLY``) with a time limit, its rows streamed from a server-side cursor
(``yield_per``) and written to Parquet in batches, so a large result is never held in memory. Timestamps
keep their type (with a zone: in UTC); dates become midnight timestamps; numbers of exact precision,
intervals, UUIDs and JSON become text; the rest is what the driver gives. A connection or SQL error is an
``InputError`` naming the source (without its password) and the server's first line.

A read-only database user is still advised: the read-only transaction keeps the query from writing, not
from reading what that user may read.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from safar.errors import InputError
from safar.sources.connection import SourceUrl

BATCH = 5000
CONNECT_SECONDS = 10
QUERY_SECONDS = 600  # a pull's query; a preview's is PREVIEW_SECONDS
PREVIEW_SECONDS = 30


def pull_rows(
    source: SourceUrl, query: str, out: Path, *, limit: int | None = None, label: str | None = None
) -> int:
    """Write the rows of ``query`` on ``source`` to the Parquet file ``out`` (the first ``limit`` only, for a
    preview); how many there were. ``label`` names the source in an error."""
    query = clean_query(query)
    if limit is not None:
        query = f"SELECT * FROM ({query}) safar_preview LIMIT {int(limit)}"
    seconds = PREVIEW_SECONDS if limit is not None else QUERY_SECONDS
    name = label or source.shown
    engine = create_engine(source.url, poolclass=NullPool, connect_args=_connect_args(source.kind, seconds))
    try:
        with engine.connect() as conn:
            if source.kind == "mysql":  # before the query's transaction begins, so that it is read-only
                conn.exec_driver_sql("SET SESSION TRANSACTION READ ONLY")
                conn.commit()
            try:
                return _write(conn, query, out)
            finally:
                conn.rollback()
    except SQLAlchemyError as exc:
        raise InputError("source.failed", source=name, detail=_first_line(exc, source.password)) from None
    finally:
        engine.dispose()


def clean_query(query: str) -> str:
    """The query without the trailing semicolons a person may type; an empty one is refused.

    >>> clean_query("SELECT 1;  ")
    'SELECT 1'
    """
    cleaned = query.strip().rstrip(";").strip()
    if not cleaned:
        raise InputError("source.no_query")
    return cleaned


def _connect_args(kind: str, seconds: int) -> dict[str, Any]:
    if kind == "postgres":
        options = f"-c default_transaction_read_only=on -c statement_timeout={seconds * 1000}"
        return {"connect_timeout": CONNECT_SECONDS, "options": options}
    # PyMySQL: a read that waits longer than this (the server still computing) ends the query.
    return {"connect_timeout": CONNECT_SECONDS, "read_timeout": seconds}


def _write(conn: Connection, query: str, out: Path) -> int:
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(text(query))
    columns = list(result.keys())
    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    count = 0
    try:
        for rows in result.partitions():
            batch = _columns(columns, rows)
            if schema is None:
                schema = pa.schema(
                    [
                        pa.field(c, pa.string() if a.type == pa.null() else a.type)
                        for c, a in zip(columns, batch, strict=True)
                    ]
                )
                writer = pq.ParquetWriter(out, schema)
            table = pa.Table.from_arrays(
                [_cast(a, f.type) for a, f in zip(batch, schema, strict=True)], schema=schema
            )
            assert writer is not None
            writer.write_table(table)
            count += len(rows)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # no rows: an empty file with the columns, as text
        pq.write_table(pa.table({c: pa.array([], pa.string()) for c in columns}), out)
    return count


def _columns(names: list[str], rows: Sequence[Any]) -> list[pa.Array]:
    arrays = []
    for i, _ in enumerate(names):
        values = [_value(row[i]) for row in rows]
        try:
            arrays.append(pa.array(values))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed kinds in one column: all as text
            arrays.append(pa.array([None if v is None else str(v) for v in values], pa.string()))
    return arrays


def _cast(array: pa.Array, to: pa.DataType) -> pa.Array:
    if array.type == to:
        return array
    if array.type == pa.null():
        return pa.nulls(len(array), to)
    if to == pa.string():
        return pa.array([None if v is None else _text(v) for v in array.to_pylist()], pa.string())
    try:
        return array.cast(to)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise InputError("source.mixed_types", expected=str(to), found=str(array.type)) from exc


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC) if value.tzinfo is not None else value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, decimal.Decimal | uuid.UUID | dt.timedelta | dt.time):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    return value


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _first_line(exc: SQLAlchemyError, password: str) -> str:
    """The server's or driver's first line, never the password (a driver may echo the URL)."""
    original = getattr(exc, "orig", None) or exc
    line = next((ln.strip() for ln in str(original).splitlines() if ln.strip()), type(original).__name__)
    if password:
        line = line.replace(password, "***")
    return line[:300]
