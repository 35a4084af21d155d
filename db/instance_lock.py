"""Locks that say which process may do what on a database.

- SQLite: one bot process per database file, held by a file lock the kernel drops when the
  process dies (`sqlite_lock`).
- PostgreSQL: any number of processes; one of them leads, the one holding the database's
  advisory lock on its own connection (`LockConnection`). PostgreSQL drops the lock when the
  connection's session ends, so a dead leader frees it for a standby. Migrations are run under
  another advisory lock (`migration_lock`), so processes starting together migrate one by one.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from db.session import ensure_sqlite_directory, make_sync_engine


class AlreadyRunning(Exception):
    """Another process holds the lock of this database."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


@contextmanager
def sqlite_lock(url: str | URL) -> Iterator[None]:
    """Hold the SQLite database's lock for the life of the block; AlreadyRunning if another
    process has it.

    A process that dies (even by SIGKILL) releases it: the kernel closes its lock file. A
    restart after a crash is never blocked.
    """
    parsed = make_url(url)
    if parsed.database in (None, "", ":memory:"):
        yield  # nothing another process could share
        return
    ensure_sqlite_directory(parsed)
    database = Path(parsed.database or "").resolve()
    path = database.with_name(database.name + ".lock")
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(str(database)) from None
        yield
    finally:
        os.close(handle)  # closing releases the lock


def advisory_key(database: str, schema: str, purpose: str = "") -> int:
    """A signed 64-bit key for pg_advisory_lock, one per database, schema and purpose."""
    name = f"shura:{database}:{schema}" + (f":{purpose}" if purpose else "")
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock_ids(key: int) -> tuple[int, int]:
    """How pg_locks shows a bigint advisory key: (classid, objid), with objsubid 1."""
    unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
    return unsigned >> 32, unsigned & 0xFFFF_FFFF


# Who holds an advisory lock of this database: the server process id of its session.
HOLDER_SQL = (
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND classid::bigint = %(classid)s AND objid::bigint = %(objid)s"
    " AND objsubid = 1"
)


@contextmanager
def migration_lock(url: str | URL, *, schema: str | None = None) -> Iterator[None]:
    """On PostgreSQL, wait for the database's migration lock and hold it for the block, so
    processes started together do not migrate the same schema at once. Nothing on SQLite
    (one process at a time anyway)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        yield
        return
    engine = make_sync_engine(parsed, schema=schema)
    try:
        with engine.connect() as connection:
            database, current = connection.execute(
                sa.text("SELECT current_database(), current_schema()")
            ).one()
            key = advisory_key(database, current or "", "migrate")
            connection.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": key})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
    finally:
        engine.dispose()


# A leader's lock connection must notice a dead network, and the server must end the
# session (freeing the lock for a standby) when the leader's host vanishes without a word.
CLIENT_KEEPALIVE: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 3,
    "keepalives_interval": 1,
    "keepalives_count": 3,
    "tcp_user_timeout": 5000,
}
SERVER_KEEPALIVE = (
    "SET tcp_keepalives_idle = 3",
    "SET tcp_keepalives_interval = 1",
    "SET tcp_keepalives_count = 3",
    "SET tcp_user_timeout = 5000",
    "SET statement_timeout = 5000",
)


def conninfo(url: str | URL, schema: str | None = None) -> tuple[str, dict[str, Any]]:
    """A libpq connection string for a SQLAlchemy PostgreSQL URL, and keyword parameters."""
    parsed = make_url(url).set(drivername="postgresql")
    extra: dict[str, Any] = dict(CLIENT_KEEPALIVE)
    if schema:
        extra["options"] = f"-csearch_path={schema}"
    return parsed.render_as_string(hide_password=False), extra


class LockConnection:
    """One PostgreSQL connection of its own, holding this process's advisory locks.

    Every call may raise psycopg.Error (or hang, on a dead network: callers bound the wait).
    """

    def __init__(self, connection: psycopg.AsyncConnection[Any]) -> None:
        self.connection = connection
        self.key = 0
        self.backend_pid = 0
        self.backend_start: datetime | None = None

    @classmethod
    async def open(cls, url: str | URL, schema: str | None = None) -> LockConnection:
        dsn, extra = conninfo(url, schema)
        connection = await psycopg.AsyncConnection.connect(dsn, autocommit=True, **extra)
        lock = cls(connection)
        try:
            for statement in SERVER_KEEPALIVE:
                await connection.execute(statement)
            row = await (
                await connection.execute(
                    "SELECT current_database(), current_schema(), pg_backend_pid(),"
                    " (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())"
                )
            ).fetchone()
            assert row is not None
            database, current, lock.backend_pid, lock.backend_start = row
            lock.key = advisory_key(database, current or "")
        except BaseException:
            await connection.close()
            raise
        return lock

    async def try_lead(self) -> bool:
        """Take the leader's lock if nobody holds it; True when this connection holds it."""
        cursor = await self.connection.execute(
            "SELECT pg_try_advisory_lock(%(key)s)", {"key": self.key}
        )
        row = await cursor.fetchone()
        return bool(row and row[0])

    async def holds(self) -> bool:
        """This connection's session still holds the leader's lock (a round trip to the server)."""
        return await self.holder() == self.backend_pid

    async def holder(self) -> int | None:
        """The server process id of the session holding the leader's lock, if any."""
        classid, objid = lock_ids(self.key)
        cursor = await self.connection.execute(HOLDER_SQL, {"classid": classid, "objid": objid})
        row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def release(self) -> None:
        await self.connection.execute("SELECT pg_advisory_unlock(%(key)s)", {"key": self.key})

    async def close(self) -> None:
        """Close without waiting on the network: the server ends the session (and its locks)."""
        await self.connection.close()
