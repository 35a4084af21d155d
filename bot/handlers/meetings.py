"""Meetings: scheduling, the monthly series, editing, cancelling, RSVP and the counts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Later,
    Lines,
    Replies,
    Reply,
    Send,
    SendFile,
    Toast,
    Turn,
    handler,
)
from bot.handlers.dialogs import flow
from bot.i18n import Html, Msg, When, msg
from bot.jobs.series import delivery_plan
from bot.services import dialogs, ics, meetings, outbox, rsvp, series
from bot.services.errors import DomainError
from bot.views import ACTION_ANSWERS, RSVP, answer_line, card, invitation, when
from db.models import Dialog, Meeting, OutboxStatus

MTG = CallbackData("mtg")
SER = CallbackData("ser")
NEW, EDIT, SERIES = "newmeeting", "editmeeting", "series"
EDITABLE = ("time", "venue", "agenda", "capacity")


def _wake(turn: Turn) -> Later:
    return Later(turn.runtime.dispatcher.wake)


def _zone(turn: Turn) -> str:
    return turn.runtime.settings.timezone


def _skip_button(step: str) -> Keyboard:
    return [[Button(msg("button-skip"), MTG.build("skip", step))]]


# --- /newmeeting ------------------------------------------------------------------------


_PROMPTS = {
    "title": lambda turn: Send(msg("meeting-ask-title", limit=meetings.TITLE_LIMIT)),
    "when": lambda turn: Send(msg("meeting-ask-when", zone=_zone(turn))),
    "venue": lambda turn: Send(msg("meeting-ask-venue", limit=meetings.VENUE_LIMIT)),
    "agenda": lambda turn: Send(
        msg("meeting-ask-agenda", limit=meetings.AGENDA_LIMIT), _skip_button("agenda")
    ),
    "capacity": lambda turn: Send(msg("meeting-ask-capacity"), _skip_button("capacity")),
    "deadline": lambda turn: Send(
        msg("meeting-ask-deadline", zone=_zone(turn)), _skip_button("deadline")
    ),
}
_ORDER = ("title", "when", "venue", "agenda", "capacity", "deadline", "confirm")


def _next_step(step: str) -> str:
    return _ORDER[_ORDER.index(step) + 1]


def _draft(turn: Turn, data: dict[str, str | int | None]) -> meetings.Draft:
    deadline = data.get("deadline")
    capacity = data.get("capacity")
    return meetings.Draft(
        title=str(data["title"]),
        starts_at=datetime.fromisoformat(str(data["when"])),
        timezone=_zone(turn),
        venue=str(data["venue"]),
        agenda=str(data["agenda"]) if data.get("agenda") else None,
        capacity=int(capacity) if capacity is not None else None,
        rsvp_deadline=datetime.fromisoformat(str(deadline)) if deadline else None,
    )


def _preview(turn: Turn, dialog: Dialog) -> Send:
    meeting = _draft(turn, dialog.data).as_meeting()
    buttons = [
        [
            Button(msg("button-schedule"), MTG.build("save")),
            Button(msg("button-cancel"), MTG.build("drop")),
        ]
    ]
    return Send(msg("meeting-preview", card=card(meeting)), buttons)


def _ask(turn: Turn, dialog: Dialog, step: str) -> Send:
    if step == "confirm":
        return _preview(turn, dialog)
    return _PROMPTS[step](turn)


@handler()
async def cmd_newmeeting(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    dialog = await dialogs.begin(turn.session, turn.clock, turn.person, NEW, "title")
    return _ask(turn, dialog, "title")


@flow(NEW)
async def new_meeting_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    turn.actor.require_coordinator()
    step, now = dialog.step, turn.clock.now()
    value: str | int
    if step == "title":
        value = meetings.clean_title(text)
    elif step == "when":
        value = meetings.parse_when(text, _zone(turn), now).isoformat()
    elif step == "venue":
        value = meetings.clean_venue(text)
    elif step == "agenda":
        value = meetings.clean_agenda(text)
    elif step == "capacity":
        value = meetings.parse_capacity(text)
    elif step == "deadline":
        starts_at = datetime.fromisoformat(str(dialog.data["when"]))
        value = meetings.parse_deadline(text, _zone(turn), now, starts_at).isoformat()
    else:
        return Send(msg("register-use-buttons"))
    following = _next_step(step)
    dialogs.advance(dialog, turn.clock, following, **{step: value})
    return _ask(turn, dialog, following)


async def _new_meeting_at(turn: Turn, steps: tuple[str, ...]) -> Dialog:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None or dialog.flow != NEW or dialog.step not in steps:
        raise DomainError("error-stale-button")
    return dialog


async def _schedule(turn: Turn) -> Replies:
    dialog = await _new_meeting_at(turn, ("confirm",))
    draft = _draft(turn, dialog.data)
    meeting = await meetings.schedule(
        turn.session, turn.clock, turn.actor, draft, delivery_plan(turn.runtime)
    )
    await dialogs.finish(turn.session, turn.person)
    invited = await meetings.count_invitable(turn.session)
    done = msg("meeting-scheduled", card=card(meeting), people=invited, id=str(meeting.id))
    return [Edit(done), _wake(turn)]


# --- picking a meeting, /meetings, /next ------------------------------------------------------


async def _pick(turn: Turn, action: str) -> Meeting | Send:
    """The meeting a coordinator means: the only upcoming one, or buttons to choose."""
    turn.actor.require_coordinator()  # before saying whether there is any meeting at all
    if turn.args:
        number = meetings.parse_meeting_number(turn.args[0])
        return await meetings.for_coordinator(turn.session, turn.actor, number)
    upcoming = await meetings.upcoming(turn.session, turn.clock, turn.actor)
    if not upcoming:
        raise DomainError("meetings-none")
    if len(upcoming) == 1:
        return upcoming[0]
    catalog = turn.runtime.catalog
    buttons = []
    for meeting in upcoming:
        date = catalog.text(turn.lang, "meeting-short-date", when=when(meeting), plain=True)
        buttons.append([Button(f"{meeting.title[:30]} · {date}", MTG.build(action, meeting.id))])
    return Send(msg("pick-meeting"), buttons)


@handler()
async def cmd_meetings(turn: Turn) -> Replies:
    upcoming = await meetings.upcoming(turn.session, turn.clock, turn.actor)
    if not upcoming:
        return Send(msg("meetings-none"))
    catalog = turn.runtime.catalog
    lines = [
        catalog.text(turn.lang, "meetings-line", id=str(m.id), title=m.title, when=when(m))
        for m in upcoming
    ]
    return Send(msg("meetings-list", lines=Html("\n".join(lines))))


@handler()
async def cmd_next(turn: Turn) -> Replies:
    upcoming = await meetings.upcoming(turn.session, turn.clock, turn.actor, limit=1)
    if not upcoming:
        return Send(msg("meetings-none"))
    meeting = upcoming[0]
    answer = await rsvp.current(turn.session, turn.person, meeting.id)
    position = await rsvp.waitlist_position(turn.session, answer) if answer else None
    text, buttons = invitation(meeting, answer, position, kind="next-meeting")
    return Send(text, buttons)


# --- RSVP -------------------------------------------------------------------------------------


@handler()
async def on_rsvp(turn: Turn) -> Replies:
    action, args = RSVP.parse(turn.callback_data)
    meeting_id = RSVP.int_arg(args)
    if action == "ics":
        meeting = await meetings.visible(turn.session, turn.actor, meeting_id)
        content = ics.meeting_ics(
            meeting,
            length=turn.runtime.settings.meeting_length,
            now=turn.clock.now(),
            domain=f"{turn.bot_username}.t.me",
        )
        return [
            Toast(),
            SendFile(
                f"meeting-{meeting.id}.ics", content, msg("calendar-caption", title=meeting.title)
            ),
        ]
    answer = ACTION_ANSWERS.get(action)
    if answer is None:
        raise DomainError("error-stale-button")
    result = await rsvp.record(turn.session, turn.clock, turn.actor, meeting_id, answer)
    text, buttons = invitation(
        result.meeting, result.rsvp, result.waitlist_position, kind="rsvp-card"
    )
    if not result.changed:
        # The same tap twice: answer the query, leave the message as it is.
        return Toast(answer_line(result.rsvp, result.waitlist_position))
    replies: list[Reply] = [
        Toast(answer_line(result.rsvp, result.waitlist_position)),
        Edit(text, buttons),
    ]
    if result.promoted:
        replies.append(_wake(turn))
    return replies


# --- /attendance and /deliveries -----------------------------------------------------------


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


async def _report(
    turn: Turn, action: str, render: Callable[[Turn, Meeting], Awaitable[Msg | Lines]]
) -> Replies:
    """A coordinator's view of one meeting, after picking it if there are several."""
    picked = await _pick(turn, action)
    if isinstance(picked, Send):
        return picked
    shown = await render(turn, picked)
    return shown if isinstance(shown, Lines) else Send(shown)


