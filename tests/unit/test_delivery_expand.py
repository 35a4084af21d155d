"""Expanding a fan-out in the database (one INSERT … SELECT, in parts) makes exactly the rows
that reading the recipients and writing a row for each made: same people, keys and states."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.services import delivery, outbox
from bot.services.kinds import Kind
from bot.services.network import in_network
from db.models import (
    Meeting,
    MeetingCard,
    Membership,
    OrgStatus,
    Outbox,
    OutboxStatus,
    Person,
    Rsvp,
    RsvpAnswer,
)
from tests.factories import make_org, make_person
from tests.unit.meeting_factories import make_coordinator, make_meeting, outbox_rows

CONFIGURED = 77_000_000_001  # a coordinator named in SHURA_COORDINATORS, in no organization
FAN_OUT_KINDS = sorted(kind for kind, spec in delivery.REGISTRY.items() if spec.recipients)

Copy = tuple[Any, ...]


async def a_network(session: AsyncSession, clock: FakeClock) -> int:
    """Everyone a fan-out may or may not reach; the meeting's id.

    Members of two approved organizations (one in both, one who blocked the bot, a delegate,
    admins), a pending organization's member, a promoted and a configured coordinator, and
    someone who left after being invited; invitations in every state, answers, a card.
    """
    coordinator = await make_coordinator(session, clock)
    configured = await make_person(session, clock, tg_user_id=CONFIGURED)
    people = [await make_person(session, clock) for _ in range(9)]
    blocked, both, left, outsider = people[1], people[2], people[3], people[8]
    blocked.reachable = False
    first = await make_org(
        session, clock, people[0], admins=(people[0],), members=tuple(people[1:4])
    )
    await make_org(
        session, clock, people[4], admins=(people[4], people[5]), members=(both, people[6])
    )
    await make_org(session, clock, outsider, members=(outsider,), status=OrgStatus.PENDING)
    await session.execute(
        update(Membership)
        .where(Membership.organization_id == first.id, Membership.person_id == people[2].id)
        .values(is_delegate=True)
    )
    meeting = await make_meeting(session, clock, by=coordinator)
    statuses = [OutboxStatus.SENT, OutboxStatus.SENDING, OutboxStatus.PENDING, OutboxStatus.SENT]
    for person, status in zip([people[0], blocked, people[6], left], statuses, strict=True):
        await outbox.enqueue(
            session,
            clock,
            kind=Kind.INVITATION,
            meeting_id=meeting.id,
            person_id=person.id,
            chat_id=person.tg_user_id,
            dedupe_key=delivery.invitation_key(meeting.id, person.id),
            due_at=clock.now(),
            status=status,
        )
    answers = [
        (people[0], RsvpAnswer.GOING),
        (both, RsvpAnswer.MAYBE),
        (people[5], RsvpAnswer.DECLINED),
    ]
    for person, answer in [*answers, (outsider, RsvpAnswer.GOING), (configured, RsvpAnswer.GOING)]:
        session.add(
            Rsvp(meeting_id=meeting.id, person_id=person.id, answer=answer, answered_at=clock.now())
        )
    session.add(
        MeetingCard(
            meeting_id=meeting.id,
            person_id=people[7].id,
            chat_id=people[7].tg_user_id,
            message_id=5,
            sent_at=clock.now(),
        )
    )
    # Invited while a member; gone since.
    await session.execute(delete(Membership).where(Membership.person_id == left.id))
    await session.flush()
    return meeting.id


async def a_fan_out(session: AsyncSession, clock: FakeClock, kind: Kind, meeting_id: int) -> Outbox:
    row = Outbox(
        kind=kind,
        fanout=True,
        meeting_id=meeting_id,
        dedupe_key=f"{kind}s:m{meeting_id}:r3:1d",
        payload={"offset": "1d", "changes": [{"field": "venue", "old": "a", "new": "b"}]},
        due_at=clock.now(),
        not_after=clock.now() + timedelta(days=2),
        status=OutboxStatus.SENDING,
        attempts=1,
        next_attempt_at=clock.now(),
        created_at=clock.now(),
    )
    session.add(row)
    await session.flush()
    return row


async def copies_made_one_by_one(
    session: AsyncSession, clock: FakeClock, row: Outbox, coordinators: frozenset[int]
) -> list[Copy]:
    """What reading the recipients and writing one row each makes (the former expansion)."""
    spec = delivery.declared(row.kind)
    assert spec is not None and spec.recipients is not None and spec.person_key is not None
    assert row.meeting_id is not None
    people = await session.execute(
        select(Person.id, Person.tg_user_id, Person.reachable)
        .where(Person.id.in_(spec.recipients(row.meeting_id)), in_network(coordinators))
        .order_by(Person.id)
    )
    now = clock.now()
    # A key already there is left alone (an invitation sent before), as it always was.
    taken = set((await session.execute(select(Outbox.dedupe_key))).scalars())
    return [
        (
            row.kind,
            False,
            row.meeting_id,
            person_id,
            chat_id,
            spec.person_key(row, person_id),
            row.payload,
            now,
            row.not_after,
            OutboxStatus.PENDING if reachable else OutboxStatus.UNREACHABLE,
            0,
            now,
        )
        for person_id, chat_id, reachable in people
        if spec.person_key(row, person_id) not in taken
    ]


async def copies_in_the_outbox(session: AsyncSession, row: Outbox) -> list[Copy]:
    found = await outbox_rows(session, kind=row.kind, fanout=False, meeting_id=row.meeting_id)
    mine = [r for r in found if r.created_at == row.created_at and r.due_at == r.created_at]
    return [
        (
            r.kind,
            r.fanout,
            r.meeting_id,
            r.person_id,
            r.chat_id,
            r.dedupe_key,
            r.payload,
            r.due_at,
            r.not_after,
            r.status,
            r.attempts,
            r.next_attempt_at,
        )
        for r in sorted(mine, key=lambda r: r.id)
    ]


@pytest.mark.parametrize("coordinators", [frozenset(), frozenset({CONFIGURED})])
@pytest.mark.parametrize("part", [None, 1, 3])
@pytest.mark.parametrize("kind", FAN_OUT_KINDS)
async def test_the_database_makes_the_rows_one_by_one_made(
    session: AsyncSession,
    clock: FakeClock,
    kind: Kind,
    part: int | None,
    coordinators: frozenset[int],
) -> None:
    meeting_id = await a_network(session, clock)
    clock.advance(timedelta(minutes=1))  # the fan-out's copies are told apart by their time
    row = await a_fan_out(session, clock, kind, meeting_id)
    expected = await copies_made_one_by_one(session, clock, row, coordinators)
    assert expected, "the network reaches someone"

    made, after, parts = 0, 0, 0
    while after is not None:
        created, after = await delivery.expand_part(
            session, clock, row, coordinators, after=after, size=part
        )
        made += created
        parts += 1
        assert (await session.get(Outbox, row.id, populate_existing=True)).status == (
            OutboxStatus.SENT if after is None else OutboxStatus.SENDING
        ), "the fan-out is done only with its last part"

    # In person order, as the sends go: the same rows, and each counted once.
    assert await copies_in_the_outbox(session, row) == expected
    assert made == len(expected)
    assert parts > 1 or part is None


async def test_a_meeting_is_marked_invited_by_the_first_part_and_nobody_is_invited_twice(
    session: AsyncSession, clock: FakeClock
) -> None:
    meeting_id = await a_network(session, clock)
    clock.advance(timedelta(minutes=1))
    row = await a_fan_out(session, clock, Kind.INVITATION, meeting_id)
    created, after = await delivery.expand_part(session, clock, row, (), after=0, size=1)
    meeting = await session.get(Meeting, meeting_id, populate_existing=True)
    assert meeting is not None and meeting.invited_at == clock.now()
    assert after is not None

    # Claimed again after a crash: from the start, and only the missing rows are made.
    rest = 0
    after = 0
    while after is not None:
        made, after = await delivery.expand_part(session, clock, row, (), after=after, size=2)
        rest += made
    assert await delivery.expand(session, clock, row, ()) == 0
    invited = await copies_in_the_outbox(session, row)
    assert created + rest == len(invited)
    assert len({copy[3] for copy in invited}) == len(invited)
