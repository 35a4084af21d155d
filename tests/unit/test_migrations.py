"""The migration stairway: every revision upgrades, downgrades and upgrades again."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from db import migrate
from db.models import Base
from db.session import make_sync_engine
from tests.conftest import (
    ON_POSTGRES,
    Database,
    drop_postgres_schema,
    fresh_postgres_schema,
    fresh_sqlite,
)


def _revisions() -> list[str]:
    script = ScriptDirectory(str(migrate.MIGRATIONS))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[Database]:
    if ON_POSTGRES:
        database = fresh_postgres_schema()
        yield database
        drop_postgres_schema(database)
    else:
        yield fresh_sqlite(tmp_path)


def _tables(database: Database) -> set[str]:
    engine = make_sync_engine(database.url, schema=database.schema)
    try:
        return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", _revisions())
def test_each_revision_upgrades_downgrades_and_upgrades_again(
    empty_database: Database, revision: str
) -> None:
    revisions = _revisions()
    previous = revisions[revisions.index(revision) - 1] if revisions.index(revision) else "base"
    url, schema = empty_database.url, empty_database.schema
    migrate.upgrade(url, revision, schema=schema)
    after_upgrade = _tables(empty_database)
    migrate.downgrade(url, previous, schema=schema)
    migrate.upgrade(url, revision, schema=schema)
    assert _tables(empty_database) == after_upgrade


def test_head_has_every_table_of_the_models(empty_database: Database) -> None:
    migrate.upgrade(empty_database.url, schema=empty_database.schema)
    assert _tables(empty_database) == set(Base.metadata.tables)


def test_downgrade_to_base_leaves_nothing(empty_database: Database) -> None:
    migrate.upgrade(empty_database.url, schema=empty_database.schema)
    migrate.downgrade(empty_database.url, "base", schema=empty_database.schema)
    assert _tables(empty_database) == set()


def test_telegram_ids_beyond_32_bits_are_stored(empty_database: Database) -> None:
    migrate.upgrade(empty_database.url, schema=empty_database.schema)
    engine = make_sync_engine(empty_database.url, schema=empty_database.schema)
    big = 2**52 + 7
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO person (tg_user_id, first_name, reachable, is_coordinator, created_at)"
                " VALUES (:id, 'x', true, false, CURRENT_TIMESTAMP)"
            ),
            {"id": big},
        )
        stored = connection.execute(sa.text("SELECT tg_user_id FROM person")).scalar_one()
    engine.dispose()
    assert stored == big


def test_the_migrations_build_exactly_what_the_models_describe(empty_database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    migrate.upgrade(empty_database.url, schema=empty_database.schema)
    engine = make_sync_engine(empty_database.url, schema=empty_database.schema)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_the_newest_revision_is_read_from_the_files_as_alembic_reads_it() -> None:
    script = ScriptDirectory(str(migrate.MIGRATIONS))
    assert migrate.head_revision() == script.get_current_head()


def test_a_database_is_current_only_at_the_newest_revision(empty_database: Database) -> None:
    url, schema = empty_database.url, empty_database.schema
    assert not migrate.is_current(url, schema=schema)
    migrate.upgrade(url, schema=schema)
    assert migrate.is_current(url, schema=schema)
    migrate.downgrade(url, "-1", schema=schema)
    assert not migrate.is_current(url, schema=schema)
