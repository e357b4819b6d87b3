"""The Alembic migrations create exactly the tables the code describes, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from safar.config import Settings
from safar.store.engine import is_migrated, make_engine, migrate
from safar.store.tables import Base


def test_migrations_match_the_models(database: str) -> None:
    engine = make_engine(Settings.from_env().database_url)
    assert not is_migrated(engine)
    migrate(engine)
    migrate(engine)  # idempotent
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_plain_postgresql_urls_get_the_psycopg_driver() -> None:
    engine = make_engine("postgresql://someone@127.0.0.1:1/none")
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


def test_an_unreachable_database_is_a_clear_error() -> None:
    import pytest

    from safar.errors import ConfigError

    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(ConfigError) as caught:
        migrate(engine)
    assert caught.value.code == "config.database_unreachable"
    assert "127.0.0.1:1" in caught.value.message_for("en")
