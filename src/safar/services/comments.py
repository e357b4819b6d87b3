"""The comments of a map, newest first, to read beside the voice report's numbers.

:func:`comments` is the one function behind the voice page's comment list,
``GET /api/v1/workspaces/{ws}/maps/{id}/comments`` and ``safar feedback list``.

>>> CommentsList(map=1).comments
[]
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from safar.context import Context
from safar.errors import InputError

__all__ = ["Comment", "CommentsList", "Driver", "comments"]

LIMIT = 50


class Comment(BaseModel):
    """One comment: its touchpoint (None when about the whole map), time (ISO, None when the file had none),
    text, language, sentiment label and score (−1…1), the dataset it was loaded in and the channel it came
    through (None when the file did not say)."""

    touchpoint_id: str | None
    ts: str | None
    text: str
    lang: str | None
    label: str
    score: float
    dataset: str
    channel: str | None = None
    comment_id: str = Field(default="", description="Its id in its dataset (what a correction names).")
    label_by: str = Field(
        default="model",
        description="Whose label it is: model (the shipped one), person (an editor's correction) or workspace "
        "(learnt from the workspace's corrections; safar.voice.corrections).",
    )
    model_label: str = Field(default="", description="The shipped model's label of it.")
    drivers: list[Driver] = Field(
        default=[],
        description="The words or phrases that drove the shipped model's label, strongest first "
        "(safar.voice.explain); none when the label is a person's or the workspace's.",
    )


class Driver(BaseModel):
    """A word or phrase of a comment and its weight (−1…1: how far it pulled the score towards negative or
    positive)."""

    phrase: str
    weight: float


Comment.model_rebuild()


class CommentsList(BaseModel):
    """Up to ``limit`` comments of the map, of one touchpoint and one label when they are given."""

    map: int
    touchpoint: str | None = None
    label: str | None = None
    limit: int = LIMIT
    comments: list[Comment] = []


def comments(
    ctx: Context,
    map_id: int,
    *,
    touchpoint: str | None = None,
    label: str | None = None,
    limit: int = LIMIT,
) -> CommentsList:
    """The map's newest comments (optionally of ``touchpoint`` and ``label``); none while nothing is ingested."""
    from safar.voice.comments import map_comments

    journey = ctx.workspace.get_map(map_id).document
    if touchpoint is not None and journey.stage_of(touchpoint) is None:
        raise InputError("edit.unknown_touchpoint", touchpoint=touchpoint)
    _check(label, limit)  # also when nothing is ingested yet: a wrong filter is wrong either way
    scope = CommentsList(map=map_id, touchpoint=touchpoint, label=label, limit=limit)
    if not ctx.has_warehouse():
        return scope
    from safar.voice.explain import drivers

    with ctx.warehouse() as warehouse:
        rows = map_comments(warehouse, map_id, touchpoint=touchpoint, label=label, limit=limit)
    said = [
        Comment.model_validate(
            r
            | {
                "drivers": [d.to_dict() for d in drivers(r["text"], r["label"], r["lang"] or "fa")]
                if r["label_by"] == "model"
                else []
            }
        )
        for r in rows
    ]
    return scope.model_copy(update={"comments": said})


def _check(label: str | None, limit: int) -> None:
    """The checks of :func:`safar.voice.comments.map_comments`, made before anything is read."""
    from safar.voice.comments import MOST
    from safar.voice.terms import LABELS

    if label is not None and label not in LABELS:
        raise InputError("voice.bad_label", value=label, position=0, allowed=list(LABELS))
    if not 1 <= limit <= MOST:
        raise InputError("voice.bad_k", value=limit)
