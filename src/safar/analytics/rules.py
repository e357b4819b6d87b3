"""Conformance as rules (قاعده‌های نقشه): the designed map read as rules a manager can check, each with its cost.

From the map's stages in order (S₁ … Sₙ, those with data) come:

- ``starts_with`` S₁: the customer's first event on the map is in the first stage;
- ``must_follow`` Sᵢ → Sᵢ₊₁: a customer in both stages reached Sᵢ first (first visit against first visit);
- ``must_not_skip`` Sᵢ (1 < i < n): a customer who reached a later stage has been in Sᵢ;
- ``within`` Sᵢ → Sᵢ₊₁ and a time (with ``within``): a customer who went from Sᵢ to Sᵢ₊₁ in order did so within it.

A rule **applies** to the customers it can judge (``must_follow`` and ``within``: those in both stages;
``must_not_skip``: those who reached a later stage; ``starts_with``: everyone on the map). Each rule's
**cost** compares the customers who broke it with those who kept it: the share who did not reach the last stage
with data (drop-off) and the median time from their first to their last event on the map.

One pass groups the bound events by customer (each stage's first visit, the first and last event, the
furthest stage), then every rule is a column of that table: linear in the events, whatever the rules.

>>> from safar.model import JourneyMap, Stage, Touchpoint, BindingRule
>>> import ibis, datetime as dt, pyarrow as pa
>>> def tp(i): return Touchpoint(id=i, name=i, channel="web", bind=[BindingRule(activity=i)])
>>> m = JourneyMap(title="t", stages=[Stage(id="s1", name="S1", touchpoints=[tp("a")]),
...     Stage(id="s2", name="S2", touchpoints=[tp("b")]), Stage(id="s3", name="S3", touchpoints=[tp("c")])])
>>> t = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["x", "x", "y", "y"], "activity": ["a", "c", "a", "b"],
...     "ts": [t, t, t, t], "seq": [0, 1, 2, 3]}))
>>> [(r.rule, r.where, r.applies, r.broken) for r in map_rules(ev, m).rules]
[('starts_with', ('s1',), 2, 0), ('must_follow', ('s1', 's2'), 1, 0), ('must_follow', ('s2', 's3'), 0, 0), ('must_not_skip', ('s2',), 1, 1)]
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir

from safar.analytics._common import Filters, apply_filters, rows, seconds, share
from safar.analytics.conformance import on_map
from safar.errors import InputError
from safar.model import JourneyMap

__all__ = ["RULES", "MapRule", "RulesResult", "map_rules", "rule_breakers"]


@dataclass(frozen=True)
class MapRule:
    rule: str  # starts_with, must_follow, must_not_skip, within
    where: tuple[str, ...]  # the stage ids it is about
    within_seconds: float | None
    applies: int
    broken: int
    dropoff_broken: float | None  # share who did not reach the last stage, of those who broke it
    dropoff_kept: float | None
    median_broken: float | None  # median seconds from first to last event on the map
    median_kept: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "where": list(self.where),
            "within_seconds": self.within_seconds,
            "applies": self.applies,
            "broken": self.broken,
            "broken_share": share(self.broken, self.applies),
            "broken_dropoff_share": self.dropoff_broken,
            "kept_dropoff_share": self.dropoff_kept,
            "median_seconds_broken": self.median_broken,
            "median_seconds_kept": self.median_kept,
        }


@dataclass(frozen=True)
class RulesResult:
    customers: int
    keeping_all: int
    rules: tuple[MapRule, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "customers": self.customers,
            "keeping_all": self.keeping_all,
            "keeping_all_share": share(self.keeping_all, self.customers),
            "rules": [r.to_dict() for r in self.rules],
        }


def map_rules(
    events: ir.Table,
    journey_map: JourneyMap,
    *,
    within: dt.timedelta | None = None,
    filters: Filters | None = None,
) -> RulesResult:
    """Every rule of the map checked on every customer (see the module docstring)."""
    on = on_map(apply_filters(events, filters), journey_map)
    present = [int(r["stage_index"]) for r in rows(on.select("stage_index").distinct())]
    stages = [(i, journey_map.stages[i].id) for i in sorted(present)]
    if not stages:
        return RulesResult(0, 0, ())
    per = _per_customer(on, [i for i, _ in stages])
    last_index = stages[-1][0]
    checks: dict[str, tuple[str, tuple[str, ...], ir.BooleanValue, ir.BooleanValue]] = {}
    first_i, first_id = stages[0]
    checks["r0"] = ("starts_with", (first_id,), *_check(per, "starts_with", first_i))
    for n, ((i, a), (j, b)) in enumerate(itertools.pairwise(stages)):
        checks[f"f{n}"] = ("must_follow", (a, b), *_check(per, "must_follow", i, j))
        if within is not None:
            checks[f"w{n}"] = ("within", (a, b), *_check(per, "within", i, j, within))
    for n, (i, a) in enumerate(stages[1:-1]):
        checks[f"s{n}"] = ("must_not_skip", (a,), *_check(per, "must_not_skip", i))
    took = seconds(per.end) - seconds(per.start)
    left = per.top < last_index
    measures: dict[str, Any] = {"customers": per.count()}
    anything = per.customer_id.isnull()  # False for every customer
    for key, (_, _, applies, broken) in checks.items():
        bad = applies & broken
        good = applies & ~broken
        anything = anything | bad
        measures |= {
            f"{key}_n": applies.cast("int64").sum(),
            f"{key}_b": bad.cast("int64").sum(),
            f"{key}_lb": (bad & left).cast("int64").sum(),
            f"{key}_lk": (good & left).cast("int64").sum(),
            f"{key}_tb": took.quantile(0.5, where=bad),
            f"{key}_tk": took.quantile(0.5, where=good),
        }
    measures["broke_any"] = anything.cast("int64").sum()
    found = rows(per.agg(**measures))[0]
    out = []
    for key, (rule, where, _, _) in checks.items():
        applies_n, broken_n = int(found[f"{key}_n"] or 0), int(found[f"{key}_b"] or 0)
        out.append(
            MapRule(
                rule,
                where,
                within.total_seconds() if rule == "within" and within is not None else None,
                applies_n,
                broken_n,
                share(int(found[f"{key}_lb"] or 0), broken_n),
                share(int(found[f"{key}_lk"] or 0), applies_n - broken_n),
                _float(found[f"{key}_tb"]),
                _float(found[f"{key}_tk"]),
            )
        )
    order = {"starts_with": 0, "must_follow": 1, "within": 2, "must_not_skip": 3}
    out.sort(key=lambda r: order[r.rule])
    customers = int(found["customers"] or 0)
    return RulesResult(customers, customers - int(found["broke_any"] or 0), tuple(out))


def _per_customer(on: ir.Table, stages: list[int]) -> ir.Table:
    """One row per customer on the map: first and last event, furthest and opening stage, each stage's first visit
    (``f{index}``)."""
    return on.group_by("customer_id").agg(
        start=on.ts.min(),
        end=on.ts.max(),
        top=on.stage_index.max(),
        opening=on.stage_index.argmin(on.ts),
        **{f"f{i}": on.ts.min(where=on.stage_index == i) for i in stages},
    )


def _check(
    per: ir.Table, rule: str, i: int, j: int | None = None, within: dt.timedelta | None = None
) -> tuple[ir.BooleanValue, ir.BooleanValue]:
    """Whom the rule judges and who broke it (about stage ``i``, or ``i`` → ``j``), over :func:`_per_customer`."""
    if rule == "starts_with":
        return per.customer_id.notnull(), per.opening != i
    if rule == "must_not_skip":
        return per.top > i, per[f"f{i}"].isnull()
    assert j is not None
    both = per[f"f{i}"].notnull() & per[f"f{j}"].notnull()
    if rule == "must_follow":
        return both, per[f"f{j}"] < per[f"f{i}"]
    assert within is not None
    late = (seconds(per[f"f{j}"]) - seconds(per[f"f{i}"])) > within.total_seconds()
    return both & (per[f"f{j}"] >= per[f"f{i}"]), late


RULES = ("starts_with", "must_follow", "within", "must_not_skip")


def rule_breakers(
    events: ir.Table,
    journey_map: JourneyMap,
    rule: str,
    where: tuple[str, ...],
    *,
    within: dt.timedelta | None = None,
    filters: Filters | None = None,
) -> ir.Table:
    """The customers (``customer_id``) who broke one rule of :func:`map_rules` (its ``rule`` and ``where``, with
    ``within`` for a ``within`` rule): the rule's ``broken`` count, as a list."""
    ids = [s.id for s in journey_map.stages]
    pair = rule in ("must_follow", "within")
    if rule not in RULES or len(where) != (2 if pair else 1) or any(w not in ids for w in where):
        raise InputError("analytics.bad_rule", rule=rule, where=" → ".join(where), known=ids)
    if rule == "within" and within is None:
        raise InputError("analytics.bad_rule", rule=rule, where=" → ".join(where), known=ids)
    index = [ids.index(w) for w in where]
    on = on_map(apply_filters(events, filters), journey_map)
    per = _per_customer(on, index)
    applies, broken = _check(per, rule, index[0], index[1] if pair else None, within)
    return per.filter(applies & broken).select("customer_id")


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
