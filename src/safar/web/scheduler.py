"""The web app's own schedule: the alert rules of every workspace are checked every few minutes
while ``safar serve`` runs (``SAFAR_ALERTS_EVERY`` seconds, default 300; ``0`` turns it off).

Checks run in a worker thread so pages stay responsive; a failing check is logged and the next one
runs on time. ``safar alerts check`` (cron) and ``safar alerts watch`` do the same from outside.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from sqlalchemy.orm import Session

from safar.errors import ConfigError

log = logging.getLogger("safar.alerts")
DEFAULT_EVERY = 300


def every_seconds(env: dict[str, str] | None = None) -> int:
    """The interval from ``SAFAR_ALERTS_EVERY``; a value that is not a whole number ≥ 0 is refused.

    >>> every_seconds({}), every_seconds({"SAFAR_ALERTS_EVERY": "0"})
    (300, 0)
    """
    raw = (os.environ if env is None else env).get("SAFAR_ALERTS_EVERY", str(DEFAULT_EVERY)).strip()
    if not raw.isdigit():
        raise ConfigError("alerts.bad_every", value=raw)
    return int(raw)


def check_all(services: Any) -> int:
    """One check of every workspace's rules; returns how many alerts fired."""
    from safar.alerts import Alerts
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


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    every = every_seconds()
    task = asyncio.create_task(_loop(app.state.services, every)) if every else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
