"""Small edits to a journey map, as the canvas and the API make them.

Each edit returns a new map and leaves the old one untouched; the workspace
then saves it as a revision (refusing it when the map moved on meanwhile).

>>> from safar.model import JourneyMap, Stage
>>> m = JourneyMap(title="t", stages=[Stage(id="aware", name="Awareness")])
>>> m2 = apply_edit(m, Edit(op="add_stage", fields={"name": "Purchase"}))
>>> [s.id for s in m2.stages], [s.id for s in m.stages]
(['aware', 'purchase'], ['aware'])
>>> m3 = apply_edit(m2, Edit(op="move_stage", stage="purchase", position=0))
>>> [s.id for s in m3.stages]
['purchase', 'aware']
"""

from __future__ import annotations

import re
from typing import Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from safar.errors import InputError, ValidationError
from safar.maps.latin import latin
from safar.maps.validate import pydantic_problems
from safar.model import (
    BindingRule,
    Emotion,
    JourneyMap,
    Lane,
    LaneFigure,
    LaneKind,
    MomentOfTruth,
    Persona,
    Stage,
    Touchpoint,
)
from safar.model.ids import SLUG_PATTERN

Op = Literal[
    "update_map",
    "add_stage",
    "update_stage",
    "remove_stage",
    "move_stage",
    "add_touchpoint",
    "update_touchpoint",
    "remove_touchpoint",
    "move_touchpoint",
    "bind",
    "unbind",
    "add_persona",
    "update_persona",
    "remove_persona",
    "add_lane",
    "update_lane",
    "remove_lane",
    "move_lane",
    "set_lane_cell",
]

MAP_FIELDS = ("title", "description", "type", "lang")
STAGE_FIELDS = ("name", "description", "goal")
TOUCHPOINT_TEXT = (
    "name",
    "description",
    "customer_activity",
    "experience",
    "channel",
    "expectations",
    "device",
    "owner",
)
TOUCHPOINT_LINES = (
    "questions",
    "motivations",
    "pain_points",
    "opportunities",
    "frontstage",
    "backstage",
    "support",
)
TOUCHPOINT_FIELDS = (*TOUCHPOINT_TEXT, *TOUCHPOINT_LINES, "emotion_score", "emotion_label", "moment_of_truth")
PERSONA_TEXT = ("name", "description", "segment", "quote", "data_segment", "photo")
PERSONA_LINES = ("demographics", "goals", "pains", "triggers")
LANE_FIELDS = ("name", "figure")


class Edit(BaseModel):
    """One edit: what to do, to which stage or touchpoint, where, with which field values."""

    model_config = ConfigDict(extra="forbid")

    op: Op
    stage: str | None = None
    touchpoint: str | None = None
    persona: str | None = None
    lane: str | None = None
    position: int | None = Field(default=None, ge=0)
    fields: dict[str, Any] = Field(default_factory=dict)


def apply_edit(journey: JourneyMap, edit: Edit) -> JourneyMap:
    """The map after ``edit``; a value the map cannot hold is a :class:`ValidationError` naming it."""
    try:
        return _apply(journey, edit)
    except pydantic.ValidationError as exc:
        problems = list(pydantic_problems(exc.errors(include_url=False)))
        raise ValidationError("map.invalid", source="edit", count=len(problems), errors=problems) from exc
    except ValueError as exc:
        raise InputError("edit.bad_value", problem=str(exc)) from exc


