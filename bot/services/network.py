"""Who is in the network right now: the one definition every message and count relies on."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Membership, Organization, OrgStatus, Person


def members_of_approved_orgs() -> Any:
    """Person ids with a membership of an approved organization."""
    return (
        select(Membership.person_id)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(Organization.status == OrgStatus.APPROVED)
    )


def in_network(coordinators: Collection[int]) -> Any:
    """A condition on Person: a member of an approved organization or a coordinator, now.

    Coordinators are the configured Telegram ids (SHURA_COORDINATORS) and those promoted.
    A removed member, a suspended organization's people and someone who left fail it.
    """
    member = exists(
        members_of_approved_orgs().where(Membership.person_id == Person.id).correlate(Person)
    )
    return or_(member, a_coordinator(coordinators))


def a_coordinator(coordinators: Collection[int]) -> ColumnElement[bool]:
    """A condition on Person: a coordinator, configured (by Telegram id) or promoted."""
    if coordinators:
        return or_(Person.is_coordinator.is_(True), Person.tg_user_id.in_(list(coordinators)))
    return Person.is_coordinator.is_(True)


async def is_member(session: AsyncSession, person_id: int) -> bool:
    """A member of at least one approved organization."""
    found = await session.execute(
        select(exists(members_of_approved_orgs().where(Membership.person_id == person_id)))
    )
    return bool(found.scalar())
