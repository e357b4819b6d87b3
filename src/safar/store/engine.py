"""Engines for the app database: SQLite in ``SAFAR_HOME`` or PostgreSQL, migrated to the latest schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError

from safar.errors import ConfigError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; plain ``postgresql://`` URLs get the psycopg 3 driver."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # A server's connection can go stale (PostgreSQL restarted): pinged before use. A SQLite file cannot,
    # and its ping was a sixth of a warm page's time under load.
    engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def alembic_config() -> Config:
    """Alembic's configuration for Safar's migrations (Alembic is imported only when it is needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema's revision. Migrations are files ``NNNN_name.py`` whose revision id is their number
    and whose ``down_revision`` is the number before (tests/core/test_store.py holds every file to it), so
    the head is read from the file names without loading Alembic and every script."""
    return max(path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database Safar has not made its tables in."""
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the database to the latest schema (a no-op when it is already there).

    At the head already (every start but the first after an upgrade), one query answers and Alembic is
    not even imported: a CLI command opens the app database without paying for the migration machinery.
    """
    try:
        if current_revision(engine) == head_revision():
            return
        from alembic import command

        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise unreachable(engine, exc) from exc


def unreachable(engine: Engine, exc: OperationalError) -> ConfigError:
    """The one message for an app database that cannot be reached: where, and what the driver said."""
    return ConfigError(
        "config.database_unreachable",
        url=engine.url.render_as_string(hide_password=True),
        problem=str(exc.orig).strip().splitlines()[0],
    )


def is_migrated(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")
