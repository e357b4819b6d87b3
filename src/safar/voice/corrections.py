"""Corrected comment labels (اصلاح برچسب احساس): an editor's label for a comment, and the workspace's own labels
learnt from them (:mod:`safar.voice.adapt`).

The warehouse keeps the shipped model's label of each comment as it was scored (table ``comments``) and,
beside it, table ``comment_labels``: one row per label given since, never changed afterwards:

- ``person``: an editor corrected the comment (who, when, from which label to which);
- ``adapted``: the workspace's label for a comment nobody corrected, from the nearest corrected comment
  (``similarity``, and that comment's text in ``note``); made again whenever a correction is added, the
  adaptation is reset or comments are loaded;
- ``reset``: the workspace's adaptation was reset for the map (``comment_id`` empty): corrections made before
  it still label their own comments but teach nothing more.

Every figure that reads comments reads :func:`labelled_comments`: a comment's label is its newest editor's
label, else its workspace label, else the shipped one (``label_by``: ``person``, ``workspace`` or
``model``), so a correction counts at once on the voice page, the canvas, the key metrics and the alerts.
A person's label scores −1, 0 or 1.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from safar.errors import InputError
from safar.voice.adapt import LABEL_SCORE, Adaptation, Example, HeldOut, held_out
from safar.voice.labels import LABELS

__all__ = [
    "Correction",
    "adapt",
    "correct",
    "corrections",
    "examples",
    "labelled_comments",
    "measured",
    "reset",
]

TABLE = "comment_labels"
PERSON, ADAPTED, RESET = "person", "adapted", "reset"
LABEL_BY = {PERSON: "person", ADAPTED: "workspace"}
COLUMNS = pa.schema(
    [
        ("dataset", pa.string()),
        ("comment_id", pa.string()),
        ("map_id", pa.int64()),
        ("source", pa.string()),
        ("label", pa.string()),
        ("score", pa.float64()),
        ("was", pa.string()),
        ("by_user", pa.string()),
        ("given_at", pa.timestamp("us")),
        ("similarity", pa.float64()),
        ("note", pa.string()),
    ]
)


@dataclass(frozen=True)
class Correction:
    """An editor's label for one comment: ``was`` the label it had then, ``label`` the one given, by whom, when."""

    map_id: int
    dataset: str
    comment_id: str
    text: str
    lang: str
    was: str
    label: str
    by: str | None
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"at": self.at.isoformat()}


def labelled_comments(warehouse: Any) -> ir.Table:
    """Table ``comments`` with each comment's label and score as read now (see the module text), and
    ``label_by`` and ``model_label`` (the shipped model's)."""
    comments = warehouse.con.table("comments")
    given = warehouse.con.table(TABLE)
    newest = ibis.window(group_by=["dataset", "comment_id", "map_id"], order_by=ibis.desc("given_at"))
    person = given.filter(given.source == PERSON)
    person = person.mutate(_k=ibis.row_number().over(newest)).filter(lambda t: t._k == 0)
    person = person.select(
        _d=person.dataset, _c=person.comment_id, _m=person.map_id, _pl=person.label, _ps=person.score
    )
    adapted = given.filter(given.source == ADAPTED)
    adapted = adapted.select(
        _d2=adapted.dataset, _c2=adapted.comment_id, _m2=adapted.map_id, _al=adapted.label, _as=adapted.score
    )
    keys = ["dataset", "comment_id", "map_id"]
    joined = comments.left_join(person, [comments[k] == person[f"_{k[0]}"] for k in keys]).left_join(
        adapted, [comments[k] == adapted[f"_{k[0]}2"] for k in keys]
    )
    label_by = ibis.cases(
        (joined._pl.notnull(), ibis.literal(LABEL_BY[PERSON])),
        (joined._al.notnull(), ibis.literal(LABEL_BY[ADAPTED])),
        else_=ibis.literal("model"),
    )
    return joined.mutate(
        model_label=joined.label,
        label=ibis.coalesce(joined._pl, joined._al, joined.label),
        score=ibis.coalesce(joined._ps, joined._as, joined.score),
        label_by=label_by,
    ).select(*comments.columns, "model_label", "label_by")


def correct(
    warehouse: Any, *, map_id: int, dataset: str, comment_id: str, label: str, by: str | None
) -> Correction:
    """Give comment ``comment_id`` of ``dataset`` on map ``map_id`` the label ``label`` (by ``by``)."""
    if label not in LABELS:
        raise InputError("voice.bad_label", value=label, position=0, allowed=list(LABELS))
    comments = labelled_comments(warehouse)
    found = (
        comments.filter(
            (comments.map_id == map_id) & (comments.dataset == dataset) & (comments.comment_id == comment_id)
        )
        .select("text", "lang", "label")
        .to_pyarrow()
        .to_pylist()
    )
    if not found:
        raise InputError("voice.no_comment", comment=comment_id, dataset=dataset)
    now = datetime.now(UTC).replace(tzinfo=None)
    row = {
        "dataset": dataset,
        "comment_id": comment_id,
        "map_id": map_id,
        "source": PERSON,
        "label": label,
        "score": LABEL_SCORE[label],
        "was": found[0]["label"],
        "by_user": by,
        "given_at": now,
        "similarity": None,
        "note": None,
    }
    _write(warehouse, [row])
    return Correction(
        map_id, dataset, comment_id, found[0]["text"], found[0]["lang"], found[0]["label"], label, by, now
    )


