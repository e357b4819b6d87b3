"""A bounded load on a real server while an anonymous client attacks it (issue 22, item 6).

    .venv/bin/python bench/load_bench.py --seconds 180 --rate 50      # the issue's run (≈ 3.5 min)
    .venv/bin/python bench/load_bench.py --seconds 20 --rate 50       # CI (tests/bench/test_small_runs.py)

Installs the demo as a user does (``safar demo --no-serve`` in a fresh ``SAFAR_HOME``), adds a viewer with a read
token (``safar user create``, ``safar user token``), starts ``safar serve`` on 127.0.0.1 and, for ``--seconds``:

* **the load**, open loop at ``--rate`` requests a second whatever the answers' times (a request is started on
  its schedule, not when the one before ends): 40 % the map's canvas page (logged in), 30 % the canvas's API twin
  (``Authorization: Bearer``), 30 % the public survey — its page, then an answer (a CSAT score and a comment in
  Persian) — each respondent its own address through the trusted proxy header (``X-Forwarded-For``, as behind a
  reverse proxy; the survey's rate limit counts each respondent);
* **the attacker**, anonymous, all along: a chunked 64 MB answer to the survey, a 300 MB JSON body declared to the
  API, a page form's body trickled a byte a second (slow body), each started again a second after it ends (one
  hostile client, not a flood: a flood of requests is a rate for a proxy to cap).

Reported: requests, errors (any answer other than the page or the thanks, or no answer), p50/p95/p99/max, what
the attacker's requests got, the survey answers stored against those thanked for (read back through
``safar survey list``), and the server's memory before the run and at its peak (VmHWM). Target (issue 22):
0 errors and p99 ≤ 2 s at 50 requests a second for 3 minutes on the demo, the answers all stored, and the
attacker raising the server's memory by no more than the body limits allow.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from pages_bench import free_port, quantile

BIN = Path(sys.executable).parent
PASSWORD = "load bench password"
ATTACK_PAUSE = 1.0  # the attacker's pause between two attacks of one kind: a client, not a flood
COMMENTS = [
    "زمان انتظار خیلی طولانی بود",
    "کارشناس بسیار مودب بود و مشکلم حل شد",
    "پرداخت آنلاین راحت بود",
    "The agent was helpful",
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    started: list[float] = field(default_factory=list)  # each request's start, seconds into the run
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    thanked: int = 0
    attacks: dict[str, list[str]] = field(default_factory=dict)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--rate", type=float, default=50.0, help="requests a second, all kinds together")
    parser.add_argument("--no-attacker", action="store_true", help="the load alone")
    parser.add_argument(
        "--ingest",
        type=int,
        default=0,
        metavar="ROWS",
        help="a quarter into the run, `safar events ingest` of a generated log of ROWS events from the command "
        "line (it holds the warehouse while it runs: survey answers wait and are written after it)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 unless the targets are met (CI)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="safar-load-bench-") as folder:
        met = run(Path(folder), args)
    if args.check and not met:
        raise SystemExit(1)


def safar(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BIN / "safar"), *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"safar {' '.join(args)} failed: {done.stdout}{done.stderr}")
    return done.stdout


def run(folder: Path, args: argparse.Namespace) -> bool:
    env = {
        **os.environ,
        "SAFAR_HOME": str(folder / "home"),
        "SAFAR_LANG": "fa",
        "SAFAR_NEW_PASSWORD": PASSWORD,
    }
    for key in ("SAFAR_DATABASE_URL", "SAFAR_WAREHOUSE_URL", "SAFAR_PAGE_WAIT", "SAFAR_RESULTS_EVERY"):
        env.pop(key, None)
    safar(env, "demo", "--no-serve")
    safar(env, "user", "create", "load", "--role", "viewer", "--name", "Load")
    token = safar(env, "user", "token", "load", "--scope", "read", "--name", "load").strip().split()[-1]
    listed = json.loads(safar(env, "survey", "list", "--json"))["surveys"]  # one command start (1.5 s)
    link, before = listed[0]["link"], _responses(listed)
    port = free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "safar"), "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    ingest = Ingest(env, folder, args.ingest) if args.ingest else None
    try:
        _wait_for(port, server)
        cookie = asyncio.run(_login(port))
        warm = asyncio.run(_warm(port, cookie, token, link))
        before += 1  # its one answer
        rss_before = _status(server.pid, "VmRSS")
        if ingest is not None:
            ingest.start_after(args.seconds / 4, port, token)
        tally = asyncio.run(_load(port, cookie, token, link, args))
        peak = _status(server.pid, "VmHWM")
        if ingest is not None:
            ingest.report(port, token)
        alive = server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    stored = _responses(json.loads(safar(env, "survey", "list", "--json"))["surveys"]) - before
    return _report(tally, args, warm, stored, rss_before, peak, alive)


class Ingest:
    """An ingest from the command line during the load, as an analyst runs one beside the server."""

    def __init__(self, env: dict[str, str], folder: Path, rows: int) -> None:
        self.env = env
        self.path = folder / "ingest.csv"
        rng = random.Random(7)
        steps = ["visit", "quote", "buy", "claim"]
        with self.path.open("w") as out:
            out.write("case,activity,timestamp\n")
            for i in range(rows):
                out.write(
                    f"c{i // 4},{steps[i % 4]},2025-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}\n"
                )
        self.rows = rows
        self.process: subprocess.Popen[str] | None = None
        self.timer: Any = None
        self.started = 0.0
        self.most_waiting = 0

    def start_after(self, seconds: float, port: int, token: str) -> None:
        import threading

        def watch() -> None:  # how many answers wait at most while the ingest runs
            while self.process is not None and self.process.poll() is None:
                self.most_waiting = max(self.most_waiting, _waiting(port, token))
                time.sleep(0.5)

        def start() -> None:
            self.started = time.perf_counter()
            command = [str(BIN / "safar"), "events", "ingest", str(self.path), "--dataset", "load-ingest"]
            self.process = subprocess.Popen(
                command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            threading.Thread(target=watch, daemon=True).start()

        self.timer = threading.Timer(seconds, start)
        self.timer.start()

    def report(self, port: int, token: str) -> None:
        """Wait for the ingest, then for the server to write the answers it took meanwhile; print both."""
        self.timer.join()
        assert self.process is not None
        said, _ = self.process.communicate()
        took = time.perf_counter() - self.started
        print(
            f"  ingest from the command line: {self.rows:,} events, exit {self.process.returncode}, {took:.1f} s"
        )
        if self.process.returncode != 0:
            print("    " + said.strip().replace("\n", "\n    "))
        deadline = time.perf_counter() + 120
        while (waiting := _waiting(port, token)) and time.perf_counter() < deadline:
            time.sleep(1)
        print(
            f"  survey answers waiting for the warehouse: at most {self.most_waiting} during the ingest, "
            f"{waiting} left {time.perf_counter() - self.started - took:.1f} s after it"
        )


def _waiting(port: int, token: str) -> int:
    """The demo's survey answers waiting for the warehouse, as the API says."""
    import urllib.request

    asked = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/workspaces/default/surveys",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(asked, timeout=30) as answer:
        return sum(int(s["waiting"]) for s in json.loads(answer.read()))


