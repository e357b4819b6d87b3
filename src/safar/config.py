"""Where Safar keeps its data, read once from the environment.

``SAFAR_HOME`` (default ``./.safar``) holds the embedded app database
(``safar.db``, SQLite) and the embedded warehouse (``warehouse.duckdb``).
``SAFAR_DATABASE_URL`` points the app database elsewhere (PostgreSQL:
``postgresql+psycopg://user@host:5432/db``); ``SAFAR_WAREHOUSE_URL`` points the
warehouse at another Ibis backend. ``SAFAR_TZ`` (an IANA zone, e.g. ``Asia/Tehran``) is the
time zone dates are shown in (:func:`safar.i18n.numbers.display_timezone`) and the one importers
read times written without an offset in (unset: Asia/Tehran in Persian, UTC in English; see
:func:`safar.events.dates.default_zone`). ``SAFAR_CALENDAR`` (``jalali`` or ``gregorian``) is the calendar
reports count periods in whatever the reader's language (unset: Jalali in Persian, Gregorian in English;
:class:`safar.events.periods.Calendar`). ``SAFAR_PAGE_WAIT`` (seconds, default 2) is how long a page
waits for a recomputation of its numbers before it shows the earlier ones, marked as such
(:mod:`safar.services.results`). ``SAFAR_WAREHOUSE_MEMORY`` (default ``3GB``) bounds the memory the embedded
warehouse (DuckDB) uses for analytics; larger work spills to disk.

>>> s = Settings.from_env({"SAFAR_HOME": "/tmp/x"})
>>> s.database_url, s.warehouse_path.name
('sqlite:////tmp/x/safar.db', 'warehouse.duckdb')
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from safar.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    warehouse_url: str | None
    workspace: str
    author: str
    timezone: str | None = None
    calendar: str | None = None
    page_wait: float = 2.0
    warehouse_memory: str = "3GB"
    secret_key: str | None = field(default=None, repr=False)  # SAFAR_SECRET_KEY (safar.keys)
    # E-mail (safar.mail): the SMTP server (smtp://, smtp+starttls:// or smtps://, user and password in the
    # URL when it needs them), the sender, and the app's public address the mails link to.
    smtp_url: str | None = field(default=None, repr=False)
    mail_from: str = "safar@localhost"
    public_url: str = "http://127.0.0.1:8000"

    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        home = Path(env.get("SAFAR_HOME") or ".safar").expanduser().absolute()
        url = env.get("SAFAR_DATABASE_URL") or f"sqlite:///{home / 'safar.db'}"
        if not url.startswith(("sqlite", "postgresql")):
            raise ConfigError("config.database_url", url=url)
        return cls(
            home=home,
            database_url=url,
            warehouse_url=env.get("SAFAR_WAREHOUSE_URL") or None,
            workspace=env.get("SAFAR_WORKSPACE") or "default",
            author=env.get("SAFAR_USER") or _login(),
            timezone=env.get("SAFAR_TZ") or None,
            calendar=_calendar(env.get("SAFAR_CALENDAR")),
            page_wait=_seconds(env, "SAFAR_PAGE_WAIT", 2.0),
            warehouse_memory=_memory(env, "SAFAR_WAREHOUSE_MEMORY", "3GB"),
            secret_key=env.get("SAFAR_SECRET_KEY") or None,
            smtp_url=env.get("SAFAR_SMTP_URL") or None,
            mail_from=env.get("SAFAR_MAIL_FROM") or "safar@localhost",
            public_url=(env.get("SAFAR_PUBLIC_URL") or "http://127.0.0.1:8000").rstrip("/"),
        )


def _memory(env: Mapping[str, str], name: str, default: str) -> str:
    """An amount of memory such as ``3GB`` or ``512MB`` from ``name``; anything else is refused.

    >>> _memory({}, "SAFAR_WAREHOUSE_MEMORY", "3GB"), _memory({"SAFAR_WAREHOUSE_MEMORY": "1.5 gb"}, "SAFAR_WAREHOUSE_MEMORY", "3GB")
    ('3GB', '1.5GB')
    """
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMGT]i?B)", raw, re.IGNORECASE)
    if found is None or float(found.group(1)) <= 0:
        raise ConfigError("config.memory", name=name, value=raw)
    unit = found.group(2).upper().replace("IB", "iB")
    return f"{found.group(1)}{unit}"


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A number of seconds ≥ 0 from ``name``; anything else is refused with what to write.

    >>> _seconds({"SAFAR_PAGE_WAIT": "0.5"}, "SAFAR_PAGE_WAIT", 2.0), _seconds({}, "SAFAR_PAGE_WAIT", 2.0)
    (0.5, 2.0)
    """
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise ConfigError("config.seconds", name=name, value=raw)
    return value


def _calendar(raw: str | None) -> str | None:
    """``jalali``, ``gregorian`` or unset; anything else is refused with what to write.

    >>> _calendar(" Jalali "), _calendar(None)
    ('jalali', None)
    """
    value = (raw or "").strip().lower()
    if value and value not in ("jalali", "gregorian"):
        raise ConfigError("config.calendar", value=raw)
    return value or None


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
