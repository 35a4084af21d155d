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


def test_replies_a_stopped_run_kept_move_to_their_update_and_back(
    empty_database: Database,
) -> None:
    url, schema = empty_database.url, empty_database.schema
    migrate.upgrade(url, "0011", schema=schema)
    engine = make_sync_engine(url, schema=schema)
    card = '{"msg": "rsvp-card", "params": {}}'
    rows = [(5, 1, 40, 77, card), (6, 1, 40, None, '{"msg": "help", "params": {}}')]
    rows.append((7, 2, 41, 78, card))  # its update was forgotten: the row comes back
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO incoming_update (update_id, received_at, handled_at)"
                    " VALUES (1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
            for reply_id, update_id, chat_id, message_id, text in rows:
                connection.execute(
                    sa.text(
                        "INSERT INTO pending_reply (id, update_id, chat_id, message_id, lang,"
                        " text, created_at) VALUES (:id, :u, :c, :m, 'fa', :t, CURRENT_TIMESTAMP)"
                    ),
                    {"id": reply_id, "u": update_id, "c": chat_id, "m": message_id, "t": text},
                )
        migrate.upgrade(url, schema=schema)
        with engine.connect() as connection:
            kept = connection.execute(
                sa.text(
                    "SELECT update_id, edits_chat_id, edits_message_id, replies IS NOT NULL"
                    " FROM incoming_update ORDER BY update_id"
                )
            ).all()
        assert [tuple(row) for row in kept] == [(1, 40, 77, True), (2, 41, 78, False)]
        migrate.downgrade(url, "0011", schema=schema)
        with engine.connect() as connection:
            back = connection.execute(
                sa.text("SELECT update_id, chat_id, message_id FROM pending_reply ORDER BY id")
            ).all()
        assert sorted((u, c, m or 0) for u, c, m in back) == [(1, 40, 0), (1, 40, 77), (2, 41, 78)]
    finally:
        engine.dispose()
