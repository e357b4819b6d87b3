"""Journey order and time, as every metric and analysis reads them.

A customer's events are ordered by ``(ts, seq)``; durations are in seconds to the millisecond,
written so that DuckDB and Spark compute the same.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir


def customer_window(*, rows: tuple[int | None, int | None] | None = None) -> Any:
    """The window over one customer's events in journey order."""
    if rows is None:
        return ibis.window(group_by="customer_id", order_by=["ts", "seq"])
    return ibis.window(group_by="customer_id", order_by=["ts", "seq"], rows=rows)


def seconds(ts: ir.TimestampValue) -> ir.FloatingValue:
    """Seconds since 1970 to the millisecond, written so that DuckDB and Spark compute the same."""
    whole = ts.truncate("s").epoch_seconds().cast("float64")
    return whole + ts.millisecond().cast("float64") / 1000.0
