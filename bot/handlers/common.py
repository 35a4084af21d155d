"""The shared shape of a handler: one transaction, then replies rendered and sent."""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bot.i18n import msg, pick_language, to_data
from bot.markup import TEXT_LIMIT as TEXT_LIMIT
from bot.markup import markup as markup
from bot.markup import plain_text as plain_text
from bot.markup import render_caption, send_by_file_id, utf16_len
from bot.markup import render_lines as render_lines
from bot.markup import telegram_length as telegram_length
from bot.presentation import ID_MAX, checked_int, keyboard_to_data

# Re-exported: handlers build their buttons from here, as they always have.
from bot.presentation import Button as Button
from bot.presentation import CallbackData as CallbackData
from bot.presentation import Edit as Edit
from bot.presentation import Keyboard as Keyboard
from bot.presentation import Later as Later
from bot.presentation import Lines as Lines
from bot.presentation import Replies as Replies
from bot.presentation import Reply as Reply
from bot.presentation import Send as Send
from bot.presentation import SendFile as SendFile
from bot.presentation import SendImage as SendImage
from bot.presentation import SendMedia as SendMedia
from bot.presentation import Toast as Toast
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import cards, intake, people
from bot.services.actor import Actor
from bot.services.errors import DomainError
from db.models import Person
from db.session import transaction

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@dataclass
class Turn:
    """One update being handled: the person, their language and the open transaction."""

    update: Update
    context: Context
    runtime: Runtime
    session: AsyncSession
    actor: Actor
    lang: str
    args: list[str] = field(default_factory=list)

    @property
    def person(self) -> Person:
        return self.actor.person

    @property
    def clock(self) -> Any:
        return self.runtime.clock

    @property
    def coordinators(self) -> frozenset[int]:
        return self.runtime.settings.coordinators

    @property
    def is_coordinator(self) -> bool:
        return self.actor.coordinator

    @property
    def bot_username(self) -> str:
        return self.context.bot.username

    @property
    def callback_data(self) -> str | None:
        """The data of the button pressed (user input: parse it, never trust it)."""
        query = self.update.callback_query
        return query.data if query is not None else None

    @property
    def chat_id(self) -> int:
        chat = self.update.effective_chat
        assert chat is not None
        return chat.id

    def group(self, index: int) -> str:
        """Argument `index` of the pressed button's data, as its route's pattern captured it."""
        matches = self.context.matches or []
        # Empty callback data skips PTB's pattern check: the first button handler gets it,
        # with True where the match would be.
        if not matches or not isinstance(matches[0], re.Match) or matches[0].group(index) is None:
            raise DomainError("error-stale-button")
        return str(matches[0].group(index))

    def int_group(self, index: int, *, low: int = 1, high: int = ID_MAX) -> int:
        """A numeric argument of the pressed button, by default a database id."""
        return checked_int(self.group(index), low=low, high=high)

    def wake(self) -> Later:
        """After the commit, send what this update queued without waiting for the next tick."""
        return Later(self.runtime.dispatcher.wake)


def runtime_of(context: Context) -> Runtime:
    runtime: Runtime = context.application.bot_data[RUNTIME_KEY]
    return runtime


def _telegram_user(update: Update) -> people.TelegramUser | None:
    user = update.effective_user
    if user is None or user.is_bot:
        return None
    return people.TelegramUser(
        tg_user_id=user.id,
        first_name=user.first_name or "",
        last_name=user.last_name,
        username=user.username,
        language_code=user.language_code,
    )


ChatKind = Literal["private", "group", "any"]
TelegramCallback = Callable[[Update, Context], Coroutine[Any, Any, None]]


def _chat_mismatch(update: Update, where: ChatKind) -> Send | None:
    chat = update.effective_chat
    if chat is None or where == "any":
        return None
    private = chat.type == ChatType.PRIVATE
    if where == "private" and not private:
        return Send(msg("error-private-only"))
    if where == "group" and private:
        return Send(msg("error-group-only"))
    return None


