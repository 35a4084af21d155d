"""Polling that stores every update before Telegram forgets it, then handles each once.

python-telegram-bot's Updater confirms a batch (asks for the next one with a higher offset)
before the batch is handled, so a crash loses what was fetched. Here a batch is committed to
the database first; only then is the next batch asked for. Each stored update is marked handled
in the transaction that handles it (bot.handlers.common.handler), so a repeated update_id is
handled once, and the replies it decided are kept until they are shown.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from collections.abc import Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application

from bot.i18n import Msg, from_data
from bot.markup import markup
from bot.presentation import keyboard_from_data
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import intake
from db.session import reading, transaction

if TYPE_CHECKING:
    from bot.web.server import WebServer

log = logging.getLogger(__name__)

ShuraApplication = Application[Any, Any, Any, Any, Any, Any]

POLL_TIMEOUT = 30  # seconds Telegram holds a getUpdates open when there is nothing new
CONCURRENT_UPDATES = 256  # as python-telegram-bot's concurrent_updates(True)
RETRY_START = 1.0  # seconds before asking Telegram or the database again after a failure
RETRY_CAP = 30.0
DRAIN_TIMEOUT = 10.0  # seconds updates in hand get to finish when the bot stops

# Tests only: "fetched" stops the process after a batch is fetched and before it is stored;
# "stored" lets batches be stored and confirmed but never handled. A test then kills it.
HOLD = "SHURA_TEST_HOLD"


class Intake:
    """Fetches, stores and hands updates to the application; resumes what a dead run left."""

    def __init__(self, application: ShuraApplication) -> None:
        self.application = application
        self.runtime: Runtime = application.bot_data[RUNTIME_KEY]
        self._slots = asyncio.Semaphore(CONCURRENT_UPDATES)
        self._in_hand: set[asyncio.Task[None]] = set()

    async def resume(self) -> None:
        """Show the replies a dead run committed but never sent, then handle what it stored."""
        await self._show_kept_replies()
        async with reading(self.runtime.sessions) as session:
            stored = await intake.unhandled(session)
        if stored:
            log.info("handling %d update(s) stored before a restart", len(stored))
        updates = []
        for update_id, payload in stored:
            update = _parse(payload, self.application)
            if update is None:
                log.error("stored update %s cannot be read; skipped", update_id)
                async with transaction(self.runtime.sessions) as session:
                    await intake.mark_handled(session, self.runtime.clock, update_id)
                continue
            updates.append(update)
        # Before new updates: a person's taps from before the crash come first.
        await asyncio.gather(*(self._handle(update) for update in updates))

    async def receive(self, updates: Sequence[Update]) -> list[Update]:
        """Store a fetched batch in one transaction and start handling the new ones.

        Updates already stored (Telegram resends what was not confirmed) are not handled again.
        """
        async with transaction(self.runtime.sessions) as session:
            new_ids = set(
                await intake.store(
                    session,
                    self.runtime.clock,
                    [(update.update_id, update.to_dict()) for update in updates],
                )
            )
        new = [update for update in updates if update.update_id in new_ids]
        for update in new:
            task = asyncio.create_task(self._handle(update), name=f"update:{update.update_id}")
            self._in_hand.add(task)
            task.add_done_callback(self._in_hand.discard)
        return new

    async def drain(self, grace: float | None = None) -> None:
        """Wait for the updates in hand; those still going after `grace` seconds are cancelled."""
        if not self._in_hand:
            return
        _done, pending = await asyncio.wait(set(self._in_hand), timeout=grace)
        for task in pending:
            task.cancel()
        if pending:
            log.warning("%d update(s) still being handled were stopped", len(pending))
            await asyncio.wait(pending)

    async def poll(self, stop: asyncio.Event) -> None:
        """Fetch, store, confirm, handle; until `stop` is set."""
        bot = self.application.bot
        offset: int | None = None
        pause = RETRY_START
        while not stop.is_set():
            try:
                fetched = await _unless_stopped(
                    bot.get_updates(offset=offset, timeout=POLL_TIMEOUT), stop
                )
            except InvalidToken:
                raise
            except RetryAfter as error:
                await _sleep_unless_stopped(_seconds(error.retry_after), stop)
                continue
            except TelegramError as error:
                log.warning("getUpdates failed (%s); trying again in %.0f s", error, pause)
                await _sleep_unless_stopped(pause, stop)
                pause = min(pause * 2, RETRY_CAP)
                continue
            pause = RETRY_START
            if fetched is None:
                return
            if not fetched:
                continue
            await hold("fetched")
            if not await self._store_until_stored(fetched, stop):
                return
            # The next getUpdates carries this offset, which tells Telegram the batch is ours.
            offset = fetched[-1].update_id + 1

    async def _store_until_stored(self, updates: Sequence[Update], stop: asyncio.Event) -> bool:
        """Keep trying to store the batch: until it is, Telegram must not be told it is ours."""
        pause = RETRY_START
        while not stop.is_set():
            try:
                await self.receive(updates)
                return True
            except Exception:
                log.exception("could not store %d update(s); retrying", len(updates))
                await _sleep_unless_stopped(pause, stop)
                pause = min(pause * 2, RETRY_CAP)
        return False

    async def _handle(self, update: Update) -> None:
        async with self._slots:
            await hold("stored")
            try:
                await self.application.process_update(update)
            except Exception:
                log.exception("update %s could not be processed", update.update_id)
            try:
                await self._mark_handled(update.update_id)
            except Exception:
                # It is handled again at the next start: better than never.
                log.exception("could not mark update %s handled", update.update_id)

    async def _mark_handled(self, update_id: int) -> None:
        """An update no handler claimed (or whose handling failed) is done all the same."""
        if self.runtime.handled_updates.take(update_id):
            return
        async with reading(self.runtime.sessions) as session:
            if await intake.is_handled(session, update_id):
                return
        async with transaction(self.runtime.sessions) as session:
            await intake.mark_handled(session, self.runtime.clock, update_id)

    async def _show_kept_replies(self) -> None:
        """Show what a dead run committed and never sent: its messages, and its cards' state.

        Only a crash leaves replies here; each is tried once and then forgotten.
        """
        async with reading(self.runtime.sessions) as session:
            kept = await intake.pending_replies(session)
        if kept:
            log.info("showing %d reply(ies) committed before a restart", len(kept))
        for update in kept:
            for reply in update.replies:
                try:
                    await self._show(reply)
                except TelegramError as error:
                    log.warning(
                        "a kept reply to chat %s could not be shown: %s", reply.chat_id, error
                    )
            async with transaction(self.runtime.sessions) as session:
                await intake.shown(session, [update.update_id])

    async def _show(self, reply: intake.KeptReply) -> None:
        catalog = self.runtime.catalog
        text = from_data(reply.text)
        if not isinstance(text, Msg):
            return
        rendered = catalog.render(reply.lang, text)
        buttons = markup(catalog, reply.lang, keyboard_from_data(reply.keyboard))
        bot = self.application.bot
        if reply.message_id is None:
            try:
                await bot.send_message(
                    reply.chat_id,
                    rendered,
                    parse_mode=ParseMode.HTML,
                    reply_markup=buttons,
                    disable_web_page_preview=True,
                )
            except Forbidden:
                log.info("chat %s cannot be reached", reply.chat_id)
            return
        try:
            await bot.edit_message_text(
                rendered,
                chat_id=reply.chat_id,
                message_id=reply.message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=buttons,
                disable_web_page_preview=True,
            )
        except BadRequest as error:
            # The edit may have reached Telegram just before the crash.
            if "message is not modified" not in error.message.lower():
                raise


class Polling:
    """Takes updates with getUpdates while this process leads (bot.leader)."""

    mode = "polling"

    def __init__(self, application: ShuraApplication) -> None:
        self.application = application

    async def prepare(self) -> None:
        """Before polling, side by side with the start-up work: a webhook left set (webhook
        mode, or elsewhere) would make every getUpdates fail."""
        await self.application.bot.delete_webhook(drop_pending_updates=False)

    async def run(self, intake: Intake, halt: asyncio.Event) -> None:
        board = await _start_board(self.application)
        try:
            await intake.poll(halt)
        finally:
            if board is not None:
                await board.stop()


def collect_garbage_again() -> None:
    """`shura run` starts with the garbage collector off (bot.__main__); what start-up made
    lives as long as the process, so it is set aside, not walked again at every collection."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


