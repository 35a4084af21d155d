"""Storing each meeting's agenda once its voting has closed, and refreshing the cards."""

from __future__ import annotations

import logging

from telegram.ext import ContextTypes

from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import agenda
from db.session import transaction

log = logging.getLogger(__name__)

JOB_NAME = "agenda:close"
INTERVAL = 30.0  # seconds: a card shows the agenda at most this long after voting closes


async def close_due(runtime: Runtime) -> int:
    """Store what is due; returns how many meetings' agendas this run stored."""
    async with transaction(runtime.sessions) as session:
        stored = await agenda.freeze_due(
            session, runtime.clock, closes_before=runtime.settings.agenda_closes_before
        )
    for meeting_id, chosen in stored:
        log.info("agenda of meeting %s stored: %s concerns", meeting_id, len(chosen))
    if any(chosen for _, chosen in stored):
        await runtime.dispatcher.wake()
    return len(stored)


async def close_agenda_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await close_due(context.application.bot_data[RUNTIME_KEY])
