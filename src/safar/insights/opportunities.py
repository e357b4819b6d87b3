"""Opportunities (فرصت‌های بهبود) of a stored map: scored touchpoints plus the users' own, with decisions.

:func:`map_opportunities` gathers the five components of :mod:`safar.insights.scoring` from the
warehouse — reach and drop-off from the events summary of the map's dataset, driver importance and
gaps from the ``responses`` table, the negative share from the ``comments`` table — scores every
touchpoint, and merges what users decided (accepted, rejected), wrote (notes) and added (their own
opportunities, unscored, listed after the scored ones). Each opportunity carries its touchpoint,
stage, owner department and the pain points and opportunity notes written on the map.

Opportunities are referred to by ``ref``: the touchpoint id for a scored one, ``custom-<n>`` for one a
user added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import ibis.expr.types as ir

from safar.analytics import summary
from safar.errors import InputError, NotFoundError
from safar.insights.moments import choose_dataset, reading
from safar.insights.responses import rating_drivers, touchpoint_gaps
from safar.insights.scoring import COMPONENTS, Component, ComponentInputs, check_weights, score_touchpoints
from safar.metrics.survey import is_negative, negative_share
from safar.store.opportunities import CUSTOM, OpportunityStore, StoredOpportunity, touchpoint_key
from safar.voice.corrections import labelled_comments
from safar.workspace import Workspace

STATUSES = ("open", "accepted", "rejected")
MAX_TEXT = 2000


@dataclass(frozen=True)
class Opportunity:
    ref: str
    kind: str  # "touchpoint" (scored) or "custom" (added by a user)
    touchpoint: str | None
    touchpoint_name: str | None
    stage: str | None
    owner: str
    score: float | None
    components: dict[str, Component]
    status: str
    text: str
    notes: list[dict[str, Any]]
    pain_points: list[str]
    map_opportunities: list[str]
    created_by: str | None = None
    coverage: float | None = None  # share of the applicable evidence present (scored touchpoints)

    @property
    def priority(self) -> float | None:
        """What the list is ranked by: score × coverage (safar.insights.scoring)."""
        return None if self.score is None or self.coverage is None else self.score * self.coverage

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "kind": self.kind,
            "touchpoint": self.touchpoint,
            "touchpoint_name": self.touchpoint_name,
            "stage": self.stage,
            "owner": self.owner,
            "score": self.score,
            "coverage": self.coverage,
            "priority": self.priority,
            "components": {name: c.to_dict() for name, c in self.components.items()},
            "status": self.status,
            "text": self.text,
            "notes": self.notes,
            "pain_points": self.pain_points,
            "map_opportunities": self.map_opportunities,
            "created_by": self.created_by,
        }


@dataclass(frozen=True)
class OpportunitiesResult:
    map_id: int
    dataset: str | None
    weights: dict[str, float]
    opportunities: list[Opportunity]
    sources: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "map_id": self.map_id,
            "dataset": self.dataset,
            "weights": self.weights,
            "sources": self.sources,
            "opportunities": [o.to_dict() for o in self.opportunities],
        }


def negative_shares(comments: ir.Table, map_id: int) -> dict[str, tuple[float, int]]:
    """Per touchpoint with comments on the map: (share labelled negative, number of comments)."""
    mine = comments.filter((comments.map_id == map_id) & comments.touchpoint_id.notnull())
    per = mine.group_by("touchpoint_id").agg(
        n=mine.count(), negative=mine.count(where=is_negative(mine.label))
    )
    return {
        r["touchpoint_id"]: (negative_share(int(r["negative"]), int(r["n"])) or 0.0, int(r["n"]))
        for r in per.to_pyarrow().to_pylist()
    }


def gather_inputs(
    workspace: Workspace, map_id: int, dataset: str | None
) -> tuple[ComponentInputs, dict[str, Any]]:
    """The raw components from the warehouse, and what each came from (n, dataset, outcome question)."""
    journey = workspace.get_map(map_id).document
    ids = [t.id for t in journey.touchpoints()]
    sources: dict[str, Any] = {"dataset": dataset}
    with reading(workspace) as warehouse:
        if warehouse is None:
            return ComponentInputs(), sources
        reach = dropoff = None
        if dataset is not None:
            result = summary(warehouse.events(dataset), journey)
            reach = {t.touchpoint: float(t.customers) for t in result.touchpoints}
            dropoff = {
                t.touchpoint: (t.dropoff / t.customers if t.customers else None) for t in result.touchpoints
            }
            sources["customers"] = result.customers
        responses = warehouse.con.table("responses")
        drivers = rating_drivers(responses, map_id, touchpoints=ids, bootstrap=0)
        gaps = touchpoint_gaps(responses, map_id)
        negative = negative_shares(labelled_comments(warehouse), map_id)
    sources["drivers"] = {
        "survey_id": drivers.survey_id,
        "outcome_question": drivers.question_id,
        "r2": None if drivers.result is None else drivers.result.r2,
        "n": None if drivers.result is None else drivers.result.n,
        "reason": drivers.reason,
    }
    sources["gap_answers"] = {tp: g.n for tp, g in gaps.items()}
    sources["comments"] = {tp: n for tp, (_, n) in negative.items()}
    inputs = ComponentInputs(
        reach=reach,
        dropoff=dropoff,
        driver=drivers.importance() or None,
        gap={tp: g.gap for tp, g in gaps.items()} or None,
        sentiment={tp: share for tp, (share, _) in negative.items()} or None,
    )
    return inputs, sources


def map_opportunities(
    workspace: Workspace,
    map_id: int,
    *,
    dataset: str | None = None,
    weights: Mapping[str, float] | None = None,
) -> OpportunitiesResult:
    """Every touchpoint of the map scored (highest priority first), then the users' own opportunities."""
    journey = workspace.get_map(map_id).document
    chosen_weights = check_weights(weights or {})
    chosen = choose_dataset(workspace, journey, dataset)
    inputs, sources = gather_inputs(workspace, map_id, chosen)
    stored = OpportunityStore(workspace.engine, workspace.workspace_id).for_map(map_id)
    touchpoints = {t.id: t for t in journey.touchpoints()}
    order = {tp: i for i, tp in enumerate(touchpoints)}
    scored = []
    for s in score_touchpoints(journey, inputs, chosen_weights):
        tp = touchpoints[s.touchpoint]
        decision = stored.get(touchpoint_key(tp.id))
        scored.append(
            Opportunity(
                ref=tp.id,
                kind="touchpoint",
                touchpoint=tp.id,
                touchpoint_name=tp.name,
                stage=s.stage,
                owner=tp.owner,
                score=s.score,
                components=s.components,
                status=decision.status if decision else "open",
                text="",
                notes=_notes(decision),
                pain_points=list(tp.pain_points),
                map_opportunities=list(tp.opportunities),
                coverage=s.coverage,
            )
        )
    scored.sort(key=lambda o: (o.priority is None, -(o.priority or 0.0), order[o.touchpoint or ""]))
    custom = [
        _custom(row, journey.stage_of, touchpoints) for key, row in stored.items() if key.startswith(CUSTOM)
    ]
    return OpportunitiesResult(map_id, chosen, chosen_weights, scored + custom, sources)


