"""Alembic, driven from code: `shura migrate` and start-up call these."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from db.session import make_sync_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(url: str, revision: str = "head", *, schema: str | None = None) -> None:
    """Bring the database up to `revision`."""
    engine = make_sync_engine(url, schema=schema)
    try:
        command.upgrade(alembic_config(engine), revision)
    finally:
        engine.dispose()


def downgrade(url: str, revision: str, *, schema: str | None = None) -> None:
    """Take the database down to `revision`."""
    engine = make_sync_engine(url, schema=schema)
    try:
        command.downgrade(alembic_config(engine), revision)
    finally:
        engine.dispose()