async def _start_board(application: ShuraApplication) -> WebServer | None:
    """The organizers' board's web server, when SHURA_WEB_URL turns it on."""
    if not application.bot_data[RUNTIME_KEY].settings.web_url:
        return None
    # Only with the board on: aiohttp takes a tenth of a second to import.
    from bot.web.server import start_board

    return await start_board(application)


def _parse(payload: dict[str, Any], application: ShuraApplication) -> Update | None:
    try:
        return Update.de_json(payload, application.bot)
    except Exception:
        return None


async def _unless_stopped(
    call: Coroutine[Any, Any, tuple[Update, ...]], stop: asyncio.Event
) -> tuple[Update, ...] | None:
    """The result of `call`, or None when `stop` is set first (the call is then abandoned)."""
    fetch = asyncio.ensure_future(call)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({fetch, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if fetch.done():
        return fetch.result()
    # Abandoning a getUpdates loses nothing: what it would have returned is not confirmed.
    fetch.cancel()
    await asyncio.gather(fetch, return_exceptions=True)
    return None


async def _sleep_unless_stopped(seconds: float, stop: asyncio.Event) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass


def _seconds(retry_after: object) -> float:
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(retry_after)  # type: ignore[arg-type]


async def hold(moment: str) -> None:
    if os.environ.get(HOLD) == moment:
        log.warning("held at %r for a test", moment)
        await asyncio.Event().wait()
