"""Check-in: /checkin opens it for coordinators (code, QR, counts) and checks members in."""

from __future__ import annotations

from telegram import Message
from telegram.ext import CallbackQueryHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Replies,
    Reply,
    Send,
    SendImage,
    Toast,
    Turn,
    handler,
    plain_text,
)
from bot.handlers.dialogs import flow
from bot.i18n import Msg, Url, When, msg
from bot.paging import page_of
from bot.presentation import NUMBER
from bot.services import checkin, dialogs, meetings, organizations
from bot.services.checkin import CheckedIn, Choose
from bot.services.errors import DomainError
from bot.views import meeting_button
from db.models import Dialog, Meeting

CHK = CallbackData("chk")
FLOW = "checkin"
CODE = f"([{checkin.ALPHABET}]{{{checkin.CODE_LENGTH}}})"


def _window(turn: Turn) -> checkin.Window:
    settings = turn.runtime.settings
    return checkin.Window(settings.meeting_length, settings.checkin_margin)


# --- attendees -------------------------------------------------------------------------------


def _checked_in(result: CheckedIn) -> Msg:
    key = "checkin-already" if result.already else "checkin-done"
    if result.organization is None:
        return msg(f"{key}-no-org", title=result.meeting.title)
    return msg(key, title=result.meeting.title, org=result.organization)


def _answer(result: CheckedIn | Choose) -> Send:
    if isinstance(result, CheckedIn):
        return Send(_checked_in(result))
    buttons = [
        [Button(seat.organization_name, CHK.build("as", result.code, seat.organization_id))]
        for seat in result.seats
    ]
    return Send(msg("checkin-pick-seat", title=result.meeting.title), buttons)


async def from_link(turn: Turn, code: str) -> list[Send]:
    """The QR code's deep link, `/start checkin-<code>`: check in, or say why not."""
    try:
        result = await checkin.check_in(turn.session, turn.clock, turn.actor, code, _window(turn))
    except DomainError as error:
        # The person still started the bot: keep them, and explain.
        return [Send(msg(error.key, **error.params))]
    return [_answer(result)]


@handler()
async def on_seat(turn: Turn) -> Replies:
    result = await checkin.check_in(
        turn.session, turn.clock, turn.actor, turn.group(1), _window(turn), turn.int_group(2)
    )
    assert isinstance(result, CheckedIn)  # an organization was named: nothing left to choose
    return Edit(_checked_in(result))


# --- /checkin -----------------------------------------------------------------------------------


@handler()
async def cmd_checkin(turn: Turn) -> Replies:
    if turn.args:
        code = " ".join(turn.args)
        return _answer(
            await checkin.check_in(turn.session, turn.clock, turn.actor, code, _window(turn))
        )
    turn.actor.require_network()
    if not turn.actor.coordinator:
        return Send(msg("checkin-usage"))
    window = _window(turn)
    opened = await checkin.open_meetings(turn.session, turn.clock, turn.actor, window)
    if len(opened) == 1:
        return await _open(turn, opened[0])
    if opened:
        buttons = [[Button(meeting_button(m), CHK.build("mtg", m.id))] for m in opened]
        return Send(msg("checkin-pick-meeting"), buttons)
    upcoming = await checkin.next_to_open(turn.session, turn.clock, turn.actor, window)
    if upcoming is None:
        raise DomainError("checkin-no-meeting")
    raise DomainError(
        "checkin-not-yet",
        title=upcoming.title,
        opens=When(window.opens(upcoming), upcoming.timezone),
    )


@handler()
async def on_meeting(turn: Turn) -> Replies:
    meeting = await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(1))
    return [Edit(msg("checkin-meeting-chosen", title=meeting.title)), *await _open(turn, meeting)]


async def _open(turn: Turn, meeting: Meeting) -> list[Reply]:
    """The code with its QR image, then the counts with their buttons."""
    window = _window(turn)
    meeting = await checkin.open_checkin(turn.session, turn.clock, turn.actor, meeting.id, window)
    code = meeting.checkin_code
    assert code is not None
    link = checkin.deep_link(turn.bot_username, code)
    caption = msg(
        "checkin-opened",
        title=meeting.title,
        code=checkin.shown(code),
        link=Url(link),
        closes=When(window.closes(meeting), meeting.timezone),
    )
    text, keyboard = await _status(turn, meeting)
    return [SendImage("checkin.png", checkin.qr_png(link), caption), Send(text, keyboard)]


async def _status(turn: Turn, meeting: Meeting) -> tuple[Msg, Keyboard]:
    counted = await checkin.attendance(turn.session, turn.actor, meeting.id)
    text = msg(
        "checkin-status",
        title=meeting.title,
        people=counted.people,
        walkins=counted.walk_ins,
        organizations=counted.organizations,
        approved=counted.approved,
        closes=When(_window(turn).closes(meeting), meeting.timezone),
    )
    keyboard = [
        [Button(msg("checkin-button-refresh"), CHK.build("n", meeting.id))],
        [Button(msg("checkin-button-add"), CHK.build("add", meeting.id))],
    ]
    return text, keyboard


@handler()
async def on_refresh(turn: Turn) -> Replies:
    meeting = await meetings.for_coordinator(turn.session, turn.actor, turn.int_group(1))
    text, keyboard = await _status(turn, meeting)
    query = turn.update.callback_query
    shown = query.message if query is not None else None
    rendered = plain_text(turn.runtime.catalog.render(turn.lang, text)).strip()
    if isinstance(shown, Message) and shown.text == rendered:
        # Nobody came since: Telegram refuses an edit that changes nothing.
        return Toast(msg("checkin-refreshed"))
    return [Toast(msg("checkin-refreshed")), Edit(text, keyboard)]


