"""Compute once, read many: a screen's result is kept with the fingerprint of the data it was computed from.

The canvas, journeys, KPI and voice screens of a map recompute their numbers from every event, answer and
comment they read. :func:`read` keeps each result in the app database (table ``results``), keyed by the
screen, the map, its revision, the screen's parameters and the reader's language, together with the
**fingerprint** of what it read: the warehouse's load records (every load of events, answers or comments
adds one), the map's surveys and its key-metric snapshots. A page, its API twin and the CLI call the same
screen function through :func:`read`, so they show the same numbers by construction:

- a result whose fingerprint is current is read in milliseconds, whatever the number of events;
- new data (or a new revision of the map) makes it **stale**, never wrong: where a job runner is given
  (:class:`Jobs`, the web app's), the recomputation runs in the background, the page waits for it up to
  ``SAFAR_PAGE_WAIT`` seconds, and after that shows the earlier result marked with when it was computed
  (:class:`Freshness`), then the new one when it is ready; the CLI, which has no runner, recomputes and
  stores before it answers, so the server reads what the CLI computed;
- when another process is writing the warehouse (a CLI ingest), the earlier result is shown as stale
  instead of an error.

>>> Freshness(stale=True, computing=True).model_dump()
{'computed_at': None, 'seconds': None, 'stale': True, 'computing': True, 'note': None}
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar, get_type_hints

from pydantic import BaseModel, ValidationError

from safar import __version__
from safar.context import Context
from safar.errors import ConflictError
from safar.store import results as store

__all__ = [
    "Computed",
    "Freshness",
    "Jobs",
    "current",
    "fingerprint",
    "for_dataset",
    "read",
    "result_key",
    "same_in_every_language",
    "warm",
]

T = TypeVar("T", bound=BaseModel)
log = logging.getLogger("safar.results")


class Freshness(BaseModel):
    """When a result was computed and whether newer data is waiting for it.

    ``stale``: the data changed since ``computed_at``; ``computing``: its recomputation is running;
    ``note``: why it could not be checked (``warehouse.locked``: another program is writing the data).
    """

    computed_at: datetime | None = None
    seconds: float | None = None
    stale: bool = False
    computing: bool = False
    note: str | None = None


class Computed(BaseModel, Generic[T]):
    """A screen's result (``None`` while its first computation runs) and its :class:`Freshness`."""

    key: str
    result: T | None = None
    freshness: Freshness


# A result computed HOT_COMPUTES times within HOT_WINDOW seconds is **hot**: new data keeps coming (survey
# answers arriving one by one, several a second). Waiting for current numbers would then cost every reader a
# computation's time and keep a core recomputing without pause (at 7.5 answers a second the demo's canvas,
# 0.14 s a computation, was stale at every request: 50 requests a second had p50 3.8 s, bench/load_bench.py).
# A hot result is read as kept (marked stale, its freshness says so) and recomputed in the background at most
# every HOT_GAP seconds; a single change — an upload, a lone answer — is still waited for as before.
HOT_COMPUTES = 3
HOT_WINDOW = 10.0
HOT_GAP = 5.0
# The server's warming (:func:`warm`) is for quiet times: it waits until no reader has read a result for QUIET
# seconds. Warming every screen takes seconds of CPU the readers would share (the demo's five screens at start,
# then every 30 s while answers arrived, were the slowest seconds of a 50-requests-a-second load); a busy
# server's readers compute what they read.
QUIET = 5.0


