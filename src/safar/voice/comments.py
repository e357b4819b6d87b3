"""The comments customers wrote about a map, newest first, to read beside the numbers.

Comments come from files (``safar feedback ingest``) and from surveys' open questions; each carries
its touchpoint, language, sentiment label and score (:mod:`safar.voice.sentiment`).
"""

from __future__ import annotations

from typing import Any

from safar.errors import InputError
from safar.voice.corrections import labelled_comments
from safar.voice.terms import LABELS
from safar.warehouse import Warehouse

MOST = 500


def map_comments(
    warehouse: Warehouse,
    map_id: int,
    *,
    touchpoint: str | None = None,
    label: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Up to ``limit`` comments of the map (optionally of one touchpoint, one label), newest first;
    comments without a time come last, in the order they were loaded (one response's, by id)."""
    if label is not None and label not in LABELS:
        raise InputError("voice.bad_label", value=label, position=0, allowed=list(LABELS))
    if not 1 <= limit <= MOST:
        raise InputError("voice.bad_k", value=limit)
    table = labelled_comments(warehouse)
    mine = table.filter(table.map_id == map_id)
    if touchpoint is not None:
        mine = mine.filter(mine.touchpoint_id == touchpoint)
    if label is not None:
        mine = mine.filter(mine.label == label)
    # the comment id last: one survey response's comments share its row number, and the order is total
    ordered = mine.order_by(
        [mine.ts.desc(nulls_first=False), mine.dataset, mine.row_number, mine.comment_id]
    ).limit(limit)
    rows = ordered.select(
        "touchpoint_id",
        "ts",
        "text",
        "lang",
        "label",
        "score",
        "dataset",
        "channel",
        "comment_id",
        "label_by",
        "model_label",
    ).to_pyarrow()
    return [
        {
            **row,
            "ts": row["ts"].isoformat() if row["ts"] is not None else None,
            "score": round(float(row["score"]), 4),
        }
        for row in rows.to_pylist()
    ]