def _report(
    tally: Tally,
    args: argparse.Namespace,
    warm: float,
    stored: int,
    rss_before: float,
    peak: float,
    alive: bool,
) -> bool:
    lat = tally.latencies
    p99 = quantile(lat, 0.99)
    print(
        f"load bench: {args.rate:g} requests/s for {args.seconds:g} s on the demo (first canvas {warm:.2f} s)"
    )
    print(
        f"  requests {len(lat):,} ({len(lat) / args.seconds:.1f}/s), errors {len(tally.errors)}, "
        f"p50 {quantile(lat, 0.5):.3f} s, p95 {quantile(lat, 0.95):.3f} s, p99 {p99:.3f} s, max {max(lat):.3f} s"
    )
    for kind, times in sorted(tally.by_kind.items()):
        print(
            f"    {kind:14} {len(times):6,}  p50 {quantile(times, 0.5):.3f} s  p99 {quantile(times, 0.99):.3f} s"
        )
    for line in tally.errors[:5]:
        print(f"    error: {line}")
    by_second: dict[int, list[float]] = {}
    for at, took in zip(tally.started, lat, strict=True):
        by_second.setdefault(int(at), []).append(took)
    slow = [f"{s}s {max(t):.1f}" for s, t in sorted(by_second.items()) if max(t) > 1.0]
    if slow:
        print("    seconds into the run with a request over 1 s (its slowest): " + ", ".join(slow[:20]))
    for kind, answers in sorted(tally.attacks.items()):
        counted: dict[str, int] = {}
        for a in answers:
            counted[a] = counted.get(a, 0) + 1
        print(f"  attacker {kind:18} " + ", ".join(f"{k} ×{n}" for k, n in sorted(counted.items())))
    print(f"  survey answers thanked {tally.thanked:,}, stored {stored:,}")
    print(f"  server memory: {rss_before:.0f} MB before the run, peak {peak:.0f} MB; still serving: {alive}")
    met = not tally.errors and p99 <= 2.0 and stored == tally.thanked and alive
    print(
        f"  target (0 errors, p99 <= 2 s, every thanked answer stored, the server alive): {'met' if met else 'NOT MET'}"
    )
    return met


