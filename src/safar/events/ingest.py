"""Ingest one file of events into the warehouse, accounting for every row.

``read == loaded + duplicates + rejected``: rows already in the dataset (same
event id when the file has an id column, else the same content: customer, activity,
time, channel, lifecycle, resource and attributes, compared as a multiset so identical
rows repeated within the file stay distinct events) are duplicates, rows that cannot become
events go to the ``rejected`` table with their row number, field and reason. The quarantine keeps the latest ingestion of each
source, so fixing a file and ingesting it again leaves only what is still wrong.
A Spark warehouse gets the same ingestion through a scratch DuckDB (:mod:`safar.events.spark_load`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb

from safar.config import Settings
from safar.errors import ConfigError, InputError
from safar.events import spark_load
from safar.events.dates import TimeReading
from safar.events.readers import load_csv, load_excel, load_jsonl, load_parquet
from safar.events.stage import Progress, Stage
from safar.events.threads import pair_threads
from safar.events.transform import ql
from safar.events.xes import load_xes
from safar.warehouse import Warehouse, connect_duckdb
from safar.warehouse.kept import note_load
from safar.warehouse.schema import CONTENT, EVENT_COLUMNS, create_schema
from safar.warehouse.spark import SparkLocation, is_spark_url

FORMATS = ("csv", "xlsx", "parquet", "jsonl", "xes")
INGEST_MEMORY = os.environ.get("SAFAR_INGEST_MEMORY", "2GB")
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xes": "xes",
}


@dataclass(frozen=True)
class IngestReport:
    """What one ingestion did; ``columns`` says which source column took which role, ``reading``
    how the file was read: its encoding, the calendar and time zone of its times."""

    dataset: str
    source: str
    read: int
    loaded: int
    duplicates: int
    rejected: int
    quarantine: str = "rejected"
    columns: dict[str, str] = field(default_factory=dict)
    reading: dict[str, str] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The JSON the CLI prints with ``--json``."""
        return {
            k: v
            for k, v in asdict(self).items()
            if k in ("read", "loaded", "duplicates", "rejected", "quarantine")
        }

    def described(self) -> dict[str, Any]:
        """The counts, and how the file was read: which column took which role, its encoding, calendar
        and time zone (what ``--json`` prints)."""
        return {**self.summary(), "columns": self.columns, "reading": self.reading}


def detect_format(path: Path) -> str:
    """The format a file's name says; gzipped text (``.csv.gz``, ``.jsonl.gz``, ``.xes.gz``) is read as its
    inner name says (a bare ``.gz`` says nothing of what it holds, and is refused rather than guessed).

    >>> [detect_format(Path(n)) for n in ("a.csv.gz", "b.xes.gz", "d.ndjson.gz", "e.XLSX")]
    ['csv', 'xes', 'jsonl', 'xlsx']
    """
    name = path.name.lower()
    inner = Path(name[:-3]) if name.endswith(".gz") else Path(name)
    fmt = _SUFFIXES.get(inner.suffix)
    if fmt is None or (name.endswith(".gz") and fmt not in ("csv", "jsonl", "xes")):
        raise InputError("events.unknown_format", path=str(path), formats=list(FORMATS))
    return fmt


def _check_tz(tz: str) -> str:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError("events.bad_timezone", tz=tz) from None
    return tz


