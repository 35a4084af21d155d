"""Coordinators: promoting, demoting, and the coordination group."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import audit
from bot.services.actor import is_coordinator
from bot.services.errors import DomainError, NotAllowed
from bot.services.people import find_person
from db.models import CoordinationChat, Person


def _require_coordinator(actor: Person, configured: Collection[int]) -> None:
    if not is_coordinator(actor, configured):
        raise NotAllowed("error-coordinators-only")


async def promote(
    session: AsyncSession, clock: Clock, actor: Person, configured: Collection[int], reference: str
) -> Person:
    """Make a person who has started the bot a coordinator."""
    _require_coordinator(actor, configured)
    if not reference.strip():
        raise DomainError("promote-usage")
    target = await find_person(session, reference)
    if target is None:
        raise DomainError("promote-unknown-person", reference=reference.strip())
    if is_coordinator(target, configured):
        raise DomainError("promote-already", name=target.display_name)
    target.is_coordinator = True
    audit.record(session, clock, actor, "coordinator.promoted", "person", target.id)
    return target


async def demote(
    session: AsyncSession, clock: Clock, actor: Person, configured: Collection[int], reference: str
) -> Person:
    """Take the coordinator role back from a promoted person."""
    _require_coordinator(actor, configured)
    if not reference.strip():
        raise DomainError("demote-usage")
    target = await find_person(session, reference)
    if target is None:
        raise DomainError("promote-unknown-person", reference=reference.strip())
    if target.tg_user_id in configured:
        # The settings name them; only whoever runs the bot can change that.
        raise DomainError("demote-configured", name=target.display_name)
    if not target.is_coordinator:
        raise DomainError("demote-not-coordinator", name=target.display_name)
    target.is_coordinator = False
    audit.record(session, clock, actor, "coordinator.demoted", "person", target.id)
    return target


async def bind_group(
    session: AsyncSession,
    clock: Clock,
    actor: Person,
    configured: Collection[int],
    tg_chat_id: int,
    title: str,
) -> CoordinationChat:
    """Make this group the coordination group; any earlier one stops being it."""
    _require_coordinator(actor, configured)
    await session.execute(
        update(CoordinationChat)
        .where(CoordinationChat.tg_chat_id != tg_chat_id)
        .values(active=False)
    )
    await session.flush()
    chat = (
        await session.execute(
            select(CoordinationChat).where(CoordinationChat.tg_chat_id == tg_chat_id)
        )
    ).scalar_one_or_none()
    if chat is None:
        chat = CoordinationChat(
            tg_chat_id=tg_chat_id,
            title=title[:255],
            active=True,
            bound_by_id=actor.id,
            bound_at=clock.now(),
        )
        session.add(chat)
    else:
        chat.title, chat.active, chat.bound_by_id = title[:255], True, actor.id
        chat.bound_at = clock.now()
    await session.flush()
    audit.record(session, clock, actor, "group.bound", "coordination_chat", chat.id, title=title)
    return chat


async def coordination_chat(session: AsyncSession) -> CoordinationChat | None:
    return (
        await session.execute(select(CoordinationChat).where(CoordinationChat.active.is_(True)))
    ).scalar_one_or_none()


async def lost_group(session: AsyncSession, tg_chat_id: int) -> None:
    """The bot was removed from the coordination group: stop posting there."""
    await session.execute(
        update(CoordinationChat)
        .where(CoordinationChat.tg_chat_id == tg_chat_id)
        .values(active=False)
    )
