"""Journey-report benchmark: Safar's analytics vs hand-written DuckDB SQL, and paths vs PM4Py.

    .venv/bin/python bench/report_bench.py --events 100000 --repeat 1
    .venv/bin/python bench/report_bench.py --events 10000000 --repeat 3 --pm4py-max-events 1000000

Makes a seeded synthetic log of N events (customers walking a small shop-and-service process
with loops and drop-offs, second-resolution timestamps with ties, channels, a few NULL channels),
written as Parquet in time order and loaded with ``safar.events.ingest_file`` (``--load duckdb``:
the same schema filled by one DuckDB ``INSERT … SELECT``; the output says which). Then times
  * Safar's journey report through the Python API on the warehouse's events table: a sequential
    funnel of five steps, paths (directly-follows graph, top variants, start/end, Sankey),
    drop-off and timing (both with ``final``), every ``to_dict()`` as the CLI prints it;
  * hand-written DuckDB SQL computing the same numbers, one statement per analysis; the bench
    fails (AssertionError) unless they equal Safar's, floats to 1e-9 relative;
  * PM4Py ``format_dataframe`` + ``discover_dfg`` + ``get_variants`` on a pandas dataframe with
    the standard column names (``format_dataframe`` sorts by case and time, which ``get_variants``
    silently needs), against Safar's ``paths`` on the same events (after one untimed warm-up
    call, reported as "cold"). Above ``--pm4py-max-events`` both run on
    the first customers' whole journeys (a prefix of at most that many events), and the output
    says so: nothing is extrapolated.
Each contender runs in a fresh process per run (alternating), so its peak RSS
(``resource.getrusage``) is its own. Targets (issue 3, at 10 M events on 2 cores):
report <= 1.5x hand SQL; >= 10x faster than PM4Py; peak memory < 4 GB.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import math
import resource
import statistics
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

DATASET = "bench"
FUNNEL = ["visit site", "view product", "add to cart", "checkout", "pay"]
FINAL = "pay"
SANKEY_DEPTH = 5  # Safar's defaults: paths(top=10, sankey_depth=5)
TOP = 10
SEP = "\x1f"  # joins a variant's steps in the hand SQL; sorts below every character of a name

# A small process: states, where customers start, and where they go next (the rest is leaving).
ACTIVITIES = [
    "visit site",
    "search",
    "view product",
    "add to cart",
    "checkout",
    "pay",
    "delivery",
    "complaint",
    "call centre",
    "chat",
    "refund",
    "نظرسنجی",  # survey
]
START = {"visit site": 0.8, "search": 0.1, "call centre": 0.1}
NEXT = {
    "visit site": {"search": 0.5, "view product": 0.25, "chat": 0.05},
    "search": {"view product": 0.6, "search": 0.15},
    "view product": {"add to cart": 0.35, "search": 0.2, "view product": 0.15, "chat": 0.05},
    "add to cart": {"checkout": 0.6, "view product": 0.2},
    "checkout": {"pay": 0.75, "call centre": 0.05},
    "pay": {"delivery": 0.85},
    "delivery": {"نظرسنجی": 0.3, "complaint": 0.15},
    "complaint": {"call centre": 0.6, "chat": 0.3},
    "call centre": {"call centre": 0.3, "refund": 0.25, "chat": 0.1, "نظرسنجی": 0.1},
    "chat": {"call centre": 0.25, "view product": 0.2, "checkout": 0.1},
    "refund": {"نظرسنجی": 0.4},
    "نظرسنجی": {},
}
# Mean wait in seconds before an activity (exponential, floored to whole seconds, so some ties).
WAIT = {
    "visit site": 0,
    "search": 40,
    "view product": 90,
    "add to cart": 300,
    "checkout": 600,
    "pay": 120,
    "delivery": 3 * 86400,
    "complaint": 2 * 86400,
    "call centre": 86400,
    "chat": 7200,
    "refund": 5 * 86400,
    "نظرسنجی": 86400,
}
CHANNELS = ["web", "app", "call", "sms", "chat", "instagram"]
CHANNEL_OF = {  # weights over CHANNELS per activity; 2 % of events have no channel
    "call centre": [0, 0, 1, 0, 0, 0],
    "chat": [0, 0.2, 0, 0, 0.6, 0.2],
    "delivery": [0, 0.2, 0, 0.8, 0, 0],
    "complaint": [0.3, 0.2, 0.3, 0, 0, 0.2],
    "نظرسنجی": [0.4, 0.2, 0, 0.4, 0, 0],
}
MAX_STEPS = 40


# --- the synthetic log ----------------------------------------------------------------------


def _cumulative(rows: list[list[float]]) -> np.ndarray:
    return np.cumsum(np.array(rows, dtype=float), axis=1)


def simulate(rng: np.random.Generator, customers: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Walk ``customers`` through the process: (customer index, activity index, seconds) per event."""
    k = len(ACTIVITIES)
    nxt = _cumulative([[NEXT[a].get(b, 0.0) for b in ACTIVITIES] for a in ACTIVITIES])
    waits = np.array([WAIT[a] for a in ACTIVITIES], dtype=float)
    acts = np.full((MAX_STEPS, customers), -1, dtype=np.int8)
    gaps = np.zeros((MAX_STEPS, customers), dtype=np.int64)
    first = np.array([START.get(a, 0.0) for a in ACTIVITIES]).cumsum()
    acts[0] = np.searchsorted(first, rng.random(customers), side="right")
    alive = np.arange(customers)
    for t in range(1, MAX_STEPS):
        state = acts[t - 1, alive]
        step = (rng.random(len(alive))[:, None] >= nxt[state]).sum(axis=1)  # k means "leaves"
        alive = alive[step < k]
        step = step[step < k].astype(np.int8)
        if not len(alive):
            break
        acts[t, alive] = step
        gaps[t, alive] = np.floor(rng.exponential(1.0, len(alive)) * waits[step]).astype(np.int64)
    mask = acts.T >= 0  # customer-major: each customer's events in journey order
    steps_per = mask.sum(axis=1)
    cust = np.repeat(np.arange(customers), steps_per)
    start = rng.integers(0, 365 * 86400, customers)
    offsets = np.cumsum(gaps.T, axis=1)[mask]
    return cust, acts.T[mask], start[cust] + offsets


