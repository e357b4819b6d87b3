"""Paths (مسیرها): the directly-follows graph, variants, start and end steps, and Sankey data.

- Directly-follows graph (گراف پیروی مستقیم): the count of ``a → b`` for every
  pair of consecutive events of the same customer (``b`` is the next event
  after ``a`` in ``(ts, seq)`` order).
- Variant (گونه مسیر): a distinct ordered sequence of steps; its count is the
  number of customers whose whole journey is exactly that sequence.
- Start / end (شروع / پایان): customers per first / last step.
- Sankey (نمودار سنکی): for the first ``depth`` positions, customers per
  ``(position, step)`` node and per link between consecutive positions.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a", "b"], "activity": ["visit", "buy", "visit"],
...     "ts": [t0, t0, t0], "seq": [0, 1, 2]}))
>>> paths(ev).to_dict()["edges"]
[{'source': 'visit', 'target': 'buy', 'count': 1}]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from safar.analytics._common import Filters, Level, customer_window, journey, rows
from safar.errors import InputError
from safar.model import JourneyMap


def with_next(path: ir.Table) -> ir.Table:
    """Each step with the customer's next step (``next_step``, ``next_ts``; NULL on the last)."""
    w = customer_window()
    return path.mutate(next_step=path.step.lead().over(w), next_ts=path.ts.lead().over(w))


def dfg_table(path: ir.Table) -> ir.Table:
    """Directly-follows counts: source, target, count."""
    nxt = with_next(path)
    nxt = nxt.filter(nxt.next_step.notnull())
    return nxt.group_by(source=nxt.step, target=nxt.next_step).agg(count=nxt.count())


def variants_table(path: ir.Table) -> ir.Table:
    """Variants: ``steps`` (array in journey order) and ``count`` of customers."""
    # Sorting (ts, seq, step) structs orders by journey order without needing the pos window.
    ordered = ibis.struct({"ts": path.ts, "seq": path.seq, "step": path.step}).collect().sort()
    per_customer = path.group_by("customer_id").agg(steps=ordered.map(lambda s: s.step))
    return per_customer.group_by("steps").agg(count=per_customer.count())


def step_pairs_table(path: ir.Table, depth: int) -> ir.Table:
    """Every step with its next step (NULL after the last) and its position: one pass for all but variants.

    Columns: ``depth`` (the position, or −1 from position ``depth`` on), ``step``, ``next_step``, ``count``.
    Summing it gives the directly-follows graph, the start and end steps and the Sankey data.
    """
    nxt = with_next(path)
    d = ibis.cases((nxt.pos < depth, nxt.pos), else_=-1)
    return nxt.group_by(depth=d, step=nxt.step, next_step=nxt.next_step).agg(count=nxt.count())


@dataclass(frozen=True)
class PathsResult:
    edges: tuple[tuple[str, str, int], ...]
    variants: tuple[tuple[tuple[str, ...], int], ...]
    n_variants: int
    start: tuple[tuple[str, int], ...]
    end: tuple[tuple[str, int], ...]
    sankey_nodes: tuple[tuple[int, str, int], ...]
    sankey_links: tuple[tuple[int, str, str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "edges": [{"source": s, "target": t, "count": n} for s, t, n in self.edges],
            "variants": [{"steps": list(steps), "count": n} for steps, n in self.variants],
            "n_variants": self.n_variants,
            "start": dict(self.start),
            "end": dict(self.end),
            "sankey": {
                "nodes": [
                    {"id": f"{d}:{s}", "step": s, "depth": d, "customers": n} for d, s, n in self.sankey_nodes
                ],
                "links": [
                    {"source": f"{d}:{s}", "target": f"{d + 1}:{t}", "count": n}
                    for d, s, t, n in self.sankey_links
                ],
            },
        }


def paths(
    events: ir.Table,
    *,
    level: str | Level = Level.ACTIVITY,
    top: int = 10,
    sankey_depth: int = 5,
    journey_map: JourneyMap | None = None,
    filters: Filters | None = None,
) -> PathsResult:
    """The directly-follows graph, the ``top`` variants (all when ``top`` is 0), start/end and Sankey data."""
    if top < 0:
        raise InputError("analytics.bad_number", option="top", value=top)
    if sankey_depth < 1:
        raise InputError("analytics.bad_number", option="sankey_depth", value=sankey_depth)
    path = journey(events, level, journey_map, filters)
    pairs = rows(step_pairs_table(path, sankey_depth))
    variants = variants_table(path)
    ranked = variants.mutate(n_variants=variants.count()).order_by([ibis.desc("count"), "steps"])
    top_rows = rows(ranked.limit(top) if top else ranked)
    n_variants = int(top_rows[0]["n_variants"]) if top_rows else 0
    edges: dict[tuple[str, str], int] = {}
    start: dict[str, int] = {}
    end: dict[str, int] = {}
    nodes: dict[tuple[int, str], int] = {}
    links: dict[tuple[int, str, str], int] = {}
    for r in pairs:
        d, a, b, n = int(r["depth"]), r["step"], r["next_step"], int(r["count"])
        if b is None:
            end[a] = end.get(a, 0) + n
        else:
            edges[a, b] = edges.get((a, b), 0) + n
        if d == 0:
            start[a] = start.get(a, 0) + n
        if d >= 0:
            nodes[d, a] = nodes.get((d, a), 0) + n
        if 0 <= d < sankey_depth - 1 and b is not None:
            links[d, a, b] = n

    def _ranked(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counts.items(), key=lambda p: (-p[1], p[0])))

    return PathsResult(
        edges=tuple(sorted(((a, b, n) for (a, b), n in edges.items()), key=lambda e: (-e[2], e[0], e[1]))),
        variants=tuple((tuple(r["steps"]), int(r["count"])) for r in top_rows),
        n_variants=n_variants,
        start=_ranked(start),
        end=_ranked(end),
        sankey_nodes=tuple(
            sorted(((d, a, n) for (d, a), n in nodes.items()), key=lambda x: (x[0], -x[2], x[1]))
        ),
        sankey_links=tuple(
            sorted(((d, a, b, n) for (d, a, b), n in links.items()), key=lambda x: (x[0], -x[3], x[1], x[2]))
        ),
    )
