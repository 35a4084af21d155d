"""/agenda: the concerns raised for the next meeting, ranked by dots, a button per concern."""

from __future__ import annotations

from dataclasses import replace

from telegram.ext import CallbackQueryHandler

from bot.handlers.board import agenda_button
from bot.handlers.common import Button, Keyboard, Lines, Replies, Toast, Turn, handler
from bot.i18n import Msg, msg
from bot.presentation import NUMBER
from bot.services import agenda, concerns
from bot.services.errors import DomainError
from bot.views import AGENDA, when

PER_PAGE = 6
PAGE_LIMIT = 10_000


def _start_of(text: str | None) -> str:
    """The start of a concern's text on its button and line; a voice note or photo without a
    caption shows an ellipsis."""
    return concerns.start_of(text) or "…"


def _line(rank: int, item: agenda.Item) -> Msg:
    key = "agenda-line-mine" if item.mine else "agenda-line"
    return msg(key, rank=rank, text=_start_of(item.text), number=item.concern_id, count=item.dots)


def render(board: agenda.Board, page: int, *, edit: bool) -> Lines:
    """The board: the ranked concerns of one page, a button each, and Previous/Next."""
    meeting = board.meeting
    if board.closed:
        chosen = agenda.agenda_of(board)
        final = [_line(rank, item) for rank, item in enumerate(chosen, 1)]
        text = msg("agenda-final", title=meeting.title, when=when(meeting))
        return Lines(text, final or [msg("agenda-empty")], None, edit=edit)
    pages = max((len(board.items) + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(page, pages - 1)
    shown = board.items[page * PER_PAGE : (page + 1) * PER_PAGE]
    first_rank = page * PER_PAGE + 1
    lines: list[Msg] = [_line(rank, item) for rank, item in enumerate(shown, first_rank)]
    if not lines:
        lines = [msg("agenda-empty")]
    elif pages > 1:
        lines.append(msg("agenda-page", page=page + 1, pages=pages))
    rows: list[list[Button]] = [
        [
            Button(
                msg(
                    "agenda-button-mine" if item.mine else "agenda-button",
                    number=item.concern_id,
                    text=_start_of(item.text),
                ),
                AGENDA.build("del" if item.mine else "add", item.concern_id, page),
            )
        ]
        for item in shown
    ]
    turn_page: list[Button] = []
    if page > 0:
        turn_page.append(Button(msg("button-previous"), AGENDA.build("page", meeting.id, page - 1)))
    if page < pages - 1:
        turn_page.append(Button(msg("button-next"), AGENDA.build("page", meeting.id, page + 1)))
    if turn_page:
        rows.append(turn_page)
    text = msg(
        "agenda-board",
        title=meeting.title,
        when=when(meeting),
        left=board.dots_left,
        dots=board.dots,
    )
    # Telegram refuses an inline keyboard without rows: no concerns, no keyboard.
    keyboard: Keyboard | None = rows or None
    return Lines(text, lines, keyboard, edit=edit)


async def _board(turn: Turn, meeting_id: int, page: int, *, edit: bool) -> Lines:
    settings = turn.runtime.settings
    board = await agenda.board(
        turn.session,
        turn.clock,
        turn.actor,
        meeting_id,
        settings.agenda_dots,
        closes_before=settings.agenda_closes_before,
    )
    return render(board, page, edit=edit)


@handler()
async def cmd_agenda(turn: Turn) -> Replies:
    """The board of the meeting being voted on, or the agenda of the one under way or held
    last: what the card's Agenda button of that meeting shows."""
    length = turn.runtime.settings.meeting_length
    meeting = await agenda.shown_meeting(turn.session, turn.clock, turn.actor, length)
    if meeting is None:
        raise DomainError("agenda-no-meeting")
    shown = await _board(turn, meeting.id, 0, edit=False)
    # With the board on, a button opens the same agenda as a page inside Telegram.
    web_app = agenda_button(turn)
    return replace(shown, keyboard=[*(shown.keyboard or []), *web_app]) if web_app else shown


@handler()
async def on_show(turn: Turn) -> Replies:
    """The card's Agenda button: the board as a new message below the card."""
    return [Toast(), await _board(turn, turn.int_group(1), 0, edit=False)]


@handler()
async def on_page(turn: Turn) -> Replies:
    page = turn.int_group(2, low=0, high=PAGE_LIMIT)
    return [Toast(), await _board(turn, turn.int_group(1), page, edit=True)]


@handler()
async def on_add(turn: Turn) -> Replies:
    concern_id = turn.int_group(1)
    page = turn.int_group(2, low=0, high=PAGE_LIMIT)
    settings = turn.runtime.settings
    meeting, added = await agenda.add_dot(
        turn.session,
        turn.clock,
        turn.actor,
        concern_id,
        settings.agenda_dots,
        closes_before=settings.agenda_closes_before,
    )
    if not added:
        # The same tap twice: answer it, leave the message as it is.
        return Toast(msg("agenda-dot-added", number=concern_id))
    board = await _board(turn, meeting.id, page, edit=True)
    return [Toast(msg("agenda-dot-added", number=concern_id)), board]


@handler()
async def on_take(turn: Turn) -> Replies:
    concern_id = turn.int_group(1)
    page = turn.int_group(2, low=0, high=PAGE_LIMIT)
    closes_before = turn.runtime.settings.agenda_closes_before
    meeting = await agenda.take_dot(
        turn.session, turn.clock, turn.actor, concern_id, closes_before=closes_before
    )
    board = await _board(turn, meeting.id, page, edit=True)
    return [Toast(msg("agenda-dot-taken", number=concern_id)), board]


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_add, pattern=AGENDA.route("add", NUMBER, NUMBER)),
        CallbackQueryHandler(on_take, pattern=AGENDA.route("del", NUMBER, NUMBER)),
        CallbackQueryHandler(on_page, pattern=AGENDA.route("page", NUMBER, NUMBER)),
        CallbackQueryHandler(on_show, pattern=AGENDA.route("show", NUMBER)),
    ]
