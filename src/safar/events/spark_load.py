"""Ingestion into a Spark warehouse: the DuckDB ingestion in a scratch database, then appended to Spark.

One validation path for both warehouses: the file is staged, checked, quarantined and deduplicated
by the same SQL (:mod:`safar.events.ingest`) in a scratch DuckDB file under the warehouse folder.
What Spark already holds comes in as views over its Parquet files (only what identifies events is read), so the
scratch database ends with exactly this ingestion's new events, new customers, quarantined rows
and ingestion record. Those are written to Parquet and appended to the Spark tables by Spark;
the ingestion record goes last, so it is there only when its rows are. The quarantine keeps the
latest ingestion of each source, as on DuckDB: the ``rejected`` table is rewritten without the
source's older rows when it has some.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from safar.events.transform import ql
from safar.warehouse import connect_duckdb
from safar.warehouse.schema import CONTENT, create_schema
from safar.warehouse.spark import SparkLocation, insert_parquet, parquet_files, table_columns, write_lock

# The scratch database's names for what Spark already holds: (events, customers).
KNOWN = ("known_events", "known_customers")


@contextmanager
def scratch(location: SparkLocation, memory: str) -> Iterator[tuple[duckdb.DuckDBPyConnection, Path]]:
    """A scratch DuckDB (and its folder, for the Parquet handed to Spark) under the folder's write lock."""
    staging = location.path / "_staging"
    staging.mkdir(parents=True, exist_ok=True)
    with write_lock(location), tempfile.TemporaryDirectory(prefix="ingest-", dir=staging) as folder:
        con = connect_duckdb(Path(folder) / "scratch.duckdb")
        con.execute(f"SET memory_limit = {ql(memory)}")
        con.execute("SET preserve_insertion_order = false")
        try:
            _attach_known(con, location)
            yield con, Path(folder)
        finally:
            con.close()


def _attach_known(con: duckdb.DuckDBPyConnection, location: SparkLocation) -> None:
    create_schema(con)
    for view, table, columns in (
        ("known_events", "events", ("event_id", *CONTENT)),
        ("known_customers", "customers", ("customer_id",)),
    ):
        files = parquet_files(location.folder(table))
        if files:
            listed = ", ".join(ql(f) for f in files)
            con.execute(
                f"CREATE TEMP VIEW {view} AS SELECT dataset, {', '.join(columns)} FROM read_parquet([{listed}])"
            )
        else:  # nothing loaded yet: an empty view of the scratch database's own (empty) table
            con.execute(
                f"CREATE TEMP VIEW {view} AS SELECT dataset, {', '.join(columns)} FROM {table} LIMIT 0"
            )


def publish(
    con: duckdb.DuckDBPyConnection, folder: Path, location: SparkLocation, dataset: str, source: str
) -> None:
    """Append the scratch database's rows to the Spark tables (see the module doc for the order)."""
    for table in ("events", "customers"):
        _append(con, folder, location, table, f"SELECT * FROM {table}")
    older = parquet_files(location.folder("rejected"))
    mine = f"dataset = {ql(dataset)} AND source = {ql(source)}"
    listed = ", ".join(ql(f) for f in older)
    stale = older and con.execute(f"SELECT count(*) FROM read_parquet([{listed}]) WHERE {mine}").fetchone()
    if stale and stale[0]:
        columns = ", ".join(name for name, _ in table_columns()["rejected"])
        kept = f"SELECT {columns} FROM read_parquet([{listed}]) WHERE NOT ({mine})"
        _append(
            con,
            folder,
            location,
            "rejected",
            f"{kept} UNION ALL SELECT {columns} FROM rejected",
            overwrite=True,
        )
    else:
        _append(con, folder, location, "rejected", "SELECT * FROM rejected")
    _append(con, folder, location, "ingestions", "SELECT * FROM ingestions")


def rewrite(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    location: SparkLocation,
    table: str,
    keep: str,
    *,
    changed: dict[str, str] | None = None,
) -> None:
    """Write ``table`` again with only its rows where the SQL condition ``keep`` holds (a dataset removed),
    each column in ``changed`` computed by its SQL expression (comments given a touchpoint)."""
    listed = ", ".join(ql(f) for f in parquet_files(location.folder(table)))
    changed = changed or {}
    columns = ", ".join(
        f"{changed[name]} AS {name}" if name in changed else name for name, _ in table_columns()[table]
    )
    query = f"SELECT {columns} FROM read_parquet([{listed}]) WHERE {keep}"
    _append(con, folder, location, table, query, overwrite=True)


def _append(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    location: SparkLocation,
    table: str,
    query: str,
    *,
    overwrite: bool = False,
) -> None:
    path = folder / f"{table}.parquet"
    con.execute(f"COPY ({query}) TO {ql(str(path))} (FORMAT parquet)")
    rows = con.execute(f"SELECT count(*) FROM read_parquet({ql(str(path))})").fetchone()
    if overwrite or (rows and rows[0]):
        insert_parquet(location, table, str(path), overwrite=overwrite)
