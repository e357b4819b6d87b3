"""Excel workbooks (.xlsx, .xlsm) read as text, the same way for events, comments and survey answers.

Every cell is read as text as Excel shows it (a date cell as ``2023-08-05 10:30:00``, empty
cells as ``""``), so the checks that follow can name the value they refuse. The first sheet is
read unless one is named.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pandas as pd

from safar.errors import InputError

EXCEL = (".xlsx", ".xlsm")


def is_excel(path: str | Path) -> bool:
    return Path(path).suffix.lower() in EXCEL


def sheet_names(path: str | Path) -> list[str]:
    """The workbook's sheets, in order; a file that is no workbook is an ``InputError``."""
    source = Path(path)
    try:
        workbook = openpyxl.load_workbook(source, read_only=True)
        names = list(workbook.sheetnames)
        workbook.close()
    except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
        raise InputError("table.bad_excel", source=str(source), problem=str(exc).strip()) from exc
    return names


def read_sheet(path: str | Path, sheet: str | None = None, *, rows: int | None = None) -> pd.DataFrame:
    """The sheet ``sheet`` (default: the first) of the workbook ``path`` as a frame of strings (its first
    ``rows`` rows, or all)."""
    source = Path(path)
    names = sheet_names(source)
    if sheet is not None and sheet not in names:
        raise InputError("input.no_sheet", path=str(source), sheet=sheet, sheets=names)
    try:
        frame = pd.read_excel(
            source,
            sheet_name=sheet or names[0],
            dtype=str,
            keep_default_na=False,
            engine="openpyxl",
            nrows=rows,
        )
    except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
        raise InputError("table.bad_excel", source=str(source), problem=str(exc).strip()) from exc
    frame.columns = [str(c) for c in frame.columns]
    return frame.fillna("")
