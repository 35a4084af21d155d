"""Answers to a meeting: Going / Maybe / Can't go, and the calendar file."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import Edit, Replies, Reply, SendFile, Toast, Turn, handler
from bot.i18n import msg
from bot.presentation import NUMBER
from bot.services import ics, meetings, rsvp
from bot.services.errors import DomainError
from bot.views import ACTION_ANSWERS, RSVP, answer_line, invitation


@handler()
async def on_answer(turn: Turn) -> Replies:
    answer = ACTION_ANSWERS.get(turn.group(1))
    if answer is None:
        raise DomainError("error-stale-button")
    result = await rsvp.record(turn.session, turn.clock, turn.actor, turn.int_group(2), answer)
    toast = Toast(answer_line(result.rsvp, result.waitlist_position))
    if not result.changed:
        # The same tap twice: answer the query, leave the message as it is.
        return toast
    text, buttons = invitation(
        result.meeting, result.rsvp, result.waitlist_position, kind="rsvp-card"
    )
    replies: list[Reply] = [toast, Edit(text, buttons)]
    if result.promoted:
        replies.append(turn.wake())
    return replies


@handler()
async def on_calendar_file(turn: Turn) -> Replies:
    meeting = await meetings.visible(turn.session, turn.actor, turn.int_group(1))
    content = ics.meeting_ics(
        meeting,
        length=turn.runtime.settings.meeting_length,
        now=turn.clock.now(),
        domain=f"{turn.bot_username}.t.me",
    )
    caption = msg("calendar-caption", title=meeting.title)
    return [Toast(), SendFile(f"meeting-{meeting.id}.ics", content, caption)]


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_answer, pattern=RSVP.route("(go|maybe|no)", NUMBER)),
        CallbackQueryHandler(on_calendar_file, pattern=RSVP.route("ics", NUMBER)),
    ]
