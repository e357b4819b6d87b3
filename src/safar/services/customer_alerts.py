"""The alerts that involve one customer (هشدارهای مربوط به مشتری), for their page in customer 360.

An alert involves a customer when what its rule counted in its two windows (:func:`safar.alerts.measure.
observed`, the rows an alert's "n" opens) holds one of theirs: an answer, a comment, an arrival at the
watched touchpoint or a request. The newest :data:`FEED` alerts are looked at; a wait alert rests on an
estimate, not on counted rows, and an alert whose rule or map was removed cannot be read again: neither
is listed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from safar.errors import SafarError

if TYPE_CHECKING:
    from safar.context import Context
    from safar.warehouse import Warehouse

FEED = 50


class CustomerAlert(BaseModel):
    """A fired alert that counted the customer, with how many of their rows and how the metric read them."""

    alert_id: int
    fired_at: dt.datetime = Field(description="UTC.")
    fired: str = Field(description="``fired_at`` in the reader's calendar and time zone.")
    map_id: int
    map_title: str
    target_name: str
    text: str = Field(description="The alert's message in the reader's language.")
    window: Literal["recent", "baseline"] = Field(description="The newer window holding their rows.")
    rows: int = Field(description="Their rows the alert's windows hold (now).")
    hits: int = Field(description="Of those, the ones its metric counted (see ``hit_label``).")
    hit_label: str


def alerts_involving(
    wh: Warehouse, ctx: Context, customer_id: str, datasets: list[str]
) -> list[CustomerAlert]:
    """The alerts of the newest :data:`FEED` that counted ``customer_id`` (in one of ``datasets`` for the
    alerts on events), newest first."""
    from safar.alerts import Alerts
    from safar.alerts.measure import observed
    from safar.analytics._common import rows
    from safar.i18n import translate
    from safar.services.alert_rows import bounds_of
    from safar.services.respondents import local_time

    alerts = Alerts(ctx.workspace)
    rules = {r.id: r for r in alerts.rules()}
    out: list[CustomerAlert] = []
    journeys: dict[int, Any] = {}
    for fired in alerts.feed(limit=FEED):
        metric = str(fired.payload.get("metric", ""))
        rule = rules.get(fired.rule_id) if fired.rule_id is not None else None
        dataset = fired.payload.get("dataset")
        if metric == "expected_wait" or rule is None or (dataset is not None and dataset not in datasets):
            continue
        try:
            if rule.map_id not in journeys:  # several alerts are often on one map: read it once
                journeys[rule.map_id] = ctx.workspace.get_map(rule.map_id, copy=False).document
            journey = journeys[rule.map_id]
            table = observed(wh, rule, journey, bounds_of(fired.payload), dataset=dataset)
        except SafarError:  # the map or the dataset is gone: the alert cannot be read again
            continue
        mine = table.filter(table.customer_id == customer_id)
        found = {
            str(r["win"]): r
            for r in rows(mine.group_by("win").agg(n=mine.count(), hits=mine.count(where=mine.hit)))
        }
        if not found:
            continue
        window: Literal["recent", "baseline"] = "recent" if "recent" in found else "baseline"
        fired_at = fired.fired_at if fired.fired_at.tzinfo else fired.fired_at.replace(tzinfo=dt.UTC)
        out.append(
            CustomerAlert(
                alert_id=fired.id,
                fired_at=fired_at,
                fired=local_time(fired_at.astimezone(dt.UTC).replace(tzinfo=None), ctx.calendar, ctx.lang),
                map_id=rule.map_id,
                map_title=journey.title,
                target_name=str(fired.payload["target"]["name"]),
                text=fired.message(ctx.lang),
                window=window,
                rows=sum(int(r["n"]) for r in found.values()),
                hits=sum(int(r["hits"]) for r in found.values()),
                hit_label=translate(f"alerts.rows.hit.{metric}", ctx.lang),
            )
        )
    return out