def ingest_file(
    target: Warehouse | Settings,
    path: str | os.PathLike[str],
    *,
    dataset: str,
    format: str | None = None,
    customer_col: str | None = None,
    time_col: str | None = None,
    activity_col: str | None = None,
    channel_col: str | None = None,
    id_col: str | None = None,
    reply_to_col: str | None = None,
    inbound_col: str | None = None,
    tz: str = "UTC",
    delimiter: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    calendar: str = "auto",
    time_format: str | None = None,
    sheet: str | None = None,
    source_name: str | None = None,
) -> IngestReport:
    """Read ``path`` into ``dataset`` of the warehouse; see the module doc for the accounting.

    Times are read by :mod:`safar.events.dates` (``calendar``, ``time_format``; naive ones in ``tz``).
    ``source_name`` is how the import and its quarantine name the file (default: its absolute path): an
    upload is named as it was sent, and a file sent again replaces its earlier quarantine.
    ``reply_to_col`` names the column of the message each row replies to: conversation threads are then
    paired into request → response (:mod:`safar.events.threads`; needs ``id_col``), told apart by
    ``inbound_col`` (true: the customer's message) when given, else by author.
    """
    source = Path(path).expanduser().absolute()
    if not source.is_file():
        raise InputError("events.file_not_found", path=str(source))
    if not dataset.strip() or len(dataset) > 200:
        raise InputError("events.bad_dataset", dataset=dataset)
    fmt = format.lower() if format else detect_format(source)
    if fmt not in FORMATS:
        raise InputError("events.unknown_format", path=str(source), formats=list(FORMATS))
    _check_tz(tz)
    reading = TimeReading(tz=tz, calendar=calendar, time_format=time_format).checked()
    given = {
        "customer": customer_col,
        "time": time_col,
        "activity": activity_col,
        "channel": channel_col,
        "id": id_col,
        "reply_to": reply_to_col or None,
        "inbound": inbound_col or None,
    }
    if given["inbound"] and not given["reply_to"]:
        raise InputError("events.inbound_needs_reply", column=given["inbound"])
    if given["reply_to"] and fmt == "xes":
        raise InputError("events.reply_not_in_xes", path=str(source))
    if given["reply_to"] and not id_col:
        raise InputError("events.reply_needs_id", column=given["reply_to"])
    # The file's SHA-256 (for the ingestion record) is read on a second thread meanwhile: hashlib
    # releases the GIL, and DuckDB's statements keep waiting on I/O and single-threaded stretches.
    hashing = ThreadPoolExecutor(max_workers=1)
    digest = hashing.submit(_digest, source)
    try:
        return _ingest(
            target,
            source,
            fmt,
            dataset,
            given,
            reading,
            (delimiter, encoding, sheet),
            progress,
            digest,
            source_name or str(source),
        )
    finally:
        hashing.shutdown(wait=True)


def _ingest(
    target: Warehouse | Settings,
    source: Path,
    fmt: str,
    dataset: str,
    given: dict[str, str | None],
    reading: TimeReading,
    layout: tuple[str | None, str | None, str | None],
    progress: Progress | None,
    digest: Future[str],
    name: str,
) -> IngestReport:
    delimiter, encoding, sheet = layout
    with _connection(target) as (con, spark):
        create_schema(con)
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET enable_progress_bar = false")  # the CLI draws its own
        started = datetime.now(UTC).replace(tzinfo=None)
        known = spark_load.KNOWN if spark else ("events", "customers")
        # A dataset without events takes its valid rows straight into ``events`` (see safar.events.stage),
        # inside the one transaction that _commit ends.
        earlier = _has_events(con, known[0], dataset)
        # Threads are paired over the whole file once it is staged: the stage keeps every row then.
        threads = bool(given.get("reply_to"))
        direct = not earlier and not threads
        if direct:
            con.execute("BEGIN TRANSACTION")
        stage: Stage | None = None
        try:
            stage = Stage(
                con,
                tz=reading.tz,
                reading=reading,
                source=str(source),
                progress=progress,
                total=source.stat().st_size,
                direct=dataset if direct else None,
            )
            stage.keep_raw = threads
            customers: list[tuple[str, dict[str, str]]] = []
            if fmt == "csv":
                roles = load_csv(stage, str(source), given=given, delimiter=delimiter, encoding=encoding)
            elif fmt == "xlsx":
                roles = load_excel(stage, str(source), given=given, sheet=sheet)
            elif fmt == "jsonl":
                roles = load_jsonl(stage, str(source), given=given)
            elif fmt == "parquet":
                roles = load_parquet(stage, str(source), given=given)
            else:
                roles, customers = load_xes(stage, str(source))
            stage.flush()
            if threads:
                pair_threads(
                    con,
                    stage.name,
                    roles=roles,
                    dataset=dataset,
                    known=known[0] if earlier else None,
                    derive_activity="activity" not in roles,
                )
        except BaseException:
            if direct:
                con.execute("ROLLBACK")
            raise
        finally:
            if stage is not None:
                stage.close()
        read, loaded, duplicates, rejected = _commit(
            con,
            stage,
            dataset,
            name,
            customers,
            started,
            digest.result(),
            by_content="id" not in roles,
            known=known,
        )
        if spark:
            location, folder = spark
            spark_load.publish(con, folder, location, dataset, name)
        used = {
            "encoding": stage.encoding_label,
            "calendar": stage.calendar or "gregorian",
            "tz": reading.tz,
        }
        if reading.time_format:
            used["time_format"] = reading.time_format
        return IngestReport(dataset, name, read, loaded, duplicates, rejected, columns=roles, reading=used)


