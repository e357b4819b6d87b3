"""The web app's own schedule: the alert rules of every workspace (and its knowledge base's surging questions,
safar.services.kb_surges) are checked every few minutes while ``safar serve`` runs (``SAFAR_ALERTS_EVERY``
seconds, default 300; ``0`` turns it off), and the
database sources due a pull are pulled (looked for every ``SAFAR_SOURCES_EVERY`` seconds, default 60), and
the case rules swept and the e-mail outbox sent (every ``SAFAR_CASES_EVERY`` seconds, default 60), and
survey answers taken while another program held the warehouse written (every ``SAFAR_ANSWERS_EVERY``
seconds, default 10; safar.voice.pending).

Checks run in a worker thread so pages stay responsive; a failing check is logged and the next one
runs on time. ``safar alerts check`` (cron) and ``safar alerts watch`` do the same from outside.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from sqlalchemy.orm import Session

from safar.errors import ConfigError
from safar.web.context import app_jobs

log = logging.getLogger("safar.alerts")
DEFAULT_EVERY = 300
RESULTS_EVERY = 30  # seconds between checks for stale screens (SAFAR_RESULTS_EVERY; 0: never)
SOURCES_EVERY = 60  # seconds between looks for database sources due a pull (SAFAR_SOURCES_EVERY; 0: never)
CASES_EVERY = 60  # seconds between case sweeps and mail sends (SAFAR_CASES_EVERY; 0: never)
ANSWERS_EVERY = 10  # seconds between writes of waiting survey answers (SAFAR_ANSWERS_EVERY; 0: never)


def every_seconds(
    env: dict[str, str] | None = None, *, name: str = "SAFAR_ALERTS_EVERY", default: int = DEFAULT_EVERY
) -> int:
    """The interval from ``name``; a value that is not a whole number ≥ 0 is refused.

    >>> every_seconds({}), every_seconds({"SAFAR_ALERTS_EVERY": "0"})
    (300, 0)
    >>> every_seconds({}, name="SAFAR_RESULTS_EVERY", default=RESULTS_EVERY)
    30
    """
    raw = (os.environ if env is None else env).get(name, str(default)).strip()
    if not raw.isdecimal():
        raise ConfigError("alerts.bad_every", name=name, value=raw)
    return int(raw)


def check_all(services: Any) -> int:
    """One check of every workspace's rules; returns how many alerts fired."""
    from safar.alerts import Alerts
    from safar.context import Context
    from safar.services.kb_surges import check_surges
    from safar.store.repository import all_workspaces
    from safar.workspace import Workspace

    with Session(services.engine) as s:
        found = all_workspaces(s)
    fired = 0
    for workspace_id, slug in found:
        workspace = Workspace(services.engine, workspace_id, slug, services.settings)
        try:
            fired += sum(1 for r in Alerts(workspace).check() if r.status == "fired")
        except Exception:  # one workspace's failure must not keep the others from being checked
            log.exception("alert check of workspace %s failed", slug)
        try:
            fired += sum(1 for r in check_surges(Context(workspace, "fa")) if r.status == "fired")
        except Exception:  # the knowledge base's check fails alone
            log.exception("knowledge-base check of workspace %s failed", slug)
    return fired


async def _loop(services: Any, every: int) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            fired = await asyncio.to_thread(check_all, services)
            if fired:
                log.info("alert check: %d alert(s) fired", fired)
        except Exception:  # a failed check must not stop the schedule; it is logged with its traceback
            log.exception("alert check failed")


def warm_all(services: Any, jobs: Any, stop: threading.Event | None = None) -> int:
    """Start recomputing every workspace's missing or stale screens (safar.services.results.warm)."""
    from safar.services.results import warm
    from safar.store.repository import all_workspaces
    from safar.workspace import Workspace

    with Session(services.engine) as s:
        found = all_workspaces(s)
    return sum(
        warm(Workspace(services.engine, workspace_id, slug, services.settings), jobs, stop)
        for workspace_id, slug in found
    )