def _apply(journey: JourneyMap, edit: Edit) -> JourneyMap:
    doc = journey.model_copy(deep=True)
    match edit.op:
        case "update_map":
            data = doc.model_dump()
            data.update(_pick(edit.fields, MAP_FIELDS))
            if "timeline" in edit.fields:
                data["scope"]["timeline"] = str(edit.fields["timeline"])
            return JourneyMap.model_validate(data)
        case "add_stage":
            taken = {s.id for s in doc.stages}
            name = str(edit.fields.get("name") or "").strip()
            stage = Stage(
                id=_own_id(edit.fields, taken) or new_id(name, "stage", taken),
                name=name or "—",
                **_pick(edit.fields, STAGE_FIELDS[1:]),
            )
            doc.stages.insert(_at(edit.position, len(doc.stages)), stage)
        case "update_stage":
            stage = _stage(doc, edit.stage)
            for key, value in _pick(edit.fields, STAGE_FIELDS).items():
                setattr(stage, key, value)
        case "remove_stage":
            doc.stages.remove(_stage(doc, edit.stage))
        case "move_stage":
            stage = _stage(doc, edit.stage)
            doc.stages.remove(stage)
            doc.stages.insert(_at(edit.position, len(doc.stages)), stage)
        case "add_touchpoint":
            stage = _stage(doc, edit.stage)
            name = str(edit.fields.get("name") or "").strip()
            taken = {t.id for t in doc.touchpoints()}
            touchpoint = Touchpoint(
                id=_own_id(edit.fields, taken) or new_id(name, "tp", taken),
                name=name or "—",
                channel=str(edit.fields.get("channel") or "other"),
            )
            _update_touchpoint(
                touchpoint, {k: v for k, v in edit.fields.items() if k not in ("name", "channel", "id")}
            )
            stage.touchpoints.insert(_at(edit.position, len(stage.touchpoints)), touchpoint)
        case "update_touchpoint":
            _update_touchpoint(_touchpoint(doc, edit.touchpoint)[1], edit.fields)
        case "remove_touchpoint":
            stage, touchpoint = _touchpoint(doc, edit.touchpoint)
            stage.touchpoints.remove(touchpoint)
        case "move_touchpoint":
            stage, touchpoint = _touchpoint(doc, edit.touchpoint)
            target = _stage(doc, edit.stage) if edit.stage else stage
            stage.touchpoints.remove(touchpoint)
            target.touchpoints.insert(_at(edit.position, len(target.touchpoints)), touchpoint)
        case "bind":
            _bind(doc, _touchpoint(doc, edit.touchpoint)[1], edit.fields)
        case "unbind":
            touchpoint = _touchpoint(doc, edit.touchpoint)[1]
            _drop(touchpoint, set(_activities(edit.fields)), _text(edit.fields, "dataset"))
        case "add_persona":
            taken = {p.id for p in doc.personas}
            name = str(edit.fields.get("name") or "").strip()
            if not name:
                raise InputError("edit.persona_needs_name")
            persona = Persona(id=_own_id(edit.fields, taken) or new_id(name, "persona", taken), name=name)
            doc.personas.insert(
                _at(edit.position, len(doc.personas)),
                _updated_persona(persona, {k: v for k, v in edit.fields.items() if k != "id"}),
            )
        case "update_persona":
            at = _persona_at(doc, edit.persona)
            doc.personas[at] = _updated_persona(doc.personas[at], edit.fields)
        case "remove_persona":
            del doc.personas[_persona_at(doc, edit.persona)]
        case "add_lane":
            taken = {lane.id for lane in doc.lanes}
            name = str(edit.fields.get("name") or "").strip()
            if not name:
                raise InputError("edit.lane_needs_name")
            kind = str(edit.fields.get("kind") or LaneKind.TEXT.value)
            if kind not in set(LaneKind):
                raise InputError("edit.bad_lane_kind", kind=kind, allowed=", ".join(LaneKind))
            if kind == LaneKind.FIGURE.value and _text(edit.fields, "figure") not in set(LaneFigure):
                raise InputError("edit.lane_needs_figure", allowed=", ".join(LaneFigure))
            lane = Lane(
                id=_own_id(edit.fields, taken) or new_id(name, "lane", taken),
                name=name,
                kind=LaneKind(kind),
                figure=LaneFigure(str(_text(edit.fields, "figure")))
                if kind == LaneKind.FIGURE.value
                else None,
            )
            doc.lanes.insert(_at(edit.position, len(doc.lanes)), lane)
        case "update_lane":
            at = _lane_at(doc, edit.lane)
            unknown = sorted(set(edit.fields) - set(LANE_FIELDS))
            if unknown:
                raise InputError("edit.bad_field", field=unknown[0])
            if "figure" in edit.fields and _text(edit.fields, "figure") not in set(LaneFigure):
                raise InputError("edit.lane_needs_figure", allowed=", ".join(LaneFigure))
            data = doc.lanes[at].model_dump() | _pick(edit.fields, LANE_FIELDS)
            doc.lanes[at] = Lane.model_validate(data)
        case "remove_lane":
            del doc.lanes[_lane_at(doc, edit.lane)]
        case "move_lane":
            lane = doc.lanes.pop(_lane_at(doc, edit.lane))
            doc.lanes.insert(_at(edit.position, len(doc.lanes)), lane)
        case "set_lane_cell":
            at = _lane_at(doc, edit.lane)
            touchpoint = _touchpoint(doc, edit.touchpoint)[1]
            data = doc.lanes[at].model_dump()
            data["cells"] = {**data["cells"], touchpoint.id: edit.fields.get("value", "")}
            doc.lanes[at] = Lane.model_validate(data)
    if doc.lanes:  # a removed touchpoint's cells go with it
        kept = {t.id for t in doc.touchpoints()}
        for i, lane in enumerate(doc.lanes):
            if set(lane.cells) - kept:
                cells = {k: v for k, v in lane.cells.items() if k in kept}
                doc.lanes[i] = Lane.model_validate(lane.model_dump() | {"cells": cells})
    return doc


