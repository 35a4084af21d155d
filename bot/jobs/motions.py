"""Closing motions whose time is up, and posting their results once."""

from __future__ import annotations

import logging

from telegram.ext import ContextTypes

from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import motions
from db.session import transaction

log = logging.getLogger(__name__)

JOB_NAME = "motions:close"


async def close_due(runtime: Runtime) -> int:
    """Close what is due; returns how many motions were closed by this run."""
    async with transaction(runtime.sessions) as session:
        closed = await motions.close_due(session, runtime.clock, runtime.settings.coordinators)
    for motion, result in closed:
        log.info("motion %s closed: %s of %s voted", motion.id, result.cast, result.eligible)
    if closed:
        await runtime.dispatcher.wake()
    return len(closed)


async def close_motions_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await close_due(context.application.bot_data[RUNTIME_KEY])