class Jobs:
    """The web app's background recomputations: one at a time per result, ``workers`` (one per core of
    this 2-core target) at once, so one map's long recomputation does not hold up another's page.

    A second request for a result that is being computed waits for the same computation instead of
    starting another (ten colleagues opening a map after an ingest cost one computation, not ten). A result
    whose data changes without pause is read as kept and recomputed every :data:`HOT_GAP` seconds at most
    (see :data:`HOT_COMPUTES`).
    """

    def __init__(self, wait: float, workers: int = 2) -> None:
        self.wait = wait
        self.langs: set[str] = set()  # the readers' languages seen: what :func:`warm` computes in
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="safar-results")
        # the server's own warming of every map's screens (:func:`warm`): one at a time, beside the readers'
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="safar-warm")
        self._running: dict[str, Future[Any]] = {}
        self._queued: set[Future[Any]] = set()  # background computations, until they end
        self._computed: dict[str, deque[float]] = {}  # when each result's last computations ended
        self._read_at = float("-inf")  # when a reader last read a result
        self._lock = threading.RLock()  # a cancelled future runs its callback (which takes it) at once

    def submit(self, key: str, work: Callable[[], Any], *, background: bool = False) -> Future[Any]:
        """Compute ``key`` by ``work()`` unless it is being computed already (then that computation).
        ``background``: the server's warming, in its own thread; a reader's request for a result whose warming
        has not started yet takes it over in the readers' pool instead of waiting behind the warming queue."""
        with self._lock:
            running = self._running.get(key)
            taken_over = not background and running in self._queued and running.cancel()
            if running is not None and not running.done() and not taken_over:
                return running
            future = (self._background if background else self._pool).submit(work)
            if background:
                self._queued.add(future)
            self._running[key] = future
        # Outside the lock: a computation already done runs its callback here, at once, and the callback
        # takes the lock (inside it, a quick computation deadlocked its page).
        future.add_done_callback(lambda _: self._forget(key, future))
        return future

    def inline(self, key: str, work: Callable[[], Any]) -> Any:
        """``work()`` in the calling thread (not queued behind the runner's other work), unless ``key`` is being
        computed already, by the runner or another request: then that computation's result, waited for."""
        with self._lock:
            running = self._running.get(key)
            mine = running is None or running.done() or (running in self._queued and running.cancel())
            if mine:
                running = Future()
                self._running[key] = running
        assert running is not None
        if not mine:
            return running.result()
        try:
            running.set_result(work())
        except BaseException as exc:
            running.set_exception(exc)
        finally:
            self._forget(key, running)
        return running.result()

    def busy(self) -> bool:
        """Whether any computation is running or waiting."""
        with self._lock:
            return any(not f.done() for f in self._running.values())

    def running(self, key: str) -> bool:
        with self._lock:
            found = self._running.get(key)
            return found is not None and not found.done()

    def _forget(self, key: str, future: Future[Any]) -> None:
        with self._lock:
            self._queued.discard(future)
            if self._running.get(key) is future:
                del self._running[key]
        if not future.cancelled():
            self.computed(key)

    def reading(self) -> None:
        """Note that a reader (a page, the API) is reading a result now."""
        self._read_at = time.monotonic()

    def quiet(self) -> bool:
        """No reader has read a result for :data:`QUIET` seconds: time for the server's own warming."""
        return time.monotonic() - self._read_at >= QUIET

    def computed(self, key: str) -> None:
        """Note that ``key`` was just computed (by the runner, or in a request's own thread)."""
        with self._lock:
            self._computed.setdefault(key, deque(maxlen=HOT_COMPUTES)).append(time.monotonic())

    def hot(self, key: str) -> bool:
        """Computed :data:`HOT_COMPUTES` times in the last :data:`HOT_WINDOW` seconds: its data keeps changing."""
        with self._lock:
            ends = self._computed.get(key)
            return ends is not None and len(ends) == HOT_COMPUTES and time.monotonic() - ends[0] <= HOT_WINDOW

    def due(self, key: str) -> bool:
        """Not computing, and last computed :data:`HOT_GAP` seconds ago or more."""
        with self._lock:
            found = self._running.get(key)
            if found is not None and not found.done():
                return False
            ends = self._computed.get(key)
            return not ends or time.monotonic() - ends[-1] >= HOT_GAP

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._background.shutdown(wait=False, cancel_futures=True)


