"""Read and export the quarantine: the rows a dataset's ingestions could not load.

Columns: dataset, source, row_number, field, reason (a stable code), message (in the
language of the ingestion), raw (the original row) and ingested_at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from safar.errors import NotFoundError
from safar.warehouse import Warehouse


def _rejected(warehouse: Warehouse, dataset: str) -> pa.Table:
    """The quarantine of ``dataset``; a dataset never ingested is an error, not an empty quarantine."""
    runs = warehouse.con.table("ingestions")
    if runs.filter(runs.dataset == dataset).count().to_pyarrow().as_py() == 0:
        known = sorted(set(runs.dataset.to_pyarrow().to_pylist()))
        raise NotFoundError("dataset.not_found", dataset=dataset, known=known or ["-"])
    table = warehouse.con.table("rejected")
    chosen = table.filter(table.dataset == dataset).order_by(["source", "row_number"])
    return chosen.to_pyarrow()


def rejected_rows(warehouse: Warehouse, dataset: str) -> list[dict[str, Any]]:
    """Every quarantined row of ``dataset`` as a dict, by source and row number."""
    rows: list[dict[str, Any]] = _rejected(warehouse, dataset).to_pylist()
    for row in rows:
        row["ingested_at"] = row["ingested_at"].isoformat() if row["ingested_at"] else None
    return rows


def export_rejected(warehouse: Warehouse, dataset: str, out: str | Path) -> int:
    """Write the quarantine of ``dataset`` to the CSV file ``out``; returns the number of rows."""
    table = neutralise_formulas(_rejected(warehouse, dataset))
    pacsv.write_csv(table, str(out))
    return int(table.num_rows)


def neutralise_formulas(table: pa.Table) -> pa.Table:
    """Text cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading ``'``.

    >>> neutralise_formulas(pa.table({"raw": ["=HYPERLINK(1)", "ok", None]})).column("raw").to_pylist()
    ["'=HYPERLINK(1)", 'ok', None]
    """
    columns = []
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.match_substring_regex(column, r"^[=+\-@\t\r]")
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        columns.append(column)
    return pa.table(columns, names=table.column_names)
