"""Reading a table of answers or comments a person made: CSV/TSV or Excel (.xlsx, first sheet or a named one).

The text encoding is given or sniffed as the events importer sniffs it (:mod:`safar.events.sniff`:
UTF-8 with or without BOM, UTF-16, Windows-1256, ISO-8859-6), and so is the delimiter.

Every cell is read as text, exactly as written (no number or date guessing, empty cells stay empty),
so the checks that follow can name the value they refuse.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from safar.errors import InputError
from safar.events.sheets import EXCEL, read_sheet
from safar.events.sniff import decode_text

MAX_BYTES = 50 * 1024 * 1024
__all__ = ["EXCEL", "MAX_BYTES", "Table", "read_table"]


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
    text, used = decode_text(source.read_bytes(), encoding, path=str(source))
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=delimiter)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError("table.bad_csv", source=str(source), problem=str(exc).strip()) from exc
    return Table(frame, used)
