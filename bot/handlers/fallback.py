"""What no feature takes: unknown buttons are answered, edited messages are left alone."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from bot.handlers.common import Context, Replies, Turn, handler
from bot.services.errors import DomainError


@handler(where="any")
async def on_unknown_button(turn: Turn) -> Replies:
    # An old message's button, a feature since removed, or forged data: Telegram keeps the
    # spinner on the button until the query is answered, so it is always answered.
    raise DomainError("error-stale-button")


async def on_edited_message(update: Update, context: Context) -> None:
    # Telegram sends an edit as its own update. Taken as input, fixing a typo in an answer
    # already given would answer the step after it, and editing a command would run it again.
    raise ApplicationHandlerStop


def before() -> list[object]:
    """Registered in a group of their own ahead of every feature."""
    return [MessageHandler(filters.UpdateType.EDITED, on_edited_message)]


def after() -> list[object]:
    """Registered after every feature: buttons nobody else took."""
    return [CallbackQueryHandler(on_unknown_button)]
