"""The answers a map's headline NPS, CSAT and CES count, against a plain reading of the rule."""

from __future__ import annotations

import ibis
import pyarrow as pa

from safar.metrics.survey import map_level

# (kind, touchpoint, stage, value): NPS is asked about the journey and a touchpoint; CSAT about a
# touchpoint and a stage only; CES only about the journey.
ANSWERS = [
    ("nps", None, None, 10.0),
    ("nps", None, None, 3.0),
    ("nps", "claim", None, 9.0),
    ("nps", None, "after", 0.0),
    ("csat", "claim", None, 5.0),
    ("csat", None, "after", 2.0),
    ("ces", None, None, 4.0),
]


def reference(rows: list[tuple[str, str | None, str | None, float]]) -> list[tuple[str, float]]:
    """Per kind: the journey-level answers when there are any, else every answer of the kind."""
    out = []
    for kind in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == kind]
        journey = [r for r in mine if r[1] is None and r[2] is None]
        out += [(kind, r[3]) for r in (journey or mine)]
    return sorted(out)


def test_the_journey_level_question_else_every_answer() -> None:
    table = ibis.memtable(
        pa.table(
            {
                "kind": [r[0] for r in ANSWERS],
                "touchpoint_id": pa.array([r[1] for r in ANSWERS], pa.string()),
                "stage_id": pa.array([r[2] for r in ANSWERS], pa.string()),
                "value": [r[3] for r in ANSWERS],
            }
        )
    )
    got = map_level(table).to_pyarrow().to_pylist()
    assert sorted((r["kind"], r["value"]) for r in got) == reference(ANSWERS)
    assert sorted((r["kind"], r["value"]) for r in got) == [
        ("ces", 4.0), ("csat", 2.0), ("csat", 5.0), ("nps", 3.0), ("nps", 10.0)
    ]  # fmt: skip
    assert set(got[0]) == {"kind", "touchpoint_id", "stage_id", "value"}  # the answers' own columns
