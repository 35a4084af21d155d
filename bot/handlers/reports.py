"""A coordinator's reports on a meeting: /attendance and /deliveries."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import Edit, Lines, Replies, Send, Turn, handler
from bot.handlers.meetings import MTG, pick_meeting
from bot.i18n import Html, Msg, msg
from bot.presentation import NUMBER
from bot.services import meetings, outbox, rsvp
from bot.views import when
from db.models import Meeting, OutboxStatus

ATTENDANCE, DELIVERIES = "att", "dlv"


def _counts_line(turn: Turn, key: str, counts: rsvp.Counts, name: str = "") -> str:
    return turn.runtime.catalog.text(
        turn.lang,
        key,
        going=counts.going,
        maybe=counts.maybe,
        declined=counts.declined,
        waitlist=counts.waitlist,
        none=counts.no_answer,
        name=name,
    )


async def _attendance(turn: Turn, meeting: Meeting) -> Lines:
    numbers = await rsvp.attendance(
        turn.session, turn.actor, meeting.id, coordinators=turn.coordinators
    )
    lines = [
        Html(_counts_line(turn, "attendance-org", c, name=name))
        for name, c in numbers.by_organization
    ]
    # One line per organization: a big network needs more than one message.
    frame = msg(
        "attendance",
        title=meeting.title,
        when=when(meeting),
        total=Html(_counts_line(turn, "attendance-total", numbers.total)),
        capacity=msg("meeting-capacity-line", capacity=meeting.capacity)
        if meeting.capacity
        else msg("blank"),
    )
    return Lines(frame, lines)


async def _deliveries(turn: Turn, meeting: Meeting) -> Msg:
    counts = await outbox.counts(turn.session, turn.actor, meeting.id)
    return msg(
        "deliveries",
        title=meeting.title,
        when=when(meeting),
        pending=counts[OutboxStatus.PENDING] + counts[OutboxStatus.SENDING],
        sent=counts[OutboxStatus.SENT],
        unreachable=counts[OutboxStatus.UNREACHABLE],
        failed=counts[OutboxStatus.FAILED],
        skipped=counts[OutboxStatus.SKIPPED],
    )


async def _report(
    turn: Turn, action: str, render: Callable[[Turn, Meeting], Awaitable[Msg | Lines]]
) -> Replies:
    """A coordinator's view of one meeting, after picking it if there are several."""
    picked = await pick_meeting(turn, action)
    if isinstance(picked, Send):
        return picked
    shown = await render(turn, picked)
    return shown if isinstance(shown, Lines) else Send(shown)


@handler()
async def cmd_attendance(turn: Turn) -> Replies:
    return await _report(turn, ATTENDANCE, _attendance)


@handler()
async def cmd_deliveries(turn: Turn) -> Replies:
    return await _report(turn, DELIVERIES, _deliveries)


@handler()
async def on_attendance(turn: Turn) -> Replies:
    meeting = await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(1))
    return replace(await _attendance(turn, meeting), edit=True)


@handler()
async def on_deliveries(turn: Turn) -> Replies:
    meeting = await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(1))
    return Edit(await _deliveries(turn, meeting))


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_attendance, pattern=MTG.route(ATTENDANCE, NUMBER)),
        CallbackQueryHandler(on_deliveries, pattern=MTG.route(DELIVERIES, NUMBER)),
    ]
