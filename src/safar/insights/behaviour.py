"""Moments of truth from behaviour (لحظه‌های حقیقت از رفتار): which touchpoints change the odds of an outcome.

The outcome of each customer is one of:

* **conversion** — the customer reached ``target`` (a touchpoint id of the map, or a raw activity);
* **churn** (``churn=True``) — the customer never reached ``target``; or, with ``cutoff`` and no target,
  the customer has no event at or after ``cutoff`` (only customers seen before ``cutoff`` count).

A customer **had** a touchpoint when one of their events bound to it comes *before* the outcome could
be known: before their first ``target`` event (converters), or before ``cutoff``; customers who never
reached ``target`` count every event. Events after the outcome never count, so a touchpoint that can
only follow a conversion is not credited with it. Per touchpoint the customers who had it and those
who did not — by default (``population="stage"``) among the customers who reached the touchpoint's
stage (had any of its touchpoints, in the same window), so that merely getting further along the journey is
not mistaken for the touchpoint's effect; ``population="all"`` compares with every customer — form a
2 × 2 table (:mod:`safar.insights.oddsratio`): the outcome rate of each group, the
odds ratio with Woolf's interval (Haldane's 0.5 when a cell is 0), Fisher's exact p-value and the
Benjamini–Hochberg q-value over the map's touchpoints. The **experience** variant compares, among the
customers who had the touchpoint, those who left a negative comment about it (``comments`` table of
the warehouse, before the outcome when the comment has a time) with the others.

``effect`` is ``matters`` when q < ``alpha``; ``no_effect`` when the whole interval lies within
(1/``equivalence``, ``equivalence``) — enough customers to rule out an effect that large; otherwise
``unknown``. Moments are ranked by |ln OR| among the significant ones, then by p-value.

All counting is an Ibis expression, so it runs on DuckDB and on Spark; only the per-touchpoint
counts reach Python.

>>> import ibis, datetime as dt, pyarrow as pa
>>> from safar.model import JourneyMap, Stage, Touchpoint, BindingRule
>>> def tp(i): return Touchpoint(id=i, name=i, channel="web", bind=[BindingRule(activity=i)])
>>> m = JourneyMap(title="t", stages=[Stage(id="s", name="S", touchpoints=[tp("call"), tp("buy")])])
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b", "c"], "activity": ["call", "buy", "call", "x"],
...     "ts": [t0, t0 + dt.timedelta(hours=1), t0, t0], "seq": [0, 1, 2, 3]}))
>>> r = behaviour_moments(ev, m, target="buy")
>>> r.customers, r.outcome_customers, r.moments[0].touchpoint, r.moments[0].occurrence.with_n
(3, 1, 'call', 2)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import Filters, apply_filters, rows
from safar.analytics.binding import bind_events
from safar.errors import InputError
from safar.insights.oddsratio import benjamini_hochberg, odds_ratio
from safar.metrics.survey import is_negative
from safar.model import JourneyMap

ALPHA = 0.05
EQUIVALENCE = 1.5
CONFIDENCE = 0.95
EFFECTS = ("matters", "no_effect", "unknown")
POPULATIONS = ("stage", "all")


@dataclass(frozen=True)
class Comparison:
    """One 2 × 2 table: the ``with`` group (had the touchpoint / a negative comment) against ``without``."""

    with_n: int
    with_outcome: int
    without_n: int
    without_outcome: int
    odds_ratio: float | None = None
    low: float | None = None
    high: float | None = None
    log_or: float | None = None
    haldane: bool = False
    p_value: float | None = None
    q_value: float | None = None
    significant: bool = False
    effect: str = "unknown"

    @property
    def defined(self) -> bool:
        """Both groups have customers and the outcome varies: otherwise no odds ratio means anything."""
        outcomes = self.with_outcome + self.without_outcome
        total = self.with_n + self.without_n
        return self.with_n > 0 and self.without_n > 0 and 0 < outcomes < total

    def to_dict(self) -> dict[str, Any]:
        def group(n: int, hit: int) -> dict[str, Any]:
            return {"customers": n, "outcome": hit, "rate": hit / n if n else None}

        return {
            "with": group(self.with_n, self.with_outcome),
            "without": group(self.without_n, self.without_outcome),
            "odds_ratio": self.odds_ratio,
            "or_low": self.low,
            "or_high": self.high,
            "log_or": self.log_or,
            "haldane": self.haldane,
            "p_value": self.p_value,
            "q_value": self.q_value,
            "significant": self.significant,
            "effect": self.effect,
        }


@dataclass(frozen=True)
class Moment:
    touchpoint: str
    stage: str
    occurrence: Comparison
    experience: Comparison | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "touchpoint": self.touchpoint,
            "stage": self.stage,
            **self.occurrence.to_dict(),
            "experience": None if self.experience is None else self.experience.to_dict(),
        }


@dataclass(frozen=True)
class MomentsResult:
    target: str | None
    target_kind: str
    churn: bool
    cutoff: dt.datetime | None
    population: str
    customers: int
    outcome_customers: int
    alpha: float
    equivalence: float
    confidence: float
    moments: tuple[Moment, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": {
                "target": self.target,
                "kind": self.target_kind,
                "churn": self.churn,
                "cutoff": None if self.cutoff is None else self.cutoff.isoformat(),
            },
            "population": self.population,
            "customers": self.customers,
            "outcome_customers": self.outcome_customers,
            "alpha": self.alpha,
            "equivalence": self.equivalence,
            "confidence": self.confidence,
            "moments": [m.to_dict() for m in self.moments],
        }


def customer_outcomes(
    bound: ir.Table,
    *,
    target: str | None,
    target_is_touchpoint: bool,
    churn: bool,
    cutoff: dt.datetime | None,
) -> ir.Table:
    """One row per customer: ``customer_id``, ``outcome`` (bool) and ``cut`` (events before it count; NULL: all)."""
    if target is None:
        assert cutoff is not None
        at = ibis.literal(cutoff).cast("timestamp")
        per = bound.group_by("customer_id").agg(first=bound.ts.min(), last=bound.ts.max())
        per = per.filter(per.first < at)
        return per.select("customer_id", outcome=per.last < at, cut=at)
    hit = bound.touchpoint_id == target if target_is_touchpoint else bound.activity == target
    per = bound.group_by("customer_id").agg(first_hit=bound.ts.min(where=hit.fill_null(False)))
    reached = per.first_hit.notnull()
    return per.select("customer_id", outcome=~reached if churn else reached, cut=per.first_hit)


def exposure_table(bound: ir.Table, outcomes: ir.Table) -> ir.Table:
    """Distinct (customer_id, touchpoint_id, stage_id, outcome) for touchpoints had before the customer's cut."""
    on = bound.filter(bound.touchpoint_id.notnull())
    joined = on.join(outcomes, "customer_id")
    before = joined.filter(joined.cut.isnull() | (joined.ts < joined.cut))
    return before.select("customer_id", "touchpoint_id", "stage_id", "outcome").distinct()


