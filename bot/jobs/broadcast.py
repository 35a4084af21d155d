"""A broadcast's status message: edited with progress as its copies go out, then the report.

The dispatcher calls this as copies of a broadcast are answered, and at the end of every run.
What is due is read from the database (a broadcast being sent, its copies' results), so a
restart loses nothing: a report whose edit was cut short is made again, and Telegram's
"message is not modified" for an edit made twice is not an error. An edit every few seconds
is not paced with the copies: waiting for a slot behind them would hold up the sending.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.clock import Clock
from bot.i18n import Catalog, pick_language
from bot.services import broadcast
from db.session import reading, transaction

log = logging.getLogger(__name__)

# What Telegram answers when the message to edit was deleted, or is too old to edit.
_GONE = ("message to edit not found", "message can't be edited", "message_id_invalid")


class StatusMessages:
    """Edits each broadcast's status message, at most once per `every` until the report."""

    def __init__(
        self,
        bot: Bot,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        catalog: Catalog,
        *,
        default_language: str,
        every: timedelta = broadcast.PROGRESS_EVERY,
    ) -> None:
        self.bot = bot
        self.sessions = sessions
        self.clock = clock
        self.catalog = catalog
        self.default_language = default_language
        self.every = every
        self._lock = asyncio.Lock()
        self._next_look: datetime | None = None
        # Status messages Telegram will no longer edit: the report comes as a new message.
        self._gone: set[int] = set()

    async def after_sends(self) -> None:
        """Copies of a broadcast were just sent: edit the progress if it is time.

        The end of the run looks again, so nothing is missed by looking seldom.
        """
        now = self.clock.now()
        if self._lock.locked() or (self._next_look is not None and now < self._next_look):
            return
        await self.update()

    async def update(self) -> None:
        """Edit every status message that is due: the report, or the progress."""
        async with self._lock:
            self._next_look = self.clock.now() + self.every
            async with reading(self.sessions) as session:
                if not await broadcast.any_sending(session):
                    return  # most runs: no write transaction for nothing
            async with transaction(self.sessions) as session:
                due = await broadcast.progress_due(session, self.clock, self.every)
            for progress in due:
                shown = await self._show(progress)
                if progress.final and shown:
                    async with transaction(self.sessions) as session:
                        await broadcast.finish(session, self.clock, progress.broadcast_id)

    async def _show(self, progress: broadcast.Progress) -> bool:
        """Edit the status message; False when it should be tried again later."""
        chat_id, message_id = progress.chat_id, progress.message_id
        if chat_id is None:
            return True  # nobody to tell
        lang = pick_language(progress.language, None, self.default_language)
        text = self.catalog.render(lang, broadcast.progress_message(progress))
        try:
            if message_id is not None and progress.broadcast_id not in self._gone:
                try:
                    await self.bot.edit_message_text(
                        text, chat_id, message_id, parse_mode=ParseMode.HTML
                    )
                    return True
                except BadRequest as error:
                    problem = error.message.lower()
                    if "message is not modified" in problem:
                        return True  # it already says so (an edit made again after a restart)
                    if not any(gone in problem for gone in _GONE):
                        raise
                    log.info("status message of broadcast %s is gone", progress.broadcast_id)
                    self._gone.add(progress.broadcast_id)
            if progress.final:
                await self.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
            return True
        except Forbidden:
            log.info("the coordinator of broadcast %s cannot be reached", progress.broadcast_id)
            return True
        except RetryAfter:
            return False  # the next look tries again
        except BadRequest as error:
            log.error("status of broadcast %s refused: %s", progress.broadcast_id, error.message)
            return True
        except TelegramError as error:
            log.warning("status of broadcast %s not shown: %s", progress.broadcast_id, error)
            return False