@contextmanager
def _connection(
    target: Warehouse | Settings,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, tuple[SparkLocation, Path] | None]]:
    """The DuckDB connection to ingest through, and for a Spark warehouse its location and scratch folder."""
    location = target.spark if isinstance(target, Warehouse) else None
    if isinstance(target, Settings) and is_spark_url(target.warehouse_url):
        location = SparkLocation.parse(str(target.warehouse_url), target.home)
    if location is not None:
        from safar.warehouse import spark

        spark.connect(location)  # a missing PySpark or Java fails here, before any work
        with spark_load.scratch(location, INGEST_MEMORY) as (con, folder):
            yield con, (location, folder)
        return
    con, owned = _write_connection(target)
    try:
        yield con, None
    finally:
        con.execute("DROP TABLE IF EXISTS safar_stage")
        if owned:
            con.close()


def _write_connection(target: Warehouse | Settings) -> tuple[duckdb.DuckDBPyConnection, bool]:
    if isinstance(target, Warehouse):
        if target.raw is None:
            raise ConfigError(
                "warehouse.unsupported", url=target.location, backend=getattr(target.con, "name", "?")
            )
        return target.raw.cursor(), True
    url = target.warehouse_url
    if url and not url.startswith("duckdb://"):
        raise ConfigError("warehouse.unsupported", url=url, backend=url.partition(":")[0])
    path = Path(url.removeprefix("duckdb://")) if url else target.warehouse_path
    con = connect_duckdb(path)
    # Our own connection: bound DuckDB's memory so the stage spills to disk instead of growing
    # with the file, and let it write without keeping insertion order (``seq`` keeps the order).
    con.execute(f"SET memory_limit = '{INGEST_MEMORY}'")
    con.execute("SET preserve_insertion_order = false")
    return con, True


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _has_events(con: duckdb.DuckDBPyConnection, events: str, dataset: str) -> bool:
    found = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {events} WHERE dataset = ? LIMIT 1)", [dataset])
    return bool(found.fetchone()[0])  # type: ignore[index]