def handler(
    where: ChatKind = "private",
) -> Callable[[Callable[[Turn], Awaitable[Replies]]], TelegramCallback]:
    """Wrap a feature callback: one transaction, domain errors as messages, replies after commit."""

    def wrap(
        fn: Callable[[Turn], Awaitable[Replies]],
    ) -> TelegramCallback:
        @functools.wraps(fn)
        async def callback(update: Update, context: Context) -> None:
            user = _telegram_user(update)
            if user is None:
                return
            runtime = runtime_of(context)
            settings = runtime.settings
            in_private = update.effective_chat is not None and (
                update.effective_chat.type == ChatType.PRIVATE
            )
            lang = pick_language(None, user.language_code, settings.default_language)
            replies: Replies
            replayable: list[intake.KeptReply] = []
            person: Person | None = None
            try:
                async with transaction(runtime.sessions) as session:
                    actor = await people.actor_for_update(
                        session,
                        runtime.clock,
                        user,
                        in_private_chat=in_private,
                        configured=settings.coordinators,
                    )
                    person = actor.person
                    lang = pick_language(
                        person.language, user.language_code, settings.default_language
                    )
                    mismatch = _chat_mismatch(update, where)
                    if mismatch is not None:
                        replies = [mismatch]
                    else:
                        turn = Turn(
                            update,
                            context,
                            runtime,
                            session,
                            actor,
                            lang,
                            list(context.args or []),
                        )
                        replies = await fn(turn)
                        lang = turn.lang  # the person may have just changed it
                    replayable = _replayable(update, lang, replies)
                    # Last, in the same transaction: marked handled, its replies kept until
                    # shown. Handled before, everything this handling did is undone.
                    if not await intake.claim(session, runtime.clock, update.update_id, replayable):
                        raise HandledBefore
            except HandledBefore:
                # Telegram sent it again after a crash, or it was replayed at start.
                log.info("update %s was handled before", update.update_id)
                runtime.handled_updates.add(update.update_id)
                return
            except DomainError as error:
                # The refusal rolled back everything else: the update is done all the same.
                async with transaction(runtime.sessions) as session:
                    if not await intake.claim(session, runtime.clock, update.update_id):
                        runtime.handled_updates.add(update.update_id)
                        return
                replayable = []
                text = msg(error.key, **error.params)
                replies = [Toast(text, alert=True)] if update.callback_query else [Send(text)]
            # Kept replies are forgotten once tried, shown or refused. If the process stops
            # in the middle (a crash, a cancellation: no Exception), the next start shows them.
            runtime.handled_updates.add(update.update_id)
            sent_cards: list[SentCard] = []
            shown = update.update_id if replayable else None
            # Edits alone can be shown twice unseen: forgotten later, with others (ShownEdits).
            edits_only = bool(replayable) and all(r.message_id is not None for r in replayable)
            try:
                await deliver(update, context, lang, replies, sent_cards)
            except Exception:
                await _after_replies(runtime, shown, person, sent_cards)
                raise
            if edits_only and not sent_cards:
                assert shown is not None
                runtime.shown_edits.add(shown)
                return
            await _after_replies(runtime, shown, person, sent_cards)

        return callback

    return wrap


class HandledBefore(Exception):
    """The update was handled before: what handling it again did is rolled back."""


# A card sent as a reply: the meeting, and the message that shows it.
SentCard = tuple[int, Message]


async def _after_replies(
    runtime: Runtime, shown: int | None, person: Person | None, sent_cards: Sequence[SentCard]
) -> None:
    """What the replies leave to record, in one transaction: the update's kept replies are
    forgotten, and each card sent becomes the person's live card (the older loses its buttons).
    """
    if shown is None and not sent_cards:
        return
    async with transaction(runtime.sessions) as session:
        if shown is not None:
            await intake.shown(session, [shown])
        retiring = False
        for meeting_id, message in sent_cards:
            if (
                person is not None
                and person.id is not None
                and person.tg_user_id == message.chat.id
            ):
                retiring |= await cards.record(
                    session,
                    runtime.clock,
                    meeting_id,
                    person.id,
                    message.chat.id,
                    message.message_id,
                )
            else:
                retiring |= await cards.record_for_chat(
                    session, runtime.clock, meeting_id, message.chat.id, message.message_id
                )
    if retiring:
        await runtime.dispatcher.wake()


