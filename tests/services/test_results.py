"""Compute once, read many (safar.services.results): a screen's numbers are kept with the fingerprint of the
data they came from, read again while it holds, recomputed when new data arrives, and never block a page.

Each test works in its own copy of a home with the demo map (English) bound to the demo's events, built
once for the module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from safar.config import Settings
from safar.context import Context
from safar.services.journeys import journeys
from safar.services.overlay import canvas
from safar.services.results import Jobs, current, fingerprint, read
from safar.store.tables import ResultRow

PASSWORD = "correct horse battery"


@dataclass
class Home:
    settings: Settings
    map_id: int

    def ctx(self, jobs: Jobs | None = None, lang: str = "en") -> Context:
        return Context(Context.open(self.settings, lang=lang).workspace, lang, jobs=jobs)


@pytest.fixture(scope="module")
def demo_homes(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, int]]:
    """``lang`` -> (a home with the demo map in that language, the map's id), built once for the module;
    each test works on its own copy (the tests add data, edit the map and keep results)."""
    from safar.demo import create_demo_map
    from safar.store.engine import make_engine, migrate
    from safar.workspace import Workspace

    made: dict[str, tuple[Path, int]] = {}

    def get(lang: str) -> tuple[Path, int]:
        if lang not in made:
            home = tmp_path_factory.mktemp(f"results-{lang}") / "home"
            settings = Settings.from_env({"SAFAR_HOME": str(home), "SAFAR_USER": "tester"})
            engine = make_engine(settings.database_url)
            try:
                migrate(engine)
                map_id = create_demo_map(Workspace.attach(engine, settings, "default"), settings, lang)
            finally:
                engine.dispose()
            made[lang] = (home, map_id)
        return made[lang]

    return get


@pytest.fixture
def home(tmp_path: Path, demo_homes: Callable[[str], tuple[Path, int]]) -> Home:
    return _home(tmp_path, *demo_homes("en"))


@pytest.fixture
def persian_home(tmp_path: Path, demo_homes: Callable[[str], tuple[Path, int]]) -> Home:
    return _home(tmp_path, *demo_homes("fa"))


def _home(tmp_path: Path, prepared: Path, map_id: int) -> Home:
    home = tmp_path / "home"
    shutil.copytree(prepared, home)
    return Home(Settings.from_env({"SAFAR_HOME": str(home), "SAFAR_USER": "tester"}), map_id)


def more_events(home: Home, tmp_path: Path, customer: str = "late-1") -> None:
    """One new customer who reports a claim: new data for the map's dataset."""
    from safar.services.ingestion import ingest_events

    path = tmp_path / f"{customer}.csv"
    path.write_text(f"customer_id,timestamp,activity\n{customer},2026-06-01T10:00:00Z,report_claim\n")
    with home.ctx() as ctx:
        ingest_events(ctx.workspace, path, dataset="insurance-demo")


def kept_rows(home: Home) -> list[tuple[str, str]]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    with home.ctx() as ctx, Session(ctx.engine) as s:
        return [(r.kind, r.fingerprint) for r in s.scalars(select(ResultRow))]


def test_a_result_is_computed_once_and_read_until_new_data_arrives(home: Home, tmp_path: Path) -> None:
    with home.ctx() as ctx:
        first = read(ctx, canvas, home.map_id)
        again = read(ctx, canvas, home.map_id)
    assert first.result is not None and first.result == again.result
    assert first.freshness.stale is False and again.freshness.computed_at == first.freshness.computed_at
    [(kind, before)] = kept_rows(home)
    assert kind == "safar.services.overlay.canvas"
    # what is kept is exactly what the screen computes now
    with home.ctx() as ctx:
        assert again.result == canvas(ctx, home.map_id)

    more_events(home, tmp_path)
    with home.ctx() as ctx:
        after = read(ctx, canvas, home.map_id)  # the CLI's way: no runner, so recomputed in place
        assert after.result == canvas(ctx, home.map_id)
    assert after.freshness.computed_at > first.freshness.computed_at and not after.freshness.stale
    assert after.result is not None and after.result.customers == first.result.customers + 1
    [(_, fingerprint)] = kept_rows(home)  # one row per key, replaced, with the new data's fingerprint
    assert fingerprint != before


def test_new_events_leave_the_voice_current(home: Home, tmp_path: Path) -> None:
    """The voice reads survey answers and comments, never events: an ingest of events keeps its numbers,
    while the canvas, which reads the events, is computed again."""
    from safar.services.voice import voice

    with home.ctx() as ctx:
        voice_before = read(ctx, voice, home.map_id)
        canvas_before = read(ctx, canvas, home.map_id)
    more_events(home, tmp_path)
    with home.ctx() as ctx:
        voice_after = read(ctx, voice, home.map_id)
        canvas_after = read(ctx, canvas, home.map_id)
        assert voice_after.result == voice(ctx, home.map_id)
    assert voice_after.freshness.computed_at == voice_before.freshness.computed_at  # read, not computed again
    assert canvas_after.freshness.computed_at > canvas_before.freshness.computed_at


def test_each_screen_parameters_and_revision_is_its_own_result_and_languages_share_it(home: Home) -> None:
    with home.ctx() as ctx:
        stage = current(ctx, journeys, home.map_id, level="stage")
        touchpoint = current(ctx, journeys, home.map_id, level="touchpoint")
        assert (stage.level, touchpoint.level) == ("stage", "touchpoint")
        stored = ctx.workspace.get_map(home.map_id)
        renamed = stored.document.model_copy(deep=True)
        renamed.stages[0].name = "Getting covered"
        ctx.workspace.save_map(home.map_id, renamed, base_revision=stored.revision)
        after_edit = current(ctx, journeys, home.map_id, level="stage")
    with home.ctx(lang="fa") as ctx:
        persian = current(ctx, journeys, home.map_id, level="stage")
    assert after_edit.funnel[0].name == "Getting covered" and stage.funnel[0].name != "Getting covered"
    assert "۱" in persian.sankey or "۲" in persian.sankey  # the Sankey's counts in the reader's digits
    assert not any(digit in after_edit.sankey for digit in "۰۱۲۳۴۵۶۷۸۹")
    # the Persian reader read the numbers the English one had kept: one computation, read in two languages
    assert persian.model_dump(exclude={"sankey"}) == after_edit.model_dump(exclude={"sankey"})
    assert len(kept_rows(home)) == 3


class Slow(BaseModel):
    customers: int


GATE = threading.Event()


def slow_screen(ctx: Context, map_id: int) -> Slow:
    """The canvas's customer count, after the test opens the gate: a computation that takes a while."""
    GATE.wait(30)
    return Slow(customers=canvas(ctx, map_id).customers)


def test_a_page_never_waits_longer_than_its_budget(home: Home, tmp_path: Path) -> None:
    jobs = Jobs(wait=0.05)
    GATE.clear()
    try:
        with home.ctx(jobs) as ctx:
            first = read(ctx, slow_screen, home.map_id)
            assert (first.result, first.freshness.computing) == (None, True)  # nothing to show yet
            assert jobs.running(first.key)
            GATE.set()
            done = read(ctx, slow_screen, home.map_id, wait=30)
            assert done.result is not None and not done.freshness.stale
            GATE.clear()
            more_events(home, tmp_path)
            stale = read(ctx, slow_screen, home.map_id)
            # the earlier numbers at once, marked stale, while the new ones are computed
            assert stale.result == done.result and stale.freshness.stale and stale.freshness.computing
            assert stale.freshness.computed_at == done.freshness.computed_at
            twice = read(ctx, slow_screen, home.map_id)  # a second reader joins the same computation
            assert twice.freshness.computing
            GATE.set()
            fresh = read(ctx, slow_screen, home.map_id, wait=30)
        assert fresh.result == Slow(customers=done.result.customers + 1)
        assert not fresh.freshness.stale and fresh.freshness.computed_at > done.freshness.computed_at
    finally:
        GATE.set()
        jobs.shutdown()


def test_while_another_program_writes_the_data_the_earlier_numbers_are_shown(home: Home) -> None:
    """Another program holds the warehouse and has written to it (as `safar events ingest` does)."""
    with home.ctx() as ctx:
        kept = current(ctx, canvas, home.map_id)
        assert read(ctx, canvas, home.map_id).freshness.stale is False  # unchanged files: not even opened
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(home.settings.warehouse_path)!r})
            con.execute("INSERT INTO ingestions VALUES ('more', 'x.csv', NULL, 1, 1, 0, 0, now(), now())")
            print("ready", flush=True)
            sys.stdin.read()
            """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with home.ctx() as ctx:
            shown = read(ctx, canvas, home.map_id)
    finally:
        holder.communicate("")
    assert shown.result == kept
    assert (shown.freshness.stale, shown.freshness.computing, shown.freshness.note) == (
        True,
        False,
        "warehouse.locked",
    )


def test_the_page_says_when_its_numbers_were_computed_and_the_api_reads_what_the_cli_kept(
    home: Home,
) -> None:
    from safar.accounts import Accounts
    from safar.web.app import create_app

    with home.ctx() as ctx:
        kept = read(ctx, canvas, home.map_id)  # as `safar map overlay` does
    app = create_app(home.settings)
    Accounts.create_user(app.state.services.accounts, "ana", PASSWORD, display_name="Ana", admin=True)
    client = TestClient(app, follow_redirects=False)
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)
    assert token
    login = {"csrf": token.group(1), "username": "ana", "password": PASSWORD, "next": "/"}
    assert client.post("/login", data=login).status_code == 303

    api = client.get(f"/api/v1/workspaces/default/maps/{home.map_id}/overlay?lang=en")
    assert api.status_code == 200
    assert api.headers["X-Safar-Computed-At"] == kept.freshness.computed_at.isoformat()
    assert api.json() == kept.result.model_dump(mode="json")

    page = client.get(f"/w/default/maps/{home.map_id}?lang=fa").text
    note = re.search(r'data-testid="freshness"[^>]*data-results="([^"]+)"[^>]*>(.*?)</p>', page, re.S)
    assert note, page[:2000]
    assert "اعداد در" in note.group(2) and re.search("[۰-۹]", note.group(2))
    assert not re.search("[0-9]", re.sub(r"<[^>]+>", "", note.group(2)))
    with home.ctx(lang="fa") as ctx:
        persian = read(ctx, canvas, home.map_id)  # the canvas's numbers are kept once for every language
    assert note.group(1) == f"/w/default/results/{persian.key}" and persian.key == kept.key
    status = client.get(note.group(1))
    assert status.json() == {"computing": False, "computed_at": kept.freshness.computed_at.isoformat()}
    assert client.get("/w/default/results/" + "0" * 64).status_code == 404


def test_the_server_computes_stale_screens_before_anyone_asks(persian_home: Home, tmp_path: Path) -> None:
    """What the server's schedule does every SAFAR_RESULTS_EVERY seconds (safar.web.scheduler.warm_all)."""
    from safar.services.results import warm

    home = persian_home
    jobs = Jobs(wait=0)
    try:
        with home.ctx(lang="fa") as ctx:
            maps = ctx.workspace.list_maps()  # the demo's current-state map and its future state
            # every screen of every map, in Persian (the app's default and the maps' language)
            assert warm(ctx.workspace, jobs) == 5 * len(maps)
            _drain(jobs)
            assert warm(ctx.workspace, jobs) == 0  # all current: nothing to start
            # an English reader: the canvas and journeys are read from what was kept for the Persian ones;
            # the voice, key metrics and retention are cut into Gregorian months in UTC, so they are computed
            jobs.langs.add("en")
            assert warm(ctx.workspace, jobs) == 3 * len(maps)
            _drain(jobs)
            assert warm(ctx.workspace, jobs) == 0
            computed_at = read(ctx, canvas, home.map_id, wait=0).freshness
            assert computed_at.computed_at is not None and not computed_at.stale
            prints = [fingerprint(ctx, m.id) for m in maps]
            more_events(home, tmp_path)
            # the current-state map reads the new data; the future-state map is bound to none: left alone
            assert [ctx.workspace.get_map(m.id).document.datasets() for m in maps] == [["insurance-demo"], []]
            after = [fingerprint(ctx, m.id) for m in maps]
            assert after[0] != prints[0] and after[1] == prints[1]  # so warm() starts only the first's
    finally:
        jobs.shutdown()