def _notes(row: StoredOpportunity | None) -> list[dict[str, Any]]:
    return [] if row is None else [n.to_dict() for n in row.notes]


def _custom(row: StoredOpportunity, stage_of: Any, touchpoints: Mapping[str, Any]) -> Opportunity:
    tp = touchpoints.get(row.touchpoint_id or "")
    stage = stage_of(row.touchpoint_id) if row.touchpoint_id else None
    missing = Component(None, None, 0.0)
    return Opportunity(
        ref=row.key,
        kind="custom",
        touchpoint=row.touchpoint_id,
        touchpoint_name=tp.name if tp else None,
        stage=stage.id if stage else None,
        owner=row.owner or (tp.owner if tp else ""),
        score=None,
        components=dict.fromkeys(COMPONENTS, missing),
        status=row.status,
        text=row.text,
        notes=_notes(row),
        pain_points=list(tp.pain_points) if tp else [],
        map_opportunities=list(tp.opportunities) if tp else [],
        created_by=row.created_by,
    )


# Decisions ----------------------------------------------------------------------------------------


def _resolve(workspace: Workspace, map_id: int, ref: str) -> tuple[str, str | None]:
    """The stored key and touchpoint of ``ref``: a touchpoint id of the map or a ``custom-<n>`` key."""
    journey = workspace.get_map(map_id).document
    ids = [t.id for t in journey.touchpoints()]
    if ref in ids:
        return touchpoint_key(ref), ref
    stored = OpportunityStore(workspace.engine, workspace.workspace_id).for_map(map_id)
    if ref.startswith(CUSTOM) and ref in stored:
        return ref, stored[ref].touchpoint_id
    known = ids + [k for k in stored if k.startswith(CUSTOM)]
    raise NotFoundError("insights.unknown_opportunity", ref=ref, map_id=map_id, known=known or ["-"])


def _text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InputError("insights.empty_text")
    if len(cleaned) > MAX_TEXT:
        raise InputError("insights.text_too_long", length=len(cleaned), limit=MAX_TEXT)
    return cleaned


def decide(workspace: Workspace, map_id: int, ref: str, status: str, *, author: str) -> None:
    """Mark an opportunity ``accepted``, ``rejected`` or ``open`` again."""
    if status not in STATUSES:
        raise InputError("insights.bad_status", value=status, allowed=list(STATUSES))
    key, touchpoint = _resolve(workspace, map_id, ref)
    store = OpportunityStore(workspace.engine, workspace.workspace_id)
    store.set_status(map_id, key, status, author=author, touchpoint_id=touchpoint)


def annotate(workspace: Workspace, map_id: int, ref: str, text: str, *, author: str) -> None:
    """Add a note to an opportunity."""
    note = _text(text)
    key, touchpoint = _resolve(workspace, map_id, ref)
    store = OpportunityStore(workspace.engine, workspace.workspace_id)
    store.add_note(map_id, key, note, author=author, touchpoint_id=touchpoint)


def add_opportunity(
    workspace: Workspace,
    map_id: int,
    text: str,
    *,
    touchpoint: str | None = None,
    owner: str | None = None,
    author: str,
) -> str:
    """A user's own opportunity (optionally on a touchpoint, owner defaulting to its owner); returns its ref."""
    journey = workspace.get_map(map_id).document
    body = _text(text)
    tp = None
    if touchpoint:
        tp = next((t for t in journey.touchpoints() if t.id == touchpoint), None)
        if tp is None:
            raise InputError(
                "insights.unknown_touchpoint",
                touchpoint=touchpoint,
                known=[t.id for t in journey.touchpoints()],
            )
    who = (owner or "").strip() or (tp.owner if tp else "")
    if len(who) > 200:
        raise InputError("insights.text_too_long", length=len(who), limit=200)
    store = OpportunityStore(workspace.engine, workspace.workspace_id)
    return store.add_custom(map_id, body, owner=who, touchpoint_id=touchpoint or None, author=author)