async def _warm_loop(app: Any, every: int, stop: threading.Event) -> None:
    from safar.services.results import QUIET

    while True:
        jobs = app_jobs(app)
        if not jobs.quiet():  # readers are reading: they compute what they read; warm when they pause
            await asyncio.sleep(QUIET)
            continue
        try:
            started = await asyncio.to_thread(warm_all, app.state.services, jobs, stop)
            if started:
                log.info("results: %d computation(s) started", started)
        except Exception:  # a failed check must not stop the schedule; it is logged with its traceback
            log.exception("results check failed")
        await asyncio.sleep(every)


def pull_sources(services: Any) -> int:
    """Pull every workspace's database source whose schedule is due (safar.services.sources.pull_due)."""
    from safar.services.sources import pull_due

    return pull_due(services.engine, services.settings)


async def _sources_loop(services: Any, every: int) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            pulled = await asyncio.to_thread(pull_sources, services)
            if pulled:
                log.info("database sources: %d pulled", pulled)
        except Exception:  # a failed look must not stop the schedule; it is logged with its traceback
            log.exception("database sources: the scheduled pull failed")


def sweep_cases(services: Any) -> int:
    """Open every workspace's new cases and queue their mails (safar.services.cases.sweep), then send the
    outbox (safar.mail); returns how many cases opened."""
    from safar.context import Context
    from safar.mail import send_pending
    from safar.services.case_sweep import sweep
    from safar.store.repository import all_workspaces
    from safar.workspace import Workspace

    with Session(services.engine) as s:
        found = all_workspaces(s)
    opened = 0
    for workspace_id, slug in found:
        ctx = Context(Workspace(services.engine, workspace_id, slug, services.settings), "en")
        try:
            opened += len(sweep(ctx, via="web").opened)
        except Exception:  # one workspace's failure must not keep the others from being swept
            log.exception("case sweep of workspace %s failed", slug)
    sent = send_pending(services.engine, services.settings)
    if sent.failed:
        log.warning("mail: %d not sent: %s", sent.failed, "; ".join(sent.errors))
    return opened


async def _cases_loop(services: Any, every: int) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            opened = await asyncio.to_thread(sweep_cases, services)
            if opened:
                log.info("cases: %d opened", opened)
        except Exception:  # a failed sweep must not stop the schedule; it is logged with its traceback
            log.exception("cases: the scheduled sweep failed")


def write_answers(services: Any) -> int:
    """Write the survey answers waiting for the warehouse (safar.voice.pending); returns how many."""
    from safar.voice.pending import write_waiting

    done = write_waiting(services.engine, services.settings)
    if done.failed:
        log.warning("survey answers: %d not written: %s", done.failed, "; ".join(done.errors))
    return done.written


async def _answers_loop(services: Any, every: int) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            written = await asyncio.to_thread(write_answers, services)
            if written:
                log.info("survey answers: %d written", written)
        except Exception:  # a failed write must not stop the schedule; the answers stay waiting
            log.exception("survey answers: the scheduled write failed")


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    from safar.web.threads import limit_pages

    limit_pages()  # handlers served a few at a time (safar.web.threads)
    every = every_seconds()
    warm_every = every_seconds(name="SAFAR_RESULTS_EVERY", default=RESULTS_EVERY)
    sources_every = every_seconds(name="SAFAR_SOURCES_EVERY", default=SOURCES_EVERY)
    cases_every = every_seconds(name="SAFAR_CASES_EVERY", default=CASES_EVERY)
    answers_every = every_seconds(name="SAFAR_ANSWERS_EVERY", default=ANSWERS_EVERY)
    tasks = []
    stop = threading.Event()
    if every:
        tasks.append(asyncio.create_task(_loop(app.state.services, every)))
    if warm_every:
        tasks.append(asyncio.create_task(_warm_loop(app, warm_every, stop)))
    if sources_every:
        tasks.append(asyncio.create_task(_sources_loop(app.state.services, sources_every)))
    if cases_every:
        tasks.append(asyncio.create_task(_cases_loop(app.state.services, cases_every)))
    if answers_every:
        tasks.append(asyncio.create_task(_answers_loop(app.state.services, answers_every)))
    try:
        yield
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
        jobs = getattr(app.state, "jobs", None)
        if jobs is not None:
            jobs.shutdown()