def _drain(jobs: Jobs) -> None:
    """Wait until the runner has nothing left to compute."""
    deadline = time.monotonic() + 120
    while jobs.busy() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not jobs.busy()


def test_a_computation_done_before_its_callback_is_attached_does_not_hang_its_page() -> None:
    """A quick computation can finish before ``Jobs.submit`` attaches its clean-up; that clean-up then runs at
    once in the submitting thread and must not wait for the lock ``submit`` holds (a page hung on it)."""
    from concurrent.futures import Future

    class AtOnce:  # an executor whose work is done by the time submit returns
        def submit(self, work, *args):  # type: ignore[no-untyped-def]
            done: Future[object] = Future()
            done.set_result(work())
            return done

        def shutdown(self, **_: object) -> None:
            pass

    jobs = Jobs(wait=1)
    jobs._pool = AtOnce()  # type: ignore[assignment]
    answers: list[object] = []
    caller = threading.Thread(
        target=lambda: answers.append(jobs.submit("k", lambda: 42).result()), daemon=True
    )
    caller.start()
    caller.join(timeout=5)
    assert answers == [42] and not jobs.running("k") and not jobs.busy()


def test_each_screen_of_a_map_keeps_its_newest_results_only(home: Home) -> None:
    """Every revision and audience of a screen is its own result; past KEEP_PER_SCREEN of one screen of one
    map, the least recently computed are dropped (derived data, computed again when read), others stay."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from safar.store.results import KEEP_PER_SCREEN, get_result, put_result

    workspace = home.ctx().workspace
    engine, ws = workspace.engine, workspace.workspace_id
    for i in range(KEEP_PER_SCREEN + 5):
        put_result(
            engine, ws, key=f"c{i}", kind="canvas", map_id=1, fingerprint="f", seconds=0.1, document={"i": i}
        )
    put_result(engine, ws, key="j", kind="journeys", map_id=1, fingerprint="f", seconds=0.1, document={})
    put_result(engine, ws, key="other", kind="canvas", map_id=2, fingerprint="f", seconds=0.1, document={})
    with Session(engine) as s:
        mine = select(ResultRow.kind, func.count()).where(
            ResultRow.map_id == 1, ResultRow.kind.in_(["canvas", "journeys"])
        )
        counts = dict(s.execute(mine.group_by(ResultRow.kind)).all())
    assert counts == {"canvas": KEEP_PER_SCREEN, "journeys": 1}
    assert [get_result(engine, ws, f"c{i}") is None for i in (0, 4, 5, KEEP_PER_SCREEN + 4)] == [
        True,
        True,
        False,
        False,
    ]
    assert get_result(engine, ws, "other") is not None


def test_giving_a_touchpoint_to_comments_makes_the_voice_stale(home: Home, tmp_path: Path) -> None:
    """Comments loaded without a touchpoint, then given one on the page: no comment is added, yet the voice's
    per-touchpoint figures change, so its kept result is computed again."""
    from safar.services.ingestion import ingest_comments
    from safar.services.voice import voice
    from safar.voice.assign import assign_touchpoint

    path = tmp_path / "loose.csv"
    path.write_text("text\nthe agent never called back\nnobody answered the phone\n", encoding="utf-8")
    with home.ctx() as ctx:
        ingest_comments(ctx.workspace, path, map_id=home.map_id, dataset="loose")
        before = current(ctx, voice, home.map_id)
        with ctx.warehouse() as warehouse:
            assert assign_touchpoint(warehouse, home.map_id, "loose", "wait_for_agent") == 2
        after = current(ctx, voice, home.map_id)
    counts = [
        next(t.comments for t in report.touchpoints if t.touchpoint == "wait_for_agent")
        for report in (before, after)
    ]
    assert counts[1] == counts[0] + 2


def test_a_steady_flow_of_new_data_is_read_as_kept_and_recomputed_now_and_then(
    home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Survey answers arriving several a second made every page wait for a computation: a result computed
    HOT_COMPUTES times within HOT_WINDOW seconds is read as kept (marked stale) and recomputed in the background
    every HOT_GAP seconds at most; once the flow stops, a change is waited for again."""
    import safar.services.results as results

    jobs = Jobs(wait=30)
    try:
        with home.ctx(jobs) as ctx:
            counts = [read(ctx, canvas, home.map_id).result.customers]  # type: ignore[union-attr]
            for i in range(results.HOT_COMPUTES - 1):  # each change waited for: the page shows it
                more_events(home, tmp_path, f"flow-{i}")
                found = read(ctx, canvas, home.map_id)
                assert not found.freshness.stale
                counts.append(found.result.customers)  # type: ignore[union-attr]
            assert counts == list(range(counts[0], counts[0] + results.HOT_COMPUTES))
            assert jobs.hot(found.key)
            more_events(home, tmp_path, "flow-hot")
            kept = read(ctx, canvas, home.map_id)  # at once, as kept: computed under HOT_GAP seconds ago
            assert kept.freshness.stale and not kept.freshness.computing
            assert kept.result == found.result
            monkeypatch.setattr(results, "HOT_GAP", 0.0)  # due now: recomputed behind the page
            behind = read(ctx, canvas, home.map_id)
            assert behind.freshness.stale and behind.result == found.result
            jobs.submit(behind.key, lambda: None).result(30)  # the background computation ends
            now = read(ctx, canvas, home.map_id)
            assert not now.freshness.stale and now.result.customers == counts[-1] + 1  # type: ignore[union-attr]
            monkeypatch.setattr(results, "HOT_WINDOW", 0.0)  # the flow has stopped: a change is waited for
            more_events(home, tmp_path, "flow-after")
            waited = read(ctx, canvas, home.map_id)
            assert not waited.freshness.stale and waited.result.customers == counts[-1] + 2  # type: ignore[union-attr]
    finally:
        jobs.shutdown()


