"""/summary: a coordinator's private preview of a meeting's outcome summary, and posting it."""

from __future__ import annotations

import asyncio

from telegram.ext import CallbackQueryHandler

from bot import charts
from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Lines,
    Replies,
    Reply,
    Send,
    SendImage,
    Turn,
    handler,
)
from bot.i18n import When, msg
from bot.presentation import NUMBER
from bot.services import meetings
from bot.services import summary as summaries

SUMMARY = CallbackData("sum")
POST = "post"


@handler()
async def cmd_summary(turn: Turn) -> Replies:
    """The summary of the latest meeting (or `/summary 7`), its chart, and a button to post it."""
    turn.actor.require_coordinator()  # before saying anything about the meetings
    meeting_id = meetings.parse_meeting_number(turn.args[0]) if turn.args else None
    preview = await summaries.preview(
        turn.session,
        turn.clock,
        turn.actor,
        meeting_id,
        length=turn.runtime.settings.meeting_length,
    )
    summary = preview.summary
    frame, lines = summaries.message(summary)
    chart = charts.summary_chart(summary)
    # Drawn off the event loop: other people's taps are answered meanwhile.
    png = await asyncio.to_thread(charts.draw, chart, turn.runtime.catalog, turn.lang)
    replies: list[Reply] = [Lines(frame, lines), SendImage("summary.png", png, chart.caption)]
    if preview.posted_at is not None:
        when = When(preview.posted_at, summary.timezone)
        replies.append(Send(msg("summary-posted-before", when=when)))
    elif not preview.group:
        replies.append(Send(msg("summary-no-group-yet")))
    else:
        button = Button(msg("summary-button-post"), SUMMARY.build(POST, summary.meeting_id))
        replies.append(Send(msg("summary-post-ask"), [[button]]))
    return replies


@handler()
async def on_post(turn: Turn) -> Replies:
    await summaries.post_now(
        turn.session,
        turn.clock,
        turn.actor,
        turn.int_group(1),
        configured=turn.coordinators,
        length=turn.runtime.settings.meeting_length,
    )
    return [Edit(msg("summary-posted")), turn.wake()]


def handlers() -> list[object]:
    return [CallbackQueryHandler(on_post, pattern=SUMMARY.route(POST, NUMBER))]
