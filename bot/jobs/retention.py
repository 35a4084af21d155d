"""Retention: unfinished dialogs and the contents of handled messages are deleted in time."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import ContextTypes

from bot.clock import Clock
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services.privacy import Purged, purge_expired
from db.session import transaction

log = logging.getLogger(__name__)

JOB_NAME = "privacy:retention"
INTERVAL = 3600.0  # seconds; the retention period is counted in days, an hour late is fine


async def purge(
    sessions: async_sessionmaker[AsyncSession], clock: Clock, retention: timedelta
) -> Purged:
    """Delete what is older than the retention period, in one transaction."""
    async with transaction(sessions) as session:
        purged = await purge_expired(session, clock.now(), retention)
    if purged.dialogs or purged.payloads:
        log.info(
            "retention: deleted %s unfinished dialogs and the contents of %s messages",
            purged.dialogs,
            purged.payloads,
        )
    return purged


async def retention_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    runtime: Runtime = context.application.bot_data[RUNTIME_KEY]
    await purge(runtime.sessions, runtime.clock, runtime.settings.retention)
