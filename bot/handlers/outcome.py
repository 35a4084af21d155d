"""/outcome: coordinators record a meeting's decisions and action items, and remove them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from telegram.ext import CallbackQueryHandler

from bot.handlers import datepicker
from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Lines,
    Replies,
    Send,
    Toast,
    Turn,
    handler,
)
from bot.handlers.datepicker import picks_day
from bot.handlers.dialogs import flow
from bot.i18n import Msg, When, msg
from bot.presentation import NUMBER
from bot.services import dialogs, outcome
from bot.services.errors import DomainError
from bot.views import first_words, meeting_button, when
from db.models import Dialog, Meeting, OutcomeKind

OC = CallbackData("oc")
FLOW = "outcome"
PER_PAGE = 8  # owners, or items to remove, on one page of buttons
PAGE_LIMIT = 10_000
LABEL_LENGTH = 40  # the start of an item's text on its button
NAME_LENGTH = 60  # an organization's name on its button
KINDS = {"d": OutcomeKind.DECISION, "a": OutcomeKind.ACTION}


# --- what a meeting's outcome looks like ---------------------------------------------------


def _numbered(entries: Sequence[outcome.Entry]) -> list[tuple[int, outcome.Entry]]:
    """The numbers people see: decisions first, then action items, as the listing orders them."""
    return list(enumerate(entries, start=1))


def _line(number: int, entry: outcome.Entry) -> Msg:
    if entry.kind == OutcomeKind.DECISION:
        return msg("outcome-decision-line", number=number, text=entry.text)
    owner = entry.owner if entry.owner is not None else msg("outcome-no-owner")
    due = outcome.day_shown(entry.due_on) if entry.due_on is not None else msg("blank")
    return msg("outcome-action-line", number=number, text=entry.text, owner=owner, due=due)


async def _view(turn: Turn, meeting: Meeting, *, edit: bool) -> Lines:
    """The decisions and action items so far, with buttons to add and to remove."""
    entries = _numbered(await outcome.listing(turn.session, turn.actor, meeting.id))
    decisions = [_line(n, e) for n, e in entries if e.kind == OutcomeKind.DECISION]
    actions = [_line(n, e) for n, e in entries if e.kind == OutcomeKind.ACTION]
    lines: list[Msg] = []
    if decisions:
        lines += [msg("outcome-decisions"), *decisions]
    if actions:
        lines += [msg("blank")] if decisions else []
        lines += [msg("outcome-actions"), *actions]
    rows: list[list[Button]] = [
        [
            Button(msg("outcome-button-add-decision"), OC.build("add", meeting.id, "d")),
            Button(msg("outcome-button-add-action"), OC.build("add", meeting.id, "a")),
        ]
    ]
    if entries:
        rows.append([Button(msg("outcome-button-remove"), OC.build("rl", meeting.id, 0))])
    rows.append([Button(msg("outcome-button-other-meeting"), OC.build("ms"))])
    text = msg("outcome-view", title=meeting.title, when=when(meeting))
    return Lines(text, lines or [msg("outcome-nothing-yet")], rows, edit=edit)


def _pages(count: int, page: int) -> tuple[int, int]:
    """The page to show (the last one if fewer are left) and how many there are."""
    pages = max(-(-count // PER_PAGE), 1)
    return min(page, pages - 1), pages


def _turn_page(page: int, pages: int, action: str, *args: int) -> list[list[Button]]:
    buttons: list[Button] = []
    if page > 0:
        buttons.append(Button(msg("button-previous"), OC.build(action, *args, page - 1)))
    if page < pages - 1:
        buttons.append(Button(msg("button-next"), OC.build(action, *args, page + 1)))
    return [buttons] if buttons else []


# --- /outcome and choosing a meeting -----------------------------------------------------


@handler()
async def cmd_outcome(turn: Turn) -> Replies:
    recent = await outcome.recent_meetings(turn.session, turn.clock, turn.actor, limit=1)
    if not recent:
        raise DomainError("outcome-no-meeting")
    return await _view(turn, recent[0], edit=False)


@handler()
async def on_show(turn: Turn) -> Replies:
    meeting = await outcome.meeting_for(turn.session, turn.clock, turn.actor, turn.int_group(1))
    return await _view(turn, meeting, edit=True)


@handler()
async def on_meetings(turn: Turn) -> Replies:
    recent = await outcome.recent_meetings(turn.session, turn.clock, turn.actor)
    rows = [[Button(meeting_button(m), OC.build("m", m.id))] for m in recent]
    return Edit(msg("outcome-pick-meeting"), rows)


# --- adding: the text, then for an action item its owner and due date ----------------------


@handler()
async def on_add(turn: Turn) -> Replies:
    meeting = await outcome.meeting_for(turn.session, turn.clock, turn.actor, turn.int_group(1))
    kind = KINDS[turn.group(2)]
    if kind == OutcomeKind.ACTION:
        # Refused before anything is typed when there is nobody to give it to.
        await outcome.owner_choices(turn.session, turn.actor)
    data = {"meeting_id": meeting.id, "kind": kind.value}
    await dialogs.begin(turn.session, turn.clock, turn.person, FLOW, "text", data)
    question = "outcome-ask-decision" if kind == OutcomeKind.DECISION else "outcome-ask-action"
    return Send(msg(question, title=meeting.title, limit=outcome.TEXT_LIMIT))


async def _owners(turn: Turn, dialog: Dialog, page: int) -> tuple[Msg, Keyboard]:
    owners = await outcome.owner_choices(turn.session, turn.actor)
    page, pages = _pages(len(owners), page)
    shown = owners[page * PER_PAGE : (page + 1) * PER_PAGE]
    rows = [[Button(org.name[:NAME_LENGTH], OC.build("own", org.id))] for org in shown]
    rows += _turn_page(page, pages, "op")
    rows.append([Button(msg("button-cancel"), OC.build("drop"))])
    return msg("outcome-ask-owner", text=str(dialog.data["text"])), rows


def _due_question(dialog: Dialog) -> Msg:
    return msg("outcome-ask-due", owner=str(dialog.data.get("owner_name", "")))


async def _question(turn: Turn, dialog: Dialog) -> Send:
    """The question of the step the conversation is at, asked again."""
    if dialog.step == "due":
        return datepicker.ask_day(turn, dialog)
    return Send(*await _owners(turn, dialog, 0))


@flow(FLOW)
async def outcome_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    turn.actor.require_coordinator()
    if dialog.step != "text":
        return [Send(msg("register-use-buttons")), await _question(turn, dialog)]
    meeting_id = int(dialog.data["meeting_id"])
    if dialog.data["kind"] == OutcomeKind.DECISION.value:
        await outcome.add_decision(turn.session, turn.clock, turn.actor, meeting_id, text)
        await dialogs.finish(turn.session, turn.person)
        meeting = await outcome.meeting_for(turn.session, turn.clock, turn.actor, meeting_id)
        return [Send(msg("outcome-decision-added")), await _view(turn, meeting, edit=False)]
    dialogs.advance(dialog, turn.clock, "owner", text=outcome.clean_text(text))
    return Send(*await _owners(turn, dialog, 0))


async def _at(turn: Turn, step: str | None = None) -> Dialog:
    turn.actor.require_coordinator()
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None or dialog.flow != FLOW or (step is not None and dialog.step != step):
        raise DomainError("error-stale-button")
    return dialog


@handler()
async def on_owner_page(turn: Turn) -> Replies:
    dialog = await _at(turn, "owner")
    return Edit(*await _owners(turn, dialog, turn.int_group(1, low=0, high=PAGE_LIMIT)))


@handler()
async def on_owner(turn: Turn) -> Replies:
    dialog = await _at(turn, "owner")
    organization = await outcome.owner(turn.session, turn.actor, turn.int_group(1))
    dialogs.advance(dialog, turn.clock, "due", owner=organization.id, owner_name=organization.name)
    chosen = Edit(msg("outcome-owner-chosen", owner=organization.name))
    return [chosen, datepicker.ask_day(turn, dialog)]


@picks_day(FLOW, "due", _due_question)
async def due_picked(turn: Turn, dialog: Dialog, day: date) -> Replies:
    data = dialog.data
    added = await outcome.add_action(
        turn.session,
        turn.clock,
        turn.actor,
        int(data["meeting_id"]),
        str(data["text"]),
        int(data["owner"]),
        day,
        turn.runtime.settings.action_reminder,
    )
    await dialogs.finish(turn.session, turn.person)
    meeting = await outcome.meeting_for(turn.session, turn.clock, turn.actor, added.item.meeting_id)
    due = outcome.day_shown(day)
    owner = added.owner_name
    if added.reminds_at is not None:
        reminds = When(added.reminds_at, meeting.timezone)
        note = msg("outcome-action-added", owner=owner, due=due, reminds=reminds)
    else:
        note = msg("outcome-action-added-no-reminder", owner=owner, due=due)
    return [
        Edit(msg("outcome-due-chosen", due=due)),
        Send(note),
        await _view(turn, meeting, edit=False),
        turn.wake(),
    ]


@handler()
async def on_drop(turn: Turn) -> Replies:
    await _at(turn)
    await dialogs.finish(turn.session, turn.person)
    return Edit(msg("cancel-done"))


# --- removing, after a confirmation ----------------------------------------------------------


@handler()
async def on_remove_list(turn: Turn) -> Replies:
    meeting = await outcome.meeting_for(turn.session, turn.clock, turn.actor, turn.int_group(1))
    entries = _numbered(await outcome.listing(turn.session, turn.actor, meeting.id))
    if not entries:
        return await _view(turn, meeting, edit=True)
    page, pages = _pages(len(entries), turn.int_group(2, low=0, high=PAGE_LIMIT))
    rows = [
        [
            Button(
                msg("outcome-remove-button", number=n, text=first_words(e.text, LABEL_LENGTH)),
                OC.build("del", e.id),
            )
        ]
        for n, e in entries[page * PER_PAGE : (page + 1) * PER_PAGE]
    ]
    rows += _turn_page(page, pages, "rl", meeting.id)
    rows.append([Button(msg("button-back"), OC.build("m", meeting.id))])
    return Edit(msg("outcome-pick-remove"), rows)


@handler()
async def on_remove(turn: Turn) -> Replies:
    item = await outcome.item_for(turn.session, turn.actor, turn.int_group(1))
    entries = _numbered(await outcome.listing(turn.session, turn.actor, item.meeting_id))
    number, entry = next((n, e) for n, e in entries if e.id == item.id)
    rows = [
        [Button(msg("outcome-button-confirm-remove"), OC.build("ok", item.id))],
        [Button(msg("outcome-button-keep"), OC.build("m", item.meeting_id))],
    ]
    return Edit(msg("outcome-confirm-remove", line=_line(number, entry)), rows)


@handler()
async def on_removed(turn: Turn) -> Replies:
    item = await outcome.remove(turn.session, turn.clock, turn.actor, turn.int_group(1))
    meeting = await outcome.meeting_for(turn.session, turn.clock, turn.actor, item.meeting_id)
    return [Toast(msg("outcome-removed")), await _view(turn, meeting, edit=True)]


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_show, pattern=OC.route("m", NUMBER)),
        CallbackQueryHandler(on_meetings, pattern=OC.route("ms")),
        CallbackQueryHandler(on_add, pattern=OC.route("add", NUMBER, "(d|a)")),
        CallbackQueryHandler(on_owner_page, pattern=OC.route("op", NUMBER)),
        CallbackQueryHandler(on_owner, pattern=OC.route("own", NUMBER)),
        CallbackQueryHandler(on_drop, pattern=OC.route("drop")),
        CallbackQueryHandler(on_remove_list, pattern=OC.route("rl", NUMBER, NUMBER)),
        CallbackQueryHandler(on_remove, pattern=OC.route("del", NUMBER)),
        CallbackQueryHandler(on_removed, pattern=OC.route("ok", NUMBER)),
    ]
