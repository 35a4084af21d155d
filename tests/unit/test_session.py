"""Transactions on SQLite: sqlite3 on the event loop, which never waits there for a lock."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import db.session
from bot.clock import FakeClock
from db.models import Person
from db.session import reading, transaction
from tests.conftest import ON_POSTGRES, Database
from tests.factories import make_person

sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="SQLite's own locking and checkpoints")


def sqlite_path(database: Database) -> str:
    return str(sa.make_url(database.url).database)


def file_size(database: Database) -> int:
    return Path(sqlite_path(database)).stat().st_size


@pytest.fixture
async def threads_handing_back() -> AsyncIterator[list[str]]:
    """Every callback another thread hands to the event loop (aiosqlite did five a statement)."""
    loop = asyncio.get_running_loop()
    handed: list[str] = []
    original = loop.call_soon_threadsafe

    def counted(callback: object, *args: object, **kwargs: object) -> object:
        handed.append(repr(callback))
        return original(callback, *args, **kwargs)  # type: ignore[arg-type]

    loop.call_soon_threadsafe = counted  # type: ignore[method-assign,assignment]
    yield handed
    loop.call_soon_threadsafe = original  # type: ignore[method-assign]


@sqlite_only
async def test_a_transaction_on_sqlite_makes_no_trip_through_another_thread(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, threads_handing_back: list[str]
) -> None:
    async with transaction(sessions) as session:
        person = await make_person(session, clock)
        await session.execute(select(Person).where(Person.id == person.id))
    async with reading(sessions) as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 1
    assert threads_handing_back == []


@sqlite_only
async def test_a_transaction_waits_for_another_processs_write_without_holding_up_the_loop(
    database: Database,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Another process (a `shura migrate`, a backup tool) writes to the same file.
    other = sqlite3.connect(sqlite_path(database))
    other.execute("BEGIN IMMEDIATE")
    loop = asyncio.get_running_loop()
    waiting = asyncio.Event()
    wait_to_begin = db.session._wait_to_begin

    def wait_in_a_thread(raw: sqlite3.Connection) -> None:
        loop.call_soon_threadsafe(waiting.set)
        wait_to_begin(raw)

    monkeypatch.setattr(db.session, "_wait_to_begin", wait_in_a_thread)

    async def write() -> None:
        async with transaction(sessions) as session:
            await make_person(session, clock, first_name="Zahra")

    writer = asyncio.create_task(write())
    await waiting.wait()
    # Meanwhile the loop is free: a reader reads, other updates go on.
    async with reading(sessions) as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 0
    assert not writer.done()
    other.rollback()
    other.close()
    await writer
    async with reading(sessions) as session:
        assert await session.scalar(select(Person.first_name)) == "Zahra"


@sqlite_only
async def test_written_pages_reach_the_database_file_by_a_checkpoint_off_the_loop(
    database: Database,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db.session, "CHECKPOINT_EVERY", 2)
    size = file_size(database)
    async with transaction(sessions) as session:
        for _ in range(200):
            await make_person(session, clock, first_name="x" * 200)
    assert file_size(database) == size, "a commit leaves its pages in the log"
    async with transaction(sessions) as session:
        await make_person(session, clock)
    checkpoint = db.session._SQLITE[engine].checkpoint
    assert checkpoint is not None
    await checkpoint
    assert file_size(database) > size


async def test_a_connection_runs_core_statements_as_a_session_does(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        assert (await connection.execute(sa.text("SELECT 1"))).scalar() == 1
        assert (await connection.exec_driver_sql("SELECT 2")).scalar() == 2


@sqlite_only
async def test_a_reader_reads_what_was_committed_while_a_writer_holds_the_lock(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with transaction(sessions) as session:
        await make_person(session, clock)
    async with transaction(sessions) as session:
        await make_person(session, clock)
        async with reading(sessions) as other:
            assert await other.scalar(select(func.count()).select_from(Person)) == 1


postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="a PostgreSQL server can go away")


@postgres_only
async def test_a_connection_the_server_closed_while_idle_is_replaced_unseen(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with transaction(sessions) as other:
        await other.execute(sa.text("SELECT 1"))  # holds a connection of its own
        async with transaction(sessions) as session:
            pid = await session.scalar(sa.text("SELECT pg_backend_pid()"))
        # The server restarts (or a proxy drops it) while the connection waits in the pool.
        await other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    await asyncio.sleep(0.1)
    later = db.session.time.monotonic() + db.session.IDLE_BEFORE_PING + 1
    monkeypatch.setattr(db.session.time, "monotonic", lambda: later)

    async with transaction(sessions) as session:
        assert await session.scalar(sa.text("SELECT pg_backend_pid()")) != pid


@postgres_only
async def test_a_connection_back_at_once_is_not_asked_first(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        statements.append(sql)

    async with transaction(sessions) as session:
        await session.execute(sa.text("SELECT 1"))
    sa.event.listen(engine.sync_engine, "before_cursor_execute", seen)
    async with transaction(sessions) as session:
        await session.execute(sa.text("SELECT 2"))
    assert statements == ["SELECT 2"], "no ping: the connection was just used"
