"""/export: a coordinator takes the network's data away as CSV files, and a meeting's calendar."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Keyboard,
    Replies,
    Send,
    SendFile,
    Toast,
    Turn,
    handler,
)
from bot.i18n import Msg, msg
from bot.presentation import NUMBER
from bot.services import export, meetings
from bot.services.errors import DomainError
from bot.services.export import MEETING_FILES, NETWORK_FILES, Export, ExportFile
from bot.views import meeting_button, when
from db.models import Meeting

EXP = CallbackData("exp")
NETWORK = f"({'|'.join(NETWORK_FILES)})"
MEETING = f"({'|'.join(MEETING_FILES)})"


def _setup(turn: Turn) -> export.Setup:
    settings = turn.runtime.settings
    return export.Setup(
        timezone=settings.timezone,
        coordinators=settings.coordinators,
        meeting_length=settings.meeting_length,
        calendar_domain=f"{turn.bot_username}.t.me",
    )


def _label(file: ExportFile) -> Msg:
    return msg(f"button-export-{file}")


def _menu(turn: Turn, meeting: Meeting | None, recent: list[Meeting]) -> tuple[Msg, Keyboard]:
    """The files of the network, then those of one meeting, then the other recent meetings."""
    keyboard: list[list[Button]] = [
        [Button(_label(file), EXP.build("net", file)) for file in NETWORK_FILES]
    ]
    if meeting is None:
        return msg("export-menu-no-meeting"), keyboard
    files = [Button(_label(file), EXP.build("f", file, meeting.id)) for file in MEETING_FILES]
    keyboard += [files[i : i + 2] for i in range(0, len(files), 2)]
    keyboard.append([Button(msg("button-export-all"), EXP.build("all", meeting.id))])
    keyboard += [
        [Button(meeting_button(other), EXP.build("m", other.id))]
        for other in recent
        if other.id != meeting.id
    ]
    text = msg("export-menu", title=meeting.title, when=when(meeting), number=meeting.id)
    return text, keyboard


def _send(item: Export) -> SendFile:
    meeting = item.meeting
    if meeting is None:
        caption = msg("export-caption", file=_label(item.file), rows=item.rows)
    elif item.file == ExportFile.CALENDAR:
        caption = msg("calendar-caption", title=meeting.title)
    else:
        caption = msg(
            "export-caption-meeting",
            file=_label(item.file),
            title=meeting.title,
            when=when(meeting),
            rows=item.rows,
        )
    return SendFile(item.filename, item.content, caption)


@handler()
async def cmd_export(turn: Turn) -> Replies:
    export.ensure_can_export(turn.actor)  # before saying whether there is any meeting
    found = await export.meetings_to_export(turn.session, turn.clock, turn.actor)
    meeting = found.default
    if turn.args:
        number = meetings.parse_meeting_number(turn.args[0])
        meeting = await export.meeting_to_export(turn.session, turn.actor, number)
    return Send(*_menu(turn, meeting, found.recent))


@handler()
async def on_meeting(turn: Turn) -> Replies:
    export.ensure_can_export(turn.actor)
    meeting = await export.meeting_to_export(turn.session, turn.actor, turn.int_group(1))
    found = await export.meetings_to_export(turn.session, turn.clock, turn.actor)
    return Edit(*_menu(turn, meeting, found.recent))


@handler()
async def on_network_file(turn: Turn) -> Replies:
    export.ensure_can_export(turn.actor)
    item = await export.network_file(
        turn.session, turn.clock, turn.actor, ExportFile(turn.group(1)), _setup(turn)
    )
    return [Toast(), _send(item)]


@handler()
async def on_meeting_file(turn: Turn) -> Replies:
    export.ensure_can_export(turn.actor)
    file, meeting_id = ExportFile(turn.group(1)), turn.int_group(2)
    item = await export.meeting_file(
        turn.session, turn.clock, turn.actor, file, meeting_id, _setup(turn)
    )
    return [Toast(), _send(item)]


@handler()
async def on_meeting_files(turn: Turn) -> Replies:
    export.ensure_can_export(turn.actor)
    meeting_id = turn.int_group(1)
    items = await export.meeting_files(
        turn.session, turn.clock, turn.actor, meeting_id, _setup(turn)
    )
    return [Toast(), *(_send(item) for item in items)]


@handler()
async def on_forged(turn: Turn) -> Replies:
    # Export data none of the routes above takes: forged, or from an older version.
    export.ensure_can_export(turn.actor)
    raise DomainError("export-stale-button")


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_meeting, pattern=EXP.route("m", NUMBER)),
        CallbackQueryHandler(on_network_file, pattern=EXP.route("net", NETWORK)),
        CallbackQueryHandler(on_meeting_file, pattern=EXP.route("f", MEETING, NUMBER)),
        CallbackQueryHandler(on_meeting_files, pattern=EXP.route("all", NUMBER)),
        # Last: anything else under this feature's prefix.
        CallbackQueryHandler(on_forged, pattern=EXP.pattern),
    ]
