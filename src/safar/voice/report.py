"""The voice-of-the-customer report of a map: per touchpoint, per stage, for the whole journey, over time.

``voice_report`` gathers what :mod:`safar.voice.touchpoints` computes per touchpoint, adds the stages
(answers about a stage, and about its touchpoints), the map's headline (:func:`headline`), a breakdown by
channel, a segment attribute or period, the monthly (or weekly…) trend of each metric, and the most
distinctive terms of each touchpoint's comments by sentiment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.errors import InputError
from safar.events.periods import GREGORIAN_UTC, Calendar
from safar.metrics.survey import map_level
from safar.model import JourneyMap
from safar.model.survey import Survey
from safar.voice.corrections import labelled_comments
from safar.voice.emotion import Measured
from safar.voice.groups import METRICS, metric_by, trend
from safar.voice.labels import CONFIDENT
from safar.voice.terms import top_terms
from safar.voice.touchpoints import Scales, answers_of, metrics_by, rating_emotions, touchpoint_voice
from safar.warehouse import Warehouse

BREAKDOWNS = ("channel", "period", "segment:<attribute>")


def scales_of(surveys: Sequence[tuple[int, Survey]]) -> Scales:
    """(survey id, question id) → the question's rating scale."""
    out: dict[tuple[int, str], tuple[int, int]] = {}
    for survey_id, survey in surveys:
        for q in survey.questions:
            bounds = q.bounds()
            if bounds is not None:
                out[(survey_id, q.id)] = bounds
    return out


def in_current_stages(answers: ir.Table, journey: JourneyMap) -> ir.Table:
    """``answers`` with each touchpoint answer's ``stage_id`` taken from the map as it is now: a touchpoint
    moved to another stage takes its earlier answers along. Answers about a stage, or about a touchpoint
    no longer on the map, keep the stage stored with them."""
    moved = [
        (answers.touchpoint_id == tp.id, stage.id) for stage in journey.stages for tp in stage.touchpoints
    ]
    if not moved:
        return answers
    return answers.mutate(stage_id=ibis.cases(*moved, else_=answers.stage_id))


def headline(answers: ir.Table, min_n: int = 30) -> dict[str, dict[str, Any]]:
    """The map's own NPS, CSAT and CES (those with answers), as its KPIs measure them
    (:func:`safar.metrics.survey.map_level`): the journey-level question's, else all the map's answers."""
    level = map_level(answers)
    return metrics_by(level.mutate(scope=ibis.literal("journey")), "scope", min_n).get("journey", {})


