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
    tests/analytics/test_funnel_analysis.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    secs = origin + rng.integers(0, 120 * 86400, n)
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


def _timed(work: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    done = work()
    return done, time.perf_counter() - started


def run(events: int, seed: int) -> dict[str, Any]:
    from report_bench import funnel_sql

    from safar.analytics import funnel
    from safar.analytics.funnel_analysis import breakdown, compare_previous, funnel_times
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


if __name__ == "__main__":
    main()
