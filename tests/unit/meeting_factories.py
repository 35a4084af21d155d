"""Factories and small helpers for the meeting, RSVP, series and outbox tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import delivery, meetings, outbox
from db.models import Meeting, Organization, Outbox, OutboxStatus, Person, Rsvp
from tests.factories import act, make_org, make_person

PLAN = meetings.DeliveryPlan()  # invitations 7 d before, reminders 1 d and 2 h, nudge 3 d


async def make_coordinator(session: AsyncSession, clock: Clock, **overrides: Any) -> Person:
    return await make_person(session, clock, is_coordinator=True, **overrides)


async def make_members(
    session: AsyncSession, clock: Clock, count: int, **org_overrides: Any
) -> tuple[Organization, list[Person]]:
    """An organization (approved unless told otherwise) with `count` plain members."""
    people = [await make_person(session, clock) for _ in range(count)]
    registrant = people[0] if people else await make_person(session, clock)
    org = await make_org(session, clock, registrant, members=tuple(people), **org_overrides)
    return org, people


def make_draft(
    clock: Clock, *, starts_in: timedelta = timedelta(days=10), **overrides: Any
) -> meetings.Draft:
    values: dict[str, Any] = {
        "title": "Monthly coordination meeting",
        "starts_at": clock.now() + starts_in,
        "timezone": "Asia/Kabul",
        "venue": "Balkh NGO union hall",
    }
    values.update(overrides)
    return meetings.Draft(**values)


async def make_meeting(
    session: AsyncSession,
    clock: Clock,
    *,
    starts_in: timedelta = timedelta(days=10),
    by: Person | None = None,
    plan: meetings.DeliveryPlan = PLAN,
    **overrides: Any,
) -> Meeting:
    """A meeting scheduled through the service, with its deliveries planned."""
    actor = by or await make_coordinator(session, clock)
    return await meetings.schedule(
        session,
        clock,
        await act(session, actor, ()),
        make_draft(clock, starts_in=starts_in, **overrides),
        plan,
    )


async def outbox_rows(
    session: AsyncSession,
    *,
    kind: str | None = None,
    fanout: bool | None = None,
    status: OutboxStatus | None = None,
    meeting_id: int | None = None,
) -> list[Outbox]:
    """Outbox rows as they are in the database now, oldest first."""
    query = select(Outbox).order_by(Outbox.id).execution_options(populate_existing=True)
    if kind is not None:
        query = query.where(Outbox.kind == kind)
    if fanout is not None:
        query = query.where(Outbox.fanout.is_(fanout))
    if status is not None:
        query = query.where(Outbox.status == status)
    if meeting_id is not None:
        query = query.where(Outbox.meeting_id == meeting_id)
    return list((await session.execute(query)).scalars())


async def recipients_of(session: AsyncSession, kind: str, **filters: Any) -> list[int]:
    """The person ids that have a per-person row of this kind, in id order."""
    rows = await outbox_rows(session, kind=kind, fanout=False, **filters)
    return sorted(row.person_id for row in rows if row.person_id is not None)


async def fan_out(session: AsyncSession, clock: Clock, *, limit: int = 50) -> int:
    """What the dispatcher does with due fan-out rows: claim them and expand each."""
    created = 0
    for row in await outbox.claim(session, clock, fanout=True, limit=limit):
        created += await delivery.expand(session, clock, row, ())
    return created


async def deliver(session: AsyncSession, clock: Clock, *, limit: int = 500) -> int:
    """Pretend every due per-person row was sent successfully."""
    rows = await outbox.claim(session, clock, fanout=False, limit=limit)
    for number, row in enumerate(rows, start=1):
        await outbox.finish(
            session, clock, row.id, outbox.Outcome(OutboxStatus.SENT, tg_message_id=number)
        )
    return len(rows)


async def rsvps(session: AsyncSession, meeting_id: int) -> list[Rsvp]:
    query = (
        select(Rsvp)
        .where(Rsvp.meeting_id == meeting_id)
        .order_by(Rsvp.id)
        .execution_options(populate_existing=True)
    )
    return list((await session.execute(query)).scalars())
