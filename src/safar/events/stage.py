"""A temporary stage table that format readers fill batch by batch.

Each reader hands over Arrow batches (or a DuckDB relation) and reader-level
rejects; the stage runs the shared SQL of :mod:`safar.events.transform` on them.

When the dataset has no events yet (the first ingestion, and every ingestion into a
Spark warehouse's scratch database for a new dataset) the stage is *direct*: valid
rows go straight into the ``events`` table, in the ingestion's transaction, and only
rejected rows are kept in the stage table. That spares writing every event twice
(once to the stage, once to the warehouse), which was about 40 % of a Parquet
ingestion. Repeats within the file are settled afterwards by
:func:`safar.events.ingest._settle_repeats`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from safar.events import dates
from safar.events.dates import TimeReading
from safar.events.transform import MACROS, STAGE_DDL, qi, ql, stage_select
from safar.home import spool_prefix
from safar.warehouse.schema import EVENT_COLUMNS

Progress = Callable[[int, int | None], None]


class Stage:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        tz: str,
        reading: TimeReading | None = None,
        source: str = "",
        progress: Progress | None = None,
        total: int | None = None,
        name: str = "safar_stage",
        direct: str | None = None,
    ) -> None:
        self.con = con
        self.direct = direct  # the dataset whose valid rows go straight into ``events``
        self.loaded = 0  # rows inserted into ``events`` by a direct stage
        self.name = name
        self.tz = tz
        self.reading = reading or TimeReading(tz=tz)
        self.source = source  # the file, for messages
        self.calendar: str | None = None  # the time column's, once decided (dates.resolve_calendar)
        self.progress = progress
        self.total = total
        self.encoding_label = "UTF-8"
        self.single_line = False
        self.keep_raw = False  # every row's text kept, for a later step that may still reject it
        self.roles: dict[str, str] = {}
        self.spool: tempfile.TemporaryDirectory[str] | None = None  # see add_batch
        self.writer: pq.ParquetWriter | None = None
        self.names: list[str] = []
        for macro in MACROS:
            con.execute(macro)
        dates.install(con)
        con.execute(STAGE_DDL.format(name=name))

    def add_relation(self, source: str, types: Mapping[str, str]) -> None:
        """Stage every row of the SQL relation ``source`` (a view or table function)."""
        sql = stage_select(
            source,
            types,
            self.roles,
            reading=self.reading,
            calendar=self._calendar(source, types),
            encoding_label=self.encoding_label,
            single_line=self.single_line,
            keep_raw=self.keep_raw,
        )
        if self.direct is None:
            self.con.execute(f"INSERT INTO {self.name} {sql}").fetchall()
            return
        # Two scans of the source: the events, then the rejected rows when there are any (the
        # source has more rows than went in). Only the columns each statement reads are computed
        # (the attribute map and hash for valid rows, the raw text for rejected ones).
        found = self.con.execute(
            f"INSERT INTO events SELECT {ql(self.direct)}, {', '.join(EVENT_COLUMNS[1:])} "
            f"FROM ({sql}) WHERE reason IS NULL"
        ).fetchall()
        inserted = int(found[0][0])
        self.loaded += inserted
        total = self.con.execute(f"SELECT count(*) FROM {source}").fetchall()
        if int(total[0][0]) > inserted:
            self.con.execute(
                f"INSERT INTO {self.name} SELECT * FROM ({sql}) WHERE reason IS NOT NULL"
            ).fetchall()

    def _calendar(self, source: str, types: Mapping[str, str]) -> str:
        """The time column's calendar, checked again on every relation staged (JSON Lines stage several)."""
        column = self.roles["time"]
        kind = types[column].upper()
        if kind.startswith(("TIMESTAMP", "DATE")):
            self.calendar = "gregorian"  # a typed column: the file's own calendar
            return self.calendar
        text = f"try(decode({qi(column)}))" if kind == "BLOB" else f"CAST({qi(column)} AS VARCHAR)"
        self.calendar = dates.resolve_calendar(
            self.con,
            source,
            dates.normalized(text),
            self.reading,
            path=self.source,
            field=column,
            decided=self.calendar,
        )
        return self.calendar

    def add_batch(self, batch: pa.Table | pa.RecordBatch) -> None:
        """Stage an Arrow batch that has ``_row`` and the source columns (every batch the same columns).

        Batches are written as they come to a temporary Parquet file (the *spool*) and
        transformed together by :meth:`flush`: one statement that runs on every core. Inserting
        batch by batch, into ``events`` or a temporary table, inside the ingestion's one
        transaction made DuckDB's memory grow with the file (10 M CSV rows: 2.5 GB; XES: 3.2 GB)
        whatever its ``memory_limit``; the spool keeps it flat.
        """
        if self.spool is None:
            # The columns as DuckDB names an Arrow batch (an empty header becomes v0, a repeated
            # one a_1...), as they were named before batches were spooled: stored attribute keys stay the same.
            self.con.register("safar_batch", batch)
            try:
                self.names = [row[0] for row in self.con.execute("DESCRIBE safar_batch").fetchall()]
            finally:
                self.con.unregister("safar_batch")
            # Next to the warehouse, on the disk meant for data (TMPDIR may be memory); TMPDIR for one in memory.
            found = self.con.execute(
                "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
            )
            path = (found.fetchone() or (None,))[0]
            folder = os.path.dirname(os.path.abspath(path)) if path else None
            # Named for this process, so a server starting later removes it if this process is killed
            # (safar.home.make_private).
            self.spool = tempfile.TemporaryDirectory(prefix=spool_prefix(), dir=folder)
            self.writer = pq.ParquetWriter(self._spooled(), _named(batch, self.names).schema)
        assert self.writer is not None
        self.writer.write(_named(batch, self.names))

    def flush(self) -> None:
        """Transform the spooled batches into the stage (or straight into ``events``)."""
        if self.writer is None:
            return
        self.writer.close()
        self.writer = None
        source = f"read_parquet({ql(self._spooled())})"
        try:
            types = {
                row[0]: row[1] for row in self.con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
            }
            self.add_relation(source, types)
        finally:
            self.close()

    def close(self) -> None:
        """Remove the spool (after :meth:`flush`, or when the ingestion failed)."""
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if self.spool is not None:
            self.spool.cleanup()
            self.spool = None

    def _spooled(self) -> str:
        assert self.spool is not None
        return os.path.join(self.spool.name, "batches.parquet")

    def reset(self) -> None:
        """Forget every row staged so far (a reader starting over)."""
        if self.direct is not None:
            self.con.execute("DELETE FROM events WHERE dataset = ?", [self.direct]).fetchall()
            self.loaded = 0
        self.con.execute(f"DELETE FROM {self.name}").fetchall()
        self.close()

    def add_rejects(self, rows: list[tuple[int, str, str | None, str | None, str | None]]) -> None:
        """Stage rows the reader itself could not parse: (row, reason, field, value, raw)."""
        if rows:
            self.con.executemany(
                f"INSERT INTO {self.name} (seq, reason, field, value, raw) VALUES (?, ?, ?, ?, ?)", rows
            )

    def tick(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done, self.total)


def _named(batch: pa.Table | pa.RecordBatch, names: list[str]) -> pa.Table | pa.RecordBatch:
    if batch.schema.names == names:
        return batch
    return type(batch).from_arrays(batch.columns, names=names)
