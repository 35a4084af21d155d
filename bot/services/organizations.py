"""Registering organizations and deciding on them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.clock import Clock
from bot.i18n import msg
from bot.services import audit
from bot.services.actor import Actor
from bot.services.errors import DomainError, NotFound
from bot.services.text import (
    CONTACT_LIMIT,
    FOCUS_LIMIT,
    NAME_LIMIT,
    PLACE_LIMIT,
    REASON_LIMIT,
    clean_line,
    name_key,
)
from db.models import MemberRole, Membership, Organization, OrgKind, OrgStatus, Person


@dataclass(frozen=True)
class Draft:
    """An application as the registrant typed it, already cleaned."""

    name: str
    kind: OrgKind
    province: str
    district: str
    focus: str
    contact: str | None


def clean_name(value: str | None) -> str:
    return clean_line(value, limit=NAME_LIMIT)


def clean_place(value: str | None) -> str:
    return clean_line(value, limit=PLACE_LIMIT)


def clean_focus(value: str | None) -> str:
    return clean_line(value, limit=FOCUS_LIMIT)


def clean_contact(value: str | None) -> str:
    return clean_line(value, limit=CONTACT_LIMIT)


def parse_kind(value: str) -> OrgKind:
    try:
        return OrgKind(value)
    except ValueError:
        raise DomainError("error-stale-button") from None


async def ensure_name_free(session: AsyncSession, name: str) -> None:
    """Refuse a name that an active organization already has, however it is spelled."""
    existing = (
        await session.execute(
            select(Organization.name).where(
                Organization.name_key == name_key(name),
                Organization.status != OrgStatus.REJECTED,
            )
        )
    ).scalar_one_or_none()
    if existing is not None:
        raise DomainError("register-name-taken", name=existing)


async def submit(session: AsyncSession, clock: Clock, person: Person, draft: Draft) -> Organization:
    """Save a pending organization for the coordinators to decide on."""
    await ensure_name_free(session, draft.name)
    org = Organization(
        name=draft.name,
        name_key=name_key(draft.name),
        kind=draft.kind,
        province=draft.province,
        district=draft.district,
        focus=draft.focus,
        contact=draft.contact,
        status=OrgStatus.PENDING,
        registered_by_id=person.id,
        created_at=clock.now(),
    )
    try:
        async with session.begin_nested():
            session.add(org)
            await session.flush()
    except IntegrityError:
        # Someone registered the same name a moment ago.
        raise DomainError("register-name-taken", name=draft.name) from None
    audit.record(session, clock, person, "org.registered", "organization", org.id, name=org.name)
    return org


async def get(session: AsyncSession, org_id: int) -> Organization:
    org = (
        await session.execute(
            select(Organization)
            .where(Organization.id == org_id)
            .options(selectinload(Organization.registered_by))
        )
    ).scalar_one_or_none()
    if org is None:
        raise NotFound("error-stale-button")
    return org


async def _pending_for_decision(session: AsyncSession, actor: Actor, org_id: int) -> Organization:
    actor.require_coordinator()
    org = await get(session, org_id)
    if org.status != OrgStatus.PENDING:
        raise DomainError(
            "org-already-decided", name=org.name, status=msg(f"status-{org.status.value}")
        )
    return org


async def approve(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    org_id: int,
) -> Organization:
    """Approve a pending organization; its registrant becomes its admin."""
    org = await _pending_for_decision(session, actor, org_id)
    org.status = OrgStatus.APPROVED
    org.decided_by_id = actor.person_id
    org.decided_at = clock.now()
    session.add(
        Membership(
            person_id=org.registered_by_id,
            organization_id=org.id,
            role=MemberRole.ADMIN,
            is_delegate=False,
            joined_at=clock.now(),
        )
    )
    audit.record(
        session, clock, actor.person, "org.approved", "organization", org.id, name=org.name
    )
    return org


async def ensure_can_reject(session: AsyncSession, actor: Actor, org_id: int) -> Organization:
    """Check before asking for a reason, so nobody types one for nothing."""
    return await _pending_for_decision(session, actor, org_id)


async def reject(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    org_id: int,
    reason: str,
) -> Organization:
    """Reject a pending organization with a reason the registrant will read."""
    reason = clean_line(reason, limit=REASON_LIMIT)
    org = await _pending_for_decision(session, actor, org_id)
    org.status = OrgStatus.REJECTED
    org.rejection_reason = reason
    org.decided_by_id = actor.person_id
    org.decided_at = clock.now()
    audit.record(
        session,
        clock,
        actor.person,
        "org.rejected",
        "organization",
        org.id,
        name=org.name,
        reason=reason,
    )
    return org


async def pending(session: AsyncSession, actor: Actor) -> list[Organization]:
    """Organizations waiting for a decision, oldest first."""
    actor.require_coordinator()
    result = await session.execute(
        select(Organization)
        .where(Organization.status == OrgStatus.PENDING)
        .options(selectinload(Organization.registered_by))
        .order_by(Organization.created_at, Organization.id)
    )
    return list(result.scalars())


async def approved(session: AsyncSession, actor: Actor) -> list[Organization]:
    """The network's approved organizations, by name: for the network only.

    A stranger is told how to join or register instead (the list itself is sensitive).
    """
    actor.require_network()
    result = await session.execute(
        select(Organization)
        .where(Organization.status == OrgStatus.APPROVED)
        .order_by(Organization.name)
    )
    return list(result.scalars())


async def registered_by(session: AsyncSession, person: Person) -> list[Organization]:
    """Applications the person made that are not approved (waiting, rejected or suspended)."""
    result = await session.execute(
        select(Organization)
        .where(
            Organization.registered_by_id == person.id,
            Organization.status != OrgStatus.APPROVED,
        )
        .order_by(Organization.created_at.desc())
    )
    return list(result.scalars())
