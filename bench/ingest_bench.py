"""Ingestion benchmark: Safar's Parquet ingest vs raw DuckDB, and XES import vs PM4Py.

    .venv/bin/python bench/ingest_bench.py --events 100000
    .venv/bin/python bench/ingest_bench.py --events 10000000 --xes ../shared/data/bpic2013/07_bpic2013_incidents.xes.gz
    .venv/bin/python bench/ingest_bench.py --events 100000 --xes-events 1000000

Makes a seeded synthetic Parquet log of N events, then times
  * ``safar.events.ingest_file`` (validation, normalisation, UTC, content-hash identity,
    dedup, quarantine) into a fresh warehouse, against
  * raw DuckDB ``CREATE TABLE events AS SELECT * FROM read_parquet(...)`` into a fresh file;
and the XES import of a real log against ``pm4py.read_xes`` (skipped when pm4py is missing); with
``--xes-events N`` also of a seeded synthetic XES log of N events (the same generator, grouped into
one trace per customer).
Targets (issue 3): ingest >= 0.5x raw speed; XES import >= 3x faster than PM4Py.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import warnings
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from safar.config import Settings
from safar.events import ingest_file

DEFAULT_XES = Path(__file__).resolve().parents[2] / "shared/data/bpic2013/07_bpic2013_incidents.xes.gz"
ACTIVITIES = [
    "visit site",
    "search",
    "view product",
    "add to cart",
    "call centre",
    "chat",
    "email",
    "checkout",
    "pay",
    "delivery",
    "complaint",
    "survey",
    "return",
    "refund",
    "ثبت نام",
    "خرید",
]
CHANNELS = ["web", "app", "call", "sms", "branch", "instagram"]


def make_log(path: Path, n: int, seed: int) -> None:
    """A seeded synthetic log: ~8 events per customer over one year, written in row groups."""
    rng = np.random.default_rng(seed)
    start = np.datetime64(datetime(2024, 1, 1), "s").astype(np.int64)
    writer = None
    chunk = 1_000_000
    for offset in range(0, n, chunk):
        m = min(chunk, n - offset)
        customers = rng.integers(0, max(1, n // 8), m)
        table = pa.table(
            {
                "customer_id": pa.array(np.char.add("c", customers.astype(str))),
                "activity": pa.array(np.array(ACTIVITIES)[rng.integers(0, len(ACTIVITIES), m)]),
                "timestamp": pa.array(
                    (start + rng.integers(0, 365 * 86400, m)).astype("datetime64[s]"), pa.timestamp("s")
                ),
                "channel": pa.array(np.array(CHANNELS)[rng.integers(0, len(CHANNELS), m)]),
                "amount": pa.array(np.round(rng.gamma(2.0, 30.0, m), 2)),
                "order": pa.array(np.arange(offset, offset + m)),
            }
        )
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table, row_group_size=250_000)
    if writer is not None:
        writer.close()


def make_xes(path: Path, n: int, seed: int) -> None:
    """The synthetic log of :func:`make_log` as plain XES: one trace per customer, events in time order."""
    rng = np.random.default_rng(seed)
    customers = rng.integers(0, max(1, n // 8), n)
    activity = rng.integers(0, len(ACTIVITIES), n)
    start = np.datetime64(datetime(2024, 1, 1), "s")
    times = np.datetime_as_string(start + rng.integers(0, 365 * 86400, n).astype("timedelta64[s]"), unit="s")
    channel = rng.integers(0, len(CHANNELS), n)
    amount = np.round(rng.gamma(2.0, 30.0, n), 2)
    order = np.lexsort((times, customers))
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">\n'
        )
        current = -1
        lines: list[str] = []
        for i in order.tolist():
            customer = int(customers[i])
            if customer != current:
                if current >= 0:
                    lines.append("</trace>\n")
                lines.append(f'<trace><string key="concept:name" value="c{customer}"/>\n')
                current = customer
            lines.append(
                f'<event><string key="concept:name" value="{ACTIVITIES[activity[i]]}"/>'
                f'<date key="time:timestamp" value="{times[i]}Z"/>'
                f'<string key="channel" value="{CHANNELS[channel[i]]}"/>'
                f'<float key="amount" value="{amount[i]}"/><int key="order" value="{i}"/></event>\n'
            )
            if len(lines) >= 100_000:
                out.write("".join(lines))
                lines.clear()
        lines.append("</trace>\n</log>\n" if current >= 0 else "</log>\n")
        out.write("".join(lines))


def timed(fn, repeat: int = 1):  # type: ignore[no-untyped-def]
    """Best wall time of ``repeat`` runs (the machine may be shared) and the last result."""
    best, result = float("inf"), None
    for attempt in range(repeat):
        start = time.perf_counter()
        result = fn(attempt)
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_parquet(work: Path, n: int, seed: int, repeat: int) -> dict[str, float]:
    log = work / "log.parquet"
    make_log(log, n, seed)

    def raw(attempt: int) -> None:
        con = duckdb.connect(str(work / f"raw{attempt}.duckdb"))
        con.execute(f"CREATE TABLE events AS SELECT * FROM read_parquet('{log}')")
        con.close()

    def safar(attempt: int):  # type: ignore[no-untyped-def]
        settings = Settings.from_env({"SAFAR_HOME": str(work / f"home{attempt}")})
        return ingest_file(settings, log, dataset="bench")

    raw_s, _ = timed(raw, repeat)
    safar_s, report = timed(safar, repeat)
    assert report.loaded == n, report
    return {"events": n, "raw_duckdb_s": raw_s, "safar_s": safar_s, "speed_vs_raw": raw_s / safar_s}


def bench_xes(work: Path, xes: Path, repeat: int, pm4py_repeat: int) -> dict[str, float | str | None]:
    def safar(attempt: int):  # type: ignore[no-untyped-def]
        settings = Settings.from_env({"SAFAR_HOME": str(work / f"xes-home{attempt}")})
        return ingest_file(settings, xes, dataset="xes")

    safar_s, report = timed(safar, repeat)
    result: dict[str, float | str | None] = {"file": xes.name, "events": report.loaded, "safar_s": safar_s}
    try:
        import pm4py
    except ImportError:
        result.update(pm4py_s=None, speedup_vs_pm4py=None)
        return result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pm4py_s, frame = timed(lambda _: pm4py.read_xes(str(xes), show_progress_bar=False), pm4py_repeat)
    assert len(frame) == report.loaded, (len(frame), report.loaded)
    result.update(pm4py_s=pm4py_s, speedup_vs_pm4py=pm4py_s / safar_s)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--xes", type=Path, default=DEFAULT_XES)
    parser.add_argument(
        "--xes-events", type=int, default=0, help="also a synthetic XES log of this many events"
    )
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs per contender")
    parser.add_argument("--pm4py-repeat", type=int, default=1, help="runs of pm4py.read_xes (slow)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="safar-bench-") as tmp:
        work = Path(tmp)
        results = {"parquet": bench_parquet(work, args.events, args.seed, args.repeat)}
        if args.xes.exists():
            results["xes"] = bench_xes(work, args.xes, args.repeat, args.pm4py_repeat)
        if args.xes_events:
            synthetic = work / f"synthetic-{args.xes_events}.xes"
            make_xes(synthetic, args.xes_events, args.seed)
            results["xes_synthetic"] = bench_xes(work, synthetic, args.repeat, args.pm4py_repeat)
    if args.json:
        print(json.dumps(results))
        return
    p = results["parquet"]
    ok = "meets" if p["speed_vs_raw"] >= 0.5 else "MISSES"
    print(
        f"parquet ingest, {p['events']:,} events: safar {p['safar_s']:.2f}s, raw DuckDB CTAS {p['raw_duckdb_s']:.2f}s "
        f"-> {p['speed_vs_raw']:.2f}x raw speed ({ok} target >= 0.5x)"
    )
    for x in (results.get("xes"), results.get("xes_synthetic")):
        if not x:
            continue
        if x["pm4py_s"] is None:
            print(f"xes import, {x['file']}: safar {x['safar_s']:.2f}s (pm4py not installed)")
        else:
            ok = "meets" if x["speedup_vs_pm4py"] >= 3 else "MISSES"
            print(
                f"xes import, {x['file']} ({x['events']:,} events): safar {x['safar_s']:.2f}s, "
                f"pm4py.read_xes {x['pm4py_s']:.2f}s -> {x['speedup_vs_pm4py']:.1f}x faster ({ok} target >= 3x)"
            )
    smallest = min(
        [p["events"]] + [x["events"] for x in (results.get("xes"), results.get("xes_synthetic")) if x]
    )
    if smallest < 10_000_000:
        print(
            "(the targets are stated for 10 M events on 2 cores; on small inputs the warehouse's fixed set-up, "
            "about 0.15 s, weighs on the ratios: bench/README.md has the full-size runs)"
        )


if __name__ == "__main__":
    main()
