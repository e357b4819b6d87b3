"""Kept counts (شمارش‌های نگه‌داشته): a screen's counts of customers, kept beside the kept journey steps and
brought up to date by the changed customers' rows alone.

The journeys screen's funnel, journeys (variants) and stops count customers per group of the kept steps
(:mod:`safar.analytics.kept`). Each customer's contribution to those counts depends on their own steps
only, so for customers split into any two sets the counts of all are the sums of the counts of each: the
counts are **additive over customers**. :func:`counted` keeps ``counts(steps)`` in a warehouse table and,
when the steps were brought up to date since (new events of some customers), adds the counts of those
customers' rows now and takes away the counts of their rows as they were; the other customers' rows are
not read. Appending a day of events to a year then counts that day's customers, not the year.

- ``counts`` must be additive over customers: counts of rows or of distinct customers, and sums, per group;
  not a median, a minimum or a share (read those from the steps, or compute them from the counts).
- A group whose counts all come to zero is dropped (no customer is in it any more); a direct computation
  has no such group either, except a grouping without keys over no rows, which readers take as zeros.
- The steps' changes are written down while counts are kept beside them
  (:func:`safar.warehouse.kept.changes_of`); counts that fell more than :data:`BEHIND` generations behind,
  and every count when the steps are made whole or which stages have data changes (a column of every row),
  are counted again from the steps.
- Where the steps are not kept (Spark, an audience's steps) the counts are computed from them each time:
  the same numbers.

>>> BEHIND
16
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import ibis.expr.types as ir
from ibis.backends.sql.datatypes import DuckDBType

from safar.analytics.kept import KeptSteps, steps_lock
from safar.warehouse.kept import COUNTS, COUNTS_DDL, REGISTRY, changes_of

__all__ = ["BEHIND", "Counter", "counted", "counter"]

BEHIND = 16
# How a screen reads a table of counts additive over customers: ``count(counts, keys)`` is
# ``counts(steps)`` grouped by ``keys``, computed from the steps or kept beside them (:func:`counter`).
Counter = Callable[[Callable[[ir.Table], ir.Table], Sequence[str]], ir.Table]


def counted(
    warehouse: Any, kept: KeptSteps, counts: Callable[[ir.Table], ir.Table], keys: Sequence[str]
) -> ir.Table:
    """``counts(kept.steps)``: its rows grouped by ``keys``, every other column a count additive over
    customers; read from a kept table when the steps are kept (see the module docstring)."""
    if kept.table is None or warehouse.raw is None:
        return counts(kept.steps)
    with steps_lock(warehouse.location, kept.key):
        return _Counts(warehouse, kept, counts, list(keys)).read()


def counter(warehouse: Any, kept: KeptSteps) -> Counter:
    """:func:`counted` for ``kept``: what a screen hands to a function that reads counts of its steps."""
    return lambda counts, keys: counted(warehouse, kept, counts, keys)


class _Counts:
    def __init__(
        self, warehouse: Any, kept: KeptSteps, counts: Callable[[ir.Table], ir.Table], keys: list[str]
    ) -> None:
        self.warehouse = warehouse
        self.raw = warehouse.raw
        self.kept = kept
        self.counts = counts
        self.keys = keys
        self.expr = counts(kept.steps)
        sql = self._sql(self.expr)
        # The definition names the table: counts defined otherwise (another Safar) are counted anew.
        self.name = f"kept_counts_{kept.key}_{hashlib.sha256(sql.encode()).hexdigest()[:16]}"
        self.values = [c for c in self.expr.columns if c not in keys]

    def _all(self, sql: str, parameters: Any = None) -> list[Any]:
        return list(self.raw.execute(sql, parameters).fetchall())

    def _sql(self, expr: ir.Table) -> str:
        return str(self.warehouse.con.compile(expr))

    def read(self) -> ir.Table:
        assert self.kept.table is not None
        self._all(COUNTS_DDL)
        steps_gen = self._all(f"SELECT gen FROM {REGISTRY} WHERE name = ?", [self.kept.table])
        now = int(steps_gen[0][0]) if steps_gen else 0
        found = self._all(f"SELECT gen FROM {COUNTS} WHERE name = ?", [self.name])
        tables = {r[0] for r in self._all("SELECT table_name FROM duckdb_tables()")}
        if not found or self.name not in tables or int(found[0][0]) < now - BEHIND:
            self._write(self._sql(self.expr), now)
        elif int(found[0][0]) < now:
            self._bring_up_to_date(int(found[0][0]), now)
        return self._stored()

    def _stored(self) -> ir.Table:
        # A sum is stored as DuckDB's wider integer (Ibis takes the cast to its own int64 as said already):
        # read as the counts' own types.
        stored = self.warehouse.con.table(self.name).select(*self.expr.columns)
        wanted = self.expr.schema()
        return stored if stored.schema() == wanted else stored.cast(wanted)

    def _write(self, sql: str, gen: int) -> None:
        """The counts made from ``sql`` kept, at generation ``gen`` of the steps."""
        self._all("BEGIN TRANSACTION")
        try:
            self._all(f"CREATE OR REPLACE TABLE {self.name}_new AS {sql}")
            self._all(f"DROP TABLE IF EXISTS {self.name}")
            self._all(f"ALTER TABLE {self.name}_new RENAME TO {self.name}")
            self._all(f"INSERT OR REPLACE INTO {COUNTS} VALUES (?, ?, ?)", [self.name, self.kept.table, gen])
            self._forget_changes_read()
            self._all("COMMIT")
        except BaseException:
            self._all("ROLLBACK")
            raise

    def _bring_up_to_date(self, since: int, now: int) -> None:
        """The counts of the customers changed after generation ``since`` taken away as their rows were
        then, and added as their rows are now."""
        self._write(self._merged(since, now), now)

    def _changed_rows(self, since: int, now: int, sign: int) -> str:
        """A query of the rows of each customer changed after generation ``since``: as they were then
        (``sign`` −1), the rows taken out by their first change after it (none for a customer who was new
        then); or as they are (+1), the rows put in by their last (none for one whose events are gone).
        Read from the changes, not the steps."""
        assert self.kept.table is not None
        changes = changes_of(self.kept.table)
        columns = ", ".join(_q(c) for c in self.kept.steps.columns)
        if now == since + 1:  # one change to read: its own rows
            return f"SELECT {columns} FROM {changes} WHERE _gen = {now} AND _sign = {sign}"
        pick = "min" if sign < 0 else "max"
        return (
            f"SELECT {columns} FROM {changes} c SEMI JOIN (SELECT customer_id, {pick}(_gen) AS g FROM {changes} "
            f"WHERE _gen > {since} GROUP BY customer_id) f ON c.customer_id = f.customer_id AND c._gen = f.g "
            f"WHERE c._sign = {sign}"
        )

    def _merged(self, since: int, now: int) -> str:
        """The kept counts plus the counts of the changed customers' rows now, minus those of their rows
        then, per group; groups whose counts come to zero left out.

        Written as SQL around the counts' own SQL with the steps' table replaced by the changed rows (they
        have the steps' columns): no Ibis expression is compiled at this point (compiling the counts of a
        new table took about 0.1 s each, the first time in a process, longer than counting them)."""
        assert self.kept.table is not None
        kept_sql = self._sql(self.expr)
        quoted = f'"{self.kept.table}"'
        plus_rows, minus_rows = self._changed_rows(since, now, 1), self._changed_rows(since, now, -1)
        if quoted in kept_sql:
            plus = kept_sql.replace(quoted, f"({plus_rows})")
            minus = kept_sql.replace(quoted, f"({minus_rows})")
        else:  # the counts do not read the steps' table by name: compiled over the changed rows
            con = self.warehouse.con
            plus = self._sql(self.counts(con.sql(plus_rows).select(*self.kept.steps.columns)))
            minus = self._sql(self.counts(con.sql(minus_rows).select(*self.kept.steps.columns)))
        types = self.expr.schema()
        columns = self.expr.columns
        names = ", ".join(_q(c) for c in columns)
        negated = ", ".join(_q(c) if c in self.keys else f"-{_q(c)} AS {_q(c)}" for c in columns)
        summed = ", ".join(
            _q(c)
            if c in self.keys
            else f"CAST(coalesce(sum({_q(c)}), 0) AS {DuckDBType.to_string(types[c])}) AS {_q(c)}"
            for c in columns
        )
        group = f" GROUP BY {', '.join(_q(k) for k in self.keys)}" if self.keys else ""
        nonzero = " OR ".join(f"coalesce(sum({_q(v)}), 0) <> 0" for v in self.values)
        return (
            f"SELECT {summed} FROM (SELECT {names} FROM {self.name} "
            f"UNION ALL SELECT {names} FROM ({plus}) "
            f"UNION ALL SELECT {negated} FROM ({minus})){group} HAVING {nonzero}"
        )

    def _forget_changes_read(self) -> None:
        """The changes every kept count has read, and the counts too far behind to be brought up to date."""
        assert self.kept.table is not None
        changes = changes_of(self.kept.table)
        now = self._all(f"SELECT gen FROM {REGISTRY} WHERE name = ?", [self.kept.table])
        gen = int(now[0][0]) if now else 0
        for (name,) in self._all(
            f"SELECT name FROM {COUNTS} WHERE steps = ? AND gen < ?", [self.kept.table, gen - BEHIND]
        ):
            self._all(f"DROP TABLE IF EXISTS {name}")
            self._all(f"DELETE FROM {COUNTS} WHERE name = ?", [name])
        if changes in {r[0] for r in self._all("SELECT table_name FROM duckdb_tables()")}:
            self._all(
                f"DELETE FROM {changes} WHERE _gen <= (SELECT coalesce(min(gen), 0) FROM {COUNTS} "
                "WHERE steps = ?)",
                [self.kept.table],
            )


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
