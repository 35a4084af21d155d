"""One bot process per database: a lock the operating system or PostgreSQL drops when it dies."""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from db.session import ensure_sqlite_directory, make_sync_engine


class AlreadyRunning(Exception):
    """Another process holds the lock of this database."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


@contextmanager
def instance_lock(url: str | URL, *, schema: str | None = None) -> Iterator[None]:
    """Hold the database's lock for the life of the block; AlreadyRunning if another has it.

    A process that dies (even by SIGKILL) releases it: the kernel closes its lock file, and
    PostgreSQL ends its session. A restart after a crash is never blocked.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with _file_lock(parsed):
            yield
    else:
        with _advisory_lock(parsed, schema):
            yield


@contextmanager
def _file_lock(url: URL) -> Iterator[None]:
    if url.database in (None, "", ":memory:"):
        yield  # nothing another process could share
        return
    ensure_sqlite_directory(url)
    database = Path(url.database or "").resolve()
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


def advisory_key(database: str, schema: str) -> int:
    """A signed 64-bit key for pg_try_advisory_lock, one per database and schema."""
    digest = hashlib.blake2b(f"shura:{database}:{schema}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def _advisory_lock(url: URL, schema: str | None) -> Iterator[None]:
    engine = make_sync_engine(url, schema=schema)
    try:
        # The lock belongs to this connection's session: kept open as long as the process runs.
        with engine.connect() as connection:
            database, current = connection.execute(
                sa.text("SELECT current_database(), current_schema()")
            ).one()
            key = advisory_key(database, current or "")
            taken = connection.execute(
                sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": key}
            ).scalar_one()
            connection.commit()
            if not taken:
                raise AlreadyRunning(f"{url.render_as_string(hide_password=True)} ({current})")
            try:
                yield
            finally:
                connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
    finally:
        engine.dispose()
