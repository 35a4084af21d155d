"""Engines and sessions for SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event, pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_

log = logging.getLogger(__name__)

# How long a transaction waits for SQLite's write lock that another process holds.
LOCK_TIMEOUT = 15.0  # seconds
# Commits between two checkpoints, which copy the write-ahead log into the database file:
# about SQLite's own default of a thousand pages of log, at four or five pages a commit.
CHECKPOINT_EVERY = 250


class SQLiteOnLoop(SQLiteDialect_pysqlite):
    """SQLite through the standard sqlite3 module, called on the event loop's own thread.

    An async driver (aiosqlite) hands every cursor, execute, fetch and commit to a worker
    thread and back: about five thread hops per statement, which cost more than SQLite's own
    work on this bot's small transactions. Here a statement runs where it is awaited, and
    nothing on the loop ever waits for a lock: `transaction` takes SQLite's write lock without
    waiting (or waits in a worker thread), readers never wait in WAL mode, and checkpoints, the
    only slow writes, run in a worker thread.
    """

    driver = "onloop"
    is_async = True
    supports_statement_cache = True

    def create_connect_args(self, url: URL) -> Any:
        args, options = super().create_connect_args(url)
        return args, {**options, "factory": _Connection}

    # AsyncConnection.execute insists that a statement awaited something. A coroutine that
    # returns at once satisfies it without a trip through the event loop (under a microsecond).
    def do_execute(self, cursor: Any, statement: Any, parameters: Any, context: Any = None) -> None:
        await_(_at_once())
        super().do_execute(cursor, statement, parameters, context)  # type: ignore[no-untyped-call]

    def do_executemany(
        self, cursor: Any, statement: Any, parameters: Any, context: Any = None
    ) -> None:
        await_(_at_once())
        super().do_executemany(cursor, statement, parameters, context)  # type: ignore[no-untyped-call]

    def do_execute_no_params(self, cursor: Any, statement: Any, context: Any = None) -> None:
        await_(_at_once())
        super().do_execute_no_params(cursor, statement, context)  # type: ignore[no-untyped-call]

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        if cls._is_url_file_db(url):
            return pool.AsyncAdaptedQueuePool
        return pool.StaticPool


async def _at_once() -> None:
    return None


class _Cursor(sqlite3.Cursor):
    async def _async_soft_close(self) -> None:
        """Async drivers buffer rows here before a result leaves the greenlet; sqlite3 need not."""


class _Connection(sqlite3.Connection):
    def cursor(self, factory: Any = _Cursor) -> Any:
        return super().cursor(factory)


registry.register("sqlite.onloop", __name__, "SQLiteOnLoop")


def _url(url: str | URL, *, asynchronous: bool) -> URL:
    """The URL with the driver Shura uses: sqlite3 (on the loop) or psycopg (both modes)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+onloop" if asynchronous else "sqlite")
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
    if url.drivername == "sqlite+onloop":
        # Never wait for a lock on the loop (see _begin_writing); a worker thread may use the
        # connection while it waits there.
        return {"timeout": 0, "check_same_thread": False}
    if url.get_backend_name() == "sqlite":
        # Waiting on a lock beats failing a user's tap while another write finishes.
        return {"timeout": LOCK_TIMEOUT}
    return {}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_pragmas_on_loop(dbapi_connection: Any, record: Any) -> None:
    _sqlite_pragmas(dbapi_connection, record)
    # A checkpoint writes and syncs the database file: _SQLite.committed runs it in a thread.
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


def make_engine(url: str | URL, *, schema: str | None = None) -> AsyncEngine:
    """The async engine the bot runs on."""
    async_url = _url(url, asynchronous=True)
    ensure_sqlite_directory(async_url)
    engine = create_async_engine(
        async_url,
        connect_args=_connect_args(async_url, schema),
        # SQL errors would otherwise quote their parameters, i.e. what people typed, in logs.
        hide_parameters=True,
    )
    if async_url.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas_on_loop)
        event.listen(engine.sync_engine, "begin", _begin_writing)
    else:
        # A SQLite file cannot go away under an open connection; a PostgreSQL server can.
        event.listen(engine.sync_engine.pool, "connect", _used)
        event.listen(engine.sync_engine.pool, "checkin", _used)
        event.listen(engine.sync_engine.pool, "checkout", _ping_if_idle)
    return engine


# A PostgreSQL connection back from the pool within this many seconds of its last use is
# taken as alive; an older one is asked first, so a restarted server costs no update. (A ping
# before every transaction, SQLAlchemy's pool_pre_ping, is a round trip on every tap.)
IDLE_BEFORE_PING = 5.0  # seconds
_LAST_USED = "shura_last_used"


def _used(_dbapi_connection: Any, record: Any, *_args: Any) -> None:
    record.info[_LAST_USED] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    if time.monotonic() - record.info.get(_LAST_USED, 0.0) < IDLE_BEFORE_PING:
        return
    try:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT 1")
        finally:
            cursor.close()
    except Exception as error:
        # The pool drops this connection and hands out a new one.
        raise DisconnectionError("the connection was closed by the server") from error


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


