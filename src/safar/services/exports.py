"""A drill-down list as a file: CSV (UTF-8 with a BOM, so spreadsheets read Persian) or XLSX (right to left
in Persian, with a second sheet that says which list it is), every formula neutralised.

Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading ``'``
(:func:`safar.events.quarantine.neutralise_formulas`): a customer id or a segment is data, never a command.

>>> import pyarrow as pa
>>> export_table(pa.table({"id": ["=1+1"]}), ["Id"], "csv", "en", sheet="S", about=[]).decode("utf-8-sig")
"Id\\r\\n'=1+1\\r\\n"
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pyarrow as pa

from safar.events.quarantine import neutralise_formulas

FSI, PDI = "\u2068", "\u2069"
FORMATS = ("csv", "xlsx")


def export_table(
    table: pa.Table,
    headers: Sequence[str],
    fmt: str,
    lang: str,
    *,
    sheet: str,
    about: Sequence[tuple[str, object]],
    about_sheet: str = "",
) -> bytes:
    """``table`` under ``headers`` as ``fmt`` (``csv`` or ``xlsx``; the caller checks which); in XLSX the rows of
    ``about`` (label, value) go on a second sheet named ``about_sheet``."""
    table = neutralise_formulas(table)
    rows = list(zip(*(table.column(k).to_pylist() for k in table.column_names), strict=True))
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(headers)
        writer.writerows(rows)
        return ("\ufeff" + text.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None  # a new workbook has one sheet
    first.title = sheet
    first.sheet_view.rightToLeft = lang == "fa"
    first.append(list(headers))
    for values in rows:
        first.append(list(values))
    if about:
        second = book.create_sheet(about_sheet)
        second.sheet_view.rightToLeft = lang == "fa"
        for label, value in about:
            second.append([label, neutral(value) if isinstance(value, str) else value])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def neutral(text: str) -> str:
    """One text cell neutralised, its bidi isolates taken out (a spreadsheet shows them as boxes).

    >>> neutral("-x")
    "'-x"
    """
    text = text.replace(FSI, "").replace(PDI, "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
