"""/broadcast: a coordinator's notice (text, or a photo or document with a caption) to an
audience, previewed as recipients will see it with the exact count, then sent or dropped."""

from __future__ import annotations

from telegram import Message
from telegram.ext import CallbackQueryHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Replies,
    Send,
    Turn,
    handler,
)
from bot.handlers.dialogs import Media, flow, takes_media
from bot.i18n import Msg, msg
from bot.presentation import NUMBER, Reply
from bot.services import broadcast, dialogs
from bot.services.broadcast import Audience, ContentKind, Notice, Target
from bot.services.errors import DomainError
from bot.views import when
from db.models import Dialog, Meeting, Organization

FLOW = "broadcast"
LABEL_LENGTH = 40  # of an organization's name on its button
BC = CallbackData("bc")
# The audiences chosen with one tap; one organization is picked from a list.
TAPPED = (
    Audience.EVERYONE,
    Audience.ADMINS,
    Audience.DELEGATES,
    Audience.GOING,
    Audience.MAYBE,
    Audience.NO_ANSWER,
    Audience.CHECKED_IN,
)


@handler()
async def cmd_broadcast(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    await dialogs.begin(turn.session, turn.clock, turn.person, FLOW, "content")
    return Send(
        msg("broadcast-ask", limit=broadcast.TEXT_LIMIT, caption_limit=broadcast.CAPTION_LIMIT)
    )


# --- the notice ---------------------------------------------------------------------------


@flow(FLOW)
async def broadcast_text(turn: Turn, dialog: Dialog, text: str) -> Replies:
    turn.actor.require_coordinator()
    if dialog.step != "content":
        return Send(msg("broadcast-use-buttons"))
    notice = Notice(ContentKind.TEXT, broadcast.check_text(text))
    return await _got(turn, dialog, notice)


@takes_media(FLOW, ("photo", "document"), refusal="broadcast-send-kinds")
async def broadcast_file(turn: Turn, dialog: Dialog, media: Media) -> Replies:
    turn.actor.require_coordinator()
    if dialog.step != "content":
        return Send(msg("broadcast-use-buttons"))
    kind = ContentKind.PHOTO if media.kind == "photo" else ContentKind.DOCUMENT
    notice = Notice(kind, broadcast.check_caption(media.caption), media.file_id)
    return await _got(turn, dialog, notice)


async def _got(turn: Turn, dialog: Dialog, notice: Notice) -> Replies:
    settings = turn.runtime.settings
    # Going on until check-in closes, as /checkin has it: then the next meeting's.
    length = settings.meeting_length + settings.checkin_margin
    meeting = await broadcast.meeting_for_audiences(turn.session, turn.clock, turn.actor, length)
    dialogs.advance(
        dialog,
        turn.clock,
        "audience",
        kind=notice.kind.value,
        text=notice.text,
        file_id=notice.file_id,
        meeting_id=meeting.id if meeting is not None else None,
    )
    return _audience_question(meeting)


def _audience_buttons(meeting: Meeting | None) -> Keyboard:
    shown = [a for a in TAPPED if meeting is not None or a not in broadcast.ABOUT_A_MEETING]
    rows = [
        [Button(msg(f"button-broadcast-{a.value}"), BC.build("to", a.value)) for a in pair]
        for pair in (shown[i : i + 2] for i in range(0, len(shown), 2))
    ]
    rows.append([Button(msg("button-broadcast-organization"), BC.build("orgs", 0))])
    return rows


def _meeting_line(meeting: Meeting | None) -> Msg:
    if meeting is None:
        return msg("broadcast-no-meeting-line")
    return msg("broadcast-meeting-line", title=meeting.title, when=when(meeting))


def _audience_question(meeting: Meeting | None) -> Send:
    return Send(
        msg("broadcast-ask-audience", meeting=_meeting_line(meeting)), _audience_buttons(meeting)
    )


# --- the audience ----------------------------------------------------------------------------


async def _at_audience(turn: Turn) -> Dialog:
    turn.actor.require_coordinator()
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None or dialog.flow != FLOW or dialog.step != "audience":
        raise DomainError("error-stale-button")
    return dialog


def _notice(dialog: Dialog) -> Notice:
    data = dialog.data
    return Notice(ContentKind(str(data["kind"])), data.get("text"), data.get("file_id"))


def _meeting_id(dialog: Dialog) -> int | None:
    value = dialog.data.get("meeting_id")
    return int(value) if value is not None else None


async def _audience_label(turn: Turn, target: Target) -> Msg:
    if target.audience == Audience.ORGANIZATION:
        org = await turn.session.get(Organization, target.organization_id or 0)
        return msg("broadcast-to-organization", org=org.name if org is not None else "?")
    if target.audience in broadcast.ABOUT_A_MEETING:
        meeting = await turn.session.get(Meeting, target.meeting_id or 0)
        title = meeting.title if meeting is not None else "?"
        return msg(f"broadcast-to-{target.audience.value}", title=title)
    return msg(f"broadcast-to-{target.audience.value}")


async def _preview(turn: Turn, dialog: Dialog, target: Target) -> list[Reply]:
    """The draft stored, the notice shown as recipients will see it, and the question."""
    notice = _notice(dialog)
    draft, total = await broadcast.draft(
        turn.session, turn.clock, turn.actor, notice, target, turn.coordinators
    )
    await dialogs.finish(turn.session, turn.person)
    audience = await _audience_label(turn, target)
    text, media = broadcast.notice_message(notice)
    shown: Reply = media if media is not None else Send(text)
    question = Send(
        msg("broadcast-preview", audience=audience, count=total),
        [
            [
                Button(msg("button-broadcast-send"), BC.build("send", draft.id)),
                Button(msg("button-cancel"), BC.build("drop", draft.id)),
            ]
        ],
    )
    return [Edit(msg("broadcast-audience-chosen", audience=audience)), shown, question]


@handler()
async def on_audience(turn: Turn) -> Replies:
    dialog = await _at_audience(turn)
    audience = Audience(turn.group(1))
    meeting_id = _meeting_id(dialog) if audience in broadcast.ABOUT_A_MEETING else None
    if audience in broadcast.ABOUT_A_MEETING and meeting_id is None:
        raise DomainError("broadcast-no-meeting")
    return await _preview(turn, dialog, Target(audience, meeting_id=meeting_id))


@handler()
async def on_organizations(turn: Turn) -> Replies:
    await _at_audience(turn)
    page = turn.int_group(1, low=0, high=10_000)
    orgs, page, pages = await broadcast.organizations(turn.session, turn.actor, page)
    if not orgs:
        raise DomainError("broadcast-nobody")
    rows: list[list[Button]] = [
        [Button(org.name[:LABEL_LENGTH], BC.build("org", org.id))] for org in orgs
    ]
    turns = []
    if page > 0:
        turns.append(Button(msg("button-previous"), BC.build("orgs", page - 1)))
    if page + 1 < pages:
        turns.append(Button(msg("button-next"), BC.build("orgs", page + 1)))
    if turns:
        rows.append(turns)
    rows.append([Button(msg("button-broadcast-back"), BC.build("back"))])
    return Edit(msg("broadcast-pick-organization", page=page + 1, pages=pages), rows)


@handler()
async def on_organization(turn: Turn) -> Replies:
    dialog = await _at_audience(turn)
    target = Target(Audience.ORGANIZATION, organization_id=turn.int_group(1))
    return await _preview(turn, dialog, target)


@handler()
async def on_back(turn: Turn) -> Replies:
    dialog = await _at_audience(turn)
    meeting_id = _meeting_id(dialog)
    meeting = await turn.session.get(Meeting, meeting_id) if meeting_id is not None else None
    question = _audience_question(meeting)
    return Edit(question.text, question.keyboard)


# --- send or drop ----------------------------------------------------------------------------


@handler()
async def on_send(turn: Turn) -> Replies:
    query = turn.update.callback_query
    shown = query.message if query is not None and isinstance(query.message, Message) else None
    sent = await broadcast.confirm(
        turn.session,
        turn.clock,
        turn.actor,
        turn.int_group(1),
        turn.coordinators,
        status_chat_id=shown.chat.id if shown is not None else None,
        status_message_id=shown.message_id if shown is not None else None,
    )
    # This message becomes the status: progress, then the report.
    return [Edit(broadcast.sending_message(sent.total)), turn.wake()]


@handler()
async def on_drop(turn: Turn) -> Replies:
    await broadcast.cancel(turn.session, turn.actor, turn.int_group(1))
    return Edit(msg("broadcast-cancelled"))


def handlers() -> list[object]:
    audiences = "(" + "|".join(a.value for a in TAPPED) + ")"
    return [
        CallbackQueryHandler(on_audience, pattern=BC.route("to", audiences)),
        CallbackQueryHandler(on_organizations, pattern=BC.route("orgs", NUMBER)),
        CallbackQueryHandler(on_organization, pattern=BC.route("org", NUMBER)),
        CallbackQueryHandler(on_back, pattern=BC.route("back")),
        CallbackQueryHandler(on_send, pattern=BC.route("send", NUMBER)),
        CallbackQueryHandler(on_drop, pattern=BC.route("drop", NUMBER)),
    ]
