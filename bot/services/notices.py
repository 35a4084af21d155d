"""Messages to someone other than the person acting (a coordinator, a registrant).

Written to the outbox in the same transaction as the decision, they survive a crash right
after it, obey the send budget, and are retried like any other outbox message.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Msg, to_data
from bot.presentation import Keyboard, keyboard_to_data
from bot.services import outbox
from bot.services.kinds import Kind
from db.models import Person


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
