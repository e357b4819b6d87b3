"""Survey ratings as numbers: reading a CSV, numeric columns, "not applicable" codes and a 0/1 outcome.

Every rating column becomes a float array in which a missing answer — an empty cell, ``NA``, or one of
the "not applicable" codes given in ``na`` (e.g. 0 on a 1–5 scale) — is NaN, never a score. A cell that
is neither empty nor a number is an error naming the column, the data row (1 = first row under the
header) and the value.

>>> frame = pd.DataFrame({"wifi": ["3", "0", ""], "overall": ["satisfied", "neutral", "satisfied"]})
>>> numeric_column(frame, "wifi", na=(0,)).tolist()
[3.0, nan, nan]
>>> binary_outcome(frame, "overall", "satisfied").tolist()
[1.0, 0.0, 1.0]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from safar.errors import InputError

# A text column is taken for a mistyped rating column (and reported) when this share of its cells are numbers.
MOSTLY_NUMERIC = 0.9


def read_ratings(path: Path | str) -> pd.DataFrame:
    """A CSV file with a header row, every cell as text (empty cells and ``NA`` are missing).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "r.csv"
    ...     _ = p.write_text("a,b\\n1,x\\n,y\\n")
    ...     read_ratings(p)["a"].tolist()
    ['1', nan]
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("insights.file_not_found", file=str(path))
    try:
        return pd.read_csv(path, dtype=str, encoding="utf-8-sig", skipinitialspace=True)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError("insights.bad_csv", file=str(path), reason=str(exc).splitlines()[0]) from None


def require_columns(frame: pd.DataFrame, names: Iterable[str]) -> None:
    """Raise ``insights.missing_column`` for the first name that is not a column, listing the columns.

    >>> require_columns(pd.DataFrame({"a": [1]}), ["b"])
    Traceback (most recent call last):
    safar.errors.InputError: The table has no column 'b'. Its columns are: a.
    """
    for name in names:
        if name not in frame.columns:
            raise InputError("insights.missing_column", column=name, columns=[str(c) for c in frame.columns])


def numeric_column(frame: pd.DataFrame, name: str, *, na: Sequence[float] = ()) -> np.ndarray:
    """The column ``name`` as floats; missing cells and the ``na`` codes become NaN.

    >>> numeric_column(pd.DataFrame({"seat": [4, 0, 5]}), "seat", na=[0]).tolist()
    [4.0, nan, 5.0]
    """
    require_columns(frame, [name])
    column = frame[name]
    values: np.ndarray
    if is_numeric_dtype(column) and not is_bool_dtype(column):
        values = column.to_numpy(dtype=float, na_value=np.nan)
    else:
        text = column.astype("string").str.strip()
        parsed = pd.to_numeric(text, errors="coerce")
        values = pd.Series(parsed, dtype="Float64").to_numpy(dtype=float, na_value=np.nan)
        given = (text.notna() & (text != "")).to_numpy(dtype=bool)
        bad = np.flatnonzero(given & np.isnan(values))
        if bad.size:
            raise InputError(
                "insights.not_numeric", column=name, row=int(bad[0]) + 1, value=str(column.iloc[bad[0]])
            )
    infinite = np.flatnonzero(np.isinf(values))
    if infinite.size:
        raise InputError(
            "insights.not_numeric", column=name, row=int(infinite[0]) + 1, value=str(values[infinite[0]])
        )
    if len(na):
        values = np.where(np.isin(values, np.asarray(na, dtype=float)), np.nan, values)
    return values


def numeric_columns(frame: pd.DataFrame, *, skip: Iterable[str] = ()) -> list[str]:
    """The columns (in file order, minus ``skip``) whose filled cells are all numbers.

    A column of mostly numbers with a few stray words is a rating column with typos: it is reported,
    not silently left out.

    >>> numeric_columns(pd.DataFrame({"a": ["1", "2"], "b": ["x", "y"], "c": [1.5, None]}))
    ['a', 'c']
    """
    skipped = set(skip)
    chosen: list[str] = []
    for name in frame.columns:
        if name in skipped:
            continue
        column = frame[name]
        if is_bool_dtype(column):
            continue
        if is_numeric_dtype(column):
            chosen.append(str(name))
            continue
        text = column.astype("string").str.strip()
        given = text.notna() & (text != "")
        if not given.any():
            continue
        share = float(pd.to_numeric(text[given], errors="coerce").notna().mean())
        if share == 1.0:
            chosen.append(str(name))
        elif share >= MOSTLY_NUMERIC:
            numeric_column(frame, str(name))
    return chosen


def binary_outcome(frame: pd.DataFrame, name: str, positive: str) -> np.ndarray:
    """1.0 where the column equals ``positive`` (as text, or as a number), 0.0 elsewhere, NaN where empty.

    >>> binary_outcome(pd.DataFrame({"churn": [1, 0, None]}), "churn", "1").tolist()
    [1.0, 0.0, nan]
    """
    require_columns(frame, [name])
    text = frame[name].astype("string").str.strip()
    present = (text.notna() & (text != "")).to_numpy(dtype=bool)
    hit = (text == positive.strip()).fillna(False).to_numpy(dtype=bool)
    try:
        target = float(positive)
    except ValueError:
        target = None
    if target is not None:
        parsed = pd.Series(pd.to_numeric(text, errors="coerce"), dtype="Float64")
        hit |= (parsed == target).fillna(False).to_numpy(dtype=bool)
    if not hit.any():
        seen = sorted({str(v) for v in text[present]})
        raise InputError("insights.positive_not_found", column=name, value=positive, values=seen[:10])
    coded: np.ndarray = np.where(present, hit.astype(float), np.nan)
    return coded
