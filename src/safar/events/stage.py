"""A temporary stage table that format readers fill batch by batch.

Each reader hands over Arrow batches (or a DuckDB relation) and reader-level
rejects; the stage runs the shared SQL of :mod:`safar.events.transform` on them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import duckdb
import pyarrow as pa

from safar.events.transform import MACROS, STAGE_DDL, stage_select

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
    ) -> None:
        self.con = con
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
        self.con.execute(f"INSERT INTO {self.name} {sql}")

    def add_batch(self, batch: pa.Table | pa.RecordBatch) -> None:
        """Stage an Arrow batch that has ``_row`` and the source columns.

        Batches are first copied as they are into a temporary table and transformed
        together by :meth:`flush`: one big statement runs on every core, many small
        ones would not.
        """
        self.con.register("safar_batch", batch)
        try:
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

    def add_rejects(self, rows: list[tuple[int, str, str | None, str | None, str | None]]) -> None:
        """Stage rows the reader itself could not parse: (row, reason, field, value, raw)."""
        if rows:
            self.con.executemany(
                f"INSERT INTO {self.name} (seq, reason, field, value, raw) VALUES (?, ?, ?, ?, ?)", rows
            )

    def tick(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done, self.total)