# Marks the connections of SQLite sessions that write: see _begin_writing.
_WRITER = "shura_writer"


@dataclass
class _SQLite:
    """What one SQLite engine's transactions share: a single writer, and checkpoints.

    The writer keeps one connection of its own for as long as the engine lives: taking one
    from the pool and giving it back (with its reset) cost more than most of the bot's
    transactions do. Writers take turns, so one connection serves them all.
    """

    path: str | None
    writers: async_sessionmaker[AsyncSession]
    writer: asyncio.Lock = field(default_factory=asyncio.Lock)
    commits: int = 0
    checkpoint: asyncio.Task[None] | None = None
    connection: AsyncConnection | None = None
    # The writers' one session on that connection: closed after each transaction, which
    # leaves it as new, and used again by the next.
    reused: AsyncSession | None = None
    closed: bool = False

    async def session(self) -> AsyncSession:
        """A session for the next writer (who holds `writer`)."""
        if self.path is None or self.closed:
            # In memory, every session shares the one connection there is anyway; and an
            # engine used after `dispose` lends and takes back a connection each time.
            return self.writers()
        connection = self.connection
        if connection is None or connection.closed or connection.invalidated:
            engine = self.writers.kw["bind"]
            connection = self.connection = await engine.connect()
            options = {key: value for key, value in self.writers.kw.items() if key != "bind"}
            self.reused = async_sessionmaker(connection, **options)()
        elif connection.in_transaction():
            # A transaction a failure left open: what it did is not kept.
            await connection.rollback()
        assert self.reused is not None
        return self.reused

    async def close(self) -> None:
        """Give back the writer's connection, and let a checkpoint under way finish."""
        self.closed = True
        if self.connection is not None:
            await self.connection.close()
            self.connection = None
        if self.checkpoint is not None:
            await asyncio.wait([self.checkpoint])

    def committed(self) -> None:
        """Count a commit; every CHECKPOINT_EVERY, copy the log into the file, off the loop."""
        self.commits += 1
        if self.path is None or self.commits < CHECKPOINT_EVERY:
            return
        if self.checkpoint is not None and not self.checkpoint.done():
            return
        self.commits = 0
        self.checkpoint = asyncio.get_running_loop().create_task(
            asyncio.to_thread(_checkpoint, self.path), name="sqlite checkpoint"
        )


def _checkpoint(path: str) -> None:
    try:
        with closing(sqlite3.connect(path, timeout=LOCK_TIMEOUT)) as connection:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error:
        log.exception("SQLite checkpoint failed; the next one tries again")


_SQLITE: WeakKeyDictionary[AsyncEngine, _SQLite] = WeakKeyDictionary()


def _sqlite_of(factory: async_sessionmaker[AsyncSession]) -> _SQLite | None:
    """On SQLite, what the engine's transactions share; None on PostgreSQL."""
    engine = factory.kw.get("bind")
    if not isinstance(engine, AsyncEngine) or engine.dialect.name != "sqlite":
        return None
    state = _SQLITE.get(engine)
    if state is None:
        database = engine.url.database
        writers = async_sessionmaker(
            engine.execution_options(**{_WRITER: True}),
            **{key: value for key, value in factory.kw.items() if key != "bind"},
        )
        path = database if database not in (None, "", ":memory:") else None
        state = _SQLITE[engine] = _SQLite(path, writers)
    return state


def _begin_writing(connection: Connection) -> None:
    """A writer's transaction takes SQLite's write lock as it starts.

    Everything it then does runs without waiting for another writer, so it may run on the
    loop. If another process holds the lock, the wait happens in a worker thread.
    """
    if not connection.get_execution_options().get(_WRITER):
        return
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
            raise
        await_(asyncio.to_thread(_wait_to_begin, raw))


def _wait_to_begin(raw: sqlite3.Connection) -> None:
    raw.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT * 1000)}")
    try:
        raw.execute("BEGIN IMMEDIATE")
    finally:
        raw.execute("PRAGMA busy_timeout = 0")


@asynccontextmanager
async def transaction(
    factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One unit of work: commits when the block ends, rolls back if it raises.

    Never open one inside another: on SQLite the second would wait for the first forever.
    """
    sqlite = _sqlite_of(factory)
    if sqlite is None:
        async with factory() as session, session.begin():
            yield session
        return
    # SQLite has a single writer; writers that find it busy sleep in growing steps (the busy
    # timeout). Queuing them in the event loop instead hands the lock over at once.
    async with sqlite.writer:
        session = await sqlite.session()
        try:
            async with session.begin():
                yield session
        finally:
            # Closing a SQLite session never waits: no shield against cancellation needed.
            await session.close()
        sqlite.committed()


@asynccontextmanager
async def reading(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A read-only unit of work: never waits for writers (SQLite WAL readers do not block)."""
    async with factory() as session:
        yield session


async def dispose(engine: AsyncEngine) -> None:
    """Close an engine made by make_engine: its connections, and on SQLite the writer's own."""
    state = _SQLITE.get(engine)
    if state is not None:
        await state.close()
    await engine.dispose()
