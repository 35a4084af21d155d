"""Coordinators: promoting, demoting, and the coordination group."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import audit
from bot.services.actor import Actor, is_coordinator
from bot.services.errors import DomainError, NotFound
from bot.services.people import find_person
from db.models import CoordinationChat, Person


async def _target(session: AsyncSession, reference: str, usage: str) -> Person:
    if not reference.strip():
        raise DomainError(usage)
    target = await find_person(session, reference)
    if target is None:
        raise DomainError("promote-unknown-person", reference=reference.strip()[:40])
    return target


async def promotion_candidate(
    session: AsyncSession, actor: Actor, configured: Collection[int], reference: str
) -> Person:
    """Who `/promote <reference>` names, shown to the coordinator before anything changes."""
    actor.require_coordinator()
    target = await _target(session, reference, "promote-usage")
    if is_coordinator(target, configured):
        raise DomainError("promote-already", name=target.display_name)
    return target


async def demotion_candidate(
    session: AsyncSession, actor: Actor, configured: Collection[int], reference: str
) -> Person:
    """Who `/demote <reference>` names, shown before the role is taken back."""
    actor.require_coordinator()
    target = await _target(session, reference, "demote-usage")
    _check_demotable(target, configured)
    return target


def _check_demotable(target: Person, configured: Collection[int]) -> None:
    if target.tg_user_id in configured:
        # The settings name them; only whoever runs the bot can change that.
        raise DomainError("demote-configured", name=target.display_name)
    if not target.is_coordinator:
        raise DomainError("demote-not-coordinator", name=target.display_name)


async def _person(session: AsyncSession, person_id: int) -> Person:
    target = await session.get(Person, person_id)
    if target is None or target.tg_user_id < 0:
        raise NotFound("error-stale-button")
    return target


async def promote(
    session: AsyncSession, clock: Clock, actor: Actor, configured: Collection[int], person_id: int
) -> Person:
    """Make a person who has started the bot a coordinator (after the coordinator confirmed)."""
    actor.require_coordinator()
    target = await _person(session, person_id)
    if is_coordinator(target, configured):
        raise DomainError("promote-already", name=target.display_name)
    target.is_coordinator = True
    audit.record(session, clock, actor.person, "coordinator.promoted", "person", target.id)
    return target


async def demote(
    session: AsyncSession, clock: Clock, actor: Actor, configured: Collection[int], person_id: int
) -> Person:
    """Take the coordinator role back from a promoted person (after confirmation)."""
    actor.require_coordinator()
    target = await _person(session, person_id)
    _check_demotable(target, configured)
    target.is_coordinator = False
    audit.record(session, clock, actor.person, "coordinator.demoted", "person", target.id)
    return target


async def bind_group(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    tg_chat_id: int,
    title: str,
) -> CoordinationChat:
    """Make this group the coordination group; any earlier one stops being it."""
    actor.require_coordinator()
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
            bound_by_id=actor.person_id,
            bound_at=clock.now(),
        )
        session.add(chat)
    else:
        chat.title, chat.active, chat.bound_by_id = title[:255], True, actor.person_id
        chat.bound_at = clock.now()
    await session.flush()
    audit.record(
        session, clock, actor.person, "group.bound", "coordination_chat", chat.id, title=title
    )
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
