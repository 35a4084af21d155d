"""Routes a person's typed answers to the conversation they are in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.handlers.common import Replies, Send, Turn
from bot.i18n import msg
from bot.services import dialogs
from db.models import Dialog

Step = Callable[[Turn, Dialog, str], Awaitable[Replies]]
_FLOWS: dict[str, Step] = {}


def flow(name: str) -> Callable[[Step], Step]:
    """Register the function that takes typed answers for conversation `name`."""

    def register(step: Step) -> Step:
        _FLOWS[name] = step
        return step

    return register


async def continue_dialog(turn: Turn, text: str | None) -> Replies:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None:
        return Send(msg("error-no-conversation"))
    if text is None:
        return Send(msg("error-text-only"))
    step = _FLOWS.get(dialog.flow)
    if step is None:
        await dialogs.finish(turn.session, turn.person)
        return Send(msg("error-no-conversation"))
    return await step(turn, dialog, text)