def _replayable(update: Update, lang: str, replies: Replies) -> list[intake.KeptReply]:
    """The messages and edits among the replies, as data to show after a crash.

    Toasts are not kept (Telegram refuses a late answer), nor lists, files and after-commit
    work: a person asks again for a list or a file.
    """
    kept: list[intake.KeptReply] = []
    chat = update.effective_chat
    query = update.callback_query
    for reply in _items(replies):
        if isinstance(reply, Send) and chat is not None:
            chat_id, message_id, target_lang = chat.id, None, reply.lang or lang
        elif isinstance(reply, Edit) and query is not None and isinstance(query.message, Message):
            chat_id, message_id, target_lang = query.message.chat.id, query.message.message_id, lang
        else:
            continue
        text = to_data(reply.text)
        assert isinstance(text, dict)
        keyboard = keyboard_to_data(reply.keyboard)
        kept.append(intake.KeptReply(chat_id, message_id, target_lang, text, keyboard))
    return kept


def _items(replies: Replies) -> Sequence[Reply]:
    if replies is None:
        return []
    if not isinstance(replies, Sequence):
        return [replies]
    return replies


async def deliver(
    update: Update,
    context: Context,
    lang: str,
    replies: Replies,
    sent_cards: list[SentCard],
) -> None:
    """Send the replies, after the transaction has committed; cards sent go to `sent_cards`."""
    runtime = runtime_of(context)
    items = _items(replies)
    query = update.callback_query
    if query is None:
        await _deliver_items(update, context, lang, items, sent_cards)
        return
    # Telegram shows a spinner on the button until the query is answered. The answer leaves
    # first, and the other replies (the card's edit) go on their way beside it, not a round
    # trip after it: the spinner stops and the card changes together.
    toast = next((reply for reply in items if isinstance(reply, Toast)), Toast())
    text = toast_text(runtime.catalog.render(lang, toast.text)) if toast.text else None
    others = [reply for reply in items if not isinstance(reply, Toast)]
    if not others:
        await answer(query, text, alert=toast.alert)
        return
    delivering = asyncio.ensure_future(_deliver_items(update, context, lang, others, sent_cards))
    try:
        await answer(query, text, alert=toast.alert)
    finally:
        await delivering


async def _deliver_items(
    update: Update,
    context: Context,
    lang: str,
    items: Sequence[Reply],
    sent_cards: list[SentCard],
) -> None:
    runtime = runtime_of(context)
    query = update.callback_query
    for reply in items:
        if isinstance(reply, Edit):
            if query is not None and isinstance(query.message, Message):
                await edit(
                    query.message,
                    runtime.catalog.render(lang, reply.text),
                    markup(runtime.catalog, lang, reply.keyboard),
                )
        elif isinstance(reply, Later):
            await reply.run()
        elif isinstance(reply, Lines):
            await _deliver_lines(update, context, lang, reply)
        elif isinstance(reply, SendFile) and update.effective_chat is not None:
            caption = (
                render_caption(runtime.catalog, lang, reply.caption) if reply.caption else None
            )
            await context.bot.send_document(
                update.effective_chat.id,
                InputFile(reply.content, filename=reply.filename),
                caption=caption,
                parse_mode=ParseMode.HTML,
            )
        elif isinstance(reply, SendImage) and update.effective_chat is not None:
            await send_image(context, update.effective_chat.id, lang, reply)
        elif isinstance(reply, SendMedia) and update.effective_chat is not None:
            await send_media(
                context,
                update.effective_chat.id,
                reply,
                render_caption(runtime.catalog, lang, reply.caption) if reply.caption else None,
            )
        elif isinstance(reply, Send):
            target_lang = reply.lang or lang
            if update.effective_chat is None:
                continue
            sent = await send(
                context,
                update.effective_chat.id,
                runtime.catalog.render(target_lang, reply.text),
                markup(runtime.catalog, target_lang, reply.keyboard),
            )
            if sent is not None and reply.card is not None:
                sent_cards.append((reply.card, sent))


