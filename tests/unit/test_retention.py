"""Retention: unfinished dialogs and handled messages' contents are deleted after the period."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.jobs.retention import purge
from bot.services import outbox
from db.models import Dialog, Outbox, OutboxStatus, Person
from db.session import transaction

RETENTION = timedelta(days=30)
SECRET = {"text": {"msg": "org-rejected", "params": {"reason": "what a coordinator typed"}}}


async def _setup(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> dict[str, int]:
    """Two people, each with a dialog and a few messages, written at the clock's current time."""
    ids: dict[str, int] = {}
    async with transaction(sessions) as session:
        for n, name in enumerate(("old", "new"), start=1):
            person = Person(
                tg_user_id=9_000_000 + n,
                first_name=name,
                reachable=True,
                is_coordinator=False,
                created_at=clock.now(),
            )
            session.add(person)
            await session.flush()
            ids[name] = person.id
    return ids


async def _dialog(session: AsyncSession, person_id: int, clock: FakeClock) -> None:
    session.add(
        Dialog(
            person_id=person_id,
            flow="register",
            step="province",
            data={"name": "typed by a person"},
            updated_at=clock.now(),
        )
    )


async def _message(
    session: AsyncSession, clock: FakeClock, key: str, status: OutboxStatus, **extra: Any
) -> None:
    await outbox.enqueue(
        session,
        clock,
        kind="notice",
        dedupe_key=key,
        due_at=clock.now(),
        person_id=extra.pop("person_id", None),
        chat_id=9_000_001,
        payload=SECRET,
        status=status,
    )
    if status == OutboxStatus.SENT:
        row = (await session.execute(select(Outbox).where(Outbox.dedupe_key == key))).scalar_one()
        row.sent_at = clock.now()


async def _payloads(session: AsyncSession) -> dict[str, dict[str, Any]]:
    rows = await session.execute(select(Outbox.dedupe_key, Outbox.payload))
    return {key: payload for key, payload in rows}


async def test_old_dialogs_and_handled_messages_lose_their_contents(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    ids = await _setup(sessions, clock)
    async with transaction(sessions) as session:
        await _dialog(session, ids["old"], clock)
        for status in OutboxStatus:
            await _message(session, clock, f"old:{status.value}", status)
    clock.advance(RETENTION - timedelta(days=1))
    async with transaction(sessions) as session:
        await _dialog(session, ids["new"], clock)
        await _message(session, clock, "new:sent", OutboxStatus.SENT)

    purged = await purge(sessions, clock, RETENTION)
    assert (purged.dialogs, purged.payloads) == (0, 0)  # nothing is old enough yet

    clock.advance(timedelta(days=1, seconds=1))
    purged = await purge(sessions, clock, RETENTION)
    assert purged.dialogs == 1
    assert purged.payloads == 4  # sent, skipped, unreachable, failed
    async with sessions() as session:
        left = (await session.execute(select(Dialog.person_id))).scalars().all()
        assert left == [ids["new"]]
        payloads = await _payloads(session)
    assert payloads["new:sent"] == SECRET
    assert payloads["old:pending"] == SECRET  # not sent yet: still needed
    assert payloads["old:sending"] == SECRET
    for status in ("sent", "skipped", "unreachable", "failed"):
        assert payloads[f"old:{status}"] == {}, status

    again = await purge(sessions, clock, RETENTION)
    assert (again.dialogs, again.payloads) == (0, 0)


async def test_an_undelivered_message_without_contents_is_not_sent_when_the_person_returns(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    ids = await _setup(sessions, clock)
    async with transaction(sessions) as session:
        await _message(
            session, clock, "old:unreachable", OutboxStatus.UNREACHABLE, person_id=ids["old"]
        )
    clock.advance(RETENTION + timedelta(hours=1))
    await purge(sessions, clock, RETENTION)
    async with transaction(sessions) as session:
        await outbox.retry_unreachable(session, clock, ids["old"])
    async with sessions() as session:
        row = (await session.execute(select(Outbox))).scalar_one()
    assert row.status == OutboxStatus.UNREACHABLE
    assert row.payload == {}
