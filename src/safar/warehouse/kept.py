"""Where the kept journey steps live in a DuckDB warehouse (:mod:`safar.analytics.kept` keeps them).

The table ``kept_steps`` lists them: for each, its table (``kept_steps_<key>``, the steps) and the table of
its customers' fingerprints (``kept_customers_<key>``), its dataset, the stages with data, when it was
made and last read, and the dataset's loads (their count and the newest) when its steps were last
checked. They are derived data: removing a dataset drops its kept steps (:func:`forget`), and a backup
carries them (with the loads they were checked at, so a restored warehouse checks its own).

While a dataset has kept steps, each load of its events notes the customers it wrote to (:data:`LOADED`,
:func:`note_load`): bringing the steps up to date then takes the fingerprints of those customers alone. A
load without its note (one by an earlier Safar, or any other write) has every customer's taken again.
"""

from __future__ import annotations

from typing import Any

REGISTRY = "kept_steps"
REGISTRY_DDL = (
    f"CREATE TABLE IF NOT EXISTS {REGISTRY} (name VARCHAR PRIMARY KEY, dataset VARCHAR NOT NULL, "
    "present VARCHAR NOT NULL, made_at TIMESTAMP NOT NULL, used_at TIMESTAMP NOT NULL, loads VARCHAR)"
)
# A registry made by an earlier Safar lacks ``loads`` (the dataset's loads when its steps were last checked)
# and ``gen`` (how many times the steps were brought up to date since they were made whole).
REGISTRY_COLUMNS = {"loads": "VARCHAR", "gen": "BIGINT NOT NULL DEFAULT 0"}
# The counts kept beside the steps (safar.analytics.kept_counts): their table, whose steps, and the generation
# of the steps they were last brought up to date with.
COUNTS = "kept_counts"
COUNTS_DDL = f"CREATE TABLE IF NOT EXISTS {COUNTS} (name VARCHAR PRIMARY KEY, steps VARCHAR NOT NULL, gen BIGINT NOT NULL)"


# The customers each load wrote to (a row with no customer marks the load as noted), kept while read.
LOADED = "kept_loads"
LOADED_DDL = (
    f"CREATE TABLE IF NOT EXISTS {LOADED} "
    "(dataset VARCHAR NOT NULL, finished_at TIMESTAMP NOT NULL, customer_id VARCHAR)"
)


def note_load(con: Any, dataset: str, finished_at: Any, customers: str) -> None:
    """Inside a load's transaction: note the customers it wrote to (``customers``: a query of their
    ``customer_id``, any of them may be listed twice) when ``dataset`` has kept steps."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if REGISTRY not in tables:
        return
    if not con.execute(f"SELECT 1 FROM {REGISTRY} WHERE dataset = ? LIMIT 1", [dataset]).fetchall():
        return
    con.execute(LOADED_DDL).fetchall()
    con.execute(
        f"INSERT INTO {LOADED} SELECT ?, ?, NULL UNION ALL SELECT DISTINCT ?, ?, customer_id FROM {customers}",
        [dataset, finished_at, dataset, finished_at],
    ).fetchall()


def prints_of(name: str) -> str:
    """The fingerprints table of the kept steps table ``name``."""
    return name.replace("kept_steps_", "kept_customers_", 1)


def changes_of(name: str) -> str:
    """The table of the changes of the kept steps table ``name``: the rows each bringing up to date took out
    (``_sign`` −1) and put in (+1), with its generation (``_gen``), read by the counts kept beside them."""
    return name.replace("kept_steps_", "kept_changes_", 1)


def drop_counts(con: Any, name: str) -> None:
    """Drop the counts kept beside the kept steps table ``name`` and its changes (they are made again from
    the steps when next read)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if COUNTS in tables:
        for (counts,) in con.execute(f"SELECT name FROM {COUNTS} WHERE steps = ?", [name]).fetchall():
            con.execute(f"DROP TABLE IF EXISTS {counts}").fetchall()
        con.execute(f"DELETE FROM {COUNTS} WHERE steps = ?", [name]).fetchall()
    con.execute(f"DROP TABLE IF EXISTS {changes_of(name)}").fetchall()


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
    if LOADED in tables:
        if dataset is None:
            con.execute(f"DELETE FROM {LOADED}").fetchall()
        else:
            con.execute(f"DELETE FROM {LOADED} WHERE dataset = ?", [dataset]).fetchall()
    return len(names)


def drop(con: Any, name: str) -> None:
    """Drop the kept steps table ``name``, its fingerprints, the counts kept beside it and its entry."""
    drop_counts(con, name)
    con.execute(f"DROP TABLE IF EXISTS {name}").fetchall()
    con.execute(f"DROP TABLE IF EXISTS {prints_of(name)}").fetchall()
    con.execute(f"DELETE FROM {REGISTRY} WHERE name = ?", [name]).fetchall()
