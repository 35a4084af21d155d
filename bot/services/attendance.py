"""Who answered what to a meeting, by name and organization: for coordinators only."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import network
from bot.services.actor import Actor
from bot.services.errors import NotFound
from db.models import (
    Meeting,
    Membership,
    Organization,
    OrgStatus,
    Person,
    Rsvp,
    RsvpAnswer,
    display_name,
)

# What a person's name is made of (db.models.display_name).
_NAMED = (Person.first_name, Person.last_name, Person.username, Person.tg_user_id)


@dataclass
class Answers:
    """The names under each answer in one organization (`organization` None: in none)."""

    organization: str | None
    going: list[str] = field(default_factory=list)
    maybe: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)
    waitlist: list[str] = field(default_factory=list)
    no_answer: list[str] = field(default_factory=list)

    def add(self, name: str, answer: RsvpAnswer | None, waitlisted: bool | None) -> None:
        if answer is None:
            self.no_answer.append(name)
        elif answer == RsvpAnswer.GOING:
            (self.waitlist if waitlisted else self.going).append(name)
        elif answer == RsvpAnswer.MAYBE:
            self.maybe.append(name)
        else:
            self.declined.append(name)

    def sort(self) -> None:
        for names in (self.going, self.maybe, self.declined, self.no_answer):
            names.sort(key=str.casefold)
        # The waitlist stays in its order: first come, first seated.


async def who_answered(
    session: AsyncSession,
    actor: Actor,
    meeting_id: int,
    *,
    coordinators: Collection[int] = frozenset(),
) -> list[Answers]:
    """Each approved organization's people under their answer, by organization name, then
    the coordinators in no organization who answered. People are named as they call
    themselves in Telegram: the names are for a coordinator's eyes, who must escape them."""
    actor.require_coordinator()
    if await session.get(Meeting, meeting_id) is None:
        raise NotFound("meeting-not-found", number=meeting_id)
    # Names from their columns, not whole rows: a big network's report names thousands.
    rows = await session.execute(
        select(Organization.id, Organization.name, *_NAMED, Rsvp.answer, Rsvp.waitlisted)
        .select_from(Membership)
        .join(Organization, Organization.id == Membership.organization_id)
        .join(Person, Person.id == Membership.person_id)
        .outerjoin(Rsvp, and_(Rsvp.person_id == Person.id, Rsvp.meeting_id == meeting_id))
        .where(Organization.status == OrgStatus.APPROVED)
        .order_by(Organization.name, Organization.id, Rsvp.going_since, Rsvp.id)
    )
    groups: dict[int, Answers] = {}
    for org_id, org_name, first, last, username, tg_user_id, answer, waitlisted in rows:
        name = display_name(first, last, username, tg_user_id)
        groups.setdefault(org_id, Answers(org_name)).add(name, answer, waitlisted)
    # Those in the network who answered but are in no approved organization: coordinators.
    outsiders = Answers(None)
    answered = await session.execute(
        select(*_NAMED, Rsvp.answer, Rsvp.waitlisted)
        .join(Rsvp, Rsvp.person_id == Person.id)
        .where(
            Rsvp.meeting_id == meeting_id,
            network.a_coordinator(coordinators),
            Person.id.not_in(network.members_of_approved_orgs()),
        )
        .order_by(Rsvp.going_since, Rsvp.id)
    )
    for first, last, username, tg_user_id, answer, waitlisted in answered:
        outsiders.add(display_name(first, last, username, tg_user_id), answer, waitlisted)
    found = list(groups.values())
    if outsiders.going or outsiders.maybe or outsiders.declined or outsiders.waitlist:
        found.append(outsiders)
    for group in found:
        group.sort()
    return found
