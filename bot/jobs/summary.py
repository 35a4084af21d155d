"""Queueing each meeting's outcome summary once, a while after the meeting ends."""

from __future__ import annotations

import logging

from telegram.ext import ContextTypes

from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import summary
from db.session import transaction

log = logging.getLogger(__name__)

JOB_NAME = "summary:post"
INTERVAL = 60.0  # seconds: a summary goes out at most this long after its time


async def post_due(runtime: Runtime) -> int:
    """Queue the summaries that are due; returns how many meetings this run queued."""
    settings = runtime.settings
    async with transaction(runtime.sessions) as session:
        queued = await summary.queue_due(
            session,
            runtime.clock,
            settings.coordinators,
            length=settings.meeting_length,
            delay=settings.summary_delay,
        )
    for meeting_id in queued:
        log.info("summary of meeting %s queued", meeting_id)
    if queued:
        await runtime.dispatcher.wake()
    return len(queued)


async def post_summaries_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await post_due(context.application.bot_data[RUNTIME_KEY])