def _lane_at(doc: JourneyMap, lane_id: str | None) -> int:
    for i, lane in enumerate(doc.lanes):
        if lane.id == lane_id:
            return i
    raise InputError(
        "edit.unknown_lane", lane=lane_id or "", allowed=", ".join(x.name for x in doc.lanes) or "—"
    )


def _persona_at(doc: JourneyMap, persona_id: str | None) -> int:
    for i, persona in enumerate(doc.personas):
        if persona.id == persona_id:
            return i
    raise InputError(
        "edit.unknown_persona", persona=persona_id or "", allowed=", ".join(p.id for p in doc.personas)
    )


def _updated_persona(persona: Persona, fields: dict[str, Any]) -> Persona:
    """``persona`` with ``fields`` (text, or one entry a line), checked whole (a data segment that is not
    ``KEY=VALUE`` is refused)."""
    unknown = sorted(set(fields) - {*PERSONA_TEXT, *PERSONA_LINES})
    if unknown:
        raise InputError("edit.bad_field", field=unknown[0])
    data = persona.model_dump()
    data |= {key: str(fields[key]).strip() for key in PERSONA_TEXT if key in fields}
    data |= {key: as_lines(fields[key]) for key in PERSONA_LINES if key in fields}
    if not data["name"]:
        raise InputError("edit.persona_needs_name")
    for part in filter(None, (c.strip() for c in data["data_segment"].split(";"))):
        key, sep, _ = part.partition("=")
        if not sep or not key.strip():
            raise InputError("edit.bad_data_segment", part=part)
    return Persona.model_validate(data)


def _bind(doc: JourneyMap, touchpoint: Touchpoint, fields: dict[str, Any]) -> None:
    """Bind activities of a dataset (optionally only on one channel) to ``touchpoint``.

    An event belongs to one touchpoint, so the activities leave the other touchpoints' plain rules (an
    activity or a list of them, for the same dataset); a rule left with none is removed. They join the
    touchpoint's plain rule for the same dataset and channel, or make one.
    """
    unknown = sorted(set(fields) - {"dataset", "activities", "channel"})
    if unknown:
        raise InputError("edit.bad_field", field=unknown[0])
    activities = _activities(fields)
    dataset, channel = _text(fields, "dataset"), _text(fields, "channel")
    for other in doc.touchpoints():
        if other is not touchpoint:
            _drop(other, set(activities), dataset)
    for i, rule in enumerate(touchpoint.bind):
        if _plain(rule) and rule.dataset == dataset and rule.channel == channel:
            merged = list(dict.fromkeys([*_names(rule), *activities]))
            touchpoint.bind[i] = BindingRule(activity_in=merged, dataset=dataset, channel=channel)
            return
    touchpoint.bind.append(BindingRule(activity_in=activities, dataset=dataset, channel=channel))


def _drop(touchpoint: Touchpoint, activities: set[str], dataset: str | None) -> None:
    kept: list[BindingRule] = []
    for rule in touchpoint.bind:
        if not _plain(rule) or rule.dataset != dataset:
            kept.append(rule)
            continue
        left = [a for a in _names(rule) if a not in activities]
        if left:
            kept.append(BindingRule(activity_in=left, dataset=dataset, channel=rule.channel))
    touchpoint.bind = kept


