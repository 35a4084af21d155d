"""Messages to other people than the one acting (a coordinator, a registrant): via the outbox.

Written in the same transaction as the decision, they survive a crash right after it, obey
the send budget, and are retried like any other outbox message.
"""

from __future__ import annotations

from bot.handlers.common import Keyboard, Later, Turn
from bot.i18n import Msg, to_data
from bot.presentation import keyboard_to_data
from bot.services import outbox
from db.models import Person

NOTICE = "notice"


async def notify(
    turn: Turn, person: Person, text: Msg, key: str, keyboard: Keyboard | None = None
) -> Later:
    """Queue `text` for `person` (once per `key`); the returned Later wakes the dispatcher."""
    await outbox.enqueue(
        turn.session,
        turn.clock,
        kind=NOTICE,
        person_id=person.id,
        chat_id=person.tg_user_id,
        dedupe_key=f"{NOTICE}:{key}",
        due_at=turn.clock.now(),
        payload={"text": to_data(text), "keyboard": keyboard_to_data(keyboard)},
    )
    return Later(turn.runtime.dispatcher.wake)
