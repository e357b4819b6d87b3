"""What an alert counted (آنچه هشدار شمرد): the answers, comments, arrivals or requests behind its ``n``.

A fired alert keeps the bounds of its two windows; :func:`alert_rows` reads what its rule counts in them
with :func:`safar.alerts.measure.observed`, the very rows :func:`~safar.alerts.measure.measure` counted,
so the recent window of "n 280 → 70" opens 70 rows (data that arrived later inside those bounds is
counted too, and the page says so by showing both numbers). Each row is one customer's answer,
comment, first arrival at the target or request, with whether the alert's metric counted it as a hit
(a promoter or a top-2-box answer, a negative comment, a customer who went on, an unanswered request).
The alerts page, its JSON twin (``GET /api/v1/workspaces/{ws}/alerts/{id}/rows``) and
``safar alerts rows`` call it.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa
from pydantic import BaseModel, Field

from safar.errors import InputError, NotFoundError
from safar.i18n import translate
from safar.services.exports import FORMATS, export_table
from safar.services.respondents import local_time

if TYPE_CHECKING:
    from safar.context import Context

MAX_PER_PAGE = 500
Window = Literal["recent", "baseline"]
Which = Literal["all", "hits", "misses"]


class AlertRowOut(BaseModel):
    customer_id: str | None
    at: dt.datetime = Field(description="When (UTC): the answer, the comment, the arrival or the request.")
    time: str = Field(description="``at`` in the reader's calendar and time zone.")
    hit: bool = Field(description="Counted by the alert's metric (see ``hit_label``).")


class AlertRows(BaseModel):
    alert_id: int
    kind: str
    metric: str
    window: Window
    which: Which
    start: dt.datetime
    end: dt.datetime
    n: int = Field(description="The window's n when the alert fired.")
    hits: int = Field(description="Its hits when the alert fired.")
    hit_label: str
    miss_label: str
    description: str
    total: int = Field(description="The rows listed now (all pages).")
    page: int
    per_page: int
    pages: int
    rows: list[AlertRowOut]


def alert_rows(
    ctx: Context,
    alert_id: int,
    *,
    window: Window = "recent",
    which: Which = "all",
    page: int = 1,
    per_page: int | None = 50,
) -> AlertRows:
    """One page (``per_page=None``: all) of what alert ``alert_id`` counted in its ``window``."""
    from safar.alerts import Alerts
    from safar.alerts.measure import observed
    from safar.warehouse import open_warehouse

    if window not in ("recent", "baseline"):
        raise InputError("alerts.bad_window", window=window, allowed=["recent", "baseline"])
    if which not in ("all", "hits", "misses"):
        raise InputError("alerts.bad_which", which=which, allowed=["all", "hits", "misses"])
    alerts = Alerts(ctx.workspace)
    fired = alerts.alert(alert_id)
    if fired.payload.get("metric") == "expected_wait":  # an estimate, not a count of rows
        raise InputError("alerts.no_rows", alert_id=alert_id)
    if fired.payload.get("metric") == "unanswered_questions":  # questions, not customers' rows
        raise InputError("alerts.questions_rows", alert_id=alert_id)
    rule = next((r for r in alerts.rules() if r.id == fired.rule_id), None)
    if rule is None:
        raise NotFoundError("alerts.rule_gone", alert_id=alert_id)
    journey = ctx.workspace.get_map(rule.map_id).document
    stats = fired.payload[window]
    bounds = bounds_of(fired.payload)
    dataset = fired.payload.get("dataset")
    if dataset is not None:
        ctx.workspace.require_dataset(str(dataset))
    with open_warehouse(ctx.settings) as warehouse:
        table = observed(warehouse, rule, journey, bounds, dataset=dataset)
        table = table.filter(table.win == window)
        if which != "all":
            table = table.filter(table.hit if which == "hits" else ~table.hit)
        total = int(table.count().to_pyarrow().as_py())
        ordered = table.select("customer_id", "ts", "hit").order_by(["ts", "customer_id"])
        size = per_page or max(total, 1)
        pages = max(1, math.ceil(total / size))
        chosen = min(max(page, 1), pages)
        found = ordered.limit(size, offset=(chosen - 1) * size).to_pyarrow().to_pylist()
    metric = str(fired.payload.get("metric", ""))
    calendar = ctx.calendar
    rows = [
        AlertRowOut(
            customer_id=r["customer_id"],
            at=r["ts"].replace(tzinfo=dt.UTC),
            time=local_time(r["ts"], calendar, ctx.lang),
            hit=bool(r["hit"]),
        )
        for r in found
    ]
    start, end = _naive(stats["start"]), _naive(stats["end"])
    description = translate(
        f"alerts.rows.about.{window}",
        ctx.lang,
        target=fired.payload["target"]["name"],
        start=local_time(start, calendar, ctx.lang),
        end=local_time(end, calendar, ctx.lang),
    )
    return AlertRows(
        alert_id=alert_id,
        kind=fired.kind,
        metric=metric,
        window=window,
        which=which,
        start=start.replace(tzinfo=dt.UTC),
        end=end.replace(tzinfo=dt.UTC),
        n=int(stats["n"]),
        hits=int(stats["hits"]),
        hit_label=translate(f"alerts.rows.hit.{metric}", ctx.lang),
        miss_label=translate(f"alerts.rows.miss.{metric}", ctx.lang),
        description=description,
        total=total,
        page=chosen,
        per_page=size,
        pages=pages,
        rows=rows,
    )


def bounds_of(payload: dict[str, Any]) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
    """A fired alert's window bounds as :func:`safar.alerts.measure.observed` takes them: the baseline's
    start, the recent window's start and its end (naive UTC)."""
    return (
        _naive(payload["baseline"]["start"]),
        _naive(payload["recent"]["start"]),
        _naive(payload["recent"]["end"]),
    )


def _naive(text: str) -> dt.datetime:
    """A stored ISO moment as the warehouse's naive UTC."""
    moment = dt.datetime.fromisoformat(text)
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def export_alert_rows(result: AlertRows, fmt: str, lang: str) -> bytes:
    """Every row of ``result`` as CSV (UTF-8 with BOM) or XLSX, headers in ``lang``, formulas neutralised."""
    if fmt not in FORMATS:
        raise InputError("customers.bad_format", format=fmt, allowed=list(FORMATS))
    table = pa.table(
        {
            "customer_id": pa.array([r.customer_id for r in result.rows], pa.string()),
            "time": pa.array([r.time for r in result.rows], pa.string()),
            "counted": pa.array(
                [result.hit_label if r.hit else result.miss_label for r in result.rows], pa.string()
            ),
            "at_utc": pa.array(
                [r.at.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds") for r in result.rows],
                pa.string(),
            ),
        }
    )
    return export_table(
        table,
        [translate(f"alerts.rows.col.{key}", lang) for key in table.column_names],
        fmt,
        lang,
        sheet=translate("alerts.rows.sheet", lang),
        about_sheet=translate("customers.sheet.filter", lang),
        about=[
            (translate("customers.sheet.which", lang), result.description),
            (translate("alerts.rows.sheet_total", lang), result.total),
        ],
    )
