"""A small run of every benchmark in ``bench/``, so none of them rots (``make bench-small``).

Each runs as its own test, so the two pytest workers share them with the rest of the suite instead of
running them one after another after it. The figures they print are not checked here: at this size
and on a busy machine they say nothing; bench/README.md has the real runs. What is checked is that
each benchmark runs to its end, which includes the agreement checks the benchmarks make themselves
(the same rows as the peer, the page's API twin equal to the direct call, …).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
XES = ROOT.parent / "shared" / "data" / "receipt" / "08_receipt.xes.gz"

SMALL_RUNS = {
    "ingest": [
        *("bench/ingest_bench.py", "--events", "30000", "--xes", str(XES)),
        *("--repeat", "1", "--pm4py-repeat", "1"),
    ],
    "sentiment": ["bench/sentiment_bench.py", "--repeat", "1", "--limit", "1000"],
    "topics": ["bench/topics_bench.py", "--no-auto"],
    "report": ["bench/report_bench.py", "--events", "30000", "--repeat", "1"],
    "startup": ["bench/startup_bench.py", "--repeat", "2"],
    "contact": ["bench/contact_bench.py", "--events", "30000"],
    "retention": ["bench/retention_bench.py", "--events", "30000"],
    "funnel": ["bench/funnel_bench.py", "--events", "30000"],
    "pages": [
        *("bench/pages_bench.py", "--events", "30000", "--repeat", "2"),
        *("--users", "2", "--load-seconds", "2"),
    ],
    # issue 22's load with its attacker, checked (0 errors, p99 <= 2 s, every answer stored): at half the
    # issue's rate, as the suite's other worker takes the second core (50/s for 3 min: bench/README.md)
    "load": ["bench/load_bench.py", "--seconds", "12", "--rate", "25", "--check"],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SMALL_RUNS))
def test_the_benchmark_runs_to_its_end(name: str) -> None:
    if name == "ingest" and not XES.exists():
        pytest.skip(f"the shared data set is missing: {XES}")
    done = subprocess.run(
        [sys.executable, *SMALL_RUNS[name]], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, (
        f"{name}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    assert done.stdout.strip(), f"{name} printed nothing"
