"""Removing a dataset from the warehouse (حذف مجموعه داده): its events, customers, comments, quarantine and
load records, all or nothing.

On DuckDB the rows are deleted in one transaction. A Spark warehouse keeps each table as Parquet files that
are only ever appended to, so each table holding the dataset is written again without it, under the
folder's write lock, the load records last (while they remain, the dataset's pages read as before).

>>> import duckdb
>>> from safar.warehouse.schema import create_schema
>>> con = duckdb.connect()
>>> create_schema(con)
>>> _ = con.execute("INSERT INTO customers VALUES ('a', 'c1', NULL), ('b', 'c2', NULL)")
>>> remove_rows(con, "a")
{'events': 0, 'customers': 1, 'comments': 0, 'rejected': 0, 'ingestions': 0}
>>> con.execute("SELECT dataset FROM customers").fetchall()
[('b',)]
"""

from __future__ import annotations

import duckdb

from safar.events.transform import ql
from safar.warehouse import Warehouse
from safar.warehouse.kept import forget

TABLES = ("events", "customers", "comments", "rejected", "ingestions")  # the load records last


def remove_rows(con: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, int]:
    """Delete ``dataset`` from every table of a DuckDB warehouse in one transaction; rows removed per table."""
    removed: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for table in TABLES:
            found = con.execute(f"DELETE FROM {table} WHERE dataset = ?", [dataset]).fetchone()
            removed[table] = int(found[0]) if found else 0
        forget(con, dataset)  # its kept journey steps (derived data) go with it
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return removed


def remove_dataset(warehouse: Warehouse, dataset: str) -> dict[str, int]:
    """Remove ``dataset`` from ``warehouse`` (DuckDB or Spark); rows removed per table."""
    if warehouse.raw is not None:
        return remove_rows(warehouse.raw, dataset)
    if warehouse.spark is not None:
        return _rewrite_spark(warehouse, dataset)
    removed: dict[str, int] = {}
    for table in TABLES:  # another Ibis backend: its own SQL, one statement a table
        chosen = warehouse.con.table(table)
        removed[table] = int(chosen.filter(chosen.dataset == dataset).count().execute())
        warehouse.con.raw_sql(f"DELETE FROM {table} WHERE dataset = {ql(dataset)}")
    return removed


def _rewrite_spark(warehouse: Warehouse, dataset: str) -> dict[str, int]:
    from safar.events.ingest import INGEST_MEMORY
    from safar.events.spark_load import rewrite, scratch
    from safar.warehouse.spark import parquet_files

    location = warehouse.spark
    assert location is not None
    removed: dict[str, int] = {}
    with scratch(location, INGEST_MEMORY) as (con, folder):
        for table in TABLES:
            files = parquet_files(location.folder(table))
            if not files:
                removed[table] = 0
                continue
            listed = "[" + ", ".join(ql(f) for f in files) + "]"
            found = con.execute(
                f"SELECT count(*) FROM read_parquet({listed}) WHERE dataset = {ql(dataset)}"
            ).fetchone()
            removed[table] = int(found[0]) if found else 0
            if removed[table]:
                rewrite(con, folder, location, table, f"dataset <> {ql(dataset)}")
    return removed
