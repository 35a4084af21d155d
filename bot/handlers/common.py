"""The shared shape of a handler: one transaction, then replies rendered and sent."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, InputFile, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bot.i18n import Msg, msg, pick_language
from bot.markup import markup as markup

# Re-exported: handlers build their buttons from here, as they always have.
from bot.presentation import Button as Button
from bot.presentation import CallbackData as CallbackData
from bot.presentation import Keyboard as Keyboard
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import people
from bot.services.actor import Actor, actor_of
from bot.services.errors import DomainError
from db.models import Person
from db.session import transaction

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@dataclass(frozen=True)
class Send:
    """A new message to the chat of the update (to anyone else: bot.handlers.notices)."""

    text: Msg
    keyboard: Keyboard | None = None
    lang: str | None = None  # for a group: the network's language, not the sender's


@dataclass(frozen=True)
class Edit:
    """Replace the text and buttons of the message whose button was pressed."""

    text: Msg
    keyboard: Keyboard | None = None


@dataclass(frozen=True)
class Toast:
    """The answer to a button press, shown briefly (or as an alert)."""

    text: Msg | None = None
    alert: bool = False


@dataclass(frozen=True)
class SendFile:
    """A document (such as a calendar file) to the chat of the update."""

    filename: str
    content: bytes
    caption: Msg | None = None


@dataclass(frozen=True)
class Later:
    """Work for after the commit that is not a message, such as updating a command menu."""

    run: Callable[[], Awaitable[None]]


Reply = Send | Edit | Toast | Later | SendFile
Replies = Reply | Sequence[Reply] | None


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
            try:
                async with transaction(runtime.sessions) as session:
                    person = await people.person_for_update(
                        session,
                        runtime.clock,
                        user,
                        in_private_chat=in_private,
                        configured=settings.coordinators,
                    )
                    lang = pick_language(
                        person.language, user.language_code, settings.default_language
                    )
                    mismatch = _chat_mismatch(update, where)
                    if mismatch is not None:
                        replies = [mismatch]
                    else:
                        actor = await actor_of(session, person, settings.coordinators)
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
            except DomainError as error:
                text = msg(error.key, **error.params)
                replies = [Toast(text, alert=True)] if update.callback_query else [Send(text)]
            await deliver(update, context, lang, replies)

        return callback

    return wrap


async def deliver(update: Update, context: Context, lang: str, replies: Replies) -> None:
    """Send the replies, after the transaction has committed."""
    runtime = runtime_of(context)
    if replies is None:
        items: Sequence[Reply] = []
    elif isinstance(replies, Send | Edit | Toast | Later | SendFile):
        items = [replies]
    else:
        items = replies
    query = update.callback_query
    answered = False
    for reply in items:
        if isinstance(reply, Toast):
            if query is not None and not answered:
                text = runtime.catalog.render(lang, reply.text, plain=True) if reply.text else None
                await query.answer(text, show_alert=reply.alert)
                answered = True
    if query is not None and not answered:
        # Telegram shows a spinner on the button until the query is answered.
        await query.answer()
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
        elif isinstance(reply, SendFile) and update.effective_chat is not None:
            caption = runtime.catalog.render(lang, reply.caption) if reply.caption else None
            await context.bot.send_document(
                update.effective_chat.id,
                InputFile(reply.content, filename=reply.filename),
                caption=caption,
                parse_mode=ParseMode.HTML,
            )
        elif isinstance(reply, Send):
            target_lang = reply.lang or lang
            if update.effective_chat is None:
                continue
            await send(
                context,
                update.effective_chat.id,
                runtime.catalog.render(target_lang, reply.text),
                markup(runtime.catalog, target_lang, reply.keyboard),
            )


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
        log.info("chat %s cannot be reached", chat_id)
        runtime = runtime_of(context)
        async with transaction(runtime.sessions) as session:
            await people.mark_unreachable(session, chat_id)
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