def make_log(path: Path, n: int, seed: int) -> dict[str, int]:
    """Exactly ``n`` events of whole journeys (the last one cut), written in time order."""
    rng = np.random.default_rng(seed)
    cust, act, secs = simulate(rng, max(1, int(n / 4.0 * 1.2) + 10))
    while len(cust) < n:  # the estimate of the mean journey length was short: add customers
        more = simulate(rng, max(1000, int((n - len(cust)) / 3.0)))
        cust = np.concatenate([cust, more[0] + cust.max() + 1])
        act, secs = np.concatenate([act, more[1]]), np.concatenate([secs, more[2]])
    cust, act, secs = cust[:n], act[:n], secs[:n]
    order = np.argsort(secs, kind="stable")  # equal times keep journey order, so ``seq`` agrees
    cust, act, secs = cust[order], act[order], secs[order]
    weights = np.array([CHANNEL_OF.get(a, [0.6, 0.4, 0, 0, 0, 0]) for a in ACTIVITIES])
    cum = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    channel = np.minimum((rng.random(n)[:, None] >= cum[act]).sum(axis=1), len(CHANNELS) - 1)
    channel_arr = pc.take(pa.array(CHANNELS), pa.array(channel))
    channel_arr = pc.if_else(pa.array(rng.random(n) < 0.02), pa.scalar(None, pa.string()), channel_arr)
    start = np.datetime64("2024-01-01T00:00:00", "s").astype(np.int64)
    table = pa.table(
        {
            "event_id": pc.binary_join_element_wise("e", pa.array(np.arange(n)).cast(pa.string()), ""),
            "customer_id": pc.binary_join_element_wise("c", pa.array(cust).cast(pa.string()), ""),
            "activity": pc.take(pa.array(ACTIVITIES), pa.array(act.astype(np.int64))),
            "timestamp": pa.array((start + secs).astype("datetime64[s]"), pa.timestamp("s")),
            "channel": channel_arr,
        }
    )
    pq.write_table(table, path, row_group_size=500_000)
    return {"customers": len(np.unique(cust))}