async def _request(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"", timeout: float = 60
) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 request on a new connection (closed after), read whole."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    first, *fields = head.decode("latin-1").split("\r\n")
    said: dict[str, str] = {}
    for line in fields:
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key == "set-cookie":  # several: one a line
            said[key] = (said[key] + "\n" if key in said else "") + value.strip()
        else:
            said.setdefault(key, value.strip())
    if said.get("transfer-encoding") == "chunked":
        rest = _unchunk(rest)
    return int(first.split()[1]), said, rest


def _unchunk(data: bytes) -> bytes:
    out, at = bytearray(), 0
    while True:
        end = data.index(b"\r\n", at)
        size = int(data[at:end], 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2 : end + 2 + size]
        at = end + 4 + size


def _cookie(said: dict[str, str]) -> str:
    return "; ".join(line.split(";", 1)[0] for line in said.get("set-cookie", "").splitlines() if line)


def _csrf(body: bytes) -> str:
    found = re.search(rb'name="csrf(?:-token)?" (?:content|value)="([^"]+)"', body)
    assert found, body[:300]
    return found.group(1).decode()


async def _login(port: int) -> str:
    from urllib.parse import urlencode

    status, said, body = await _request(port, "GET", "/login", {})
    cookie = _cookie(said)
    form = urlencode({"csrf": _csrf(body), "username": "load", "password": PASSWORD, "next": "/"}).encode()
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    status, said, _ = await _request(port, "POST", "/login", headers, form)
    assert status == 303, status
    return _cookie(said) or cookie


async def _warm(port: int, cookie: str, token: str, link: str) -> float:
    """The first canvas and its API twin (computed once after the demo's load), then one survey answer and every
    page of the map (their numbers recomputed with an answer), before the load is timed: the load measures a
    server that has been up, not its first minute. Returns the first canvas's time."""
    from urllib.parse import urlencode

    started = time.perf_counter()
    status, _, _ = await _request(port, "GET", "/w/default/maps/1", {"Cookie": cookie}, timeout=600)
    assert status == 200, status
    first = time.perf_counter() - started
    api = "/api/v1/workspaces/default/maps/1/overlay"
    status, _, _ = await _request(port, "GET", api, {"Authorization": f"Bearer {token}"}, timeout=600)
    assert status == 200, status
    address = {"X-Forwarded-For": "10.255.255.255"}
    status, said, body = await _request(port, "GET", link, address)
    form = _answers(body, random.Random(0)) | {"csrf": _csrf(body)}
    headers = address | {"Cookie": _cookie(said), "Content-Type": "application/x-www-form-urlencoded"}
    status, _, _ = await _request(port, "POST", link, headers, urlencode(form).encode())
    assert status == 200, status
    for page in ("", "/journeys", "/kpis", "/voice", "/retention"):  # every screen current, as after use
        url = f"/w/default/maps/1{page}"
        status, _, _ = await _request(port, "GET", url, {"Cookie": cookie}, timeout=600)
        assert status == 200, (page, status)
    return first


def _answers(page: bytes, rng: random.Random) -> dict[str, str]:
    """A respondent's answers to the survey ``page``: a choice for each scale, a comment in each box."""
    form: dict[str, str] = {}
    for name in dict.fromkeys(re.findall(rb'type="radio" name="([^"]+)" value="', page)):
        values = re.findall(rb'type="radio" name="' + re.escape(name) + rb'" value="([^"]+)"', page)
        form[name.decode()] = rng.choice(values).decode()
    for name in re.findall(rb'<textarea name="([^"]+)"', page):
        form[name.decode()] = rng.choice(COMMENTS)
    return form