# --- a coordinator checks in someone without a phone -------------------------------------------


async def _organizations(turn: Turn, meeting_id: int, page: int) -> tuple[Msg, Keyboard]:
    meeting = await checkin.meeting_in_window(
        turn.session, turn.clock, turn.actor, meeting_id, _window(turn)
    )
    shown = page_of(
        await organizations.approved(turn.session, turn.actor),
        page,
        lambda org: Button(org.name, CHK.build("org", meeting.id, org.id, 0)),
        lambda other: CHK.build("orgs", meeting.id, other),
    )
    guest = Button(msg("checkin-button-guest"), CHK.build("name", meeting.id, 0))
    return msg("checkin-pick-org", title=meeting.title), [*shown.rows, [guest]]


@handler()
async def on_add(turn: Turn) -> Replies:
    # A new message: the counts above stay where they are.
    return Send(*await _organizations(turn, turn.int_group(1), 0))


@handler()
async def on_organizations(turn: Turn) -> Replies:
    return Edit(*await _organizations(turn, turn.int_group(1), turn.int_group(2, low=0)))


@handler()
async def on_organization(turn: Turn) -> Replies:
    meeting_id, org_id = turn.int_group(1), turn.int_group(2)
    org, members = await checkin.members_to_check_in(
        turn.session, turn.clock, turn.actor, meeting_id, org_id, _window(turn)
    )

    def button(member: checkin.Member) -> Button:
        label: Msg | str = (
            msg("checkin-member-checked", name=member.name) if member.checked_in else member.name
        )
        return Button(label, CHK.build("who", meeting_id, org.id, member.person_id))

    shown = page_of(
        members,
        turn.int_group(3, low=0),
        button,
        lambda other: CHK.build("org", meeting_id, org.id, other),
    )
    keyboard = [
        *shown.rows,
        [Button(msg("checkin-button-walk-in"), CHK.build("name", meeting_id, org.id))],
        [Button(msg("checkin-button-back"), CHK.build("orgs", meeting_id, 0))],
    ]
    return Edit(msg("checkin-pick-member", org=org.name), keyboard)


def _recorded(result: CheckedIn) -> Msg:
    if result.already:
        return msg("checkin-recorded-already", name=result.name)
    if result.organization is None:
        return msg("checkin-recorded-guest", name=result.name, title=result.meeting.title)
    return msg(
        "checkin-recorded", name=result.name, title=result.meeting.title, org=result.organization
    )


def _another(meeting_id: int) -> Keyboard:
    return [[Button(msg("checkin-button-another"), CHK.build("orgs", meeting_id, 0))]]


@handler()
async def on_member(turn: Turn) -> Replies:
    meeting_id = turn.int_group(1)
    result = await checkin.check_in_member(
        turn.session,
        turn.clock,
        turn.actor,
        meeting_id,
        turn.int_group(2),
        turn.int_group(3),
        _window(turn),
    )
    if result.already:
        # The list stays as it is: another name may be the one meant.
        return Toast(_recorded(result), alert=True)
    return Edit(_recorded(result), _another(meeting_id))


@handler()
async def on_name(turn: Turn) -> Replies:
    meeting_id, org_id = turn.int_group(1), turn.int_group(2, low=0)
    meeting = await checkin.meeting_in_window(
        turn.session, turn.clock, turn.actor, meeting_id, _window(turn)
    )
    limit = checkin.WALK_IN_LIMIT
    if org_id:
        org = await checkin.organization(turn.session, turn.actor, org_id)
        prompt = msg("checkin-ask-name", org=org.name, limit=limit)
    else:
        prompt = msg("checkin-ask-name-guest", limit=limit)
    await dialogs.begin(
        turn.session,
        turn.clock,
        turn.person,
        FLOW,
        "name",
        {"meeting_id": meeting.id, "organization_id": org_id or None},
    )
    return Edit(prompt)


@flow(FLOW)
async def walk_in_step(turn: Turn, dialog: Dialog, text: str) -> Replies:
    meeting_id = int(dialog.data["meeting_id"])
    org_id = dialog.data.get("organization_id")
    result = await checkin.check_in_walk_in(
        turn.session,
        turn.clock,
        turn.actor,
        meeting_id,
        text,
        int(org_id) if org_id is not None else None,
        _window(turn),
    )
    await dialogs.finish(turn.session, turn.person)
    return Send(_recorded(result), _another(meeting_id))


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_seat, pattern=CHK.route("as", CODE, NUMBER)),
        CallbackQueryHandler(on_meeting, pattern=CHK.route("mtg", NUMBER)),
        CallbackQueryHandler(on_refresh, pattern=CHK.route("n", NUMBER)),
        CallbackQueryHandler(on_add, pattern=CHK.route("add", NUMBER)),
        CallbackQueryHandler(on_organizations, pattern=CHK.route("orgs", NUMBER, NUMBER)),
        CallbackQueryHandler(on_organization, pattern=CHK.route("org", NUMBER, NUMBER, NUMBER)),
        CallbackQueryHandler(on_member, pattern=CHK.route("who", NUMBER, NUMBER, NUMBER)),
        CallbackQueryHandler(on_name, pattern=CHK.route("name", NUMBER, NUMBER)),
    ]
