"""People and their roles."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import LANGUAGES
from bot.i18n.calendar import normalize_digits
from bot.services import outbox
from bot.services.actor import SEAT_COLUMNS, Actor, actor_from
from bot.services.errors import DomainError
from db.models import Membership, Organization, OrgStatus, Person
from db.queries import insert_or_ignore


@dataclass(frozen=True)
class TelegramUser:
    """What Telegram tells us about the person behind an update."""

    tg_user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


# The person behind an update and their seats, in one query. The person's row stays locked
# until the update is handled: one person's updates (two quick answers in a conversation, a
# double tap) take turns instead of overwriting each other. (SQLite has one writer anyway.)
_PERSON_AND_SEATS = (
    select(Person, *SEAT_COLUMNS)
    .outerjoin(Membership, Membership.person_id == Person.id)
    .outerjoin(
        Organization,
        and_(
            Organization.id == Membership.organization_id,
            Organization.status == OrgStatus.APPROVED,
        ),
    )
    .where(Person.tg_user_id == bindparam("tg_user_id"))
    .order_by(Organization.name, Organization.id)
    .with_for_update(of=Person)
)


async def actor_for_update(
    session: AsyncSession,
    clock: Clock,
    user: TelegramUser,
    *,
    in_private_chat: bool,
    configured: Collection[int],
) -> Actor:
    """Who sent an update; a person is recorded only when they write to the bot in private.

    A known person is read, not written: their row changes only when Telegram tells
    something new about them. Group chatter is not stored: someone the bot does not know yet
    who speaks in a group gets a person that lives for this update only (a configured
    coordinator binding a group is the one exception: they act for the network).
    """
    rows = (await session.execute(_PERSON_AND_SEATS, {"tg_user_id": user.tg_user_id})).all()
    recorded = in_private_chat or user.tg_user_id in configured
    if not rows:
        if not recorded:
            return actor_from(_passer_by(clock, user), configured, [])
        person = await ensure_person(session, clock, user, in_private_chat=in_private_chat)
        return actor_from(person, configured, [])
    person = rows[0][0]
    if recorded:
        await _update(session, clock, person, user, in_private_chat=in_private_chat)
    return actor_from(person, configured, (row[1:] for row in rows))


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
    # Two first updates at once meet at the unique tg_user_id: one row, and they take turns.
    person = (
        await session.execute(
            select(Person).where(Person.tg_user_id == user.tg_user_id).with_for_update()
        )
    ).scalar_one()
    await _update(session, clock, person, user, in_private_chat=in_private_chat)
    return person


async def _update(
    session: AsyncSession,
    clock: Clock,
    person: Person,
    user: TelegramUser,
    *,
    in_private_chat: bool,
) -> None:
    """What Telegram says about the person now; the row is written only if something changed."""
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


def _passer_by(clock: Clock, user: TelegramUser) -> Person:
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


async def coordinators(session: AsyncSession, configured: Collection[int]) -> list[Person]:
    """Every coordinator who has started the bot."""
    result = await session.execute(
        select(Person)
        .where(or_(Person.is_coordinator.is_(True), Person.tg_user_id.in_(list(configured))))
        .order_by(Person.id)
    )
    return list(result.scalars())


# Telegram usernames: 5 to 32 letters, digits and underscores (older ones may be shorter).
_USERNAME = re.compile(r"@?([A-Za-z0-9_]{3,32})")
_USER_ID = re.compile(r"[0-9]{1,15}")


async def find_person(session: AsyncSession, reference: str) -> Person | None:
    """A person by Telegram user id or exact @username (any case), as a coordinator types it.

    Nothing else is accepted: no patterns, no partial names (`_` and `%` are just characters).
    """
    reference = normalize_digits(reference.strip())
    if _USER_ID.fullmatch(reference):
        query = select(Person).where(Person.tg_user_id == int(reference))
    else:
        found = _USERNAME.fullmatch(reference)
        if found is None:
            raise DomainError("promote-reference-invalid", reference=reference[:40])
        username = found.group(1).lower()
        query = select(Person).where(func.lower(Person.username) == username)
    return (await session.execute(query.order_by(Person.id))).scalars().first()


async def mark_unreachable(session: AsyncSession, tg_user_id: int) -> None:
    """Telegram refused to deliver: the person blocked the bot or never started it."""
    person = (
        await session.execute(select(Person).where(Person.tg_user_id == tg_user_id))
    ).scalar_one_or_none()
    if person is not None:
        person.reachable = False
