"""A coordinator's reports on a meeting: /attendance and /deliveries."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import replace

from telegram.ext import CallbackQueryHandler

from bot.handlers import proxy
from bot.handlers.common import Button, Edit, Keyboard, Lines, Replies, Send, Turn, handler
from bot.handlers.meetings import MTG, pick_meeting
from bot.i18n import RIGHT_TO_LEFT, Html, Msg, msg
from bot.presentation import NUMBER
from bot.services import attendance, meetings, outbox, rsvp
from bot.views import when
from db.models import Meeting, OutboxStatus

ATTENDANCE, DELIVERIES = "att", "dlv"
PAGE = "attp"  # a page of the names in /attendance


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


async def _notes(turn: Turn, meeting: Meeting) -> list[Msg | Html]:
    """The notes people left with Can't go, after the counts."""
    notes = await rsvp.notes(turn.session, turn.actor, meeting.id, coordinators=turn.coordinators)
    if not notes:
        return []
    lines: list[Msg | Html] = [msg("blank"), msg("attendance-notes-title")]
    return lines + [msg("attendance-note", name=name, note=note) for name, note in notes]


async def _attendance(turn: Turn, meeting: Meeting, page: int = 0) -> Lines:
    numbers = await rsvp.attendance(
        turn.session, turn.actor, meeting.id, coordinators=turn.coordinators
    )
    lines, pages = await _people(turn, meeting, numbers, page)
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
    # Below the answers: record one for someone without a phone (bot.handlers.proxy).
    keyboard = [*(pages or []), *proxy.rsvp_entry(meeting, turn.clock.now())]
    return Lines(frame, [*lines, *await _notes(turn, meeting)], keyboard or None)


ORGS_PER_PAGE = 8
NAMES_PER_LINE = 20  # at most 20 names of 129 characters: one line stays under 4,096


async def _people(
    turn: Turn, meeting: Meeting, numbers: rsvp.Attendance, page: int
) -> tuple[list[Msg | Html], Keyboard | None]:
    """Per organization, its counts and the names under each answer; a page of them at a time,
    with buttons to the others."""
    groups = await attendance.who_answered(
        turn.session, turn.actor, meeting.id, coordinators=turn.coordinators
    )
    counts = dict(numbers.by_organization)
    pages = max(1, -(-len(groups) // ORGS_PER_PAGE))
    page = min(page, pages - 1)
    lines: list[Msg | Html] = []
    for group in groups[page * ORGS_PER_PAGE : (page + 1) * ORGS_PER_PAGE]:
        if group.organization is None:
            lines.append(msg("attendance-no-organization"))
        else:
            org_counts = counts.get(group.organization, rsvp.Counts())
            lines.append(Html(_counts_line(turn, "attendance-org", org_counts, group.organization)))
        for key, names in (
            ("attendance-going", group.going),
            ("attendance-maybe", group.maybe),
            ("attendance-declined", group.declined),
            ("attendance-waitlist", group.waitlist),
            ("attendance-no-answer", group.no_answer),
        ):
            for start in range(0, len(names), NAMES_PER_LINE):
                lines.append(msg(key, names=_names(turn, names[start : start + NAMES_PER_LINE])))
    if pages == 1:
        return lines, None
    lines.append(msg("attendance-page", page=page + 1, pages=pages))
    nav = []
    if page > 0:
        nav.append(Button(msg("button-previous"), MTG.build(PAGE, meeting.id, page - 1)))
    if page < pages - 1:
        nav.append(Button(msg("button-next"), MTG.build(PAGE, meeting.id, page + 1)))
    return lines, [nav]


def _names(turn: Turn, names: list[str]) -> Html:
    """Names people chose, escaped and each isolated, so a Latin name keeps its place in
    Dari and Pashto and an Arabic-script one in English."""
    comma = "، " if turn.lang in RIGHT_TO_LEFT else ", "
    return Html(comma.join(f"\u2068{html.escape(name, quote=False)}\u2069" for name in names))


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
async def on_attendance_page(turn: Turn) -> Replies:
    meeting = await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(1))
    page = turn.int_group(2, low=0)
    return replace(await _attendance(turn, meeting, page), edit=True)


@handler()
async def on_deliveries(turn: Turn) -> Replies:
    meeting = await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(1))
    return Edit(await _deliveries(turn, meeting))


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_attendance, pattern=MTG.route(ATTENDANCE, NUMBER)),
        CallbackQueryHandler(on_attendance_page, pattern=MTG.route(PAGE, NUMBER, NUMBER)),
        CallbackQueryHandler(on_deliveries, pattern=MTG.route(DELIVERIES, NUMBER)),
    ]
