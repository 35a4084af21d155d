"""What Telegram gets of our replies: inline keyboards, long lists cut into messages, and files
passed on by their Telegram file id."""

from __future__ import annotations

import html
import re

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo
from telegram.constants import ParseMode

from bot.i18n import Catalog, Html, Msg
from bot.presentation import Keyboard, Lines, SendMedia


def markup(catalog: Catalog, lang: str, keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    """Inline buttons with their labels in `lang`."""
    if keyboard is None:
        return None
    rows = []
    for row in keyboard:
        buttons = []
        for button in row:
            label = (
                catalog.render(lang, button.label, plain=True)
                if isinstance(button.label, Msg)
                else button.label
            )
            web_app = WebAppInfo(button.web_app) if button.web_app else None
            buttons.append(
                InlineKeyboardButton(
                    label, callback_data=button.data, url=button.url, web_app=web_app
                )
            )
        rows.append(buttons)
    return InlineKeyboardMarkup(rows)


TEXT_LIMIT = 4096  # characters of a message, counted after Telegram parses the HTML
_TAG = re.compile(r"<[^>]*>")
# A private-use character no catalog contains: where the list goes in the rendered frame.
_LIST_MARK = "\ue000"


def utf16_len(text: str) -> int:
    # Telegram counts UTF-16 code units: an emoji outside the BMP is two.
    return len(text.encode("utf-16-le")) // 2


def plain_text(html_text: str) -> str:
    """What Telegram shows of an HTML message: tags dropped, entities decoded.

    Text people typed is escaped before it reaches a message, so every `<` left is a tag of
    the catalog's own.
    """
    return html.unescape(_TAG.sub("", html_text))


def telegram_length(html_text: str) -> int:
    """The length Telegram checks against its limits, for a message sent as HTML."""
    return utf16_len(plain_text(html_text).strip())


def render_lines(catalog: Catalog, lang: str, reply: Lines, limit: int = TEXT_LIMIT) -> list[str]:
    """The texts of a `Lines` reply: the frame's start, then lines, cut between lines."""
    frame = catalog.render(
        lang, Msg(reply.text.key, {**reply.text.params, "lines": Html(_LIST_MARK)})
    )
    head, _, tail = frame.partition(_LIST_MARK)
    lines = [line if isinstance(line, Html) else catalog.render(lang, line) for line in reply.lines]
    reserve = telegram_length(tail) + 1
    chunks: list[list[str]] = [[]]
    size = telegram_length(head)
    for line in lines:
        length = telegram_length(line) + 1  # and the line break before it
        if chunks[-1] and size + length + reserve > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += length
    texts = ["\n".join(chunk) for chunk in chunks]
    texts[0] = head + texts[0]
    texts[-1] = texts[-1] + tail
    return texts


async def send_by_file_id(bot: Bot, chat_id: int, media: SendMedia, caption: str | None) -> Message:
    """A voice note, photo or document by its file id (the bot never downloads it)."""
    if media.kind == "voice":
        return await bot.send_voice(
            chat_id, media.file_id, caption=caption, parse_mode=ParseMode.HTML
        )
    if media.kind == "document":
        return await bot.send_document(
            chat_id, media.file_id, caption=caption, parse_mode=ParseMode.HTML
        )
    return await bot.send_photo(chat_id, media.file_id, caption=caption, parse_mode=ParseMode.HTML)
