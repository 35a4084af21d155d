"""Messages to other people than the one acting (a coordinator, a registrant): via the outbox.

Written in the same transaction as the decision, they survive a crash right after it, obey
the send budget, and are retried like any other outbox message.
"""

from __future__ import annotations

from typing import Any

from bot.handlers.common import Button, Keyboard, Later, Turn
from bot.i18n import Msg, from_data, to_data
from bot.services import outbox
from db.models import Person

NOTICE = "notice"


def keyboard_to_data(keyboard: Keyboard | None) -> list[list[dict[str, Any]]] | None:
    if keyboard is None:
        return None
    return [
        [{"label": to_data(b.label), "data": b.data, "url": b.url} for b in row] for row in keyboard
    ]


def keyboard_from_data(data: object) -> Keyboard | None:
    if not isinstance(data, list):
        return None
    rows: list[list[Button]] = []
    for row in data:
        buttons = []
        for item in row:
            label = from_data(item["label"])
            assert isinstance(label, Msg | str)
            buttons.append(Button(label, item.get("data"), item.get("url")))
        rows.append(buttons)
    return rows


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
