"""Updates stored before Telegram forgets them, handled once, and replies kept until shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.models import IncomingUpdate, PendingReply
from db.queries import insert_or_ignore

# Telegram resends an unconfirmed update for at most 24 hours; a handled update's id is kept a
# while longer, so a late resend still finds it and is not handled twice.
KEEP_HANDLED = timedelta(days=2)


async def store(
    session: AsyncSession, clock: Clock, updates: Sequence[tuple[int, dict[str, Any]]]
) -> list[int]:
    """Store a batch of updates (id, content); the ids of those not stored before, in order."""
    if not updates:
        return []
    now = clock.now()
    rows = [
        {"update_id": update_id, "payload": payload, "received_at": now, "handled_at": None}
        for update_id, payload in updates
    ]
    stored = await session.execute(
        insert_or_ignore(session, IncomingUpdate, ["update_id"]).returning(
            IncomingUpdate.update_id
        ),
        rows,
    )
    return sorted(stored.scalars())


async def claim(session: AsyncSession, clock: Clock, update_id: int) -> bool:
    """Mark the update handled in the transaction that handles it; False if it was before.

    An update that was never stored (a test feeding the application directly) is recorded
    now. Two transactions claiming one id queue on its row: the second finds it handled.
    """
    now = clock.now()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(IncomingUpdate)
        .values(update_id=update_id, payload=None, received_at=now, handled_at=now)
        .on_conflict_do_update(
            index_elements=["update_id"],
            set_={"handled_at": now, "payload": None},
            where=IncomingUpdate.handled_at.is_(None),
        )
        .returning(IncomingUpdate.update_id)
    )
    return (await session.execute(statement)).first() is not None


async def is_handled(session: AsyncSession, update_id: int) -> bool:
    handled_at = await session.scalar(
        select(IncomingUpdate.handled_at).where(IncomingUpdate.update_id == update_id)
    )
    return handled_at is not None


async def mark_handled(session: AsyncSession, clock: Clock, update_id: int) -> None:
    """An update no feature took (or whose handling failed) is done all the same."""
    await session.execute(
        update(IncomingUpdate)
        .where(IncomingUpdate.update_id == update_id, IncomingUpdate.handled_at.is_(None))
        .values(handled_at=clock.now(), payload=None)
    )


async def unhandled(session: AsyncSession) -> list[tuple[int, dict[str, Any]]]:
    """Stored updates a dead run did not get to, oldest first."""
    rows = await session.execute(
        select(IncomingUpdate.update_id, IncomingUpdate.payload)
        .where(IncomingUpdate.handled_at.is_(None))
        .order_by(IncomingUpdate.update_id)
    )
    return [(update_id, payload or {}) for update_id, payload in rows]


@dataclass(frozen=True)
class KeptReply:
    """A reply as data: a new message to `chat_id`, or an edit of its message `message_id`."""

    chat_id: int
    message_id: int | None
    lang: str
    text: dict[str, Any]
    keyboard: list[Any] | None


async def keep_replies(
    session: AsyncSession, clock: Clock, update_id: int, replies: Sequence[KeptReply]
) -> bool:
    """Keep the replies of an update with its handling, until they are shown; True if any."""
    if not replies:
        return False
    for reply in replies:
        if reply.message_id is not None:
            # Only the newest state of a message is worth showing again.
            await session.execute(
                delete(PendingReply).where(
                    PendingReply.chat_id == reply.chat_id,
                    PendingReply.message_id == reply.message_id,
                )
            )
    session.add_all(
        PendingReply(
            update_id=update_id,
            chat_id=reply.chat_id,
            message_id=reply.message_id,
            lang=reply.lang,
            text=reply.text,
            keyboard=reply.keyboard,
            created_at=clock.now(),
        )
        for reply in replies
    )
    await session.flush()
    return True


async def shown(session: AsyncSession, update_id: int) -> None:
    """The replies of an update were sent (or tried): never show them again."""
    await session.execute(delete(PendingReply).where(PendingReply.update_id == update_id))


async def pending_replies(session: AsyncSession) -> list[PendingReply]:
    """Replies committed by a dead run and never shown, in the order they were decided."""
    return list(await session.scalars(select(PendingReply).order_by(PendingReply.id)))


async def forget_replies(session: AsyncSession, ids: Sequence[int]) -> None:
    await session.execute(delete(PendingReply).where(PendingReply.id.in_(list(ids))))


async def purge(session: AsyncSession, clock: Clock, keep: timedelta = KEEP_HANDLED) -> int:
    """Forget handled updates older than `keep`; the number forgotten."""
    cutoff = clock.now() - keep
    removed = await session.execute(
        delete(IncomingUpdate)
        .where(IncomingUpdate.handled_at < cutoff)
        .returning(IncomingUpdate.update_id)
    )
    await session.execute(delete(PendingReply).where(PendingReply.created_at < cutoff))
    return len(removed.all())