def prefix_log(source: Path, target: Path, cap: int) -> dict[str, int]:
    """The whole journeys of the first customers (by number) that fit in ``cap`` events, in file order."""
    table = pq.read_table(source)
    number = pc.cast(pc.utf8_slice_codeunits(table["customer_id"], 1), pa.int64()).to_numpy()
    per = np.bincount(number)
    keep = int(np.searchsorted(np.cumsum(per), cap, side="right"))
    table = table.filter(pa.array(number < keep))
    pq.write_table(table, target, row_group_size=500_000)
    return {"events": table.num_rows, "customers": keep}


def load(home: Path, log: Path, how: str) -> dict[str, Any]:
    """Fill a fresh warehouse in ``home`` from the Parquet log; seconds taken and rows loaded."""
    from safar.config import Settings
    from safar.warehouse import connect_duckdb
    from safar.warehouse.schema import create_schema

    settings = Settings.from_env({"SAFAR_HOME": str(home)})
    started = time.perf_counter()
    if how == "safar":
        from safar.events import ingest_file

        loaded = ingest_file(settings, log, dataset=DATASET, id_col="event_id").loaded
    else:  # the warehouse schema, filled directly (what ingest_file stores, minus its checks)
        con = connect_duckdb(settings.warehouse_path)
        create_schema(con)
        con.execute(
            f"""INSERT INTO events SELECT '{DATASET}', event_id, customer_id, activity,
                CAST(timestamp AS TIMESTAMP), file_row_number + 1, channel, NULL, NULL,
                MAP {{}}::MAP(VARCHAR, VARCHAR)
            FROM read_parquet('{log}', file_row_number = true)"""
        )
        (loaded,) = con.execute("SELECT count(*) FROM events").fetchall()[0]
        con.close()
    return {"method": how, "seconds": time.perf_counter() - started, "loaded": int(loaded)}


def prepare(work: Path, n: int, seed: int, how: str, pm4py_cap: int) -> dict[str, Any]:
    started = time.perf_counter()
    log = work / "log.parquet"
    made = make_log(log, n, seed)
    out: dict[str, Any] = {"customers": made["customers"], "make_log_s": time.perf_counter() - started}
    out["load"] = load(work / "home", log, how)
    assert out["load"]["loaded"] == n, out["load"]
    if n > pm4py_cap:
        out["prefix"] = prefix_log(log, work / "prefix.parquet", pm4py_cap)
        out["prefix"]["load"] = load(work / "prefix-home", work / "prefix.parquet", how)
    return out


# --- the contenders ---------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _quiet() -> None:
    warnings.filterwarnings("ignore", message="fetch_arrow_table", category=DeprecationWarning)


def safar_report(home: str) -> dict[str, Any]:
    """Safar's whole report through the Python API, timed part by part (warehouse opening excluded)."""
    _quiet()
    from safar.analytics import dropoff, funnel, paths, timing
    from safar.config import Settings
    from safar.warehouse import open_warehouse

    times: dict[str, float] = {}
    result: dict[str, Any] = {}
    with open_warehouse(Settings.from_env({"SAFAR_HOME": home})) as wh:
        started = last = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal last
            now = time.perf_counter()
            times[name], last = now - last, now

        events = wh.events(DATASET)
        lap("open dataset")
        result["funnel"] = funnel(events, FUNNEL).to_dict()
        lap("funnel")
        result["paths"] = paths(events, top=TOP, sankey_depth=SANKEY_DEPTH).to_dict()
        lap("paths")
        result["dropoff"] = dropoff(events, final=FINAL).to_dict()
        lap("dropoff")
        result["timing"] = timing(events, final=FINAL).to_dict()
        lap("timing")
        total = time.perf_counter() - started
    return {"seconds": total, "parts": times, "result": result, "peak_rss_mb": _peak_rss_mb()}


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


