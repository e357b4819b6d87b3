"""Reading a table of answers or comments a person made: CSV/TSV, Excel (.xlsx, first sheet or a
named one), JSON Lines or Parquet.

The text encoding is given or sniffed as the events importer sniffs it (:mod:`safar.events.sniff`:
UTF-8 with or without BOM, UTF-16, Windows-1256, ISO-8859-6), and so is the delimiter.

Every cell is read as text, exactly as written (no number or date guessing, empty cells stay empty),
so the checks that follow can name the value they refuse.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from safar.errors import InputError
from safar.events.sheets import EXCEL, read_sheet
from safar.events.sniff import decode_text, sniff_delimiter

MAX_BYTES = 50 * 1024 * 1024
JSON_LINES = (".jsonl", ".ndjson")
PARQUET = (".parquet", ".pq")
__all__ = ["EXCEL", "JSON_LINES", "MAX_BYTES", "PARQUET", "Table", "read_table"]


@dataclass(frozen=True)
class Table:
    """The rows of a file as strings, and the encoding they were read in (``xlsx`` for a workbook)."""

    frame: pd.DataFrame
    encoding: str


def read_table(path: str | Path, *, encoding: str | None = None, sheet: str | None = None) -> Table:
    """The rows of ``path`` as a frame of strings; a file that cannot be read says why and where."""
    source = Path(path)
    if not source.is_file():
        raise InputError("file.not_found", source=str(source))
    if source.stat().st_size > MAX_BYTES:
        raise InputError("table.too_big", source=str(source), most_mb=MAX_BYTES // (1024 * 1024))
    if source.suffix.lower() in EXCEL:
        return Table(read_sheet(source, sheet), "xlsx")
    if source.suffix.lower() in PARQUET:
        return Table(_parquet(source), "Parquet")
    text, used = decode_text(source.read_bytes(), encoding, path=str(source))
    if source.suffix.lower() in JSON_LINES:
        return Table(_json_lines(text, str(source)), used)
    delimiter = sniff_delimiter(text[:8192]) if text.strip() else ","
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=delimiter)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError("table.bad_csv", source=str(source), problem=str(exc).strip()) from exc
    return Table(frame, used)


def _parquet(source: Path) -> pd.DataFrame:
    """Every column as text (a missing value as ``""``), as a CSV would give it."""
    try:
        table = pq.read_table(source)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError("table.bad_parquet", source=str(source), problem=str(exc).strip()) from exc
    columns = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        try:
            text = pc.cast(column, pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            text = pa.array([None if v is None else json.dumps(v, default=str) for v in column.to_pylist()])
        columns[name] = pc.fill_null(text, "").to_pylist()
    return pd.DataFrame(columns, dtype=str)


def _json_lines(text: str, source: str) -> pd.DataFrame:
    """One JSON object per non-blank line; its values as text (numbers as written, nested values as JSON)."""
    rows: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError("table.bad_json_line", source=source, line=number, problem=exc.msg) from exc
        if not isinstance(record, dict):
            raise InputError("table.bad_json_line", source=source, line=number, problem="not a JSON object")
        rows.append({str(k): _text(v) for k, v in record.items()})
    names = list(dict.fromkeys(k for row in rows for k in row))
    return pd.DataFrame([[row.get(k, "") for k in names] for row in rows], columns=names, dtype=str)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
