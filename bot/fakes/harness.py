"""The real Application on the fake Telegram, driven update by update as people tap and type.

The handler tests and `shura demo` both drive the bot through this: updates go through
`Application.process_update` exactly as polling would hand them over, and the scheduled jobs
run when the caller has moved the injected clock, never by waiting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.app import ShuraApplication, build_application, runtime
from bot.clock import FakeClock
from bot.config import Settings
from bot.fakes.telegram import FakeBotApi, FakeRequest
from bot.jobs.outbox import WAKE_JOB_NAME, Report, dispatch_job
from bot.jobs.pacing import Pacer

ISOLATES = str.maketrans("", "", "\u2068\u2069")


def plain(text: str | None) -> str:
    """Message text as a person reads it, without the invisible bidi isolation marks."""
    return (text or "").translate(ISOLATES)


@dataclass
class Harness:
    """A running bot and the fake Telegram it talks to."""

    api: FakeBotApi
    app: ShuraApplication
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

    async def run_jobs(self) -> None:
        """Every scheduled job once, at the clock's time, as the JobQueue would run them when
        their time comes, then the outbox dispatcher to its end."""
        job_queue = self.app.job_queue
        assert job_queue is not None, "the application has no JobQueue"
        for job in job_queue.jobs():
            if job.callback is dispatch_job:
                # Its tick starts a run in the background; the run below is awaited instead.
                if job.name == WAKE_JOB_NAME:
                    job.schedule_removal()
                continue
            await job.run(self.app)
        await self.dispatch()

    async def advance(self, delta: timedelta) -> None:
        """Time passes: the clock moves on by `delta`, then the scheduled jobs run."""
        self.clock.advance(delta)
        await self.run_jobs()


async def start_harness(
    settings: Settings,
    clock: FakeClock,
    api: FakeBotApi | None = None,
    *,
    request: FakeRequest | None = None,
    schema: str | None = None,
    auto_dispatch: bool = True,
) -> Harness:
    """Build the application on the fake transport and start it as `shura run` would, without
    the polling and with the JobQueue left to the caller."""
    api = api or FakeBotApi()
    app = build_application(
        settings,
        clock=clock,
        request=request or FakeRequest(api),
        get_updates_request=FakeRequest(api),
        schema=schema,
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
