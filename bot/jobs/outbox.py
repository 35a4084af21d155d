"""The outbox dispatcher: expands due fan-outs, sends due messages, records every result."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes, JobQueue

from bot.clock import Clock
from bot.handlers.common import Keyboard, markup
from bot.i18n import Catalog, Msg, msg, pick_language
from bot.jobs.pacing import Pacer
from bot.services import meetings, outbox, people, rsvp
from bot.views import invitation, when
from db.models import Meeting, MeetingStatus, Outbox, OutboxStatus, Person, RsvpAnswer
from db.session import transaction

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


@dataclass(frozen=True)
class Rendered:
    text: Msg
    keyboard: Keyboard | None
    lang: str


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
        pacer: Pacer | None = None,
    ) -> None:
        self.bot = bot
        self.sessions = sessions
        self.clock = clock
        self.catalog = catalog
        self.default_language = default_language
        self.concurrency = concurrency
        self.pacer = pacer or Pacer(rate)
        self.paused_until: datetime | None = None
        # Set by the application once its JobQueue exists; tests call run_once() themselves.
        self.job_queue: JobQueue[Any] | None = None
        self._running = asyncio.Lock()

    async def run_once(self) -> Report:
        """Send everything that is due now; stops early when Telegram says to wait."""
        report = Report()
        async with self._running:
            while not self._paused():
                async with transaction(self.sessions) as session:
                    fanout = await outbox.claim_one(session, self.clock, fanout=True)
                    if fanout is None:
                        break
                    report.expanded += await meetings.expand(session, self.clock, fanout)
            workers = (self._worker(report) for _ in range(self.concurrency))
            await asyncio.gather(*workers)
        return report

    def _paused(self) -> bool:
        return self.paused_until is not None and self.clock.now() < self.paused_until

    async def _worker(self, report: Report) -> None:
        """Claim one due row at a time, so only rows really in flight are marked so."""
        while not self._paused():
            async with transaction(self.sessions) as session:
                row = await outbox.claim_one(session, self.clock, fanout=False)
                if row is None:
                    return
                row_id, chat_id = row.id, row.chat_id
                rendered = await self._render(session, row)
            if rendered is None or chat_id is None:
                report.skipped += 1
                await self._finish(row_id, outbox.Outcome(OutboxStatus.SKIPPED, "no longer useful"))
                continue
            await self.pacer.wait(chat_id)
            if self._paused():
                # Telegram asked us to wait while this one waited its turn: it keeps its place.
                later = outbox.Outcome(OutboxStatus.PENDING, retry_at=self.paused_until)
                await self._finish(row_id, later, refund=True)
                return
            outcome = await self._send(chat_id, rendered, row_id, report)
            await self._finish(row_id, outcome)

    async def _send(
        self, chat_id: int, rendered: Rendered, row_id: int, report: Report
    ) -> outbox.Outcome:
        now = self.clock.now()
        try:
            message = await self.bot.send_message(
                chat_id,
                self.catalog.render(rendered.lang, rendered.text),
                parse_mode=ParseMode.HTML,
                reply_markup=markup(self.catalog, rendered.lang, rendered.keyboard),
                disable_web_page_preview=True,
            )
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
                await people.mark_unreachable(session, chat_id)
            return outbox.Outcome(OutboxStatus.UNREACHABLE, error.message)
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                report.unreachable += 1
                return outbox.Outcome(OutboxStatus.UNREACHABLE, error.message)
            # A message Telegram refuses will be refused again: a dead letter, not a retry.
            report.failed += 1
            log.error("outbox row %s refused: %s", row_id, error.message)
            return outbox.Outcome(OutboxStatus.FAILED, error.message)
        except (NetworkError, TelegramError) as error:
            return await self._network_trouble(row_id, error, report)
        report.sent += 1
        return outbox.Outcome(OutboxStatus.SENT, tg_message_id=message.message_id)

    async def _network_trouble(
        self, row_id: int, error: TelegramError, report: Report
    ) -> outbox.Outcome:
        async with transaction(self.sessions) as session:
            row = await session.get(Outbox, row_id)
            attempts = row.attempts if row else outbox.MAX_ATTEMPTS
        if attempts >= outbox.MAX_ATTEMPTS:
            report.failed += 1
            log.error("outbox row %s failed after %s attempts: %s", row_id, attempts, error)
            return outbox.Outcome(OutboxStatus.FAILED, f"network: {error}")
        report.retried += 1
        retry_at = self.clock.now() + outbox.backoff(attempts)
        return outbox.Outcome(OutboxStatus.PENDING, f"network: {error}", retry_at=retry_at)

    async def _finish(self, row_id: int, outcome: outbox.Outcome, *, refund: bool = False) -> None:
        async with transaction(self.sessions) as session:
            await outbox.finish(session, self.clock, row_id, outcome, refund=refund)

    async def _render(self, session: AsyncSession, row: Outbox) -> Rendered | None:
        """The message as it should read now, in the recipient's language; None to skip it."""
        now = self.clock.now()
        if row.not_after is not None and now >= row.not_after:
            return None
        person = await session.get(Person, row.person_id) if row.person_id else None
        meeting = await session.get(Meeting, row.meeting_id) if row.meeting_id else None
        if person is None or meeting is None:
            return None
        lang = pick_language(person.language, None, self.default_language)
        if row.kind == meetings.CANCELLATION:
            return Rendered(
                msg("meeting-cancelled-notice", title=meeting.title, when=when(meeting)), None, lang
            )
        if meeting.status == MeetingStatus.CANCELLED:
            return None
        answer = await rsvp.current(session, person, meeting.id)
        position = await rsvp.waitlist_position(session, answer) if answer else None
        if row.kind == meetings.REMINDER:
            if answer is None or answer.answer not in (RsvpAnswer.GOING, RsvpAnswer.MAYBE):
                return None
        elif row.kind == meetings.NUDGE:
            deadline = meeting.rsvp_deadline
            if answer is not None or (deadline is not None and now > deadline):
                return None
        elif row.kind == meetings.PROMOTION:
            if answer is None or answer.answer != RsvpAnswer.GOING or answer.waitlisted:
                return None
        elif row.kind not in (meetings.INVITATION, meetings.UPDATE):
            log.error("outbox row %s has unknown kind %r", row.id, row.kind)
            return None
        text, keyboard = invitation(meeting, answer, position, kind=row.kind)
        return Rendered(text, keyboard, lang)

    async def wake(self) -> None:
        """Send what was just enqueued without waiting for the next tick."""
        if self.job_queue is not None:
            self.job_queue.run_once(dispatch_job, 0, name=WAKE_JOB_NAME)


def _seconds(retry_after: object) -> float:
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)  # type: ignore[arg-type]


async def dispatch_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue tick (and wake-up): run the dispatcher once."""
    from bot.runtime import RUNTIME_KEY

    dispatcher: Dispatcher = context.application.bot_data[RUNTIME_KEY].dispatcher
    report = await dispatcher.run_once()
    if report.sent or report.failed or report.unreachable:
        log.info(
            "outbox: sent %s, unreachable %s, failed %s, retrying %s",
            report.sent,
            report.unreachable,
            report.failed,
            report.retried,
        )
