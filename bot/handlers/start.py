"""Onboarding: /start, the language choice, /help, /cancel and what falls through."""

from __future__ import annotations

from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.handlers import checkin as checkin_handlers
from bot.handlers import dialogs
from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Later,
    Replies,
    Send,
    Turn,
    handler,
)
from bot.handlers.members import joined
from bot.handlers.menu import Chat, help_names, menu_of
from bot.handlers.rsvp import card_from_link, meeting_from_start_payload
from bot.i18n import LANGUAGES, Msg, msg
from bot.services import checkin, members, people
from bot.services import dialogs as dialog_store
from bot.services.errors import DomainError

LANG = CallbackData("lang")
LANGUAGE_NAMES = {"en": "English", "fa": "دری", "ps": "پښتو"}


def language_picker() -> Send:
    buttons = [[Button(LANGUAGE_NAMES[lang], LANG.build("set", lang)) for lang in LANGUAGES]]
    return Send(msg("language-choose"), buttons)


async def welcome(turn: Turn) -> Send:
    actor = turn.actor
    if actor.coordinator:
        role = "coordinator"
    elif actor.org_admin:
        role = "admin"
    elif actor.member:
        role = "member"
    else:
        role = "newcomer"
    return Send(msg("welcome", name=turn.person.first_name, intro=msg(f"welcome-{role}")))


async def help_text(turn: Turn) -> Msg:
    chat = turn.update.effective_chat
    where: Chat = "private" if chat is None or chat.type == ChatType.PRIVATE else "group"
    names = help_names(turn.runtime.commands, turn.actor, where)
    text = msg("help", commands=turn.runtime.catalog.command_lines(turn.lang, names))
    # Whoever can raise a concern is told what anonymous protects and what it does not.
    return msg("help-anonymity", help=text) if "concern" in names else text


@handler()
async def cmd_start(turn: Turn) -> Replies:
    replies: list[Send | Edit | Later] = []
    payload = turn.args[0] if turn.args else ""
    code = members.code_from_start_payload(payload)
    # A group notice's button opens that meeting's card here.
    meeting_id = meeting_from_start_payload(payload)
    if meeting_id is not None:
        replies += await card_from_link(turn, meeting_id)
    if code is not None:
        try:
            membership = await members.join(turn.session, turn.clock, turn.person, code)
            replies += await joined(turn, membership)
        except DomainError as error:
            # The link failed, but the person still started the bot: keep them, explain.
            replies.append(Send(msg(error.key, **error.params)))
    # The check-in QR code's link: /start checkin-<code>.
    checkin_code = checkin.code_from_start_payload(payload)
    if checkin_code is not None:
        replies += await checkin_handlers.from_link(turn, checkin_code)
    if turn.person.language is None:
        replies.append(language_picker())
    elif code is None and meeting_id is None and checkin_code is None:
        replies.append(await welcome(turn))
    return replies


@handler()
async def cmd_language(turn: Turn) -> Replies:
    return language_picker()


@handler()
async def on_language(turn: Turn) -> Replies:
    first_choice = turn.person.language is None
    people.set_language(turn.person, turn.group(1))
    turn.lang = turn.group(1)
    replies: list[Edit | Send | Later] = [Edit(msg("language-set"))]
    if first_choice:
        # Greeted once; an old picker pressed again, or /language, only changes the language.
        replies.append(await welcome(turn))
    # The menu follows the language chosen here, not the phone's.
    replies.append(await menu_of(turn, turn.person))
    return replies


@handler(where="any")
async def cmd_help(turn: Turn) -> Replies:
    return Send(await help_text(turn))


@handler()
async def cmd_cancel(turn: Turn) -> Replies:
    if await dialog_store.finish(turn.session, turn.person):
        return Send(msg("cancel-done"))
    return Send(msg("cancel-nothing"))


@handler()
async def on_text(turn: Turn) -> Replies:
    message = turn.update.effective_message
    text = message.text if message is not None else None
    return await dialogs.continue_dialog(turn, text)


@handler()
async def on_unknown_command(turn: Turn) -> Replies:
    return Send(msg("error-unknown-command"))


def handlers() -> list[object]:
    """What this module registers, in order."""
    return [
        CallbackQueryHandler(on_language, pattern=LANG.route("set", f"({'|'.join(LANGUAGES)})")),
    ]


def fallbacks() -> list[object]:
    """Registered last: text for a conversation, then anything no command took."""
    return [
        # Before the text fallback, which would take a location for a message without text.
        MessageHandler(filters.ChatType.PRIVATE & filters.LOCATION, dialogs.on_location),
        # Files for a conversation that takes them; stickers, videos and the like reach the
        # text fallback below, which says what the conversation takes instead.
        MessageHandler(
            filters.ChatType.PRIVATE & (filters.VOICE | filters.PHOTO | filters.Document.ALL),
            dialogs.on_media,
        ),
        MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND, on_text),
        MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, on_unknown_command),
    ]