def negative_comments(comments: ir.Table, map_id: int, outcomes: ir.Table) -> ir.Table:
    """Distinct (customer_id, touchpoint_id) with a negative comment on the map, before the cut when timed."""
    neg = comments.filter(
        (comments.map_id == map_id)
        & is_negative(comments.label)
        & comments.touchpoint_id.notnull()
        & comments.customer_id.notnull()
    )
    neg = neg.join(outcomes, "customer_id")
    neg = neg.filter(neg.ts.isnull() | neg.cut.isnull() | (neg.ts < neg.cut))
    return neg.select("customer_id", "touchpoint_id").distinct().mutate(negative=ibis.literal(True))


def touchpoint_counts(exposures: ir.Table, negatives: ir.Table | None) -> ir.Table:
    """Per touchpoint: exposed, exposed_outcome, negative, negative_outcome."""
    if negatives is None:
        e = exposures.mutate(negative=ibis.literal(False))
    else:
        joined = exposures.left_join(
            negatives,
            [
                exposures.customer_id == negatives.customer_id,
                exposures.touchpoint_id == negatives.touchpoint_id,
            ],
        )
        e = joined.select(
            exposures.customer_id,
            exposures.touchpoint_id,
            exposures.outcome,
            negative=negatives.negative.fill_null(False),
        )
    return e.group_by("touchpoint_id").agg(
        exposed=e.count(),
        exposed_outcome=e.count(where=e.outcome),
        negative=e.count(where=e.negative),
        negative_outcome=e.count(where=e.negative & e.outcome),
    )


