"""A person's own data: what Shura holds about them, erasing it, leaving, and retention."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, String, cast, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.clock import Clock
from bot.services import audit, broadcast, concerns
from bot.services.actor import Actor
from bot.services.errors import DomainError, NotFound
from bot.services.rsvp import release_seats
from db.models import (
    AuditLog,
    Ballot,
    Concern,
    ConcernSender,
    Dialog,
    Meeting,
    MemberRole,
    Membership,
    Motion,
    Organization,
    OrgStatus,
    Outbox,
    OutboxStatus,
    Person,
    Rsvp,
)

WAITING = (OutboxStatus.PENDING, OutboxStatus.SENDING)
FINISHED = (
    OutboxStatus.SENT,
    OutboxStatus.SKIPPED,
    OutboxStatus.FAILED,
    OutboxStatus.UNREACHABLE,
)
# Applications nobody approved: they were only ever the applicant's, and go with them.
UNAPPROVED = (OrgStatus.PENDING, OrgStatus.REJECTED)


@dataclass(frozen=True)
class PersonalData:
    """Everything stored about one person, as /mydata shows it."""

    person: Person
    coordinator: bool
    memberships: list[Membership]
    registered: list[Organization]
    answers: list[tuple[Rsvp, Meeting]]
    dialog: Dialog | None
    waiting: dict[str, int]  # messages not sent yet, by kind
    handled: int  # messages already sent or given up, whose record is kept
    actions: dict[str, int]  # audit entries for what the person did, by action
    concerns: list[Concern] = field(default_factory=list)  # through the link to the sender
    ballots: list[tuple[Ballot, Motion]] = field(default_factory=list)


def _to_person(person: Person) -> ColumnElement[bool]:
    """Outbox rows meant for the person: by person, or addressed to their private chat."""
    return or_(Outbox.person_id == person.id, Outbox.chat_id == person.tg_user_id)


async def personal_data(session: AsyncSession, actor: Actor) -> PersonalData:
    """What Shura holds about the person acting (and nobody else)."""
    person = actor.person
    memberships = (
        await session.execute(
            select(Membership)
            .join(Organization)
            .where(Membership.person_id == person.id)
            .options(selectinload(Membership.organization))
            .order_by(Organization.name, Organization.id)
        )
    ).scalars()
    registered = (
        await session.execute(
            select(Organization)
            .where(Organization.registered_by_id == person.id)
            .order_by(Organization.created_at, Organization.id)
        )
    ).scalars()
    answers = (
        await session.execute(
            select(Rsvp, Meeting)
            .join(Meeting, Meeting.id == Rsvp.meeting_id)
            .where(Rsvp.person_id == person.id)
            .order_by(Meeting.starts_at, Meeting.id)
        )
    ).all()
    dialog = (
        await session.execute(select(Dialog).where(Dialog.person_id == person.id))
    ).scalar_one_or_none()
    outbox_rows = (
        await session.execute(
            select(Outbox.kind, Outbox.status, func.count())
            .where(_to_person(person), Outbox.fanout.is_(False))
            .group_by(Outbox.kind, Outbox.status)
        )
    ).all()
    waiting: Counter[str] = Counter()
    handled = 0
    for kind, status, count in outbox_rows:
        if status in WAITING:
            waiting[kind] += count
        else:
            handled += count
    actions = (
        await session.execute(
            select(AuditLog.action, func.count())
            .where(AuditLog.actor_id == person.id)
            .group_by(AuditLog.action)
            .order_by(AuditLog.action)
        )
    ).all()
    return PersonalData(
        person=person,
        coordinator=actor.coordinator,
        memberships=list(memberships),
        registered=list(registered),
        answers=[(answer, meeting) for answer, meeting in answers],
        dialog=dialog,
        waiting=dict(sorted(waiting.items())),
        handled=handled,
        actions={action: count for action, count in actions},
        concerns=await _concerns_of(session, person),
        ballots=await _ballots_of(session, person),
    )


async def _concerns_of(session: AsyncSession, person: Person) -> list[Concern]:
    """The concerns whose link names the person (named or anonymous), oldest first."""
    linked = select(ConcernSender.concern_id).where(ConcernSender.person_id == person.id)
    rows = await session.scalars(select(Concern).where(Concern.id.in_(linked)).order_by(Concern.id))
    return list(rows)


async def _ballots_of(session: AsyncSession, person: Person) -> list[tuple[Ballot, Motion]]:
    """The person's own ballots, and those they cast for an organization, oldest first."""
    rows = await session.execute(
        select(Ballot, Motion)
        .join(Motion, Motion.id == Ballot.motion_id)
        .where(
            or_(
                Ballot.person_id == person.id,
                Ballot.organization_id.is_not(None) & (Ballot.cast_by_id == person.id),
            )
        )
        .order_by(Ballot.cast_at, Ballot.id)
    )
    return [(ballot, motion) for ballot, motion in rows]


async def _admin_count(session: AsyncSession, organization_id: int) -> int:
    return (
        await session.execute(
            select(func.count()).where(
                Membership.organization_id == organization_id,
                Membership.role == MemberRole.ADMIN,
            )
        )
    ).scalar_one()


async def _sole_admin_of(session: AsyncSession, person: Person) -> list[Organization]:
    admin_of = (
        await session.execute(
            select(Membership)
            .join(Organization)
            .where(Membership.person_id == person.id, Membership.role == MemberRole.ADMIN)
            .options(selectinload(Membership.organization))
            .order_by(Organization.name, Organization.id)
        )
    ).scalars()
    return [m.organization for m in admin_of if await _admin_count(session, m.organization_id) <= 1]


