"""Buttons, keyboards and callback data: what people see, described without Telegram.

Services describe the buttons of a message they queue (a notice), handlers and the outbox
turn them into Telegram's markup (bot.views.markup); none of them needs the other's layer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.i18n import Msg, from_data, to_data
from bot.services.errors import DomainError


@dataclass(frozen=True)
class Button:
    """An inline button: a translated label (or a name people gave) and callback data or a URL."""

    label: Msg | str
    data: str | None = None
    url: str | None = None


Keyboard = Sequence[Sequence[Button]]


def keyboard_to_data(keyboard: Keyboard | None) -> list[list[dict[str, Any]]] | None:
    """A keyboard as JSON-ready data, to be stored with a queued message."""
    if keyboard is None:
        return None
    return [
        [{"label": to_data(b.label), "data": b.data, "url": b.url} for b in row] for row in keyboard
    ]


def keyboard_from_data(data: object) -> Keyboard | None:
    if not isinstance(data, list):
        return None
    rows: list[list[Button]] = []
    for row in data:
        buttons = []
        for item in row:
            label = from_data(item["label"])
            assert isinstance(label, Msg | str)
            buttons.append(Button(label, item.get("data"), item.get("url")))
        rows.append(buttons)
    return rows


ID_MAX = 2**31 - 1  # the id columns are 32-bit integers on PostgreSQL
_INT_ARG = re.compile(r"-?[0-9]{1,10}", re.ASCII)


class CallbackData:
    """Callback data `<feature>:<action>:<args>`, built and parsed in one place per feature."""

    LIMIT = 64  # bytes; Telegram refuses longer callback data

    def __init__(self, feature: str) -> None:
        self.feature = feature
        self.pattern = rf"^{feature}:"

    def build(self, action: str, *args: int | str) -> str:
        data = ":".join([self.feature, action, *(str(arg) for arg in args)])
        if len(data.encode()) > self.LIMIT:
            raise ValueError(f"callback data over {self.LIMIT} bytes: {data!r}")
        return data

    def parse(self, data: str | None) -> tuple[str, list[str]]:
        parts = (data or "").split(":")
        if len(parts) < 2 or parts[0] != self.feature:
            raise DomainError("error-stale-button")
        return parts[1], parts[2:]

    @staticmethod
    def int_arg(args: list[str], index: int = 0, *, low: int = 1, high: int = ID_MAX) -> int:
        """A numeric argument, by default a database id; forged data gets the stale-button
        message, not a crash."""
        text = args[index] if index < len(args) else ""
        # ASCII digits only: int() also reads Arabic-Indic digits, and any number of them.
        if not _INT_ARG.fullmatch(text):
            raise DomainError("error-stale-button")
        value = int(text)
        if not low <= value <= high:
            raise DomainError("error-stale-button")
        return value
