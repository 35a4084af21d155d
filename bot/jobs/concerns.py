"""Concern upkeep: the sender links forgotten after their meeting, and the coordinators' digest."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import ContextTypes

from bot.clock import Clock
from bot.config import Settings
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import concerns, people
from db.session import transaction

log = logging.getLogger(__name__)

LINKS_JOB = "concerns:links"
DIGEST_JOB = "concerns:digest"
INTERVAL = 3600.0  # seconds: links are kept for days, and the digest is once a day


async def drop_links(
    sessions: async_sessionmaker[AsyncSession], clock: Clock, settings: Settings
) -> int:
    """Delete the sender links whose meeting ended longer ago than the retention setting."""
    async with transaction(sessions) as session:
        dropped = await concerns.drop_expired_links(
            session, clock.now(), settings.meeting_length, settings.concern_link_retention
        )
    if dropped:
        log.info("concerns: forgot the senders of %s concerns", dropped)
    return dropped


async def queue_digest(
    sessions: async_sessionmaker[AsyncSession], clock: Clock, settings: Settings
) -> int:
    """Queue today's count of waiting concerns for each coordinator (once per day)."""
    async with transaction(sessions) as session:
        coordinators = await people.coordinators(session, settings.coordinators)
        return await concerns.queue_digest(
            session, clock, coordinators, clock.now().date().isoformat()
        )


async def links_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    runtime: Runtime = context.application.bot_data[RUNTIME_KEY]
    await drop_links(runtime.sessions, runtime.clock, runtime.settings)


async def digest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    runtime: Runtime = context.application.bot_data[RUNTIME_KEY]
    if await queue_digest(runtime.sessions, runtime.clock, runtime.settings):
        await runtime.dispatcher.wake()