EVENTS = f"(SELECT * FROM events WHERE dataset = {_q(DATASET)})"
QUANTILES = "[0.25, 0.5, 0.75, 0.9]"


def funnel_sql(steps: list[str]) -> str:
    """Sequential funnel: anchor at the first s1, each next step the earliest later occurrence."""
    wanted = ", ".join(_q(s) for s in dict.fromkeys(steps))
    ctes = [
        f"""j AS (SELECT customer_id, activity AS step,
                 row_number() OVER (PARTITION BY customer_id ORDER BY ts, seq) AS pos
             FROM {EVENTS} WHERE activity IN ({wanted}))""",
        f"f0 AS (SELECT customer_id, min(pos) AS p FROM j WHERE step = {_q(steps[0])} GROUP BY customer_id)",
    ]
    for k, step in enumerate(steps[1:], start=1):
        ctes.append(
            f"""f{k} AS (SELECT j.customer_id, min(j.pos) AS p FROM j JOIN f{k - 1} f USING (customer_id)
                WHERE j.step = {_q(step)} AND j.pos > f.p GROUP BY j.customer_id)"""
        )
    counts = " UNION ALL ".join(f"SELECT {k} AS k, count(*) AS n FROM f{k}" for k in range(len(steps)))
    return f"WITH {', '.join(ctes)} {counts} ORDER BY k"


PATHS_SQL = f"""
WITH j AS (
    SELECT activity AS step, lead(activity) OVER w AS next_step, row_number() OVER w AS pos
    FROM {EVENTS} WINDOW w AS (PARTITION BY customer_id ORDER BY ts, seq)
), g AS MATERIALIZED (  -- read five times below: compute once
    SELECT CASE WHEN pos <= {SANKEY_DEPTH} THEN pos - 1 ELSE -1 END AS depth, step, next_step,
           count(*) AS n
    FROM j GROUP BY ALL
)
SELECT 'edge' AS kind, NULL AS depth, step, next_step, sum(n) AS n FROM g
    WHERE next_step IS NOT NULL GROUP BY step, next_step
UNION ALL SELECT 'start', NULL, step, NULL, sum(n) FROM g WHERE depth = 0 GROUP BY step
UNION ALL SELECT 'end', NULL, step, NULL, sum(n) FROM g WHERE next_step IS NULL GROUP BY step
UNION ALL SELECT 'node', depth, step, NULL, sum(n) FROM g WHERE depth >= 0 GROUP BY depth, step
UNION ALL SELECT 'link', depth, step, next_step, n FROM g
    WHERE depth BETWEEN 0 AND {SANKEY_DEPTH - 2} AND next_step IS NOT NULL
"""

VARIANTS_SQL = f"""
WITH v AS (
    SELECT string_agg(activity, chr(31) ORDER BY ts, seq) AS steps FROM {EVENTS} GROUP BY customer_id
)
SELECT steps, count(*) AS n, count(*) OVER () AS n_variants FROM v GROUP BY steps
ORDER BY n DESC, steps LIMIT {TOP}
"""

DROPOFF_SQL = f"""
WITH c AS (
    SELECT arg_max(activity, (ts, seq)) AS step, bool_or(activity = {_q(FINAL)}) AS completed
    FROM {EVENTS} GROUP BY customer_id
)
SELECT step, completed, count(*) AS n FROM c GROUP BY ALL
"""

TIMING_SQL = f"""
WITH j AS (
    SELECT customer_id, activity AS step, channel, ts,
           lead(activity) OVER w AS next_step, lead(ts) OVER w AS next_ts
    FROM {EVENTS} WINDOW w AS (PARTITION BY customer_id ORDER BY ts, seq)
), moves AS (
    SELECT channel, step, next_step, epoch(next_ts) - epoch(ts) AS gap FROM j WHERE next_step IS NOT NULL
), conv AS (
    SELECT arg_min_null(channel, (ts, seq)) AS channel,  -- the first event's, NULL included
           epoch(min(ts) FILTER (WHERE activity = {_q(FINAL)})) - epoch(min(ts)) AS gap
    FROM {EVENTS} GROUP BY customer_id HAVING bool_or(activity = {_q(FINAL)})
)
SELECT 'transition' AS kind, grouping(channel) = 0 AS by_channel, channel, step, next_step,
       count(gap) AS n, avg(gap) AS mean, quantile_cont(gap, {QUANTILES}) AS q
FROM moves GROUP BY GROUPING SETS ((step, next_step), (channel, step, next_step))
UNION ALL
SELECT 'conversion', grouping(channel) = 0, channel, NULL, NULL,
       count(gap), avg(gap), quantile_cont(gap, {QUANTILES})
FROM conv GROUP BY GROUPING SETS ((), (channel))
"""


