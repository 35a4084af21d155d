"""Counting the SQL statements some work sends: a test that fails when an N+1 comes back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The statements sent through `engine` inside the block, in order."""
    sent: list[str] = []

    def one(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", one)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", one)
