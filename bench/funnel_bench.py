"""Long-funnel benchmark: Safar's 50-step sequential funnel against hand-written DuckDB SQL for the same counts,
and the time of the funnel analysis (per channel, against the period before, time taken) on the same log.

    .venv/bin/python bench/funnel_bench.py --events 30000
    .venv/bin/python bench/funnel_bench.py --events 10000000

Makes a seeded log of N events by N/100 customers, each event one of 8 activities in random order at random
times over 120 days, with one of 3 channels; written as Parquet and loaded as ``safar events ingest`` loads it.
The funnel's 50 steps cycle through the 8 activities (visit, search, view, …, call, visit, …), so reaching step k
takes k events in that order: many customers go deep, none reach the end. Then it times, in this process:

  * ``safar.analytics.funnel`` (sequential, 50 steps) on the warehouse's events, and hand-written DuckDB SQL
    (each step the earliest later occurrence, one CTE per step: ``report_bench.funnel_sql``) — the bench fails
    unless every step's count is equal; the ratio is printed;
  * the funnel analysis of the first 8 steps (``safar.analytics.funnel_analysis``): per channel, this month
    against the one before, and the time distributions — their times, no peer (checked against pandas in
    tests/analytics/test_funnel_analysis.py);
  * the paths from a step (``safar.analytics.flows``: the 3 steps after each customer's first ``cart``, every
    path) and hand-written DuckDB SQL (numbered events, the anchor, three positions after it) — every path's
    count equal, ratio printed;
  * the map's rules (``safar.analytics.rules``) on a map of 8 stages, one activity each, with a 7-day time rule,
    and hand-written SQL (per customer each stage's first visit, then each rule's counts) — every rule's
    ``applies``, ``broken``, drop-off and median time of those who broke and who kept it equal; ratio printed.

Timestamps are distinct (drawn without replacement while the log has fewer events than seconds in 120 days), so
"the first event" is one event and both sides read the same order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).parent))

DATASET = "bench"  # report_bench's hand SQL reads this dataset
ACTIVITIES = ["visit", "search", "view", "cart", "checkout", "pay", "review", "call"]
CHANNELS = ["web", "app", "phone"]
STEPS = [ACTIVITIES[i % len(ACTIVITIES)] for i in range(50)]


def make_log(path: Path, n: int, seed: int) -> int:
    rng = np.random.default_rng(seed)
    customers = max(10, n // 100)
    who = rng.integers(0, customers, n)
    origin = np.datetime64("2024-01-01T00:00:00", "s").astype(np.int64)
    span = 120 * 86400
    secs = origin + (rng.choice(span, n, replace=False) if n <= span else rng.integers(0, span, n))
    table = pa.table(
        {
            "customer_id": pa.array([f"c{c}" for c in who]),
            "activity": pa.array(np.array(ACTIVITIES, dtype=object)[rng.integers(0, len(ACTIVITIES), n)]),
            "timestamp": pa.array(secs.astype("datetime64[s]"), pa.timestamp("s")),
            "channel": pa.array(np.array(CHANNELS, dtype=object)[rng.integers(0, len(CHANNELS), n)]),
        }
    )
    pq.write_table(table, path, row_group_size=500_000)
    return len(np.unique(who))


# The 3 steps after each customer's first cart; "(end)" where the journey ended sooner, then nothing.
FLOWS_SQL = f"""
WITH p AS (SELECT customer_id, activity AS step,
                  row_number() OVER (PARTITION BY customer_id ORDER BY ts, seq) - 1 AS pos
           FROM events WHERE dataset = '{DATASET}'),
a AS (SELECT customer_id, min(pos) AS a FROM p WHERE step = 'cart' GROUP BY 1),
n AS (SELECT customer_id, max(pos) AS n FROM p GROUP BY 1),
s AS (SELECT customer_id, a, n,
             max(step) FILTER (WHERE pos = a + 1) AS s1, max(step) FILTER (WHERE pos = a + 2) AS s2,
             max(step) FILTER (WHERE pos = a + 3) AS s3
      FROM p JOIN a USING (customer_id) JOIN n USING (customer_id) GROUP BY customer_id, a, n)
SELECT CASE WHEN a + 1 <= n THEN s1 WHEN a = n THEN '(end)' END,
       CASE WHEN a + 2 <= n THEN s2 WHEN a + 1 = n THEN '(end)' END,
       CASE WHEN a + 3 <= n THEN s3 WHEN a + 2 = n THEN '(end)' END,
       count(*)
