"""Telling someone other than the person acting, from a handler: the service queues it."""

from __future__ import annotations

from bot.handlers.common import Keyboard, Later, Turn
from bot.i18n import Msg
from bot.services import notices
from db.models import Person


async def notify(
    turn: Turn, person: Person, text: Msg, key: str, keyboard: Keyboard | None = None
) -> Later:
    """Queue `text` for `person` (once per `key`); the returned Later wakes the dispatcher."""
    await notices.notify(turn.session, turn.clock, person, text, key, keyboard)
    return Later(turn.runtime.dispatcher.wake)
