"""Query helpers shared by the services. Repositories never commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Base


def insert_or_ignore(
    session: AsyncSession,
    model: type[Base],
    conflict: list[str],
    values: dict[str, Any] | None = None,
) -> Insert:
    """An INSERT that does nothing when the unique `conflict` columns already match a row.

    Without `values`, execute it with a list of parameter sets to insert many rows at once.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert(model) if dialect == "postgresql" else sqlite.insert(model)
    if values is not None:
        insert = insert.values(**values)
    return insert.on_conflict_do_nothing(index_elements=conflict)