def corrections(warehouse: Any, map_ids: Collection[int], *, limit: int | None = None) -> list[Correction]:
    """The editors' labels given on the maps ``map_ids``, newest first (each one, also those since replaced)."""
    if not map_ids:
        return []
    given = warehouse.con.table(TABLE)
    comments = warehouse.con.table("comments").select("dataset", "comment_id", "map_id", "text", "lang")
    mine = given.filter((given.source == PERSON) & given.map_id.isin(list(map_ids)))
    joined = mine.join(comments, ["dataset", "comment_id", "map_id"]).order_by(ibis.desc("given_at"))
    if limit is not None:
        joined = joined.limit(limit)
    return [
        Correction(
            int(r["map_id"]),
            r["dataset"],
            r["comment_id"],
            r["text"],
            r["lang"],
            r["was"],
            r["label"],
            r["by_user"],
            r["given_at"],
        )
        for r in joined.to_pyarrow().to_pylist()
    ]


def examples(warehouse: Any, map_ids: Collection[int]) -> list[Example]:
    """What the workspace's adaptation learns from: each comment's newest editor's label on ``map_ids``, given
    after the map's last reset, with the shipped model's label of the comment."""
    if not map_ids:
        return []
    given = warehouse.con.table(TABLE).filter(lambda t: t.map_id.isin(list(map_ids)))
    resets = given.filter(given.source == RESET).group_by("map_id").agg(_since=lambda t: t.given_at.max())
    person = given.filter(given.source == PERSON)
    person = person.left_join(resets, "map_id").filter(lambda t: t._since.isnull() | (t.given_at > t._since))
    newest = ibis.window(group_by=["dataset", "comment_id", "map_id"], order_by=ibis.desc("given_at"))
    person = person.mutate(_k=ibis.row_number().over(newest)).filter(lambda t: t._k == 0)
    comments = warehouse.con.table("comments").select(
        "dataset", "comment_id", "map_id", "text", _model="label"
    )
    joined = person.join(comments, ["dataset", "comment_id", "map_id"]).order_by("given_at")
    return [Example(r["text"], r["label"], r["_model"]) for r in joined.to_pyarrow().to_pylist()]


def adapt(warehouse: Any, map_ids: Collection[int]) -> int:
    """Label the comments of ``map_ids`` that no editor corrected from the workspace's corrections (their
    ``adapted`` rows made again); how many comments the adaptation changed."""
    if not map_ids:
        return 0
    learnt = examples(warehouse, map_ids)
    if not learnt:  # nothing to learn from: only the labels of an earlier adaptation, if any, to take out
        given = warehouse.con.table(TABLE)
        had = given.filter((given.source == ADAPTED) & given.map_id.isin(list(map_ids))).count()
        if int(had.to_pyarrow().as_py()):
            _write(warehouse, [], drop_adapted_of=map_ids)
        return 0
    comments = labelled_comments(warehouse)
    mine = comments.filter(comments.map_id.isin(list(map_ids)) & (comments.label_by != LABEL_BY[PERSON]))
    rows = mine.select("dataset", "comment_id", "map_id", "text", "model_label").to_pyarrow().to_pylist()
    head = Adaptation(learnt, corpus=_corpus(warehouse, map_ids))
    found = head.labels([r["text"] for r in rows], [r["model_label"] for r in rows])
    now = datetime.now(UTC).replace(tzinfo=None)
    new = [
        {
            "dataset": r["dataset"],
            "comment_id": r["comment_id"],
            "map_id": r["map_id"],
            "source": ADAPTED,
            "label": a.label,
            "score": a.score,
            "was": r["model_label"],
            "by_user": None,
            "given_at": now,
            "similarity": a.similar,
            "note": a.like,
        }
        for r, a in zip(rows, found, strict=True)
        if a is not None and a.label != r["model_label"]
    ]
    _write(warehouse, new, drop_adapted_of=map_ids)
    return len(new)


def reset(warehouse: Any, map_ids: Collection[int], *, by: str | None) -> None:
    """Forget what the workspace learnt on ``map_ids``: the adapted labels go, later adaptations learn only
    from corrections made after now; each corrected comment keeps its editor's label."""
    now = datetime.now(UTC).replace(tzinfo=None)
    marks = [
        {
            "dataset": "",
            "comment_id": "",
            "map_id": m,
            "source": RESET,
            "label": "",
            "score": 0.0,
            "was": "",
            "by_user": by,
            "given_at": now,
            "similarity": None,
            "note": None,
        }
        for m in sorted(map_ids)
    ]
    _write(warehouse, marks, drop_adapted_of=map_ids)


def measured(warehouse: Any, map_ids: Collection[int], learnt: Sequence[Example] | None = None) -> HeldOut:
    """How well the workspace's adaptation labels its own corrected comments (``learnt``: its
    :func:`examples`, when read already), each learnt from the others."""
    learnt = examples(warehouse, map_ids) if learnt is None else learnt
    return held_out(learnt, corpus=_corpus(warehouse, map_ids) if len(learnt) > 1 else ())


def _corpus(warehouse: Any, map_ids: Collection[int]) -> list[str]:
    """The distinct texts of the comments on ``map_ids``: what weighs the n-grams the adaptation compares."""
    table = warehouse.con.table("comments")
    mine = table.filter(table.map_id.isin(list(map_ids))).select("text").distinct()
    return [r["text"] for r in mine.to_pyarrow().to_pylist()]


def _write(
    warehouse: Any, rows: Sequence[dict[str, Any]], *, drop_adapted_of: Collection[int] | None = None
) -> None:
    """In one write: ``rows`` added to the labels, after the workspace labels of the maps ``drop_adapted_of``
    are taken out (``None``: kept)."""
    from safar.voice.loading import open_labels

    with open_labels(warehouse) as load:
        if drop_adapted_of is not None:
            load.drop_adapted(sorted(drop_adapted_of))
        if rows:
            load.add(pa.Table.from_pylist(list(rows), schema=COLUMNS))
