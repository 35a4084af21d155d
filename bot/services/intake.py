"""Updates stored before Telegram forgets them, handled once, and replies kept until shown."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Insert,
    Table,
    bindparam,
    delete,
    insert,
    null,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.clock import Clock
from db.models import IncomingUpdate, PendingReply
from db.queries import insert_or_ignore

# Telegram resends an unconfirmed update for at most 24 hours; a handled update's id is kept a
# while longer, so a late resend still finds it and is not handled twice.
KEEP_HANDLED = timedelta(days=2)

# Core, not the ORM: kept replies are written and dropped in bulk, never read back as objects.
_PENDING = cast(Table, PendingReply.__table__)
_KEEP = insert(_PENDING)


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


def _claim(dialect: str) -> Insert:
    table = cast(Table, IncomingUpdate.__table__)
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = bindparam("now", type_=table.c.handled_at.type)
    return (
        upsert(table)
        .values(update_id=bindparam("update_id"), payload=null(), received_at=now, handled_at=now)
        .on_conflict_do_update(
            index_elements=["update_id"],
            set_={"handled_at": now, "payload": null()},
            where=table.c.handled_at.is_(None),
        )
        .returning(table.c.update_id)
    )


# Built once: the claim is the first statement of every update.
_CLAIM = {dialect: _claim(dialect) for dialect in ("postgresql", "sqlite")}


async def claim(session: AsyncSession, clock: Clock, update_id: int) -> bool:
    """Mark the update handled in the transaction that handles it; False if it was before.

    An update that was never stored (a test feeding the application directly) is recorded
    now. Two transactions claiming one id queue on its row: the second finds it handled.
    """
    statement = _CLAIM[session.get_bind().dialect.name]
    found = await session.execute(statement, {"update_id": update_id, "now": clock.now()})
    return found.first() is not None


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
    now = clock.now()
    await session.execute(
        _KEEP,
        [
            {
                "update_id": update_id,
                "chat_id": reply.chat_id,
                "message_id": reply.message_id,
                "lang": reply.lang,
                "text": reply.text,
                "keyboard": reply.keyboard,
                "created_at": now,
            }
            for reply in replies
        ],
    )
    return True


def _superseded(table: Any, newer: Any, *among: ColumnElement[bool]) -> ColumnElement[bool]:
    """A kept edit of a message that a newer kept reply (`newer`, limited by `among`) edits."""
    return (
        select(newer.id)
        .where(
            newer.chat_id == table.chat_id,
            newer.message_id == table.message_id,
            newer.id > table.id,
            *among,
        )
        .exists()
    )


_NEWER = _PENDING.alias("newer")
# Built once: it follows the updates that replied.
_SHOWN = delete(_PENDING).where(
    _PENDING.c.update_id.in_(bindparam("update_ids", expanding=True))
    | _superseded(
        _PENDING.c, _NEWER.c, _NEWER.c.update_id.in_(bindparam("update_ids", expanding=True))
    )
)


async def shown(session: AsyncSession, update_ids: Collection[int]) -> None:
    """The replies of these updates were sent (or tried): never show them again.

    Nor the older states of the messages they edited, which another update kept and has not
    shown yet: after a crash they would take the message back to a state it no longer has.
    """
    if update_ids:
        await session.execute(_SHOWN, {"update_ids": list(update_ids)})


class ShownEdits:
    """Updates whose kept replies were only edits, and have been shown: forgotten together.

    Showing such an edit again after a crash changes nothing a person sees (Telegram answers
    "message is not modified"), so the tap that edits its card does not pay a transaction of
    its own to forget it. The dispatcher forgets every one shown so far in the transaction
    where it claims messages, before it sends anything (a card's retirement, a changed
    meeting) that may edit the same messages: a restart never shows an older state over it.
    """

    def __init__(self) -> None:
        self._update_ids: set[int] = set()

    def add(self, update_id: int) -> None:
        self._update_ids.add(update_id)

    def __len__(self) -> int:
        return len(self._update_ids)

    async def forget(self, session: AsyncSession) -> None:
        """Forget them in this transaction (kept for the next one if the statement fails)."""
        if not self._update_ids:
            return
        update_ids, self._update_ids = self._update_ids, set()
        try:
            await shown(session, update_ids)
        except BaseException:
            self._update_ids |= update_ids
            raise


async def pending_replies(session: AsyncSession) -> list[PendingReply]:
    """Replies committed by a dead run and never shown, in the order they were decided.

    Of several states of one message (a card tapped twice), only the newest is worth showing.
    """
    newer = aliased(PendingReply)
    query = select(PendingReply).where(~_superseded(PendingReply, newer)).order_by(PendingReply.id)
    return list(await session.scalars(query))


async def forget_replies(session: AsyncSession, ids: Sequence[int]) -> None:
    """Forget these replies, and the older states of the messages they edit."""
    await session.execute(
        delete(_PENDING).where(
            _PENDING.c.id.in_(list(ids))
            | _superseded(_PENDING.c, _NEWER.c, _NEWER.c.id.in_(list(ids)))
        )
    )


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
