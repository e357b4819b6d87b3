"""A semantic diff between two versions of a journey map.

Stages, touchpoints and personas are followed by id, so a renamed touchpoint
is a changed field, not a removal and an addition; a touchpoint that changes
stage or order is *moved*.

>>> from safar.model import JourneyMap, Stage, Touchpoint
>>> a = JourneyMap(title="t", stages=[Stage(id="s1", name="S1"), Stage(id="s2", name="S2")])
>>> b = a.model_copy(deep=True)
>>> b.stages.reverse(); b.stages[0].name = "Two"
>>> [(c.kind, c.target, c.id, c.field) for c in diff_maps(a, b)]
[('changed', 'stage', 's2', 'name'), ('moved', 'stage', 's1', 'position')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safar.model import JourneyMap

_CONTAINERS = {"stages", "personas", "touchpoints", "channels", "lanes"}


@dataclass(frozen=True)
class Change:
    kind: str  # added | removed | moved | changed
    target: str  # map | persona | channel | stage | touchpoint | lane
    id: str | None
    field: str | None = None
    before: Any = None
    after: Any = None
    stage: str | None = None  # the stage a touchpoint is in (after the change, if it still exists)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None or k in ("before", "after")}


def diff_maps(old: JourneyMap, new: JourneyMap) -> list[Change]:
    """Every difference from ``old`` to ``new``, in map order."""
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    changes = list(_fields("map", None, a, b))
    changes += _collection("channel", a["channels"], b["channels"])
    changes += _collection("persona", a["personas"], b["personas"])
    changes += _collection("stage", a["stages"], b["stages"])
    changes += _touchpoints(a["stages"], b["stages"])
    changes += _collection("lane", a["lanes"], b["lanes"])
    return changes


def _fields(
    target: str,
    ident: str | None,
    a: dict[str, Any],
    b: dict[str, Any],
    prefix: str = "",
    stage: str | None = None,
) -> list[Change]:
    out: list[Change] = []
    for key in [*a, *(k for k in b if k not in a)]:
        if key in _CONTAINERS or key == "id":
            continue
        before, after = a.get(key), b.get(key)
        if before == after:
            continue
        if isinstance(before, dict) and isinstance(after, dict):
            out += _fields(target, ident, before, after, prefix=f"{prefix}{key}.", stage=stage)
        else:
            out.append(Change("changed", target, ident, prefix + key, before, after, stage))
    return out


def _collection(target: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    out: list[Change] = []
    stable = set(_lcs([i for i in before if i in after], [i for i in after if i in before]))
    for pos, item in enumerate(new):
        ident = item["id"]
        if ident not in before:
            out.append(Change("added", target, ident, None, None, _label(item, pos)))
            continue
        if ident not in stable:
            out.append(Change("moved", target, ident, "position", _index(old, ident), pos))
        out += _fields(target, ident, before[ident], item)
    out += [
        Change("removed", target, i, None, _label(item, _index(old, i)), None)
        for i, item in before.items()
        if i not in after
    ]
    return out


def _touchpoints(old_stages: list[dict[str, Any]], new_stages: list[dict[str, Any]]) -> list[Change]:
    def place(stages: list[dict[str, Any]]) -> dict[str, tuple[str, int, dict[str, Any]]]:
        return {tp["id"]: (s["id"], i, tp) for s in stages for i, tp in enumerate(s["touchpoints"])}

    before, after = place(old_stages), place(new_stages)
    out: list[Change] = []
    for stage in new_stages:
        sid = stage["id"]
        old_order = [
            tid for tid, (s, _, _) in before.items() if s == sid and tid in after and after[tid][0] == sid
        ]
        new_order = [
            tp["id"] for tp in stage["touchpoints"] if tp["id"] in before and before[tp["id"]][0] == sid
        ]
        stable = set(_lcs(old_order, new_order))
        for pos, tp in enumerate(stage["touchpoints"]):
            tid = tp["id"]
            if tid not in before:
                out.append(Change("added", "touchpoint", tid, None, None, _label(tp, pos), sid))
                continue
            old_stage, old_pos, old_tp = before[tid]
            if old_stage != sid:
                out.append(Change("moved", "touchpoint", tid, "stage", old_stage, sid, sid))
            elif tid not in stable:
                out.append(Change("moved", "touchpoint", tid, "position", old_pos, pos, sid))
            out += _fields("touchpoint", tid, old_tp, tp, stage=sid)
    out += [
        Change("removed", "touchpoint", tid, None, _label(tp, pos), None, sid)
        for tid, (sid, pos, tp) in before.items()
        if tid not in after
    ]
    return out


def _label(item: dict[str, Any], position: int) -> dict[str, Any]:
    return {"name": item.get("name"), "position": position}


def _index(items: list[dict[str, Any]], ident: str) -> int:
    return next(i for i, item in enumerate(items) if item["id"] == ident)


def _lcs(a: list[str], b: list[str]) -> list[str]:
    """Longest common subsequence: the elements that kept their relative order."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            out.append(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out
