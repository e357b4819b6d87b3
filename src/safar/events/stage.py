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

from collections.abc import Callable, Mapping

import duckdb
import pyarrow as pa

from safar.events.transform import MACROS, STAGE_DDL, ql, stage_select
from safar.warehouse.schema import EVENT_COLUMNS

Progress = Callable[[int, int | None], None]
FLUSH_ROWS = 2_000_000  # bounds the raw buffer; DuckDB spills temporary tables to disk anyway


class Stage:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        tz: str,
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
        self.progress = progress
        self.total = total
        self.encoding_label = "UTF-8"
        self.single_line = False
        self.roles: dict[str, str] = {}
        self.buffered = 0
        for macro in MACROS:
            con.execute(macro)
        con.execute(STAGE_DDL.format(name=name))

    def add_relation(self, source: str, types: Mapping[str, str]) -> None:
        """Stage every row of the SQL relation ``source`` (a view or table function)."""
        sql = stage_select(
            source,
            types,
            self.roles,
            tz=self.tz,
            encoding_label=self.encoding_label,
            single_line=self.single_line,
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

    def add_batch(self, batch: pa.Table | pa.RecordBatch, *, now: bool = False) -> None:
        """Stage an Arrow batch that has ``_row`` and the source columns.

        Batches are first copied as they are into a temporary table and transformed
        together by :meth:`flush`: one big statement runs on every core, many small
        ones would not. With ``now`` (a reader staging from its own thread while it
        parses the next batch) the batch is transformed at once instead.
        """
        self.con.register("safar_batch", batch)
        try:
            if now:
                described = self.con.execute("DESCRIBE safar_batch").fetchall()
                self.add_relation("safar_batch", {row[0]: row[1] for row in described})
                return
            if self.buffered == 0:
                self.con.execute("CREATE OR REPLACE TEMP TABLE safar_raw AS SELECT * FROM safar_batch")
            else:
                self.con.execute("INSERT INTO safar_raw SELECT * FROM safar_batch")
        finally:
            self.con.unregister("safar_batch")
        self.buffered += batch.num_rows
        if self.buffered >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Transform the buffered batches into the stage."""
        if self.buffered:
            types = {row[0]: row[1] for row in self.con.execute("DESCRIBE safar_raw").fetchall()}
            self.add_relation("safar_raw", types)
            self.con.execute("DROP TABLE safar_raw")
            self.buffered = 0

    def reset(self) -> None:
        """Forget every row staged so far (a reader starting over)."""
        if self.direct is not None:
            self.con.execute("DELETE FROM events WHERE dataset = ?", [self.direct]).fetchall()
            self.loaded = 0
        self.con.execute(f"DELETE FROM {self.name}").fetchall()
        if self.buffered:
            self.con.execute("DROP TABLE safar_raw")
            self.buffered = 0

    def add_rejects(self, rows: list[tuple[int, str, str | None, str | None, str | None]]) -> None:
        """Stage rows the reader itself could not parse: (row, reason, field, value, raw)."""
        if rows:
            self.con.executemany(
                f"INSERT INTO {self.name} (seq, reason, field, value, raw) VALUES (?, ?, ?, ?, ?)", rows
            )

    def tick(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done, self.total)
