"""Acting for someone without a phone: a coordinator records their ballot or their answer.

Every such action is in the audit log, and results count the ballots recorded this way.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import audit, motions, rsvp
from bot.services.actor import Actor, actor_of
from bot.services.errors import DomainError, NotFound
from db.models import (
    Meeting,
    Membership,
    Motion,
    Organization,
    OrgStatus,
    Person,
    RsvpAnswer,
)


async def organizations(session: AsyncSession, actor: Actor) -> list[Organization]:
    """The approved organizations, by name: where a coordinator finds someone without a phone."""
    actor.require_coordinator()
    found = await session.scalars(
        select(Organization)
        .where(Organization.status == OrgStatus.APPROVED)
        .order_by(Organization.name, Organization.id)
    )
    listed = list(found)
    if not listed:
        raise DomainError("proxy-no-organizations")
    return listed


async def members_of(
    session: AsyncSession, actor: Actor, organization_id: int
) -> tuple[Organization, list[Person]]:
    """An approved organization and its members, by name, for a coordinator to pick from."""
    actor.require_coordinator()
    organization = await session.get(Organization, organization_id)
    if organization is None or organization.status != OrgStatus.APPROVED:
        raise NotFound("error-stale-button")
    found = await session.scalars(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.organization_id == organization.id)
        .order_by(Person.first_name, Person.id)
    )
    people = list(found)
    if not people:
        raise DomainError("proxy-no-members", org=organization.name)
    return organization, people


async def person(session: AsyncSession, actor: Actor, person_id: int) -> Person:
    """The person a coordinator records for, picked from a list or found by @username."""
    actor.require_coordinator()
    found = await session.get(Person, person_id)
    if found is None:
        raise NotFound("error-stale-button")
    return found


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