def voice_report(
    warehouse: Warehouse,
    map_id: int,
    journey: JourneyMap,
    surveys: Sequence[tuple[int, Survey]] = (),
    *,
    by: str | None = None,
    period: str = "month",
    min_n: int = 30,
    terms: int = 5,
    calendar: Calendar = GREGORIAN_UTC,
) -> dict[str, Any]:
    """Everything the map's customers said, measured; see the module doc. Periods are those of ``calendar``."""
    scales = scales_of(surveys)
    answers = in_current_stages(answers_of(warehouse, map_id), journey)
    voice = touchpoint_voice(warehouse, map_id, journey, scales, min_n)
    stage_metrics = metrics_by(answers, "stage_id", min_n)
    stage_rated = rating_emotions(answers, "stage_id", scales)
    touchpoints = []
    for stage in journey.stages:
        for tp in stage.touchpoints:
            v = voice.get(tp.id)
            touchpoints.append(
                {
                    "touchpoint": tp.id,
                    "name": tp.name,
                    "stage": stage.id,
                    "channel": tp.channel,
                    "owner": tp.owner,
                    "assumed_emotion": tp.emotion.score if tp.emotion else None,
                    **({k: val for k, val in v.to_dict().items() if k != "touchpoint"} if v else _empty()),
                }
            )
    stages = []
    for stage in journey.stages:
        parts = [voice[t.id] for t in stage.touchpoints if t.id in voice]
        said = Measured.combine(Measured(v.comments, round(2 * (v.mean_score or 0), 2)) for v in parts)
        measured = Measured.combine([stage_rated.get(stage.id, Measured(0, 0.0)), said])
        assumed = [t.emotion.score for t in stage.touchpoints if t.emotion]
        mean_assumed = round(sum(assumed) / len(assumed), 2) if assumed else None
        stages.append(
            {
                "stage": stage.id,
                "name": stage.name,
                "metrics": stage_metrics.get(stage.id, {}),
                "measured_emotion": measured.emotion if measured.n else None,
                "measured_n": measured.n,
                "assumed_emotion": mean_assumed,
                "flagged": mean_assumed is not None
                and measured.n > 0
                and abs(measured.emotion - mean_assumed) >= 1,
            }
        )
    overall = headline(answers, min_n)
    responses = warehouse.con.table("responses")
    mine = responses.filter(responses.map_id == map_id)
    counts = (
        mine.aggregate(
            # response ids are unique within a survey, not across a map's surveys
            responses=(mine.survey_id.cast("string") + ":" + mine.response_id).nunique(),
            answers=mine.count(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    return {
        "map": map_id,
        "title": journey.title,
        "responses": int(counts["responses"] or 0),
        "answers": int(counts["answers"] or 0),
        "comments": sum(v.comments for v in voice.values()),
        "journey": overall,
        "touchpoints": touchpoints,
        "stages": stages,
        "trend": map_trend(answers, period, min_n, calendar),
        "breakdown": _breakdown(answers, by, period, min_n, calendar) if by else None,
        "terms": _terms(warehouse, map_id, journey.lang, terms) if terms else {},
    }


def _empty() -> dict[str, Any]:
    return {
        "comments": 0,
        "negative_share": None,
        "positive_share": None,
        "mean_score": None,
        "answers": 0,
        "measured_emotion": None,
        "measured_n": 0,
        "flagged": False,
        "metrics": {},
        "sources": {},
    }


def map_trend(
    answers: Any, period: str = "month", min_n: int = 30, calendar: Calendar = GREGORIAN_UTC
) -> dict[str, list[dict[str, Any]]]:
    """The map's NPS, CSAT and CES per ``period``, each counted on the answers its headline counts
    (:func:`safar.metrics.survey.map_level`: the journey-level question's, else all the answers of the kind),
    so the trend's last period and the headline measure the same thing."""
    level = map_level(answers)
    out: dict[str, list[dict[str, Any]]] = {}
    for metric in METRICS:
        mine = level.filter(level.kind == metric)
        frame = trend(
            mine, metric, time_col="ts", period=period, score_col="value", min_n=min_n, calendar=calendar
        )
        rows = frame.to_dict("records")
        for row in rows:
            row["period"] = row["period"].isoformat()
            row["change"] = None if row["change"] != row["change"] else round(float(row["change"]), 2)
        if rows:
            out[metric] = rows
    return out


def _breakdown(answers: Any, by: str, period: str, min_n: int, calendar: Calendar) -> dict[str, Any]:
    if by == "channel":
        table, key = answers.mutate(group=answers.channel.fill_null("")), "group"
    elif by == "period":
        table, key = answers, None
    elif by.startswith("segment:") and by[8:]:
        table, key = answers.mutate(group=answers.attributes[by[8:]].fill_null("")), "group"
    else:
        raise InputError("voice.bad_breakdown", value=by, allowed=list(BREAKDOWNS))
    rows: list[dict[str, Any]] = []
    for metric in METRICS:
        mine = table.filter(table.kind == metric)
        if key is None:
            frame = trend(
                mine, metric, time_col="ts", period=period, score_col="value", min_n=min_n, calendar=calendar
            )
            if frame.empty:  # no answers of this metric: no rows (and no period column to rename)
                continue
            frame = frame.rename(columns={"period": "group"}).assign(group=lambda f: f["group"].map(str))
            frame = frame.drop(columns=["change"], errors="ignore")
        else:
            frame = metric_by(mine, metric, by=key, score_col="value", min_n=min_n)
        rows.extend(frame.to_dict("records"))
    return {"by": by, "rows": rows}


def _terms(
    warehouse: Warehouse, map_id: int, lang: str, k: int
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    table = labelled_comments(warehouse)
    mine = table.filter((table.map_id == map_id) & table.touchpoint_id.notnull() & (table.lang == lang))
    # Only confident labels name what customers praise or complain of: a comment the model hesitated on
    # (|score| < CONFIDENT) would put its words on the wrong side as often as on the right one.
    mine = mine.filter((mine.label == "neutral") | (mine.score.abs() >= CONFIDENT))
    frame = mine.select("touchpoint_id", "text", "label").to_pyarrow().to_pandas()
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for tp, group in frame.groupby("touchpoint_id", sort=True):
        found = top_terms(group["text"].tolist(), group["label"].tolist(), lang, k)
        kept = {label: [t.to_dict() for t in scored] for label, scored in found.items() if scored}
        if kept:
            out[str(tp)] = kept
    return out
