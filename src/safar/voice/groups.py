"""NPS, CSAT and CES per group (touchpoint, stage, channel, segment, period) and their trend over periods.

The counting runs in the engine through Ibis (``Σ``, counts of promoters…), so the same code serves a
pandas frame (through ``ibis.memtable``), DuckDB or Spark; the intervals are then computed per group by
:mod:`safar.voice.metrics`. Each row of the answer is a result's ``to_dict()`` beside its group keys.

>>> import pandas as pd
>>> answers = pd.DataFrame({"touchpoint": ["app", "app", "call"], "score": [10, 3, 9]})
>>> metric_by(answers, "nps", by="touchpoint")[["touchpoint", "n", "value"]].to_dict("records")
[{'touchpoint': 'app', 'n': 2, 'value': 0.0}, {'touchpoint': 'call', 'n': 1, 'value': 100.0}]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from safar.errors import InputError
from safar.events.periods import GREGORIAN_UTC, PERIODS, Calendar, with_period
from safar.metrics.survey import is_detractor, is_promoter, is_top_box
from safar.voice.metrics import (
    CES_SCALE,
    CSAT_SCALE,
    MIN_N,
    NPS_SCALE,
    answers,
    ces_from_moments,
    csat_from_counts,
    nps_from_counts,
)

Metric = Literal["nps", "csat", "ces"]
METRICS = ("nps", "csat", "ces")
__all__ = ["METRICS", "PERIODS", "Metric", "metric_by", "trend"]


def metric_by(
    data: pd.DataFrame | ir.Table,
    metric: str,
    *,
    by: str | Sequence[str] = "touchpoint",
    score_col: str = "score",
    confidence: float = 0.95,
    min_n: int = MIN_N,
    top: int = 2,
    scale: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """One row per group with the metric, n, interval and ``small_n`` flag, sorted by the group keys.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"channel": ["web", "web", "sms"], "score": [5, 3, 4]})
    >>> metric_by(df, "csat", by="channel")[["channel", "value"]].to_dict("records")
    [{'channel': 'sms', 'value': 100.0}, {'channel': 'web', 'value': 50.0}]
    """
    keys = [by] if isinstance(by, str) else list(by)
    scale = scale_of(metric, scale)
    columns = [*keys, score_col]
    if isinstance(data, pd.DataFrame):
        table = _checked_table(data, columns, metric, score_col, scale)
    else:  # counted with the rest; the error's query runs only when there is an off-scale answer
        table = _table(data)
        _require(table, columns)
    grouped = counts_by(
        table,
        metric,
        keys,
        score_col=score_col,
        scale=scale,
        top=top,
        check=not isinstance(data, pd.DataFrame),
    )
    if any(rec.get("off_scale") for rec in grouped):
        _checked_table(data, columns, metric, score_col, scale)  # raises, naming the first such answer
    rows: list[dict[str, Any]] = []
    for rec in grouped:
        res = from_counts(rec, metric, confidence=confidence, min_n=min_n, top=top, scale=scale)
        if res is not None:
            rows.append({k: rec[k] for k in keys} | res)
    return _no_nan_intervals(pd.DataFrame(rows))


def scale_of(metric: str, scale: tuple[int, int] | None = None) -> tuple[int, int]:
    """The answer scale ``metric`` is counted on: NPS always 0–10; CSAT and CES their default unless given."""
    default = _metric_scale(metric)
    return default if scale is None or metric == "nps" else scale


COUNTS = {"nps": ("pro", "det"), "csat": ("sat",), "ces": ("total", "total_sq")}


def counts_by(
    table: ir.Table,
    metric: str,
    keys: Sequence[str],
    *,
    score_col: str = "score",
    scale: tuple[int, int],
    top: int = 2,
    check: bool = True,
) -> list[dict[str, Any]]:
    """Per group of ``keys``, the counts ``metric`` is computed from (:func:`from_counts`): ``n`` answers,
    ``missing``, ``off_scale`` (with ``check``) and the metric's own (:data:`COUNTS`). Every count adds up
    over groups, so a caller may sum the groups of any scope (a KPI page sums touchpoints into stages)."""
    score = table[score_col]
    counts = {"n": score.count(), "missing": score.isnull().sum().cast("int64")}
    if check:
        value = score.cast("float64")
        off = value.notnull() & ((value < scale[0]) | (value > scale[1]) | (value != value.floor()))
        counts["off_scale"] = off.cast("int64").sum()
    if metric == "nps":
        counts |= {
            "pro": is_promoter(score).sum().cast("int64"),
            "det": is_detractor(score).sum().cast("int64"),
        }
    elif metric == "csat":
        counts |= {"sat": is_top_box(score, scale, top).sum().cast("int64")}
    else:
        as_float = score.cast("float64")
        counts |= {"total": as_float.sum(), "total_sq": (as_float * as_float).sum()}
    grouped = table.group_by(list(keys)).aggregate(**counts) if keys else table.aggregate(**counts)
    found: list[dict[str, Any]] = (grouped.order_by(list(keys)) if keys else grouped).to_pyarrow().to_pylist()
    return found


def from_counts(
    rec: dict[str, Any],
    metric: str,
    *,
    confidence: float = 0.95,
    min_n: int = MIN_N,
    top: int = 2,
    scale: tuple[int, int],
) -> dict[str, Any] | None:
    """The metric, its interval and ``small_n`` from the counts of :func:`counts_by` (summed or not);
    ``None`` without answers."""
    n, missing = int(rec["n"] or 0), int(rec["missing"] or 0)
    if n == 0:
        return None
    if metric == "nps":
        res: Any = nps_from_counts(
            n, int(rec["pro"]), int(rec["det"]), missing, confidence=confidence, min_n=min_n
        )
    elif metric == "csat":
        res = csat_from_counts(
            n, int(rec["sat"]), missing, top=top, scale=scale, confidence=confidence, min_n=min_n
        )
    else:
        res = ces_from_moments(
            n,
            float(rec["total"]),
            float(rec["total_sq"]),
            missing,
            scale=scale,
            confidence=confidence,
            min_n=min_n,
        )
    out: dict[str, Any] = res.to_dict()
    return out


def _no_nan_intervals(frame: pd.DataFrame) -> pd.DataFrame:
    """A missing interval (n < 2) stays ``None`` in every row: a float column would make it NaN."""
    for column in ("ci_low", "ci_high", "sd"):
        if column in frame.columns:
            values = frame[column].astype(object)
            frame[column] = values.where(frame[column].notna(), None)
    return frame


def trend(
    data: pd.DataFrame | ir.Table,
    metric: str,
    *,
    time_col: str = "time",
    period: str = "month",
    by: str | Sequence[str] = (),
    score_col: str = "score",
    confidence: float = 0.95,
    min_n: int = MIN_N,
    top: int = 2,
    scale: tuple[int, int] | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> pd.DataFrame:
    """The metric per period (the first day of the period of ``calendar``, :func:`safar.events.periods.with_period`,
    in ``period``), with ``change`` from the previous period.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"time": pd.to_datetime(["2026-01-05", "2026-01-20", "2026-02-02"]), "score": [9, 5, 10]})
    >>> out = trend(df, "nps")
    >>> [str(p) for p in out["period"]], out["value"].tolist(), out["change"].tolist()
    (['2026-01-01', '2026-02-01'], [0.0, 100.0], [nan, 100.0])
    """
    if period not in PERIODS:
        raise InputError("voice.bad_period", value=period, allowed=list(PERIODS))
    keys = [by] if isinstance(by, str) else list(by)
    table = _table(data)
    _require(table, [time_col])
    table = with_period(table, period, calendar, time_col=time_col)
    out = metric_by(
        table,
        metric,
        by=[*keys, "period"],
        score_col=score_col,
        confidence=confidence,
        min_n=min_n,
        top=top,
        scale=scale,
    )
    if out.empty:
        return out.assign(change=pd.Series(dtype="float64"))
    out["period"] = pd.to_datetime(out["period"]).dt.date
    out = out.sort_values([*keys, "period"], kind="stable").reset_index(drop=True)
    previous = out.groupby(keys)["value"].shift(1) if keys else out["value"].shift(1)
    out["change"] = out["value"] - previous
    return out


def _metric_scale(metric: str) -> tuple[int, int]:
    scales = {"nps": NPS_SCALE, "csat": CSAT_SCALE, "ces": CES_SCALE}
    if metric not in scales:
        raise InputError("voice.unknown_metric", value=metric, allowed=list(METRICS))
    return scales[metric]


def _table(data: pd.DataFrame | ir.Table) -> ir.Table:
    if isinstance(data, ir.Table):
        return data
    # through Arrow: Ibis's own pandas type inference warns under pandas 3
    return ibis.memtable(pa.Table.from_pandas(data, preserve_index=False))


def _require(table: ir.Table, columns: Sequence[str]) -> None:
    for column in columns:
        if column not in table.columns:
            raise InputError("voice.missing_column", column=column, columns=list(table.columns))


def _checked_table(
    data: pd.DataFrame | ir.Table, columns: list[str], metric: str, score_col: str, scale: tuple[int, int]
) -> ir.Table:
    """Reject off-scale answers before counting: pandas rows are named by position, engine rows by group."""
    table = _table(data)
    _require(table, columns)
    if isinstance(data, pd.DataFrame):
        if not data[score_col].isna().all():
            answers(data[score_col].to_numpy(), metric.upper(), scale)
        return table
    low, high = scale
    score = table[score_col].cast("float64")
    bad = table.filter(score.notnull() & ((score < low) | (score > high) | (score != score.floor())))
    first = bad.limit(1).to_pyarrow().to_pylist()
    if first:
        row = first[0]
        where = ", ".join(f"{c}={row[c]}" for c in columns if c != score_col)
        code = "voice.out_of_scale" if not low <= row[score_col] <= high else "voice.not_a_score"
        raise InputError(
            code, metric=metric.upper(), value=row[score_col], position=where, low=low, high=high
        )
    return table
