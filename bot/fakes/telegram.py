"""A strict, in-memory fake of the Telegram Bot API for driving python-telegram-bot in tests.

Three layers:

* ``FakeBotApi`` holds the server state and answers ``handle(method, params)`` exactly like
  the Bot API would (same JSON envelope, HTTP status and error descriptions).
* ``FakeRequest`` is a ``telegram.request.BaseRequest`` that hands PTB's requests straight to a
  ``FakeBotApi`` without any network (use it for ``Bot(request=...)`` / ``ApplicationBuilder``).
* ``FakeBotApiServer`` serves the same ``FakeBotApi`` over real HTTP on 127.0.0.1 for
  end-to-end tests that run the bot with its real HTTPX transport.

Both transports feed the API the same wire-level parameters (strings, JSON-encoded objects
and uploaded files), so the parsing PTB relies on is exercised in both.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, NoReturn
from urllib.parse import parse_qsl, unquote, urlsplit

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from .telegram_html import EntityParseError, ParsedText, parse_html, utf16_len

__all__ = [
    "BOT_USER_ID",
    "Call",
    "FakeBotApi",
    "FakeBotApiServer",
    "FakeRequest",
    "InjectedTimeout",
    "UploadedFile",
    "make_bot_request",
    "request_data_to_params",
]

JsonDict = dict[str, Any]

BOT_USER_ID = 5000000001
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
# An uploaded photo: at most 10 MB, width and height together at most 10,000 pixels, and
# neither side more than 20 times the other (https://core.telegram.org/bots/api#sendphoto).
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_SIDES = 10_000
MAX_PHOTO_RATIO = 20
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_BUTTONS = 100
MAX_COMMANDS = 100
MAX_CALLBACK_ANSWER_LENGTH = 200

ERR_TOO_LONG = "Bad Request: message is too long"
ERR_TEXT_EMPTY = "Bad Request: message text is empty"
ERR_CAPTION_TOO_LONG = "Bad Request: message caption is too long"
ERR_PARSE_ENTITIES = "Bad Request: can't parse entities: "
ERR_CHAT_NOT_FOUND = "Bad Request: chat not found"
ERR_CHAT_ID_EMPTY = "Bad Request: chat_id is empty"
ERR_CANT_INITIATE = "Forbidden: bot can't initiate conversation with a user"
ERR_BLOCKED = "Forbidden: bot was blocked by the user"
ERR_KICKED_GROUP = "Forbidden: bot was kicked from the group chat"
ERR_KICKED_SUPERGROUP = "Forbidden: bot was kicked from the supergroup chat"
ERR_BUTTON_DATA = "Bad Request: BUTTON_DATA_INVALID"
ERR_BUTTON_URL = "Bad Request: BUTTON_URL_INVALID"
ERR_TEXT_BUTTON = (
    "Bad Request: can't parse inline keyboard button: "
    "Text buttons are unallowed in the inline keyboard"
)
ERR_EDIT_NOT_FOUND = "Bad Request: message to edit not found"
ERR_DELETE_NOT_FOUND = "Bad Request: message to delete not found"
ERR_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
ERR_QUERY_INVALID = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
ERR_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
ERR_WEBHOOK_HTTPS = "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
ERR_WEBHOOK_PORT = (
    "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
)
ERR_WEBHOOK_SECRET = "Bad Request: secret token contains unallowed characters"
ERR_WEBHOOK_CONNECTIONS = "Bad Request: bad webhook: max_connections must be between 1 and 100"
ERR_ALLOWED_UPDATES = "Bad Request: can't parse allowed_updates"
ERR_NOT_FOUND = "Not Found"
# What a webhook may be set to (Bot API, setWebhook).
WEBHOOK_PORTS = frozenset({443, 80, 88, 8443})
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
ERR_PHOTO_TOO_BIG = "Bad Request: PHOTO_SAVE_FILE_INVALID"
ERR_PHOTO_DIMENSIONS = "Bad Request: PHOTO_INVALID_DIMENSIONS"
ERR_IMAGE_PROCESS = "Bad Request: IMAGE_PROCESS_FAILED"
ERR_FILE_ID = "Bad Request: invalid file_id"
ERR_WEB_APP_HTTPS = (
    "Bad Request: inline keyboard button Web App URL is invalid: Only HTTPS links are allowed"
)
ERR_BUTTON_TYPE = "Bad Request: BUTTON_TYPE_INVALID"
# Bots may download files of at most 20 MB (https://core.telegram.org/bots/api#getfile).
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "cache_time",
        "max_connections",
        "message_thread_id",
        "reply_to_message_id",
        "from_chat_id",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "disable_web_page_preview",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "disable_content_type_detection",
        "has_spoiler",
        "allow_paid_broadcast",
    }
)
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "menu_button",
        "entities",
        "caption_entities",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
    }
)
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto", "sendVoice", "sendVenue"})
_FLOAT_FIELDS = frozenset({"latitude", "longitude"})
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE_RE = re.compile(r"(?:[a-z]{2})?")
_BUTTON_URL_RE = re.compile(r"(?:https?|tg)://\S+", re.IGNORECASE)
_INCOMING_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")


# The MIME type a Telegram client gives each kind of file it sends.
_MEDIA_MIME = {
    "voice": "audio/ogg",
    "photo": "image/jpeg",
    "document": "application/pdf",
    "sticker": "image/webp",
    "video": "video/mp4",
}
# The files a message may carry, one at most.
_FILE_KINDS = ("document", "photo", "voice", "sticker", "video")
# The method that sends a file of each kind (a file id of another kind is refused).
_SEND_METHOD_OF_KIND = {"document": "sendDocument", "photo": "sendPhoto", "voice": "sendVoice"}


@dataclass(frozen=True)
class UploadedFile:
    """A file PTB uploaded via multipart/form-data."""

    filename: str
    content: bytes
    mime_type: str


@dataclass
class Call:
    """One request the fake received, in arrival order, whether it succeeded or not."""

    method: str
    params: dict[str, Any]
    ok: bool
    error: str | None = None
    token: str | None = None
    result: Any = None
    # The HTTP status answered (200, 400, 403, 429, …); None when the call timed out unanswered.
    status: int | None = None


class InjectedTimeout(Exception):
    """Raised by ``FakeBotApi.handle`` for an injected timeout; transports translate it."""


class _Rejected(Exception):
    """A request the Bot API refuses; carries the error envelope."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after


@dataclass
class _Fault:
    method: str
    chat_id: int | str | None
    remaining: int
    error_code: int = 0
    description: str = ""
    retry_after: int | None = None
    timeout: bool = False
    delivered: bool = False


def _bad(description: str) -> NoReturn:
    raise _Rejected(HTTPStatus.BAD_REQUEST, description)


