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
    ordered = ibis.struct({"pos": path.pos, "step": path.step}).collect().sort()
    per_customer = path.group_by("customer_id").agg(steps=ordered.map(lambda s: s.step))
    return per_customer.group_by("steps").agg(count=per_customer.count())


def endpoints_table(path: ir.Table) -> ir.Table:
    """Customers per first step (``kind`` = start) and per last step (``kind`` = end)."""
    nxt = with_next(path)
    first = nxt.filter(nxt.pos == 0)
    start = first.group_by("step").agg(count=first.count()).mutate(kind=ibis.literal("start"))
    last = nxt.filter(nxt.next_step.isnull())
    end = last.group_by("step").agg(count=last.count()).mutate(kind=ibis.literal("end"))
    return start.union(end)


def sankey_tables(path: ir.Table, depth: int) -> tuple[ir.Table, ir.Table]:
    nxt = with_next(path)
    head = nxt.filter(nxt.pos < depth)
    nodes = head.group_by(depth=head.pos, step=head.step).agg(customers=head.count())
    linked = head.filter((head.pos < depth - 1) & head.next_step.notnull())
    links = linked.group_by(depth=linked.pos, source=linked.step, target=linked.next_step).agg(
        count=linked.count()
    )
    return nodes, links


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
                "nodes": [{"id": f"{d}:{s}", "step": s, "depth": d, "customers": n}
                          for d, s, n in self.sankey_nodes],
                "links": [{"source": f"{d}:{s}", "target": f"{d + 1}:{t}", "count": n}
                          for d, s, t, n in self.sankey_links],
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
    edges = sorted(((r["source"], r["target"], int(r["count"])) for r in rows(dfg_table(path))),
                   key=lambda e: (-e[2], e[0], e[1]))
    variants = variants_table(path)
    ranked = variants.order_by([ibis.desc("count"), "steps"])
    top_rows = rows(ranked.limit(top) if top else ranked)
    n_variants = int(rows(variants.agg(n=variants.count()))[0]["n"])
    ends = rows(endpoints_table(path))
    nodes, links = sankey_tables(path, sankey_depth)

    def _ranked(kind: str) -> tuple[tuple[str, int], ...]:
        pairs = [(str(r["step"]), int(r["count"])) for r in ends if r["kind"] == kind]
        return tuple(sorted(pairs, key=lambda p: (-p[1], p[0])))

    return PathsResult(
        edges=tuple(edges),
        variants=tuple((tuple(r["steps"]), int(r["count"])) for r in top_rows),
        n_variants=n_variants,
        start=_ranked("start"),
        end=_ranked("end"),
        sankey_nodes=tuple(sorted(((int(r["depth"]), r["step"], int(r["customers"])) for r in rows(nodes)),
                                  key=lambda n: (n[0], -n[2], n[1]))),
        sankey_links=tuple(sorted(((int(r["depth"]), r["source"], r["target"], int(r["count"]))
                                   for r in rows(links)), key=lambda x: (x[0], -x[3], x[1], x[2]))),
    )
