"""People and their roles."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import LANGUAGES
from bot.services import outbox
from bot.services.actor import is_coordinator
from bot.services.errors import DomainError
from db.models import MemberRole, Membership, Organization, OrgStatus, Person
from db.queries import insert_or_ignore


@dataclass(frozen=True)
class TelegramUser:
    """What Telegram tells us about the person behind an update."""

    tg_user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True)
class Roles:
    """What a person is, which decides what they may do."""

    coordinator: bool
    admin_of: list[Organization] = field(default_factory=list)
    member_of: list[Organization] = field(default_factory=list)

    @property
    def org_admin(self) -> bool:
        return bool(self.admin_of)


async def ensure_person(
    session: AsyncSession, clock: Clock, user: TelegramUser, *, in_private_chat: bool
) -> Person:
    """The person behind an update, created on first contact and kept up to date."""
    await session.execute(
        insert_or_ignore(
            session,
            Person,
            ["tg_user_id"],
            {
                "tg_user_id": user.tg_user_id,
                "first_name": user.first_name[:255],
                "last_name": user.last_name,
                "username": user.username,
                "reachable": True,
                "is_coordinator": False,
                "created_at": clock.now(),
            },
        )
    )
    # Locked until the update is handled: one person's updates (two quick answers in a
    # conversation, a double tap) take turns instead of overwriting each other.
    person = (
        await session.execute(
            select(Person).where(Person.tg_user_id == user.tg_user_id).with_for_update()
        )
    ).scalar_one()
    if person.first_name != user.first_name[:255]:
        person.first_name = user.first_name[:255]
    if person.last_name != user.last_name:
        person.last_name = user.last_name
    if person.username != user.username:
        person.username = user.username
    if in_private_chat and not person.reachable:
        # Writing to the bot in private means the bot can write back again: what could not
        # be delivered and is still useful goes out now.
        person.reachable = True
        await outbox.retry_unreachable(session, clock, person.id)
    return person


async def person_for_update(
    session: AsyncSession,
    clock: Clock,
    user: TelegramUser,
    *,
    in_private_chat: bool,
    configured: Collection[int],
) -> Person:
    """The person behind an update; recorded only when they write to the bot in private.

    Group chatter is not stored: someone the bot does not know yet who speaks in a group
    gets a person that lives for this update only (a configured coordinator binding a group
    is the one exception: they act for the network).
    """
    if in_private_chat or user.tg_user_id in configured:
        return await ensure_person(session, clock, user, in_private_chat=in_private_chat)
    known = (
        await session.execute(
            select(Person).where(Person.tg_user_id == user.tg_user_id).with_for_update()
        )
    ).scalar_one_or_none()
    if known is not None:
        return known
    return Person(
        tg_user_id=user.tg_user_id,
        first_name=user.first_name[:255],
        last_name=user.last_name,
        username=user.username,
        reachable=False,
        is_coordinator=False,
        created_at=clock.now(),
    )


def set_language(person: Person, language: str) -> None:
    """Remember the language the person chose."""
    if language not in LANGUAGES:
        raise DomainError("error-stale-button")
    person.language = language



async def roles_of(session: AsyncSession, person: Person, configured: Collection[int]) -> Roles:
    """The person's roles: coordinator, and admin or member of which approved organizations."""
    rows = (
        await session.execute(
            select(Membership.role, Organization)
            .join(Organization, Membership.organization_id == Organization.id)
            .where(Membership.person_id == person.id, Organization.status == OrgStatus.APPROVED)
            .order_by(Organization.name)
        )
    ).all()
    return Roles(
        coordinator=is_coordinator(person, configured),
        admin_of=[org for role, org in rows if role == MemberRole.ADMIN],
        member_of=[org for _role, org in rows],
    )


async def coordinators(session: AsyncSession, configured: Collection[int]) -> list[Person]:
    """Every coordinator who has started the bot."""
    result = await session.execute(
        select(Person)
        .where(or_(Person.is_coordinator.is_(True), Person.tg_user_id.in_(list(configured))))
        .order_by(Person.id)
    )
    return list(result.scalars())


async def find_person(session: AsyncSession, reference: str) -> Person | None:
    """A person by Telegram user id or @username, as a coordinator would type it."""
    reference = reference.strip()
    if reference.lstrip("-").isdigit():
        query = select(Person).where(Person.tg_user_id == int(reference))
    else:
        username = reference.removeprefix("@")
        if not username:
            return None
        query = select(Person).where(Person.username.ilike(username))
    return (await session.execute(query)).scalars().first()


async def mark_unreachable(session: AsyncSession, tg_user_id: int) -> None:
    """Telegram refused to deliver: the person blocked the bot or never started it."""
    person = (
        await session.execute(select(Person).where(Person.tg_user_id == tg_user_id))
    ).scalar_one_or_none()
    if person is not None:
        person.reachable = False
