"""Invite links, joining, and org admins managing their members."""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.clock import Clock
from bot.services import audit, rsvp
from bot.services.actor import Actor
from bot.services.errors import DomainError, NotAllowed, NotFound
from db.models import InviteCode, MemberRole, Membership, Organization, OrgStatus, Person

INVITE_LIFETIME = timedelta(days=30)
# No 0/o, 1/l/i: codes are sometimes read aloud or typed from a screenshot.
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_CODE_LENGTH = 10
JOIN_PREFIX = "join-"


def _new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


async def _membership(session: AsyncSession, person: Person, org_id: int) -> Membership | None:
    return (
        await session.execute(
            select(Membership).where(
                Membership.person_id == person.id, Membership.organization_id == org_id
            )
        )
    ).scalar_one_or_none()


async def admin_org(session: AsyncSession, actor: Actor, org_id: int) -> Organization:
    """The approved organization `actor` administers, or a refusal."""
    org = await session.get(Organization, org_id)
    if org is None:
        raise NotFound("error-stale-button")
    membership = await _membership(session, actor.person, org_id)
    if membership is None or membership.role != MemberRole.ADMIN:
        raise NotAllowed("error-org-admins-only", name=org.name)
    if org.status != OrgStatus.APPROVED:
        raise DomainError("error-org-not-active", name=org.name)
    return org


async def current_invite(
    session: AsyncSession, clock: Clock, actor: Actor, org_id: int
) -> InviteCode:
    """The organization's live invite code, made anew if there is none."""
    org = await admin_org(session, actor, org_id)
    live = (
        (
            await session.execute(
                select(InviteCode)
                .where(
                    InviteCode.organization_id == org.id,
                    InviteCode.revoked_at.is_(None),
                    InviteCode.expires_at > clock.now(),
                )
                .order_by(InviteCode.id.desc())
            )
        )
        .scalars()
        .first()
    )
    if live is not None:
        live.organization = org
        return live
    return await _issue(session, clock, actor, org)


async def _issue(
    session: AsyncSession, clock: Clock, actor: Actor, org: Organization
) -> InviteCode:
    invite = InviteCode(
        organization_id=org.id,
        code=_new_code(),
        created_by_id=actor.person_id,
        created_at=clock.now(),
        expires_at=clock.now() + INVITE_LIFETIME,
    )
    invite.organization = org
    session.add(invite)
    await session.flush()
    return invite


async def revoke_invite(
    session: AsyncSession, clock: Clock, actor: Actor, org_id: int
) -> InviteCode:
    """Revoke every live code of the organization and issue a new one."""
    org = await admin_org(session, actor, org_id)
    live = await session.execute(
        select(InviteCode).where(
            InviteCode.organization_id == org.id, InviteCode.revoked_at.is_(None)
        )
    )
    for invite in live.scalars():
        invite.revoked_at = clock.now()
    audit.record(session, clock, actor.person, "invite.revoked", "organization", org.id)
    return await _issue(session, clock, actor, org)


def code_from_start_payload(payload: str) -> str | None:
    """The invite code in a `/start join-<code>` deep link, if that is what it is."""
    if payload.startswith(JOIN_PREFIX):
        return payload.removeprefix(JOIN_PREFIX)
    return None


async def join(session: AsyncSession, clock: Clock, person: Person, code: str) -> Membership:
    """Join the organization an invite code belongs to."""
    code = code.strip().lower().removeprefix(JOIN_PREFIX)
    if not code:
        raise DomainError("join-code-missing")
    if len(code) > 64 or not code.isascii() or not code.isalnum():
        # Not a code the bot makes; and PostgreSQL refuses a NUL in a query's text.
        raise DomainError("join-code-unknown")
    invite = (
        await session.execute(
            select(InviteCode)
            .where(InviteCode.code == code)
            .options(selectinload(InviteCode.organization))
        )
    ).scalar_one_or_none()
    if invite is None:
        raise DomainError("join-code-unknown")
    org = invite.organization
    if invite.revoked_at is not None:
        raise DomainError("join-code-revoked", name=org.name)
    if invite.expires_at <= clock.now():
        raise DomainError("join-code-expired", name=org.name)
    if org.status != OrgStatus.APPROVED:
        raise DomainError("error-org-not-active", name=org.name)
    if await _membership(session, person, org.id) is not None:
        raise DomainError("join-already-member", name=org.name)
    membership = Membership(
        person_id=person.id,
        organization_id=org.id,
        role=MemberRole.MEMBER,
        is_delegate=False,
        joined_at=clock.now(),
    )
    membership.organization = org
    session.add(membership)
    await session.flush()
    audit.record(session, clock, person, "member.joined", "organization", org.id)
    return membership


