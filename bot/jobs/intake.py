"""Forgetting handled updates once Telegram can no longer send them again."""

from __future__ import annotations

import logging

from telegram.ext import ContextTypes

from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import intake
from db.session import transaction

log = logging.getLogger(__name__)

JOB_NAME = "intake:purge"


async def purge_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop the ids of updates handled more than two days ago."""
    rt: Runtime = context.application.bot_data[RUNTIME_KEY]
    async with transaction(rt.sessions) as session:
        removed = await intake.purge(session, rt.clock)
    if removed:
        log.info("forgot %d handled update(s)", removed)