def test_a_reader_does_not_wait_behind_the_servers_warming() -> None:
    """The server's warming of every screen runs in a thread of its own; a reader asking for a screen whose
    warming has not started takes it over among the readers' computations (a canvas waited 2 s behind the
    retention screen's warming after the first survey answer)."""
    import threading

    jobs = Jobs(wait=1)
    gate = threading.Event()
    try:
        busy = jobs.submit("retention", lambda: gate.wait(10), background=True)  # the warming thread is busy
        queued = jobs.submit("canvas", lambda: "warmed", background=True)  # and the canvas waits behind it
        assert jobs.submit("canvas", lambda: "again", background=True) is queued  # warming it twice: once
        mine = jobs.submit("canvas", lambda: "read")  # a reader takes it over
        assert mine.result(5) == "read" and queued.cancelled()
        threading.Timer(0.2, gate.set).start()
        # a running warming is waited for by the API's computation in its own thread, not done again
        assert jobs.inline("retention", lambda: "inline") is True and busy.result(5) is True
    finally:
        gate.set()
        jobs.shutdown()


def test_the_servers_warming_waits_until_readers_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    import safar.services.results as results

    jobs = Jobs(wait=1)
    try:
        assert jobs.quiet()  # nobody has read anything yet
        jobs.reading()
        assert not jobs.quiet()
        monkeypatch.setattr(results, "QUIET", 0.0)
        assert jobs.quiet()
    finally:
        jobs.shutdown()
