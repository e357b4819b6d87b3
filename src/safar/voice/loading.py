"""Writing survey answers and comments into the warehouse, DuckDB or Spark, through one DuckDB code path.

:func:`open_load` gives a :class:`VoiceLoad`: a DuckDB connection, the names of the relations that
hold what is already stored (to deduplicate against) and the steps of a load — add answers, add
comments, record the quarantine and the import. On a DuckDB warehouse the connection is the
warehouse's own and the whole load is one transaction. On a Spark warehouse it is a scratch DuckDB
under the folder's write lock (:func:`safar.events.spark_load.scratch`), what Spark holds is read
from its Parquet files as read-only views, and at the end the scratch tables — exactly this load's
new rows — are appended to the Spark tables as Parquet: comments, then answers, then the quarantine
(replacing the source's older rows) and last the import record. Comments already stored are skipped
by id, so a load that failed half-way can simply be run again.

>>> import tempfile
>>> from safar.config import Settings
>>> from safar.warehouse import open_warehouse
>>> with open_warehouse(Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()})) as wh:
...     with open_load(wh) as load:
...         load.add_comments([])
...         load.known_comments("talk", ["a"])
set()
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from safar.errors import ConfigError
from safar.events.transform import ql
from safar.warehouse import Warehouse
from safar.warehouse.schema import create_schema
from safar.warehouse.spark import SparkLocation, insert_parquet, parquet_files

# A rejected row: (row number, field, reason code, the refused value, the raw row).
Rejection = tuple[int, str, str, str, dict[str, str]]

RESPONSE_SCHEMA = pa.schema(
    [
        ("survey_id", pa.int64()),
        ("map_id", pa.int64()),
        ("response_id", pa.string()),
        ("question_id", pa.string()),
        ("kind", pa.string()),
        ("touchpoint_id", pa.string()),
        ("stage_id", pa.string()),
        ("customer_id", pa.string()),
        ("channel", pa.string()),
        ("ts", pa.timestamp("us")),
        ("value", pa.float64()),
        ("expected", pa.float64()),
        ("choice", pa.string()),
        ("text", pa.string()),
        ("lang", pa.string()),
        ("source", pa.string()),
        ("row_number", pa.int64()),
        ("attributes", pa.map_(pa.string(), pa.string())),
    ]
)
COMMENT_SCHEMA = pa.schema(
    [
        ("dataset", pa.string()),
        ("comment_id", pa.string()),
        ("map_id", pa.int64()),
        ("touchpoint_id", pa.string()),
        ("customer_id", pa.string()),
        ("ts", pa.timestamp("us")),
        ("text", pa.string()),
        ("lang", pa.string()),
        ("label", pa.string()),
        ("score", pa.float64()),
        ("row_number", pa.int64()),
        ("channel", pa.string()),
    ]
)
# What a Spark warehouse already holds, as the scratch database sees it: view → (table, id columns).
_KNOWN = {
    "known_responses": ("responses", ("survey_id", "BIGINT"), ("response_id", "VARCHAR")),
    "known_comments": ("comments", ("dataset", "VARCHAR"), ("comment_id", "VARCHAR")),
}


class VoiceLoad:
    """One load of answers and comments: what is stored already, and the rows to add."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, responses: str, comments: str) -> None:
        self.con = con
        self._responses = responses
        self._comments = comments
        self.recorded: tuple[str, str] | None = None

    def known_responses(self, survey_id: int, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` the survey already has answers for."""
        return self._known(self._responses, "survey_id", survey_id, "response_id", ids)

    def known_comments(self, dataset: str, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` already among the dataset's comments."""
        return self._known(self._comments, "dataset", dataset, "comment_id", ids)

    def _known(self, table: str, key: str, value: object, column: str, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            f"SELECT DISTINCT {column} FROM {table} WHERE {key} = ? AND {column} IN (SELECT unnest(?))",
            [value, list(ids)],
        ).fetchall()
        return {r[0] for r in rows}

    def add_responses(self, rows: Sequence[dict[str, Any]]) -> None:
        """Append answer rows (the ``responses`` columns; ``attributes`` a dict)."""
        if not rows:
            return
        data = {name: [r[name] for r in rows] for name in RESPONSE_SCHEMA.names}
        data["attributes"] = [list((r["attributes"] or {}).items()) for r in rows]
        self._insert("responses", pa.table(data, schema=RESPONSE_SCHEMA))

    def add_comments(self, rows: Sequence[dict[str, Any]]) -> None:
        """Append scored comment rows (the ``comments`` columns)."""
        if rows:
            data = {name: [r[name] for r in rows] for name in COMMENT_SCHEMA.names}
            self._insert("comments", pa.table(data, schema=COMMENT_SCHEMA))

    def _insert(self, table: str, rows: pa.Table) -> None:
        name = f"incoming_{table}"
        self.con.register(name, rows)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT {', '.join(rows.column_names)} FROM {name}")
        finally:
            self.con.unregister(name)

    def record(
        self,
        dataset: str,
        source: str,
        rejected: Sequence[Rejection],
        counts: tuple[int, int, int],
        started: datetime,
    ) -> None:
        """The import of ``source``: its rejected rows (replacing those of its earlier imports: the
        quarantine shows the latest) and its record; ``counts`` is (read, loaded, duplicates)."""
        now = datetime.now(UTC).replace(tzinfo=None)
        self.con.execute("DELETE FROM rejected WHERE dataset = ? AND source = ?", [dataset, source])
        if rejected:
            self.con.executemany(
                "INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        dataset,
                        source,
                        number,
                        field,
                        reason,  # its code, and its message's values: read in each reader's language
                        json.dumps(
                            {"row": number, "field": field or "", "value": value or ""}, ensure_ascii=False
                        ),
                        json.dumps(raw, ensure_ascii=False),
                        now,
                    ]
                    for number, field, reason, value, raw in rejected
                ],
            )
        read, loaded, duplicates = counts
        self.con.execute(
            "INSERT INTO ingestions VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)",
            [dataset, source, read, loaded, duplicates, len(rejected), started, now],
        )
        self.recorded = (dataset, source)


