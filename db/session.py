"""Engines and sessions for SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def _url(url: str | URL, *, asynchronous: bool) -> URL:
    """The URL with the driver Shura uses: aiosqlite/pysqlite or psycopg (both modes)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite" if asynchronous else "sqlite")
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    raise ValueError(f"unsupported database {backend!r}")


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def ensure_sqlite_directory(url: str | URL) -> None:
    """Create the folder of a SQLite file, so a new user needs nothing but a token."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def _connect_args(url: URL, schema: str | None) -> dict[str, Any]:
    if url.get_backend_name() == "postgresql" and schema:
        return {"options": f"-csearch_path={schema}"}
    if url.get_backend_name() == "sqlite":
        # Waiting on a lock beats failing a user's tap while another write finishes.
        return {"timeout": 15}
    return {}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | URL, *, schema: str | None = None) -> AsyncEngine:
    """The async engine the bot runs on."""
    async_url = _url(url, asynchronous=True)
    ensure_sqlite_directory(async_url)
    engine = create_async_engine(
        async_url,
        connect_args=_connect_args(async_url, schema),
        pool_pre_ping=True,
        # SQL errors would otherwise quote their parameters, i.e. what people typed, in logs.
        hide_parameters=True,
    )
    if async_url.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def make_sync_engine(url: str | URL, *, schema: str | None = None) -> Engine:
    """A synchronous engine, for migrations and tooling."""
    sync_url = _url(url, asynchronous=False)
    ensure_sqlite_directory(sync_url)
    engine = create_engine(
        sync_url, connect_args=_connect_args(sync_url, schema), hide_parameters=True
    )
    if sync_url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Objects stay readable after the commit: replies are rendered after it.
    return async_sessionmaker(engine, expire_on_commit=False)


_WRITE_LOCKS: WeakKeyDictionary[AsyncEngine, asyncio.Lock] = WeakKeyDictionary()


def _write_lock(factory: async_sessionmaker[AsyncSession]) -> asyncio.Lock | None:
    """On SQLite, one lock per engine for transactions that may write.

    SQLite has a single writer; writers that find it busy sleep in growing steps (the busy
    timeout). Queuing them in the event loop instead hands the lock over at once.
    """
    engine = factory.kw.get("bind")
    if not isinstance(engine, AsyncEngine) or engine.dialect.name != "sqlite":
        return None
    lock = _WRITE_LOCKS.get(engine)
    if lock is None:
        lock = _WRITE_LOCKS[engine] = asyncio.Lock()
    return lock


@asynccontextmanager
async def transaction(
    factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One unit of work: commits when the block ends, rolls back if it raises.

    Never open one inside another: on SQLite the second would wait for the first forever.
    """
    lock = _write_lock(factory)
    async with lock if lock is not None else nullcontext():
        async with factory() as session, session.begin():
            yield session


@asynccontextmanager
async def reading(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A read-only unit of work: never waits for writers (SQLite WAL readers do not block)."""
    async with factory() as session:
        yield session