async def ensure_can_forget(session: AsyncSession, actor: Actor) -> None:
    """Refuse while an organization would be left without an admin."""
    sole = await _sole_admin_of(session, actor.person)
    if sole:
        raise DomainError("forget-sole-admin", names=" · ".join(org.name for org in sole))


@dataclass(frozen=True)
class Forgotten:
    """What erasing a person changed that others or the bot must act on."""

    was_promoted_coordinator: bool
    freed: list[Meeting] = field(default_factory=list)


async def forget(session: AsyncSession, clock: Clock, actor: Actor, person_id: int) -> Forgotten:
    """Erase the person acting; the row others point to stays, as a tombstone without a name.

    Deleted: memberships, answers to meetings (seats go to the waitlist), the half-finished
    dialog, messages to the person and applications nobody approved. Kept, pointing to the
    tombstone: approved organizations they registered, invite codes, meeting series and the
    coordination group they set up, and the audit log of what they did for the network.
    """
    person = actor.person
    if person_id != person.id:  # a button from before, or someone else's
        raise NotFound("error-stale-button")
    await ensure_can_forget(session, actor)
    was_promoted = person.is_coordinator
    await session.execute(delete(Membership).where(Membership.person_id == person.id))
    person.is_coordinator = False
    await session.flush()
    # Seats at meetings still to come go to the next people waiting.
    freed = await release_seats(session, clock, person.id)
    await session.execute(delete(Rsvp).where(Rsvp.person_id == person.id))
    await session.execute(delete(Dialog).where(Dialog.person_id == person.id))
    # Their concerns stay for the meeting, linked to and naming nobody.
    await concerns.forget_sender(session, person.id)
    await session.execute(delete(Outbox).where(_to_person(person)))
    await session.execute(
        delete(Organization).where(
            Organization.registered_by_id == person.id, Organization.status.in_(UNAPPROVED)
        )
    )
    # A real Telegram user id is never negative: the unique column stays valid, and the
    # person who writes again is someone new.
    person.tg_user_id = -person.id
    person.first_name = ""
    person.last_name = None
    person.username = None
    person.language = None
    person.reachable = False
    audit.record(session, clock, person, "person.forgotten", "person", person.id)
    await session.flush()
    return Forgotten(was_promoted, freed)


async def memberships(session: AsyncSession, actor: Actor) -> list[Membership]:
    """Every organization the person belongs to, whatever its status."""
    result = await session.execute(
        select(Membership)
        .join(Organization)
        .where(Membership.person_id == actor.person_id)
        .options(selectinload(Membership.organization))
        .order_by(Organization.name, Organization.id)
    )
    return list(result.scalars())


@dataclass(frozen=True)
class Leaving:
    """A membership the person may end, and whether it takes them out of the network."""

    membership: Membership
    leaves_network: bool


async def leaving(session: AsyncSession, actor: Actor, membership_id: int) -> Leaving:
    """Check the person may leave this organization (their own membership; not its last admin)."""
    membership = (
        await session.execute(
            select(Membership)
            .where(Membership.id == membership_id, Membership.person_id == actor.person_id)
            .options(selectinload(Membership.organization))
        )
    ).scalar_one_or_none()
    if membership is None:  # gone already, or someone else's
        raise NotFound("error-stale-button")
    org = membership.organization
    if membership.role == MemberRole.ADMIN and await _admin_count(session, org.id) <= 1:
        raise DomainError("leave-last-admin", name=org.name)
    # Only an approved organization counts for the network (a suspended one already gave
    # its members nothing); a coordinator stays in the network whatever they belong to.
    counted = org.id in actor.organization_ids
    others = actor.organization_ids - {org.id}
    return Leaving(membership, leaves_network=counted and not actor.coordinator and not others)


@dataclass(frozen=True)
class Left:
    organization_name: str
    left_network: bool
    freed: list[Meeting] = field(default_factory=list)


async def leave(session: AsyncSession, clock: Clock, actor: Actor, membership_id: int) -> Left:
    """End the person's membership; out of the network, their seats go to people waiting."""
    checked = await leaving(session, actor, membership_id)
    membership = checked.membership
    name, org_id = membership.organization.name, membership.organization_id
    await session.delete(membership)
    await session.flush()
    audit.record(session, clock, actor.person, "member.left", "organization", org_id)
    freed: list[Meeting] = []
    if checked.leaves_network:
        freed = await release_seats(session, clock, actor.person_id)
    return Left(name, checked.leaves_network, freed)


@dataclass(frozen=True)
class Purged:
    dialogs: int
    payloads: int


async def purge_expired(session: AsyncSession, now: datetime, retention: timedelta) -> Purged:
    """Delete dialogs left unfinished, and the contents of messages handled, before the period.

    A message that could not be delivered is no longer sent once its contents are gone, even
    if the person comes back.
    """
    cutoff = now - retention
    dialogs = await session.execute(
        delete(Dialog).where(Dialog.updated_at < cutoff).returning(Dialog.id)
    )
    handled_before_cutoff = (
        Outbox.status.in_(FINISHED),
        func.coalesce(Outbox.sent_at, Outbox.due_at) < cutoff,
    )
    await session.execute(
        update(Outbox)
        .where(
            *handled_before_cutoff,
            Outbox.status == OutboxStatus.UNREACHABLE,
            or_(Outbox.not_after.is_(None), Outbox.not_after > now),
        )
        .values(not_after=now)
    )
    # Compared as text: PostgreSQL's json type has no equality operator.
    payloads = await session.execute(
        update(Outbox)
        .where(*handled_before_cutoff, cast(Outbox.payload, String) != "{}")
        .values(payload={})
        .returning(Outbox.id)
    )
    await broadcast.forget_contents(session, cutoff)
    return Purged(len(dialogs.all()), len(payloads.all()))
