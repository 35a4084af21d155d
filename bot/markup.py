"""Telegram's inline keyboard for one of our keyboards, labels in the reader's language."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Catalog, Msg
from bot.presentation import Keyboard


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
            buttons.append(InlineKeyboardButton(label, callback_data=button.data, url=button.url))
        rows.append(buttons)
    return InlineKeyboardMarkup(rows)