def _stats(n: int, mean: float, q: list[float]) -> dict[str, Any]:
    return {"n": n, "mean": mean, "p25": q[0], "median": q[1], "p75": q[2], "p90": q[3]}


def _null_last(value: str | None) -> tuple[bool, str]:
    return (value is not None, value or "")


def hand_sql(home: str) -> dict[str, Any]:
    """The same report in hand-written DuckDB SQL; Python only shapes the rows as Safar's JSON."""
    from safar.config import Settings
    from safar.warehouse import connect_duckdb

    con = connect_duckdb(Settings.from_env({"SAFAR_HOME": home}).warehouse_path)
    times: dict[str, float] = {}
    result: dict[str, Any] = {}
    started = last = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        times[name], last = now - last, now

    counts = [n for _, n in con.execute(funnel_sql(FUNNEL)).fetchall()]
    result["funnel"] = {
        "steps": [
            {
                "step": s,
                "customers": n,
                "rate_from_start": n / counts[0] if counts[0] else None,
                "rate_from_previous": (n / counts[i - 1] if counts[i - 1] else None)
                if i
                else (1.0 if n else None),
            }
            for i, (s, n) in enumerate(zip(FUNNEL, counts, strict=True))
        ]
    }
    lap("funnel")
    rows = con.execute(PATHS_SQL).fetchall()
    variants = con.execute(VARIANTS_SQL).fetchall()

    def kind(name: str) -> list[tuple[Any, ...]]:
        return [r[1:] for r in rows if r[0] == name]

    def ranked(name: str) -> dict[str, int]:
        return {s: int(n) for _, s, _, n in sorted(kind(name), key=lambda r: (-r[3], r[1]))}

    result["paths"] = {
        "edges": [
            {"source": a, "target": b, "count": int(n)}
            for _, a, b, n in sorted(kind("edge"), key=lambda r: (-r[3], r[1], r[2]))
        ],
        "variants": [{"steps": s.split(SEP), "count": n} for s, n, _ in variants],
        "n_variants": variants[0][2] if variants else 0,
        "start": ranked("start"),
        "end": ranked("end"),
        "sankey": {
            "nodes": [
                {"id": f"{d}:{s}", "step": s, "depth": d, "customers": int(n)}
                for d, s, _, n in sorted(kind("node"), key=lambda r: (r[0], -r[3], r[1]))
            ],
            "links": [
                {"source": f"{d}:{a}", "target": f"{d + 1}:{b}", "count": int(n)}
                for d, a, b, n in sorted(kind("link"), key=lambda r: (r[0], -r[3], r[1], r[2]))
            ],
        },
    }
    lap("paths")
    drops = con.execute(DROPOFF_SQL).fetchall()
    total = sum(n for _, _, n in drops)
    stopped = sorted(((s, n) for s, done, n in drops if not done), key=lambda p: (-p[1], p[0]))
    result["dropoff"] = {
        "level": "activity",
        "customers": total,
        "completed": sum(n for _, done, n in drops if done),
        "unobserved": None,  # a map-level count (no bound data in the next stage); none at activity level
        "steps": [{"step": s, "customers": n, "share": n / total} for s, n in stopped],
    }
    lap("dropoff")
    found = con.execute(TIMING_SQL).fetchall()

    def transitions(by_channel: bool) -> list[dict[str, Any]]:
        chosen = [r for r in found if r[0] == "transition" and r[1] is by_channel]
        chosen.sort(key=lambda r: (_null_last(r[2]) if by_channel else (False, ""), -r[5], r[3], r[4]))
        return [
            {**({"channel": r[2]} if by_channel else {}), "source": r[3], "target": r[4], **_stats(*r[5:])}
            for r in chosen
        ]

    overall = [r for r in found if r[0] == "conversion" and not r[1]]
    per_channel = sorted((r for r in found if r[0] == "conversion" and r[1]), key=lambda r: _null_last(r[2]))
    result["timing"] = {
        "level": "activity",
        "final": FINAL,
        "transitions": transitions(False),
        "conversion": _stats(*overall[0][5:]),
        "by_channel": {
            "transitions": transitions(True),
            "conversion": [{"channel": r[2], **_stats(*r[5:])} for r in per_channel],
        },
    }
    lap("timing")
    total_s = time.perf_counter() - started
    con.close()
    return {"seconds": total_s, "parts": times, "result": result, "peak_rss_mb": _peak_rss_mb()}


