"""/board: the organizers' board, a Telegram Mini App, opened from a Web App button."""

from __future__ import annotations

from bot.handlers.common import Button, Keyboard, Replies, Send, Turn, handler
from bot.i18n import msg
from bot.services.errors import DomainError

# The board's pages a coordinator opens from /board, in the order of the buttons.
PAGES = ("attendance", "concerns", "agenda", "motions", "checkin")


def board_url(web_url: str, page: str) -> str:
    """The address a Web App button opens: the board's page; Telegram adds its launch data."""
    return f"{web_url}/board?page={page}"


def agenda_button(turn: Turn) -> Keyboard:
    """The row under /agenda that opens the agenda board, when the board is on."""
    web_url = turn.runtime.settings.web_url
    if not web_url:
        return []
    return [[Button(msg("button-agenda-board"), web_app=board_url(web_url, "agenda"))]]


@handler()
async def cmd_board(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    web_url = turn.runtime.settings.web_url
    if not web_url:
        raise DomainError("board-off")
    rows = [
        [Button(msg(f"button-board-{page}"), web_app=board_url(web_url, page))] for page in PAGES
    ]
    return Send(msg("board-open"), rows)