def same_in_every_language(
    localize: Callable[[Context, Any], Any] | None = None, *, periods: bool = False, events: bool = True
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Mark a screen whose numbers do not depend on the reader's language: :func:`read` computes and keeps
    them once for every language (a Persian and an English reader after an ingest cost one computation, not
    two), and ``localize(ctx, result)`` adds what the reader's language names (a period's label, the
    Sankey's digits) each time it is read, as a new result (the kept one is shared). The decorated
    function is the screen as callers know it: its numbers, localized.

    ``periods``: the numbers are cut into periods of the reader's calendar (:attr:`Context.calendar`:
    Jalali in Tehran time for Persian unless the workspace sets one), so they are kept per calendar.

    ``events``: the screen reads the events of the map's datasets, so a new load of them makes it stale.
    A screen of survey answers and comments alone (the voice) says ``False``: an ingest of events leaves
    its numbers current instead of computing them again."""

    def mark(numbers: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(numbers)
        def screen(ctx: Context, map_id: int, /, *args: Any, **params: Any) -> T:
            result = numbers(ctx, map_id, *args, **params)
            return localize(ctx, result) if localize is not None else result

        screen.numbers = numbers  # type: ignore[attr-defined]
        screen.localize = localize or (lambda _ctx, result: result)  # type: ignore[attr-defined]
        screen.periods = periods  # type: ignore[attr-defined]
        screen.events = events  # type: ignore[attr-defined]
        return screen

    return mark


def read(
    ctx: Context,
    screen: Callable[..., T],
    map_id: int,
    /,
    *,
    wait: float | None = None,
    background: bool = False,
    **params: Any,
) -> Computed[T]:
    """``screen(ctx, map_id, **params)``, read from its kept result when that is current.

    ``wait``: how long to wait for a recomputation before answering with the earlier result, or with none
    (``result`` is ``None`` while a first computation runs); default the runner's ``SAFAR_PAGE_WAIT``,
    ``float("inf")`` to wait for the current numbers (the API). Without a runner (the CLI) the result is
    computed in place. ``background``: the server's warming (:func:`warm`), queued apart from the readers'.
    """
    model: type[T] = get_type_hints(screen)["return"]
    kind = f"{screen.__module__}.{screen.__qualname__}"
    # the parameters with the screen's defaults filled in: read(ctx, canvas, 1) and
    # read(ctx, canvas, 1, dataset=None) are one result
    bound = inspect.signature(screen).bind(ctx, map_id, **params)
    bound.apply_defaults()
    named = {k: v for k, v in bound.arguments.items() if k not in ("ctx", "map_id")}
    # a screen kept for every language: its numbers are kept, the reader's language is added on reading
    numbers: Callable[..., T] = getattr(screen, "numbers", screen)
    localize: Callable[[Context, T], T] | None = getattr(screen, "localize", None)
    # its newest revision, and the datasets it is bound to (read, not changed: the copy kept for all)
    stored = ctx.workspace.get_map(map_id, copy=False)
    key = result_key(
        ctx,
        kind,
        map_id,
        stored.head,
        named,
        lang=None if localize else ctx.lang,
        calendar=getattr(screen, "periods", True),
    )
    kept = _readable(store.get_result(ctx.engine, ctx.workspace.workspace_id, key), model)

    def answer(found: tuple[store.KeptResult, T], **state: Any) -> Computed[T]:
        row, result = found
        return _answer(key, model, (row, localize(ctx, result) if localize else result), **state)

    try:
        print_ = fingerprint(
            ctx,
            map_id,
            named.get("dataset"),
            bound=stored.document.datasets(),
            events=getattr(screen, "events", True),
            wait=kept is None,  # with numbers kept, a held warehouse shows them at once, marked
        )
    except ConflictError as exc:
        if kept is None:
            raise
        return answer(kept, stale=True, computing=False, note=exc.code)
    if kept is not None and kept[0].fingerprint == print_:
        return answer(kept, stale=False, computing=False)

    def compute() -> tuple[store.KeptResult, T]:
        started = time.perf_counter()
        result = numbers(ctx, map_id, **params)
        seconds = time.perf_counter() - started
        row = store.put_result(
            ctx.engine,
            ctx.workspace.workspace_id,
            key=key,
            kind=kind,
            map_id=map_id,
            fingerprint=print_,
            seconds=seconds,
            document=result.model_dump(mode="json"),
        )
        return row, result

    jobs: Jobs | None = ctx.jobs
    if jobs is not None:
        jobs.langs.add(ctx.lang)
        if not background:
            jobs.reading()
    if (
        jobs is not None and kept is not None and jobs.hot(key)
    ):  # a steady flow of new data (see HOT_COMPUTES)
        if jobs.due(key):
            jobs.submit(key, compute)
        return answer(kept, stale=True, computing=jobs.running(key))
    budget = (jobs.wait if wait is None else wait) if jobs is not None else float("inf")
    if jobs is None:  # the CLI: computed in place
        return answer(compute(), stale=False, computing=False)
    if budget == float("inf"):
        # the API, which waits for current numbers: computed in this thread, never queued behind the
        # runner's other work, once for every request asking at the same time
        return answer(jobs.inline(key, compute), stale=False, computing=False)
    future = jobs.submit(key, compute, background=background)
    try:
        done = future.result(timeout=None if budget == float("inf") else budget)
    except FutureTimeout:
        if kept is None:
            return Computed[model](key=key, freshness=Freshness(stale=True, computing=True))  # type: ignore[valid-type]
        return answer(kept, stale=True, computing=True)
    return answer(done, stale=False, computing=False)


def for_dataset(
    ctx: Context, kind: str, dataset: str, query: BaseModel, model: type[T], compute: Callable[[], T]
) -> T:
    """A screen of one dataset rather than of a map (the contact centre's report, routing table and wait),
    kept like a map's: ``compute()`` runs once and its result is read back, in milliseconds, while the
    dataset's loads are as they were (no ingestion since); an ingestion makes it computed again on the next
    read. Keyed by the screen ``kind``, the dataset, the ``query``, the reader's language and calendar and
    Safar's version. The caller checks access to the dataset first. While another program writes the
    warehouse, the kept result is read as it is, when there is one."""
    cut = ctx.calendar
    named = {
        "kind": kind,
        "dataset": dataset,
        "lang": ctx.lang,
        "calendar": [cut.system, cut.tz],
        "version": __version__,
        "params": query.model_dump(mode="json"),
    }
    key = hashlib.sha256(json.dumps(named, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    kept = _readable(store.get_result(ctx.engine, ctx.workspace.workspace_id, key), model)
    try:
        loads = _warehouse_held(ctx).loads.get(dataset)
    except ConflictError:
        if kept is None:
            raise
        return kept[1]
    print_ = hashlib.sha256(json.dumps({"loads": loads}).encode()).hexdigest()
    if kept is not None and kept[0].fingerprint == print_:
        return kept[1]
    started = time.perf_counter()
    result = compute()
    store.put_result(
        ctx.engine,
        ctx.workspace.workspace_id,
        key=key,
        kind=kind,
        map_id=None,
        fingerprint=print_,
        seconds=time.perf_counter() - started,
        document=result.model_dump(mode="json"),
    )
    return result


def current(ctx: Context, screen: Callable[..., T], map_id: int, /, **params: Any) -> T:
    """The screen's current numbers (kept, or computed now and kept): what the CLI and the API answer."""
    computed = read(ctx, screen, map_id, wait=float("inf"), **params)
    assert computed.result is not None  # waited for
    return computed.result


def warm(workspace: Any, jobs: Jobs, stop: threading.Event | None = None) -> int:
    """Start computing every map's screens whose kept numbers are missing or stale (the server does this
    every ``SAFAR_RESULTS_EVERY`` seconds, so the first reader after an ingest rarely waits); returns how
    many computations started. Each screen with its default parameters, in Persian (the app's default
    language), in the map's own language and in every language a reader has used since the server
    started. ``stop`` set: no further map is looked at."""
    from safar.services.journeys import journeys
    from safar.services.kpis import key_metrics
    from safar.services.overlay import canvas
    from safar.services.retention import retention_screen
    from safar.services.voice import voice

    started = 0
    for info in workspace.list_maps():
        if stop is not None and stop.is_set():  # the server is stopping
            break
        for lang in sorted({"fa", info.lang, *jobs.langs}):
            ctx = Context(workspace, lang, jobs=jobs)
            for screen in (canvas, journeys, key_metrics, voice, retention_screen):
                try:
                    computed = read(ctx, screen, info.id, wait=0, background=True)
                except Exception:  # a screen that cannot be computed is reported where it is read
                    log.exception("results of map %s (%s) could not be checked", info.id, screen.__name__)
                    continue
                started += computed.freshness.computing
    return started


def result_key(
    ctx: Context,
    kind: str,
    map_id: int,
    head: int,
    params: dict[str, Any],
    *,
    lang: str | None = None,
    calendar: bool = True,
) -> str:
    """What identifies a result: the screen, the map and its newest revision (an edit makes a new one), the
    parameters as given (``revision=None``, the newest, is not ``revision=2``: the KPI screen reads a
    snapshot at an explicit revision), the reader's language (``None``: a screen kept for every language),
    the reader's calendar and time zone where the screen cuts periods in them, and Safar's version."""
    cut = ctx.calendar if calendar else None
    named = {
        "kind": kind,
        "map": map_id,
        "head": head,
        "lang": lang,
        "calendar": [cut.system, cut.tz] if cut is not None else None,
        "version": __version__,  # a new release may define or shape a result differently
        "params": params,
    }
    text = json.dumps(named, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def fingerprint(
    ctx: Context,
    map_id: int,
    dataset: str | None = None,
    *,
    bound: Collection[str] | None = None,
    events: bool = True,
    wait: bool = True,
) -> str:
    """The data a map's screens read, in one hash: the loads (count and latest time) of each dataset the
    map is bound to (and of ``dataset``, a screen's choice), the number of the map's survey answers and
    comments (one answered on the survey page has no load record), its surveys and its key-metric
    snapshots. New data of another map leaves it as it was. ``bound``: the map's datasets, when the
    caller has read the map already; ``events=False``: without the loads of events (a screen that does
    not read them); ``wait=False``: ``warehouse.locked`` at once while another program writes."""
    from safar.store.snapshots import list_snapshots
    from safar.surveys import Surveys

    held = _warehouse_held(ctx, wait) if ctx.has_warehouse() else Held({}, {}, {})
    if bound is None:
        bound = ctx.workspace.get_map(map_id).document.datasets()
    datasets = set(bound) | ({dataset} if dataset else set())
    parts = {
        "loads": [[name, held.loads.get(name)] for name in sorted(datasets)] if events else [],
        "responses": held.responses.get(map_id, 0),
        "comments": held.comments.get(map_id, 0),
        "assigned": held.assigned.get(map_id, 0),
        "labels": held.labels.get(map_id),
        "surveys": sorted(s.id for s in Surveys(ctx.workspace).list(map_id)),
        "snapshots": sorted(s.id for s in list_snapshots(ctx.engine, map_id)),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Held:
    """What the warehouse holds, in short: per dataset its loads' count and latest time, per map its
    survey answers' and comments' counts."""

    loads: dict[str, list[str]]
    responses: dict[int, int]
    comments: dict[int, int]
    # per map, its comment labels given since scoring (safar.voice.corrections): how many and the newest
    labels: dict[int, str] = field(default_factory=dict)
    # per map, how many of its comments have a touchpoint (assigning one to comments without changes it)
    assigned: dict[int, int] = field(default_factory=dict)


# On DuckDB one statement, ~1 ms.
_HELD_SQL = """
SELECT
  (SELECT list([dataset, CAST(n AS VARCHAR), CAST(last AS VARCHAR)])
     FROM (SELECT dataset, count(*) AS n, max(finished_at) AS last FROM ingestions GROUP BY dataset)),
  (SELECT list([map_id, n]) FROM (SELECT map_id, count(*) AS n FROM responses GROUP BY map_id)),
  (SELECT list([map_id, n, t])
     FROM (SELECT map_id, count(*) AS n, count(touchpoint_id) AS t FROM comments GROUP BY map_id)),
  (SELECT list([CAST(map_id AS VARCHAR), CAST(n AS VARCHAR) || ' ' || CAST(last AS VARCHAR)])
     FROM (SELECT map_id, count(*) AS n, max(given_at) AS last FROM comment_labels GROUP BY map_id))
"""


# The embedded warehouse's files as last read (size and modification time of the file and of its
# write-ahead log) and what _held found then: every committed write changes one of them, so while they
# are unchanged the warehouse need not be opened again (~20 ms a page).
_SEEN: dict[str, tuple[tuple[Any, ...], Held]] = {}
_SEEN_LOCK = threading.Lock()


def _warehouse_held(ctx: Context, wait: bool = True) -> Held:
    url = ctx.settings.warehouse_url
    if url is not None and not url.startswith("duckdb://"):
        with ctx.warehouse(wait=wait) as warehouse:
            return _held(warehouse)
    path = Path(url.removeprefix("duckdb://")) if url else ctx.settings.warehouse_path
    files = _files(path)
    with _SEEN_LOCK:
        seen = _SEEN.get(str(path))
    if seen is not None and seen[0] == files:
        return seen[1]
    with ctx.warehouse(wait=wait) as warehouse:
        held = _held(warehouse)
    with _SEEN_LOCK:
        _SEEN[str(path)] = (files, held)
    return held


def _files(path: Path) -> tuple[Any, ...]:
    out: list[Any] = []
    for one in (path, path.with_name(path.name + ".wal")):
        try:
            found = one.stat()
        except FileNotFoundError:
            out.append(None)
        else:
            out.append((found.st_ino, found.st_size, found.st_mtime_ns))
    return tuple(out)


def _held(warehouse: Any) -> Held:
    if warehouse.raw is not None:
        loads, responses, comments, labels = warehouse.raw.execute(_HELD_SQL).fetchone()
        return Held(
            {d: [n, last] for d, n, last in loads or []},
            {int(m): int(n) for m, n in responses or []},
            {int(m): int(n) for m, n, _ in comments or []},
            {int(m): str(said) for m, said in labels or []},
            {int(m): int(t) for m, _, t in comments or []},
        )
    t = warehouse.con.table("ingestions")
    summary = t.group_by("dataset").aggregate(n=t.count(), last=t.finished_at.max())
    per_map = []
    assigned: dict[int, int] = {}
    for name in ("responses", "comments"):
        table = warehouse.con.table(name)
        rows = (
            table.group_by("map_id")
            .aggregate(n=table.count(), t=table.touchpoint_id.count())
            .to_pyarrow()
            .to_pylist()
        )
        per_map.append({int(r["map_id"]): int(r["n"]) for r in rows})
        if name == "comments":
            assigned = {int(r["map_id"]): int(r["t"]) for r in rows}
    loads = {r["dataset"]: [str(r["n"]), str(r["last"])] for r in summary.to_pyarrow().to_pylist()}
    given = warehouse.con.table("comment_labels")
    said = (
        given.group_by("map_id")
        .aggregate(n=given.count(), last=given.given_at.max())
        .to_pyarrow()
        .to_pylist()
    )
    labels = {int(r["map_id"]): f"{r['n']} {r['last']}" for r in said}
    return Held(loads, per_map[0], per_map[1], labels, assigned)


def _readable(kept: store.KeptResult | None, model: type[T]) -> tuple[store.KeptResult, T] | None:
    """A kept result and what its screen's model reads from it; none when it cannot (one kept by an older
    Safar may not be read)."""
    if kept is None:
        return None
    try:
        return kept, model.model_validate(kept.document)
    except ValidationError:
        return None


def _answer(
    key: str,
    model: type[T],
    kept: tuple[store.KeptResult, T],
    *,
    stale: bool,
    computing: bool,
    note: str | None = None,
) -> Computed[T]:
    row, result = kept
    freshness = Freshness(
        computed_at=row.computed_at.astimezone(UTC),
        seconds=round(row.seconds, 3),
        stale=stale,
        computing=computing,
        note=note,
    )
    return Computed[model](key=key, result=result, freshness=freshness)  # type: ignore[valid-type]
