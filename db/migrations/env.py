"""Alembic environment: runs migrations on the engine db.migrate hands over."""

from __future__ import annotations

from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Engine

from db.models import Base, UTCDateTime
from db.session import make_sync_engine

config = context.config
engine: Engine | None = config.attributes.get("engine")
if engine is None:
    engine = make_sync_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///data/shura.db")


def render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write UTCDateTime columns as plain timezone-aware DateTime: migrations outlive models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()
