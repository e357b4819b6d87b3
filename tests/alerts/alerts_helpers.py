"""Journeys stated declaratively for the alert tests: how many customers a day, and what share go on."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from safar.model import BindingRule, JourneyMap, Stage, Touchpoint

T0 = datetime(2024, 1, 1)


def shop_map(owner_cart: str = "Sales") -> JourneyMap:
    def tp(id: str, activity: str, owner: str, channel: str = "website") -> Touchpoint:
        rule = BindingRule(activity=activity, dataset="shop")
        return Touchpoint(id=id, name=id.title(), channel=channel, owner=owner, bind=[rule])

    return JourneyMap(
        title="Shop",
        lang="en",
        stages=[
            Stage(id="browse", name="Browse", touchpoints=[tp("cart", "add_to_cart", owner_cart)]),
            Stage(id="buy", name="Buy", touchpoints=[tp("pay", "pay", "Payments")]),
            Stage(id="after", name="After", touchpoints=[tp("support", "call", "Care", "call_centre")]),
        ],
    )


def cohorts(days: range, per_day: int, share: float, *, prefix: str) -> list[tuple[str, datetime, bool]]:
    """``per_day`` customers arriving on each day of ``days`` (from T0); the first ``share`` of them go on."""
    out = []
    for d in days:
        goes_on = round(per_day * share)
        for i in range(per_day):
            out.append((f"{prefix}{d}-{i}", T0 + timedelta(days=d, hours=9, minutes=i), i < goes_on))
    return out


def write_log(path: Path, people: list[tuple[str, datetime, bool]], *, last: datetime) -> Path:
    """An event log: each customer adds to the cart; those who go on pay two hours later. One unbound event
    at ``last`` makes it the latest time in the data ("now")."""
    lines = ["customer_id,activity,timestamp"]
    for customer, at, goes_on in people:
        lines.append(f"{customer},add_to_cart,{at.isoformat(sep=' ')}")
        if goes_on:
            lines.append(f"{customer},pay,{(at + timedelta(hours=2)).isoformat(sep=' ')}")
    lines.append(f"zz-{last:%j},heartbeat,{last.isoformat(sep=' ')}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)