def pm4py_paths(log: str, home: str, repeat: int, pm4py_repeat: int) -> dict[str, Any]:
    """PM4Py's DFG + variants on a pandas frame of ``log``, and Safar's ``paths`` on the same events."""
    _quiet()
    import pandas as pd

    from safar.analytics import paths
    from safar.config import Settings
    from safar.warehouse import open_warehouse

    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pm4py  # prints a licence banner on import
    frame: pd.DataFrame = pq.read_table(log).to_pandas()
    frame = frame.rename(
        columns={
            "customer_id": "case:concept:name",
            "activity": "concept:name",
            "timestamp": "time:timestamp",
        }
    )
    frame["time:timestamp"] = frame["time:timestamp"].astype("datetime64[us]")
    pm_times = []
    for _ in range(pm4py_repeat):
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # format_dataframe sorts by (case, time, row): get_variants on an unsorted frame is wrong
            # in pm4py 2.7 (it groups contiguous rows and discards its own sort).
            formatted = pm4py.format_dataframe(frame)
            dfg, _start, _end = pm4py.discover_dfg(formatted)
            variants = pm4py.get_variants(formatted)
        pm_times.append(time.perf_counter() - started)
    del frame, formatted
    safar_times = []
    with open_warehouse(Settings.from_env({"SAFAR_HOME": home})) as wh:
        # PM4Py's frame is in memory and its imports done before its clock starts; likewise the first
        # call of Safar's ``paths`` (lazy imports of Ibis's DuckDB backend, the table's blocks read
        # into DuckDB's buffer pool) is timed apart as ``cold`` and left out of the ratio.
        started = time.perf_counter()
        paths(wh.events(DATASET), top=TOP, sankey_depth=SANKEY_DEPTH)
        cold = time.perf_counter() - started
        for _ in range(repeat):
            started = time.perf_counter()
            found = paths(wh.events(DATASET), top=TOP, sankey_depth=SANKEY_DEPTH).to_dict()
            safar_times.append(time.perf_counter() - started)
    top = sorted(((list(k), int(v)) for k, v in variants.items()), key=lambda p: (-p[1], p[0]))[:TOP]
    agrees = {
        "dfg": {(e["source"], e["target"]): e["count"] for e in found["edges"]}
        == {k: int(v) for k, v in dfg.items()},
        "variants": [(v["steps"], v["count"]) for v in found["variants"]] == top
        and found["n_variants"] == len(variants),
    }
    return {
        "pm4py_runs": pm_times,
        "safar_paths_runs": safar_times,
        "safar_paths_cold_s": cold,
        "agrees": agrees,
    }


# --- comparing, running, reporting -------------------------------------------------------------


