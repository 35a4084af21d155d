"""Who opened the board: Telegram's signed launch data (`initData`), checked as Telegram says.

https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app: the data is a
query string; its `hash` is the hex HMAC-SHA256 of every other field, sorted by name and joined
by newlines as `name=value`, keyed with HMAC-SHA256(key="WebAppData", msg=<bot token>). Only
Telegram and the bot know the token, so a valid hash means Telegram vouches for the user.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from bot.services.people import TelegramUser

SCHEME = "tma"  # Authorization: tma <initData>
# Launch data from a device whose clock runs a little ahead is still taken.
CLOCK_SKEW = timedelta(minutes=5)
LIMIT = 8192  # characters of initData; Telegram's is well under 1,000


class InvalidInitData(Exception):
    """The launch data is missing, malformed, not Telegram's for this bot, or too old.

    Its message is for logs only; the person gets 401 and nothing else.
    """


def data_check_string(fields: dict[str, str]) -> str:
    """Every field but `hash`, sorted by name, as `name=value` lines."""
    return "\n".join(f"{name}={fields[name]}" for name in sorted(fields) if name != "hash")


def signature(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram puts in launch data with these fields, for this bot."""
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def from_header(header: str | None) -> str:
    """The launch data in an `Authorization: tma <initData>` header."""
    scheme, _, value = (header or "").strip().partition(" ")
    if scheme.lower() != SCHEME or not value.strip():
        raise InvalidInitData("no tma authorization")
    return value.strip()


def verify(init_data: str, bot_token: str, now: datetime, max_age: timedelta) -> TelegramUser:
    """The user the launch data vouches for, if it is Telegram's, for this bot, and recent."""
    if not init_data or len(init_data) > LIMIT:
        raise InvalidInitData("missing or oversized")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidInitData("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        # Two values for one name: which one was signed is ambiguous.
        raise InvalidInitData("a field given twice")
    given = fields.get("hash", "")
    if not hmac.compare_digest(given.encode(), signature(fields, bot_token).encode()):
        raise InvalidInitData("wrong hash")
    try:
        signed_at = datetime.fromtimestamp(int(fields.get("auth_date", "")), UTC)
    except (ValueError, OverflowError, OSError):
        raise InvalidInitData("no auth_date") from None
    if signed_at < now - max_age:
        raise InvalidInitData("expired")
    if signed_at > now + CLOCK_SKEW:
        raise InvalidInitData("signed in the future")
    return _user(fields.get("user"))


def _user(raw: str | None) -> TelegramUser:
    try:
        data = json.loads(raw or "")
    except ValueError:
        raise InvalidInitData("no user") from None
    if not isinstance(data, dict):
        raise InvalidInitData("no user")
    user_id = data.get("id")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise InvalidInitData("no user id")
    if data.get("is_bot"):
        raise InvalidInitData("a bot")

    def text(name: str) -> str | None:
        value = data.get(name)
        return value if isinstance(value, str) else None

    return TelegramUser(
        tg_user_id=user_id,
        first_name=text("first_name") or "",
        last_name=text("last_name"),
        username=text("username"),
        language_code=text("language_code"),
    )
