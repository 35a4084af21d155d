"""The outbox dispatcher: expands due fan-outs, sends due messages, records every result."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes, JobQueue

from bot import charts
from bot.clock import Clock
from bot.i18n import Catalog, to_data
from bot.jobs.broadcast import StatusMessages
from bot.jobs.pacing import Pacer
from bot.markup import markup, render_caption, render_lines, send_by_file_id
from bot.presentation import Lines, Venue, keyboard_to_data
from bot.services import cards, coordination, delivery, intake, outbox, people, processes
from bot.services.delivery import Rendered
from bot.views import Links
from db.models import Outbox, OutboxStatus
from db.session import reading, transaction

log = logging.getLogger(__name__)

JOB_NAME = "outbox:dispatch"
WAKE_JOB_NAME = "outbox:wake"


@dataclass
class Report:
    """What one dispatcher run did, for logs, tests and benchmarks."""

    expanded: int = 0
    sent: int = 0
    skipped: int = 0
    unreachable: int = 0
    failed: int = 0
    retried: int = 0
    flood_waits: list[float] = field(default_factory=list)


class Dispatcher:
    """Sends the outbox through Telegram within its limits; one run at a time per process."""

    def __init__(
        self,
        bot: Bot,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        catalog: Catalog,
        *,
        default_language: str,
        rate: float,
        concurrency: int,
        coordinators: Collection[int] = frozenset(),
        pacer: Pacer | None = None,
        meeting_length: timedelta = timedelta(hours=2),
        owner: str | None = None,
    ) -> None:
        self.bot = bot
        # Replies to updates that were edits, shown: forgotten where rows are claimed, so no
        # restart shows them over what this dispatcher sends next (intake.ShownEdits).
        self.shown_edits = intake.ShownEdits()
        # The name its claims carry (bot.services.processes): only this dispatcher may record
        # the result of a row it claimed, and only while the row is still its own.
        self.owner = owner or processes.process_name()
        # Off in a standby, and while the process stops: what is in flight is finished, no
        # more is taken.
        self.claiming = True
        # When it last ran (or, in a long run, last recorded results): `shura status` shows it.
        self.last_run_at: datetime | None = None
        self.sessions = sessions
        self.clock = clock
        self.catalog = catalog
        self.default_language = default_language
        # Configured coordinators receive meeting messages even when in no organization.
        self.coordinators = frozenset(coordinators)
        self.concurrency = concurrency
        self.meeting_length = meeting_length
        self.pacer = pacer or Pacer(rate)
        self.paused_until: datetime | None = None
        # Set by the application once its JobQueue exists; tests call run_once() themselves.
        self.job_queue: JobQueue[Any] | None = None
        self._running = asyncio.Lock()
        self._finals: dict[str, tuple[str, InlineKeyboardMarkup | None]] = {}
        # Charts drawn, by picture: the group and each coordinator reading one language
        # get the same one, drawn once.
        self._charts: dict[str, bytes] = {}
        # Broadcasts' status messages: progress as their copies are sent, then the report.
        self.broadcasts = StatusMessages(
            bot, sessions, clock, catalog, default_language=default_language
        )

    async def run_once(self) -> Report:
        """Send everything that is due now; stops early when Telegram says to wait."""
        report = Report()
        if not self.claiming:
            return report
        async with self._running:
            self.last_run_at = self.clock.now()
            await self.expand_due(report)
            await self._send_due(report)
            await self.broadcasts.update()
            self.last_run_at = self.clock.now()
        return report

    def stop_claiming(self) -> None:
        """Claim nothing more; a run going on finishes and records what it has in flight."""
        self.claiming = False

    def resume_claiming(self) -> None:
        self.claiming = True

    async def drain(self) -> None:
        """Stop claiming and wait until what is in flight is sent and recorded."""
        self.stop_claiming()
        async with self._running:
            pass

    async def expand_due(self, report: Report) -> None:
        """Expand every due fan-out into one row per recipient, a part per transaction."""
        while not self.paused and self.claiming:
            async with transaction(self.sessions) as session:
                fanouts = await outbox.claim(session, self.clock, fanout=True, owner=self.owner)
            if not fanouts:
                return
            after: int | None = 0
            while after is not None:
                async with transaction(self.sessions) as session:
                    created, after = await delivery.expand_part(
                        session,
                        self.clock,
                        fanouts[0],
                        self.coordinators,
                        after=after,
                        size=delivery.EXPAND_PART,
                    )
                report.expanded += created

    @property
    def busy(self) -> bool:
        """A run is going on in this process."""
        return self._running.locked()

    @property
    def paused(self) -> bool:
        """Telegram asked to wait, and the wait is not over."""
        return self.paused_until is not None and self.clock.now() < self.paused_until

    async def _send_due(self, report: Report) -> None:
        """Keep up to `concurrency` due messages on their way until none is left.

        A message is in flight from its claim until its result is recorded. As soon as some
        are answered, their results are recorded and as many rows claimed, in one
        transaction, so sends keep starting at the pacer's rate while earlier ones wait for
        Telegram's answer. Only claimed rows are marked as being sent: after a crash, at most
        `concurrency` messages may reach someone twice.
        """
        sending: dict[asyncio.Task[tuple[int, outbox.Outcome, bool]], Outbox] = {}
        rows = [] if self.paused or not self.claiming else await self._claim(self.concurrency)
        try:
            while True:
                rendered = await self._render(rows)
                for row in rows:
                    task = asyncio.create_task(self._deliver(row, rendered.get(row.id), report))
                    sending[task] = row
                if not sending:
                    return
                finished, _ = await asyncio.wait(sending, return_when=asyncio.FIRST_COMPLETED)
                claimed = {task: sending.pop(task) for task in finished}
                errors = [error for task in finished if (error := task.exception()) is not None]
                for error in errors:
                    if not isinstance(error, Exception):
                        raise error  # the process is going down: nothing more is recorded
                stop = errors or self.paused or not self.claiming
                more = 0 if stop else self.concurrency - len(sending)
                rows = await self._record_and_claim(
                    [(row, task.result()) for task, row in claimed.items() if not task.exception()],
                    more,
                )
                if any(row.broadcast_id is not None for row in claimed.values()):
                    await self.broadcasts.after_sends()
                if errors:
                    raise errors[0]
        finally:
            # Only when something went wrong: what is still being sent is not recorded, and
            # its rows wait to be taken back, as after a crash.
            for task in sending:
                task.cancel()
            if sending:
                await asyncio.wait(sending)

    async def _claim(self, limit: int) -> list[Outbox]:
        async with transaction(self.sessions) as session:
            await self.shown_edits.forget(session)
            return await outbox.claim(
                session, self.clock, fanout=False, limit=limit, owner=self.owner
            )

    async def _render(self, rows: Sequence[Outbox]) -> dict[int, Rendered | str]:
        if not rows:
            return {}
        async with reading(self.sessions) as session:
            return await delivery.render_wave(
                session,
                rows,
                now=self.clock.now(),
                coordinators=self.coordinators,
                default_language=self.default_language,
                links=self._links(),
            )

    async def _record_and_claim(
        self, done: Sequence[tuple[Outbox, tuple[int, outbox.Outcome, bool]]], more: int
    ) -> list[Outbox]:
        """Record what was answered and claim up to `more` rows, in one transaction."""
        rows = [row for row, _result in done]
        results = [result for _row, result in done]
        self.last_run_at = self.clock.now()  # a long run is still running
        async with transaction(self.sessions) as session:
            await self.shown_edits.forget(session)
            recorded = await outbox.finish_many(session, self.clock, results, owner=self.owner)
            if len(recorded) < len(results):
                # Its lease ran out and another worker took it: that one's result stands.
                log.warning(
                    "%d sent message(s) no longer ours: not recorded", len(results) - len(recorded)
                )
            # In the same transaction: a card marked sent is also known as the live one.
            await cards.record_many(
                session,
                self.clock,
                _live_cards(rows, [result for result in results if result[0] in recorded]),
            )
            if more <= 0:
                return []
            return await outbox.claim(
                session, self.clock, fanout=False, limit=more, owner=self.owner
            )

    def _links(self) -> Links:
        try:
            username: str | None = self.bot.username
        except RuntimeError:  # not initialized (a benchmark's bare Bot): no deep links then
            username = None
        return Links(self.meeting_length, username)

    async def _deliver(
        self, row: Outbox, rendered: Rendered | str | None, report: Report
    ) -> tuple[int, outbox.Outcome, bool]:
        if not isinstance(rendered, Rendered) or row.chat_id is None:
            report.skipped += 1
            reason = rendered if isinstance(rendered, str) else "no longer useful"
            return row.id, outbox.Outcome(OutboxStatus.SKIPPED, reason), False
        if row.attempts > outbox.MAX_ATTEMPTS:
            # Claimed again and again without an answer: each time the process died sending it.
            report.failed += 1
            return row.id, outbox.Outcome(OutboxStatus.FAILED, "gave up: no answer"), False
        await self.pacer.wait(row.chat_id)
        if self.paused:
            # Telegram asked us to wait while this one waited its turn: it keeps its place.
            return row.id, outbox.Outcome(OutboxStatus.PENDING, retry_at=self.paused_until), True
        return row.id, await self._send(row, row.chat_id, rendered, report), False

    def _final(self, rendered: Rendered) -> tuple[str, InlineKeyboardMarkup | None]:
        """The text and buttons as sent; a broadcast says the same to thousands, so once each."""
        caption = rendered.media is not None  # the text goes with a file, as its caption
        key = json.dumps(
            [rendered.lang, to_data(rendered.text), keyboard_to_data(rendered.keyboard), caption],
            sort_keys=True,
        )
        final = self._finals.get(key)
        if final is None:
            if len(self._finals) >= 256:
                self._finals.clear()
            text = (
                render_caption(self.catalog, rendered.lang, rendered.text)
                if caption
                else self.catalog.render(rendered.lang, rendered.text)
            )
            final = (text, markup(self.catalog, rendered.lang, rendered.keyboard))
            self._finals[key] = final
        return final

    async def _send(
        self, row: Outbox, chat_id: int, rendered: Rendered, report: Report
    ) -> outbox.Outcome:
        now = self.clock.now()
        try:
            if rendered.lines or rendered.chart is not None:
                message_id = await self._put_parts(row, chat_id, rendered)
            else:
                message_id = await self._put(chat_id, rendered)
        except RetryAfter as error:
            wait = _seconds(error.retry_after)
            self.paused_until = max(self.paused_until or now, now + timedelta(seconds=wait))
            report.flood_waits.append(wait)
            report.retried += 1
            log.warning("flood control: waiting %.0f s before sending more", wait)
            return outbox.Outcome(OutboxStatus.PENDING, "flood control", retry_at=self.paused_until)
        except Forbidden as error:
            report.unreachable += 1
            async with transaction(self.sessions) as session:
                if chat_id < 0:
                    await coordination.lost_group(session, chat_id)
                else:
                    await people.mark_unreachable(session, chat_id)
            return outbox.Outcome(OutboxStatus.UNREACHABLE, error.message)
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                report.unreachable += 1
                return outbox.Outcome(OutboxStatus.UNREACHABLE, error.message)
            # A message Telegram refuses will be refused again: a dead letter, not a retry.
            report.failed += 1
            log.error("outbox row %s refused: %s", row.id, error.message)
            return outbox.Outcome(OutboxStatus.FAILED, error.message)
        except (NetworkError, TelegramError) as error:
            return self._network_trouble(row, error, report)
        if message_id is None:
            report.skipped += 1
            return outbox.Outcome(OutboxStatus.SKIPPED, "message gone")
        if rendered.venue is not None and rendered.edit is None:
            # A message of its own, within the overall budget (the person's chat may take two
            # in a row).
            await self.pacer.wait()
            await self._send_venue(chat_id, rendered.venue)
        report.sent += 1
        return outbox.Outcome(OutboxStatus.SENT, tg_message_id=message_id)

    async def _put(self, chat_id: int, rendered: Rendered) -> int | None:
        """Send the message, or edit the one it replaces; the id of the message it is now.

        None when the message to edit is gone and nothing replaces it.
        """
        text, buttons = self._final(rendered)
        if rendered.media is not None:
            # A photo or document by its file id, the text as its caption.
            return (await send_by_file_id(self.bot, chat_id, rendered.media, text)).message_id
        if rendered.edit is not None:
            try:
                if rendered.buttons_only:
                    await self.bot.edit_message_reply_markup(
                        chat_id, rendered.edit, reply_markup=None
                    )
                else:
                    await self.bot.edit_message_text(
                        text,
                        chat_id,
                        rendered.edit,
                        parse_mode=ParseMode.HTML,
                        reply_markup=buttons,
                        disable_web_page_preview=True,
                    )
                return rendered.edit
            except BadRequest as error:
                problem = error.message.lower()
                if "message is not modified" in problem:
                    return rendered.edit  # it already reads so: done
                if not any(gone in problem for gone in _EDIT_GONE):
                    raise
                log.info("message %s in chat %s can no longer be edited", rendered.edit, chat_id)
                if not rendered.fallback:
                    return None
        message = await self.bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=buttons,
            disable_web_page_preview=True,
        )
        return message.message_id

    async def _put_parts(self, row: Outbox, chat_id: int, rendered: Rendered) -> int | None:
        """A long message split between its lines, then its chart as a photo; the id of the
        first message this try sent.

        Each part waits its turn for the chat. When a part fails, how many were sent is kept
        with the row, so the retry starts with the part that failed: nobody reads a part twice.
        """
        texts = render_lines(self.catalog, rendered.lang, Lines(rendered.text, rendered.lines))
        parts: list[Callable[[], Awaitable[int | None]]] = [
            functools.partial(self._send_text, chat_id, text) for text in texts
        ]
        if rendered.chart is not None:
            parts.append(functools.partial(self._send_chart, chat_id, rendered))
        started = done = _parts_sent(row)
        first: int | None = None
        try:
            for index in range(started, len(parts)):
                if index > started:
                    await self.pacer.wait(chat_id)
                message_id = await parts[index]()
                first = first if first is not None else message_id
                done = index + 1
        finally:
            if started < done < len(parts):
                async with transaction(self.sessions) as session:
                    await outbox.keep_progress(session, row, done)
        return first

    async def _send_text(self, chat_id: int, text: str) -> int:
        message = await self.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, disable_web_page_preview=True
        )
        return message.message_id

    async def _send_chart(self, chat_id: int, rendered: Rendered) -> int | None:
        """The chart, drawn off the event loop; one that cannot be drawn is logged and left
        out (the text already says everything it shows)."""
        chart = rendered.chart
        assert chart is not None
        key = charts.cache_key(chart, rendered.lang)
        png = self._charts.get(key)
        if png is None:
            try:
                png = await asyncio.to_thread(charts.draw, chart, self.catalog, rendered.lang)
            except Exception:
                log.exception("chart for chat %s could not be drawn", chat_id)
                return None
            if len(self._charts) >= 16:
                self._charts.clear()
            self._charts[key] = png
        message = await self.bot.send_photo(
            chat_id,
            InputFile(png, filename="summary.png"),
            caption=render_caption(self.catalog, rendered.lang, chart.caption),
            parse_mode=ParseMode.HTML,
        )
        return message.message_id

    async def _send_venue(self, chat_id: int, venue: Venue) -> None:
        """The map after a message that was delivered; the message already names the venue,
        so a map Telegram refuses is logged, and the message is not sent again for it."""
        try:
            await self.bot.send_venue(
                chat_id, venue.latitude, venue.longitude, venue.title, venue.address
            )
        except TelegramError as error:
            log.warning("venue to chat %s not sent: %s", chat_id, error)

    def _network_trouble(self, row: Outbox, error: TelegramError, report: Report) -> outbox.Outcome:
        attempts = row.attempts  # this try included: claiming counted it
        if attempts >= outbox.MAX_ATTEMPTS:
            report.failed += 1
            log.error("outbox row %s failed after %s attempts: %s", row.id, attempts, error)
            return outbox.Outcome(OutboxStatus.FAILED, f"network: {error}")
        report.retried += 1
        retry_at = self.clock.now() + outbox.backoff(attempts)
        return outbox.Outcome(OutboxStatus.PENDING, f"network: {error}", retry_at=retry_at)

    async def wake(self) -> None:
        """Send what was just enqueued without waiting for the next tick."""
        if self.job_queue is not None:
            self.job_queue.run_once(dispatch_job, 0, name=WAKE_JOB_NAME)


# What Telegram answers when the message to edit was deleted, or is too old to edit.
_EDIT_GONE = ("message to edit not found", "message can't be edited", "message_id_invalid")


def _live_cards(
    rows: Sequence[Outbox], results: Sequence[tuple[int, outbox.Outcome, bool]]
) -> list[tuple[int, int, int, int]]:
    """The cards just sent or edited: (meeting id, person id, chat id, message id)."""
    outcomes = {row_id: outcome for row_id, outcome, refund in results if not refund}
    live = []
    for row in rows:
        outcome = outcomes.get(row.id)
        if (
            outcome is not None
            and outcome.status == OutboxStatus.SENT
            and outcome.retry_at is None
            and outcome.tg_message_id is not None
            and row.meeting_id is not None
            and row.person_id is not None
            and row.chat_id is not None
            and delivery.keeps_card(row.kind)
        ):
            live.append((row.meeting_id, row.person_id, row.chat_id, outcome.tg_message_id))
    return live


def _parts_sent(row: Outbox) -> int:
    sent = row.payload.get(outbox.PARTS_SENT, 0)
    return sent if isinstance(sent, int) else 0


def _seconds(retry_after: object) -> float:
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)  # type: ignore[arg-type]


async def dispatch_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue tick (and wake-up): start a dispatcher run unless one is going on.

    The run goes on as a task of its own, so a long broadcast never keeps the tick busy (the
    scheduler would skip it with a warning every few seconds); a run in progress already
    picks up whatever comes due while it lasts.
    """
    from bot.runtime import RUNTIME_KEY

    dispatcher: Dispatcher = context.application.bot_data[RUNTIME_KEY].dispatcher
    if dispatcher.busy or not dispatcher.claiming:
        return
    context.application.create_task(_run_and_log(dispatcher), name="outbox:run")


async def _run_and_log(dispatcher: Dispatcher) -> None:
    report = await dispatcher.run_once()
    if dispatcher.paused and dispatcher.paused_until and dispatcher.job_queue:
        # Go on as soon as Telegram allows, not at the next tick.
        dispatcher.job_queue.run_once(dispatch_job, dispatcher.paused_until, name=WAKE_JOB_NAME)
    if report.sent or report.failed or report.unreachable:
        log.info(
            "outbox: sent %s, unreachable %s, failed %s, retrying %s",
            report.sent,
            report.unreachable,
            report.failed,
            report.retried,
        )
