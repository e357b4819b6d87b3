"""Reading a table of answers or comments a person made: CSV (UTF-8, delimiter sniffed) or Excel (.xlsx).

Every cell is read as text, exactly as written (no number or date guessing, empty cells stay empty),
so the checks that follow can name the value they refuse.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from safar.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
EXCEL = (".xlsx", ".xlsm")


def read_table(path: str | Path) -> pd.DataFrame:
    """The rows of ``path`` as a frame of strings; a file that cannot be read says why and where."""
    source = Path(path)
    if not source.is_file():
        raise InputError("file.not_found", source=str(source))
    if source.stat().st_size > MAX_BYTES:
        raise InputError("table.too_big", source=str(source), most_mb=MAX_BYTES // (1024 * 1024))
    if source.suffix.lower() in EXCEL:
        return _excel(source)
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "file.not_utf8", source=str(source), line=raw[: exc.start].count(b"\n") + 1, byte=exc.start
        ) from exc
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=delimiter)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError("table.bad_csv", source=str(source), problem=str(exc).strip()) from exc


def _excel(source: Path) -> pd.DataFrame:
    try:
        frame = pd.read_excel(source, dtype=str, keep_default_na=False, engine="openpyxl")
    except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
        raise InputError("table.bad_excel", source=str(source), problem=str(exc).strip()) from exc
    return frame.fillna("")
