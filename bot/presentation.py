"""What people see, described without Telegram: replies, buttons, keyboards, callback data.

Services describe the buttons of a message they queue (a notice), handlers and the outbox
turn them into Telegram's markup (bot.views.markup); none of them needs the other's layer.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.i18n import Html, Msg, from_data, to_data
from bot.services.errors import DomainError


@dataclass(frozen=True)
class Button:
    """An inline button: a translated label (or a name people gave) and callback data, a URL,
    or the HTTPS address of a Web App Telegram opens (private chats only)."""

    label: Msg | str
    data: str | None = None
    url: str | None = None
    web_app: str | None = None


Keyboard = Sequence[Sequence[Button]]


def keyboard_to_data(keyboard: Keyboard | None) -> list[list[dict[str, Any]]] | None:
    """A keyboard as JSON-ready data, to be stored with a queued message."""
    if keyboard is None:
        return None
    return [
        [
            {"label": to_data(b.label), "data": b.data, "url": b.url, "web_app": b.web_app}
            for b in row
        ]
        for row in keyboard
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
            buttons.append(Button(label, item.get("data"), item.get("url"), item.get("web_app")))
        rows.append(buttons)
    return rows


ID_MAX = 2**31 - 1  # the id columns are 32-bit integers on PostgreSQL
_INT_ARG = re.compile(r"-?[0-9]{1,10}", re.ASCII)
# A number in callback data, for CallbackData.route; its range is checked when it is read.
NUMBER = r"([0-9]{1,10})"


def checked_int(text: str | None, *, low: int = 1, high: int = ID_MAX) -> int:
    """A number from callback data, by default a database id; forged data gets the
    stale-button message, not a crash."""
    # ASCII digits only: int() also reads Arabic-Indic digits, and any number of them.
    if text is None or not _INT_ARG.fullmatch(text):
        raise DomainError("error-stale-button")
    value = int(text)
    if not low <= value <= high:
        raise DomainError("error-stale-button")
    return value


class CallbackData:
    """Callback data `<feature>:<action>:<args>`, built and parsed in one place per feature."""

    LIMIT = 64  # bytes; Telegram refuses longer callback data

    def __init__(self, feature: str) -> None:
        self.feature = feature
        self.pattern = rf"^{feature}:"

    def route(self, action: str, *groups: str) -> str:
        """The pattern of one action's data, for the handler of that action alone.

        `action` and `groups` are regular expressions; each group captures one argument,
        which the handler reads with `Turn.int_group` / `Turn.group`.
        """
        return "^" + ":".join([re.escape(self.feature), action, *groups]) + "$"

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
        """A numeric argument, by default a database id (see `checked_int`)."""
        return checked_int(args[index] if index < len(args) else None, low=low, high=high)


# --- replies: what a handler answers, delivered after its transaction commits ----------


@dataclass(frozen=True)
class Send:
    """A new message to the chat of the update (to anyone else: bot.handlers.notices)."""

    text: Msg
    keyboard: Keyboard | None = None
    lang: str | None = None  # for a group: the network's language, not the sender's
    # The meeting whose live card this is: once sent, it is the person's card of it.
    card: int | None = None


@dataclass(frozen=True)
class Edit:
    """Replace the text and buttons of the message whose button was pressed."""

    text: Msg
    keyboard: Keyboard | None = None


@dataclass(frozen=True)
class Toast:
    """The answer to a button press, shown briefly (or as an alert)."""

    text: Msg | None = None
    alert: bool = False


@dataclass(frozen=True)
class Lines:
    """A message with a list in its `lines` placeholder, split over as many messages as needed.

    Each line is its own message key, rendered in the reader's language. The list never goes
    through Fluent as one value (Fluent refuses a placeable over 2,500 characters), and the
    messages are cut between lines to stay under Telegram's 4,096 characters. With `edit`, the
    first message replaces the one whose button was pressed; the buttons go on the last one.
    """

    text: Msg
    lines: Sequence[Msg | Html]
    keyboard: Keyboard | None = None
    edit: bool = False


@dataclass(frozen=True)
class SendFile:
    """A document (such as a calendar file) to the chat of the update."""

    filename: str
    content: bytes
    caption: Msg | None = None


@dataclass(frozen=True)
class SendImage:
    """An image the bot made (a QR code, a chart), sent as a photo to the chat of the update.

    Telegram takes an uploaded photo of at most 10 MB, width and height together at most
    10,000 pixels, and a caption of at most 1,024 characters.
    """

    filename: str
    content: bytes
    caption: Msg | None = None
    keyboard: Keyboard | None = None


@dataclass(frozen=True)
class SendMedia:
    """A voice note, photo or document passed on by its Telegram file id, with a caption."""

    kind: Literal["voice", "photo", "document"]
    file_id: str
    caption: Msg | None = None


@dataclass(frozen=True)
class Later:
    """Work for after the commit that is not a message, such as updating a command menu."""

    run: Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Venue:
    """A place on the map, sent as Telegram's venue message (title and address are text)."""

    latitude: float
    longitude: float
    title: str
    address: str


Reply = Send | Edit | Toast | Later | SendFile | SendImage | SendMedia | Lines
Replies = Reply | Sequence[Reply] | None