@handler()
async def cmd_attendance(turn: Turn) -> Replies:
    return await _report(turn, "att", _attendance)


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


@handler()
async def cmd_deliveries(turn: Turn) -> Replies:
    return await _report(turn, "dlv", _deliveries)


# --- /editmeeting and /cancelmeeting -------------------------------------------------------


def _field_buttons(meeting: Meeting) -> Keyboard:
    return [
        [Button(msg(f"button-edit-{name}"), MTG.build("field", meeting.id, name))]
        for name in EDITABLE
    ]


@handler()
async def cmd_editmeeting(turn: Turn) -> Replies:
    picked = await _pick(turn, "edit")
    if isinstance(picked, Send):
        return picked
    meetings.ensure_open(picked, turn.clock.now())
    return Send(msg("meeting-edit-what", card=card(picked)), _field_buttons(picked))


@handler()
async def cmd_cancelmeeting(turn: Turn) -> Replies:
    picked = await _pick(turn, "cnl?")
    if isinstance(picked, Send):
        return picked
    return _cancel_question(turn, picked)


def _cancel_question(turn: Turn, meeting: Meeting) -> Send:
    meetings.ensure_open(meeting, turn.clock.now())
    buttons = [
        [
            Button(msg("button-confirm-cancel-meeting"), MTG.build("cnl", meeting.id)),
            Button(msg("button-keep-meeting"), MTG.build("keep", meeting.id)),
        ]
    ]
    return Send(msg("meeting-cancel-confirm", card=card(meeting)), buttons)


