"""Customer health (سلامت مشتری): one configurable score per customer from what the data says about them.

Each **component** is a number from 0 (bad) to 1 (good), read at a moment ``as_of`` from what happened at or
before it:

- ``recency``: 1 − days since the customer's last event / ``window`` (0 at ``window`` or more);
- ``frequency``: the customer's events in the ``window`` before ``as_of``, as their rank among all customers
  (the share of customers with fewer, ties halved: 1 for the most active);
- ``survey``: their latest NPS answer / 10 (customers who answered none have no survey component);
- ``sentiment``: (1 + (positive − negative) / comments) / 2 over their comments (as labelled now);
- ``contacts``: 1 − contacts / 3 (0 at three or more) in the window, where contacts are the events of the
  activities named (customers have this component only when activities are named);
- ``cases``: 0 with an open case, else 1 (only for customers a case names, by their consent).

The **score** is 100 × the weighted mean of the components the customer has (``weights``; each 1 by default, 0
leaves one out); ``coverage`` is the share of the weights they have. The **trend** is each customer's score at
``as_of`` against their score ``trend_days`` before (read the same way from what happened by then); the
**distribution** counts customers in five bands of 20 points, in all and per value of a segment attribute (its
value on the customer's first event that has it).

**Per account** (``account``: an attribute naming the customer's account — a company, a household, a policy
holder — its value on the customer's first event that has it): an account's score is the mean of its customers'
scores, its trend the mean of their earlier scores (those who were customers then), its band that of its score;
the accounts in the worst health are listed with their customers and their least healthy one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from safar.analytics._common import attribute, rows

__all__ = ["COMPONENTS", "HealthResult", "health"]

COMPONENTS = ("recency", "frequency", "survey", "sentiment", "contacts", "cases")
BANDS = (20, 40, 60, 80)  # the distribution's band edges in points: 0–20, 20–40, … 80–100
CONTACTS_FULL = 3  # contacts in the window that bring the contacts component to 0


@dataclass(frozen=True)
class CustomerHealth:
    customer_id: str
    score: float
    coverage: float
    components: dict[str, float]
    before: float | None  # the score trend_days before (None: not a customer yet)

    def to_dict(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "score": self.score,
            "coverage": self.coverage,
            "components": self.components,
            "before": self.before,
            "change": None if self.before is None else self.score - self.before,
        }


@dataclass(frozen=True)
class AccountHealth:
    account: str
    customers: int
    score: float  # the mean of its customers' scores
    before: float | None  # the mean of their scores trend_days before (those who were customers then)
    weakest: str  # its customer in the worst health

    def to_dict(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "customers": self.customers,
            "score": self.score,
            "before": self.before,
            "change": None if self.before is None else self.score - self.before,
            "weakest": self.weakest,
        }


@dataclass(frozen=True)
class HealthResult:
    as_of: str | None
    window_days: int
    trend_days: int
    weights: dict[str, float]
    customers: int
    mean: float | None
    mean_before: float | None
    improved: int
    worsened: int
    bands: tuple[int, ...]  # customers per band (five)
    segments: tuple[tuple[str | None, tuple[int, ...], float], ...]  # (value, bands, mean)
    lowest: tuple[CustomerHealth, ...] = field(default_factory=tuple)
    # the customers ``lowest`` is chosen from (all, or those of the band / segment value asked)
    listed: int = 0
    accounts: int = 0  # with ``account``: how many accounts, their bands and the worst of them
    account_bands: tuple[int, ...] = ()
    lowest_accounts: tuple[AccountHealth, ...] = ()
    without_account: int = 0  # customers whose events never name their account

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "window_days": self.window_days,
            "trend_days": self.trend_days,
            "weights": self.weights,
            "customers": self.customers,
            "mean": self.mean,
            "mean_before": self.mean_before,
            "improved": self.improved,
            "worsened": self.worsened,
            "bands": {"edges": [0, *BANDS, 100], "customers": list(self.bands)},
            "segments": [{"value": v, "customers": list(b), "mean": m} for v, b, m in self.segments],
            "lowest": [c.to_dict() for c in self.lowest],
            "listed": self.listed,
            "accounts": self.accounts,
            "account_bands": list(self.account_bands),
            "lowest_accounts": [a.to_dict() for a in self.lowest_accounts],
            "without_account": self.without_account,
        }


def _first_values(events: ir.Table, key: str) -> dict[str, Any]:
    """Each customer's value of attribute ``key`` on their first event that has it."""
    valued = attribute(events, key)
    held = events.filter(valued.notnull()).mutate(_v=valued)
    return {
        str(r["customer_id"]): r["v"]
        for r in rows(held.group_by("customer_id").agg(v=held._v.argmin(held.ts)))
    }


