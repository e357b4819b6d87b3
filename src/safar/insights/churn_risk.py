"""Churn risk (ریسک رویگردانی) per customer from their journey so far: an interpretable model, validated on a time split.

**What it learns.** At a cutoff moment C, each customer who has started and not churned yet
(:func:`safar.metrics.churn.churn_status` at C) is described by their journey up to C — days since their last
event (recency), days since their first (tenure), the log of their number of events, and for each of the
dataset's most common steps (touchpoints of the map, else activities) the log of how often they were there —
and labelled by what happened next: **churned within the horizon** (the inactivity period, or the churn rule's
horizon) after C, i.e. no event in (C, C + horizon] for inactivity, or a churn event in it.

**The model** is a logistic regression on the standardised features (scikit-learn): each feature's
coefficient is the change in the log-odds of churning for one standard deviation more of it, so a touchpoint
whose coefficient is positive **raises** the risk and a negative one **lowers** it; a customer's **reasons**
are the features that add most to their own log-odds.

**Validation on a time split** (never on the rows it learned from): learned at C₁ = as_of − 2·horizon (whose
labels end at C₁ + horizon), tested at C₂ = as_of − horizon (labels end at as_of): ROC AUC, Brier score and
calibration (predicted against observed churn in tenths of the predicted risk). The model that scores
today's customers (at as_of) is then learned again at C₂, the latest cutoff whose outcome is known.

Too little data is said, not guessed: fewer than :data:`MIN_CUSTOMERS` customers at a cutoff, or fewer than
:data:`MIN_CLASS` churned or stayed, gives no model and the reason.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np

from safar.analytics._common import Level, journey
from safar.metrics.churn import churn_status
from safar.model import JourneyMap

__all__ = ["ChurnRisk", "churn_risk"]

MIN_CUSTOMERS = 50
MIN_CLASS = 10
TOP_STEPS = 25  # the most common steps that become features
MAX_TRAIN = 200_000  # customers a model learns from (a fixed-seed sample beyond)
SEED = 0
BASE_FEATURES = ("recency_days", "tenure_days", "events")


@dataclass(frozen=True)
class Effect:
    feature: str  # recency_days, tenure_days, events, or step:<id>
    step: str | None
    coefficient: float  # log-odds per standard deviation
    odds_ratio: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "step": self.step,
            "coefficient": self.coefficient,
            "odds_ratio": self.odds_ratio,
            "raises_risk": self.coefficient > 0,
        }


@dataclass(frozen=True)
class CalibrationBin:
    predicted: float
    observed: float
    customers: int


@dataclass(frozen=True)
class Validation:
    train_cutoff: str
    test_cutoff: str
    train_customers: int
    train_churned: int
    test_customers: int
    test_churned: int
    auc: float | None
    brier: float
    base_rate: float
    calibration: tuple[CalibrationBin, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "train_cutoff": self.train_cutoff,
            "test_cutoff": self.test_cutoff,
            "train_customers": self.train_customers,
            "train_churned": self.train_churned,
            "test_customers": self.test_customers,
            "test_churned": self.test_churned,
            "auc": self.auc,
            "brier": self.brier,
            "base_rate": self.base_rate,
            "calibration": [vars(b) for b in self.calibration],
        }


@dataclass(frozen=True)
class AtRisk:
    customer_id: str
    risk: float
    last_event: str
    events: int
    reasons: tuple[str, ...]  # features, most raising first

    def to_dict(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "risk": self.risk,
            "last_event": self.last_event,
            "events": self.events,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class ChurnRisk:
    as_of: str | None
    horizon_days: float
    level: str
    available: bool
    reason: str | None = None  # why there is no model (a catalogue code)
    validation: Validation | None = None
    effects: tuple[Effect, ...] = ()
    scored: int = 0  # today's customers scored
    customers: tuple[AtRisk, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "horizon_days": self.horizon_days,
            "level": self.level,
            "available": self.available,
            "reason": self.reason,
            "validation": self.validation.to_dict() if self.validation else None,
            "effects": [e.to_dict() for e in self.effects],
            "scored": self.scored,
            "customers": [c.to_dict() for c in self.customers],
        }


def _steps_table(events: ir.Table, level: Level, journey_map: JourneyMap | None) -> ir.Table:
    path = journey(events, level, journey_map)
    return path.select("customer_id", "step", "ts")


def _common_steps(steps: ir.Table, top: int) -> list[str]:
    counted = steps.group_by("step").agg(n=steps.count()).order_by([ibis.desc("n"), "step"]).limit(top)
    return [str(r["step"]) for r in counted.to_pyarrow().to_pylist()]


def _at(
    events: ir.Table,
    steps: ir.Table,
    chosen: list[str],
    cutoff: dt.datetime,
    *,
    horizon: dt.timedelta,
    inactive: dt.timedelta | None,
    churn_event: str | None,
    labelled: bool,
) -> tuple[list[str], np.ndarray, np.ndarray | None, list[dt.datetime], list[int]]:
    """Customers alive at ``cutoff`` (started, not churned), their features and, when ``labelled``, whether
    they churned within ``horizon`` after it."""
    status = churn_status(events, as_of=cutoff, inactive=inactive, churn_event=churn_event)
    alive = status.filter(~status.churned)
    # in customer order, so a model learns the same on every engine
    base = alive.select("customer_id", "first_ts", "last_ts", "events").order_by("customer_id")
    base = base.to_pyarrow().to_pylist()
    ids = [str(r["customer_id"]) for r in base]
    where = {c: i for i, c in enumerate(ids)}
    x = np.zeros((len(ids), len(BASE_FEATURES) + len(chosen)))
    for i, r in enumerate(base):
        x[i, 0] = (cutoff - r["last_ts"]).total_seconds() / 86400
        x[i, 1] = (cutoff - r["first_ts"]).total_seconds() / 86400
        x[i, 2] = math.log1p(int(r["events"]))
    if chosen and ids:
        before = steps.filter((steps.ts <= cutoff) & steps.step.isin(chosen))
        before = before.filter(before.customer_id.isin(alive.customer_id))
        counts = before.group_by("customer_id", "step").agg(n=before.count()).to_pyarrow().to_pylist()
        column = {s: len(BASE_FEATURES) + j for j, s in enumerate(chosen)}
        for r in counts:
            row = where.get(str(r["customer_id"]))
            if row is not None:
                x[row, column[str(r["step"])]] = math.log1p(int(r["n"]))
    y = None
    if labelled:
        end = cutoff + horizon
        window = events.filter((events.ts > cutoff) & (events.ts <= end))
        if churn_event is None:
            came_back = window.select("customer_id").distinct()
            back = {str(r["customer_id"]) for r in came_back.to_pyarrow().to_pylist()}
            y = np.array([0 if c in back else 1 for c in ids])
        else:
            left = window.filter(window.activity == churn_event).select("customer_id").distinct()
            gone = {str(r["customer_id"]) for r in left.to_pyarrow().to_pylist()}
            y = np.array([1 if c in gone else 0 for c in ids])
    return ids, x, y, [r["last_ts"] for r in base], [int(r["events"]) for r in base]


def _fit(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if len(y) > MAX_TRAIN:
        pick = np.random.default_rng(SEED).choice(len(y), MAX_TRAIN, replace=False)
        x, y = x[pick], y[pick]
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    model.fit(x, y)
    return model


def _too_few(y: np.ndarray | None) -> bool:
    if y is None or len(y) < MIN_CUSTOMERS:
        return True
    churned = int(y.sum())
    return churned < MIN_CLASS or len(y) - churned < MIN_CLASS


def _calibration(p: np.ndarray, y: np.ndarray, bins: int = 10) -> tuple[CalibrationBin, ...]:
    order = np.argsort(p, kind="stable")
    out = []
    for part in np.array_split(order, min(bins, len(order))):
        if len(part):
            out.append(CalibrationBin(float(p[part].mean()), float(y[part].mean()), len(part)))
    return tuple(out)


def churn_risk(
    events: ir.Table,
    *,
    as_of: dt.datetime,
    inactive: dt.timedelta | None = None,
    churn_event: str | None = None,
    horizon: dt.timedelta | None = None,
    level: str | Level = Level.ACTIVITY,
    journey_map: JourneyMap | None = None,
    top: int = 50,
) -> ChurnRisk:
    """Learn, validate and apply the churn-risk model (see the module docstring); ``top``: how many of today's
    customers at risk to list (most at risk first). ``horizon`` is ``inactive`` unless given (it must be
    given with an explicit churn event)."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    from safar.errors import InputError

    level = Level(level)
    span = horizon or inactive
    if span is None:
        raise InputError("churn.horizon_needed")
    days = span.total_seconds() / 86400
    steps = _steps_table(events, level, journey_map)
    chosen = _common_steps(steps, TOP_STEPS)
    first = events.ts.min().to_pyarrow().as_py()
    c1, c2 = as_of - 2 * span, as_of - span
    if first is None or c1 <= first:
        return ChurnRisk(as_of.isoformat(), days, level.value, False, "churn.short_history")
    _, x1, y1, _, _ = _at(
        events, steps, chosen, c1, horizon=span, inactive=inactive, churn_event=churn_event, labelled=True
    )
    _, x2, y2, _, _ = _at(
        events, steps, chosen, c2, horizon=span, inactive=inactive, churn_event=churn_event, labelled=True
    )
    if _too_few(y1) or _too_few(y2):
        return ChurnRisk(as_of.isoformat(), days, level.value, False, "churn.too_few")
    assert y1 is not None and y2 is not None
    tested = _fit(x1, y1)
    p = tested.predict_proba(x2)[:, 1]
    auc = float(roc_auc_score(y2, p)) if 0 < y2.sum() < len(y2) else None
    validation = Validation(
        c1.isoformat(),
        c2.isoformat(),
        len(y1),
        int(y1.sum()),
        len(y2),
        int(y2.sum()),
        auc,
        float(brier_score_loss(y2, p)),
        float(y2.mean()),
        _calibration(p, y2),
    )
    model = _fit(x2, y2)
    names = [*BASE_FEATURES, *(f"step:{s}" for s in chosen)]
    coef = model[-1].coef_[0]
    effects = tuple(
        sorted(
            (
                Effect(
                    n,
                    n.removeprefix("step:") if n.startswith("step:") else None,
                    float(c),
                    float(math.exp(c)),
                )
                for n, c in zip(names, coef, strict=True)
            ),
            key=lambda e: -e.coefficient,
        )
    )
    ids, x, _, last, counts = _at(
        events, steps, chosen, as_of, horizon=span, inactive=inactive, churn_event=churn_event, labelled=False
    )
    if not ids:
        return ChurnRisk(as_of.isoformat(), days, level.value, True, None, validation, effects, 0, ())
    risk = model.predict_proba(x)[:, 1]
    z = model[0].transform(x)
    parts = z * coef
    order = np.lexsort((np.array(ids), -risk))[:top]
    listed = []
    for i in order:
        raising = [names[j] for j in np.argsort(-parts[i], kind="stable") if parts[i, j] > 0][:3]
        listed.append(AtRisk(ids[i], float(risk[i]), last[i].isoformat(), counts[i], tuple(raising)))
    return ChurnRisk(
        as_of.isoformat(), days, level.value, True, None, validation, effects, len(ids), tuple(listed)
    )
