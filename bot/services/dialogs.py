"""Half-finished conversations, stored so they survive a restart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.models import Dialog, Person


async def current(session: AsyncSession, person: Person) -> Dialog | None:
    return (
        await session.execute(select(Dialog).where(Dialog.person_id == person.id))
    ).scalar_one_or_none()


async def begin(
    session: AsyncSession,
    clock: Clock,
    person: Person,
    flow: str,
    step: str,
    data: dict[str, Any] | None = None,
) -> Dialog:
    """Start a conversation, replacing any the person left unfinished."""
    await finish(session, person)
    dialog = Dialog(
        person_id=person.id, flow=flow, step=step, data=dict(data or {}), updated_at=clock.now()
    )
    session.add(dialog)
    await session.flush()
    return dialog


def advance(dialog: Dialog, clock: Clock, step: str, **data: Any) -> None:
    """Move to the next step, remembering the answers so far."""
    # A new dict, so SQLAlchemy sees the JSON column change.
    dialog.data = {**dialog.data, **data}
    dialog.step = step
    dialog.updated_at = clock.now()


async def finish(session: AsyncSession, person: Person) -> bool:
    """End the person's conversation; True if there was one."""
    result = await session.execute(delete(Dialog).where(Dialog.person_id == person.id))
    return bool(getattr(result, "rowcount", 0))
