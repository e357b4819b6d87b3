"""Sentiment per touchpoint, and the measured emotion on the map's −2..+2 scale.

Measured emotion = 2 × the mean sentiment score (−1..1) of the touchpoint's comments; it is
flagged when it differs from the assumed emotion by 1 or more (half the scale's side).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safar.model import JourneyMap
from safar.warehouse import Warehouse

FLAG_AT = 1.0


@dataclass(frozen=True)
class TouchpointVoice:
    touchpoint: str
    comments: int
    negative_share: float
    positive_share: float
    mean_score: float
    measured_emotion: float
    assumed_emotion: int | None
    flagged: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def touchpoint_voice(warehouse: Warehouse, map_id: int, journey: JourneyMap) -> dict[str, TouchpointVoice]:
    """Per touchpoint of the map that has comments: counts, shares, mean score and measured emotion."""
    table = warehouse.con.table("comments")
    mine = table.filter((table.map_id == map_id) & table.touchpoint_id.notnull())
    grouped = mine.group_by("touchpoint_id").agg(
        comments=mine.count(),
        negative=(mine.label == "negative").sum(),
        positive=(mine.label == "positive").sum(),
        mean_score=mine.score.mean(),
    )
    assumed = {t.id: (t.emotion.score if t.emotion else None) for t in journey.touchpoints()}
    out: dict[str, TouchpointVoice] = {}
    for row in grouped.to_pyarrow().to_pylist():
        n = int(row["comments"])
        measured = round(2 * float(row["mean_score"]), 2)
        prior = assumed.get(row["touchpoint_id"])
        out[row["touchpoint_id"]] = TouchpointVoice(
            touchpoint=row["touchpoint_id"],
            comments=n,
            negative_share=int(row["negative"]) / n,
            positive_share=int(row["positive"]) / n,
            mean_score=float(row["mean_score"]),
            measured_emotion=measured,
            assumed_emotion=prior,
            flagged=prior is not None and abs(measured - prior) >= FLAG_AT,
        )
    return out