def assert_same(safar: Any, hand: Any, where: str = "report") -> None:
    """Equal structure and values; floats to 1e-9 relative (sums in a different order)."""
    if isinstance(safar, dict) and isinstance(hand, dict):
        assert list(safar) == list(hand), f"{where}: keys {list(safar)} != {list(hand)}"
        for key in safar:
            assert_same(safar[key], hand[key], f"{where}.{key}")
    elif isinstance(safar, list | tuple) and isinstance(hand, list | tuple):
        assert len(safar) == len(hand), f"{where}: {len(safar)} items != {len(hand)}"
        for i, (a, b) in enumerate(zip(safar, hand, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    elif isinstance(safar, float) or isinstance(hand, float):
        ok = safar is not None and hand is not None and math.isclose(safar, hand, rel_tol=1e-9, abs_tol=1e-9)
        assert ok, f"{where}: Safar {safar!r} != hand SQL {hand!r}"
    else:
        assert safar == hand, f"{where}: Safar {safar!r} != hand SQL {hand!r}"


def in_child(fn: Any, *args: Any) -> Any:
    """Run ``fn`` in a fresh process, so that its peak RSS and its DuckDB caches are its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def spread(runs: list[float]) -> dict[str, float]:
    return {"min_s": min(runs), "median_s": statistics.median(runs)}


def bench(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    prep = in_child(prepare, work, args.events, args.seed, args.load, args.pm4py_max_events)
    home = str(work / "home")
    safar_runs: list[dict[str, Any]] = []
    hand_runs: list[dict[str, Any]] = []
    for attempt in range(args.repeat):
        order = (safar_report, hand_sql) if attempt % 2 == 0 else (hand_sql, safar_report)
        for fn in order:
            (safar_runs if fn is safar_report else hand_runs).append(in_child(fn, home))
    for s, h in zip(safar_runs, hand_runs, strict=True):
        assert_same(s["result"], h["result"])
    result: dict[str, Any] = {
        "events": args.events,
        "customers": prep["customers"],
        "seed": args.seed,
        "load": prep["load"],
        "make_log_s": prep["make_log_s"],
        "results_equal": True,
        "funnel": [s["customers"] for s in safar_runs[-1]["result"]["funnel"]["steps"]],
        "n_variants": safar_runs[-1]["result"]["paths"]["n_variants"],
    }
    for name, runs in (("safar", safar_runs), ("hand_sql", hand_runs)):
        result[name] = {
            **spread([r["seconds"] for r in runs]),
            "runs_s": [r["seconds"] for r in runs],
            "parts_median_s": {k: statistics.median(r["parts"][k] for r in runs) for k in runs[0]["parts"]},
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        }
    result["safar_vs_hand_sql"] = result["safar"]["min_s"] / result["hand_sql"]["min_s"]
    result["safar_vs_hand_sql_median"] = result["safar"]["median_s"] / result["hand_sql"]["median_s"]
    result["pm4py"] = None  # skipped (--no-pm4py) or not installed (it is a test-only dependency)
    if not args.no_pm4py and importlib.util.find_spec("pm4py") is not None:
        if "prefix" in prep:
            log, pm_home, pm_events = str(work / "prefix.parquet"), str(work / "prefix-home"), prep["prefix"]
        else:
            log, pm_home = str(work / "log.parquet"), home
            pm_events = {"events": args.events, "customers": prep["customers"]}
        found = in_child(pm4py_paths, log, pm_home, args.repeat, args.pm4py_repeat)
        pm, sp = spread(found["pm4py_runs"]), spread(found["safar_paths_runs"])
        result["pm4py"] = {
            "events": pm_events["events"],
            "customers": pm_events["customers"],
            "prefix": "prefix" in prep,
            **pm,
            "safar_paths_min_s": sp["min_s"],
            "safar_paths_median_s": sp["median_s"],
            "safar_paths_cold_s": found["safar_paths_cold_s"],
            "pm4py_vs_safar": pm["min_s"] / sp["min_s"],
            "same_dfg_and_variants": found["agrees"],
        }
    peak_gb = result["safar"]["peak_rss_mb"] / 1024
    result["targets"] = {
        "report_le_1_5x_hand_sql": result["safar_vs_hand_sql"] <= 1.5,
        "pm4py_ge_10x": result["pm4py"]["pm4py_vs_safar"] >= 10 if result["pm4py"] else None,
        "peak_memory_lt_4gb": peak_gb < 4,
        "measured_at_10m_events": args.events >= 10_000_000,
    }
    return result


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "NOT MET")


def show(r: dict[str, Any]) -> None:
    load = r["load"]
    how = "safar.events.ingest_file" if load["method"] == "safar" else "raw DuckDB INSERT (same schema)"
    print(
        f"journey report, {r['events']:,} events, {r['customers']:,} customers (seed {r['seed']}); "
        f"loaded by {how} in {load['seconds']:.1f}s"
    )
    print(f"funnel {' > '.join(FUNNEL)}: {r['funnel']}; {r['n_variants']:,} variants")
    runs = len(r["safar"]["runs_s"])
    print(f"\n{'contender':<34}{'min':>9}{'median':>9}{'peak RSS':>10}   median per part")
    for name, label in (("safar", "Safar report (Python API)"), ("hand_sql", "hand-written DuckDB SQL")):
        c = r[name]
        parts = ", ".join(f"{k} {v:.2f}" for k, v in c["parts_median_s"].items())
        print(
            f"{label:<34}{c['min_s']:>8.2f}s{c['median_s']:>8.2f}s{c['peak_rss_mb'] / 1024:>8.2f}GB   {parts}"
        )
    pm = r.get("pm4py")
    if pm:
        scope = (
            f"PREFIX of {pm['events']:,} events ({pm['customers']:,} customers' whole journeys), not all "
            f"{r['events']:,}"
            if pm["prefix"]
            else f"all {pm['events']:,} events"
        )
        print(
            f"{'PM4Py format+discover_dfg+variants':<34}{pm['min_s']:>8.2f}s{pm['median_s']:>8.2f}s   on {scope}"
        )
        print(
            f"{'Safar paths, same events':<34}{pm['safar_paths_min_s']:>8.2f}s{pm['safar_paths_median_s']:>8.2f}s"
            f"   after a first (cold) call of {pm['safar_paths_cold_s']:.2f}s, not counted"
        )
    print(
        f"\n(min and median of {runs} run(s); each run in a fresh process; Safar's numbers equal the hand SQL's in every run)"
    )
    t = r["targets"]
    print(
        f"Safar / hand SQL = {r['safar_vs_hand_sql']:.2f}x (medians {r['safar_vs_hand_sql_median']:.2f}x)"
        f"  -> target <= 1.5x: {_met(t['report_le_1_5x_hand_sql'])}"
    )
    if pm:
        print(
            f"PM4Py / Safar paths = {pm['pm4py_vs_safar']:.1f}x on {pm['events']:,} events"
            f"  -> target >= 10x: {_met(t['pm4py_ge_10x'])}"
        )
        same = pm["same_dfg_and_variants"]
        print(
            f"  Safar's paths vs PM4Py on those events: same DFG {_yes(same['dfg'])}, "
            f"same top variants and variant count {_yes(same['variants'])}"
        )
    else:
        print("PM4Py: skipped (--no-pm4py, or pm4py is not installed)")
    print(
        f"peak RSS of the Safar report process = {r['safar']['peak_rss_mb'] / 1024:.2f} GB"
        f"  -> target < 4 GB: {_met(t['peak_memory_lt_4gb'])}"
    )
    if not t["measured_at_10m_events"]:
        print(f"(the targets are stated for 10 M events on 2 cores; this run has {r['events']:,})")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per contender (min and median shown)")
    parser.add_argument(
        "--load",
        choices=["safar", "duckdb"],
        default="safar",
        help="fill the warehouse by ingest_file or raw SQL",
    )
    parser.add_argument(
        "--pm4py-max-events",
        type=int,
        default=1_000_000,
        help="above this, PM4Py (and Safar's paths beside it) run on a prefix of whole journeys",
    )
    parser.add_argument("--pm4py-repeat", type=int, default=1, help="runs of PM4Py (slow)")
    parser.add_argument("--no-pm4py", action="store_true", help="skip the PM4Py comparison")
    parser.add_argument("--json", action="store_true", help="print the results as JSON only")
    args = parser.parse_args()
    if args.events < 1 or args.repeat < 1:
        parser.error("--events and --repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="safar-bench-") as tmp:
        results = bench(args, Path(tmp))
    if args.json:
        print(json.dumps(results))
    else:
        show(results)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
