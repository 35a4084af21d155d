"""Recording the cards the outbox sent never deadlocks with a person's tap (PostgreSQL).

A tap locks its person, then the meeting. Inserting a card locks, through its foreign keys,
the meeting and the person; done card by card, the outbox would hold the meeting while it
waits for the next person, whose tap waits for the meeting.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.services import cards
from db.models import Meeting, Person
from db.session import transaction
from tests.conftest import ON_POSTGRES
from tests.factories import make_person
from tests.unit.meeting_factories import make_meeting

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="row locks are PostgreSQL's; SQLite lets one writer in at a time"
)


async def waiting_for_a_lock(sessions: async_sessionmaker[AsyncSession]) -> bool:
    async with sessions() as session:
        found = await session.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
        )
        return int(found.scalar_one()) > 0


async def test_cards_recorded_while_a_tap_holds_its_person_wait_for_it_and_both_finish(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with transaction(sessions) as session:
        first, second = await make_person(session, clock), await make_person(session, clock)
        meeting = await make_meeting(session, clock)
    sent = [
        (meeting.id, first.id, first.tg_user_id, 10),
        (meeting.id, second.id, second.tg_user_id, 11),
    ]

    async with sessions() as tap, tap.begin():
        await tap.execute(select(Person).where(Person.id == second.id).with_for_update())

        async def record() -> None:
            async with transaction(sessions) as session:
                await cards.record_many(session, clock, sent)

        recording = asyncio.create_task(record())
        for _ in range(500):
            if recording.done() or await waiting_for_a_lock(sessions):
                break
            await asyncio.sleep(0.01)
        assert not recording.done(), "recording waits for the person the tap holds"
        # The tap goes on to its meeting: free, since the outbox has not reached it yet.
        await asyncio.wait_for(
            tap.execute(select(Meeting).where(Meeting.id == meeting.id).with_for_update()),
            timeout=timedelta(seconds=10).total_seconds(),
        )
    await asyncio.wait_for(recording, timeout=10)
