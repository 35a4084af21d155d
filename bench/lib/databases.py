"""A fresh, migrated database for one benchmark: SQLite in a temporary folder, or a PostgreSQL
schema of its own (BENCH_DATABASE_URL, else DATABASE_URL when it names PostgreSQL)."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from db import migrate
from db.session import make_sync_engine


@dataclass(frozen=True)
class BenchDatabase:
    name: str
    url: str
    schema: str | None = None


def postgres_url() -> str | None:
    for name in ("BENCH_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith("postgresql"):
            return url
    return None


def wanted(choice: str) -> list[str]:
    """The databases to run on: `sqlite`, `postgresql`, or `both` (PostgreSQL if configured)."""
    if choice == "both":
        return ["sqlite", "postgresql"] if postgres_url() else ["sqlite"]
    return [choice]


@contextmanager
def fresh(name: str) -> Iterator[BenchDatabase]:
    if name == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'bench.db'}"
            migrate.upgrade(url)
            yield BenchDatabase(name, url)
        return
    url = postgres_url()
    if url is None:
        raise SystemExit("PostgreSQL: set BENCH_DATABASE_URL (or DATABASE_URL) to a postgresql URL")
    schema = f"shura_bench_{uuid.uuid4().hex[:12]}"
    engine = make_sync_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        migrate.upgrade(url, schema=schema)
        yield BenchDatabase(name, url, schema)
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()