def _commit(
    con: duckdb.DuckDBPyConnection,
    staged: Stage,
    dataset: str,
    source: str,
    customers: list[tuple[str, dict[str, str]]],
    started: datetime,
    digest: str,
    *,
    by_content: bool,
    known: tuple[str, str] = ("events", "customers"),
) -> tuple[int, int, int, int]:
    """Move the staged rows into the warehouse in one transaction; (read, loaded, duplicates, rejected).

    ``known`` names the tables (or views) holding what is already loaded: events, customers.
    A direct stage has already inserted its valid rows into ``events`` inside the transaction
    begun by :func:`ingest_file`; here they get their repeats settled.
    """
    stage = staged.name
    if staged.direct is None:
        con.execute("BEGIN TRANSACTION")
    try:
        read, rejected = con.execute(f"SELECT count(*), count(reason) FROM {stage}").fetchone()  # type: ignore[misc]
        if staged.direct is None:
            loaded = con.execute(
                f"INSERT INTO events SELECT ? AS dataset, {', '.join(EVENT_COLUMNS[1:])} FROM {stage} s "
                f"WHERE {_new_events(con, stage, dataset, by_content=by_content, known=known[0])}",
                [dataset],
            ).fetchone()[0]  # type: ignore[index]
        else:
            read += staged.loaded
            loaded = staged.loaded - _settle_repeats(con, dataset, by_content=by_content)
        con.execute("DELETE FROM rejected WHERE dataset = ? AND source = ?", [dataset, source])
        # The reason as its code and the values of its message: each reader reads it in their language.
        con.execute(
            f"""INSERT INTO rejected
            SELECT ?, ?, s.seq, s.field, s.reason,
              CAST(json_object('row', s.seq, 'field', coalesce(s.field, ''), 'value', coalesce(s.value, ''))
                AS VARCHAR),
              s.raw, ?
            FROM {stage} s WHERE s.reason IS NOT NULL ORDER BY s.seq""",
            [dataset, source, started],
        )
        if staged.direct is None:
            _add_customers(
                con,
                f"(SELECT customer_id FROM {stage} WHERE reason IS NULL)",
                dataset,
                customers,
                known=known[1],
            )
        else:
            _add_customers(
                con,
                f"(SELECT customer_id FROM events WHERE dataset = {ql(dataset)})",
                dataset,
                customers,
                known=known[1],
            )
        finished = datetime.now(UTC).replace(tzinfo=None)
        duplicates = read - rejected - loaded
        if staged.direct is None:  # the dataset had events: its kept steps check the customers written to
            note_load(con, dataset, finished, f"(SELECT customer_id FROM {stage} WHERE reason IS NULL)")
        con.execute(
            "INSERT INTO ingestions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [dataset, source, digest, read, loaded, duplicates, rejected, started, finished],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return int(read), int(loaded), int(duplicates), int(rejected)


def _settle_repeats(con: duckdb.DuckDBPyConnection, dataset: str, *, by_content: bool) -> int:
    """Give repeated ids among a new dataset's events the same treatment as :func:`_new_events`.

    A direct stage inserted every valid row of the file (the dataset had no events before), so
    the dataset's events are exactly this ingestion's. With content identity every row is an
    event (identical rows are repeats that happened), so nothing is removed. With an id column,
    only the first row of each id stays. Returns the number of rows removed, the duplicates.
    """
    if by_content:
        return 0
    count_repeats = "SELECT count(*) - count(DISTINCT event_id) FROM events WHERE dataset = ?"
    if not con.execute(count_repeats, [dataset]).fetchone()[0]:  # type: ignore[index]
        return 0
    removed = con.execute(
        """DELETE FROM events WHERE dataset = $1
        AND seq NOT IN (SELECT min(seq) FROM events WHERE dataset = $1 GROUP BY event_id)""",
        [dataset],
    ).fetchone()
    return int(removed[0]) if removed else 0


def _new_events(
    con: duckdb.DuckDBPyConnection, stage: str, dataset: str, *, by_content: bool, known: str = "events"
) -> str:
    """The condition selecting the staged rows to load: valid, not loaded before, first of their id.

    With an id column, a repeated id within the file is a duplicate and only its first row
    is loaded; an id the dataset already has is a duplicate. Without one, events are compared
    by content as a multiset: logs do hold identical events (same case, activity and second),
    so the k-th identical row of the file is new only when the dataset holds fewer than k
    such events. Ingesting a file again therefore loads nothing, and a file that grew loads
    just its new rows. The costly parts are skipped when there is nothing for them to do.
    """
    where = ["reason IS NULL"]
    exists = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {known} WHERE dataset = ? LIMIT 1)", [dataset])
    has_events = bool(exists.fetchone()[0])  # type: ignore[index]
    if by_content:
        if has_events:
            old = con.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {known} WHERE dataset = ? AND event_id IS NOT NULL LIMIT 1)",
                [dataset],
            )
            with_ids = bool(old.fetchone()[0])  # type: ignore[index]
            where.append(f"seq IN ({_new_by_content(stage, dataset, known, with_ids=with_ids)})")
        return " AND ".join(where)
    count_repeats = f"SELECT count(*) - count(DISTINCT event_id) FROM {stage} WHERE reason IS NULL"
    if con.execute(count_repeats).fetchone()[0]:  # type: ignore[index]
        where.append(f"seq IN (SELECT min(seq) FROM {stage} WHERE reason IS NULL GROUP BY event_id)")
    if has_events:
        where.append(
            f"NOT EXISTS (SELECT 1 FROM {known} e WHERE e.dataset = {ql(dataset)} AND e.event_id = s.event_id)"
        )
    return " AND ".join(where)