_EDIT_PROMPTS = {
    "time": "meeting-ask-when",
    "venue": "meeting-ask-venue",
    "agenda": "meeting-ask-agenda",
    "capacity": "meeting-ask-capacity",
}


@flow(EDIT)
async def edit_meeting_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    turn.actor.require_coordinator()
    meeting_id, field = int(dialog.data["meeting_id"]), str(dialog.data["field"])
    zone, now = _zone(turn), turn.clock.now()
    if field == "time":
        change = meetings.Change(starts_at=meetings.parse_when(text, zone, now), fields=("time",))
    elif field == "venue":
        change = meetings.Change(venue=meetings.clean_venue(text), fields=("venue",))
    elif field == "agenda":
        change = meetings.Change(agenda=meetings.clean_agenda(text), fields=("agenda",))
    else:
        change = meetings.Change(capacity=meetings.parse_capacity(text), fields=("capacity",))
    meeting, _promoted = await meetings.edit(
        turn.session, turn.clock, turn.actor, meeting_id, change, delivery_plan(turn.runtime)
    )
    await dialogs.finish(turn.session, turn.person)
    return [Send(msg("meeting-edited", card=card(meeting))), _wake(turn)]


@handler()
async def on_meeting_button(turn: Turn) -> Replies:
    action, args = MTG.parse(turn.callback_data)
    turn.actor.require_coordinator()
    if action == "skip":
        step = args[0] if args else ""
        dialog = await _new_meeting_at(turn, ("agenda", "capacity", "deadline"))
        if step != dialog.step:
            raise DomainError("error-stale-button")
        following = _next_step(step)
        dialogs.advance(dialog, turn.clock, following, **{step: None})
        return [Edit(msg("skipped")), _ask(turn, dialog, following)]
    if action == "save":
        return await _schedule(turn)
    if action == "drop":
        await _new_meeting_at(turn, ("confirm",))
        await dialogs.finish(turn.session, turn.person)
        return Edit(msg("cancel-done"))
    meeting = await meetings.for_coordinator(turn.session, turn.actor, MTG.int_arg(args))
    if action == "att":
        return replace(await _attendance(turn, meeting), edit=True)
    if action == "dlv":
        return Edit(await _deliveries(turn, meeting))
    if action == "edit":
        meetings.ensure_open(meeting, turn.clock.now())
        return Edit(msg("meeting-edit-what", card=card(meeting)), _field_buttons(meeting))
    if action == "field":
        field = args[1] if len(args) > 1 else ""
        if field not in EDITABLE:
            raise DomainError("error-stale-button")
        meetings.ensure_open(meeting, turn.clock.now())
        await dialogs.begin(
            turn.session,
            turn.clock,
            turn.person,
            EDIT,
            field,
            {"meeting_id": meeting.id, "field": field},
        )
        prompt = msg(
            _EDIT_PROMPTS[field],
            zone=_zone(turn),
            limit=meetings.VENUE_LIMIT if field == "venue" else meetings.AGENDA_LIMIT,
        )
        keyboard = (
            [[Button(msg("button-no-limit"), MTG.build("nocap", meeting.id))]]
            if field == "capacity"
            else None
        )
        return Send(prompt, keyboard)
    if action == "nocap":
        meeting, _promoted = await meetings.edit(
            turn.session,
            turn.clock,
            turn.actor,
            meeting.id,
            meetings.Change(clear_capacity=True, fields=("capacity",)),
            delivery_plan(turn.runtime),
        )
        await dialogs.finish(turn.session, turn.person)
        return [Edit(msg("meeting-edited", card=card(meeting))), _wake(turn)]
    if action == "cnl?":
        question = _cancel_question(turn, meeting)
        return Edit(question.text, question.keyboard)
    if action == "cnl":
        meeting = await meetings.cancel(turn.session, turn.clock, turn.actor, meeting.id)
        return [Edit(msg("meeting-cancelled-done", title=meeting.title)), _wake(turn)]
    if action == "keep":
        return Edit(msg("meeting-kept", title=meeting.title))
    raise DomainError("error-stale-button")


