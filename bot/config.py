"""Settings read from the environment or a `.env` file."""

from __future__ import annotations

import re
import zoneinfo
from datetime import timedelta
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.i18n.calendar import parse_offset, parse_offsets

Language = Literal["en", "fa", "ps"]
LANGUAGES: tuple[Language, ...] = ("en", "fa", "ps")

DEFAULT_DATABASE_URL = "sqlite:///data/shura.db"
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
# What Telegram accepts for a webhook: its ports, and the characters of a secret token.
WEBHOOK_PORTS = (None, 443, 80, 88, 8443)
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    """Everything Shura can be told at start-up; names match the environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(default=DEFAULT_API_BASE_URL, alias="TELEGRAM_API_BASE_URL")
    database_url: str = Field(default=DEFAULT_DATABASE_URL, alias="DATABASE_URL")
    coordinators: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), alias="SHURA_COORDINATORS"
    )
    timezone: str = Field(default="Asia/Kabul", alias="SHURA_TIMEZONE")
    default_language: Language = Field(default="fa", alias="SHURA_DEFAULT_LANGUAGE")

    invitation_lead: timedelta = Field(default=timedelta(days=7), alias="SHURA_INVITATION_LEAD")
    reminders: Annotated[tuple[timedelta, ...], NoDecode] = Field(
        default=(timedelta(days=1), timedelta(hours=2)), alias="SHURA_REMINDERS"
    )
    # Before the meeting, people who have not answered get one nudge; "off" turns it off.
    nudge: timedelta | None = Field(default=timedelta(days=3), alias="SHURA_NUDGE")
    series_lead: timedelta = Field(default=timedelta(days=14), alias="SHURA_SERIES_LEAD")
    meeting_length: timedelta = Field(default=timedelta(hours=2), alias="SHURA_MEETING_LENGTH")
    # Check-in opens this long before a meeting starts and closes this long after it ends.
    checkin_margin: timedelta = Field(default=timedelta(hours=1), alias="SHURA_CHECKIN_MARGIN")
    # The outcome summary goes to the coordination group this long after a meeting ends.
    summary_delay: timedelta = Field(default=timedelta(hours=2), alias="SHURA_SUMMARY_DELAY")
    # Messages per second the outbox may send: below Telegram's ~30/s so replies to taps fit.
    send_rate: float = Field(default=25.0, gt=0, le=1000, alias="SHURA_SEND_RATE")
    # Outbox messages between claim and recorded answer: at least rate x round trip to Telegram
    # (25/s x 300 ms = 7.5), with room for the database's part of each message's turn.
    send_concurrency: int = Field(default=16, ge=1, le=64, alias="SHURA_SEND_CONCURRENCY")
    # Dots each person may put on the concerns raised for one meeting (one per concern).
    agenda_dots: int = Field(default=3, ge=1, le=20, alias="SHURA_AGENDA_DOTS")
    # Dot voting closes this long before the meeting starts (0: when it starts), and the
    # most-dotted concerns become its agenda.
    agenda_closes_before: timedelta = Field(
        default=timedelta(0), alias="SHURA_AGENDA_CLOSES_BEFORE"
    )
    # Half-finished dialogs and the contents of messages already sent are deleted after this.
    retention: timedelta = Field(default=timedelta(days=30), alias="SHURA_RETENTION")
    # Who sent a concern is forgotten this long after its meeting ends: a week to read the
    # outcome in /myconcerns, then nobody, not even the bot, can say who sent it.
    concern_link_retention: timedelta = Field(
        default=timedelta(days=7), alias="SHURA_CONCERN_LINK_RETENTION"
    )
    # An action item's owner is reminded this long before 09:00 on its due day.
    action_reminder: timedelta = Field(default=timedelta(days=2), alias="SHURA_ACTION_REMINDER")
    # The organizers' board, a Telegram Mini App: the public HTTPS address Telegram opens
    # (unset: the board is off), where the bot's web server listens, and how old Telegram's
    # signed launch data may be.
    web_url: str | None = Field(default=None, alias="SHURA_WEB_URL")
    web_listen: str = Field(default="127.0.0.1:8080", alias="SHURA_WEB_LISTEN")
    web_auth_max_age: timedelta = Field(default=timedelta(hours=1), alias="SHURA_WEB_AUTH_MAX_AGE")
    # Webhook mode (`shura run --webhook`): the public HTTPS address Telegram posts updates to,
    # where the leader's web server listens for them behind the reverse proxy (the board too,
    # when it is on), and the secret token Telegram sends with every update.
    webhook_url: str | None = Field(default=None, alias="SHURA_WEBHOOK_URL")
    webhook_listen: str = Field(default="127.0.0.1:8081", alias="SHURA_WEBHOOK_LISTEN")
    webhook_secret: SecretStr | None = Field(default=None, alias="SHURA_WEBHOOK_SECRET")

    @field_validator(
        "invitation_lead",
        "series_lead",
        "meeting_length",
        "checkin_margin",
        "summary_delay",
        "retention",
        "concern_link_retention",
        "action_reminder",
        "web_auth_max_age",
        mode="before",
    )
    @classmethod
    def _offset(cls, value: object) -> object:
        if isinstance(value, str):
            return _parse_offset(value)
        return value

    @field_validator("agenda_closes_before", mode="before")
    @classmethod
    def _offset_or_zero(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().lower() in ("", "0", "off", "none"):
                return timedelta(0)
            return _parse_offset(value)
        return value

    @field_validator("nudge", mode="before")
    @classmethod
    def _optional_offset(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().lower() in ("", "off", "no", "none", "0"):
                return None
            return _parse_offset(value)
        return value

    @field_validator("reminders", mode="before")
    @classmethod
    def _offsets(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().lower() in ("", "off", "none"):
                return ()
            try:
                return tuple(parse_offsets(value))
            except ValueError:
                raise ValueError("must be offsets like 1d,2h,30m (or off)") from None
        return value

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _blank_token_is_missing(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("web_url", mode="before")
    @classmethod
    def _https_url(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().rstrip("/")
            if not value:
                return None
            # Telegram opens a Web App only over HTTPS.
            if not value.lower().startswith("https://") or len(value) <= len("https://"):
                raise ValueError("must be the board's public https:// address (or empty: off)")
        return value

    @field_validator("webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _blank_is_missing(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        try:
            port = parts.port
        except ValueError:
            port = -1
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError("must be an https:// address (Telegram posts only to HTTPS)")
        if port not in WEBHOOK_PORTS:
            raise ValueError("Telegram posts only to the ports 443, 80, 88 and 8443")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1 to 256 characters: letters A-Z and a-z, digits, _ and -")
        return value

    @field_validator("web_listen", "webhook_listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, _, port = value.strip().rpartition(":")
        if not host or not port.isdigit() or not 0 <= int(port) < 65536:
            raise ValueError("must be host:port, e.g. 127.0.0.1:8080")
        return value.strip()

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:/// or postgresql+psycopg:// URL")
        return value

    @field_validator("coordinators", mode="before")
    @classmethod
    def _parse_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            try:
                return frozenset(int(part) for part in parts if part)
            except ValueError:
                raise ValueError(
                    "must be Telegram user ids separated by commas, e.g. 12345,67890"
                ) from None
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone such as Asia/Kabul") from None
        return value

    @field_validator("default_language", mode="before")
    @classmethod
    def _lowercase_language(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


def _parse_offset(value: str) -> timedelta:
    try:
        return parse_offset(value)
    except ValueError:
        raise ValueError("must be an offset like 7d, 2h or 30m") from None


class SettingsError(Exception):
    """A setting has a value Shura cannot use; the message names the setting."""


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one readable message."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "settings"
            field = Settings.model_fields.get(name)
            env_name = field.alias if field and field.alias else name
            lines.append(f"{env_name}: {error['msg'].removeprefix('Value error, ')}")
        raise SettingsError("\n".join(lines)) from None
