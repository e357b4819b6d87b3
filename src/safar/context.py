"""What every service takes: the settings, the app database, the workspace and the reader's language.

A :class:`Context` is made once at each edge — the CLI from ``SAFAR_*`` (:meth:`Context.open`), the
web app from the request's workspace and language — and passed in; no service reads the process
environment. It is also the one way a service opens the analytical warehouse (:meth:`Context.warehouse`).

>>> import tempfile
>>> from safar.config import Settings
>>> with Context.open(Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()}), lang="en") as ctx:
...     ctx.workspace.slug, ctx.lang, ctx.has_warehouse()
('default', 'en', False)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from safar.config import Settings
from safar.i18n import LANGS, current_lang
from safar.workspace import Workspace

if TYPE_CHECKING:
    from safar.events.periods import Calendar
    from safar.services.results import Jobs
    from safar.warehouse import Warehouse


@dataclass(frozen=True)
class Context:
    """One reader's view of one workspace: the scope every service computes in."""

    workspace: Workspace
    lang: str = "fa"
    jobs: Jobs | None = None  # the web app's background recomputations (safar.services.results)
    # the warehouse this thread has open through this context (a nested ``warehouse()`` reads it again)
    _open: threading.local = field(default_factory=threading.local, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            object.__setattr__(self, "lang", "fa")

    @classmethod
    def open(
        cls, settings: Settings | None = None, *, workspace: str | None = None, lang: str | None = None
    ) -> Context:
        """The context of the CLI: the workspace named by ``SAFAR_WORKSPACE`` and the language of ``SAFAR_LANG``."""
        return cls(
            Workspace.open(settings or Settings.from_env(), workspace=workspace), lang or current_lang()
        )

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    @property
    def calendar(self) -> Calendar:
        """The calendar and time zone of the reader's periods and of the times they type: ``SAFAR_CALENDAR``
        and ``SAFAR_TZ`` when set, else Jalali in Tehran time for Persian and Gregorian in UTC for English."""
        from safar.events.periods import Calendar

        return Calendar.of(self.lang, tz=self.settings.timezone, calendar=self.settings.calendar)

    @property
    def engine(self) -> Engine:
        return self.workspace.engine

    def has_warehouse(self) -> bool:
        """Whether there is a warehouse to read (an embedded one is made by the first ingestion)."""
        return self.settings.warehouse_url is not None or self.settings.warehouse_path.exists()

    @contextmanager
    def warehouse(self, *, wait: bool = True) -> Iterator[Warehouse]:
        """The analytical warehouse, open for the block (one writer at a time: a busy one raises
        ``warehouse.locked``, after a few seconds' wait or, ``wait=False``, at once). Inside another such
        block of the same thread it is that block's (a page that reads several services opens it once);
        another thread (a background job) opens its own."""
        from safar.warehouse import open_warehouse

        held: Warehouse | None = getattr(self._open, "warehouse", None)
        if held is not None:
            yield held
            return
        with open_warehouse(self.settings, wait=wait) as warehouse:
            warehouse.visible = self.workspace.datasets  # its errors name this workspace's datasets only
            self._open.warehouse = warehouse
            try:
                yield warehouse
            finally:
                self._open.warehouse = None

    def close(self) -> None:
        self.workspace.close()

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