def behaviour_moments(
    events: ir.Table,
    journey_map: JourneyMap,
    *,
    target: str | None = None,
    churn: bool = False,
    cutoff: dt.datetime | None = None,
    comments: ir.Table | None = None,
    map_id: int | None = None,
    alpha: float = ALPHA,
    equivalence: float = EQUIVALENCE,
    confidence: float = CONFIDENCE,
    population: str = "stage",
    filters: Filters | None = None,
) -> MomentsResult:
    """Per touchpoint of the map (the target's own excluded): had it vs not, and the outcome's odds."""
    if not 0 < alpha < 1:
        raise InputError("insights.bad_alpha", value=alpha)
    if not 0 < confidence < 1:
        raise InputError("insights.bad_confidence", value=confidence)
    if equivalence <= 1:
        raise InputError("insights.bad_equivalence", value=equivalence)
    if target is None and cutoff is None:
        raise InputError("insights.no_outcome_target")
    if target is not None and cutoff is not None:
        raise InputError("insights.cutoff_with_target", target=target)
    if cutoff is not None and not churn:
        raise InputError("insights.cutoff_needs_churn")
    if population not in POPULATIONS:
        raise InputError("insights.bad_population", value=population, allowed=list(POPULATIONS))
    ids = [t.id for t in journey_map.touchpoints()]
    is_tp = target in ids
    bound = bind_events(apply_filters(events, filters), journey_map)
    if target is not None:
        hit = bound.touchpoint_id == target if is_tp else bound.activity == target
        if int(rows(bound.agg(n=bound.count(where=hit.fill_null(False))))[0]["n"] or 0) == 0:
            raise InputError("insights.outcome_not_found", target=target, touchpoints=ids)
    outcomes = customer_outcomes(bound, target=target, target_is_touchpoint=is_tp, churn=churn, cutoff=cutoff)
    totals = rows(outcomes.agg(customers=outcomes.count(), outcome=outcomes.count(where=outcomes.outcome)))[0]
    customers, with_outcome = int(totals["customers"] or 0), int(totals["outcome"] or 0)
    if customers == 0:
        raise InputError("insights.no_customers_before_cutoff", cutoff=str(cutoff))
    negatives = None
    if comments is not None and map_id is not None:
        negatives = negative_comments(comments, map_id, outcomes)
        if int(rows(negatives.agg(n=negatives.count()))[0]["n"] or 0) == 0:
            negatives = None  # no negative comment on the map: the experience comparison has no data
    exposures = exposure_table(bound, outcomes)
    counts = {r["touchpoint_id"]: r for r in rows(touchpoint_counts(exposures, negatives))}
    reached = _stage_reach(exposures) if population == "stage" else {}
    stage_of = {t.id: s.id for s in journey_map.stages for t in s.touchpoints}
    occurrence: dict[str, Comparison] = {}
    experience: dict[str, Comparison] = {}
    for tp in ids:
        if tp == target and is_tp:
            continue
        r = counts.get(tp, {})
        n, hit_n = int(r.get("exposed", 0)), int(r.get("exposed_outcome", 0))
        base, base_hit = (
            reached.get(stage_of[tp], (0, 0)) if population == "stage" else (customers, with_outcome)
        )
        occurrence[tp] = Comparison(n, hit_n, base - n, base_hit - hit_n)
        if negatives is not None:
            neg, neg_hit = int(r.get("negative", 0)), int(r.get("negative_outcome", 0))
            experience[tp] = Comparison(neg, neg_hit, n - neg, hit_n - neg_hit)
    occurrence = _tested(occurrence, alpha, equivalence, confidence)
    experience = _tested(experience, alpha, equivalence, confidence)
    moments = [Moment(tp, stage_of[tp], c, experience.get(tp)) for tp, c in occurrence.items()]
    order = {tp: i for i, tp in enumerate(ids)}
    moments.sort(key=lambda m: _rank_key(m.occurrence, order[m.touchpoint]))
    return MomentsResult(
        target=target,
        target_kind="cutoff" if target is None else "touchpoint" if is_tp else "activity",
        population=population,
        churn=churn,
        cutoff=cutoff,
        customers=customers,
        outcome_customers=with_outcome,
        alpha=alpha,
        equivalence=equivalence,
        confidence=confidence,
        moments=tuple(moments),
    )


def _stage_reach(exposures: ir.Table) -> dict[str, tuple[int, int]]:
    """Per stage: customers who had any of its touchpoints before their cut, and how many had the outcome.

    Strictly before: counting the outcome's own event would put the customers who converted at once
    into the stage's population without any of its other touchpoints, a selection that fakes an effect.
    """
    per = exposures.select("customer_id", "stage_id", "outcome").distinct()
    found = rows(per.group_by("stage_id").agg(n=per.count(), hit=per.count(where=per.outcome)))
    return {r["stage_id"]: (int(r["n"]), int(r["hit"])) for r in found}


def _tested(
    tables: dict[str, Comparison], alpha: float, equivalence: float, confidence: float
) -> dict[str, Comparison]:
    """Each defined table with its odds ratio, p-value, BH q-value (over the defined ones) and effect."""
    tested = {}
    for tp, c in tables.items():
        if not c.defined:
            continue
        o = odds_ratio(
            c.with_outcome,
            c.with_n - c.with_outcome,
            c.without_outcome,
            c.without_n - c.without_outcome,
            confidence=confidence,
        )
        tested[tp] = o
    qs = dict(zip(tested, benjamini_hochberg([o.p_value for o in tested.values()]), strict=True))
    out = {}
    for tp, c in tables.items():
        found = tested.get(tp)
        if found is None:
            out[tp] = c
            continue
        o = found
        significant = qs[tp] < alpha
        narrow = 1 / equivalence < o.low and o.high < equivalence
        out[tp] = Comparison(
            c.with_n,
            c.with_outcome,
            c.without_n,
            c.without_outcome,
            odds_ratio=o.odds_ratio,
            low=o.low,
            high=o.high,
            log_or=o.log_or,
            haldane=o.corrected,
            p_value=o.p_value,
            q_value=qs[tp],
            significant=significant,
            effect="matters" if significant else "no_effect" if narrow else "unknown",
        )
    return out


def _rank_key(c: Comparison, position: int) -> tuple[int, float, int]:
    if c.significant and c.log_or is not None:
        return (0, -abs(c.log_or), position)
    return (1, c.p_value if c.p_value is not None else 2.0, position)
