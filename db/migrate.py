"""Alembic, driven from code: `shura migrate` and start-up call these."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import Engine

from db.session import make_sync_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_ASSIGNED = r'^{name}\s*(?::[^=]*)?=\s*["\']([^"\']+)["\']'


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(url: str, revision: str = "head", *, schema: str | None = None) -> None:
    """Bring the database up to `revision`."""
    from alembic import command

    engine = make_sync_engine(url, schema=schema)
    try:
        command.upgrade(alembic_config(engine), revision)
    finally:
        engine.dispose()


def downgrade(url: str, revision: str, *, schema: str | None = None) -> None:
    """Take the database down to `revision`."""
    from alembic import command

    engine = make_sync_engine(url, schema=schema)
    try:
        command.downgrade(alembic_config(engine), revision)
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """The newest revision, read from the migration files without running them (or loading
    Alembic, which alone takes longer than the rest of a restart's database work); None
    when the files do not name exactly one."""
    revisions: set[str] = set()
    replaced: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = re.search(_ASSIGNED.format(name="revision"), source, re.MULTILINE)
        if revision is None:
            return None
        revisions.add(revision.group(1))
        down = re.search(_ASSIGNED.format(name="down_revision"), source, re.MULTILINE)
        if down is not None:
            replaced.add(down.group(1))
    heads = revisions - replaced
    return heads.pop() if len(heads) == 1 else None


def is_current(url: str, *, schema: str | None = None) -> bool:
    """The database is at the newest revision already: nothing to migrate."""
    head = head_revision()
    if head is None:
        return False
    engine = make_sync_engine(url, schema=schema)
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("alembic_version"):
                return False
            found = connection.execute(sa.text("SELECT version_num FROM alembic_version"))
            return list(found.scalars()) == [head]
    finally:
        engine.dispose()