def check_writable(warehouse: Warehouse) -> SparkLocation | None:
    """Where a Spark warehouse lives, ``None`` for DuckDB; another backend cannot take answers or comments.

    Raises ``ConfigError("warehouse.unsupported")``.
    """
    if warehouse.raw is None and warehouse.spark is None:
        raise ConfigError(
            "warehouse.unsupported", url=warehouse.location, backend=getattr(warehouse.con, "name", "?")
        )
    return warehouse.spark


@contextmanager
def open_load(warehouse: Warehouse) -> Iterator[VoiceLoad]:
    """A load into ``warehouse`` (see the module doc); kept when the block ends without an error."""
    location = check_writable(warehouse)
    if location is None:
        assert warehouse.raw is not None
        with _transaction(warehouse.raw) as con:
            yield VoiceLoad(con, responses="responses", comments="comments")
        return
    from safar.events import spark_load
    from safar.events.ingest import INGEST_MEMORY

    with spark_load.scratch(location, INGEST_MEMORY) as (con, folder):
        create_schema(con)
        _attach_known(con, location)
        with _transaction(con):
            load = VoiceLoad(con, responses="known_responses", comments="known_comments")
            yield load
        _append(con, folder, location, "comments")
        _append(con, folder, location, "responses")
        if load.recorded is not None:  # the quarantine and, last, the import record
            spark_load.publish(con, folder, location, *load.recorded)


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _attach_known(con: duckdb.DuckDBPyConnection, location: SparkLocation) -> None:
    for view, (table, *columns) in _KNOWN.items():
        files = parquet_files(location.folder(table))
        names = ", ".join(name for name, _ in columns)
        if files:
            listed = ", ".join(ql(f) for f in files)
            con.execute(f"CREATE TEMP VIEW {view} AS SELECT {names} FROM read_parquet([{listed}])")
        else:
            con.execute(f"CREATE TEMP TABLE {view} ({', '.join(f'{n} {t}' for n, t in columns)})")


def _append(con: duckdb.DuckDBPyConnection, folder: Path, location: SparkLocation, table: str) -> None:
    """The scratch ``table``'s rows appended to the Spark table (nothing when it has none)."""
    found = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    if not found or not found[0]:
        return
    path = folder / f"{table}.parquet"
    con.execute(f"COPY {table} TO {ql(str(path))} (FORMAT parquet)")
    insert_parquet(location, table, str(path))


class LabelsLoad:
    """A write of comment labels (:mod:`safar.voice.corrections`) on a DuckDB connection: the warehouse's own,
    or a scratch one holding a copy of a Spark warehouse's labels (written back whole at the end)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def drop_adapted(self, map_ids: Sequence[int]) -> None:
        """The workspace labels of the maps ``map_ids`` taken out."""
        if map_ids:
            listed = ", ".join(str(int(m)) for m in map_ids)
            self.con.execute(
                f"DELETE FROM comment_labels WHERE source = 'adapted' AND map_id IN ({listed})"
            ).fetchall()

    def add(self, rows: pa.Table) -> None:
        self.con.register("_safar_labels", rows)
        try:
            self.con.execute("INSERT INTO comment_labels BY NAME SELECT * FROM _safar_labels").fetchall()
        finally:
            self.con.unregister("_safar_labels")


@contextmanager
def open_labels(warehouse: Warehouse) -> Iterator[LabelsLoad]:
    """A write of comment labels into ``warehouse``, kept when the block ends without an error: one transaction
    on DuckDB; on Spark, under the folder's write lock, the table read into a scratch DuckDB, changed there and
    written back whole (the labels are small: one row per label given)."""
    location = check_writable(warehouse)
    if location is None:
        assert warehouse.raw is not None
        with _transaction(warehouse.raw) as con:
            yield LabelsLoad(con)
        return
    from safar.events import spark_load
    from safar.events.ingest import INGEST_MEMORY

    with spark_load.scratch(location, INGEST_MEMORY) as (con, folder):
        files = parquet_files(location.folder("comment_labels"))
        if files:
            listed = ", ".join(ql(f) for f in files)
            con.execute(f"INSERT INTO comment_labels BY NAME SELECT * FROM read_parquet([{listed}])")
        with _transaction(con):
            yield LabelsLoad(con)
        path = folder / "comment_labels.parquet"
        con.execute(f"COPY comment_labels TO {ql(str(path))} (FORMAT parquet)")
        insert_parquet(location, "comment_labels", str(path), overwrite=True)
