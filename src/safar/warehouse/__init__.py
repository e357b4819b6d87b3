"""The analytical warehouse: events, customers, the quarantine and the ingestion log.

DuckDB in ``SAFAR_HOME`` by default; ``SAFAR_WAREHOUSE_URL`` selects another Ibis
backend, or Apache Spark with ``spark:MASTER?path=FOLDER`` (:mod:`safar.warehouse.spark`). A DuckDB file admits one writing process at a time, so every open goes
through :func:`connect_duckdb`, which retries briefly and then says who holds the
lock instead of failing with a raw lock error.

>>> import tempfile
>>> from safar.config import Settings
>>> with open_warehouse(Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()})) as wh:
...     wh.raw.execute("SELECT count(*) FROM events").fetchone()
(0,)
"""

from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import duckdb
import ibis

from safar.config import Settings
from safar.errors import ConfigError, NotFoundError, WarehouseLockedError
from safar.warehouse.compiled import DuckDB
from safar.warehouse.schema import EVENT_COLUMNS, create_schema
from safar.warehouse.spark import SparkLocation, is_spark_url

__all__ = ["EVENT_COLUMNS", "DatasetInfo", "Warehouse", "connect_duckdb", "open_warehouse"]

_HOLDER = re.compile(r"\(PID (\d+)\)")


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    events: int
    customers: int
    activities: int
    first: datetime | None
    last: datetime | None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("first", "last"):
            data[key] = data[key].isoformat() if data[key] is not None else None
        return data


WAIT_SECONDS = 3.0  # how long a program waits for the embedded warehouse another holds (SAFAR_WAREHOUSE_WAIT)


def warehouse_wait() -> float:
    """Seconds to wait for the embedded warehouse while another program holds it: ``SAFAR_WAREHOUSE_WAIT``,
    else :data:`WAIT_SECONDS` (the server's pages). The command line sets 120 unless it is given: the server's
    reads are short, so the warehouse comes free between them for an ingest run beside it."""
    raw = os.environ.get("SAFAR_WAREHOUSE_WAIT", "").strip()
    if not raw:
        return WAIT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86_400:
        raise ConfigError("warehouse.bad_wait", value=raw)
    return seconds


