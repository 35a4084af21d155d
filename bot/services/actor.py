"""Who is acting: built once per update, handed to every service, which decides with it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.errors import NotAllowed
from db.models import MemberRole, Membership, Organization, OrgStatus, Person


@dataclass(frozen=True)
class Seat:
    """One approved organization the actor belongs to, and their place in it."""

    organization_id: int
    organization_name: str
    admin: bool
    delegate: bool


@dataclass(frozen=True)
class Actor:
    """The person behind an update, with what they are at this moment.

    Only memberships of approved organizations count: a pending, rejected or suspended
    organization gives its people nothing to see.
    """

    person: Person
    coordinator: bool
    seats: tuple[Seat, ...] = ()

    @property
    def person_id(self) -> int:
        return self.person.id

    @property
    def member(self) -> bool:
        """A member of at least one approved organization."""
        return bool(self.seats)

    @property
    def in_network(self) -> bool:
        """May see what is for the network: meetings, the list of organizations."""
        return self.coordinator or self.member

    @property
    def org_admin(self) -> bool:
        return any(seat.admin for seat in self.seats)

    @property
    def organization_ids(self) -> frozenset[int]:
        return frozenset(seat.organization_id for seat in self.seats)

    def admin_of(self, organization_id: int) -> bool:
        return any(s.admin and s.organization_id == organization_id for s in self.seats)

    def delegate_of(self, organization_id: int) -> bool:
        return any(s.delegate and s.organization_id == organization_id for s in self.seats)

    def require_coordinator(self) -> None:
        if not self.coordinator:
            raise NotAllowed("error-coordinators-only")

    def require_network(self) -> None:
        """Refuse a stranger (or a removed member) what is only for the network."""
        if not self.in_network:
            raise NotAllowed("error-network-only")


def is_coordinator(person: Person, configured: Collection[int]) -> bool:
    """Named in SHURA_COORDINATORS, or promoted by a coordinator."""
    return person.tg_user_id in configured or person.is_coordinator


# A seat as a query gives it: (organization id, organization name, role, delegate).
SEAT_COLUMNS = (
    Membership.organization_id,
    Organization.name,
    Membership.role,
    Membership.is_delegate,
)


def actor_from(
    person: Person, configured: Collection[int], seats: Iterable[Sequence[Any]]
) -> Actor:
    """The actor from rows of SEAT_COLUMNS; a row with no organization name is no seat."""
    return Actor(
        person,
        is_coordinator(person, configured),
        tuple(
            Seat(org_id, name, role == MemberRole.ADMIN, bool(delegate))
            for org_id, name, role, delegate in seats
            if name is not None
        ),
    )


async def actor_of(session: AsyncSession, person: Person, configured: Collection[int]) -> Actor:
    """The actor for `person`, from their current memberships of approved organizations."""
    if person.id is None:  # not stored (someone only seen in a group): no memberships
        return Actor(person, is_coordinator(person, configured))
    rows = await session.execute(
        select(*SEAT_COLUMNS)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(Membership.person_id == person.id, Organization.status == OrgStatus.APPROVED)
        .order_by(Organization.name, Organization.id)
    )
    return actor_from(person, configured, rows)
