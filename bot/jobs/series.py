"""The monthly series roll-over: creates the next meeting when it comes within the lead."""

from __future__ import annotations

import logging

from telegram.ext import ContextTypes

from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import series
from bot.services.meetings import DeliveryPlan
from db.session import transaction

log = logging.getLogger(__name__)

JOB_NAME = "series:roll-over"


def delivery_plan(runtime: Runtime) -> DeliveryPlan:
    settings = runtime.settings
    return DeliveryPlan(
        invitation_lead=settings.invitation_lead,
        reminders=settings.reminders,
        nudge=settings.nudge,
    )


async def roll_over(runtime: Runtime) -> int:
    """Create what the series needs now; returns how many meetings were made."""
    async with transaction(runtime.sessions) as session:
        created = await series.roll_over(
            session, runtime.clock, delivery_plan(runtime), runtime.settings.series_lead
        )
    for meeting in created:
        log.info("series created meeting %s at %s", meeting.id, meeting.starts_at)
    if created:
        await runtime.dispatcher.wake()
    return len(created)


async def roll_over_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await roll_over(context.application.bot_data[RUNTIME_KEY])
