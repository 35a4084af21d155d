"""Shared fixtures: a fresh database per test (SQLite or PostgreSQL), a clock, factories."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from db import migrate
from db.models import Base
from db.session import dispose, is_sqlite, make_engine, make_session_factory, make_sync_engine

# `make test` runs the suite once on SQLite and once with DATABASE_URL naming PostgreSQL.
TEST_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")


@dataclass(frozen=True)
class Database:
    """Where a test's database is: a URL and, on PostgreSQL, the schema to use."""

    url: str
    schema: str | None = None


def fresh_postgres_schema() -> Database:
    schema = f"shura_test_{uuid.uuid4().hex[:12]}"
    engine = make_sync_engine(TEST_DATABASE_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return Database(TEST_DATABASE_URL, schema)


def drop_postgres_schema(database: Database) -> None:
    engine = make_sync_engine(database.url)
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{database.schema}" CASCADE'))
    engine.dispose()


def fresh_sqlite(folder: Path) -> Database:
    return Database(f"sqlite:///{folder / 'shura.db'}")


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One migrated database for the whole run; tests get copies (SQLite) or a wipe (PostgreSQL)."""
    if ON_POSTGRES:
        database = fresh_postgres_schema()
        migrate.upgrade(database.url, schema=database.schema)
        yield database
        drop_postgres_schema(database)
    else:
        database = fresh_sqlite(tmp_path_factory.mktemp("template"))
        migrate.upgrade(database.url)
        yield database


@pytest.fixture
def database(_migrated_template: Database, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database of its own for this test."""
    if ON_POSTGRES:
        yield _migrated_template
        engine = make_sync_engine(_migrated_template.url, schema=_migrated_template.schema)
        tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
        with engine.begin() as connection:
            connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
    else:
        assert is_sqlite(_migrated_template.url)
        source = Path(sa.make_url(_migrated_template.url).database or "")
        shutil.copyfile(source, tmp_path / "shura.db")
        yield fresh_sqlite(tmp_path)


@pytest.fixture
async def engine(database: Database) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database.url, schema=database.schema)
    yield engine
    await dispose(engine)


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_session_factory(engine)


@pytest.fixture
async def session(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session whose work the test commits (or not) itself."""
    async with sessions() as session:
        yield session


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
