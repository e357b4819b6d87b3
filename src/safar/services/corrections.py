"""Correcting a comment's sentiment label, and what the workspace learns from it (:mod:`safar.voice.corrections`).

:func:`correct_comment` is the one function behind the voice page's "correct" control,
``POST /api/v1/workspaces/{ws}/maps/{id}/comments/{dataset}/{comment}/label`` and ``safar voice correct``;
:func:`label_corrections` behind the page's corrections box, ``GET …/maps/{id}/corrections`` and
``safar voice corrections``; :func:`reset_adaptation` behind their reset.

A correction labels its comment at once everywhere (the comment lists, the voice report, the canvas, key
metrics, alerts), and the workspace's adaptation is made again from every correction on the workspace's maps,
so similar comments with the same mistake follow it. The shipped model never changes.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from safar.accounts import Actor
from safar.context import Context
from safar.errors import InputError

__all__ = ["CorrectionOut", "CorrectionsView", "correct_comment", "label_corrections", "reset_adaptation"]

SHOWN = 20


class CorrectionOut(BaseModel):
    """An editor's label of one comment: from ``was`` to ``label``, by whom and when (UTC)."""

    map_id: int
    dataset: str
    comment_id: str
    text: str
    lang: str
    was: str
    label: str
    by: str | None
    at: datetime


class Adaptation(BaseModel):
    """What the workspace learnt: from how many corrected comments, how many other comments it labels now, and
    leave-one-out over the corrected comments (each labelled from the others alone): how many the shipped
    model and the adaptation label as the editors did."""

    corrections: int
    relabelled: int
    held_out_n: int
    held_out_shipped: int
    held_out_adapted: int


class CorrectionsView(BaseModel):
    """The newest corrections of a map (at most 20) and the workspace's adaptation."""

    map_id: int
    corrections: list[CorrectionOut]
    adaptation: Adaptation


def correct_comment(
    ctx: Context, map_id: int, *, dataset: str, comment_id: str, label: str, by: Actor
) -> CorrectionOut:
    """Label comment ``comment_id`` of ``dataset`` on map ``map_id`` as ``label``, then adapt the workspace."""
    from safar.voice.corrections import adapt, correct

    # a map of this workspace, or map.not_found; the comment is looked for among this map's alone (its dataset
    # may be a survey's, which no workspace claims)
    ctx.workspace.get_map(map_id)
    if not ctx.has_warehouse():
        raise InputError("voice.no_comment", comment=comment_id, dataset=dataset)
    with ctx.warehouse() as warehouse:
        done = correct(
            warehouse, map_id=map_id, dataset=dataset, comment_id=comment_id, label=label, by=by.username
        )
        adapt(warehouse, _maps(ctx))
    return CorrectionOut.model_validate(done.to_dict())


def label_corrections(ctx: Context, map_id: int) -> CorrectionsView:
    """The map's newest corrections and the workspace's adaptation."""
    from safar.voice.corrections import corrections, examples, measured

    ctx.workspace.get_map(map_id)
    if not ctx.has_warehouse():
        return CorrectionsView(
            map_id=map_id, corrections=[], adaptation=Adaptation(**dict.fromkeys(_KEYS, 0))
        )
    maps = _maps(ctx)
    nothing = CorrectionsView(map_id=map_id, corrections=[], adaptation=Adaptation(**dict.fromkeys(_KEYS, 0)))
    with ctx.warehouse() as warehouse:
        given = warehouse.con.table("comment_labels")
        if not int(given.filter(given.map_id.isin(maps)).count().to_pyarrow().as_py()):
            return nothing  # no label given on the workspace's maps (most pages): one query
        shown = corrections(warehouse, [map_id], limit=SHOWN)
        learnt = examples(warehouse, maps)
        held = measured(warehouse, maps, learnt)
        table = warehouse.con.table("comment_labels")
        mine = table.filter((table.source == "adapted") & table.map_id.isin(maps))
        relabelled = int(mine.count().to_pyarrow().as_py())
    return CorrectionsView(
        map_id=map_id,
        corrections=[CorrectionOut.model_validate(c.to_dict()) for c in shown],
        adaptation=Adaptation(
            corrections=len(learnt),
            relabelled=relabelled,
            held_out_n=held.n,
            held_out_shipped=held.shipped,
            held_out_adapted=held.adapted,
        ),
    )


def reset_adaptation(ctx: Context, map_id: int, *, by: Actor) -> CorrectionsView:
    """Forget what the workspace learnt (every map of it); each corrected comment keeps its editor's label."""
    from safar.voice.corrections import reset

    ctx.workspace.get_map(map_id)
    if ctx.has_warehouse():
        with ctx.warehouse() as warehouse:
            reset(warehouse, _maps(ctx), by=by.username)
    return label_corrections(ctx, map_id)


_KEYS = ("corrections", "relabelled", "held_out_n", "held_out_shipped", "held_out_adapted")


def _maps(ctx: Context) -> list[int]:
    """The workspace's maps: what its adaptation reads and labels."""
    return [m.id for m in ctx.workspace.list_maps()]
