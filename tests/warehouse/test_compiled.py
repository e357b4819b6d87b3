"""Compiled SQL kept per expression: the same SQL as Ibis's own compiler, never another expression's."""

from __future__ import annotations

import duckdb
import ibis
from ibis.backends.duckdb import Backend as IbisDuckDB

from safar.events.periods import Calendar, with_period
from safar.warehouse.compiled import SQL, DuckDB, KeptSql


def _tables() -> tuple[DuckDB, IbisDuckDB]:
    raw = duckdb.connect()
    raw.execute("CREATE TABLE events (customer_id VARCHAR, ts TIMESTAMP, activity VARCHAR)")
    raw.execute("INSERT INTO events VALUES ('c1', '2023-03-20 21:00:00', 'buy')")
    return DuckDB.from_connection(raw), IbisDuckDB.from_connection(raw)


def _monthly(con: IbisDuckDB, system: str) -> ibis.Table:
    events = con.table("events")
    dated = with_period(events, "month", Calendar(system, "Asia/Tehran"))
    return dated.group_by("period").agg(customers=dated.customer_id.nunique())


def test_kept_sql_is_ibis_sql_and_runs_the_same() -> None:
    kept, plain = _tables()
    for system in ("jalali", "gregorian"):
        assert kept.compile(_monthly(kept, system)) == plain.compile(_monthly(plain, system))
    before = SQL.hits
    again = _monthly(kept, "jalali")  # built anew: an equal expression, not the same object
    assert kept.compile(again) == plain.compile(_monthly(plain, "jalali"))
    assert SQL.hits == before + 1
    assert again.to_pyarrow().to_pylist() == _monthly(plain, "jalali").to_pyarrow().to_pylist()


def test_another_expression_is_compiled_for_itself() -> None:
    kept, _ = _tables()
    jalali, gregorian = (kept.compile(_monthly(kept, s)) for s in ("jalali", "gregorian"))
    assert jalali != gregorian
    events = kept.table("events")
    assert kept.compile(events.filter(events.activity == "buy")) != kept.compile(
        events.filter(events.activity == "sell")
    )
    # a limit is part of what is compiled
    assert kept.compile(events, limit=1) != kept.compile(events)


def test_the_kept_sql_is_bounded_and_keeps_the_newest() -> None:
    kept = KeptSql(size=2)
    for key in ("a", "b", "c"):
        kept.put(key, f"SELECT '{key}'")
    assert [kept.get("a"), kept.get("b"), kept.get("c")] == [None, "SELECT 'b'", "SELECT 'c'"]
    assert (kept.hits, kept.misses) == (2, 1)
