"""Answers to a meeting: Going / Maybe / Can't go, withdrawing, a note, and the calendar file."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import Edit, Replies, Reply, Send, SendFile, Toast, Turn, handler
from bot.handlers.dialogs import flow
from bot.i18n import msg
from bot.presentation import NUMBER
from bot.services import dialogs, ics, meetings, rsvp
from bot.services.errors import DomainError
from bot.services.text import clean_line
from bot.views import ACTION_ANSWERS, MEETING_PAYLOAD, RSVP, Links, answer_line, invitation
from db.models import Dialog, Meeting

NOTE = "rsvpnote"


def links(turn: Turn) -> Links:
    return Links(turn.runtime.settings.meeting_length, turn.bot_username)


async def card_reply(turn: Turn, meeting: Meeting, kind: str = "next-meeting") -> Send:
    """The person's card of a meeting as a new message: it becomes their live card."""
    answer = await rsvp.current(turn.session, turn.person, meeting.id)
    position = await rsvp.waitlist_position(turn.session, answer) if answer else None
    text, buttons = invitation(
        meeting,
        answer,
        position,
        kind=kind,
        seats_taken=await rsvp.seats_shown(turn.session, meeting),
        links=links(turn),
    )
    return Send(text, buttons, card=meeting.id)


def meeting_from_start_payload(payload: str) -> int | None:
    """The meeting id in `/start meeting-<id>` (the group notice's button), else None."""
    if not payload.startswith(MEETING_PAYLOAD):
        return None
    number = payload.removeprefix(MEETING_PAYLOAD)
    if not (number.isascii() and number.isdigit() and len(number) <= 9):
        return -1  # a forged link: refused like an unknown meeting
    return int(number)


async def card_from_link(turn: Turn, meeting_id: int) -> list[Send]:
    """The card a group's button opens: only for the network; a stranger learns how to join."""
    try:
        if meeting_id < 1:
            turn.actor.require_network()
            raise DomainError("error-stale-button")
        meeting = await meetings.visible(turn.session, turn.actor, meeting_id)
        meetings.ensure_open(meeting, turn.clock.now())
    except DomainError as error:
        return [Send(msg(error.key, **error.params))]
    return [await card_reply(turn, meeting, "next-meeting")]


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
        result.meeting,
        result.rsvp,
        result.waitlist_position,
        kind="rsvp-card",
        seats_taken=result.seats_taken,
        links=links(turn),
    )
    replies: list[Reply] = [toast, Edit(text, buttons)]
    if result.promoted:
        replies.append(turn.wake())
    return replies


@handler()
async def on_withdraw(turn: Turn) -> Replies:
    meeting, promoted = await rsvp.withdraw(turn.session, turn.clock, turn.actor, turn.int_group(1))
    text, buttons = invitation(
        meeting,
        None,
        None,
        kind="rsvp-card",
        seats_taken=await rsvp.seats_shown(turn.session, meeting),
        links=links(turn),
    )
    replies: list[Reply] = [Toast(msg("rsvp-withdrawn")), Edit(text, buttons)]
    if promoted:
        replies.append(turn.wake())
    return replies


@handler()
async def on_note(turn: Turn) -> Replies:
    meeting = await rsvp.declined(turn.session, turn.clock, turn.actor, turn.int_group(1))
    await dialogs.begin(
        turn.session, turn.clock, turn.person, NOTE, "text", {"meeting": meeting.id}
    )
    return [Toast(), Send(msg("note-ask", title=meeting.title, limit=rsvp.NOTE_LIMIT))]


@flow(NOTE)
async def note_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    note = clean_line(text, limit=rsvp.NOTE_LIMIT)
    meeting_id = int(dialog.data["meeting"])
    await dialogs.finish(turn.session, turn.person)
    await rsvp.save_note(turn.session, turn.clock, turn.actor, meeting_id, note)
    return Send(msg("note-saved"))


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
        CallbackQueryHandler(on_withdraw, pattern=RSVP.route("undo", NUMBER)),
        CallbackQueryHandler(on_note, pattern=RSVP.route("note", NUMBER)),
        CallbackQueryHandler(on_calendar_file, pattern=RSVP.route("ics", NUMBER)),
    ]