def _plain(rule: BindingRule) -> bool:
    """A rule a person makes by clicking: activities by name, maybe a dataset and a channel."""
    return bool(rule.activity or rule.activity_in) and rule.activity_regex is None and not rule.attributes


def _names(rule: BindingRule) -> list[str]:
    return [*([rule.activity] if rule.activity else []), *rule.activity_in]


def _activities(fields: dict[str, Any]) -> list[str]:
    activities = list(dict.fromkeys(as_lines(fields.get("activities", []))))
    if not activities:
        raise InputError("edit.no_activity")
    return activities


def _text(fields: dict[str, Any], key: str) -> str | None:
    value = str(fields.get(key) or "").strip()
    return value or None


def _update_touchpoint(touchpoint: Touchpoint, fields: dict[str, Any]) -> None:
    unknown = sorted(set(fields) - set(TOUCHPOINT_FIELDS))
    if unknown:
        raise InputError("edit.bad_field", field=unknown[0])
    for key in TOUCHPOINT_TEXT:
        if key in fields:
            setattr(touchpoint, key, str(fields[key]).strip())
    for key in TOUCHPOINT_LINES:
        if key in fields:
            setattr(touchpoint, key, as_lines(fields[key]))
    if "emotion_score" in fields:
        score = fields["emotion_score"]
        label = str(
            fields.get("emotion_label", touchpoint.emotion.label if touchpoint.emotion else "")
        ).strip()
        touchpoint.emotion = None if score in ("", None) else Emotion(score=int(score), label=label)
    elif "emotion_label" in fields and touchpoint.emotion is not None:
        touchpoint.emotion = Emotion(
            score=touchpoint.emotion.score, label=str(fields["emotion_label"]).strip()
        )
    if "moment_of_truth" in fields:  # the whole claim and its evidence, or nothing (no longer one)
        claim = fields["moment_of_truth"]
        touchpoint.moment_of_truth = MomentOfTruth.model_validate(claim) if claim else None


def as_lines(value: Any) -> list[str]:
    """A list from a list, or from text with one entry per line."""
    items = value if isinstance(value, list) else str(value).splitlines()
    return [str(item).strip() for item in items if str(item).strip()]


def new_id(name: str, prefix: str, taken: set[str]) -> str:
    """A slug from the name (a Persian name written in Latin letters, :mod:`safar.maps.latin`), else
    ``prefix-N``; never one already taken.

    >>> new_id("Visit the office!", "tp", {"visit-the-office"})
    'visit-the-office-2'
    >>> new_id("مراجعه حضوری", "tp", {"tp-1"})
    'mraje-hzori'
    >>> new_id("؟!", "tp", {"tp-1"})
    'tp-2'
    """
    base = re.sub(r"[^a-z0-9]+", "-", latin(name).lower()).strip("-")[:48].strip("-") or prefix
    if base != prefix and base not in taken:
        return base
    n = 1 if base == prefix else 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _own_id(fields: dict[str, Any], taken: set[str]) -> str | None:
    """The id a person typed for a new stage or touchpoint (none: one is made from its name); one already
    taken in the map is refused."""
    wanted = str(fields.get("id") or "").strip()
    if not wanted:
        return None
    if not re.fullmatch(SLUG_PATTERN, wanted):
        raise InputError("edit.bad_id", id=wanted, pattern=SLUG_PATTERN)
    if wanted in taken:
        raise InputError("edit.id_taken", id=wanted)
    return wanted


def _pick(fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items() if k in allowed}


def _at(position: int | None, length: int) -> int:
    return length if position is None else min(position, length)


def _stage(doc: JourneyMap, stage_id: str | None) -> Stage:
    for stage in doc.stages:
        if stage.id == stage_id:
            return stage
    raise InputError("edit.unknown_stage", stage=stage_id)


def _touchpoint(doc: JourneyMap, touchpoint_id: str | None) -> tuple[Stage, Touchpoint]:
    for stage in doc.stages:
        for touchpoint in stage.touchpoints:
            if touchpoint.id == touchpoint_id:
                return stage, touchpoint
    raise InputError("edit.unknown_touchpoint", touchpoint=touchpoint_id)