# --- /series --------------------------------------------------------------------------------


def _week_buttons() -> Keyboard:
    return [[Button(msg(f"series-week-{week}"), SER.build("week", week))] for week in series.WEEKS]


def _day_buttons(week: int) -> Keyboard:
    return [[Button(msg(f"weekday-{day}"), SER.build("day", week, day))] for day in range(7)]


CALENDAR_CODES = {"s": series.SOLAR_HIJRI, "g": series.GREGORIAN}


def _rule_text(week: int, weekday: int, calendar_name: str, time: str) -> Msg:
    return msg(
        "series-rule",
        week=msg(f"series-week-{week}"),
        weekday=msg(f"weekday-{weekday}"),
        calendar=msg(f"series-calendar-{calendar_name}"),
        time=time,
    )


def _calendar_buttons(week: int, day: int) -> Keyboard:
    return [
        [Button(msg(f"button-calendar-{name}"), SER.build("cal", week, day, code))]
        for code, name in CALENDAR_CODES.items()
    ]


async def _series_status(turn: Turn) -> Msg:
    current = await series.active(turn.session)
    if current is None:
        return msg("series-none")
    next_at = series.next_occurrence(series.rule_of(current), turn.clock.now())
    return msg(
        "series-current",
        rule=_rule_text(
            current.week,
            current.weekday,
            current.calendar,
            f"{current.hour:02d}:{current.minute:02d}",
        ),
        title=current.title,
        next=When(next_at, current.timezone),
    )


