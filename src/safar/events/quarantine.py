"""Read and export the quarantine: the rows a dataset's ingestions could not load.

Columns: dataset, source, row_number, field, reason (a stable code), reason_values (JSON: the values
of its message, ``row``, ``field`` and ``value``), raw (the original row) and ingested_at. The message
is made when it is read, in the reader's language (:func:`reason_text`); a warehouse older than that
keeps its rows' messages as they were written (``{"legacy": text}``), shown as written.

>>> reason_text("row.missing_customer", '{"row": 12, "field": "cust", "value": ""}', "fa").startswith("سطر ۱۲")
True
>>> reason_text("row.bad_time", '{"legacy": "Row 3: old words"}', "fa")
'Row 3: old words'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from safar.errors import NotFoundError
from safar.i18n import translate
from safar.i18n.catalogue import MESSAGES
from safar.warehouse import Warehouse


def reason_text(reason: str, values: str | dict[str, Any] | None, lang: str, *, web: bool = False) -> str:
    """A quarantined row's reason in ``lang``: its code's message filled with its values (a value the
    message has no place for follows it); a legacy message as written. ``web``: the wording for the web
    app where there is one (``row.bad_time.web``: what to write, without the command line's options)."""
    found = json.loads(values) if isinstance(values, str) else dict(values or {})
    if "legacy" in found:
        return str(found["legacy"])
    if reason not in MESSAGES:
        return reason
    if web and f"{reason}.web" in MESSAGES:
        reason = f"{reason}.web"
    text = translate(reason, lang, **found)
    value = found.get("value")
    template = MESSAGES[reason].get(lang) or MESSAGES[reason]["en"]
    return f"{text}: {value}" if value and "{value}" not in template else text


def _rejected(warehouse: Warehouse, dataset: str) -> pa.Table:
    """The quarantine of ``dataset``; a dataset never ingested is an error, not an empty quarantine."""
    runs = warehouse.con.table("ingestions")
    if runs.filter(runs.dataset == dataset).count().to_pyarrow().as_py() == 0:
        known = warehouse.known(runs.dataset.to_pyarrow().to_pylist())
        raise NotFoundError("dataset.not_found", dataset=dataset, known=known)
    table = warehouse.con.table("rejected")
    chosen = table.filter(table.dataset == dataset).order_by(["source", "row_number"])
    return chosen.to_pyarrow()


def rejected_rows(
    warehouse: Warehouse, dataset: str, lang: str, *, web: bool = False
) -> list[dict[str, Any]]:
    """Every quarantined row of ``dataset`` as a dict, by source and row number: its reason as stored
    (``reason``, ``reason_values``) and as read in ``lang`` (``message``)."""
    rows: list[dict[str, Any]] = _rejected(warehouse, dataset).to_pylist()
    for row in rows:
        row["ingested_at"] = row["ingested_at"].isoformat() if row["ingested_at"] else None
        row["reason_values"] = json.loads(row["reason_values"]) if row["reason_values"] else {}
        row["message"] = reason_text(row["reason"], _with_place(row, row["reason_values"]), lang, web=web)
    return rows


def export_rejected(warehouse: Warehouse, dataset: str, out: str | Path, lang: str) -> int:
    """Write the quarantine of ``dataset`` to the CSV file ``out``, each reason also as a message in
    ``lang``; returns the number of rows."""
    table = _rejected(warehouse, dataset)
    messages = [
        reason_text(row["reason"], _with_place(row, json.loads(row["reason_values"] or "{}")), lang)
        for row in table.select(["row_number", "field", "reason", "reason_values"]).to_pylist()
    ]
    at = table.schema.get_field_index("reason_values") + 1
    table = neutralise_formulas(table.add_column(at, "message", pa.array(messages, pa.string())))
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


def _with_place(row: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The values of a reason's message, its row and field taken from the row where they are missing."""
    return {"row": row["row_number"], "field": row["field"] or "", **values}
