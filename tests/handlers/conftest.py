"""The real Application on a fake Telegram transport, driven update by update."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.app import build_application, runtime
from bot.clock import FakeClock
from bot.config import Settings
from bot.jobs.outbox import Report
from bot.jobs.pacing import Pacer
from tests.conftest import Database
from tests.fakes.telegram import FakeBotApi, FakeRequest

COORDINATOR = 7_000_000_001
TOKEN = "123456:TEST-TOKEN"
ISOLATES = str.maketrans("", "", "\u2068\u2069")


def plain(text: str | None) -> str:
    """Message text as a person reads it, without the invisible bidi isolation marks."""
    return (text or "").translate(ISOLATES)


def make_settings(database: Database, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "DATABASE_URL": database.url,
        "SHURA_COORDINATORS": str(COORDINATOR),
        "SHURA_TIMEZONE": "Asia/Kabul",
        "SHURA_DEFAULT_LANGUAGE": "fa",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class Harness:
    """A running bot and the fake Telegram it talks to."""

    api: FakeBotApi
    app: Application  # type: ignore[type-arg]
    clock: FakeClock
    errors: list[BaseException] = field(default_factory=list)
    # After a decision its messages are sent at once, as the JobQueue's wake-up job would a
    # moment later; a test that wants to provoke errors first turns this off.
    auto_dispatch: bool = True

    async def _process(self, update: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def send(self, user_id: int, text: str, **kwargs: Any) -> None:
        """`user_id` writes `text` (a command or an answer) to the bot."""
        await self._process(self.api.message_update(user_id, text, **kwargs))

    async def share_location(self, user_id: int, latitude: float, longitude: float) -> None:
        """`user_id` shares a location (📎 → Location) in their chat with the bot."""
        await self._process(self.api.location_update(user_id, latitude, longitude))

    async def send_file(self, user_id: int, kind: str, **kwargs: Any) -> str:
        """`user_id` sends a voice note, photo, document, sticker or video; returns its file id."""
        update, file_id = self.api.media_update(user_id, kind, **kwargs)
        await self._process(update)
        return file_id

    async def send_voice(self, user_id: int) -> str:
        return await self.send_file(user_id, "voice")

    async def send_photo(self, user_id: int, caption: str | None = None) -> str:
        return await self.send_file(user_id, "photo", caption=caption)

    async def press(self, user_id: int, data: str, **kwargs: Any) -> None:
        """`user_id` presses the bot's button that carries `data`."""
        await self._process(self.api.callback_update(user_id, data, **kwargs))

    async def forge(self, user_id: int, data: str, *, chat_id: int | None = None) -> None:
        """`user_id` sends callback data the bot never offered them (forged, or a stale button)."""
        update = self.api.callback_update(user_id, data, chat_id=chat_id, require_button=False)
        await self._process(update)

    async def press_label(self, user_id: int, label: str, **kwargs: Any) -> None:
        """Press the button whose label contains `label`, on the last message that has one."""
        for message in reversed(self.api.messages(kwargs.get("chat_id", user_id))):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if label in button["text"] and "callback_data" in button:
                        await self.press(
                            user_id,
                            button["callback_data"],
                            message_id=message["message_id"],
                            **kwargs,
                        )
                        return
        raise AssertionError(f"no button labelled {label!r} for {user_id}")

    def texts(self, chat_id: int) -> list[str]:
        """What the bot's messages in `chat_id` say now (edits applied)."""
        return [plain(m["plain_text"]) for m in self.api.messages(chat_id)]

    def last(self, chat_id: int) -> str:
        return plain(self.api.last_message(chat_id)["plain_text"])

    def labels(self, chat_id: int) -> list[str]:
        return [plain(b["text"]) for b in self.api.buttons(chat_id)]

    def data(self, chat_id: int) -> list[str]:
        return [b["callback_data"] for b in self.api.buttons(chat_id) if "callback_data" in b]

    async def dispatch(self) -> Report:
        """One run of the outbox dispatcher, as the JobQueue tick would do it."""
        return await runtime(self.app).dispatcher.run_once()

    def answers(self) -> list[dict[str, Any]]:
        """The answers to callback queries, in order."""
        return [call.params for call in self.api.sent("answerCallbackQuery")]


async def start_harness(
    database: Database,
    clock: FakeClock,
    api: FakeBotApi | None = None,
    *,
    request: FakeRequest | None = None,
    auto_dispatch: bool = True,
    **settings: Any,
) -> Harness:
    api = api or FakeBotApi()
    app = build_application(
        make_settings(database, **settings),
        clock=clock,
        request=request or FakeRequest(api),
        get_updates_request=FakeRequest(api),
        schema=database.schema,
    )
    harness = Harness(api, app, clock, auto_dispatch=auto_dispatch)

    async def record_error(_update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            harness.errors.append(context.error)

    app.add_error_handler(record_error)
    # Pacing is proven in its own tests; here sends go out without real waiting.
    dispatcher = runtime(app).dispatcher
    dispatcher.pacer = Pacer(1000, sleep=_no_sleep)
    wake_later = dispatcher.wake

    async def wake() -> None:
        if harness.auto_dispatch:
            await dispatcher.run_once()
        else:
            await wake_later()

    dispatcher.wake = wake  # type: ignore[method-assign]
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    return harness


async def _no_sleep(_seconds: float) -> None:
    return None


async def stop_harness(harness: Harness) -> None:
    await harness.app.shutdown()
    if harness.app.post_shutdown:
        await harness.app.post_shutdown(harness.app)


@pytest.fixture
async def bot(database: Database, clock: FakeClock) -> AsyncIterator[Harness]:
    harness = await start_harness(database, clock)
    yield harness
    await stop_harness(harness)
    assert not harness.errors, f"handlers raised: {harness.errors!r}"
    harness.api.assert_no_problems()
