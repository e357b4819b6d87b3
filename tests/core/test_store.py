"""The Alembic migrations create exactly the tables the code describes, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from safar.config import Settings
from safar.store.engine import is_migrated, make_engine, migrate
from safar.store.tables import Base


def test_migrations_match_the_models(empty_database: str) -> None:
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


def test_migration_files_are_numbered_by_their_revision() -> None:
    """What head_revision() relies on: file NNNN is revision NNNN, revising the one before; one head."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from safar.store.engine import MIGRATIONS, head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    chain = [
        (script.revision, script.down_revision, script.path.rsplit("/", 1)[-1][:4])
        for script in scripts.walk_revisions()
    ]
    numbers = sorted(number for _, _, number in chain)
    assert [(rev, down) for rev, down, _ in sorted(chain)] == [
        (number, numbers[i - 1] if i else None) for i, number in enumerate(numbers)
    ]
    assert all(rev == number for rev, _, number in chain)
    assert scripts.get_heads() == [head_revision()]


def test_a_database_at_the_head_is_not_migrated_again(empty_database: str) -> None:
    from safar.store.engine import current_revision, head_revision

    engine = make_engine(Settings.from_env().database_url)
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()