async def my_memberships(session: AsyncSession, person: Person) -> list[Membership]:
    """The person's memberships, with their organizations, by organization name."""
    result = await session.execute(
        select(Membership)
        .join(Organization)
        .where(Membership.person_id == person.id)
        .options(selectinload(Membership.organization))
        .order_by(Organization.name)
    )
    return list(result.scalars())


async def members(session: AsyncSession, actor: Actor, org_id: int) -> list[Membership]:
    """An organization's members for its admin: admins first, then by name."""
    await admin_org(session, actor, org_id)
    result = await session.execute(
        select(Membership)
        .join(Person)
        .where(Membership.organization_id == org_id)
        .options(selectinload(Membership.person), selectinload(Membership.organization))
        .order_by(Membership.role, Person.first_name, Person.id)
    )
    return list(result.scalars())


async def member(session: AsyncSession, actor: Actor, membership_id: int) -> Membership:
    """One membership, if `actor` administers its organization."""
    target = (
        await session.execute(
            select(Membership)
            .where(Membership.id == membership_id)
            .options(selectinload(Membership.person), selectinload(Membership.organization))
        )
    ).scalar_one_or_none()
    if target is None:
        raise NotFound("members-gone")
    await admin_org(session, actor, target.organization_id)
    return target


async def _admin_count(session: AsyncSession, org_id: int) -> int:
    return (
        await session.execute(
            select(func.count()).where(
                Membership.organization_id == org_id, Membership.role == MemberRole.ADMIN
            )
        )
    ).scalar_one()


@dataclass(frozen=True)
class Removal:
    """A member removed, and the seats they gave up if that took them out of the network."""

    membership: Membership
    freed: list[rsvp.FreedSeat]


async def remove(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    membership_id: int,
    *,
    coordinators: Collection[int] = (),
) -> Removal:
    """Remove a member; the last admin cannot leave the organization without an admin.

    Someone no longer in the network gives up their seats, which go to the waitlist.
    """
    target = await member(session, actor, membership_id)
    if target.role == MemberRole.ADMIN and await _admin_count(session, target.organization_id) <= 1:
        raise DomainError("members-last-admin")
    await session.delete(target)
    await session.flush()
    freed = await rsvp.give_up_seats(session, clock, target.person_id, coordinators=coordinators)
    audit.record(
        session,
        clock,
        actor.person,
        "member.removed",
        "organization",
        target.organization_id,
        person_id=target.person_id,
    )
    return Removal(target, freed)


async def make_delegate(
    session: AsyncSession, clock: Clock, actor: Actor, membership_id: int
) -> Membership:
    """Name this member the organization's delegate, replacing the previous one."""
    target = await member(session, actor, membership_id)
    if target.is_delegate:
        return target
    previous = await session.execute(
        select(Membership).where(
            Membership.organization_id == target.organization_id, Membership.is_delegate.is_(True)
        )
    )
    for other in previous.scalars():
        other.is_delegate = False
    # The old delegate must be cleared before the unique index sees the new one.
    await session.flush()
    target.is_delegate = True
    audit.record(
        session,
        clock,
        actor.person,
        "member.delegate",
        "organization",
        target.organization_id,
        person_id=target.person_id,
    )
    return target


async def set_admin(
    session: AsyncSession, clock: Clock, actor: Actor, membership_id: int, admin: bool
) -> Membership:
    """Make a member an admin of the organization, or take that back."""
    target = await member(session, actor, membership_id)
    wanted = MemberRole.ADMIN if admin else MemberRole.MEMBER
    if target.role == wanted:
        return target
    if not admin and await _admin_count(session, target.organization_id) <= 1:
        raise DomainError("members-last-admin")
    target.role = wanted
    audit.record(
        session,
        clock,
        actor.person,
        "member.admin" if admin else "member.unadmin",
        "organization",
        target.organization_id,
        person_id=target.person_id,
    )
    return target
