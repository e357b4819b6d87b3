"""Kept journey steps (گام‌های نگه‌داشته): a dataset's steps on a map, kept in the warehouse and brought up
to date customer by customer.

The canvas, the key metrics and "where customers stop" all read the same table: each event bound to the map
with its place on it and what the behaviour metrics read from it (:func:`safar.metrics.behaviour.measured`).
Computing that table is most of each screen's time (its windows sort every event of every customer), so on
DuckDB it is kept, one table per (dataset, binding), and :func:`kept_steps` returns it up to date:

- a customer's rows depend on that customer's events alone (:func:`~safar.metrics.behaviour.customer_steps`,
  :func:`~safar.metrics.behaviour.customer_reach`) and on which stages of the map have data
  (:func:`~safar.metrics.behaviour.with_data_stages`);
- each customer's events are summed up in a fingerprint (their count, and the XOR and the sum of a hash of
  every stored column of each event). After a load of the dataset the fingerprints are taken again: of the
  customers the loads since the last read wrote to, when each of them noted those
  (:func:`safar.warehouse.kept.note_load`), else of every customer (one grouped scan of the dataset, 0.6 s
  at 10 M events); the customers whose fingerprint differs (new, changed or gone) have their rows deleted
  and computed again from their events, the others are kept as they are;
- when the stages with data change, the columns that depend on them are computed again for every row (one
  pass, no sort); when most customers changed, the whole table is made again;
- the binding (stages, touchpoints and rules, in order) names the table: a map bound differently reads
  another, and an edit of the binding starts a new one. At most :data:`KEEP` tables are kept, the ones read
  least recently are dropped.

Each step also says whether it is its customer's first at its touchpoint, in its stage and on the map
(:func:`~safar.metrics.behaviour.first_columns`, customer-local too), so the screens count customers by
counting those rows (:func:`~safar.metrics.behaviour.customer_counts`) instead of a distinct count: at 10 M
events the canvas's per-touchpoint figures take 0.2 s instead of 2.4 s.

Appending a day of events to a year therefore recomputes that day's customers, not the year. On Spark (or
another engine) the steps are computed, as before (:func:`safar.kpis.measures.measured_steps`), each time.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import ibis.expr.types as ir

from safar.analytics._common import (
    POSITION_COLUMNS,
    attribute,
    map_positions,
    position_columns,
    rows,
    with_stage_pos,
)
from safar.analytics.conformance import on_map
from safar.metrics.behaviour import (
    DATA_STAGE_COLUMNS,
    FIRST_COLUMNS,
    customer_reach_columns,
    customer_step_columns,
    first_columns,
    measured,
    with_data_stages,
)
from safar.model import JourneyMap
from safar.warehouse.kept import (
    COUNTS,
    COUNTS_DDL,
    LOADED,
    REGISTRY,
    REGISTRY_COLUMNS,
    REGISTRY_DDL,
    changes_of,
    drop,
    drop_counts,
    prints_of,
)

__all__ = ["KEEP", "Audience", "KeptSteps", "audience_members", "kept_steps", "of_audience"]

KEEP = 8
_HASHED = "event_id, activity, ts, seq, channel, lifecycle, resource, attributes"
_FINGERPRINTS = (
    f"SELECT customer_id, count(*) AS n, bit_xor(hash({_HASHED})) AS x, sum(hash({_HASHED})) AS s "
    "FROM events WHERE dataset = $dataset {theirs} GROUP BY customer_id"
)
_locks: dict[tuple[str, str], threading.Lock] = {}
_locks_lock = threading.Lock()


class KeptSteps:
    """A dataset's measured steps on a map (:attr:`steps`, the columns of
    :func:`safar.kpis.measures.measured_steps`, the customers' positions on the map,
    :func:`safar.analytics._common.map_positions`, and their first steps,
    :func:`safar.metrics.behaviour.first_columns`), with the dataset's ``events`` and ``customers`` counted
    (every event, bound or not) and ``changed``: how many customers were recomputed by this read (``None``
    when the table was made whole). ``table``: the warehouse table they are kept in (``None`` where they
    are computed, not kept: on Spark, or an audience's), which counts can be kept beside
    (:mod:`safar.analytics.kept_counts`)."""

    def __init__(
        self,
        steps: ir.Table,
        events: int,
        customers: int,
        changed: int | None,
        key: str = "",
        table: str | None = None,
    ) -> None:
        self.key = key  # the binding's (binding_key)
        self.table = table
        self.steps = steps
        self.events = events
        self.customers = customers
        self.changed = changed


def binding_key(dataset: str, journey: JourneyMap) -> str:
    """What the steps depend on besides the events: the stages and touchpoints in order and their rules."""
    spec = [
        [stage.id, [[tp.id, [rule.model_dump(mode="json") for rule in tp.bind]] for tp in stage.touchpoints]]
        for stage in journey.stages
    ]
    text = json.dumps({"dataset": dataset, "map": spec}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def kept_steps(warehouse: Any, dataset: str, journey: JourneyMap) -> KeptSteps:
    """The measured steps of ``dataset`` on ``journey``, equal to computing them now from every event;
    read once per open warehouse (a page reads them for several figures)."""
    key = binding_key(dataset, journey)
    memo = getattr(warehouse, "memo", {})
    if ("kept_steps", key) not in memo:
        found = _read(warehouse, dataset, journey, key)
        found.key = key
        memo[("kept_steps", key)] = found
    kept: KeptSteps = memo[("kept_steps", key)]
    return kept


def _read(warehouse: Any, dataset: str, journey: JourneyMap, key: str) -> KeptSteps:
    events = warehouse.events(dataset)  # dataset.not_found when it has no events
    if warehouse.raw is None:  # Spark or another engine: computed each time
        counts = events.agg(events=events.count(), customers=events.customer_id.nunique()).to_pyarrow()
        row = counts.to_pylist()[0]
        steps = measured(map_positions(on_map(events, journey)))
        order = (*measured(on_map(events, journey)).columns, *POSITION_COLUMNS)
        return KeptSteps(steps.select(*order), int(row["events"]), int(row["customers"]), None)
    with steps_lock(warehouse.location, key):
        return _Kept(warehouse, dataset, journey, key).read()


def steps_lock(location: str, key: str) -> threading.Lock:
    """The lock of the kept steps ``key`` of the warehouse at ``location`` (and of the counts kept beside
    them): one reader of this process brings them up to date at a time."""
    with _locks_lock:
        return _locks.setdefault((location, key), threading.Lock())


_COLUMNS: dict[str, tuple[str, ...]] = {}


def _columns(warehouse: Any, journey: JourneyMap, table: str) -> tuple[str, ...]:
    """The columns of the kept steps ``table``: those of the steps computed directly, the positions, the
    first steps (remembered per table: building the expression to read them took 0.15 s a page)."""
    key = f"{table} {warehouse.events().schema()}"
    if key not in _COLUMNS:
        _COLUMNS[key] = (
            *measured(on_map(warehouse.events(), journey)).columns,
            *POSITION_COLUMNS,
            *FIRST_COLUMNS,
        )
    return _COLUMNS[key]


class _Kept:
    def __init__(self, warehouse: Any, dataset: str, journey: JourneyMap, key: str) -> None:
        self.warehouse = warehouse
        self.raw = warehouse.raw
        self.dataset = dataset
        self.journey = journey
        self.table = f"kept_steps_{key}"
        self.prints = prints_of(self.table)
        # The column order of the steps computed directly (the kept table is read in the same order), then
        # the customers' positions on the map (read by the funnel and the paths) and their first steps at
        # each touchpoint, stage and on the map (customers counted without a distinct count).
        self.columns = _columns(warehouse, journey, self.table)

    def read(self) -> KeptSteps:
        self._all(REGISTRY_DDL)
        self._all(COUNTS_DDL)
        have = {
            r[0]
            for r in self._all("SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [REGISTRY])
        }
        for column, kind in REGISTRY_COLUMNS.items():
            if column not in have:
                self._all(f"ALTER TABLE {REGISTRY} ADD COLUMN {column} {kind}")
        found = next(
            iter(self._all(f"SELECT present, loads FROM {REGISTRY} WHERE name = ?", [self.table])), None
        )
        changed: int | None = None
        if found is None or not self._exists() or not self._complete():
            self._make_whole()
        elif found[1] is not None and found[1] == self._loads():
            # Nothing loaded into the dataset since its steps were last checked (every write of events is a
            # load, and removing the dataset drops its steps): each customer's steps are as kept, without
            # taking every customer's fingerprint again (0.6 s at 10 M events, for each screen).
            changed = 0
            now = datetime.now(UTC).replace(tzinfo=None)
            self._all(f"UPDATE {REGISTRY} SET used_at = ? WHERE name = ?", [now, self.table])
        else:
            changed = self._bring_up_to_date(json.loads(found[0]), self._noted(found[1]))
        events, customers = self._all(f"SELECT coalesce(sum(n), 0), count(*) FROM {self.prints}")[0]
        table = self.warehouse.con.table(self.table)
        return KeptSteps(table.select(*self.columns), int(events), int(customers), changed, table=self.table)

    def _all(self, sql: str, parameters: Any = None) -> list[Any]:
        """A query's rows, fetched whole (DuckDB refuses more work on a connection with a result unread)."""
        return list(self.raw.execute(sql, parameters).fetchall())

    def _loads(self) -> str:
        """The dataset's loads in short (how many, and the newest): a new load of events changes it."""
        n, last = self._all(
            "SELECT count(*), max(finished_at) FROM ingestions WHERE dataset = ?", [self.dataset]
        )[0]
        return f"{n} {last}"

    def _complete(self) -> bool:
        """Whether the kept table has every column read (one kept by an earlier Safar may lack some)."""
        found = self._all("SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [self.table])
        return set(self.columns) <= {r[0] for r in found}

    def _exists(self) -> bool:
        names = {r[0] for r in self._all("SELECT table_name FROM duckdb_tables()")}
        return self.table in names and self.prints in names

    def _sql(self, expr: ir.Table) -> str:
        return str(self.warehouse.con.compile(expr))

    def _core(self, events: ir.Table) -> ir.Table:
        # customer_reach(customer_steps(map_positions(on))), with the windows over each customer's events
        # in one pass (one sort), not one pass each: the same columns, about half the time.
        on = on_map(events, self.journey)
        return with_stage_pos(
            on.mutate(
                **position_columns(on),
                **customer_step_columns(on),
                **customer_reach_columns(on),
                **first_columns(on, sum(1 for _ in self.journey.touchpoints()), len(self.journey.stages)),
            )
        )

    def _core_sql(self, changed: str) -> str:
        """The SQL of :meth:`_core` for the customers listed in the table ``changed``: the whole dataset's
        (compiled when the table was made, so kept by :mod:`safar.warehouse.compiled`) reading only their
        events. Compiling an expression of its own took about a second, the first time in a process,
        after every first append."""
        events = self.warehouse.events()
        whole = self._sql(self._core(events.filter(events.dataset == self.dataset)))
        theirs = f"(SELECT * FROM events WHERE customer_id IN (SELECT customer_id FROM {changed}))"
        if whole.count('"events"') == 1:
            return whole.replace('"events"', theirs)
        mine = events.filter(
            (events.dataset == self.dataset)
            & events.customer_id.isin(self.warehouse.con.table(changed).customer_id)
        )
        return self._sql(self._core(mine))

    def _present(self, table: str | None = None) -> list[int]:
        """The stage indices with data in ``table`` (the kept steps by default)."""
        found = self._all(
            f"SELECT DISTINCT stage_index FROM {table or self.table} WHERE stage_index IS NOT NULL ORDER BY 1"
        )
        return [int(r[0]) for r in found]

    def _make_whole(self) -> None:
        """Every customer computed; the fingerprints taken in the same transaction."""
        now = datetime.now(UTC).replace(tzinfo=None)
        fresh = f"_safar_fresh_{self.table}"
        self._all("BEGIN TRANSACTION")
        try:
            # The customers' columns first, then which stages have data read from them: the columns that
            # depend on it are then constants of one projection (computed in SQL, they took a global
            # window over every row, one thread, as long again as the rest).
            core = self._core(self.warehouse.events(self.dataset))
            self._all(f"CREATE OR REPLACE TEMP TABLE {fresh} AS {self._sql(core)}")
            present = self._present(fresh)
            steps = with_data_stages(self.warehouse.con.table(fresh), present)
            self._all(f"CREATE OR REPLACE TABLE {self.table} AS {self._sql(steps)}")
            self._all(f"DROP TABLE {fresh}")
            self._all(
                f"CREATE OR REPLACE TABLE {self.prints} AS {_FINGERPRINTS.format(theirs='')}",
                {"dataset": self.dataset},
            )
            drop_counts(self.raw, self.table)  # counted from the steps made now when next read
            self._all(
                f"INSERT OR REPLACE INTO {REGISTRY} (name, dataset, present, made_at, used_at, loads, gen) "
                "VALUES (?, ?, ?, ?, ?, ?, 0)",
                [self.table, self.dataset, json.dumps(present), now, now, self._loads()],
            )
            self._forget_the_oldest()
            self._all("COMMIT")
        except BaseException:
            self._all("ROLLBACK")
            raise

    def _noted(self, loads: str | None) -> datetime | None:
        """When every load since the steps were last checked (``loads``, as the registry has them) noted the
        customers it wrote to (:func:`safar.warehouse.kept.note_load`): the newest load then, whose later
        loads' customers are the only ones that may have changed. Otherwise ``None``: every customer's
        fingerprint is taken again."""
        before = _newest(loads)
        names = {r[0] for r in self._all("SELECT table_name FROM duckdb_tables()")}
        if before is None or LOADED not in names:
            return None
        count = int(str(loads).partition(" ")[0])
        total, later, noted = self._all(
            "SELECT count(*), count(*) FILTER (WHERE finished_at > $before), count(*) FILTER (WHERE "
            f"finished_at > $before AND finished_at IN (SELECT finished_at FROM {LOADED} "
            "WHERE dataset = $dataset AND customer_id IS NULL)) FROM ingestions WHERE dataset = $dataset",
            {"before": before, "dataset": self.dataset},
        )[0]
        return before if total == count + later and noted == later else None

    def _bring_up_to_date(self, present: list[int], noted: datetime | None) -> int:
        """The customers whose events changed since the last read computed again; how many they were. With
        ``noted`` (:meth:`_noted`), only the customers the later loads wrote to are looked at."""
        changed, loaded = f"_safar_changed_{self.table}", f"_safar_loaded_{self.table}"
        now = datetime.now(UTC).replace(tzinfo=None)
        parameters: dict[str, Any] = {"dataset": self.dataset}
        self._all("BEGIN TRANSACTION")
        try:
            fingerprints, kept = _FINGERPRINTS.format(theirs=""), self.prints
            if noted is not None:
                self._all(
                    f"CREATE OR REPLACE TEMP TABLE {loaded} AS SELECT DISTINCT customer_id FROM {LOADED} "
                    "WHERE dataset = $dataset AND finished_at > $noted AND customer_id IS NOT NULL",
                    {**parameters, "noted": noted},
                )
                theirs = f"customer_id IN (SELECT customer_id FROM {loaded})"
                fingerprints = _FINGERPRINTS.format(theirs=f"AND {theirs}")
                kept = f"(SELECT * FROM {self.prints} WHERE {theirs})"
            self._all(
                f"CREATE OR REPLACE TEMP TABLE {changed} AS SELECT coalesce(c.customer_id, k.customer_id) "
                f"AS customer_id, c.n, c.x, c.s FROM ({fingerprints}) c FULL OUTER JOIN {kept} k "
                "ON c.customer_id = k.customer_id "
                "WHERE c.n IS DISTINCT FROM k.n OR c.x IS DISTINCT FROM k.x OR c.s IS DISTINCT FROM k.s",
                parameters,
            )
            count = int(self._all(f"SELECT count(*) FROM {changed}")[0][0])
            total = int(self._all(f"SELECT count(*) FROM {self.prints}")[0][0])
            if count and count * 2 > total:  # most customers changed: one whole computation costs less
                self._all("ROLLBACK")
                self._make_whole()
                return count
            if count:
                self._recompute(changed, present)
            self._all(
                f"UPDATE {REGISTRY} SET used_at = ?, loads = ? WHERE name = ?",
                [now, self._loads(), self.table],
            )
            self._forget_noted_loads()
            self._all("COMMIT")
        except BaseException:
            self._all("ROLLBACK")
            raise
        finally:
            self._all(f"DROP TABLE IF EXISTS {changed}")
            self._all(f"DROP TABLE IF EXISTS {loaded}")
        return count

    def _forget_noted_loads(self) -> None:
        """The loads' notes that every kept steps of the dataset have read past are deleted."""
        names = {r[0] for r in self._all("SELECT table_name FROM duckdb_tables()")}
        if LOADED not in names:
            return
        found = self._all(f"SELECT loads FROM {REGISTRY} WHERE dataset = ?", [self.dataset])
        read = [when for (loads,) in found if (when := _newest(loads)) is not None]
        if read:
            self._all(
                f"DELETE FROM {LOADED} WHERE dataset = ? AND finished_at <= ?", [self.dataset, min(read)]
            )

    def _recompute(self, changed: str, present: list[int]) -> None:
        fresh, new = f"_safar_fresh_{self.table}", f"_safar_new_{self.table}"
        # With counts kept beside the steps, the rows taken out and put in are written down for them.
        counted = bool(self._all(f"SELECT 1 FROM {COUNTS} WHERE steps = ? LIMIT 1", [self.table]))
        gen = int(self._all(f"SELECT gen FROM {REGISTRY} WHERE name = ?", [self.table])[0][0]) + 1
        changes = changes_of(self.table)
        mine_now = f"FROM {self.table} WHERE customer_id IN (SELECT customer_id FROM {changed})"
        if counted:
            self._all(
                f"CREATE TABLE IF NOT EXISTS {changes} AS SELECT *, 0::BIGINT AS _gen, 0::TINYINT AS _sign "
                f"FROM {self.table} LIMIT 0"
            )
            self._all(f"INSERT INTO {changes} BY NAME SELECT *, {gen} AS _gen, -1 AS _sign {mine_now}")
        self._all(f"DELETE {mine_now}")
        self._all(f"CREATE OR REPLACE TEMP TABLE {fresh} AS {self._core_sql(changed)}")
        now_present = sorted(set(self._present(fresh)) | set(self._present()))
        fresh_table = self.warehouse.con.table(fresh)
        self._all(
            f"CREATE OR REPLACE TEMP TABLE {new} AS {self._sql(with_data_stages(fresh_table, now_present))}"
        )
        self._all(f"INSERT INTO {self.table} BY NAME SELECT * FROM {new}")
        if counted:
            self._all(f"INSERT INTO {changes} BY NAME SELECT *, {gen} AS _gen, 1 AS _sign FROM {new}")
        self._all(f"DROP TABLE {fresh}")
        self._all(f"DROP TABLE {new}")
        if now_present != present:  # which stages have data changed: every row's columns that depend on it
            kept = self.warehouse.con.table(self.table).drop(*DATA_STAGE_COLUMNS)
            again = f"{self.table}_again"
            self._all(f"CREATE OR REPLACE TABLE {again} AS {self._sql(with_data_stages(kept, now_present))}")
            self._all(f"DROP TABLE {self.table}")
            self._all(f"ALTER TABLE {again} RENAME TO {self.table}")
            drop_counts(self.raw, self.table)  # every row changed: counted again when next read
        self._all(f"DELETE FROM {self.prints} WHERE customer_id IN (SELECT customer_id FROM {changed})")
        self._all(f"INSERT INTO {self.prints} SELECT customer_id, n, x, s FROM {changed} WHERE n IS NOT NULL")
        self._all(
            f"UPDATE {REGISTRY} SET present = ?, gen = ? WHERE name = ?",
            [json.dumps(now_present), gen, self.table],
        )

    def _forget_the_oldest(self) -> None:
        """Past :data:`KEEP` kept tables, the ones read least recently are dropped."""
        old = self._all(f"SELECT name FROM {REGISTRY} ORDER BY used_at DESC, name OFFSET {KEEP}")
        for (name,) in old:
            drop(self.raw, name)


def _newest(loads: str | None) -> datetime | None:
    """The newest load of the registry's ``loads`` (``None`` when it has none or does not say)."""
    if loads is None:
        return None
    last = loads.partition(" ")[2]
    return None if last in ("", "None") else datetime.fromisoformat(last)


@dataclass(frozen=True)
class Audience:
    """Whose journeys a map's screens count (a customer-level filter, so no journey is cut): customers whose
    journey on the map **started** (their first event bound to it) at or after ``start`` and before ``end``,
    who have an event on the map **in** ``channel``, and one with each ``segment`` attribute (``KEY``,
    ``VALUE``). Everything else of those customers counts: their whole journeys, before and after.
    ``persona``: the map's persona whose ``data_segment`` the segment conditions are (named, not read, here)."""

    start: datetime | None = None
    end: datetime | None = None
    channel: str | None = None
    segment: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    persona: str | None = None

    def everyone(self) -> bool:
        return self == Audience()


def audience_members(on: ir.Table, audience: Audience) -> ir.Table:
    """The ``customer_id`` of each customer of ``audience``, from the events bound to the map (``on``: rows of
    :func:`safar.analytics.on_map` or the kept steps)."""
    checks: dict[str, ir.Value] = {"_started": on.ts.min()}
    if audience.channel is not None:
        checks["_channel"] = (on.channel == audience.channel).fill_null(False).any()
    for i, (key, value) in enumerate(audience.segment):
        checks[f"_segment{i}"] = (attribute(on, key) == value).fill_null(False).any()
    per = on.group_by("customer_id").agg(**checks)
    keep = [per[name] for name in checks if name != "_started"]
    if audience.start is not None:
        keep.append(per._started >= audience.start)
    if audience.end is not None:
        keep.append(per._started < audience.end)
    return per.filter(*keep).select("customer_id") if keep else per.select("customer_id")


def of_audience(warehouse: Any, dataset: str, kept: KeptSteps, audience: Audience) -> KeptSteps:
    """The kept steps of ``audience``'s customers alone, as if the data held nothing else: which stages have
    data (and so who dropped off or completed) is read from their events; each customer's own columns
    (positions, next event, reach) are theirs whatever the others do, so they are read as kept. Kept for
    the open warehouse (the screen's aggregations then read a table of those customers only)."""
    if audience.everyone():
        return kept
    memo = getattr(warehouse, "memo", {})
    if ("audience", kept.key, audience) not in memo:
        memo[("audience", kept.key, audience)] = _of_audience(warehouse, dataset, kept, audience)
    found: KeptSteps = memo[("audience", kept.key, audience)]
    return found


def _of_audience(warehouse: Any, dataset: str, kept: KeptSteps, audience: Audience) -> KeptSteps:
    members = warehouse.materialise(audience_members(kept.steps, audience))
    mine = kept.steps.filter(kept.steps.customer_id.isin(members.customer_id))
    present = [
        int(r["stage_index"])
        for r in rows(mine.select("stage_index").distinct())
        if r["stage_index"] is not None
    ]
    steps = with_data_stages(mine.drop(*DATA_STAGE_COLUMNS), present).select(*kept.steps.columns)
    events = warehouse.events()  # the dataset was checked when its steps were kept
    theirs = events.filter((events.dataset == dataset) & events.customer_id.isin(members.customer_id))
    counted = rows(theirs.agg(n=theirs.count()))[0]["n"]
    customers = rows(members.agg(n=members.count()))[0]["n"]
    return KeptSteps(
        warehouse.materialise(steps), int(counted or 0), int(customers or 0), kept.changed, kept.key
    )