def _accounts(people: list[CustomerHealth], account_of: dict[str, Any]) -> tuple[AccountHealth, ...]:
    """Each account's health from its customers', worst first (see the module docstring)."""
    grouped: dict[str, list[CustomerHealth]] = {}
    for p in people:
        if p.customer_id in account_of:
            grouped.setdefault(str(account_of[p.customer_id]), []).append(p)
    out = []
    for name, members in grouped.items():
        earlier = [p.before for p in members if p.before is not None]
        weakest = min(members, key=lambda p: (p.score, p.customer_id))
        out.append(
            AccountHealth(
                name,
                len(members),
                float(np.mean([p.score for p in members])),
                float(np.mean(earlier)) if earlier else None,
                weakest.customer_id,
            )
        )
    return tuple(sorted(out, key=lambda a: (a.score, a.account)))


def _band(score: float) -> int:
    return sum(1 for edge in BANDS if score >= edge)


def _components(
    events: ir.Table,
    as_of: dt.datetime,
    *,
    window: dt.timedelta,
    contacts: tuple[str, ...],
    responses: ir.Table | None,
    comments: ir.Table | None,
    open_cases: set[str],
    named_cases: set[str],
) -> dict[str, dict[str, float]]:
    """Each customer (with an event at or before ``as_of``) and their components."""
    seen = events.filter(events.ts <= as_of)
    recent = seen.ts > as_of - window
    measures: dict[str, Any] = {"last": seen.ts.max(), "recent": recent.cast("int64").sum()}
    if contacts:
        measures["contacts"] = (recent & seen.activity.isin(list(contacts))).cast("int64").sum()
    per = seen.group_by("customer_id").agg(**measures).order_by("customer_id").to_pyarrow()
    if not per.num_rows:
        return {}
    # column by column (a customer a row would be a Python dict each, twice per customer)
    counts = per.column("recent").fill_null(0).to_numpy().astype(np.int64)
    order = np.sort(counts)
    below = np.searchsorted(order, counts, side="left")
    ties = np.searchsorted(order, counts, side="right") - below
    rank = (below + ties / 2) / len(counts)
    last = per.column("last").cast(pa.timestamp("us")).to_numpy()
    ago = (np.datetime64(as_of.replace(tzinfo=None), "us") - last).astype(np.int64) / 1e6
    recency = np.maximum(0.0, 1 - ago / window.total_seconds())
    ids = [str(c) for c in per.column("customer_id").to_pylist()]
    out: dict[str, dict[str, float]] = {
        c: {"recency": r, "frequency": f}
        for c, r, f in zip(ids, recency.tolist(), rank.tolist(), strict=True)
    }
    if contacts:
        made = per.column("contacts").fill_null(0).to_pylist()
        for c, n in zip(ids, made, strict=True):
            out[c]["contacts"] = max(0.0, 1 - int(n) / CONTACTS_FULL)
    if responses is not None:
        nps = responses.filter(
            (responses.kind == "nps") & responses.value.notnull() & (responses.ts <= as_of)
        )
        nps = nps.filter(nps.customer_id.notnull())
        newest = ibis.window(group_by="customer_id", order_by=[ibis.desc("ts"), ibis.desc("response_id")])
        latest = nps.mutate(_n=ibis.row_number().over(newest)).filter(lambda t: t._n == 0)
        for r in rows(latest.select("customer_id", "value")):
            if str(r["customer_id"]) in out:
                out[str(r["customer_id"])]["survey"] = min(1.0, max(0.0, float(r["value"]) / 10))
    if comments is not None:
        said = comments.filter(comments.customer_id.notnull() & (comments.ts <= as_of))
        tally = said.group_by("customer_id").agg(
            n=said.count(),
            pos=(said.label == "positive").cast("int64").sum(),
            neg=(said.label == "negative").cast("int64").sum(),
        )
        for r in rows(tally):
            if str(r["customer_id"]) in out and r["n"]:
                out[str(r["customer_id"])]["sentiment"] = (
                    1 + (int(r["pos"]) - int(r["neg"])) / int(r["n"])
                ) / 2
    for customer in named_cases:
        if customer in out:
            out[customer]["cases"] = 0.0 if customer in open_cases else 1.0
    return out


