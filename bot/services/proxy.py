"""Acting for someone without a phone: a coordinator records their ballot or their answer.

Every such action is in the audit log, and results count the ballots recorded this way.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import audit, motions, rsvp
from bot.services.actor import Actor, actor_of
from bot.services.errors import NotFound
from db.models import Meeting, Motion, Person, RsvpAnswer


async def cast_by_proxy(
    session: AsyncSession,
    clock: Clock,
    coordinator: Actor,
    configured: Collection[int],
    person_id: int,
    motion_id: int,
    option: int,
    organization_id: int | None = None,
) -> Motion:
    """A coordinator records the ballot of someone without a phone; audited."""
    coordinator.require_coordinator()
    voter = await session.get(Person, person_id)
    if voter is None:
        raise NotFound("error-stale-button")
    return await motions.cast(
        session,
        clock,
        await actor_of(session, voter, configured),
        motion_id,
        option,
        organization_id,
        proxy=coordinator,
    )


async def rsvp_by_proxy(
    session: AsyncSession,
    clock: Clock,
    coordinator: Actor,
    configured: Collection[int],
    person: Person,
    meeting_id: int,
    answer: RsvpAnswer,
) -> Meeting:
    """A coordinator records the answer of someone without a phone to a meeting; audited."""
    coordinator.require_coordinator()
    voter = await actor_of(session, person, configured)
    result = await rsvp.record(session, clock, voter, meeting_id, answer)
    audit.record(
        session,
        clock,
        coordinator.person,
        "rsvp.proxy",
        "meeting",
        meeting_id,
        person=person.id,
        answer=answer.value,
    )
    return result.meeting
