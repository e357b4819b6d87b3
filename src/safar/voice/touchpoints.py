"""The voice of each touchpoint: survey scores, comment sentiment and the measured emotion.

Survey answers come from the warehouse ``responses`` table (NPS, CSAT, CES with intervals, through
:func:`safar.voice.groups.metric_by`), comments from ``comments``; both are turned into the measured
emotion on the map's −2..+2 scale by :mod:`safar.voice.emotion`, flagged when it is 1 or more away
from the emotion the map assumed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import ibis.expr.types as ir

from safar.metrics.survey import is_negative, negative_share, nps_points
from safar.model import JourneyMap
from safar.voice.corrections import labelled_comments
from safar.voice.emotion import Measured, rating_emotion
from safar.voice.groups import METRICS, metric_by
from safar.warehouse import Warehouse

RATED_KINDS = ("nps", "csat", "ces", "likert", "gap")
Scales = Mapping[tuple[int, str], tuple[int, int]]


@dataclass(frozen=True)
class TouchpointVoice:
    touchpoint: str
    comments: int
    negative_share: float | None
    positive_share: float | None
    mean_score: float | None
    answers: int
    measured_emotion: float | None
    measured_n: int
    assumed_emotion: int | None
    flagged: bool
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def answers_of(warehouse: Warehouse, map_id: int) -> ir.Table:
    """The rated answers given about ``map_id``'s touchpoints and stages."""
    table = warehouse.con.table("responses")
    return table.filter((table.map_id == map_id) & table.value.notnull() & table.kind.isin(RATED_KINDS))


def rating_emotions(answers: ir.Table, key: str, scales: Scales | None = None) -> dict[str, Measured]:
    """Per value of ``key`` (``touchpoint_id`` or ``stage_id``): the answers' n and mean emotion.

    An NPS answer counts +2 for a promoter, 0 for a passive and −2 for a detractor (so the mean is
    NPS / 50); other ratings map linearly from their scale (:func:`safar.voice.emotion.rating_emotion`).
    """
    mine = answers.filter(answers[key].notnull())
    category = 2.0 * nps_points(mine.value)
    grouped = (
        mine.group_by([key, "survey_id", "question_id", "kind"])
        .agg(n=mine.count(), mean=mine.value.mean(), nps=category.mean())
        .to_pyarrow()
        .to_pylist()
    )
    parts: dict[str, list[Measured]] = {}
    for row in grouped:
        if row["kind"] == "nps":
            emotion = round(float(row["nps"]), 2)
        else:
            scale = (scales or {}).get((int(row["survey_id"]), row["question_id"]))
            emotion = rating_emotion(float(row["mean"]), row["kind"], scale)
        parts.setdefault(row[key], []).append(Measured(int(row["n"]), emotion))
    return {k: Measured.combine(v) for k, v in parts.items()}


def metrics_by(answers: ir.Table, key: str, min_n: int = 30) -> dict[str, dict[str, dict[str, Any]]]:
    """NPS, CSAT and CES (with n and intervals) per value of ``key``."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for metric in METRICS:
        mine = answers.filter((answers.kind == metric) & answers[key].notnull())
        frame = metric_by(mine, metric, by=key, score_col="value", min_n=min_n)
        for rec in frame.to_dict("records"):
            out.setdefault(rec.pop(key), {})[metric] = rec
    return out


def comment_emotions(warehouse: Warehouse, map_id: int) -> dict[str, tuple[int, int, int, float]]:
    """Per touchpoint: comments, negative, positive, mean sentiment score."""
    table = labelled_comments(warehouse)
    mine = table.filter((table.map_id == map_id) & table.touchpoint_id.notnull())
    grouped = mine.group_by("touchpoint_id").agg(
        comments=mine.count(),
        negative=is_negative(mine.label).sum(),
        positive=(mine.label == "positive").sum(),
        mean_score=mine.score.mean(),
    )
    return {
        r["touchpoint_id"]: (
            int(r["comments"]),
            int(r["negative"]),
            int(r["positive"]),
            float(r["mean_score"]),
        )
        for r in grouped.to_pyarrow().to_pylist()
    }


def touchpoint_voice(
    warehouse: Warehouse, map_id: int, journey: JourneyMap, scales: Scales | None = None, min_n: int = 30
) -> dict[str, TouchpointVoice]:
    """Per touchpoint of the map that has answers or comments: its voice and measured emotion."""
    answers = answers_of(warehouse, map_id)
    rated = rating_emotions(answers, "touchpoint_id", scales)
    metrics = metrics_by(answers, "touchpoint_id", min_n)
    comments = comment_emotions(warehouse, map_id)
    assumed = {t.id: (t.emotion.score if t.emotion else None) for t in journey.touchpoints()}
    out: dict[str, TouchpointVoice] = {}
    for tp in [t.id for t in journey.touchpoints() if t.id in rated or t.id in comments]:
        n, negative, positive, mean_score = comments.get(tp, (0, 0, 0, 0.0))
        said = Measured(n, round(2 * mean_score, 2)) if n else Measured(0, 0.0)
        survey = rated.get(tp, Measured(0, 0.0))
        measured = Measured.combine([survey, said])
        out[tp] = TouchpointVoice(
            touchpoint=tp,
            comments=n,
            negative_share=negative_share(negative, n),
            positive_share=positive / n if n else None,
            mean_score=mean_score if n else None,
            answers=survey.n,
            measured_emotion=measured.emotion,
            measured_n=measured.n,
            assumed_emotion=assumed.get(tp),
            flagged=measured.differs(assumed.get(tp)),
            metrics=metrics.get(tp, {}),
            sources={"survey": survey.to_dict(), "comments": said.to_dict()},
        )
    return out
