"""Retention and churn benchmark: Safar's cohort retention and churn against hand-written DuckDB SQL for the same
numbers, and the time of the Jalali cohorts and of the churn-risk model, on one synthetic log.

    .venv/bin/python bench/retention_bench.py --events 30000
    .venv/bin/python bench/retention_bench.py --events 10000000

Makes a seeded log of N events by N/20 customers: each starts on a day of two years and stays for an
exponential time (mean 120 days), its events spread over it, one of 8 activities each. It is written as Parquet
and loaded as ``safar events ingest`` loads it. Then it times, in this process:

  * Safar's cohort retention by Gregorian month (``services.retention.retention``, English reader, UTC) and
    hand-written DuckDB SQL counting the same (cohort, month) pairs — the bench fails unless every cohort's
    size and retained counts are equal; the ratio is printed;
  * Safar's churn after 90 days (``services.retention.churn``) and hand-written SQL for the same two counts
    (customers, churned) — equal, ratio printed;
  * customer health (``services.health.customer_health``: recency and frequency, as the data has no surveys,
    comments, contact activities or cases; its trend against 30 days earlier) and hand-written SQL for the same
    scores at both moments — customers, mean score then and now, and each band's count equal; ratio printed;
  * the Jalali months of a Persian reader (Tehran time) and the churn-risk model (``--risk``: features at
    three cutoffs, a logistic regression learned twice): their times, no peer (their figures are checked
    against pandas in tests/analytics/test_retention.py).
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

DATASET = "shop"
ACTIVITIES = ["visit", "search", "cart", "buy", "call", "complaint", "review", "app"]

HAND_RETENTION = """
WITH e AS (SELECT customer_id, ts FROM events WHERE dataset = 'shop'),
f AS (SELECT customer_id, date_trunc('month', min(ts)) AS cohort FROM e GROUP BY 1),
a AS (SELECT DISTINCT customer_id, date_trunc('month', ts) AS period FROM e)
SELECT f.cohort, a.period, count(*) AS customers FROM a JOIN f USING (customer_id) GROUP BY 1, 2
"""

HAND_CHURN = """
WITH p AS (SELECT customer_id, max(ts) AS last FROM events WHERE dataset = 'shop' GROUP BY 1)
SELECT count(*), count(*) FILTER (WHERE last < (SELECT max(ts) FROM events WHERE dataset = 'shop')
  - INTERVAL 90 DAY) FROM p
"""


def hand_health(days_before: int) -> str:
    """Each customer's health from recency and frequency (equal weights) ``days_before`` the data's last event:
    customers, mean score and the five bands' counts (safar.insights.health says what each component is)."""
    return f"""
WITH a AS (SELECT max(ts) - INTERVAL {days_before} DAY AS as_of FROM events WHERE dataset = 'shop'),
p AS (SELECT customer_id, max(ts) AS last, count(*) FILTER (WHERE ts > as_of - INTERVAL 90 DAY) AS recent
      FROM events, a WHERE dataset = 'shop' AND ts <= as_of GROUP BY customer_id),
r AS (SELECT greatest(0, 1 - (epoch(as_of) - epoch(last)) / (90 * 86400)) AS recency,
             (rank() OVER (ORDER BY recent) - 1 + (count(*) OVER (PARTITION BY recent)) / 2.0)
               / count(*) OVER () AS frequency
      FROM p, a),
s AS (SELECT 100 * (recency + frequency) / 2 AS score FROM r)
SELECT count(*), avg(score), {", ".join(f"count(*) FILTER (WHERE least(4, floor(score / 20)) = {b})" for b in range(5))}
FROM s
"""


