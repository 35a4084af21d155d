"""Each person's live card of a meeting: the one message whose buttons work and which is edited."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import outbox
from bot.services.kinds import Kind
from db.models import MeetingCard, Person
from db.queries import insert_or_ignore


def retire_key(chat_id: int, message_id: int) -> str:
    return f"{Kind.CARD_RETIRE}:c{chat_id}:{message_id}"


async def record(
    session: AsyncSession,
    clock: Clock,
    meeting_id: int,
    person_id: int,
    chat_id: int,
    message_id: int,
) -> bool:
    """A card was just sent: it becomes the live one, and the older loses its buttons.

    Message ids grow within a chat, so a card recorded late (two sent side by side) never
    replaces a newer one: the older of the two is the one retired. True when a retirement
    was queued.
    """
    now = clock.now()
    await session.execute(
        insert_or_ignore(
            session,
            MeetingCard,
            ["meeting_id", "person_id"],
            {
                "meeting_id": meeting_id,
                "person_id": person_id,
                "chat_id": chat_id,
                "message_id": message_id,
                "sent_at": now,
            },
        )
    )
    live = (
        await session.execute(
            select(MeetingCard)
            .where(MeetingCard.meeting_id == meeting_id, MeetingCard.person_id == person_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one()
    if live.message_id == message_id and live.chat_id == chat_id:
        return False
    older_chat, older = live.chat_id, live.message_id
    if live.chat_id != chat_id or message_id > live.message_id:
        live.chat_id, live.message_id, live.sent_at = chat_id, message_id, now
    else:
        older_chat, older = chat_id, message_id
    return await outbox.enqueue(
        session,
        clock,
        kind=Kind.CARD_RETIRE,
        meeting_id=meeting_id,
        person_id=person_id,
        chat_id=older_chat,
        dedupe_key=retire_key(older_chat, older),
        due_at=now,
        payload={"message_id": older},
    )


async def record_many(
    session: AsyncSession, clock: Clock, sent: Sequence[tuple[int, int, int, int]]
) -> int:
    """Cards the outbox sent: (meeting id, person id, chat id, message id); retirements queued.

    The people's rows are locked first, in order, as an update locks its person before the
    meeting: a card's foreign keys would otherwise lock the meeting and then wait for the next
    person, while that person's tap holds them and waits for the meeting (PostgreSQL).
    """
    people = sorted({person_id for _meeting, person_id, _chat, _message in sent})
    if people:
        await session.execute(
            select(Person.id)
            .where(Person.id.in_(people))
            .order_by(Person.id)
            .with_for_update(read=True, key_share=True)
        )
    queued = 0
    for meeting_id, person_id, chat_id, message_id in sent:
        queued += await record(session, clock, meeting_id, person_id, chat_id, message_id)
    return queued


async def record_for_chat(
    session: AsyncSession, clock: Clock, meeting_id: int, chat_id: int, message_id: int
) -> bool:
    """A card sent as a reply in a private chat (/next, a meeting's link)."""
    person_id = (
        await session.execute(select(Person.id).where(Person.tg_user_id == chat_id))
    ).scalar_one_or_none()
    if person_id is None:
        return False
    return await record(session, clock, meeting_id, person_id, chat_id, message_id)