def _error_body(error_code: int, description: str, retry_after: int | None = None) -> JsonDict:
    body: JsonDict = {"ok": False, "error_code": error_code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


def _coerce_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Turn wire-level values (form strings, JSON strings) into typed values as Telegram does."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, UploadedFile) or value is None:
            out[key] = value
        elif key in _INT_FIELDS:
            out[key] = _coerce_int(key, value)
        elif key in _FLOAT_FIELDS:
            out[key] = _coerce_float(key, value)
        elif key in _BOOL_FIELDS:
            out[key] = value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        elif key in _JSON_FIELDS and isinstance(value, str):
            try:
                out[key] = json.loads(value)
            except ValueError:
                what = "reply keyboard markup" if key == "reply_markup" else key
                _bad(f"Bad Request: can't parse {what} JSON object")
        else:
            out[key] = value
    return out


def _coerce_int(key: str, value: Any) -> int | str:
    if isinstance(value, bool):
        _bad(f"Bad Request: invalid {key} specified")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if key == "chat_id":
        # "@channelusername" is a valid chat_id; anything else is simply an unknown chat.
        return text
    _bad(f"Bad Request: invalid {key} specified")


def _coerce_float(key: str, value: Any) -> float:
    if isinstance(value, bool):
        _bad(f"Bad Request: wrong {key} specified")
    try:
        number = float(value)
    except (TypeError, ValueError):
        _bad(f"Bad Request: wrong {key} specified")
    if number != number or number in (float("inf"), float("-inf")):
        _bad(f"Bad Request: wrong {key} specified")
    return number


def _params_from_wire(fields: Mapping[str, Any], files: Mapping[str, UploadedFile]) -> JsonDict:
    """Merge form fields and multipart files, resolving ``attach://name`` references."""
    params: JsonDict = {}
    attached: set[str] = set()
    for key, value in fields.items():
        if isinstance(value, str) and value.startswith("attach://") and value[9:] in files:
            params[key] = files[value[9:]]
            attached.add(value[9:])
        else:
            params[key] = value
    for name, upload in files.items():
        if name not in attached and name not in params:
            params[name] = upload
    return params


def request_data_to_params(request_data: RequestData | None) -> JsonDict:
    """Convert PTB's ``RequestData`` into the wire-level params the Bot API would receive."""
    if request_data is None:
        return {}
    files: dict[str, UploadedFile] = {}
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        files[name] = UploadedFile(filename, data, mime_type)
    return _params_from_wire(request_data.json_parameters, files)


class FakeBotApi:
    """In-memory Telegram Bot API: state, validation and answers, independent of transport.

    Injected faults (``fail_next``, ``fail_timeout_next``, ``rate_limit``) are recorded in
    ``calls`` but are not ``problems``; every other rejected or unknown call is a problem.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        bot_username: str = "shura_test_bot",
    ) -> None:
        self.bot_user: JsonDict = {
            "id": BOT_USER_ID,
            "is_bot": True,
            "first_name": "Shura",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[Call] = []
        self.problems: list[str] = []
        self.callback_answers: dict[str, JsonDict] = {}
        self.webhook_url = ""
        # What Telegram sends in X-Telegram-Bot-Api-Secret-Token; it never tells it back.
        self.webhook_secret = ""
        self.webhook_max_connections = 40
        self.webhook_allowed_updates: list[str] | None = None
        self._clock = clock
        self._wall_clock = wall_clock
        self._lock = threading.RLock()
        self._updates_changed = threading.Condition(self._lock)
        self._users: dict[int, JsonDict] = {}
        self._private: dict[int, str] = {}
        self._groups: dict[int, JsonDict] = {}
        self._messages: dict[tuple[int, int], JsonDict] = {}
        self._last_message_id: dict[int, int] = {}
        self._updates: list[JsonDict] = []
        self._next_update_id = 1
        self._callback_queries: dict[str, bool] = {}
        self._commands: dict[tuple[str, str], list[JsonDict]] = {}
        self._menu_buttons: dict[int | None, JsonDict] = {}
        self._files: dict[str, UploadedFile] = {}
        # What each file id is: Telegram refuses a voice note's id sent as a photo.
        self._file_kinds: dict[str, str] = {}
        # The size of each photo uploaded, as Telegram reports it back.
        self._photo_sizes: dict[str, tuple[int, int]] = {}
        # getFile's answer: the path each file is downloaded from, and back.
        self._file_paths: dict[str, str] = {}
        self._faults: list[_Fault] = []
        self._rate_limit: int | None = None
        self._send_times: deque[float] = deque()
        self._ids = itertools.count(1)
        self._wake_generation = 0
        self._async_waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
        self._handlers: dict[str, Callable[[JsonDict], Any]] = {
            "getMe": self._get_me,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendVoice": self._send_voice,
            "sendVenue": self._send_venue,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getChat": self._get_chat,
            "getFile": self._get_file,
            "close": lambda _params: True,
            "logOut": lambda _params: True,
        }
        # Telegram matches method names case-insensitively.
        self._method_names = {name.lower(): name for name in self._handlers}

    # ------------------------------------------------------------------ request entry point

    def handle(
        self,
        method: str,
        params: Mapping[str, Any],
        *,
        token: str | None = None,
        block: bool = True,
    ) -> tuple[int, JsonDict]:
        """Answer one Bot API call as ``(http_status, json_body)``; thread-safe.

        ``block=False`` makes getUpdates return immediately instead of long polling.
        Raises ``InjectedTimeout`` when a timeout was injected for this call.
        """
        with self._lock:
            name = self._method_names.get(method.lower())
            raw = dict(params)
            if name is None:
                self._record(
                    method, raw, token, ok=False, error=ERR_NOT_FOUND, status=HTTPStatus.NOT_FOUND
                )
                self.problems.append(f"unexpected call {method}({_summary(raw)})")
                return HTTPStatus.NOT_FOUND, _error_body(HTTPStatus.NOT_FOUND, ERR_NOT_FOUND)
            try:
                typed = _coerce_params(raw)
            except _Rejected as exc:
                return self._reject(name, raw, token, exc, problem=True)
            fault = self._take_fault(name, typed)
            if fault is not None and not fault.delivered:
                if fault.timeout:
                    self._record(
                        name, typed, token, ok=False, error="timeout (injected)", status=None
                    )
                    raise InjectedTimeout(name)
                injected = _Rejected(fault.error_code, fault.description, fault.retry_after)
                return self._reject(name, typed, token, injected, problem=False)
            if name in _SEND_METHODS and self._rate_limited():
                limited = _Rejected(
                    HTTPStatus.TOO_MANY_REQUESTS, "Too Many Requests: retry after 1", 1
                )
                return self._reject(name, typed, token, limited, problem=False)
            try:
                if name == "getUpdates":
                    result = self._get_updates(typed, block=block)
                else:
                    result = self._handlers[name](typed)
            except _Rejected as exc:
                return self._reject(name, typed, token, exc, problem=True)
            if fault is not None:
                self._record(
                    name,
                    typed,
                    token,
                    ok=True,
                    error="timeout after delivery (injected)",
                    status=None,
                )
                raise InjectedTimeout(name)
            self._record(name, typed, token, ok=True, result=result)
            return HTTPStatus.OK, {"ok": True, "result": copy.deepcopy(result)}

    def _record(
        self,
        method: str,
        params: JsonDict,
        token: str | None,
        *,
        ok: bool,
        error: str | None = None,
        result: Any = None,
        status: int | None = HTTPStatus.OK,
    ) -> None:
        call = Call(method, params, ok, error, token, copy.deepcopy(result), status)
        self.calls.append(call)

    def _reject(
        self, method: str, params: JsonDict, token: str | None, exc: _Rejected, *, problem: bool
    ) -> tuple[int, JsonDict]:
        self._record(method, params, token, ok=False, error=exc.description, status=exc.error_code)
        if problem:
            self.problems.append(f"{method}({_summary(params)}) -> {exc.description}")
        return exc.error_code, _error_body(exc.error_code, exc.description, exc.retry_after)

    def _take_fault(self, method: str, params: JsonDict) -> _Fault | None:
        for fault in self._faults:
            if fault.method != method:
                continue
            if fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._faults.remove(fault)
            return fault
        return None

    def _rate_limited(self) -> bool:
        if self._rate_limit is None:
            return False
        now = self._clock()
        while self._send_times and self._send_times[0] <= now - 1.0:
            self._send_times.popleft()
        if len(self._send_times) >= self._rate_limit:
            return True
        self._send_times.append(now)
        return False

    # ------------------------------------------------------------------ world setup

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        language_code: str | None = "en",
        username: str | None = None,
        *,
        last_name: str | None = None,
    ) -> JsonDict:
        """Register (or update) a user's profile and return it as a Telegram User object."""
        profile: JsonDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"User {user_id}",
        }
        if last_name:
            profile["last_name"] = last_name
        if username:
            profile["username"] = username
        if language_code:
            profile["language_code"] = language_code
        with self._lock:
            self._users[user_id] = profile
        return dict(profile)

    def start_chat(self, user_id: int) -> None:
        """The user opened a private chat with the bot (pressed Start, or unblocked it)."""
        with self._lock:
            self._ensure_user(user_id)
            self._private[user_id] = "started"

    def delete_by_user(self, chat_id: int, message_id: int) -> None:
        """The person deletes one of the bot's messages from the chat (for everyone)."""
        with self._lock:
            del self._messages[(chat_id, message_id)]

    def block(self, user_id: int) -> None:
        """The user blocked the bot; sending to them now fails with 403."""
        with self._lock:
            self._ensure_user(user_id)
            self._private[user_id] = "blocked"

    def add_group(self, chat_id: int, title: str, *, chat_type: str | None = None) -> None:
        """Make the bot a member of a group (``-100…`` ids default to supergroups)."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        kind = chat_type or ("supergroup" if str(chat_id).startswith("-100") else "group")
        with self._lock:
            self._groups[chat_id] = {"id": chat_id, "type": kind, "title": title, "kicked": False}

    def remove_from_group(self, chat_id: int) -> None:
        """The bot was kicked from the group; sending there now fails with 403."""
        with self._lock:
            self._groups[chat_id]["kicked"] = True

    def _ensure_user(self, user_id: int) -> JsonDict:
        if user_id not in self._users:
            self.user(user_id)
        return self._users[user_id]

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        *,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (to ``chat_id`` if given) with an error."""
        with self._lock:
            self._faults.append(
                _Fault(
                    self._canonical(method),
                    chat_id,
                    times,
                    error_code=error_code,
                    description=description,
                    retry_after=retry_after,
                )
            )

    def fail_timeout_next(
        self, method: str, times: int = 1, chat_id: int | None = None, *, delivered: bool = False
    ) -> None:
        """Make the next calls time out; with ``delivered=True`` they take effect first."""
        with self._lock:
            self._faults.append(
                _Fault(self._canonical(method), chat_id, times, timeout=True, delivered=delivered)
            )

    def rate_limit(self, per_second: int | None) -> None:
        """Answer 429 (retry_after=1) beyond ``per_second`` sends in any 1-second window."""
        with self._lock:
            self._rate_limit = per_second
            self._send_times.clear()

    def _canonical(self, method: str) -> str:
        name = self._method_names.get(method.lower())
        if name is None:
            raise ValueError(f"the fake does not implement {method}")
        return name

    # ------------------------------------------------------------------ assertions

    def assert_no_problems(self) -> None:
        """Fail listing every rejected or unexpected call not consumed by expect_problem."""
        with self._lock:
            problems = list(self.problems)
        if problems:
            listing = "\n".join(f"  - {problem}" for problem in problems)
            raise AssertionError(f"the fake Bot API saw {len(problems)} problem(s):\n{listing}")

    def expect_problem(self, substring: str) -> str:
        """Consume and return the first problem containing ``substring``; fail if none does."""
        with self._lock:
            for problem in self.problems:
                if substring in problem:
                    self.problems.remove(problem)
                    return problem
            problems = list(self.problems)
        raise AssertionError(f"no problem matching {substring!r}; problems: {problems}")

    def clear_calls(self) -> None:
        """Forget recorded calls (e.g. PTB's startup getMe) but keep all other state."""
        with self._lock:
            self.calls.clear()

    def sent(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        """Successful calls, optionally filtered by method and chat_id."""
        with self._lock:
            return [
                call
                for call in self.calls
                if call.ok
                and (method is None or call.method == method)
                and (chat_id is None or call.params.get("chat_id") == chat_id)
            ]

    def messages(self, chat_id: int | None = None) -> list[JsonDict]:
        """Current state of the bot's own messages (edits applied, deletions removed)."""
        with self._lock:
            return [
                copy.deepcopy(record)
                for record in self._messages.values()
                if record["outgoing"] and (chat_id is None or record["chat_id"] == chat_id)
            ]

    def last_message(self, chat_id: int) -> JsonDict:
        """The bot's most recent message in ``chat_id``; fails if it has sent none."""
        found = self.messages(chat_id)
        if not found:
            raise AssertionError(f"the bot has no message in chat {chat_id}")
        return found[-1]

    def buttons(self, chat_id: int, message_id: int | None = None) -> list[JsonDict]:
        """Inline buttons of a bot message (default: the last one), flattened row by row."""
        with self._lock:
            if message_id is None:
                record = self.last_message(chat_id)
            else:
                record = copy.deepcopy(self._messages[(chat_id, message_id)])
        markup = record["reply_markup"] or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    def commands_for(
        self,
        scope_type: str = "default",
        language_code: str = "",
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> list[JsonDict]:
        """Commands stored by setMyCommands for exactly this scope and language."""
        scope: JsonDict = {"type": scope_type}
        if chat_id is not None:
            scope["chat_id"] = chat_id
        if user_id is not None:
            scope["user_id"] = user_id
        with self._lock:
            return copy.deepcopy(self._commands.get((_scope_key(scope), language_code), []))

    def menu_button(self, chat_id: int | None = None) -> JsonDict | None:
        """The menu button set for ``chat_id`` (None = the default one), if any."""
        with self._lock:
            return copy.deepcopy(self._menu_buttons.get(chat_id))

    def file(self, file_id: str) -> UploadedFile:
        """An uploaded file by the file_id the fake assigned to it."""
        with self._lock:
            return self._files[file_id]

    def download(self, token: str, file_path: str) -> bytes | None:
        """The content at `/file/bot<token>/<file_path>`: a path getFile gave, with the token
        of the bot that asked for it (else None, Telegram's 404)."""
        with self._lock:
            file_id = self._file_paths.get(file_path)
            asked = any(c.method == "getFile" and c.ok and c.token == token for c in self.calls)
            if file_id is None or not asked:
                return None
            return self._files[file_id].content

    # ------------------------------------------------------------------ update builders

    def message_update(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        chat_title: str | None = None,
    ) -> JsonDict:
        """Build an Update with a text Message from ``user_id`` (``/start`` opens the chat)."""
        # Counted leniently: a lone surrogate (hostile input) is one unit, not an error.
        if len(text.encode("utf-16-le", "surrogatepass")) // 2 > MAX_TEXT_LENGTH:
            raise ValueError("Telegram clients send a longer text as several messages of 4,096")
        with self._lock:
            if chat_type == "private":
                if chat_id not in (None, user_id):
                    raise ValueError("a private chat's id is the user's id")
                chat_id = user_id
                if text.startswith("/start"):
                    self.start_chat(user_id)
                sender = self._private_sender(user_id)
            else:
                sender = dict(self._ensure_user(user_id))
                if chat_id is None:
                    raise ValueError("group messages need a chat_id")
                if chat_id not in self._groups:
                    self.add_group(chat_id, chat_title or f"Group {chat_id}", chat_type=chat_type)
            record = self._new_record(chat_id, outgoing=False, sender=sender)
            record["text"] = record["plain_text"] = text
            command = _INCOMING_COMMAND_RE.match(text)
            if command is not None:
                record["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": utf16_len(command.group())}
                ]
            return {"update_id": self._new_update_id(), "message": self._message_json(record)}

    def _private_sender(self, user_id: int) -> JsonDict:
        """The user writing to the bot in their chat with it, which they must have opened."""
        if self._private.get(user_id) != "started":
            raise AssertionError(
                f"user {user_id} has no open chat with the bot; Telegram clients send /start "
                "first (or call start_chat() to model that)"
            )
        return dict(self._ensure_user(user_id))

    def location_update(self, user_id: int, latitude: float, longitude: float) -> JsonDict:
        """Build an Update where ``user_id`` shares a location in their chat with the bot."""
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError("Telegram clients only share points on the globe")
        with self._lock:
            sender = self._private_sender(user_id)
            record = self._new_record(user_id, outgoing=False, sender=sender)
            record["location"] = {"latitude": latitude, "longitude": longitude}
            return {"update_id": self._new_update_id(), "message": self._message_json(record)}

    def media_update(
        self,
        user_id: int,
        kind: str,
        *,
        caption: str | None = None,
        file_name: str = "file.bin",
        mime_type: str | None = None,
        duration: int = 3,
    ) -> tuple[JsonDict, str]:
        """Build an Update where ``user_id`` sends a file of ``kind`` (voice, photo, document,
        sticker or video) in their chat with the bot; returns it and the file's id."""
        mime = mime_type or _MEDIA_MIME.get(kind)
        if mime is None:
            raise ValueError(f"Telegram clients do not send {kind!r} messages")
        if caption is not None and utf16_len(caption) > MAX_CAPTION_LENGTH:
            raise ValueError("Telegram clients cut captions at 1,024 characters")
        if caption is not None and kind == "sticker":
            raise ValueError("stickers have no caption")
        with self._lock:
            sender = self._private_sender(user_id)
            number = next(self._ids)
            file_id = f"{kind.upper()}-IN-{number}"
            self._files[file_id] = UploadedFile(file_name, b"\x00" * 64, mime)
            self._file_kinds[file_id] = kind
            record = self._new_record(user_id, outgoing=False, sender=sender)
            record[kind] = {
                "file_id": file_id,
                "file_unique_id": f"unique-{number}",
                "file_name": file_name,
                "mime_type": mime,
                "content": self._files[file_id].content,
                "duration": duration,
            }
            if caption:
                record["caption"] = record["plain_caption"] = caption
            update = {"update_id": self._new_update_id(), "message": self._message_json(record)}
            return update, file_id

    def callback_update(
        self,
        user_id: int,
        data: str,
        *,
        message_id: int | None = None,
        chat_id: int | None = None,
        require_button: bool = True,
    ) -> JsonDict:
        """Build an Update where ``user_id`` presses the bot's button carrying ``data``.

        Defaults to the latest bot message in the chat that has such a button; the query id
        is registered so answerCallbackQuery succeeds exactly once. ``require_button=False``
        models a forged or stale press: ``data`` is sent from the given (default: latest)
        bot message whatever buttons it has now.
        """
        with self._lock:
            sender = dict(self._ensure_user(user_id))
            chat_id = user_id if chat_id is None else chat_id
            candidates = [
                record
                for record in self._messages.values()
                if record["chat_id"] == chat_id
                and record["outgoing"]
                and (message_id is None or record["message_id"] == message_id)
            ]
            matching = [
                record
                for record in candidates
                if not require_button or data in _callback_data(record["reply_markup"])
            ]
            if not matching:
                offered = [_callback_data(record["reply_markup"]) for record in candidates]
                raise AssertionError(
                    f"no bot message in chat {chat_id} (message_id={message_id}) has a button "
                    f"with callback_data {data!r}; buttons offered: {offered}"
                )
            record = matching[-1]
            query_id = str(4_000_000_000_000_000 + next(self._ids))
            self._callback_queries[query_id] = False
            query = {
                "id": query_id,
                "from": sender,
                "message": self._message_json(record),
                "chat_instance": str(-abs(chat_id) * 7919),
                "data": data,
            }
            return {"update_id": self._new_update_id(), "callback_query": query}

    def push_update(self, update: JsonDict) -> None:
        """Queue an update for getUpdates and wake any long poll."""
        with self._lock:
            self._updates.append(copy.deepcopy(update))
            self._wake()

    def push_updates(self, updates: Sequence[JsonDict]) -> None:
        """Queue several updates at once, so one getUpdates returns them all together."""
        with self._lock:
            self._updates.extend(copy.deepcopy(list(updates)))
            self._wake()

    def unconfirmed_update_ids(self) -> list[int]:
        """The updates Telegram would still send: not yet confirmed by a later offset."""
        with self._lock:
            return [update["update_id"] for update in self._updates]

    def interrupt_long_polls(self) -> None:
        """Make blocked getUpdates calls return now (used when a server stops)."""
        with self._lock:
            self._wake_generation += 1
            self._wake()

    def _wake(self) -> None:
        self._updates_changed.notify_all()
        for loop, event in self._async_waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # the waiter's loop is already closed
                pass

    def _new_update_id(self) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        return update_id

    async def wait_for_updates(self, params: Mapping[str, Any]) -> None:
        """Wait without blocking the event loop until getUpdates(params) has something to say."""
        try:
            typed = _coerce_params(params)
        except _Rejected:
            return
        timeout = typed.get("timeout") or 0
        if not isinstance(timeout, int) or timeout <= 0:
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = asyncio.Event()
            with self._lock:
                if self.webhook_url or self._pending(typed.get("offset")):
                    return
                waiter = (loop, event)
                self._async_waiters.append(waiter)
            try:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return
            finally:
                with self._lock:
                    self._async_waiters.remove(waiter)

    def _pending(self, offset: Any) -> list[JsonDict]:
        if isinstance(offset, int) and offset < 0:
            return self._updates[offset:]
        start = offset if isinstance(offset, int) else 0
        return [update for update in self._updates if update["update_id"] >= start]

    # ------------------------------------------------------------------ chats and messages

    def _chat_json(self, chat_id: int) -> JsonDict:
        if chat_id > 0:
            profile = self._ensure_user(chat_id)
            chat: JsonDict = {"id": chat_id, "type": "private"}
            for key in ("first_name", "last_name", "username"):
                if key in profile:
                    chat[key] = profile[key]
            return chat
        group = self._groups[chat_id]
        return {"id": chat_id, "type": group["type"], "title": group["title"]}

    def _resolve_chat(self, params: JsonDict, *, sending: bool) -> int:
        """Return the target chat id or raise the error Telegram gives for it."""
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            _bad(ERR_CHAT_ID_EMPTY)
        if not isinstance(chat_id, int):
            _bad(ERR_CHAT_NOT_FOUND)
        if chat_id > 0:
            state = self._private.get(chat_id)
            if state is None:
                if sending:
                    raise _Rejected(HTTPStatus.FORBIDDEN, ERR_CANT_INITIATE)
                _bad(ERR_CHAT_NOT_FOUND)
            if state == "blocked" and sending:
                raise _Rejected(HTTPStatus.FORBIDDEN, ERR_BLOCKED)
            return chat_id
        group = self._groups.get(chat_id)
        if group is None:
            _bad(ERR_CHAT_NOT_FOUND)
        if group["kicked"] and sending:
            kicked = ERR_KICKED_SUPERGROUP if group["type"] == "supergroup" else ERR_KICKED_GROUP
            raise _Rejected(HTTPStatus.FORBIDDEN, kicked)
        return chat_id

    def _new_record(self, chat_id: int, *, outgoing: bool, sender: JsonDict) -> JsonDict:
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        record: JsonDict = {
            "chat_id": chat_id,
            "message_id": message_id,
            "outgoing": outgoing,
            "from": sender,
            "date": int(self._wall_clock()),
            "edit_date": None,
            "method": None,
            "text": None,
            "plain_text": None,
            "entities": [],
            "parse_mode": None,
            "reply_markup": None,
            "document": None,
            "photo": None,
            "caption": None,
            "plain_caption": None,
            "caption_entities": [],
            "location": None,
            "venue": None,
            "voice": None,
            "sticker": None,
            "video": None,
        }
        self._messages[(chat_id, message_id)] = record
        return record

    def _message_json(self, record: JsonDict) -> JsonDict:
        message: JsonDict = {
            "message_id": record["message_id"],
            "from": dict(record["from"]),
            "chat": self._chat_json(record["chat_id"]),
            "date": record["date"],
        }
        if record["edit_date"] is not None:
            message["edit_date"] = record["edit_date"]
        if record["plain_text"] is not None:
            message["text"] = record["plain_text"]
        if record["entities"]:
            message["entities"] = copy.deepcopy(record["entities"])
        for kind in _FILE_KINDS:
            if record[kind] is not None:
                message[kind] = self._file_json(kind, record[kind])
        if record["plain_caption"]:
            message["caption"] = record["plain_caption"]
            if record["caption_entities"]:
                message["caption_entities"] = copy.deepcopy(record["caption_entities"])
        if record["location"] is not None:
            message["location"] = dict(record["location"])
        if record["venue"] is not None:
            message["venue"] = copy.deepcopy(record["venue"])
        if record["reply_markup"] is not None:
            message["reply_markup"] = copy.deepcopy(record["reply_markup"])
        return message

    def _file_json(self, kind: str, stored: JsonDict) -> JsonDict | list[JsonDict]:
        """A message's file as the Bot API describes it: its ids, then what its kind adds."""
        ids = {"file_id": stored["file_id"], "file_unique_id": stored["file_unique_id"]}
        size = len(stored["content"])
        if kind == "photo":
            # One size, the one sent: Telegram adds smaller ones, which the bot never reads.
            width, height = self._photo_sizes.get(stored["file_id"], (320, 320))
            return [{**ids, "width": width, "height": height, "file_size": size}]
        if kind == "sticker":
            return {
                **ids,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        duration = stored.get("duration", 3)
        if kind == "video":
            return {
                **ids,
                "width": 640,
                "height": 360,
                "duration": duration,
                "mime_type": stored["mime_type"],
            }
        if kind == "voice":
            return {
                **ids,
                "duration": duration,
                "mime_type": stored["mime_type"],
                "file_size": size,
            }
        return {
            **ids,
            "file_name": stored["file_name"],
            "mime_type": stored["mime_type"],
            "file_size": size,
        }

    def _message_for_edit(self, params: JsonDict) -> JsonDict:
        if "inline_message_id" in params:
            _bad("Bad Request: MESSAGE_ID_INVALID")
        chat_id = self._resolve_chat(params, sending=True)
        message_id = params.get("message_id")
        if message_id is None:
            _bad("Bad Request: message identifier is not specified")
        record = self._messages.get((chat_id, message_id))
        if record is None:
            _bad(ERR_EDIT_NOT_FOUND)
        if not record["outgoing"]:
            _bad("Bad Request: message can't be edited")
        return record

    def _check_reply_target(self, chat_id: int, params: JsonDict) -> None:
        reply = params.get("reply_parameters")
        target = reply.get("message_id") if isinstance(reply, dict) else None
        target = params.get("reply_to_message_id", target)
        allow = params.get("allow_sending_without_reply") or (
            isinstance(reply, dict) and reply.get("allow_sending_without_reply")
        )
        if target is not None and (chat_id, target) not in self._messages and not allow:
            _bad("Bad Request: message to be replied not found")

    def _stored_markup(self, markup: JsonDict | None) -> JsonDict | None:
        # Telegram only echoes inline keyboards back on messages; an empty one means none.
        if markup and markup.get("inline_keyboard"):
            return copy.deepcopy(markup)
        return None

    # ------------------------------------------------------------------ method handlers

    def _get_me(self, _params: JsonDict) -> JsonDict:
        return dict(self.bot_user)

    def _deliver(self, params: JsonDict, method: str, content: JsonDict) -> JsonDict:
        """Send a message whose own content was checked: then, as Telegram does, its keyboard,
        the chat and the message it replies to; stored as the bot's."""
        markup = _check_reply_markup(params.get("reply_markup"))
        chat_id = self._resolve_chat(params, sending=True)
        if chat_id < 0 and _has_web_app(markup):
            # Telegram opens a Web App from a button in a private chat only.
            _bad(ERR_BUTTON_TYPE)
        self._check_reply_target(chat_id, params)
        record = self._new_record(chat_id, outgoing=True, sender=dict(self.bot_user))
        record.update(content, method=method, reply_markup=self._stored_markup(markup))
        return self._message_json(record)

    def _send_message(self, params: JsonDict) -> JsonDict:
        parsed = _message_text(params)
        content = {
            "text": params["text"],
            "plain_text": parsed.text,
            "entities": parsed.entities,
            "parse_mode": params.get("parse_mode"),
        }
        return self._deliver(params, "sendMessage", content)

    def _edit_message_text(self, params: JsonDict) -> JsonDict:
        parsed = _message_text(params)
        markup = self._stored_markup(_check_reply_markup(params.get("reply_markup"), inline=True))
        record = self._message_for_edit(params)
        if record["plain_text"] is None:
            _bad("Bad Request: there is no text in the message to edit")
        current = (record["plain_text"], record["entities"], record["reply_markup"])
        if current == (parsed.text, parsed.entities, markup):
            _bad(ERR_NOT_MODIFIED)
        record.update(
            text=params["text"],
            plain_text=parsed.text,
            entities=parsed.entities,
            parse_mode=params.get("parse_mode"),
            reply_markup=markup,
            edit_date=int(self._wall_clock()),
        )
        return self._message_json(record)

    def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        markup = self._stored_markup(_check_reply_markup(params.get("reply_markup"), inline=True))
        record = self._message_for_edit(params)
        if record["reply_markup"] == markup:
            _bad(ERR_NOT_MODIFIED)
        record.update(reply_markup=markup, edit_date=int(self._wall_clock()))
        return self._message_json(record)

    def _delete_message(self, params: JsonDict) -> bool:
        chat_id = self._resolve_chat(params, sending=False)
        message_id = params.get("message_id")
        if (
            not isinstance(message_id, int)
            or self._messages.pop((chat_id, message_id), None) is None
        ):
            _bad(ERR_DELETE_NOT_FOUND)
        return True

    def _answer_callback_query(self, params: JsonDict) -> bool:
        query_id = params.get("callback_query_id")
        if not isinstance(query_id, str) or self._callback_queries.get(query_id) is not False:
            _bad(ERR_QUERY_INVALID)
        text = params.get("text")
        if isinstance(text, str) and utf16_len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            _bad("Bad Request: MESSAGE_TOO_LONG")
        self._callback_queries[query_id] = True
        self.callback_answers[query_id] = dict(params)
        return True

    def _send_venue(self, params: JsonDict) -> JsonDict:
        location = _check_location(params)
        for field in ("title", "address"):
            value = params.get(field)
            if not isinstance(value, str) or not value.strip():
                _bad(f"Bad Request: venue {field} must be non-empty")
        venue = {"location": location, "title": params["title"], "address": params["address"]}
        return self._deliver(params, "sendVenue", {"location": location, "venue": venue})

    def _send_document(self, params: JsonDict) -> JsonDict:
        return self._send_file(params, "document")

    def _send_photo(self, params: JsonDict) -> JsonDict:
        return self._send_file(params, "photo")

    def _send_voice(self, params: JsonDict) -> JsonDict:
        return self._send_file(params, "voice")

    def _send_file(self, params: JsonDict, kind: str) -> JsonDict:
        upload = self._resolve_file(params.get(kind), kind)
        caption = params.get("caption")
        parsed = _format_text(
            caption,
            params.get("parse_mode"),
            params.get("caption_entities"),
            limit=MAX_CAPTION_LENGTH,
            too_long=ERR_CAPTION_TOO_LONG,
            required=False,
        )
        file_id, file_unique_id = upload
        stored = self._files[file_id]
        content = {
            kind: {
                "file_id": file_id,
                "file_unique_id": file_unique_id,
                "file_name": stored.filename,
                "mime_type": stored.mime_type,
                "content": stored.content,
            },
            "caption": caption if parsed.text else None,
            "plain_caption": parsed.text or None,
            "caption_entities": parsed.entities,
            "parse_mode": params.get("parse_mode"),
        }
        return self._deliver(params, _SEND_METHOD_OF_KIND[kind], content)

    def _resolve_file(self, value: Any, kind: str) -> tuple[str, str]:
        """Store an upload (or look up a file_id) and return ``(file_id, file_unique_id)``."""
        if value is None or value == "":
            _bad(f"Bad Request: there is no {kind} in the request")
        if isinstance(value, UploadedFile):
            if not value.content:
                _bad("Bad Request: file must be non-empty")
            size = _check_photo(value.content) if kind == "photo" else None
            number = next(self._ids)
            file_id = f"{kind.upper()}-FILE-{number}"
            if size is not None:
                self._photo_sizes[file_id] = size
            self._files[file_id] = value
            self._file_kinds[file_id] = kind
            return file_id, f"unique-{number}"
        if isinstance(value, str) and value in self._files:
            known = self._file_kinds.get(value, kind)
            if known != kind:
                _bad(f"Bad Request: can't use file of type {known.title()} as {kind.title()}")
            return value, f"unique-{value.rsplit('-', 1)[-1]}"
        if isinstance(value, str) and re.match(r"https?://", value):
            number = next(self._ids)
            file_id = f"{kind.upper()}-URL-{number}"
            name = urlsplit(value).path.rsplit("/", 1)[-1] or "file"
            self._files[file_id] = UploadedFile(name, b"", "application/octet-stream")
            return file_id, f"unique-{number}"
        _bad("Bad Request: wrong file identifier/HTTP URL specified")

    def _get_file(self, params: JsonDict) -> JsonDict:
        file_id = params.get("file_id")
        if not isinstance(file_id, str) or file_id not in self._files:
            _bad(ERR_FILE_ID)
        stored = self._files[file_id]
        kind = self._file_kinds.get(file_id, "document")
        answer: JsonDict = {
            "file_id": file_id,
            "file_unique_id": f"unique-{file_id.rsplit('-', 1)[-1]}",
            "file_size": len(stored.content),
        }
        # Like Telegram: a file too big for a bot to download has no path.
        if len(stored.content) <= MAX_DOWNLOAD_BYTES:
            extension = {"voice": "oga", "photo": "jpg"}.get(kind, "bin")
            path = f"{kind}s/file_{file_id.rsplit('-', 1)[-1]}.{extension}"
            self._file_paths[path] = file_id
            answer["file_path"] = path
        return answer

    def _set_my_commands(self, params: JsonDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            _bad("Bad Request: can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            _bad("Bad Request: BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JsonDict] = []
        for command in commands:
            if not isinstance(command, dict):
                _bad("Bad Request: can't parse BotCommand: expected an Object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
                _bad("Bad Request: BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not description.strip():
                _bad("Bad Request: command description must be non-empty")
            if len(description) > 256:
                _bad("Bad Request: command description is too long")
            cleaned.append({"command": name, "description": description})
        key = (self._scope(params), self._language_code(params))
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        key = (self._scope(params), self._language_code(params))
        return copy.deepcopy(self._commands.get(key, []))

    def _delete_my_commands(self, params: JsonDict) -> bool:
        self._commands.pop((self._scope(params), self._language_code(params)), None)
        return True

    def _scope(self, params: JsonDict) -> str:
        scope = params.get("scope")
        if scope is None:
            return _scope_key({"type": "default"})
        if not isinstance(scope, dict) or scope.get("type") not in _SCOPE_TYPES:
            _bad("Bad Request: can't parse BotCommandScope: unsupported type")
        scope = dict(scope)
        if scope["type"] in ("chat", "chat_administrators", "chat_member"):
            scope["chat_id"] = _coerce_int("chat_id", scope.get("chat_id", ""))
            self._resolve_chat(scope, sending=False)
        if scope["type"] == "chat_member":
            scope["user_id"] = _coerce_int("user_id", scope.get("user_id", ""))
        return _scope_key(scope)

    @staticmethod
    def _language_code(params: JsonDict) -> str:
        language_code = params.get("language_code") or ""
        if not isinstance(language_code, str) or not _LANGUAGE_RE.fullmatch(language_code):
            _bad("Bad Request: invalid language code specified")
        return language_code

    def _set_chat_menu_button(self, params: JsonDict) -> bool:
        chat_id = params.get("chat_id")
        if chat_id is not None:
            chat_id = self._resolve_chat(params, sending=False)
            if chat_id < 0:
                _bad("Bad Request: menu button can be changed only in private chats")
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "default",
            "commands",
            "web_app",
        ):
            _bad("Bad Request: can't parse menu button: unsupported type")
        if button["type"] == "web_app":
            web_app = button.get("web_app")
            url = web_app.get("url") if isinstance(web_app, dict) else None
            if not button.get("text") or not isinstance(url, str):
                _bad("Bad Request: can't parse menu button: text and web_app are required")
            if not url.startswith("https://"):
                _bad("Bad Request: BUTTON_URL_INVALID")
        self._menu_buttons[chat_id] = copy.deepcopy(button)
        return True

    def _get_chat_menu_button(self, params: JsonDict) -> JsonDict:
        chat_id = params.get("chat_id")
        if chat_id is not None:
            chat_id = self._resolve_chat(params, sending=False)
        button = self._menu_buttons.get(chat_id) or self._menu_buttons.get(None)
        return copy.deepcopy(button or {"type": "commands"})

    def _get_updates(self, params: JsonDict, *, block: bool = False) -> list[JsonDict]:
        if self.webhook_url:
            raise _Rejected(HTTPStatus.CONFLICT, ERR_WEBHOOK_ACTIVE)
        offset = params.get("offset")
        if isinstance(offset, int) and offset > 0:
            # Telegram forgets every update below the offset: they count as confirmed.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif isinstance(offset, int) and offset < 0:
            # "-n": the last n updates; all previous updates are forgotten (Bot API, getUpdates).
            self._updates = self._updates[offset:]
        limit = params.get("limit") or 100
        if not isinstance(limit, int):
            _bad("Bad Request: invalid limit specified")
        limit = min(max(limit, 1), 100)
        timeout = params.get("timeout") or 0
        if block and isinstance(timeout, int) and timeout > 0 and not self._pending(offset):
            generation = self._wake_generation
            self._updates_changed.wait_for(
                lambda: bool(self._pending(offset)) or self._wake_generation != generation,
                timeout,
            )
        return copy.deepcopy(self._pending(offset)[:limit])

    def _delete_webhook(self, params: JsonDict) -> bool:
        self.webhook_url = ""
        self.webhook_secret = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _set_webhook(self, params: JsonDict) -> bool:
        url = str(params.get("url") or "")
        if not url:  # an empty address removes the webhook, as deleteWebhook does
            return self._delete_webhook(params)
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            _bad(ERR_WEBHOOK_HTTPS)
        try:
            port = parts.port or 443
        except ValueError:
            _bad(ERR_WEBHOOK_PORT)
        if port not in WEBHOOK_PORTS:
            _bad(ERR_WEBHOOK_PORT)
        secret = params.get("secret_token")
        if secret is not None and not WEBHOOK_SECRET.fullmatch(str(secret)):
            _bad(ERR_WEBHOOK_SECRET)
        connections = params.get("max_connections")
        if connections is not None and not (
            isinstance(connections, int) and 1 <= connections <= 100
        ):
            _bad(ERR_WEBHOOK_CONNECTIONS)
        allowed = params.get("allowed_updates")
        if allowed is not None and (
            not isinstance(allowed, list)
            or not all(isinstance(kind, str) and kind in UPDATE_TYPES for kind in allowed)
        ):
            _bad(ERR_ALLOWED_UPDATES)
        self.webhook_url = url
        self.webhook_secret = str(secret or "")
        if connections is not None:
            self.webhook_max_connections = connections
        if allowed is not None:
            self.webhook_allowed_updates = list(allowed)
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._wake()
        return True

    def _get_webhook_info(self, _params: JsonDict) -> JsonDict:
        info: JsonDict = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook_url:
            info["max_connections"] = self.webhook_max_connections
            if self.webhook_allowed_updates is not None:
                info["allowed_updates"] = list(self.webhook_allowed_updates)
        return info

    def _get_chat(self, params: JsonDict) -> JsonDict:
        chat_id = params.get("chat_id")
        if isinstance(chat_id, int) and chat_id > 0 and chat_id in self._users:
            chat = self._chat_json(chat_id)
        else:
            chat = self._chat_json(self._resolve_chat(params, sending=False))
        chat.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return chat


def _scope_key(scope: JsonDict) -> str:
    return json.dumps(scope, sort_keys=True)


def _summary(params: JsonDict) -> str:
    parts = []
    for key, value in params.items():
        if isinstance(value, UploadedFile):
            shown = f"<file {value.filename} {len(value.content)}B>"
        else:
            shown = repr(value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
        parts.append(f"{key}={shown}")
    return ", ".join(parts)


def _callback_data(markup: JsonDict | None) -> list[str]:
    rows = (markup or {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row if "callback_data" in button]


def _format_text(
    text: Any,
    parse_mode: Any,
    entities: Any,
    *,
    limit: int,
    too_long: str,
    required: bool,
) -> ParsedText:
    """Parse a text/caption as Telegram would and enforce emptiness and length limits."""
    if text is None or text == "":
        if required:
            _bad(ERR_TEXT_EMPTY)
        return ParsedText("", [])
    if not isinstance(text, str):
        _bad("Bad Request: text must be a String")
    mode = str(parse_mode or "").lower()
    if mode == "html":
        try:
            parsed = parse_html(text)
        except EntityParseError as exc:
            _bad(f"{ERR_PARSE_ENTITIES}{exc}")
    elif mode in ("", "markdown", "markdownv2"):
        # Markdown is not parsed: the raw text is checked against the limits.
        explicit = entities if mode == "" and isinstance(entities, list) else []
        parsed = ParsedText(text.strip(), copy.deepcopy(explicit))
    else:
        _bad("Bad Request: unsupported parse_mode")
    if not parsed.text and required:
        _bad(ERR_TEXT_EMPTY)
    if utf16_len(parsed.text) > limit:
        _bad(too_long)
    return parsed


def _message_text(params: JsonDict) -> ParsedText:
    """The text of sendMessage or editMessageText, checked as Telegram checks it."""
    return _format_text(
        params.get("text"),
        params.get("parse_mode"),
        params.get("entities"),
        limit=MAX_TEXT_LENGTH,
        too_long=ERR_TOO_LONG,
        required=True,
    )


def _check_photo(content: bytes) -> tuple[int, int]:
    """An uploaded photo as Telegram checks it: its size in bytes, that it is an image it
    can read, and its dimensions; returns (width, height).

    PNG, JPEG and GIF are read; other formats Telegram takes (WebP) are refused as unreadable
    until the bot sends one.
    """
    if len(content) > MAX_PHOTO_BYTES:
        _bad(ERR_PHOTO_TOO_BIG)
    size = _image_size(content)
    if size is None:
        _bad(ERR_IMAGE_PROCESS)
    width, height = size
    if width < 1 or height < 1 or width + height > MAX_PHOTO_SIDES:
        _bad(ERR_PHOTO_DIMENSIONS)
    if max(width, height) > MAX_PHOTO_RATIO * min(width, height):
        _bad(ERR_PHOTO_DIMENSIONS)
    return width, height


def _image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height from an image's header, or None if it is not a PNG, JPEG or GIF."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR":
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        return int.from_bytes(content[6:8], "little"), int.from_bytes(content[8:10], "little")
    if content.startswith(b"\xff\xd8"):
        return _jpeg_size(content)
    return None


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    """Walk a JPEG's segments to its frame header (SOF0-SOF15, but not DHT, JPG or DAC)."""
    at = 2
    while at + 4 <= len(content):
        if content[at] != 0xFF:
            return None
        marker = content[at + 1]
        length = int.from_bytes(content[at + 2 : at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if at + 9 > len(content):
                return None
            height = int.from_bytes(content[at + 5 : at + 7], "big")
            width = int.from_bytes(content[at + 7 : at + 9], "big")
            return width, height
        at += 2 + length
    return None


def _check_location(params: JsonDict) -> JsonDict:
    """A point as the Bot API takes it: both coordinates, latitude ±90, longitude ±180."""
    latitude, longitude = params.get("latitude"), params.get("longitude")
    if latitude is None or longitude is None:
        _bad("Bad Request: wrong latitude or longitude specified")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        _bad("Bad Request: wrong latitude or longitude specified")
    return {"latitude": latitude, "longitude": longitude}


def _check_reply_markup(markup: Any, *, inline: bool = False) -> JsonDict | None:
    """Validate reply_markup like the Bot API; ``inline`` allows only inline keyboards."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        _bad("Bad Request: object expected as reply markup")
    if "inline_keyboard" in markup:
        buttons = _buttons(markup, "inline_keyboard", "inline keyboard", "InlineKeyboardMarkup")
        if len(buttons) > MAX_INLINE_BUTTONS:
            _bad("Bad Request: REPLY_MARKUP_TOO_LONG")
        for button in buttons:
            _check_inline_button(button)
        return markup
    if inline:
        _bad("Bad Request: inline keyboard expected")
    if "keyboard" in markup:
        for button in _buttons(markup, "keyboard", "keyboard", "ReplyKeyboardMarkup"):
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str) or not text:
                _bad('Bad Request: can\'t parse keyboard button: Field "text" must be a String')
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    _bad("Bad Request: can't parse reply keyboard markup JSON object")


def _buttons(markup: JsonDict, field: str, name: str, type_name: str) -> list[Any]:
    """The buttons of a keyboard, row after row; it must be an array of arrays."""
    rows = markup[field]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        _bad(
            f'Bad Request: can\'t parse {name}: field "{field}" of the {type_name} must be an '
            "Array of Arrays"
        )
    return [button for row in rows for button in row]


def _check_inline_button(button: Any) -> None:
    prefix = "Bad Request: can't parse inline keyboard button: "
    if not isinstance(button, dict):
        _bad(prefix + "InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        _bad(prefix + 'Field "text" must be of type String')
    if not text.strip():
        _bad("Bad Request: BUTTON_TEXT_INVALID")
    # Telegram treats an empty callback_data (and pay=false) as if the field were absent.
    actions = [
        action
        for action in _INLINE_ACTIONS
        if action in button
        and not (action == "callback_data" and button[action] == "")
        and not (action == "pay" and button[action] is False)
    ]
    if not actions:
        _bad(ERR_TEXT_BUTTON)
    if len(actions) > 1:
        _bad(prefix + f"exactly one action field must be used, found {', '.join(actions)}")
    if actions[0] == "callback_data":
        data = button["callback_data"]
        if not isinstance(data, str):
            _bad(prefix + 'Field "callback_data" must be of type String')
        if len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
            _bad(ERR_BUTTON_DATA)
    if actions[0] == "url":
        url = button["url"]
        if not isinstance(url, str) or not _BUTTON_URL_RE.fullmatch(url):
            _bad(ERR_BUTTON_URL)
    if actions[0] == "web_app":
        web_app = button["web_app"]
        url = web_app.get("url") if isinstance(web_app, dict) else None
        if not isinstance(url, str) or not _BUTTON_URL_RE.fullmatch(url):
            _bad(prefix + 'Field "url" must be of type String')
        if not url.lower().startswith("https://"):
            _bad(ERR_WEB_APP_HTTPS)


def _has_web_app(markup: JsonDict | None) -> bool:
    rows = (markup or {}).get("inline_keyboard") or []
    return any(isinstance(b, dict) and "web_app" in b for row in rows for b in row)


# ---------------------------------------------------------------------- transports


class FakeRequest(BaseRequest):
    """A PTB transport that answers from a ``FakeBotApi`` in-process, never touching a network.

    Use one instance per PTB request slot (``request`` and ``get_updates_request``).
    Injected timeouts surface as ``telegram.error.TimedOut``.
    """

    def __init__(self, api: FakeBotApi, *, read_timeout: float | None = 5.0) -> None:
        self.api = api
        self._read_timeout = read_timeout
        self._initialized = False

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout PTB adds long-poll timeouts to."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Mark the transport ready (HTTPXRequest would open its client here)."""
        self._initialized = True

    async def shutdown(self) -> None:
        """Mark the transport closed."""
        self._initialized = False

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Route ``<base_url><token>/<method>`` to the fake API and return its JSON answer."""
        if not self._initialized:
            # HTTPXRequest fails the same way, which catches a missing ``async with bot``.
            raise RuntimeError("This FakeRequest is not initialized!")
        path = urlsplit(url).path
        download = re.fullmatch(r".*/file/bot([^/]+)/(.+)", path)
        if download is not None:
            content = self.api.download(unquote(download.group(1)), unquote(download.group(2)))
            if content is None:
                return HTTPStatus.NOT_FOUND, json.dumps(_error_body(404, ERR_NOT_FOUND)).encode()
            return HTTPStatus.OK, content
        segments = path.rstrip("/").split("/")
        if "file" in segments[:-2] or len(segments) < 2 or not segments[-2].startswith("bot"):
            return HTTPStatus.NOT_FOUND, json.dumps(_error_body(404, ERR_NOT_FOUND)).encode()
        api_method, token = segments[-1], unquote(segments[-2].removeprefix("bot"))
        params = request_data_to_params(request_data)
        if api_method.lower() == "getupdates":
            await self.api.wait_for_updates(params)
        try:
            status, body = self.api.handle(api_method, params, token=token, block=False)
        except InjectedTimeout as exc:
            raise TimedOut(f"Timed out (injected by FakeBotApi for {exc})") from exc
        return status, json.dumps(body).encode()


def make_bot_request(api: FakeBotApi) -> FakeRequest:
    """A fresh ``FakeRequest`` bound to ``api`` (PTB needs one per request slot)."""
    return FakeRequest(api)


def _parse_multipart(content_type: str, body: bytes) -> JsonDict:
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if match is None:
        raise ValueError("multipart body without boundary")
    delimiter = b"--" + match.group(1).encode("latin-1")
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for section in body.split(delimiter)[1:]:
        if section.startswith(b"--"):
            break
        head, _, content = section.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name_match = re.search(r'(?:^|;)\s*name="([^"]*)"', disposition)
        if name_match is None:
            raise ValueError("multipart part without a name")
        name = unquote(name_match.group(1))
        filename_match = re.search(r'filename="([^"]*)"', disposition)
        if filename_match is None:
            fields[name] = content.decode("utf-8")
        else:
            mime_type = headers.get("content-type", "application/octet-stream")
            files[name] = UploadedFile(unquote(filename_match.group(1)), content, mime_type)
    return _params_from_wire(fields, files)


def _parse_body(content_type: str, body: bytes) -> JsonDict:
    """Decode a Bot API request body of any content type Telegram accepts."""
    if not body:
        return {}
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json":
        decoded = json.loads(body)
        if not isinstance(decoded, dict):
            raise ValueError("JSON body must be an object")
        return decoded
    if kind == "multipart/form-data":
        return _parse_multipart(content_type, body)
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Telegram takes a bot's requests side by side: connections opened at once all wait to be
    # accepted (the default backlog of 5 would reset the rest).
    request_queue_size = 256
    api: FakeBotApi

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client killed mid-request (a crash test) drops its connection: not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        """Serve a Bot API call made with GET and query parameters."""
        self._dispatch()

    def do_POST(self) -> None:
        """Serve a Bot API call made with POST."""
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet; the FakeBotApi records every call."""

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if len(body) < length:
            # The client went away in the middle of its request (a process killed while
            # sending): Telegram never sees a request it did not receive whole.
            self.close_connection = True
            return
        download = re.fullmatch(r"/file/bot([^/]+)/(.+)", parts.path)
        if download is not None:
            content = self.server.api.download(
                unquote(download.group(1)), unquote(download.group(2))
            )
            if content is None:
                self._reply(HTTPStatus.NOT_FOUND, _error_body(404, ERR_NOT_FOUND))
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
            return
        match = re.fullmatch(r"/bot([^/]*)/([A-Za-z]+)/?", parts.path)
        if match is None:
            self._reply(HTTPStatus.NOT_FOUND, _error_body(404, ERR_NOT_FOUND))
            return
        token, method = unquote(match.group(1)), match.group(2)
        params: JsonDict = dict(parse_qsl(parts.query, keep_blank_values=True))
        try:
            params.update(_parse_body(self.headers.get("Content-Type", ""), body))
        except ValueError as exc:
            self._reply(HTTPStatus.BAD_REQUEST, _error_body(400, f"Bad Request: {exc}"))
            return
        try:
            status, payload = self.server.api.handle(method, params, token=token)
        except InjectedTimeout:
            # Drop the connection unanswered: the client sees a network failure.
            self.close_connection = True
            return
        self._reply(status, payload)

    def _reply(self, status: int, payload: JsonDict) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FakeBotApiServer:
    """Serves a ``FakeBotApi`` over real HTTP on 127.0.0.1 in a daemon thread.

    ``start()`` returns ``base_url`` = ``http://127.0.0.1:PORT/bot``; pass exactly that as
    ``telegram.Bot(token, base_url=...)`` or ``ApplicationBuilder().base_url(...)``. PTB 22
    appends the token itself, so requests arrive as ``/bot<token>/<method>``. Injected
    timeouts drop the connection, which PTB reports as ``telegram.error.NetworkError``.
    """

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """The value for PTB's ``base_url`` (the token is appended by PTB)."""
        if self._server is None:
            raise RuntimeError("the server is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    @property
    def base_file_url(self) -> str:
        """The value for PTB's ``base_file_url``: files getFile gave a path to download here."""
        return self.base_url.removesuffix("/bot") + "/file/bot"

    def start(self) -> str:
        """Start serving and return ``base_url``."""
        if self._server is not None:
            return self.base_url
        server = _Server(("127.0.0.1", 0), _Handler)
        server.api = self.api
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeBotApiServer",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving, releasing any getUpdates long poll in progress."""
        if self._server is None:
            return
        self.api.interrupt_long_polls()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeBotApiServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