async def _load(port: int, cookie: str, token: str, link: str, args: argparse.Namespace) -> Tally:
    tally = Tally()
    rng = random.Random(22)
    begun = time.perf_counter()
    stop = begun + args.seconds
    tasks: list[asyncio.Task[None]] = []
    attacker = None if args.no_attacker else asyncio.create_task(_attack(port, link, stop, tally))
    respondent = 0

    async def timed(
        kind: str, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> tuple[bytes, dict[str, str]] | None:
        started = time.perf_counter()
        try:
            status, said, answer = await _request(port, method, path, headers, body)
        except (OSError, TimeoutError, ValueError, IndexError) as exc:
            status, said, answer = 0, {}, repr(exc).encode()
        took = time.perf_counter() - started
        tally.latencies.append(took)
        tally.started.append(started - begun)
        tally.by_kind.setdefault(kind, []).append(took)
        if status != 200:
            tally.errors.append(f"{kind} {path}: {status} {answer[:200]!r}")
            return None
        return answer, said

    async def survey(address: str) -> None:
        page = await timed("survey page", "GET", link, {"X-Forwarded-For": address})
        if page is None:
            return
        from urllib.parse import urlencode

        body, said = page
        session = _cookie(said)
        form = _answers(body, rng) | {"csrf": _csrf(body)}
        headers = {
            "Cookie": session,
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": address,
        }
        thanks = await timed("survey answer", "POST", link, headers, urlencode(form).encode())
        if thanks is not None:
            tally.thanked += 1

    step = 1 / args.rate
    at = time.perf_counter()
    while at < stop:
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        pick = rng.random()
        if pick < 0.4:
            job = timed("canvas page", "GET", "/w/default/maps/1", {"Cookie": cookie})
            at += step
        elif pick < 0.7:
            job = timed(
                "canvas API",
                "GET",
                "/api/v1/workspaces/default/maps/1/overlay",
                {"Authorization": f"Bearer {token}"},
            )
            at += step
        else:  # a respondent's two requests: the page, then the answer
            respondent += 1
            job = survey(f"10.{respondent // 65536 % 256}.{respondent // 256 % 256}.{respondent % 256}")
            at += 2 * step
        tasks.append(asyncio.create_task(job))  # type: ignore[arg-type]
    await asyncio.gather(*tasks)
    if attacker is not None:
        await attacker
    return tally


async def _attack(port: int, link: str, stop: float, tally: Tally) -> None:
    """Anonymous and hostile, all along (see the module text); what each got is noted, not timed."""

    async def note(kind: str, work: Any) -> None:
        while time.perf_counter() < stop:
            try:
                said = await work()
            except (OSError, TimeoutError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
                said = type(exc).__name__
            tally.attacks.setdefault(kind, []).append(said)
            await asyncio.sleep(ATTACK_PAUSE)

    async def chunked_answer() -> str:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(
                f"POST {link} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n\r\n".encode()
            )
            chunk = b"a=" + b"x" * (1 << 20)
            for _ in range(64):  # 64 MB, unless the server stops reading
                writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                await asyncio.wait_for(writer.drain(), 30)
                if reader.at_eof() or writer.is_closing():
                    break
            writer.write(b"0\r\n\r\n")
            await writer.drain()
            head = await asyncio.wait_for(reader.readline(), 30)
            return head.decode("latin-1").split(" ")[1] if head else "closed"
        finally:
            writer.close()

    async def huge_json() -> str:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(
                b"POST /api/v1/workspaces/default/maps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 314572800\r\n\r\n" + b"[" * 65536
            )
            await writer.drain()
            head = await asyncio.wait_for(reader.readline(), 30)
            return head.decode("latin-1").split(" ")[1] if head else "closed"
        finally:
            writer.close()

    async def slow_body() -> str:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(
                b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 1000\r\n\r\n"
            )
            await writer.drain()
            for _ in range(1000):
                if time.perf_counter() >= stop or reader.at_eof():
                    break
                writer.write(b"a")
                await writer.drain()
                await asyncio.sleep(1)
            head = await asyncio.wait_for(reader.readline(), 1)  # the run is over: a second for its answer
            return head.decode("latin-1").split(" ")[1] if head else "closed"
        finally:
            writer.close()

    await asyncio.gather(
        note("chunked 64 MB answer", chunked_answer),
        note("300 MB JSON", huge_json),
        note("slow body", slow_body),
    )


def _responses(listed: list[dict[str, Any]]) -> int:
    """The survey answers stored, by ``safar survey list --json``'s surveys (not through the server)."""
    return sum(int(s.get("responses", 0)) for s in listed)


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit("safar serve stopped")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("safar serve did not answer within 60 s")


def _status(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