def make_log(path: Path, n: int, seed: int) -> int:
    """About ``n`` events of ``n / 20`` customers; returns the customers."""
    rng = np.random.default_rng(seed)
    customers = max(20, n // 20)
    start = rng.uniform(0, 700, customers)
    life = np.minimum(rng.exponential(120.0, customers), 730 - start)
    who = rng.integers(0, customers, n)
    first = np.zeros(n, dtype=bool)
    first[np.unique(who, return_index=True)[1]] = True  # each customer's first row is their start
    days = start[who] + np.where(first, 0.0, rng.uniform(0, 1, n) * life[who])
    origin = np.datetime64("2023-01-01T00:00:00", "s").astype(np.int64)
    secs = origin + np.floor(days * 86400).astype(np.int64)
    table = pa.table(
        {
            "customer_id": pa.array([f"c{c}" for c in who]),
            "activity": pa.array(np.array(ACTIVITIES, dtype=object)[rng.integers(0, len(ACTIVITIES), n)]),
            "timestamp": pa.array(secs.astype("datetime64[s]"), pa.timestamp("s")),
        }
    )
    pq.write_table(table, path, row_group_size=500_000)
    return len(np.unique(who))


def _timed(work: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    done = work()
    return done, time.perf_counter() - started


def run(events: int, seed: int, risk: bool) -> dict[str, Any]:
    from safar.config import Settings
    from safar.context import Context
    from safar.services.health import customer_health
    from safar.services.ingestion import ingest_events
    from safar.services.retention import churn, retention
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
        with Context.open(settings, lang="en") as ctx:
            found, out["retention_s"] = _timed(lambda: retention(ctx, DATASET, period="month"))
            gone, out["churn_s"] = _timed(lambda: churn(ctx, DATASET, inactive="90d"))
            with ctx.warehouse() as wh:
                hand, out["hand_retention_s"] = _timed(lambda: wh.con.raw_sql(HAND_RETENTION).fetchall())
                counted, out["hand_churn_s"] = _timed(lambda: wh.con.raw_sql(HAND_CHURN).fetchone())
            well, out["health_s"] = _timed(lambda: customer_health(ctx, DATASET))
            with ctx.warehouse() as wh:
                (now, then), out["hand_health_s"] = _timed(
                    lambda: (
                        wh.con.raw_sql(hand_health(0)).fetchone(),
                        wh.con.raw_sql(hand_health(30)).fetchone(),
                    )
                )
            if risk:
                modelled, out["risk_s"] = _timed(lambda: churn(ctx, DATASET, inactive="90d", risk=True))
                out["auc"] = (
                    modelled.risk.validation.auc if modelled.risk and modelled.risk.validation else None
                )
        with Context.open(settings, lang="fa") as ctx:
            jalali, out["jalali_s"] = _timed(lambda: retention(ctx, DATASET, period="month"))
    cells: dict[date, dict[date, int]] = {}
    for cohort, period, n in hand:
        cells.setdefault(_day(cohort), {})[_day(period)] = int(n)
    months = sorted({p for c in cells.values() for p in c})
    expected = [
        (cohort, cells[cohort][cohort], [cells[cohort].get(m, 0) for m in months if m >= cohort])
        for cohort in sorted(cells)
    ]
    got = [(date.fromisoformat(c.start), c.size, c.retained) for c in found.cohorts]
    assert got == expected, "Safar's cohorts differ from the hand-written SQL's"
    assert (gone.customers, gone.churned) == (int(counted[0]), int(counted[1])), (gone, counted)
    assert sum(c.size for c in jalali.cohorts) == found.customers == out["customers"]
    assert (well.customers, [b.customers for b in well.bands]) == (int(now[0]), [int(b) for b in now[2:]]), (
        now
    )
    assert math.isclose(well.mean or 0, float(now[1]), rel_tol=1e-9), (well.mean, now)
    assert math.isclose(well.mean_before or 0, float(then[1]), rel_tol=1e-9), (well.mean_before, then)
    out["health_vs_hand_sql"] = out["health_s"] / out["hand_health_s"]
    out["cohorts"] = len(found.cohorts)
    out["retention_vs_hand_sql"] = out["retention_s"] / out["hand_retention_s"]
    out["churn_vs_hand_sql"] = out["churn_s"] / out["hand_churn_s"]
    return out


def _day(value: Any) -> date:
    return value.date() if hasattr(value, "date") else date.fromisoformat(str(value)[:10])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-risk", action="store_true", help="Leave the churn-risk model out.")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    found = run(args.events, args.seed, not args.no_risk)
    print(
        f"retention bench: {found['events']:,} events, {found['customers']:,} customers, {found['cohorts']} cohorts"
    )
    print(f"  ingest                        {found['ingest_s']:8.2f} s")
    print(f"  retention, Gregorian months   {found['retention_s']:8.2f} s")
    print(f"  hand-written DuckDB SQL       {found['hand_retention_s']:8.2f} s   (every cohort equal)")
    print(f"  retention / hand SQL          {found['retention_vs_hand_sql']:8.2f}x")
    print(f"  retention, Jalali months      {found['jalali_s']:8.2f} s   (Tehran time; no peer)")
    print(f"  churn after 90 days           {found['churn_s']:8.2f} s")
    print(f"  hand-written DuckDB SQL       {found['hand_churn_s']:8.2f} s   (equal)")
    print(f"  churn / hand SQL              {found['churn_vs_hand_sql']:8.2f}x")
    print(f"  customer health, with trend   {found['health_s']:8.2f} s")
    print(
        f"  hand-written DuckDB SQL       {found['hand_health_s']:8.2f} s   (customers, means, bands equal)"
    )
    print(f"  health / hand SQL             {found['health_vs_hand_sql']:8.2f}x")
    if "risk_s" in found:
        auc = "—" if found["auc"] is None else f"{found['auc']:.3f}"
        print(f"  churn with the risk model     {found['risk_s']:8.2f} s   (AUC on the later period {auc})")


if __name__ == "__main__":
    main()
