"""Each analytics expression is turned into SQL once per process, however often it runs.

Ibis compiles an expression to SQL through a chain of rewrites whose cost grows with the expression:
a journey's steps with Jalali periods in Tehran time take about 0.1 s to compile and a few
milliseconds to run on the demo's data, so a key-metrics screen (36 small queries) spent 3.6 s of its
4.4 s in Ibis's compiler. The same expressions come back all the time: the Persian and the English
page of a map ask the same questions of the same tables, a recomputation after new data asks the same
questions again, and so does each worker of the results runner.

An Ibis expression is an immutable tree with a structural hash and equality, and its SQL depends on
nothing else (the tables it names and their schemas are part of the tree; the connection it will run
on is not: every DuckDB warehouse Safar opens is the same kind of backend). So the SQL is kept per
expression in a bounded, thread-safe table (:class:`KeptSql`) shared by every backend of a class,
and :class:`CompilesOnce` puts it in front of a backend's ``compile``. Calls with parameters are
compiled each time (their values are bound at compile time).

>>> import ibis, pyarrow as pa
>>> con = DuckDB.from_connection(__import__("duckdb").connect())
>>> t = ibis.memtable(pa.table({"x": [1, 2, 3]}))
>>> before = SQL.hits
>>> con.compile(t.x.sum()) == con.compile(t.x.sum()), SQL.hits - before
(True, 1)
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from ibis.backends.duckdb import Backend as _DuckDBBackend

from safar.bounded import Bounded

__all__ = ["SQL", "CompilesOnce", "DuckDB", "KeptSql"]


class KeptSql(Bounded[Hashable, str]):
    """The SQL of the ``size`` expressions compiled most recently, by (backend class, expression)."""

    def __init__(self, size: int = 1024) -> None:
        super().__init__(size)


SQL = KeptSql()


class CompilesOnce:
    """A backend mixin: ``compile`` answers from :data:`SQL` when the expression was compiled before."""

    def compile(
        self,
        expr: Any,
        /,
        *,
        limit: int | None = None,
        params: Mapping[Any, Any] | None = None,
        pretty: bool = False,
    ) -> str:
        base: Any = super()
        if params:
            return str(base.compile(expr, limit=limit, params=params, pretty=pretty))
        key = (type(self), type(expr), expr.op(), limit, pretty)
        sql = SQL.get(key)
        if sql is None:
            sql = str(base.compile(expr, limit=limit, pretty=pretty))
            SQL.put(key, sql)
        return sql


class DuckDB(CompilesOnce, _DuckDBBackend):  # type: ignore[misc]
    """Ibis's DuckDB backend, compiling each expression once (:class:`CompilesOnce`)."""