FROM s GROUP BY 1, 2, 3
"""


def bench_map() -> Any:
    """A map of 8 stages in ACTIVITIES' order, each one touchpoint bound to one activity."""
    from safar.model import BindingRule, JourneyMap, Stage, Touchpoint

    return JourneyMap(
        title="bench",
        stages=[
            Stage(
                id=a,
                name=a,
                touchpoints=[Touchpoint(id=f"t_{a}", name=a, channel="web", bind=[BindingRule(activity=a)])],
            )
            for a in ACTIVITIES
        ],
    )


def rules_sql(within_days: int = 7) -> str:
    """Each rule's applies, broken, and for those who broke and who kept it the drop-off and the median time from
    first to last event, from each customer's first visit to each stage (stage i: ACTIVITIES[i])."""
    index = " ".join(f"WHEN '{a}' THEN {i}" for i, a in enumerate(ACTIVITIES))
    firsts = ", ".join(f"min(ts) FILTER (WHERE si = {i}) AS f{i}" for i in range(len(ACTIVITIES)))
    last = len(ACTIVITIES) - 1
    rules = [("true", "opening <> 0")]
    for i in range(len(ACTIVITIES) - 1):
        both = f"f{i} IS NOT NULL AND f{i + 1} IS NOT NULL"
        in_order = f"{both} AND f{i + 1} >= f{i}"
        rules += [
            (both, f"f{i + 1} < f{i}"),
            (in_order, f"epoch(f{i + 1}) - epoch(f{i}) > {within_days * 86400}"),
        ]
    rules += [(f"top > {i}", f"f{i} IS NULL") for i in range(1, len(ACTIVITIES) - 1)]
    measures = []
    for applies, broken in rules:
        bad, good = f"({applies}) AND ({broken})", f"({applies}) AND NOT ({broken})"
        measures += [
            f"count(*) FILTER (WHERE {applies})",
            f"count(*) FILTER (WHERE {bad})",
            f"count(*) FILTER (WHERE {bad} AND top < {last})",
            f"count(*) FILTER (WHERE {good} AND top < {last})",
            f"quantile_cont(took, 0.5) FILTER (WHERE {bad})",
            f"quantile_cont(took, 0.5) FILTER (WHERE {good})",
        ]
    return f"""
WITH e AS (SELECT customer_id, ts, CASE activity {index} END AS si FROM events WHERE dataset = '{DATASET}'),
p AS (SELECT customer_id, max(si) AS top, arg_min(si, ts) AS opening, epoch(max(ts)) - epoch(min(ts)) AS took,
             {firsts} FROM e GROUP BY 1)
SELECT {", ".join(measures)} FROM p
"""


def _hand_rules(row: tuple[Any, ...]) -> dict[tuple[str, tuple[str, ...]], tuple[Any, ...]]:
    """rules_sql's one row as map_rules' (rule, stages) → (applies, broken, drop-off broken, drop-off kept,
    median seconds broken, median seconds kept)."""
    values = iter(row)

    def one() -> tuple[Any, ...]:
        applies, broken, left_bad, left_good, median, kept = (next(values) for _ in range(6))
        return (
            int(applies),
            int(broken),
            None if not broken else round(left_bad / broken, 9),
            None if applies == broken else round(left_good / (applies - broken), 9),
            None if median is None else round(float(median), 3),
            None if kept is None else round(float(kept), 3),
        )

    out = {("starts_with", (ACTIVITIES[0],)): one()}
    for a, b in itertools.pairwise(ACTIVITIES):
        out[("must_follow", (a, b))] = one()
        out[("within", (a, b))] = one()
    for a in ACTIVITIES[1:-1]:
        out[("must_not_skip", (a,))] = one()
    return out


