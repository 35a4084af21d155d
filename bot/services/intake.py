"""Updates stored before Telegram forgets them, handled once, and replies kept until shown."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Insert,
    Select,
    Table,
    bindparam,
    case,
    delete,
    null,
    select,
    union,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.models import IncomingUpdate
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


def _claim(dialect: str) -> Insert:
    table = cast(Table, IncomingUpdate.__table__)
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = bindparam("now", type_=table.c.handled_at.type)
    kept = {
        "replies": bindparam("replies", type_=table.c.replies.type),
        "edit": bindparam("edit", type_=table.c.edit.type),
        "edits_chat_id": bindparam("edits_chat_id", type_=table.c.edits_chat_id.type),
        "edits_message_id": bindparam("edits_message_id", type_=table.c.edits_message_id.type),
    }
    return (
        upsert(table)
        .values(
            update_id=bindparam("update_id"),
            payload=null(),
            received_at=now,
            handled_at=now,
            **kept,
        )
        .on_conflict_do_update(
            index_elements=["update_id"],
            set_={"handled_at": now, "payload": null(), **kept},
            where=table.c.handled_at.is_(None),
        )
        .returning(table.c.update_id)
    )


# Built once: every update that a feature handles ends with it.
_CLAIM = {dialect: _claim(dialect) for dialect in ("postgresql", "sqlite")}


@dataclass(frozen=True)
class KeptReply:
    """A reply as data: a new message to `chat_id`, or an edit of its message `message_id`."""

    chat_id: int
    message_id: int | None
    lang: str
    text: dict[str, Any]
    keyboard: list[Any] | None

    def as_data(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it would copy the message's data, deep as it is.
        return {
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "lang": self.lang,
            "text": self.text,
            "keyboard": self.keyboard,
        }


async def claim(
    session: AsyncSession, clock: Clock, update_id: int, replies: Sequence[KeptReply] = ()
) -> bool:
    """Mark the update handled in the transaction that handles it, with the replies it decided
    kept until they are shown; False if it was handled before (then nothing is kept).

    One statement, the last of the update's transaction. An update that was never stored (a
    test feeding the application directly) is recorded now. Two transactions claiming one id
    queue on its row: the second finds it handled.
    """
    messages = [reply.as_data() for reply in replies if reply.message_id is None]
    # Every edit of an update replaces the message pressed: the last is the state it leaves.
    edit = next((reply for reply in reversed(replies) if reply.message_id is not None), None)
    statement = _CLAIM[session.get_bind().dialect.name]
    found = await session.execute(
        statement,
        {
            "update_id": update_id,
            "now": clock.now(),
            "replies": messages or None,
            "edit": edit.as_data() if edit else None,
            "edits_chat_id": edit.chat_id if edit else None,
            "edits_message_id": edit.message_id if edit else None,
        },
    )
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


_UPDATES = cast(Table, IncomingUpdate.__table__)
_NEWER = _UPDATES.alias("newer")


def _newer_edit_of_the_same_message(among: ColumnElement[bool]) -> ColumnElement[bool]:
    """An update (limited by `among`) whose kept edit replaces the same message as this one's,
    decided later."""
    this, newer = _UPDATES.c, _NEWER.c
    return (
        select(newer.update_id)
        .where(
            among,
            newer.edits_chat_id == this.edits_chat_id,
            newer.edits_message_id == this.edits_message_id,
            (newer.handled_at > this.handled_at)
            | ((newer.handled_at == this.handled_at) & (newer.update_id > this.update_id)),
        )
        .exists()
    )


def _older_states() -> Select[tuple[int]]:
    """The updates whose kept edit is an older state of a message one of `update_ids` edited:
    found from those updates by their message (ix_incoming_update_kept_edit), not by reading
    two days of handled updates."""
    older, newer = _UPDATES.alias("older"), _NEWER.c
    return (
        select(older.c.update_id)
        .join(
            _NEWER,
            (newer.edits_chat_id == older.c.edits_chat_id)
            & (newer.edits_message_id == older.c.edits_message_id)
            & (
                (newer.handled_at > older.c.handled_at)
                | ((newer.handled_at == older.c.handled_at) & (newer.update_id > older.c.update_id))
            ),
        )
        .where(
            newer.update_id.in_(bindparam("update_ids", expanding=True)),
            older.c.edit.is_not(None),
        )
    )


def _these() -> Select[tuple[int]]:
    shown = _UPDATES.alias("shown")
    return select(shown.c.update_id).where(
        shown.c.update_id.in_(bindparam("update_ids", expanding=True))
    )


_SHOWN_IDS = _UPDATES.c.update_id.in_(bindparam("update_ids", expanding=True))
# Built once: it follows the updates that replied.
_SHOWN = (
    update(_UPDATES)
    .where(_UPDATES.c.update_id.in_(union(_these(), _older_states())))
    .values(
        replies=case((_SHOWN_IDS, null()), else_=_UPDATES.c.replies),
        edit=null(),
    )
)


async def shown(session: AsyncSession, update_ids: Collection[int]) -> None:
    """The replies of these updates were sent (or tried): never show them again.

    Nor the older states of the messages they edited, which another update kept and has not
    shown yet: after a crash they would take the message back to a state it no longer has.
    """
    if update_ids:
        await session.execute(_SHOWN, {"update_ids": list(update_ids)})


@dataclass(frozen=True)
class Kept:
    """An update's replies committed by a dead run and never shown: its edit, then its new
    messages."""

    update_id: int
    replies: list[KeptReply]


async def pending_replies(session: AsyncSession) -> list[Kept]:
    """Replies committed by a dead run and never shown, in the order they were decided.

    Of several states of one message (a card tapped twice), only the newest is worth showing.
    """
    superseded = _newer_edit_of_the_same_message(_NEWER.c.edit.is_not(None))
    rows = await session.execute(
        select(_UPDATES.c.update_id, _UPDATES.c.edit, _UPDATES.c.replies, superseded)
        .where(_UPDATES.c.edit.is_not(None) | _UPDATES.c.replies.is_not(None))
        .order_by(_UPDATES.c.handled_at, _UPDATES.c.update_id)
    )
    kept = []
    for update_id, edit, messages, older in rows:
        replies = [] if edit is None or older else [KeptReply(**edit)]
        replies += [KeptReply(**message) for message in messages or []]
        if replies:
            kept.append(Kept(update_id, replies))
    return kept


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


async def purge(session: AsyncSession, clock: Clock, keep: timedelta = KEEP_HANDLED) -> int:
    """Forget handled updates older than `keep`; the number forgotten."""
    cutoff = clock.now() - keep
    removed = await session.execute(
        delete(IncomingUpdate)
        .where(IncomingUpdate.handled_at < cutoff)
        .returning(IncomingUpdate.update_id)
    )
    return len(removed.all())
