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


def _coded_journeys(path: ir.Table) -> tuple[ir.Table, ir.Table]:
    """Each step's small number (``names``: step, code) and each customer's ``codes`` in journey order."""
    # Each step gets a small number (``code``) first: the per-customer lists, their sort and the
    # grouping of equal lists then handle integers, not strings (about a sixth less work at 10 M
    # events); the names go back in on the variants, which are few.
    names = path.select("step").distinct()
    names = names.mutate(code=ibis.row_number().over(order_by="step"))
    coded = path.left_join(names, path.step == names.step)
    # Sorting (ts, seq, code) structs orders by journey order without needing the pos window.
    ordered = ibis.struct({"ts": coded.ts, "seq": coded.seq, "code": coded.code}).collect().sort()
    return names, coded.group_by("customer_id").agg(codes=ordered.map(lambda s: s.code))


def _named(coded: ir.Table, names: ir.Table, *keys: str) -> ir.Table:
    """``coded`` (one row per ``keys`` with ``codes``) as ``keys`` and ``steps``, named again, in order."""
    each = coded.unnest("codes", offset="i")
    each = each.left_join(names, each.codes == names.code)
    steps = ibis.struct({"i": each.i, "step": each.step}).collect().sort().map(lambda s: s.step)
    return each.group_by(*keys).agg(steps=steps)


def variants_table(path: ir.Table) -> ir.Table:
    """Variants: ``steps`` (array in journey order) and ``count`` of customers."""
    names, per_customer = _coded_journeys(path)
    variants = per_customer.group_by("codes").agg(count=per_customer.count())
    variants = variants.mutate(variant=ibis.row_number().over(order_by="codes"))
    return _named(variants, names, "variant", "count").select("steps", "count")


def customer_variants_table(path: ir.Table) -> ir.Table:
    """Each customer's variant: ``customer_id`` and ``steps`` (array in journey order), as :func:`variants_table` counts them."""
    names, per_customer = _coded_journeys(path)
    return _named(per_customer, names, "customer_id")


def step_pairs_table(path: ir.Table, depth: int) -> ir.Table:
    """Every step with its next step (NULL after the last) and its position: all but variants.

    Columns: ``depth`` (the position, or −1 from position ``depth`` on), ``step``, ``next_step``, ``count``.
    Summing it gives the directly-follows graph, the start and end steps and the Sankey data.
    """
    return pairs_from_variants(variants_table(path), depth)


def pairs_from_variants(variants: ir.Table, depth: int) -> ir.Table:
    """:func:`step_pairs_table` from the variants: each variant's steps, weighted by its customers.

    There are far fewer variants than events (38,533 for 10 M events in the benchmark), so this
    costs nothing beside the one pass over the events that makes the variants; no window sort.
    """
    each = variants.mutate(_steps=variants.steps).unnest("steps", offset="_i")
    nxt = ibis.ifelse(each._i + 1 < each._steps.length(), each._steps[each._i + 1], ibis.null("string"))
    d = ibis.cases((each._i < depth, each._i), else_=-1)
    return each.group_by(depth=d.cast("int64"), step=each.steps, next_step=nxt).agg(count=each["count"].sum())


def paths_table(path: ir.Table, *, top: int = 10, sankey_depth: int = 5) -> ir.Table:
    """Everything :func:`paths` reports, in one expression over one pass of the events.

    The variants (each customer's steps in journey order, counted) are made once; the rows of
    :func:`pairs_from_variants` (``steps`` NULL) and the ``top`` variants (all when 0; ``steps``
    set, with ``n_variants`` and ``rank`` from 0) are both read from them, so an engine that keeps
    a shared subquery (DuckDB materialises it) sorts each customer's events only once.
    Columns: ``depth``, ``step``, ``next_step``, ``steps``, ``count``, ``n_variants``, ``rank``.
    """
    return _from_variants(variants_table(path), top, sankey_depth)


def _from_variants(variants: ir.Table, top: int, sankey_depth: int) -> ir.Table:
    pairs = pairs_from_variants(variants, sankey_depth).mutate(
        steps=ibis.null("array<string>"), n_variants=ibis.null("int64"), rank=ibis.null("int64")
    )
    ranked = variants.mutate(
        n_variants=variants.count(),
        rank=ibis.row_number().over(order_by=[ibis.desc("count"), variants.steps]),
    )
    ranked = (ranked.filter(ranked["rank"] < top) if top else ranked).mutate(
        depth=ibis.null("int64"), step=ibis.null("string"), next_step=ibis.null("string")
    )
    columns = ["depth", "step", "next_step", "steps", "count", "n_variants", "rank"]
    return ibis.union(pairs.select(*columns), ranked.select(*columns), distinct=False)


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
    return paths_of(variants_table(path), top=top, sankey_depth=sankey_depth)


def paths_of(variants: ir.Table, *, top: int = 10, sankey_depth: int = 5) -> PathsResult:
    """What :func:`paths` reports, from the variants (rows of :func:`variants_table`, kept or computed
    now): every figure of the paths is read from each customer's whole journey."""
    if top < 0:
        raise InputError("analytics.bad_number", option="top", value=top)
    if sankey_depth < 1:
        raise InputError("analytics.bad_number", option="sankey_depth", value=sankey_depth)
    found = rows(_from_variants(variants, top, sankey_depth))
    pairs = [r for r in found if r["steps"] is None]
    top_rows = [r for r in found if r["steps"] is not None]
    top_rows.sort(key=lambda r: int(r["rank"]))  # most customers first, ties in sequence order
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