@handler()
async def cmd_series(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    if turn.args and turn.args[0].lower() in ("off", "stop"):
        stopped = await series.stop(turn.session, turn.clock, turn.actor)
        return Send(msg("series-stopped", title=stopped.title))
    return [Send(await _series_status(turn)), Send(msg("series-ask-week"), _week_buttons())]


@handler()
async def on_series_button(turn: Turn) -> Replies:
    action, args = SER.parse(turn.callback_data)
    turn.actor.require_coordinator()
    week = SER.int_arg(args, low=min(series.WEEKS), high=max(series.WEEKS))
    if week not in series.WEEKS:
        raise DomainError("error-stale-button")
    if action == "week":
        return Edit(msg("series-ask-weekday", week=msg(f"series-week-{week}")), _day_buttons(week))
    day = SER.int_arg(args, 1, low=0, high=6) if action in ("day", "cal") else 0
    if not 0 <= day <= 6:
        raise DomainError("error-stale-button")
    if action == "day":
        return Edit(msg("series-ask-calendar"), _calendar_buttons(week, day))
    if action == "cal":
        calendar_name = CALENDAR_CODES.get(args[2] if len(args) > 2 else "")
        if calendar_name is None:
            raise DomainError("error-stale-button")
        await dialogs.begin(
            turn.session,
            turn.clock,
            turn.person,
            SERIES,
            "time",
            {"week": week, "weekday": day, "calendar": calendar_name},
        )
        chosen = _rule_text(week, day, calendar_name, "…")
        return [Edit(chosen), Send(msg("series-ask-time", zone=_zone(turn)))]
    raise DomainError("error-stale-button")


@flow(SERIES)
async def series_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    turn.actor.require_coordinator()
    if dialog.step == "time":
        hour, minute = series.parse_clock(text)
        dialogs.advance(dialog, turn.clock, "title", hour=hour, minute=minute)
        return Send(msg("meeting-ask-title", limit=meetings.TITLE_LIMIT))
    if dialog.step == "title":
        dialogs.advance(dialog, turn.clock, "venue", title=meetings.clean_title(text))
        return Send(msg("meeting-ask-venue", limit=meetings.VENUE_LIMIT))
    data = dialog.data
    rule = series.Rule(
        int(data["week"]),
        int(data["weekday"]),
        int(data["hour"]),
        int(data["minute"]),
        _zone(turn),
        str(data.get("calendar", series.GREGORIAN)),
    )
    await series.start(turn.session, turn.clock, turn.actor, rule, str(data["title"]), text)
    await dialogs.finish(turn.session, turn.person)
    created = await series.roll_over(
        turn.session, turn.clock, delivery_plan(turn.runtime), turn.runtime.settings.series_lead
    )
    replies: list[Reply] = [Send(await _series_status(turn))]
    if created:
        replies += [Send(msg("series-created-meeting", card=card(created[0]))), _wake(turn)]
    else:
        replies.append(Send(msg("series-will-create", lead=turn.runtime.settings.series_lead.days)))
    return replies


def handlers() -> list[object]:
    return [
        CommandHandler("newmeeting", cmd_newmeeting),
        CommandHandler("meetings", cmd_meetings),
        CommandHandler("next", cmd_next),
        CommandHandler("attendance", cmd_attendance),
        CommandHandler("deliveries", cmd_deliveries),
        CommandHandler("editmeeting", cmd_editmeeting),
        CommandHandler("cancelmeeting", cmd_cancelmeeting),
        CommandHandler("series", cmd_series),
        CallbackQueryHandler(on_rsvp, pattern=RSVP.pattern),
        CallbackQueryHandler(on_meeting_button, pattern=MTG.pattern),
        CallbackQueryHandler(on_series_button, pattern=SER.pattern),
    ]
