"""Start-up benchmark: how long the ``safar`` command takes to answer small requests, against ``python -c pass``.

    .venv/bin/python bench/startup_bench.py               # 10 runs of each command
    .venv/bin/python bench/startup_bench.py --repeat 3    # the small CI run

Each command runs as a whole new process (as a user's shell starts it), in a fresh SAFAR_HOME with one
map, so ``safar map list`` opens a real app database. Times are wall-clock (time.perf_counter around
``subprocess.run``); the median of ``--repeat`` runs is printed with its ratio to the median of the peer,
``python -c pass`` (the interpreter's own start, the floor no Python command can go under).
Target (issue 12): every command here under 0.5 s on this 2-core machine; with ``--check`` the exit status
is 1 when one misses.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 0.5
BIN = Path(sys.executable).parent
COMMANDS = {
    "safar --help": [str(BIN / "safar"), "--help"],
    "safar --version": [str(BIN / "safar"), "--version"],
    "safar map --help": [str(BIN / "safar"), "map", "--help"],
    "safar analyze funnel --help": [str(BIN / "safar"), "analyze", "funnel", "--help"],
    "safar map list": [str(BIN / "safar"), "map", "list"],
    "safar map templates": [str(BIN / "safar"), "map", "templates"],
}


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=10, help="runs of each command (the median is printed)")
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when a command misses the target"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SAFAR_HOME": home, "SAFAR_LANG": "en"}
        subprocess.run(
            [str(BIN / "safar"), "map", "new", "--template", "insurance", "--lang", "fa"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        peer = statistics.median(timed([sys.executable, "-c", "pass"], env) for _ in range(args.repeat))
        print(f"peer: python -c pass  median {peer:.3f} s over {args.repeat} runs")
        print(f"{'command':<30} {'median s':>9} {'max s':>7} {'× peer':>7}  target < {TARGET_SECONDS} s")
        missed = []
        for name, command in COMMANDS.items():
            times = [timed(command, env) for _ in range(args.repeat)]
            median = statistics.median(times)
            met = median < TARGET_SECONDS
            if not met:
                missed.append(name)
            print(
                f"{name:<30} {median:>9.3f} {max(times):>7.3f} {median / peer:>7.1f}  {'met' if met else 'MISSES'}"
            )
    if missed:
        print(f"over {TARGET_SECONDS} s: {', '.join(missed)}")
        return 1 if args.check else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
