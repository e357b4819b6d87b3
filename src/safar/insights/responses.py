"""Survey answers of a map, from the warehouse ``responses`` table: touchpoint drivers and gaps.

**Drivers.** The outcome is a journey-level question of the map (no touchpoint, no stage; kind
``nps``, ``csat`` or ``likert``) — by default the one with the most answers. Each touchpoint becomes
one column per response: its rated answers (kinds ``nps``, ``csat``, ``ces``, ``likert``, and the
perception of ``gap``) standardised per question (z-scores, ``ces`` negated so that higher is better)
and averaged, so a touchpoint asked about on two scales is still one driver. The outcome is
regressed on these columns (one row per ``response_id`` of the outcome's survey) and the R² split by
Johnson's relative weights (:func:`safar.insights.drivers.key_drivers`, pairwise deletion: each
touchpoint is usually rated only by the customers who had it). Touchpoints with fewer than
``min_answers`` answers beside the outcome, or with one value only, are left out and listed.

**Gaps.** Per touchpoint, over the ``gap`` answers with both numbers: the mean perception (``value``),
the mean expectation (``expected``) and the mean gap perception − expectation, with n.

Both are Ibis expressions up to the per-response, per-touchpoint means; only those reach pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ibis.expr.types as ir
import numpy as np
import pandas as pd

from safar.errors import InputError
from safar.insights.drivers import BOOTSTRAP, SEED, DriversResult, key_drivers
from safar.metrics.survey import expectation_gap

OUTCOME_KINDS = ("nps", "csat", "likert")
RATED_KINDS = ("nps", "csat", "ces", "likert", "gap")
MIN_ANSWERS = 10
_OUTCOME = "__outcome__"


@dataclass(frozen=True)
class RatingDrivers:
    """Driver importance per touchpoint (its share of R² in ``result``), or why there is none."""

    survey_id: int | None
    question_id: str | None
    result: DriversResult | None
    reason: str | None = None
    left_out: tuple[str, ...] = field(default_factory=tuple)

    def importance(self) -> dict[str, float]:
        return {} if self.result is None else {d.name: d.importance for d in self.result.drivers}

    def to_dict(self) -> dict[str, Any]:
        return {
            "survey_id": self.survey_id,
            "outcome_question": self.question_id,
            "r2": None if self.result is None else self.result.r2,
            "n": None if self.result is None else self.result.n,
            "drivers": [] if self.result is None else [d.to_dict() for d in self.result.drivers],
            "reason": self.reason,
            "left_out": list(self.left_out),
        }


@dataclass(frozen=True)
class TouchpointGap:
    touchpoint: str
    n: int
    perception: float
    expectation: float
    gap: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def map_responses(responses: ir.Table, map_id: int) -> ir.Table:
    return responses.filter((responses.map_id == map_id) & responses.value.notnull())


def rating_drivers(
    responses: ir.Table,
    map_id: int,
    *,
    touchpoints: list[str] | None = None,
    outcome_question: str | None = None,
    min_answers: int = MIN_ANSWERS,
    bootstrap: int = BOOTSTRAP,
    seed: int | None = SEED,
) -> RatingDrivers:
    """Johnson's relative weights of the map's touchpoint ratings for its journey-level outcome question."""
    r = map_responses(responses, map_id)
    journey_level = r.filter(r.touchpoint_id.isnull() & r.stage_id.isnull() & r.kind.isin(OUTCOME_KINDS))
    if outcome_question is not None:
        journey_level = journey_level.filter(journey_level.question_id == outcome_question)
    candidates = (
        journey_level.group_by("survey_id", "question_id")
        .agg(n=journey_level.count())
        .order_by([journey_level.count().desc(), "survey_id", "question_id"])
    )
    found = candidates.limit(1).to_pyarrow().to_pylist()
    if not found:
        return RatingDrivers(None, outcome_question, None, reason="no_outcome_question")
    survey_id, question_id = int(found[0]["survey_id"]), str(found[0]["question_id"])
    mine = r.filter(r.survey_id == survey_id)
    outcome = mine.filter(
        (mine.question_id == question_id) & mine.touchpoint_id.isnull() & mine.stage_id.isnull()
    )
    outcome = outcome.group_by("response_id").agg(value=outcome.value.mean())
    rated = mine.filter(mine.touchpoint_id.notnull() & mine.kind.isin(RATED_KINDS))
    if touchpoints is not None:
        rated = rated.filter(rated.touchpoint_id.isin(touchpoints))
    rated = rated.group_by("response_id", "touchpoint_id", "question_id", "kind").agg(
        value=rated.value.mean()
    )
    frame = _driver_frame(
        outcome.to_pyarrow().to_pandas(), rated.to_pyarrow().to_pandas(), min_answers, touchpoints
    )
    names, left_out = frame.attrs["drivers"], tuple(frame.attrs["left_out"])
    if not names:
        return RatingDrivers(survey_id, question_id, None, reason="no_rated_touchpoints", left_out=left_out)
    try:
        result = key_drivers(
            frame, outcome=_OUTCOME, drivers=names, missing="pairwise", bootstrap=bootstrap, seed=seed
        )
    except InputError as err:
        return RatingDrivers(survey_id, question_id, None, reason=err.code, left_out=left_out)
    return RatingDrivers(survey_id, question_id, result, left_out=left_out)


def _driver_frame(
    outcome: pd.DataFrame, rated: pd.DataFrame, min_answers: int, order: list[str] | None
) -> pd.DataFrame:
    """One row per response: the outcome and one standardised, averaged column per touchpoint."""
    # Rows come from the engine in no fixed order; sorting makes every sum, so every result, reproducible.
    outcome = outcome.sort_values("response_id", kind="stable")
    frame = pd.DataFrame({_OUTCOME: outcome.set_index("response_id")["value"].astype(float)})
    columns: dict[str, pd.Series] = {}
    if len(rated):
        rated = rated.sort_values(["response_id", "touchpoint_id", "question_id", "kind"], kind="stable")
        rated["value"] = rated["value"].astype(float)
        stats = rated.groupby("question_id")["value"].agg(["mean", "std"])
        spread = stats["std"].where(stats["std"] > 0)
        z = (rated["value"] - rated["question_id"].map(stats["mean"])) / rated["question_id"].map(spread)
        rated["z"] = np.where(rated["kind"] == "ces", -z, z)
        per = rated.dropna(subset=["z"]).groupby(["response_id", "touchpoint_id"])["z"].mean()
        for tp, series in per.groupby(level="touchpoint_id"):
            columns[str(tp)] = series.droplevel("touchpoint_id")
    known = sorted(columns, key=lambda t: (order.index(t) if order and t in order else len(order or []), t))
    chosen, left_out = [], []
    for tp in known:
        column = columns[tp].reindex(frame.index)
        both = column[frame[_OUTCOME].notna()].dropna()
        if len(both) >= min_answers and both.nunique() > 1:
            frame[tp] = column
            chosen.append(tp)
        else:
            left_out.append(tp)
    frame.attrs["drivers"] = chosen
    frame.attrs["left_out"] = left_out
    return frame.reset_index(drop=True)


def touchpoint_gaps(responses: ir.Table, map_id: int) -> dict[str, TouchpointGap]:
    """Mean perception, expectation and gap (perception − expectation) per touchpoint, from ``gap`` answers."""
    r = map_responses(responses, map_id)
    g = r.filter((r.kind == "gap") & r.touchpoint_id.notnull() & r.expected.notnull())
    per = g.group_by("touchpoint_id").agg(
        n=g.count(),
        perception=g.value.mean(),
        expectation=g.expected.mean(),
        gap=expectation_gap(g.value, g.expected).mean(),
    )
    return {
        row["touchpoint_id"]: TouchpointGap(
            row["touchpoint_id"],
            int(row["n"]),
            float(row["perception"]),
            float(row["expectation"]),
            float(row["gap"]),
        )
        for row in per.to_pyarrow().to_pylist()
    }


def gap_pairs_frame(responses: ir.Table, map_id: int) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """The map's ``gap`` answers as one row per response and two columns per touchpoint, with the
    pairs (touchpoint, expectation column, perception column) that :func:`safar.insights.gaps.gap_analysis` reads.
    """
    r = map_responses(responses, map_id)
    g = r.filter((r.kind == "gap") & r.touchpoint_id.notnull() & r.expected.notnull())
    # one respondent = (survey, response id): ids are unique within a survey, not across the map's surveys
    per = g.group_by("survey_id", "response_id", "touchpoint_id").agg(
        expected=g.expected.mean(), value=g.value.mean()
    )
    long = per.to_pyarrow().to_pandas()
    if long.empty:
        return pd.DataFrame(), []
    wide = long.pivot_table(
        index=["survey_id", "response_id"], columns="touchpoint_id", values=["expected", "value"]
    )
    frame = pd.DataFrame(index=wide.index)
    pairs: list[tuple[str, str, str]] = []
    for touchpoint in sorted(long["touchpoint_id"].unique()):
        frame[f"{touchpoint}:expected"] = wide[("expected", touchpoint)]
        frame[f"{touchpoint}:perceived"] = wide[("value", touchpoint)]
        pairs.append((str(touchpoint), f"{touchpoint}:expected", f"{touchpoint}:perceived"))
    return frame.reset_index(drop=True), pairs


def map_survey_gaps(warehouse: Any, map_id: int, *, confidence: float = 0.95) -> Any:
    """The paired gap analysis of the map's ``gap`` answers (:class:`safar.insights.gaps.GapsResult`),
    or ``None`` when the map has none."""
    from safar.insights.gaps import gap_analysis

    frame, pairs = gap_pairs_frame(warehouse.con.table("responses"), map_id)
    return gap_analysis(frame, pairs, confidence=confidence) if pairs else None


def common_scale_performance(warehouse: Any, map_id: int, journey: Any, scales: Any) -> dict[str, float]:
    """Each touchpoint's survey answers as one performance on the common −2..+2 scale (the survey part
    of the measured emotion, :mod:`safar.voice.emotion`), for the touchpoints that have answers."""
    from safar.voice.touchpoints import touchpoint_voice

    voice = touchpoint_voice(warehouse, map_id, journey, scales)
    return {tp: float(v.sources["survey"]["emotion"]) for tp, v in voice.items() if v.answers}


def with_common_performance(drivers: DriversResult, performance: dict[str, float]) -> DriversResult:
    """``drivers`` with each driver's performance on the common −2..+2 scale instead of the mean of its
    z-scored column (which is about 0 by construction); a driver without answers keeps NaN."""
    from dataclasses import replace

    return replace(
        drivers,
        drivers=tuple(replace(d, performance=performance.get(d.name, float("nan"))) for d in drivers.drivers),
    )


def survey_quadrants(
    warehouse: Any, map_id: int, journey: Any, scales: Any, drivers: DriversResult, *, threshold: str = "mean"
) -> Any:
    """Importance × performance of the map's touchpoints: importance from ``drivers`` (their share of
    R²), performance = the touchpoint's answers on the common −2..+2 scale (the survey part of the
    measured emotion, :mod:`safar.voice.emotion`), so ratings on different scales compare."""
    from dataclasses import replace

    from safar.insights.quadrants import importance_performance

    performance = common_scale_performance(warehouse, map_id, journey, scales)
    points = [(d.name, d.importance, performance[d.name]) for d in drivers.drivers if d.name in performance]
    return replace(importance_performance(points, threshold=threshold), r2=drivers.r2, n=drivers.n)
