"""The warehouse on Apache Spark: ``SAFAR_WAREHOUSE_URL=spark:local[2]?path=/data/safar-spark``.

The URL is ``spark:[MASTER][?path=FOLDER][&spark.KEY=VALUE…]``: ``MASTER`` is a Spark master
(default ``local[*]``), ``FOLDER`` the warehouse folder (default ``SAFAR_HOME/spark``) and any
``spark.*`` key a Spark setting for the session. Each warehouse table is a folder of Parquet files
(``FOLDER/events``, ``FOLDER/customers``, …) registered as an *external* table of the session: no
Hive metastore to keep, any Parquet reader (DuckDB, pandas, another Spark) reads the folder, and a
new process finds the data again just by pointing at it. One session per process, reused; its
tables are refreshed at every open, so a server sees what a CLI process has ingested meanwhile.

>>> loc = SparkLocation.parse("spark:local[2]?path=/data/w&spark.driver.memory=2g", Path("/home"))
>>> loc.master, str(loc.path), loc.conf
('local[2]', '/data/w', (('spark.driver.memory', '2g'),))
>>> SparkLocation.parse("spark:", Path("/home")).path
PosixPath('/home/spark')
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import duckdb

from safar.errors import ConfigError, WarehouseLockedError
from safar.warehouse.schema import LEGACY_REASON, MAP_AS_JSON, create_schema

SCHEME = "spark:"
DEFAULT_MASTER = "local[*]"
# Small shuffles for one machine; a cluster overrides it in the URL (&spark.sql.shuffle.partitions=200).
DEFAULTS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.log.level": "ERROR",
    "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={Path(__file__).with_name('spark-log4j2.properties').as_uri()}",
}
_SPARK_TYPES = {
    "VARCHAR": "STRING",
    "BIGINT": "BIGINT",
    "DOUBLE": "DOUBLE",
    "TIMESTAMP": "TIMESTAMP_NTZ",
    "MAP(VARCHAR, VARCHAR)": "MAP<STRING, STRING>",
}


def is_spark_url(url: str | None) -> bool:
    """``True`` for ``spark:…`` warehouse URLs.

    >>> is_spark_url("spark:local[2]"), is_spark_url("duckdb:///x.duckdb"), is_spark_url(None)
    (True, False, False)
    """
    return bool(url) and str(url).startswith(SCHEME)


@dataclass(frozen=True)
class SparkLocation:
    """Where a Spark warehouse lives: the master to run on and the folder of its tables."""

    master: str
    path: Path
    conf: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, url: str, home: Path) -> SparkLocation:
        body = url.removeprefix(SCHEME)
        master, _, query = body.partition("?")
        path = home / "spark"
        conf: list[tuple[str, str]] = []
        for key, value in parse_qsl(query, keep_blank_values=True):
            if key == "path" and value:
                path = Path(value).expanduser().absolute()
            elif key.startswith("spark.") and value:
                conf.append((key, value))
            else:
                raise ConfigError("warehouse.spark_url", url=url, key=key)
        return cls(master or DEFAULT_MASTER, path, tuple(conf))

    def folder(self, table: str) -> Path:
        return self.path / table


@functools.cache
def table_columns() -> dict[str, list[tuple[str, str]]]:
    """Each warehouse table's ``(column, Spark type)`` pairs, read from the DuckDB schema (one source)."""
    con = duckdb.connect()
    try:
        create_schema(con)
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
    finally:
        con.close()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        out.setdefault(table, []).append((column, _SPARK_TYPES[kind]))
    return out


def parquet_files(folder: Path) -> list[str]:
    """The committed Parquet files of a table folder (Spark's ``_temporary`` and markers left out)."""
    return sorted(str(p) for p in folder.glob("*.parquet"))


class _Process:
    """The one Spark session (and its Ibis backend) of this process, and the folder its tables point at."""

    session: Any = None
    backend: Any = None
    path: Path | None = None
    lock = threading.RLock()  # the web server opens the warehouse from several threads


def _import_pyspark() -> Any:
    try:
        with warnings.catch_warnings():
            # Not Safar's code: PySpark 4 warns at import that it does not fully support pandas 3.
            warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
            import ibis.backends.pyspark  # noqa: F401
            from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("warehouse.spark_missing") from None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise ConfigError("warehouse.spark_java")
    return SparkSession


def session(location: SparkLocation) -> Any:
    """The process's Spark session, started on first use (a stopped one is started again)."""
    with _Process.lock:
        return _session(location)


def _session(location: SparkLocation) -> Any:
    current = _Process.session
    if current is not None and getattr(current.sparkContext, "_jsc", None) is not None:
        return current
    builder = _import_pyspark().builder.master(location.master).appName("safar")
    for key, value in {**DEFAULTS, "spark.sql.warehouse.dir": str(location.path / "_spark")}.items():
        builder = builder.config(key, value)
    for key, value in location.conf:
        builder = builder.config(key, value)
    # Not Safar's code: PySpark 4 warns at every pandas conversion that it does not fully support pandas 3.
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
    started = builder.getOrCreate()
    started.sparkContext.setLogLevel("ERROR")
    _Process.session, _Process.backend, _Process.path = started, None, None
    return started


