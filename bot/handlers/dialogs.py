"""Routes a person's answers to the conversation they are in: typed text, or a shared location."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.handlers.common import Replies, Send, Turn, handler
from bot.i18n import msg
from bot.services import dialogs
from db.models import Dialog

Step = Callable[[Turn, Dialog, str], Awaitable[Replies]]
_FLOWS: dict[str, Step] = {}


@dataclass(frozen=True)
class Location:
    """A point someone shared (Telegram's location message), in degrees."""

    latitude: float
    longitude: float


PlaceStep = Callable[[Turn, Dialog, Location], Awaitable[Replies]]
_PLACES: dict[str, PlaceStep] = {}


def flow(name: str) -> Callable[[Step], Step]:
    """Register the function that takes typed answers for conversation `name`."""

    def register(step: Step) -> Step:
        _FLOWS[name] = step
        return step

    return register


def takes_location(name: str) -> Callable[[PlaceStep], PlaceStep]:
    """Register the function that takes a shared location for conversation `name`."""

    def register(step: PlaceStep) -> PlaceStep:
        _PLACES[name] = step
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


async def continue_with_location(turn: Turn, location: Location) -> Replies:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None:
        return Send(msg("error-no-conversation"))
    step = _PLACES.get(dialog.flow)
    if step is None:
        return Send(msg("picker-location-unexpected"))
    return await step(turn, dialog, location)


@handler()
async def on_location(turn: Turn) -> Replies:
    message = turn.update.effective_message
    shared = message.location if message is not None else None
    if shared is None:
        return Send(msg("error-text-only"))
    return await continue_with_location(turn, Location(shared.latitude, shared.longitude))
