"""Query helpers shared by the services. Repositories never commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Base


def insert_or_ignore(
    session: AsyncSession, model: type[Base], conflict: list[str], values: dict[str, Any]
) -> Insert:
    """An INSERT that does nothing when the unique `conflict` columns already match a row."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return (
            postgresql.insert(model)
            .values(**values)
            .on_conflict_do_nothing(index_elements=conflict)
        )
    return sqlite.insert(model).values(**values).on_conflict_do_nothing(index_elements=conflict)