def connect_duckdb(path: Path, *, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file at ``path`` (creating its folder), trying again for ``wait`` seconds (default
    :func:`warehouse_wait`) while another process writes; ``0``: once only.

    Raises :class:`WarehouseLockedError` naming the process that holds the lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (warehouse_wait() if wait is None else wait)
    pause = 0.05
    while True:
        try:
            con = duckdb.connect(str(path))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                found = _HOLDER.search(str(exc))
                raise WarehouseLockedError(
                    "warehouse.locked", path=str(path), pid=found.group(1) if found else "?"
                ) from None
            # a short, uneven pause: another's reads are short, and two waiting programs must not keep step
            time.sleep(min(pause * random.uniform(0.5, 1.5), max(deadline - time.monotonic(), 0.0)))
            pause = min(pause * 2, 0.5)
        else:
            con.execute("SET TimeZone = 'UTC'")
            return con


class Warehouse:
    """An open warehouse; ``con`` is the Ibis backend, ``raw`` the DuckDB connection when there is one,
    ``spark`` where the Spark warehouse lives when it is one."""

    def __init__(
        self,
        con: Any,
        settings: Settings,
        raw: duckdb.DuckDBPyConnection | None = None,
        spark: SparkLocation | None = None,
    ) -> None:
        self.con = con
        self.settings = settings
        self.raw = raw
        self.spark = spark
        self._kept: list[ibis.Table] = []
        # What was computed once for this open warehouse and is read again by the same page (the kept
        # journey steps of a dataset on a map: safar.analytics.kept), dropped with it.
        self.memo: dict[Any, Any] = {}
        # The dataset names its reader may see (a workspace's, set by safar.context.Context.warehouse): an
        # error that lists datasets lists only these. None: every one (a program holding the whole warehouse).
        self.visible: Callable[[], Iterable[str]] | None = None

    def known(self, names: Iterable[str]) -> list[str]:
        """Of ``names``, those its reader may see, sorted; ``["-"]`` when none."""
        allowed = None if self.visible is None else set(self.visible())
        shown = sorted({n for n in names if allowed is None or n in allowed})
        return shown or ["-"]

    @property
    def location(self) -> str:
        return self.settings.warehouse_url or str(self.settings.warehouse_path)

    def events(self, dataset: str | None = None) -> ibis.Table:
        """The ``events`` table, filtered to ``dataset`` when given (which must have events)."""
        table = self.con.table("events")
        if dataset is None:
            return table
        chosen = table.filter(table.dataset == dataset)
        if chosen.limit(1).count().to_pyarrow().as_py() == 0:
            known = self.known(info.name for info in self.datasets())
            raise NotFoundError("dataset.not_found", dataset=dataset, known=known)
        return chosen

    def datasets(self) -> list[DatasetInfo]:
        """Every dataset with events, with its counts and time span, by name."""
        t = self.con.table("events")
        summary = (
            t.group_by("dataset")
            .aggregate(
                events=t.count(),
                customers=t.customer_id.nunique(),
                activities=t.activity.nunique(),
                first=t.ts.min(),
                last=t.ts.max(),
            )
            .order_by("dataset")
        )
        rows = summary.to_pyarrow().to_pylist()
        return [
            DatasetInfo(
                name=r["dataset"],
                events=int(r["events"]),
                customers=int(r["customers"]),
                activities=int(r["activities"]),
                first=r["first"],
                last=r["last"],
            )
            for r in rows
        ]

    def materialise(self, expr: ibis.Table) -> ibis.Table:
        """``expr`` computed once and kept until the warehouse closes, for a page that reads it many times.

        A temporary table where the backend has them (DuckDB; Ibis's own ``cache().release()`` fails
        there with the locked sqlglot, which renders its DROP without the table's name); Spark's cached
        DataFrame elsewhere, released (unpersisted) on close."""
        if self.spark is None:
            return self.con.create_table(f"_safar_tmp_{uuid4().hex}", expr, temp=True)
        cached = expr.cache()
        self._kept.append(cached)
        return cached

    def close(self) -> None:
        self.memo.clear()
        for cached in self._kept:
            cached.release()
        self._kept.clear()
        disconnect = getattr(self.con, "disconnect", None)
        if disconnect is not None and self.spark is None:  # the Spark session serves the whole process
            disconnect()
        if self.raw is not None:
            self.raw.close()
            self.raw = None

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_warehouse(settings: Settings, *, wait: bool = True) -> Warehouse:
    """Open (and create when missing) the warehouse that ``settings`` names. While another program writes
    the embedded warehouse, wait a few seconds for it, or with ``wait=False`` not at all; then raise
    :class:`WarehouseLockedError`."""
    url = settings.warehouse_url
    if url and is_spark_url(url):
        from safar.warehouse import spark

        location = SparkLocation.parse(url, settings.home)
        return Warehouse(spark.connect(location), settings, spark=location)
    if url and not url.startswith("duckdb://"):
        backend = ibis.connect(url)
        raw = backend.con if getattr(backend, "name", "") == "duckdb" else None
        if raw is not None:
            create_schema(raw)
        return Warehouse(backend, settings, raw)
    path = Path(url.removeprefix("duckdb://")) if url else settings.warehouse_path
    raw = connect_duckdb(path, wait=None if wait else 0)
    # The whole database's bound (one per process): analytics over tens of millions of events spill to
    # disk rather than take the machine (a page's first computation at 10 M events peaked at 8.7 GB).
    raw.execute(f"SET memory_limit = '{settings.warehouse_memory}'")
    create_schema(raw)
    return Warehouse(DuckDB.from_connection(raw), settings, raw)
