"""Routes a person's answers to the conversation they are in: text, a location, or a file."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from telegram import Message

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

MediaKind = Literal["voice", "photo", "document"]


@dataclass(frozen=True)
class Media:
    """A file someone sent: its Telegram file id (the bot never downloads it) and caption."""

    kind: MediaKind
    file_id: str
    caption: str | None = None


MediaStep = Callable[[Turn, Dialog, Media], Awaitable[Replies]]


@dataclass(frozen=True)
class _MediaFlow:
    step: MediaStep
    kinds: frozenset[MediaKind]
    refusal: str  # the message key that says what the flow takes instead


_MEDIA: dict[str, _MediaFlow] = {}


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


def takes_media(
    name: str, kinds: tuple[MediaKind, ...], *, refusal: str
) -> Callable[[MediaStep], MediaStep]:
    """Register the function that takes files of `kinds` for conversation `name`.

    Anything else sent without text (another kind of file, a sticker, a video) gets the
    message `refusal`, which names what the conversation does take; nothing is saved.
    """

    def register(step: MediaStep) -> MediaStep:
        _MEDIA[name] = _MediaFlow(step, frozenset(kinds), refusal)
        return step

    return register


def _wrong_kind(dialog: Dialog) -> Send:
    media = _MEDIA.get(dialog.flow)
    return Send(msg(media.refusal if media is not None else "error-text-only"))


async def continue_dialog(turn: Turn, text: str | None) -> Replies:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None:
        return Send(msg("error-no-conversation"))
    if text is None:
        return _wrong_kind(dialog)
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


async def continue_with_media(turn: Turn, media: Media) -> Replies:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None:
        return Send(msg("error-no-conversation"))
    taker = _MEDIA.get(dialog.flow)
    if taker is None or media.kind not in taker.kinds:
        return _wrong_kind(dialog)
    return await taker.step(turn, dialog, media)


def media_of(message: Message) -> Media | None:
    """The voice note, photo (its largest size) or document of a message, if it has one."""
    if message.voice is not None:
        return Media("voice", message.voice.file_id, message.caption)
    if message.photo:
        return Media("photo", message.photo[-1].file_id, message.caption)
    if message.document is not None:
        return Media("document", message.document.file_id, message.caption)
    return None


@handler()
async def on_location(turn: Turn) -> Replies:
    message = turn.update.effective_message
    shared = message.location if message is not None else None
    if shared is None:
        return Send(msg("error-text-only"))
    return await continue_with_location(turn, Location(shared.latitude, shared.longitude))


@handler()
async def on_media(turn: Turn) -> Replies:
    message = turn.update.effective_message
    media = media_of(message) if message is not None else None
    if media is None:
        return await continue_dialog(turn, None)
    return await continue_with_media(turn, media)
