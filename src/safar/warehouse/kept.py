"""Where the kept journey steps live in a DuckDB warehouse (:mod:`safar.analytics.kept` keeps them).

The table ``kept_steps`` lists them: for each, its table (``kept_steps_<key>``, the steps) and the table of
its customers' fingerprints (``kept_customers_<key>``), its dataset, the stages with data and when it was
made and last read. They are derived data: removing a dataset drops its kept steps (:func:`forget`), and a
backup carries them (they are checked against the events on their next read anyway).
"""

from __future__ import annotations

from typing import Any

REGISTRY = "kept_steps"
REGISTRY_DDL = (
    f"CREATE TABLE IF NOT EXISTS {REGISTRY} (name VARCHAR PRIMARY KEY, dataset VARCHAR NOT NULL, "
    "present VARCHAR NOT NULL, made_at TIMESTAMP NOT NULL, used_at TIMESTAMP NOT NULL)"
)


def prints_of(name: str) -> str:
    """The fingerprints table of the kept steps table ``name``."""
    return name.replace("kept_steps_", "kept_customers_", 1)


def forget(con: Any, dataset: str | None = None) -> int:
    """Drop the kept steps of ``dataset`` (of every dataset: ``None``) on a raw DuckDB connection, inside
    the caller's transaction; how many were dropped."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if REGISTRY not in tables:
        return 0
    if dataset is None:
        names = [r[0] for r in con.execute(f"SELECT name FROM {REGISTRY}").fetchall()]
    else:
        names = [
            r[0] for r in con.execute(f"SELECT name FROM {REGISTRY} WHERE dataset = ?", [dataset]).fetchall()
        ]
    for name in names:
        drop(con, name)
    return len(names)


def drop(con: Any, name: str) -> None:
    """Drop the kept steps table ``name``, its fingerprints and its entry."""
    con.execute(f"DROP TABLE IF EXISTS {name}").fetchall()
    con.execute(f"DROP TABLE IF EXISTS {prints_of(name)}").fetchall()
    con.execute(f"DELETE FROM {REGISTRY} WHERE name = ?", [name]).fetchall()