def connect(location: SparkLocation) -> Any:
    """The Ibis pyspark backend over the process's session, its tables pointing at ``location``."""
    with _Process.lock:
        return _connect(location)


def _connect(location: SparkLocation) -> Any:
    spark = _session(location)
    if _Process.backend is None:
        import ibis

        _Process.backend = ibis.pyspark.connect(spark)
    if _Process.path != location.path:
        upgrade_events_folder(location)
        upgrade_rejected_folder(location)
        for table, columns in table_columns().items():
            folder = location.folder(table)
            folder.mkdir(parents=True, exist_ok=True)
            spec = ", ".join(f"`{name}` {kind}" for name, kind in columns)
            spark.sql(f"DROP TABLE IF EXISTS `{table}`")  # external: the files stay
            spark.sql(f"CREATE TABLE `{table}` ({spec}) USING parquet LOCATION {_literal(str(folder))}")
        _Process.path = location.path
    else:
        for table in table_columns():
            spark.catalog.refreshTable(table)
    return _Process.backend


def upgrade_events_folder(location: SparkLocation) -> int:
    """Rewrite the ``events`` and ``customers`` Parquet files Safar 0.1 wrote (attributes as a map)
    with the attributes as JSON text, as :func:`safar.warehouse.schema.upgrade_events` does for
    DuckDB; returns how many. Each file is rewritten beside itself and then renamed over it,
    under the folder's write lock.
    """
    files = [f for table in ("events", "customers") for f in parquet_files(location.folder(table))]
    with duckdb.connect() as con:
        if not any(_map_attributes(con, f) for f in files):
            return 0
        done = 0
        with write_lock(location):
            for name in files:
                if not _map_attributes(con, name):  # already JSON, or upgraded by another process meanwhile
                    continue
                con.execute(
                    f"COPY (SELECT * REPLACE ({MAP_AS_JSON} AS attributes) FROM read_parquet({_text(name)})) "
                    f"TO {_text(name + '.upgrade')} (FORMAT parquet)"
                )
                os.replace(name + ".upgrade", name)
                done += 1
    return done


def upgrade_rejected_folder(location: SparkLocation) -> int:
    """Rewrite the ``rejected`` Parquet files that keep a reason's message as text with the message as
    legacy reason values, as :func:`safar.warehouse.schema.upgrade_rejected` does for DuckDB; returns how
    many (each rewritten beside itself and renamed over it, under the folder's write lock)."""
    files = parquet_files(location.folder("rejected"))
    with duckdb.connect() as con:
        if not any(_has_message(con, f) for f in files):
            return 0
        done = 0
        with write_lock(location):
            for name in files:
                if not _has_message(con, name):  # upgraded by another process meanwhile
                    continue
                con.execute(
                    f"COPY (SELECT dataset, source, row_number, field, reason, {LEGACY_REASON} AS reason_values, "
                    f"raw, ingested_at FROM read_parquet({_text(name)})) TO {_text(name + '.upgrade')} (FORMAT parquet)"
                )
                os.replace(name + ".upgrade", name)
                done += 1
    return done


def _has_message(con: duckdb.DuckDBPyConnection, path: str) -> bool:
    found = con.execute(f"SELECT name FROM parquet_schema({_text(path)}) WHERE name = 'message'").fetchall()
    return bool(found)


def _map_attributes(con: duckdb.DuckDBPyConnection, path: str) -> bool:
    found = con.execute(
        f"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet({_text(path)})) "
        "WHERE column_name = 'attributes'"
    ).fetchone()
    return found is not None and str(found[0]).upper().startswith("MAP")


def _text(value: str) -> str:
    """A DuckDB string literal."""
    return "'" + value.replace("'", "''") + "'"


def stop() -> None:
    """Stop the process's session (the next open starts a new one)."""
    with _Process.lock:
        if _Process.session is not None:
            _Process.session.stop()
        _Process.session, _Process.backend, _Process.path = None, None, None


def insert_parquet(location: SparkLocation, table: str, files: str, *, overwrite: bool = False) -> None:
    """Append (or with ``overwrite`` replace) ``table``'s rows with those of the Parquet ``files`` (a glob)."""
    spark = session(location)
    columns = table_columns()[table]
    select = ", ".join(f"CAST(`{name}` AS {kind}) AS `{name}`" for name, kind in columns)
    mode = "OVERWRITE TABLE" if overwrite else "INTO"
    spark.sql(f"INSERT {mode} `{table}` SELECT {select} FROM parquet.{_ident(files)}")
    spark.catalog.refreshTable(table)


@contextmanager
def write_lock(location: SparkLocation, *, attempts: int = 6, wait: float = 0.1) -> Iterator[None]:
    """Hold the folder's write lock: one ingestion at a time, as with a DuckDB file.

    Raises :class:`WarehouseLockedError` naming the process that holds it.
    """
    location.path.mkdir(parents=True, exist_ok=True)
    lock = location.path / "_write.lock"
    with lock.open("a+") as handle:
        for attempt in range(attempts):
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == attempts - 1:
                    handle.seek(0)
                    holder = handle.read().strip() or "?"
                    raise WarehouseLockedError(
                        "warehouse.locked", path=str(location.path), pid=holder
                    ) from None
                time.sleep(wait * 2**attempt)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _ident(text: str) -> str:
    return "`" + text.replace("`", "``") + "`"