def _timed(work: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    done = work()
    return done, time.perf_counter() - started


def run(events: int, seed: int) -> dict[str, Any]:
    from report_bench import funnel_sql

    from safar.analytics import funnel
    from safar.analytics.flows import flows
    from safar.analytics.funnel_analysis import breakdown, compare_previous, funnel_times
    from safar.analytics.rules import map_rules
    from safar.config import Settings
    from safar.context import Context
    from safar.services.ingestion import ingest_events
    from safar.workspace import Workspace

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        log = Path(tmp) / "shop.parquet"
        out["customers"] = make_log(log, events, seed)
        settings = Settings.from_env({"SAFAR_HOME": str(home)})
        with Workspace.open(settings) as workspace:
            done, out["ingest_s"] = _timed(lambda: ingest_events(workspace, log, dataset=DATASET))
            out["events"] = done.report.loaded
        with Context.open(settings, lang="en") as ctx, ctx.warehouse() as wh:
            ev = wh.events(DATASET)
            found, out["funnel_s"] = _timed(lambda: funnel(ev, STEPS))
            hand, out["hand_s"] = _timed(lambda: wh.con.raw_sql(funnel_sql(STEPS)).fetchall())
            short = STEPS[:8]
            _, out["breakdown_s"] = _timed(lambda: breakdown(ev, short, "channel"))
            end = dt.datetime(2024, 4, 30)
            _, out["compare_s"] = _timed(
                lambda: compare_previous(ev, short, start=end - dt.timedelta(days=30), end=end)
            )
            _, out["times_s"] = _timed(lambda: funnel_times(ev, short))
            paths, out["flows_s"] = _timed(lambda: flows(ev, "cart", depth=3, top=1_000_000))
            hand_paths, out["flows_hand_s"] = _timed(lambda: wh.con.raw_sql(FLOWS_SQL).fetchall())
            journey = bench_map()
            rules, out["rules_s"] = _timed(lambda: map_rules(ev, journey, within=dt.timedelta(days=7)))
            hand_rules, out["rules_hand_s"] = _timed(lambda: wh.con.raw_sql(rules_sql()).fetchall())
    mine = {p.steps: p.customers for p in paths.paths}
    theirs = {tuple(s for s in r[:3] if s is not None): int(r[3]) for r in hand_paths}
    assert paths.other == 0 and mine == theirs, (len(mine), len(theirs))
    said = {
        (r.rule, r.where): (
            r.applies,
            r.broken,
            None if r.dropoff_broken is None else round(r.dropoff_broken, 9),
            None if r.dropoff_kept is None else round(r.dropoff_kept, 9),
            None if r.median_broken is None else round(r.median_broken, 3),
            None if r.median_kept is None else round(r.median_kept, 3),
        )
        for r in rules.rules
    }
    assert said == _hand_rules(hand_rules[0]), (said, hand_rules)
    out["paths"], out["rules"] = len(mine), len(said)
    out["flows_ratio"] = out["flows_s"] / out["flows_hand_s"]
    out["rules_ratio"] = out["rules_s"] / out["rules_hand_s"]
    counts = [s.customers for s in found.steps]
    by_k = {int(k): int(n) for k, n in hand}
    assert counts == [by_k.get(k, 0) for k in range(len(STEPS))], (counts, by_k)
    out["reached"] = counts
    out["deepest"] = max((k + 1 for k, n in enumerate(counts) if n), default=0)
    out["ratio"] = out["funnel_s"] / out["hand_s"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    found = run(args.events, args.seed)
    print(f"funnel bench: {found['events']:,} events, {found['customers']:,} customers")
    print(f"  ingest                          {found['ingest_s']:8.2f} s")
    print(
        f"  50-step sequential funnel       {found['funnel_s']:8.2f} s   (deepest step reached: {found['deepest']})"
    )
    print(f"  hand-written DuckDB SQL         {found['hand_s']:8.2f} s   (every step equal)")
    print(f"  funnel / hand SQL               {found['ratio']:8.2f}x")
    print(f"  8 steps per channel             {found['breakdown_s']:8.2f} s")
    print(f"  8 steps, month against before   {found['compare_s']:8.2f} s")
    print(f"  8 steps' times                  {found['times_s']:8.2f} s")
    print(f"  paths from a step (3 deep)      {found['flows_s']:8.2f} s   ({found['paths']:,} paths)")
    print(f"  hand-written DuckDB SQL         {found['flows_hand_s']:8.2f} s   (every path equal)")
    print(f"  paths / hand SQL                {found['flows_ratio']:8.2f}x")
    print(f"  the map's rules (8 stages, 7d)  {found['rules_s']:8.2f} s   ({found['rules']} rules)")
    print(
        f"  hand-written DuckDB SQL         {found['rules_hand_s']:8.2f} s   (every rule's counts, drop-off, medians)"
    )
    print(f"  rules / hand SQL                {found['rules_ratio']:8.2f}x")


if __name__ == "__main__":
    main()
