"""Meetings: scheduling (/newmeeting), /meetings, /next, /editmeeting and /cancelmeeting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from telegram.ext import CallbackQueryHandler

from bot.handlers import datepicker
from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Replies,
    Reply,
    Send,
    Turn,
    handler,
)
from bot.handlers.datepicker import picks
from bot.handlers.dialogs import Location, flow, takes_location
from bot.handlers.rsvp import card_reply
from bot.i18n import Html, Msg, When, Zone, msg
from bot.jobs.series import delivery_plan
from bot.presentation import NUMBER
from bot.services import dialogs, meetings
from bot.services.errors import DomainError
from bot.views import card, meeting_button, when
from db.models import Dialog, Meeting

MTG = CallbackData("mtg")
NEW, EDIT = "newmeeting", "editmeeting"
EDITABLE = ("time", "venue", "agenda", "capacity")
SKIPPABLE = ("place", "agenda", "capacity", "deadline")
FIELD = f"({'|'.join(EDITABLE)})"


def zone(turn: Turn) -> str:
    return turn.runtime.settings.timezone


def _skip_button(step: str) -> Keyboard:
    return [[Button(msg("button-skip"), MTG.build("skip", step))]]


# --- /newmeeting ------------------------------------------------------------------------


_PROMPTS: dict[str, Callable[[Turn], Send]] = {
    "title": lambda turn: Send(msg("meeting-ask-title", limit=meetings.TITLE_LIMIT)),
    "when": datepicker.ask,
    "venue": lambda turn: Send(msg("meeting-ask-venue", limit=meetings.VENUE_LIMIT)),
    "place": lambda turn: Send(msg("picker-ask-place"), _skip_button("place")),
    "agenda": lambda turn: Send(
        msg("meeting-ask-agenda", limit=meetings.AGENDA_LIMIT), _skip_button("agenda")
    ),
    "capacity": lambda turn: Send(msg("meeting-ask-capacity"), _skip_button("capacity")),
    "deadline": lambda turn: Send(
        msg("meeting-ask-deadline", zone=Zone(zone(turn))), _skip_button("deadline")
    ),
}
_ORDER = ("title", "when", "venue", "place", "agenda", "capacity", "deadline", "confirm")


def _next_step(step: str) -> str:
    return _ORDER[_ORDER.index(step) + 1]


def _draft(turn: Turn, data: dict[str, str | int | None]) -> meetings.Draft:
    deadline = data.get("deadline")
    capacity = data.get("capacity")
    return meetings.Draft(
        title=str(data["title"]),
        starts_at=datetime.fromisoformat(str(data["when"])),
        timezone=zone(turn),
        venue=str(data["venue"]),
        agenda=str(data["agenda"]) if data.get("agenda") else None,
        capacity=int(capacity) if capacity is not None else None,
        rsvp_deadline=datetime.fromisoformat(str(deadline)) if deadline else None,
        latitude=_coordinate(data.get("latitude")),
        longitude=_coordinate(data.get("longitude")),
    )


def _coordinate(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _preview(turn: Turn, dialog: Dialog) -> Send:
    meeting = _draft(turn, dialog.data).as_meeting()
    buttons = [
        [
            Button(msg("button-schedule"), MTG.build("save")),
            Button(msg("button-cancel"), MTG.build("drop")),
        ]
    ]
    preview = msg("meeting-preview", card=card(meeting))
    if meeting.latitude is not None:
        preview = msg("picker-preview-with-place", preview=preview)
    return Send(preview, buttons)


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
        return _take_when(turn, dialog, meetings.parse_when(text, zone(turn), now), typed=True)
    elif step == "place":
        return Send(msg("picker-place-not-text"), _skip_button("place"))
    elif step == "venue":
        value = meetings.clean_venue(text)
    elif step == "agenda":
        value = meetings.clean_agenda(text)
    elif step == "capacity":
        value = meetings.parse_capacity(text)
    elif step == "deadline":
        starts_at = datetime.fromisoformat(str(dialog.data["when"]))
        value = meetings.parse_deadline(text, zone(turn), now, starts_at).isoformat()
    else:
        return Send(msg("register-use-buttons"))
    following = _next_step(step)
    dialogs.advance(dialog, turn.clock, following, **{step: value})
    return _ask(turn, dialog, following)


@picks(NEW, "when")
async def new_meeting_picked(turn: Turn, dialog: Dialog, starts_at: datetime) -> Replies:
    turn.actor.require_coordinator()
    return _take_when(turn, dialog, starts_at, typed=False)


def _take_when(turn: Turn, dialog: Dialog, starts_at: datetime, *, typed: bool) -> Replies:
    dialogs.advance(dialog, turn.clock, "venue", when=starts_at.isoformat())
    question = _ask(turn, dialog, "venue")
    if typed:
        return question
    return [datepicker.chosen(turn, starts_at), question]


@takes_location(NEW)
async def new_meeting_place(turn: Turn, dialog: Dialog, location: Location) -> Replies:
    turn.actor.require_coordinator()
    if dialog.step != "place":
        return Send(msg("picker-location-unexpected"))
    latitude, longitude = meetings.check_location(location.latitude, location.longitude)
    dialogs.advance(dialog, turn.clock, "agenda", latitude=latitude, longitude=longitude)
    return [Send(msg("picker-place-saved")), _ask(turn, dialog, "agenda")]


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
    invitations = _invitations(turn, meeting)
    return [Edit(msg("picker-scheduled", scheduled=done, invitations=invitations)), turn.wake()]


def _invitations(turn: Turn, meeting: Meeting) -> Msg:
    """When the invitations go out: now, or the date and how long before the meeting."""
    plan = delivery_plan(turn.runtime)
    now = turn.clock.now()
    due = meetings.invitations_due(meeting, plan, now)
    if due <= now:
        return msg("picker-invitations-now")
    lead = plan.invitation_lead
    at = When(due, meeting.timezone)
    if lead.total_seconds() % 86400 == 0:
        return msg("picker-invitations-on-days", when=at, days=lead.days)
    return msg("picker-invitations-on-hours", when=at, hours=int(lead.total_seconds() // 3600))


# --- picking a meeting, /meetings, /next ------------------------------------------------------


async def pick_meeting(turn: Turn, action: str) -> Meeting | Send:
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
    buttons = [[Button(meeting_button(m), MTG.build(action, m.id))] for m in upcoming]
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
    return await card_reply(turn, upcoming[0], "next-meeting")


# --- /editmeeting and /cancelmeeting -------------------------------------------------------


def _field_buttons(meeting: Meeting) -> Keyboard:
    return [
        [Button(msg(f"button-edit-{name}"), MTG.build("field", meeting.id, name))]
        for name in EDITABLE
    ]


@handler()
async def cmd_editmeeting(turn: Turn) -> Replies:
    picked = await pick_meeting(turn, "edit")
    if isinstance(picked, Send):
        return picked
    meetings.ensure_open(picked, turn.clock.now())
    return Send(msg("meeting-edit-what", card=card(picked)), _field_buttons(picked))


@handler()
async def cmd_cancelmeeting(turn: Turn) -> Replies:
    picked = await pick_meeting(turn, "cnl?")
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
    "venue": "meeting-ask-venue",
    "agenda": "meeting-ask-agenda",
    "capacity": "meeting-ask-capacity",
}


@flow(EDIT)
async def edit_meeting_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    turn.actor.require_coordinator()
    field = str(dialog.data["field"])
    if field == "time":
        starts_at = meetings.parse_when(text, zone(turn), turn.clock.now())
        return await _change(turn, dialog, meetings.Change(starts_at=starts_at, fields=("time",)))
    if field == "venue":
        change = meetings.Change(venue=meetings.clean_venue(text), fields=("venue",))
    elif field == "agenda":
        change = meetings.Change(agenda=meetings.clean_agenda(text), fields=("agenda",))
    else:
        change = meetings.Change(capacity=meetings.parse_capacity(text), fields=("capacity",))
    return await _change(turn, dialog, change)


@picks(EDIT, "time")
async def edit_meeting_picked(turn: Turn, dialog: Dialog, starts_at: datetime) -> Replies:
    turn.actor.require_coordinator()
    change = meetings.Change(starts_at=starts_at, fields=("time",))
    return [datepicker.chosen(turn, starts_at), *await _change(turn, dialog, change)]


async def _change(turn: Turn, dialog: Dialog, change: meetings.Change) -> list[Reply]:
    meeting, _promoted = await meetings.edit(
        turn.session,
        turn.clock,
        turn.actor,
        int(dialog.data["meeting_id"]),
        change,
        delivery_plan(turn.runtime),
    )
    await dialogs.finish(turn.session, turn.person)
    edited: Msg = msg("meeting-edited", card=card(meeting))
    if change.starts_at is not None and meeting.invited_at is None:
        edited = msg("picker-scheduled", scheduled=edited, invitations=_invitations(turn, meeting))
    return [Send(edited), turn.wake()]


@handler()
async def on_skip(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    step = turn.group(1)
    dialog = await _new_meeting_at(turn, (step,))
    following = _next_step(step)
    dialogs.advance(dialog, turn.clock, following, **{step: None})
    return [Edit(msg("skipped")), _ask(turn, dialog, following)]


@handler()
async def on_save(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    return await _schedule(turn)


@handler()
async def on_drop(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    await _new_meeting_at(turn, ("confirm",))
    await dialogs.finish(turn.session, turn.person)
    return Edit(msg("cancel-done"))


async def _chosen(turn: Turn) -> Meeting:
    """The meeting the pressed button names, for a coordinator."""
    return await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(1))


@handler()
async def on_edit(turn: Turn) -> Replies:
    meeting = await _chosen(turn)
    meetings.ensure_open(meeting, turn.clock.now())
    return Edit(msg("meeting-edit-what", card=card(meeting)), _field_buttons(meeting))


@handler()
async def on_field(turn: Turn) -> Replies:
    meeting, field = await _chosen(turn), turn.group(2)
    meetings.ensure_open(meeting, turn.clock.now())
    await dialogs.begin(
        turn.session,
        turn.clock,
        turn.person,
        EDIT,
        field,
        {"meeting_id": meeting.id, "field": field},
    )
    if field == "time":
        return datepicker.ask(turn)
    prompt = msg(
        _EDIT_PROMPTS[field],
        zone=Zone(zone(turn)),
        limit=meetings.VENUE_LIMIT if field == "venue" else meetings.AGENDA_LIMIT,
    )
    keyboard = (
        [[Button(msg("button-no-limit"), MTG.build("nocap", meeting.id))]]
        if field == "capacity"
        else None
    )
    return Send(prompt, keyboard)


@handler()
async def on_no_limit(turn: Turn) -> Replies:
    meeting, _promoted = await meetings.edit(
        turn.session,
        turn.clock,
        turn.actor,
        turn.int_group(1),
        meetings.Change(clear_capacity=True, fields=("capacity",)),
        delivery_plan(turn.runtime),
    )
    await dialogs.finish(turn.session, turn.person)
    return [Edit(msg("meeting-edited", card=card(meeting))), turn.wake()]


@handler()
async def on_cancel_ask(turn: Turn) -> Replies:
    question = _cancel_question(turn, await _chosen(turn))
    return Edit(question.text, question.keyboard)


@handler()
async def on_cancel(turn: Turn) -> Replies:
    meeting = await meetings.cancel(turn.session, turn.clock, turn.actor, turn.int_group(1))
    return [Edit(msg("meeting-cancelled-done", title=meeting.title)), turn.wake()]


@handler()
async def on_keep(turn: Turn) -> Replies:
    return Edit(msg("meeting-kept", title=(await _chosen(turn)).title))


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_skip, pattern=MTG.route("skip", f"({'|'.join(SKIPPABLE)})")),
        CallbackQueryHandler(on_save, pattern=MTG.route("save")),
        CallbackQueryHandler(on_drop, pattern=MTG.route("drop")),
        CallbackQueryHandler(on_edit, pattern=MTG.route("edit", NUMBER)),
        CallbackQueryHandler(
            on_field, pattern=MTG.route("field", NUMBER, f"({'|'.join(EDITABLE)})")
        ),
        CallbackQueryHandler(on_no_limit, pattern=MTG.route("nocap", NUMBER)),
        CallbackQueryHandler(on_cancel_ask, pattern=MTG.route(r"cnl\?", NUMBER)),
        CallbackQueryHandler(on_cancel, pattern=MTG.route("cnl", NUMBER)),
        CallbackQueryHandler(on_keep, pattern=MTG.route("keep", NUMBER)),
    ]