def _score(components: dict[str, float], weights: dict[str, float], total: float) -> tuple[float, float]:
    """The score (100 × the weighted mean of the components the customer has) and its coverage (their share of
    ``total``, the sum of the positive weights). A plain loop: it runs once or twice per customer."""
    weight = points = 0.0
    for key, value in components.items():
        w = weights.get(key, 0.0)
        if w > 0:
            weight += w
            points += w * value
    if not weight:
        return 0.0, 0.0
    return 100 * points / weight, weight / total


def health(
    events: ir.Table,
    *,
    as_of: dt.datetime,
    window: dt.timedelta = dt.timedelta(days=90),
    trend: dt.timedelta = dt.timedelta(days=30),
    weights: dict[str, float] | None = None,
    contacts: tuple[str, ...] = (),
    responses: ir.Table | None = None,
    comments: ir.Table | None = None,
    open_cases: set[str] | None = None,
    named_cases: set[str] | None = None,
    segment: str | None = None,
    lowest: int | None = 20,
    band: int | None = None,
    value: tuple[str | None] | None = None,
    account: str | None = None,
) -> HealthResult:
    """Every customer's health at ``as_of`` and ``trend`` before (see the module docstring). ``lowest``: the
    customers in the worst health, worst first — of ``band`` (0–4) alone, and with ``segment`` of those whose
    value is ``value``'s one (``(None,)``: those without a value), when given: a band's or a segment's count as
    its customers."""
    from safar.errors import InputError

    chosen = {k: 1.0 for k in COMPONENTS} | (weights or {})
    if not contacts:  # no contact activities named: no customer can have the component
        chosen["contacts"] = 0.0
    unknown = sorted(set(chosen) - set(COMPONENTS))
    if unknown or any(not 0 <= w <= 100 for w in chosen.values()) or not any(chosen.values()):
        raise InputError("health.bad_weights", weights=", ".join(f"{k}={v}" for k, v in chosen.items()))
    common: dict[str, Any] = {
        "window": window,
        "contacts": contacts,
        "responses": responses,
        "comments": comments,
        "open_cases": open_cases or set(),
        "named_cases": named_cases or set(),
    }
    now = _components(events, as_of, **common)
    then = _components(events, as_of - trend, **common | {"open_cases": set(), "named_cases": set()})
    people = []
    total = sum(w for w in chosen.values() if w > 0)
    for customer, comps in now.items():
        score, coverage = _score(comps, chosen, total)
        before = _score(then[customer], chosen, total)[0] if customer in then else None
        people.append(CustomerHealth(customer, score, coverage, comps, before))
    bands = Counter(_band(p.score) for p in people)
    segments: tuple[tuple[str | None, tuple[int, ...], float], ...] = ()
    firsts: dict[str, Any] = _first_values(events, segment) if segment else {}
    if segment:
        grouped: dict[str | None, list[float]] = {}
        for p in people:
            grouped.setdefault(firsts.get(p.customer_id), []).append(p.score)
        segments = tuple(
            (
                v,
                tuple(Counter(_band(s) for s in scores).get(i, 0) for i in range(5)),
                float(np.mean(scores)),
            )
            for v, scores in sorted(grouped.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        )
    compared = [p for p in people if p.before is not None]
    by_account = _accounts(people, _first_values(events, account)) if account else ()
    if band is not None and not 0 <= band < len(BANDS) + 1:
        raise InputError("health.bad_band", band=band, bands_last=len(BANDS))
    if value is not None and not segment:
        raise InputError("health.value_needs_segment")
    chosen_people = [
        p
        for p in people
        if (band is None or _band(p.score) == band)
        and (value is None or firsts.get(p.customer_id) == value[0])
    ]
    return HealthResult(
        as_of=as_of.isoformat(),
        window_days=round(window.total_seconds() / 86400),
        trend_days=round(trend.total_seconds() / 86400),
        weights=chosen,
        customers=len(people),
        mean=float(np.mean([p.score for p in people])) if people else None,
        mean_before=float(np.mean([p.before for p in compared])) if compared else None,
        improved=sum(1 for p in compared if p.before is not None and p.score > p.before),
        worsened=sum(1 for p in compared if p.before is not None and p.score < p.before),
        bands=tuple(bands.get(i, 0) for i in range(5)),
        segments=segments,
        lowest=tuple(sorted(chosen_people, key=lambda p: (p.score, p.customer_id))[:lowest]),
        listed=len(chosen_people),
        accounts=len(by_account),
        account_bands=tuple(Counter(_band(a.score) for a in by_account).get(i, 0) for i in range(5))
        if account
        else (),
        lowest_accounts=by_account[: lowest or len(by_account)],
        without_account=len(people) - sum(a.customers for a in by_account) if account else 0,
    )