# Attributes as a text map: a missing value and a JSON null are the same content, and so are a number
# and its text. Events stored by Safar 0.1 (they all have an event_id) had neither nulls nor numbers,
# so they are compared in this form; events stored since compare by their JSON text as it is (the same
# file writes the same text), which keeps appending to a large dataset cheap.
_AS_TEXT_MAP = "CAST(CAST(json_merge_patch('{}', attributes) AS MAP(VARCHAR, VARCHAR)) AS VARCHAR)"


def _new_by_content(stage: str, dataset: str, known: str, *, with_ids: bool) -> str:
    """The ``seq`` of the staged rows that are new by content (the multiset rule of :func:`_new_events`);
    ``with_ids``: the dataset holds events with an id (Safar 0.1's, or from an id column)."""
    cols = ", ".join(CONTENT)
    plain = [c for c in CONTENT if c != "attributes"]
    same = " AND ".join(f"c.{c} IS NOT DISTINCT FROM e.{c}" for c in CONTENT)
    same_old = " AND ".join(
        [f"c.{c} IS NOT DISTINCT FROM o.{c}" for c in plain] + ["c.text_map IS NOT DISTINCT FROM o.text_map"]
    )
    mine = f"FROM {known} WHERE dataset = {ql(dataset)}"
    if with_ids:
        text_map = f", {_AS_TEXT_MAP} AS text_map"
        old_join = f"""LEFT JOIN (
            SELECT {", ".join(plain)}, text_map, count(*) AS m
            FROM (SELECT {", ".join(plain)}{text_map} {mine} AND event_id IS NOT NULL)
            GROUP BY ALL) o ON {same_old}"""
        old_count = " + coalesce(o.m, 0)"
        mine += " AND event_id IS NULL"
    else:
        text_map = old_join = old_count = ""
    return f"""SELECT c.seq FROM (
        SELECT seq, {cols}{text_map}, row_number() OVER (PARTITION BY {cols} ORDER BY seq) AS k
        FROM {stage} WHERE reason IS NULL) c
      LEFT JOIN (SELECT {cols}, count(*) AS m {mine} GROUP BY ALL) e ON {same}
      {old_join}
      WHERE c.k > coalesce(e.m, 0){old_count}"""


def _add_customers(
    con: duckdb.DuckDBPyConnection,
    ids: str,
    dataset: str,
    customers: list[tuple[str, dict[str, str]]],
    *,
    known: str = "customers",
) -> None:
    """New customers of this dataset (``ids``: a relation of the loaded rows' ``customer_id``):
    XES trace attributes (JSON text, as events' attributes), else an empty object."""
    import json

    import pyarrow as pa

    if not customers:  # no trace attributes to prefer: a plain distinct, nothing to pick
        con.execute(
            f"""INSERT INTO customers
            SELECT ?, customer_id, '{{}}' FROM (SELECT DISTINCT customer_id FROM {ids}) n
            WHERE customer_id IS NOT NULL AND trim(customer_id) <> ''
              AND NOT EXISTS (SELECT 1 FROM {known} c WHERE c.dataset = ? AND c.customer_id = n.customer_id)""",
            [dataset, dataset],
        ).fetchall()
        return

    table = pa.table(
        {
            "customer_id": pa.array([c for c, _ in customers], pa.string()),
            "attributes": pa.array(
                [json.dumps(a, ensure_ascii=False, separators=(",", ":")) for _, a in customers], pa.string()
            ),
        }
    )
    con.register("safar_traces", table)
    try:
        con.execute(
            f"""INSERT INTO customers
            SELECT ?, customer_id, arg_min(attributes, pri) FROM (
              SELECT safar_norm(customer_id) AS customer_id, attributes, 0 AS pri FROM safar_traces
              UNION ALL
              SELECT DISTINCT customer_id, '{{}}', 1 FROM {ids} i
            ) n
            WHERE customer_id IS NOT NULL AND trim(customer_id) <> ''
              AND NOT EXISTS (SELECT 1 FROM {known} c WHERE c.dataset = ? AND c.customer_id = n.customer_id)
            GROUP BY customer_id""",
            [dataset, dataset],
        )
    finally:
        con.unregister("safar_traces")
