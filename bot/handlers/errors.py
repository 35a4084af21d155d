"""When something breaks: the person gets an error id, the coordinators hear of it (briefly)."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.handlers.common import toast_text
from bot.i18n import pick_language
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import people
from db.session import transaction

log = logging.getLogger(__name__)

# Coordinators hear of trouble at most this often: a broken database must not flood them.
ALERT_INTERVAL = timedelta(minutes=5)
_LAST_ALERT = "shura:last-alert"

NO_COORDINATORS = (
    "No coordinator is configured (SHURA_COORDINATORS is empty) and nobody has been promoted: "
    "applications from new organizations will wait with nobody told about them. Put your own "
    "Telegram user id in SHURA_COORDINATORS."
)


def new_error_id() -> str:
    """A short id a person can read out to a coordinator, who finds it in the log."""
    return secrets.token_hex(4)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first (with an id), tell the person that id, then alert the coordinators."""
    error_id = new_error_id()
    log.error("error %s while handling an update", error_id, exc_info=context.error)
    rt: Runtime = context.application.bot_data[RUNTIME_KEY]
    if isinstance(update, Update) and update.effective_user is not None:
        await _tell_person(rt, update, context, error_id)
    await _alert_coordinators(rt, context, error_id)


async def _language_of(rt: Runtime, tg_user_id: int, hint: str | None) -> str:
    lang = pick_language(None, hint, rt.settings.default_language)
    try:
        async with transaction(rt.sessions) as session:
            person = await people.find_person(session, str(tg_user_id))
            if person is not None and person.language:
                lang = person.language
    except Exception:  # the database may be what failed
        log.exception("could not look up the language for the error message")
    return lang


async def _tell_person(
    rt: Runtime, update: Update, context: ContextTypes.DEFAULT_TYPE, error_id: str
) -> None:
    user = update.effective_user
    assert user is not None
    lang = await _language_of(rt, user.id, user.language_code)
    text = rt.catalog.text(lang, "error-internal-id", id=error_id)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(toast_text(text), show_alert=True)
        elif update.effective_chat is not None:
            await context.bot.send_message(
                update.effective_chat.id, text, parse_mode=ParseMode.HTML
            )
    except TelegramError:
        log.exception("could not tell the person about error %s", error_id)


async def _alert_coordinators(
    rt: Runtime, context: ContextTypes.DEFAULT_TYPE, error_id: str
) -> None:
    """A short notice with the error id (no names, nothing anyone typed), rate-limited."""
    now = rt.clock.now()
    last = context.application.bot_data.get(_LAST_ALERT)
    if isinstance(last, datetime) and now - last < ALERT_INTERVAL:
        return
    context.application.bot_data[_LAST_ALERT] = now
    default: str = rt.settings.default_language
    recipients: dict[int, str] = dict.fromkeys(rt.settings.coordinators, default)
    try:
        async with transaction(rt.sessions) as session:
            for person in await people.coordinators(session, rt.settings.coordinators):
                recipients[person.tg_user_id] = pick_language(
                    person.language, None, rt.settings.default_language
                )
    except Exception:  # the database may be what failed: the configured ones still hear
        log.exception("could not look up the coordinators for error %s", error_id)
    for tg_user_id, lang in recipients.items():
        try:
            await context.bot.send_message(
                tg_user_id,
                rt.catalog.text(lang, "error-alert", id=error_id),
                parse_mode=ParseMode.HTML,
            )
        except TelegramError as error:
            # A coordinator who never started the bot cannot be written to.
            log.info("coordinator %s not told of error %s: %s", tg_user_id, error_id, error)