async def answer(query: CallbackQuery, text: str | None = None, *, alert: bool = False) -> None:
    """Answer a button press; one Telegram no longer takes an answer for is not an error.

    Telegram refuses an answer after about 15 seconds, or a second one (the same update
    delivered again): the spinner is gone by then, and the edits and messages that follow
    must still be sent.
    """
    try:
        await query.answer(text, show_alert=alert)
    except BadRequest as error:
        if "query is too old" not in error.message.lower():
            raise
        log.info("button press %s could no longer be answered", query.id)


async def _deliver_lines(update: Update, context: Context, lang: str, reply: Lines) -> None:
    catalog = runtime_of(context).catalog
    texts = render_lines(catalog, lang, reply)
    buttons = markup(catalog, lang, reply.keyboard)
    query = update.callback_query
    if reply.edit and query is not None and isinstance(query.message, Message):
        await edit(query.message, texts[0], buttons if len(texts) == 1 else None)
        texts = texts[1:]
    chat = update.effective_chat
    if chat is None:
        return
    for number, text in enumerate(texts, start=1):
        await send(context, chat.id, text, buttons if number == len(texts) else None)


TOAST_LIMIT = 200  # characters of the answer to a button press
_FSI, _PDI = "\u2068", "\u2069"


def toast_text(html_text: str, limit: int = TOAST_LIMIT) -> str:
    """The answer to a button press as plain text, cut to fit Telegram's limit.

    A title or name of people's choosing can make a refusal longer than Telegram takes; the
    cut keeps surrogate pairs whole and closes a bidi isolate it leaves open.
    """
    text = plain_text(html_text).strip()
    if utf16_len(text) <= limit:
        return text
    kept: list[str] = []
    used, depth = 0, 0
    budget = limit - 1  # room for the ellipsis
    for char in text:
        size = utf16_len(char)
        closing = depth + (1 if char == _FSI else 0)
        if used + size + closing > budget:
            break
        kept.append(char)
        used += size
        if char == _FSI:
            depth += 1
        elif char == _PDI and depth:
            depth -= 1
    return "".join(kept).rstrip() + _PDI * depth + "…"


async def send(
    context: Context, chat_id: int, text: str, buttons: InlineKeyboardMarkup | None
) -> Message | None:
    """Send an HTML message; a person who blocked the bot is marked unreachable, not an error."""
    try:
        return await context.bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=buttons,
            disable_web_page_preview=True,
        )
    except Forbidden:
        await _unreachable(context, chat_id)
        return None


async def _unreachable(context: Context, chat_id: int) -> None:
    """The person blocked the bot (or never started it): marked, so nothing more is tried."""
    log.info("chat %s cannot be reached", chat_id)
    runtime = runtime_of(context)
    async with transaction(runtime.sessions) as session:
        await people.mark_unreachable(session, chat_id)


async def send_image(context: Context, chat_id: int, lang: str, image: SendImage) -> Message | None:
    """Upload an image the bot made as a photo, its caption and buttons in `lang`; a person
    who blocked the bot is marked unreachable, not an error."""
    catalog = runtime_of(context).catalog
    try:
        return await context.bot.send_photo(
            chat_id,
            InputFile(image.content, filename=image.filename),
            caption=render_caption(catalog, lang, image.caption) if image.caption else None,
            parse_mode=ParseMode.HTML,
            reply_markup=markup(catalog, lang, image.keyboard),
        )
    except Forbidden:
        await _unreachable(context, chat_id)
        return None


async def send_media(
    context: Context, chat_id: int, media: SendMedia, caption: str | None
) -> Message | None:
    """Pass on a voice note, photo or document by its file id (the bot never downloads it)."""
    try:
        return await send_by_file_id(context.bot, chat_id, media, caption)
    except Forbidden:
        log.info("chat %s cannot be reached", chat_id)
        return None


async def edit(message: Message, text: str, buttons: InlineKeyboardMarkup | None) -> None:
    """Edit a message in place; pressing the same button twice changes nothing, and that is fine."""
    try:
        await message.edit_text(
            text, parse_mode=ParseMode.HTML, reply_markup=buttons, disable_web_page_preview=True
        )
    except BadRequest as error:
        if "message is not modified" not in error.message.lower():
            raise
