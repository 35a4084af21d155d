"""Messages to someone other than the person acting (a coordinator, a registrant).

Written to the outbox in the same transaction as the decision, they survive a crash right
after it, obey the send budget, and are retried like any other outbox message.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Msg, to_data
from bot.presentation import Keyboard, keyboard_to_data
from bot.services import outbox
from bot.services.kinds import Kind
from db.models import Outbox, OutboxStatus, Person


async def notify(
    session: AsyncSession,
    clock: Clock,
    person: Person,
    text: Msg,
    key: str,
    keyboard: Keyboard | None = None,
) -> bool:
    """Queue `text` for `person`, once per `key`; False when that key was already queued."""
    return await outbox.enqueue(
        session,
        clock,
        kind=Kind.NOTICE,
        person_id=person.id,
        chat_id=person.tg_user_id,
        dedupe_key=f"{Kind.NOTICE}:{key}",
        due_at=clock.now(),
        payload={"text": to_data(text), "keyboard": keyboard_to_data(keyboard)},
    )


@dataclass(frozen=True)
class SentCopy:
    """A notice that reached someone's chat, to be edited once it no longer holds."""

    chat_id: int
    message_id: int
    language: str | None


async def withdraw(session: AsyncSession, key_prefix: str) -> list[SentCopy]:
    """The delivered copies of the notices whose key starts with `key_prefix`.

    Copies not sent yet are dropped: a decision already taken needs no buttons to take it.
    """
    prefix = f"{Kind.NOTICE}:{key_prefix}"
    matching = Outbox.dedupe_key.startswith(prefix, autoescape=True)
    await session.execute(
        update(Outbox)
        .where(matching, Outbox.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.SKIPPED)
        .execution_options(synchronize_session=False)
    )
    rows = await session.execute(
        select(Outbox.chat_id, Outbox.tg_message_id, Person.language)
        .join(Person, Person.id == Outbox.person_id)
        .where(matching, Outbox.status == OutboxStatus.SENT, Outbox.tg_message_id.is_not(None))
        .order_by(Outbox.id)
    )
    return [
        SentCopy(chat_id, message_id, language)
        for chat_id, message_id, language in rows
        if chat_id is not None and message_id is not None
    ]
